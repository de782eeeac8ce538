#include "app/console_sessions.h"

#include "common/clock.h"
#include "common/password_hash.h"
#include "common/sha256.h"
#include "storage/console_session_store.h"

namespace nhacviec::app {
namespace {

constexpr std::size_t kSessionIdBytes = 32;
constexpr std::size_t kSessionIdLength = 43;  // base64url of 32 bytes, no padding

// A hash of no password anyone has, checked for an unknown name so that it takes as long as a known one.
const std::string& stand_in_hash() {
    static const std::string hash = hash_password(random_secret(24)).value();
    return hash;
}

}  // namespace

std::string session_id_hash(std::string_view session_id) { return sha256_hex(session_id); }

bool well_formed_session_id(std::string_view session_id) {
    if (session_id.size() != kSessionIdLength) return false;
    for (const char c : session_id)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    return true;
}

std::optional<SessionEnd> session_end(int64_t last_seen, const Account* account, std::string_view password_at_open,
                                      int64_t now, std::chrono::seconds idle) {
    if (now - last_seen >= idle.count()) return SessionEnd::idle;
    if (!account) return SessionEnd::no_account;
    if (account->disabled) return SessionEnd::disabled;
    if (account->password_hash != password_at_open) return SessionEnd::password_changed;
    return std::nullopt;
}

Result<LoginAttempt> begin_log_in(Database& db, std::string_view name, std::string_view password) {
    if (password.size() > kMaxPasswordLength) return LoginAttempt{};
    auto found = AccountStore(db).find(name);
    if (!found) return found.error();
    return LoginAttempt{std::move(*found)};
}

bool password_matches(const LoginAttempt& attempt, std::string_view password) {
    if (!attempt.account) {
        verify_password(stand_in_hash(), password.substr(0, kMaxPasswordLength));
        return false;
    }
    return verify_password(attempt.account->password_hash, password);
}

Result<std::variant<LoggedIn, LoginRefused>> finish_log_in(Database& db, LoginAttempt attempt, bool matched,
                                                           std::chrono::sys_seconds now) {
    using Outcome = std::variant<LoggedIn, LoginRefused>;
    if (!attempt.account || !matched) return Outcome(LoginRefused::wrong_name_or_password);
    if (attempt.account->disabled) return Outcome(LoginRefused::disabled);
    AccountStore accounts(db);
    // Changed while the password was checked: a new password (the one checked no longer opens it), disabled.
    auto now_found = accounts.by_id(attempt.account->id);
    if (!now_found) return now_found.error();
    if (!*now_found || (*now_found)->password_hash != attempt.account->password_hash)
        return Outcome(LoginRefused::wrong_name_or_password);
    if ((*now_found)->disabled) return Outcome(LoginRefused::disabled);
    Account account = std::move(**now_found);
    std::string session_id = random_secret(kSessionIdBytes);
    if (auto created = ConsoleSessionStore(db).create(session_id_hash(session_id), account.id,
                                                      now.time_since_epoch().count());
        !created)
        return created.error();
    const std::string at = format_vietnam_time(now);
    if (auto recorded = accounts.record_login(account.id, at); !recorded) return recorded.error();
    account.last_login = at;
    return Outcome(LoggedIn{std::move(account), std::move(session_id)});
}

Result<std::variant<LoggedIn, LoginRefused>> log_in(Database& db, std::string_view name, std::string_view password,
                                                    std::chrono::sys_seconds now) {
    auto attempt = begin_log_in(db, name, password);
    if (!attempt) return attempt.error();
    const bool matched = password_matches(*attempt, password);
    return finish_log_in(db, std::move(*attempt), matched, now);
}

Result<std::optional<SignedIn>> check_session(Database& db, std::string_view session_id,
                                              std::chrono::sys_seconds now, std::chrono::seconds idle) {
    if (!well_formed_session_id(session_id)) return std::optional<SignedIn>();
    const std::string hash = session_id_hash(session_id);
    ConsoleSessionStore sessions(db);
    auto row = sessions.find(hash);
    if (!row) return row.error();
    if (!*row) return std::optional<SignedIn>();
    const int64_t at = now.time_since_epoch().count();
    std::optional<Account> account;
    // The account is read only for a session that is not idle already.
    if (at - (*row)->last_seen < idle.count()) {
        auto found = AccountStore(db).by_id((*row)->account_id);
        if (!found) return found.error();
        account = std::move(*found);
    }
    // The database ends a session when its account's password changes: the password it holds is the session's.
    const std::string_view password = account ? std::string_view(account->password_hash) : std::string_view();
    if (session_end((*row)->last_seen, account ? &*account : nullptr, password, at, idle)) {
        if (auto removed = sessions.remove(hash); !removed) return removed.error();
        return std::optional<SignedIn>();
    }
    if (at > (*row)->last_seen)
        if (auto touched = sessions.touch(hash, at); !touched) return touched.error();
    return std::optional<SignedIn>(
        SignedIn{std::move(*account), hash, std::chrono::sys_seconds(std::chrono::seconds((*row)->created_at))});
}

Status log_out(Database& db, std::string_view session_id) {
    if (!well_formed_session_id(session_id)) return {};
    auto removed = ConsoleSessionStore(db).remove(session_id_hash(session_id));
    if (!removed) return removed.error();
    return {};
}

Result<int64_t> end_idle_sessions(Database& db, std::chrono::sys_seconds now, std::chrono::seconds idle) {
    // A session last seen at `now - idle` is idle for `idle`: ended, as check_session() would.
    return ConsoleSessionStore(db).remove_idle(now.time_since_epoch().count() - idle.count() + 1);
}

std::string form_binding(const SignedIn& session) { return "console|" + session.id_hash; }

}  // namespace nhacviec::app
