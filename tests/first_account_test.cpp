#include "app/first_account.h"

#include <catch2/catch.hpp>

#include "common/password_hash.h"
#include "storage/account_store.h"
#include "test_support.h"

using namespace nhacviec;
using nhacviec::testing::TempDir;

TEST_CASE("the first account: admin with a random password, only on a database with no account", "[console]") {
    TempDir dir;
    auto db = Database::open(dir / "n.db");
    REQUIRE(db);
    auto made = app::make_first_account(*db, "2026-12-07T08:00:00+07:00");
    REQUIRE(made);
    REQUIRE(*made);
    CHECK((*made)->size() == 16);
    auto admin = AccountStore(*db).find("admin");
    REQUIRE(*admin);
    CHECK((*admin)->role == AccountRole::admin);
    CHECK(verify_password((*admin)->password_hash, **made));
    auto again = app::make_first_account(*db, "2026-12-07T09:00:00+07:00");
    REQUIRE(again);
    CHECK_FALSE(*again);
    CHECK(*AccountStore(*db).count() == 1);
}
