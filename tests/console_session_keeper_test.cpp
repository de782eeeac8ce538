// ConsoleSessionKeeper (service/console_session_keeper): the console's
// sessions in memory read at start, read again off the loop when another
// process disables an account, and their last requests written to the
// database in batches and when it stops.
#include "service/console_session_keeper.h"

#include <catch2/catch.hpp>

#include <thread>

#include "common/password_hash.h"
#include "storage/account_store.h"
#include "storage/console_session_store.h"
#include "test_support.h"

using namespace nhacviec;
using namespace std::chrono_literals;
using nhacviec::testing::TempDir;

namespace {

const std::chrono::sys_seconds kLogin{std::chrono::seconds(1796601600)};

struct KeeperFixture {
    TempDir dir;
    std::filesystem::path path = dir / "n.db";
    std::optional<Database> db;
    std::shared_ptr<app::ConsoleSessionTable> table = std::make_shared<app::ConsoleSessionTable>();
    std::string session_id;

    KeeperFixture() {
        auto opened = Database::open(path);
        REQUIRE(opened);
        db.emplace(std::move(*opened));
        REQUIRE(AccountStore(*db).add("ttv.stc", AccountRole::monitor, {"90/KH-UBND"},
                                      *hash_password("mật khẩu đúng 1"), "2026-12-07T08:00:00+07:00"));
        auto in = app::log_in(*db, "ttv.stc", "mật khẩu đúng 1", kLogin);
        REQUIRE(in);
        session_id = std::get<app::LoggedIn>(*in).session_id;
    }

    int64_t stored_last_seen() {
        auto row = ConsoleSessionStore(*db).find(app::session_id_hash(session_id));
        REQUIRE(row);
        REQUIRE(*row);
        return (*row)->last_seen;
    }

    // Whether `done` comes to hold within 5 s.
    template <class Done>
    static bool wait_until(Done done) {
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (!done() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(20ms);
        return done();
    }
};

}  // namespace

TEST_CASE("console session keeper: a session read at start ends once another process disables its account",
          "[console][console_sessions]") {
    KeeperFixture f;
    ConsoleSessionKeeper keeper(f.table, f.path);
    REQUIRE(keeper.start());
    CHECK(f.table->size() == 1);
    CHECK(f.table->check(f.session_id, kLogin + 1s, 8h));
    REQUIRE(*AccountStore(*f.db).set_disabled("ttv.stc", true));
    CHECK(KeeperFixture::wait_until([&] { return f.table->size() == 0; }));
    CHECK_FALSE(f.table->check(f.session_id, kLogin + 2s, 8h));
    keeper.stop();
}

TEST_CASE("console session keeper: the last requests reach the database in batches and when it stops",
          "[console][console_sessions]") {
    KeeperFixture f;
    {
        ConsoleSessionKeeper keeper(f.table, f.path, 200ms);
        REQUIRE(keeper.start());
        REQUIRE(f.table->check(f.session_id, kLogin + 90s, 8h));
        CHECK(KeeperFixture::wait_until([&] { return f.stored_last_seen() == kLogin.time_since_epoch().count() + 90; }));
    }
    {
        // A batch a minute apart: the last request before stopping is written by the stop.
        ConsoleSessionKeeper keeper(f.table, f.path);
        REQUIRE(keeper.start());
        REQUIRE(f.table->check(f.session_id, kLogin + 120s, 8h));
        CHECK(f.stored_last_seen() == kLogin.time_since_epoch().count() + 90);
        keeper.stop();
        CHECK(f.stored_last_seen() == kLogin.time_since_epoch().count() + 120);
    }
}
