// The console's sessions: logging in with an account's name and password,
// the check every console route makes of the session cookie, logging out.
// A session identifier is 32 random bytes (43 characters of base64url) that
// only the browser keeps; the database keeps its SHA-256. A session ends on
// logout, after `idle` without a request, and at once when its account is
// disabled or its password changed. Functions over a borrowed Database, on
// the thread that owns it (the daemon's event loop, for a login or a
// logout); the time is passed in. The daemon checks a request's session in
// memory (app/console_sessions_table.h), by session_end()'s rules.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "common/result.h"
#include "storage/account_store.h"
#include "storage/database.h"

namespace nhacviec::app {

// A session that holds, with its account as the database has it now. A plain value.
struct SignedIn {
    Account account;
    std::string id_hash;  // the SHA-256 of the session identifier, hex
    std::chrono::sys_seconds since{};  // when the login that opened it was
};

// A login that worked: the account and the new session's identifier (for the cookie only).
struct LoggedIn {
    Account account;
    std::string session_id;
};

// Why a login did not work: an unknown name and a wrong password look the same.
enum class LoginRefused { wrong_name_or_password, disabled };

// The SHA-256 of a session identifier, hex: what the database keeps.
std::string session_id_hash(std::string_view session_id);

// Whether `session_id` has the shape of an identifier this console gives (43 characters of base64url).
bool well_formed_session_id(std::string_view session_id);

// Why a session no longer holds.
enum class SessionEnd { idle, no_account, disabled, password_changed };

// The rules every session check follows (the database's check_session below
// and the daemon's ConsoleSessionTable): a session last seen at `last_seen`
// (Unix seconds) of `account` (nullptr: there is none any more), opened
// under the password hash `password_at_open`, ends when it has been idle for
// `idle` or longer at `now`, when the account is gone or disabled, or when
// its password changed; nullopt when it holds.
std::optional<SessionEnd> session_end(int64_t last_seen, const Account* account, std::string_view password_at_open,
                                      int64_t now, std::chrono::seconds idle);

// Checks the password (an unknown name takes as long as a wrong password),
// then opens a session and records the login.
Result<std::variant<LoggedIn, LoginRefused>> log_in(Database& db, std::string_view name, std::string_view password,
                                                    std::chrono::sys_seconds now);

// log_in() in three steps, so that the password check (argon2id: about a
// tenth of a second) can run on another thread than the database's: the
// account read (begin_log_in), the check (password_matches, any thread),
// then the session opened (finish_log_in). A plain value.
struct LoginAttempt {
    std::optional<Account> account;  // nullopt: no such name, or a password longer than any allowed
};
Result<LoginAttempt> begin_log_in(Database& db, std::string_view name, std::string_view password);
// Whether `password` is the attempt's account's (an unknown name takes as long as a wrong password).
bool password_matches(const LoginAttempt& attempt, std::string_view password);
// A refusal unless `matched`; otherwise opens a session and records the login,
// when the account as the database has it now still has the password checked
// and is not disabled.
Result<std::variant<LoggedIn, LoginRefused>> finish_log_in(Database& db, LoginAttempt attempt, bool matched,
                                                           std::chrono::sys_seconds now);

// The session of `session_id` when it holds at `now` (and its last request
// becomes `now`); nullopt when it is malformed, unknown, ended, idle for
// `idle` or longer (then it is ended), or its account is disabled. Reads
// and writes the database at each call: the daemon checks its sessions in
// memory instead (app/console_sessions_table.h), with the same rules.
Result<std::optional<SignedIn>> check_session(Database& db, std::string_view session_id,
                                              std::chrono::sys_seconds now, std::chrono::seconds idle);

// Ends the session of `session_id` (nothing when there is none).
Status log_out(Database& db, std::string_view session_id);

// Ends every session idle for `idle` or longer at `now` (those nobody came
// back to); how many. Called at each login, so that they do not pile up.
Result<int64_t> end_idle_sessions(Database& db, std::chrono::sys_seconds now, std::chrono::seconds idle);

// What a console form's CSRF token is bound to: the session (see links/form_token).
std::string form_binding(const SignedIn& session);

}  // namespace nhacviec::app
