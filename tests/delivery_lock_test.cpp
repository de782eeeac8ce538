// The delivery lock: one holder per database file, whatever path (symlink,
// relative, dot-dot, a symlinked folder) reaches it; the holder's pid in the
// message; released with its holder; SQLite's own locks left alone.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "outbox/delivery_lock.h"
#include "storage/database.h"
#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;

namespace fs = std::filesystem;

TEST_CASE("one holder of the delivery lock per database file, whatever path reaches it", "[delivery-lock]") {
    TempDir dir;
    fs::create_directory(dir / "sub");
    fs::create_symlink("../nv.db", dir / "sub" / "link.db");
    fs::create_directory_symlink(dir.path(), dir / "sub" / "up");
    auto db = Database::open(dir / "nv.db");
    REQUIRE(db.ok());
    const std::string held = fs::canonical(dir / "nv.db").string() + ": another nhacviec process (pid " +
                             std::to_string(::getpid()) + ") is delivering from it";
    const std::vector<fs::path> others = {
        dir / "nv.db",
        dir / "sub" / "link.db",
        dir / "sub" / ".." / "nv.db",
        dir / "sub" / "up" / "nv.db",
        fs::relative(dir / "nv.db", fs::current_path()),
    };
    std::optional<Database> second;  // a connection of its own, as another process would have
    {
        auto first = DeliveryLock::acquire(*db);
        REQUIRE(first.ok());
        for (const auto& path : others) {
            CAPTURE(path);
            second.reset();
            auto opened = Database::open(path);
            REQUIRE(opened.ok());
            second.emplace(std::move(*opened));
            auto refused = DeliveryLock::acquire(*second);
            REQUIRE_FALSE(refused.ok());
            CHECK(refused.error().message == held);
        }
        // flock(2) and SQLite's POSIX record locks are separate: another connection writes while it is held.
        SQLite::Database other((dir / "sub" / "link.db").string(), SQLite::OPEN_READWRITE);
        other.exec("BEGIN IMMEDIATE");
        other.exec("CREATE TABLE probe (x)");
        other.exec("COMMIT");
        CHECK(db->sql().tableExists("probe"));
    }
    // Released with its holder: the next one takes it.
    auto again = DeliveryLock::acquire(*second);
    CHECK(again.ok());
}

TEST_CASE("the delivery lock is refused for a database file that is no longer at its path", "[delivery-lock]") {
    TempDir dir;
    auto db = Database::open(dir / "nv.db");
    REQUIRE(db.ok());
    fs::rename(dir / "nv.db", dir / "old.db");
    auto lock = DeliveryLock::acquire(*db);
    REQUIRE_FALSE(lock.ok());
    CHECK(lock.error().message ==
          fs::canonical(dir.path()).string() + "/nv.db: the database file was deleted or moved away while open");
}
