#include "app/console_sessions.h"

#include <catch2/catch.hpp>

#include "common/clock.h"
#include "common/password_hash.h"
#include "links/form_token.h"
#include "links/link_secret.h"
#include "storage/console_session_store.h"
#include "test_support.h"

using namespace nhacviec;
using namespace std::chrono_literals;
using nhacviec::testing::TempDir;

namespace {

std::chrono::sys_seconds at(int hour, int minute) {
    return std::chrono::sys_days{std::chrono::year{2026} / 12 / 7} + std::chrono::hours{hour} +
           std::chrono::minutes{minute};
}

}  // namespace

TEST_CASE("console sessions: login, idle expiry, logout, a disabled account", "[console]") {
    TempDir dir;
    auto db = Database::open(dir / "n.db");
    REQUIRE(db);
    AccountStore accounts(*db);
    REQUIRE(accounts.add("ttv.stc", AccountRole::monitor, {"90/KH-UBND"}, *hash_password("mật khẩu đúng 1"),
                         "2026-12-07T08:00:00+07:00"));
    REQUIRE(accounts.add("admin.b", AccountRole::admin, {}, *hash_password("mật khẩu đúng 2"),
                         "2026-12-07T08:00:00+07:00"));
    FakeClock clock(at(1, 0));
    const auto idle = std::chrono::seconds(8h);

    // An unknown name and a wrong password get the same answer.
    auto unknown = app::log_in(*db, "khong.co", "mật khẩu đúng 1", clock.now());
    REQUIRE(unknown);
    CHECK(std::get<app::LoginRefused>(*unknown) == app::LoginRefused::wrong_name_or_password);
    auto wrong = app::log_in(*db, "ttv.stc", "mật khẩu sai 12", clock.now());
    REQUIRE(wrong);
    CHECK(std::get<app::LoginRefused>(*wrong) == app::LoginRefused::wrong_name_or_password);

    auto in = app::log_in(*db, "ttv.stc", "mật khẩu đúng 1", clock.now());
    REQUIRE(in);
    const app::LoggedIn logged = std::get<app::LoggedIn>(*in);
    CHECK(logged.account.name == "ttv.stc");
    CHECK(logged.session_id.size() == 43);
    CHECK(logged.account.last_login == std::optional<std::string>("2026-12-07T08:00:00+07:00"));
    CHECK((*accounts.find("ttv.stc"))->last_login == std::optional<std::string>("2026-12-07T08:00:00+07:00"));
    // Only the hash of the identifier is stored.
    CHECK_FALSE(*ConsoleSessionStore(*db).find(logged.session_id));
    CHECK(*ConsoleSessionStore(*db).find(app::session_id_hash(logged.session_id)));

    // Each request moves the idle deadline: 7 h 59 min after the last one holds, 8 h does not.
    clock.set(at(8, 59));
    auto held = app::check_session(*db, logged.session_id, clock.now(), idle);
    REQUIRE(held);
    REQUIRE(*held);
    CHECK((*held)->account.name == "ttv.stc");
    CHECK((*held)->id_hash == app::session_id_hash(logged.session_id));
    CHECK((*held)->since == at(1, 0));
    clock.set(at(16, 58));
    CHECK(*app::check_session(*db, logged.session_id, clock.now(), idle));
    clock.set(at(16, 58) + 8h);
    CHECK_FALSE(*app::check_session(*db, logged.session_id, clock.now(), idle));
    // Ended for good: the row is gone.
    CHECK_FALSE(*ConsoleSessionStore(*db).find(app::session_id_hash(logged.session_id)));
    CHECK_FALSE(*app::check_session(*db, logged.session_id, at(17, 0), idle));

    // Logout ends it; the same cookie sent again is refused.
    auto second = std::get<app::LoggedIn>(*app::log_in(*db, "ttv.stc", "mật khẩu đúng 1", at(18, 0)));
    CHECK(*app::check_session(*db, second.session_id, at(18, 1), idle));
    REQUIRE(app::log_out(*db, second.session_id));
    CHECK_FALSE(*app::check_session(*db, second.session_id, at(18, 2), idle));

    // Disabling the account stops its sessions at once, and refuses its logins.
    auto third = std::get<app::LoggedIn>(*app::log_in(*db, "ttv.stc", "mật khẩu đúng 1", at(19, 0)));
    REQUIRE(accounts.set_disabled("ttv.stc", true));
    CHECK_FALSE(*app::check_session(*db, third.session_id, at(19, 1), idle));
    CHECK(std::get<app::LoginRefused>(*app::log_in(*db, "ttv.stc", "mật khẩu đúng 1", at(19, 2))) ==
          app::LoginRefused::disabled);

    // Sessions nobody came back to are ended in one go: idle for 8 h or more.
    auto early = std::get<app::LoggedIn>(*app::log_in(*db, "admin.b", "mật khẩu đúng 2", at(20, 0)));
    auto late = std::get<app::LoggedIn>(*app::log_in(*db, "admin.b", "mật khẩu đúng 2", at(20, 1)));
    CHECK(*app::end_idle_sessions(*db, at(20, 0) + 8h - 1s, idle) == 0);
    CHECK(*app::end_idle_sessions(*db, at(20, 0) + 8h, idle) == 1);
    CHECK_FALSE(*ConsoleSessionStore(*db).find(app::session_id_hash(early.session_id)));
    CHECK(*ConsoleSessionStore(*db).find(app::session_id_hash(late.session_id)));

    // Malformed identifiers are refused without a look at the database.
    CHECK_FALSE(*app::check_session(*db, "", at(19, 3), idle));
    CHECK_FALSE(*app::check_session(*db, std::string(43, '*'), at(19, 3), idle));
    CHECK_FALSE(*app::check_session(*db, std::string(44, 'a'), at(19, 3), idle));
}

TEST_CASE("console forms: a CSRF token is bound to its session", "[console]") {
    TempDir dir;
    auto db = Database::open(dir / "n.db");
    REQUIRE(db);
    REQUIRE(AccountStore(*db).add("a", AccountRole::admin, {}, *hash_password("mật khẩu đúng 1"), "x"));
    auto one = std::get<app::LoggedIn>(*app::log_in(*db, "a", "mật khẩu đúng 1", at(9, 0)));
    auto two = std::get<app::LoggedIn>(*app::log_in(*db, "a", "mật khẩu đúng 1", at(9, 0)));
    const auto first = **app::check_session(*db, one.session_id, at(9, 1), 8h);
    const auto other = **app::check_session(*db, two.session_id, at(9, 1), 8h);
    CHECK(app::form_binding(first) == "console|" + app::session_id_hash(one.session_id));

    LinkSecret secret{std::string(32, 'k')};
    auto token = issue_form_token(secret, app::form_binding(first));
    REQUIRE(token);
    CHECK(check_form_token(secret, app::form_binding(first), *token));
    CHECK_FALSE(check_form_token(secret, app::form_binding(other), *token));  // from another session
    CHECK_FALSE(check_form_token(secret, app::form_binding(first), ""));      // missing
    std::string altered = *token;
    altered.back() = altered.back() == 'A' ? 'B' : 'A';
    CHECK_FALSE(check_form_token(secret, app::form_binding(first), altered));  // wrong
    CHECK_FALSE(check_form_token(LinkSecret{std::string(32, 'j')}, app::form_binding(first), *token));
}
