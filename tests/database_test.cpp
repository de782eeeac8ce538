// The database file: opened by its canonical path whatever path reaches it,
// refused when it has more than one name (hard link), and noticed when the
// path no longer leads to the file that is open (deleted, moved, replaced).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "storage/database.h"
#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;

namespace fs = std::filesystem;

TEST_CASE("a database is opened by its canonical path, whatever path reaches it", "[database]") {
    TempDir dir;
    fs::create_directory(dir / "sub");
    REQUIRE(Database::open(dir / "nv.db").ok());
    fs::create_symlink("../nv.db", dir / "sub" / "link.db");
    fs::create_directory_symlink(dir.path(), dir / "sub" / "up");
    const fs::path canonical = fs::canonical(dir / "nv.db");
    const std::vector<fs::path> paths = {
        dir / "nv.db",
        dir / "sub" / "link.db",                                 // a symlink to the file
        dir / "sub" / ".." / "nv.db",                            // dot-dot
        dir / "sub" / "up" / "nv.db",                            // a symlink to the folder
        fs::relative(dir / "nv.db", fs::current_path()),         // relative
    };
    for (const auto& path : paths) {
        CAPTURE(path);
        auto db = Database::open(path);
        REQUIRE(db.ok());
        CHECK(db->path() == canonical);
        CHECK(db->check_file().ok());
    }
}

TEST_CASE("a database file with more than one name is not opened", "[database]") {
    TempDir dir;
    REQUIRE(Database::open(dir / "nv.db").ok());
    fs::create_hard_link(dir / "nv.db", dir / "other.db");
    fs::create_directory(dir / "sub");
    fs::create_hard_link(dir / "nv.db", dir / "sub" / "third.db");
    struct Case {
        fs::path opened;
        std::string names;
    };
    const std::vector<Case> cases = {{dir / "nv.db", "3"}, {dir / "other.db", "3"}, {dir / "sub" / "third.db", "3"}};
    for (const auto& c : cases) {
        CAPTURE(c.opened);
        const std::string refused = c.opened.string() + ": the database file has " + c.names +
                                    " names (hard links); SQLite keeps a write-ahead log per name and writing "
                                    "through two names corrupts it: remove the other names (find / -xdev -samefile " +
                                    c.opened.string() + ") and use the one left";
        auto opened = Database::open(c.opened);
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.error().message == refused);
        auto existing = Database::open_existing(c.opened);
        REQUIRE_FALSE(existing.ok());
        CHECK(existing.error().message == refused);
    }
    // No write-ahead log was started next to any of the names.
    for (const auto& c : cases) CHECK_FALSE(fs::exists(c.opened.string() + "-wal"));
    fs::remove(dir / "other.db");
    fs::remove(dir / "sub" / "third.db");
    CHECK(Database::open(dir / "nv.db").ok());
}

TEST_CASE("an open database notices when its path no longer leads to its file", "[database]") {
    enum class Outcome { same, deleted, replaced };
    struct Case {
        const char* what;
        void (*change)(const fs::path& path);
        Outcome outcome;
    };
    const std::vector<Case> cases = {
        {"left alone", [](const fs::path&) {}, Outcome::same},
        {"written to by another connection",
         [](const fs::path& p) { REQUIRE(Database::open(p)->sql().exec("CREATE TABLE t (x)") == 0); }, Outcome::same},
        {"renamed and back",
         [](const fs::path& p) {
             fs::rename(p, p.string() + ".old");
             fs::rename(p.string() + ".old", p);
         },
         Outcome::same},
        {"deleted", [](const fs::path& p) { fs::remove(p); }, Outcome::deleted},
        {"moved away", [](const fs::path& p) { fs::rename(p, p.string() + ".old"); }, Outcome::deleted},
        {"its folder moved away",
         [](const fs::path& p) { fs::rename(p.parent_path(), p.parent_path().string() + ".old"); },
         Outcome::deleted},
        {"replaced by a rename",
         [](const fs::path& p) {
             write_file(p.string() + ".new", "");
             fs::rename(p.string() + ".new", p);
         },
         Outcome::replaced},
        {"deleted and made again",
         [](const fs::path& p) {
             fs::remove(p);
             write_file(p, "");
         },
         Outcome::replaced},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        TempDir dir;
        const fs::path file = fs::canonical(dir.path()) / "nv.db";
        auto db = Database::open(file);
        REQUIRE(db.ok());
        REQUIRE(db->check_file().ok());
        c.change(file);
        const Status same = db->check_file();
        switch (c.outcome) {
            case Outcome::same: CHECK(same.ok()); break;
            case Outcome::deleted:
                REQUIRE_FALSE(same.ok());
                CHECK(same.error().message ==
                      file.string() + ": the database file was deleted or moved away while open");
                break;
            case Outcome::replaced:
                REQUIRE_FALSE(same.ok());
                CHECK(same.error().message ==
                      file.string() + ": the database file was replaced by another file while open");
                break;
        }
        // The folder back in its place, for TempDir to remove.
        if (fs::exists(dir.path().string() + ".old")) fs::rename(dir.path().string() + ".old", dir.path());
    }
}
