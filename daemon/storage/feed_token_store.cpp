#include "storage/feed_token_store.h"

#include <SQLiteCpp/Statement.h>
#include <openssl/rand.h>

#include "common/base64.h"

namespace nhacviec {

Result<std::string> random_feed_token() {
    unsigned char bytes[24];
    if (RAND_bytes(bytes, sizeof bytes) != 1) return Error{"cannot draw random bytes for a calendar address"};
    // 24 bytes: 32 characters.
    return base64url_encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

Result<FeedToken> FeedTokenStore::get_or_make(const std::string& agency, const std::string& now) {
    auto token = random_feed_token();
    if (!token) return token.error();
    try {
        // Kept only when the agency has none (another process may have made one meanwhile).
        SQLite::Statement insert(db_.sql(), "INSERT OR IGNORE INTO feed_tokens (agency, token, created_at) VALUES (?, ?, ?)");
        insert.bind(1, agency);
        insert.bind(2, *token);
        insert.bind(3, now);
        insert.exec();
        SQLite::Statement s(db_.sql(), "SELECT token, created_at FROM feed_tokens WHERE agency = ?");
        s.bind(1, agency);
        s.executeStep();
        return FeedToken{agency, s.getColumn(0).getString(), s.getColumn(1).getString()};
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<FeedToken> FeedTokenStore::replace(const std::string& agency, const std::string& now) {
    auto token = random_feed_token();
    if (!token) return token.error();
    try {
        SQLite::Statement s(db_.sql(),
                            "INSERT INTO feed_tokens (agency, token, created_at) VALUES (?, ?, ?) "
                            "ON CONFLICT (agency) DO UPDATE SET token = excluded.token, created_at = excluded.created_at");
        s.bind(1, agency);
        s.bind(2, *token);
        s.bind(3, now);
        s.exec();
        return FeedToken{agency, *token, now};
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<bool> FeedTokenStore::revoke(const std::string& agency) {
    try {
        SQLite::Statement s(db_.sql(), "DELETE FROM feed_tokens WHERE agency = ?");
        s.bind(1, agency);
        return s.exec() > 0;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::vector<FeedToken>> FeedTokenStore::list() {
    try {
        SQLite::Statement s(db_.sql(), "SELECT agency, token, created_at FROM feed_tokens ORDER BY agency");
        std::vector<FeedToken> out;
        while (s.executeStep())
            out.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString()});
        return out;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

}  // namespace nhacviec
