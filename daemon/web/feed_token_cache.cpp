#include "web/feed_token_cache.h"

#include "common/sha256.h"
#include "web/read_connections.h"

namespace nhacviec {

FeedTokenCache::FeedTokenCache(const Database& owner) : path_(owner.path()), file_(owner.file()) {}

Result<std::optional<std::string>> FeedTokenCache::agency_of(std::string_view token) {
    std::lock_guard lock(mutex_);
    if (!db_) {
        auto opened = open_same_file(path_, file_);
        if (!opened) return opened.error();
        db_.emplace(std::move(*opened));
    }
    try {
        const std::int64_t now_version = db_->sql().execAndGet("PRAGMA data_version").getInt64();
        if (now_version != data_version_) {
            auto read = FeedTokenStore(*db_).list();
            if (!read) return read.error();
            tokens_ = std::move(*read);
            data_version_ = now_version;
        }
    } catch (const std::exception& e) {
        return db_->error(e);
    }
    std::vector<std::string_view> secrets;
    secrets.reserve(tokens_.size());
    for (const auto& t : tokens_) secrets.push_back(t.token);
    const auto index = find_secret(secrets, token);
    if (!index) return std::optional<std::string>();
    return std::optional<std::string>(tokens_[*index].agency);
}

}  // namespace nhacviec
