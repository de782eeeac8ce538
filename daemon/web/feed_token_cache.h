// FeedTokenCache: the secret calendar addresses (table feed_tokens) kept in
// memory for the requests that name one. Each look-up first asks its own
// connection whether any connection wrote since the tokens were read
// (PRAGMA data_version, no read of a table), and reads the table again only
// then: an address made, replaced or revoked by another process
// (`nhacviec feed`) serves or stops with the next request, and the look-up
// stays off the event loop. Owned by the Api (shared with the work it hands
// out); agency_of() may be called from any thread (one at a time inside).
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "storage/database.h"
#include "storage/feed_token_store.h"

namespace nhacviec {

class FeedTokenCache {
public:
    // The tokens of the file `owner` (the loop's connection) has open.
    explicit FeedTokenCache(const Database& owner);
    FeedTokenCache(const FeedTokenCache&) = delete;
    FeedTokenCache& operator=(const FeedTokenCache&) = delete;

    // The agency whose secret address `token` is (compared in constant time);
    // nullopt for an unknown, replaced or revoked one; an error when the
    // database cannot be read.
    Result<std::optional<std::string>> agency_of(std::string_view token);

private:
    const std::filesystem::path path_;
    const Database::FileId file_;
    std::mutex mutex_;
    std::optional<Database> db_;        // opened on first use; guarded by mutex_
    std::int64_t data_version_ = -1;    // of db_ when tokens_ were read; -1: read them
    std::vector<FeedToken> tokens_;     // guarded by mutex_
};

}  // namespace nhacviec
