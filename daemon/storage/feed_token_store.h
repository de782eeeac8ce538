// FeedTokenStore: the secret calendar address of each agency (schema 0005):
// one random token per agency, made on demand, replaced or deleted to revoke
// the address. Borrows the Database.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "storage/database.h"

namespace nhacviec {

// One agency's calendar token. A plain value.
struct FeedToken {
    std::string agency;      // canonical name
    std::string token;       // 32 characters of base64url: 192 random bits
    std::string created_at;  // when it was made
};

class FeedTokenStore {
public:
    explicit FeedTokenStore(Database& db) : db_(db) {}

    // The agency's token; one is made and stored when it has none.
    Result<FeedToken> get_or_make(const std::string& agency, const std::string& now);
    // A new token for the agency in place of the old one, which stops working.
    Result<FeedToken> replace(const std::string& agency, const std::string& now);
    // Deletes the agency's token; whether it had one.
    Result<bool> revoke(const std::string& agency);
    // Every token, by agency name.
    Result<std::vector<FeedToken>> list();

private:
    Database& db_;
};

// A new random token: 24 bytes from the system's generator, base64url without padding.
Result<std::string> random_feed_token();

}  // namespace nhacviec
