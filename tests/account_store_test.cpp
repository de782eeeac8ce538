#include "storage/account_store.h"

#include <catch2/catch.hpp>

#include "storage/console_session_store.h"
#include "test_support.h"

using namespace nhacviec;
using nhacviec::testing::TempDir;

TEST_CASE("account store: add, find, list, password, disable, last login", "[accounts]") {
    TempDir dir;
    auto db = Database::open(dir / "n.db");
    REQUIRE(db);
    AccountStore store(*db);
    CHECK(*store.count() == 0);
    auto admin = store.add("admin", AccountRole::admin, {}, "$hash-a", "2026-12-05T09:00:00+07:00");
    REQUIRE(admin);
    auto monitor = store.add("ttv.stc", AccountRole::monitor, {"90/KH-UBND", "12/KH-UBND"}, "$hash-m",
                             "2026-12-05T09:01:00+07:00");
    REQUIRE(monitor);
    auto again = store.add("admin", AccountRole::viewer, {}, "$hash-x", "2026-12-05T09:02:00+07:00");
    REQUIRE_FALSE(again);
    CHECK(again.error().message == "the account \"admin\" exists already");
    CHECK(*store.count() == 2);

    auto found = store.find("ttv.stc");
    REQUIRE(found);
    REQUIRE(*found);
    const Account& m = **found;
    CHECK(m.id == *monitor);
    CHECK(m.role == AccountRole::monitor);
    CHECK(m.plans == std::vector<std::string>{"12/KH-UBND", "90/KH-UBND"});
    CHECK_FALSE(m.disabled);
    CHECK(m.created_at == "2026-12-05T09:01:00+07:00");
    CHECK_FALSE(m.last_login);
    CHECK(m.password_hash == "$hash-m");
    CHECK(m.covers_plan("90/KH-UBND"));
    CHECK_FALSE(m.covers_plan("7/KH-UBND"));
    CHECK((*store.find("admin"))->covers_plan("7/KH-UBND"));
    CHECK_FALSE(*store.find("nobody"));

    auto all = store.list();
    REQUIRE(all);
    REQUIRE(all->size() == 2);
    CHECK(all->at(0).name == "admin");
    CHECK(all->at(1).name == "ttv.stc");

    // A new password or a disabled account ends the account's sessions; enabling does not bring them back.
    ConsoleSessionStore sessions(*db);
    REQUIRE(sessions.create(std::string(64, 'a'), *monitor, 1000));
    REQUIRE(sessions.create(std::string(64, 'b'), *admin, 1000));
    CHECK(*store.set_password("ttv.stc", "$hash-m2") == true);
    CHECK_FALSE(*sessions.find(std::string(64, 'a')));
    CHECK(*sessions.find(std::string(64, 'b')));
    CHECK((*store.find("ttv.stc"))->password_hash == "$hash-m2");
    CHECK(*store.set_password("nobody", "$x") == false);

    REQUIRE(sessions.create(std::string(64, 'c'), *monitor, 1000));
    CHECK(*store.set_disabled("ttv.stc", true) == true);
    CHECK((*store.find("ttv.stc"))->disabled);
    CHECK_FALSE(*sessions.find(std::string(64, 'c')));
    CHECK(*store.set_disabled("ttv.stc", false) == true);
    CHECK_FALSE((*store.find("ttv.stc"))->disabled);
    CHECK(*store.set_disabled("nobody", true) == false);

    REQUIRE(store.record_login(*admin, "2026-12-05T10:00:00+07:00"));
    CHECK((*store.by_id(*admin))->last_login == std::optional<std::string>("2026-12-05T10:00:00+07:00"));
    CHECK_FALSE(*store.by_id(999));
}

TEST_CASE("account names: lower-case letters, digits, '.', '_', '-'", "[accounts]") {
    CHECK(account_name_problem("admin") == "");
    CHECK(account_name_problem("nguyen.van_a-2") == "");
    CHECK(account_name_problem("") == "an account name has 1 to 64 characters");
    CHECK(account_name_problem(std::string(65, 'a')) == "an account name has 1 to 64 characters");
    CHECK(account_name_problem("-admin") == "an account name starts with a lower-case letter (a-z) or a digit");
    CHECK(account_name_problem("Admin") == "an account name starts with a lower-case letter (a-z) or a digit");
    CHECK(account_name_problem("ad min") == "an account name has only lower-case letters a-z, digits, '.', '_' and '-'");
    CHECK(account_name_problem("nguyễn") == "an account name has only lower-case letters a-z, digits, '.', '_' and '-'");
}

TEST_CASE("account roles: as stored", "[accounts]") {
    CHECK(to_string(AccountRole::admin) == "admin");
    CHECK(to_string(AccountRole::monitor) == "monitor");
    CHECK(to_string(AccountRole::viewer) == "viewer");
    CHECK(account_role_from_string("monitor") == AccountRole::monitor);
    CHECK_FALSE(account_role_from_string("root"));
}
