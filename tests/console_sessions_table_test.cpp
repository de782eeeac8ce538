// The console's sessions held in memory (app/console_sessions_table), through
// Api::handle on the real plan at 09:30 on 15 October 2026: a console page
// answers while another connection holds the database, idle expiry, logout,
// a disabled account and a changed password once the change is noticed, and
// the last requests written to the database in a batch.
#include "app/console_sessions_table.h"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

#include "api_fixture.h"
#include "common/password_hash.h"
#include "storage/account_store.h"
#include "storage/console_session_store.h"
#include "web/console_page.h"

using namespace nhacviec;
using namespace nhacviec::testing;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPassword = "mật khẩu đúng 2026";

// A SnapshotSource that answers from the snapshot it was given, reading nothing.
class HeldSnapshotSource : public app::SnapshotSource {
public:
    explicit HeldSnapshotSource(std::shared_ptr<const app::PlanSnapshot> held) : held_(std::move(held)) {}
    std::shared_ptr<const app::PlanSnapshot> current() override { return held_; }
    void publish(std::shared_ptr<const app::PlanSnapshot> snapshot) override { held_ = std::move(snapshot); }

private:
    std::shared_ptr<const app::PlanSnapshot> held_;
};

// The seed's database with the account "ttv.stc" (admin), and an Api over it
// whose plan snapshot and sessions are held in memory, as the daemon's are.
struct HeldFixture : ApiFixture {
    std::optional<HeldSnapshotSource> held;
    std::optional<Api> console;

    explicit HeldFixture(const std::string& config = "") : ApiFixture(config) {
        REQUIRE(AccountStore(*db).add("ttv.stc", AccountRole::admin, {}, *hash_password(kPassword),
                                      "2026-10-01T08:00:00+07:00"));
        held.emplace(snapshots->current());
        console.emplace(*db, *held, clock, status, [] {});
        // Read before anything is answered, as the daemon does at start.
        REQUIRE(console->console_sessions()->refresh(*db));
    }

    HttpResponse send(const std::string& method, const std::string& target, const std::string& cookie = "",
                      const std::string& body = "") {
        HttpRequest request;
        request.method = method;
        request.target = target;
        request.cookie = cookie;
        request.content_type = method == "POST" ? "application/x-www-form-urlencoded" : "";
        request.body = body;
        request.sec_fetch_site = "same-origin";
        request.client_address = "203.0.113.7";
        request.host = "127.0.0.1:8470";
        return console->handle(request);
    }

    // Logs in with the right password; the cookie as the browser sends it back ("nv_phien=…").
    std::string log_in() {
        const HttpResponse in =
            send("POST", "/quan-ly/dang-nhap", "", "name=ttv.stc&password=m%E1%BA%ADt+kh%E1%BA%A9u+%C4%91%C3%BAng+2026");
        REQUIRE(in.status == 303);
        const std::string set = header_of(in, "Set-Cookie");
        return set.substr(0, set.find(';'));
    }

    // The session's last request as the database has it, Unix seconds.
    int64_t stored_last_seen(const std::string& cookie) {
        auto row = ConsoleSessionStore(*db).find(app::session_id_hash(cookie.substr(cookie.find('=') + 1)));
        REQUIRE(row);
        REQUIRE(*row);
        return (*row)->last_seen;
    }

    // What the daemon does when the database's change counter moved: the sessions read again, off the loop.
    void change_noticed() {
        auto other = Database::open_existing(db_path);
        REQUIRE(other);
        REQUIRE(console->console_sessions()->refresh(*other));
    }

    int64_t unix_now() const { return clock.now().time_since_epoch().count(); }
};

// An SQLite authorizer that refuses every statement as it is prepared.
int refuse_every_statement(void*, int, const char*, const char*, const char*, const char*) { return SQLITE_DENY; }

// The form token of a console page.
std::string csrf_of(const std::string& html) {
    const std::string marker = "name=\"csrf\" value=\"";
    const size_t at = html.find(marker);
    REQUIRE(at != std::string::npos);
    const size_t start = at + marker.size();
    return html.substr(start, html.find('"', start) - start);
}

}  // namespace

TEST_CASE("console sessions in memory: a console page answers while another connection holds the database",
          "[console][console_sessions]") {
    HeldFixture f;
    const std::string cookie = f.log_in();
    f.clock.advance(5s);  // a check that wrote the last request would write now

    SQLite::Database holder(f.db_path, SQLite::OPEN_READWRITE);
    holder.exec("BEGIN EXCLUSIVE");
    holder.exec("UPDATE plan_version SET version = version");
    // Nobody else writes to the database now (a write waits, here not at all).
    SQLite::Database probe(f.db_path, SQLite::OPEN_READWRITE);
    CHECK_THROWS_AS(probe.exec("UPDATE plan_version SET version = version"), SQLite::Exception);
    // And the loop's connection may not even prepare a read: any statement on it fails.
    sqlite3* loop_connection = f.db->sql().getHandle();
    sqlite3_set_authorizer(loop_connection, refuse_every_statement, nullptr);

    auto list = f.send("GET", "/quan-ly/nhiem-vu", cookie);
    CHECK(list.status == 200);
    CHECK(list.body.find("<p class=\"count\" id=\"so-nhiem-vu\">51 nhiệm vụ</p>") != std::string::npos);
    CHECK(header_of(list, "Content-Security-Policy") == web::console_page_policy());
    // A cookie nobody was given is refused from memory too.
    auto unknown = f.send("GET", "/quan-ly/nhiem-vu", "nv_phien=" + std::string(43, 'A'));
    CHECK(unknown.status == 303);
    CHECK(header_of(unknown, "Location") == "/quan-ly/dang-nhap");
    sqlite3_set_authorizer(loop_connection, nullptr, nullptr);
    holder.exec("ROLLBACK");
    // The check itself: with the authorizer, a statement on that connection is refused.
    sqlite3_set_authorizer(loop_connection, refuse_every_statement, nullptr);
    CHECK_THROWS_AS(f.db->sql().execAndGet("SELECT 1"), SQLite::Exception);
    sqlite3_set_authorizer(loop_connection, nullptr, nullptr);
}

TEST_CASE("console sessions in memory: idle expiry and logout", "[console][console_sessions]") {
    HeldFixture f("[console]\nsession_idle_minutes = 30\n");
    const std::string cookie = f.log_in();
    f.clock.advance(29min);
    CHECK(f.send("GET", "/quan-ly/nhiem-vu", cookie).status == 200);
    f.clock.advance(29min);
    const HttpResponse home = f.send("GET", "/quan-ly/", cookie);
    CHECK(home.status == 200);
    // 30 minutes after the last request: ended, and the browser forgets it.
    f.clock.advance(30min);
    auto idle = f.send("GET", "/quan-ly/nhiem-vu", cookie);
    CHECK(idle.status == 303);
    CHECK(header_of(idle, "Set-Cookie") == "nv_phien=; Max-Age=0; Path=/quan-ly/; HttpOnly; SameSite=Strict");
    CHECK(f.console->console_sessions()->size() == 0);

    // Logout ends the session in memory and in the database at once; a reading afterwards does not bring it back.
    const std::string second = f.log_in();
    const std::string csrf = csrf_of(f.send("GET", "/quan-ly/", second).body);
    auto other = Database::open_existing(f.db_path);
    REQUIRE(other);
    CHECK(f.send("POST", "/quan-ly/dang-xuat", second, "csrf=" + csrf).status == 303);
    CHECK(f.send("GET", "/quan-ly/nhiem-vu", second).status == 303);
    CHECK_FALSE(*ConsoleSessionStore(*f.db).find(app::session_id_hash(second.substr(9))));
    REQUIRE(f.console->console_sessions()->refresh(*other));
    CHECK(f.send("GET", "/quan-ly/nhiem-vu", second).status == 303);
}

TEST_CASE("console sessions in memory: `nhacviec user disable` from another process ends the session once noticed",
          "[console][console_sessions]") {
    HeldFixture f;
    const std::string cookie = f.log_in();
    CHECK(f.send("GET", "/quan-ly/nhiem-vu", cookie).status == 200);
    const CommandResult disabled = f.cli({"user", "disable", "ttv.stc"});
    CHECK(disabled.status == 0);
    CHECK(disabled.out == "ttv.stc: disabled; its sessions have ended\n");
    f.change_noticed();
    auto ended = f.send("GET", "/quan-ly/nhiem-vu", cookie);
    CHECK(ended.status == 303);
    CHECK(header_of(ended, "Location") == "/quan-ly/dang-nhap");
    CHECK(f.console->console_sessions()->size() == 0);

    // Enabled again: the session stays ended; a new login works.
    CHECK(f.cli({"user", "enable", "ttv.stc"}).status == 0);
    f.change_noticed();
    CHECK(f.send("GET", "/quan-ly/nhiem-vu", cookie).status == 303);
    CHECK(f.send("GET", "/quan-ly/nhiem-vu", f.log_in()).status == 200);
}

TEST_CASE("console sessions in memory: a password changed by another process ends the session once noticed",
          "[console][console_sessions]") {
    HeldFixture f;
    const std::string cookie = f.log_in();
    auto other = Database::open_existing(f.db_path);
    REQUIRE(other);
    // The database ends the account's sessions with the change; the next reading ends it here.
    REQUIRE(*AccountStore(*other).set_password("ttv.stc", *hash_password("mật khẩu mới 2027")));
    f.change_noticed();
    CHECK(f.send("GET", "/quan-ly/nhiem-vu", cookie).status == 303);
    CHECK(f.console->console_sessions()->size() == 0);
    // The old password no longer opens one.
    auto refused = f.send("POST", "/quan-ly/dang-nhap", "",
                          "name=ttv.stc&password=m%E1%BA%ADt+kh%E1%BA%A9u+%C4%91%C3%BAng+2026");
    CHECK(refused.status == 200);
    CHECK(header_of(refused, "Set-Cookie") == "");
}

TEST_CASE("console sessions in memory: a password change read with a session opened meanwhile ends it",
          "[console][console_sessions]") {
    TempDir dir;
    auto db = Database::open(dir / "n.db");
    REQUIRE(db);
    REQUIRE(AccountStore(*db).add("ttv.stc", AccountRole::monitor, {"90/KH-UBND"}, *hash_password("mật khẩu đúng 1"),
                                  "2026-12-07T08:00:00+07:00"));
    const auto now = std::chrono::sys_seconds(std::chrono::seconds(1796601600));
    app::ConsoleSessionTable table;
    REQUIRE(table.refresh(*db));
    auto in = app::log_in(*db, "ttv.stc", "mật khẩu đúng 1", now);
    REQUIRE(in);
    const app::LoggedIn logged = std::get<app::LoggedIn>(*in);
    table.opened(logged, now);
    CHECK(table.check(logged.session_id, now + 1s, 8h));
    // The account as another process left it, read while the session's row is there: its password is not the one
    // the session was opened under.
    REQUIRE(db->sql().exec("UPDATE accounts SET password_hash = 'khac' WHERE name = 'ttv.stc'") == 1);
    REQUIRE(table.refresh(*db));
    CHECK_FALSE(table.check(logged.session_id, now + 2s, 8h));
    CHECK(table.size() == 0);
}

TEST_CASE("console sessions in memory: the last requests reach the database when flushed",
          "[console][console_sessions]") {
    HeldFixture f;
    const std::string cookie = f.log_in();
    const int64_t login = f.unix_now();
    CHECK(f.stored_last_seen(cookie) == login);
    f.clock.advance(10min);
    CHECK(f.send("GET", "/quan-ly/nhiem-vu", cookie).status == 200);
    // Kept in memory: nothing written by the request.
    CHECK(f.stored_last_seen(cookie) == login);

    auto writer = Database::open_existing(f.db_path);
    REQUIRE(writer);
    auto flushed = f.console->console_sessions()->flush(*writer);
    REQUIRE(flushed);
    CHECK(*flushed == 1);
    CHECK(f.stored_last_seen(cookie) == login + 600);
    // Nothing new: nothing written.
    CHECK(*f.console->console_sessions()->flush(*writer) == 0);

    // What another reading finds does not move a newer last request back.
    f.clock.advance(1min);
    CHECK(f.send("GET", "/quan-ly/nhiem-vu", cookie).status == 200);
    f.change_noticed();
    CHECK(*f.console->console_sessions()->flush(*writer) == 1);
    CHECK(f.stored_last_seen(cookie) == login + 660);
}
