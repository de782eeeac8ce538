// Exploratory (temporary): dumps calendars.
#include "web/ics_feed.h"
#include "web/dashboard.h"
#include "common/clock.h"

#include <catch2/catch.hpp>

#include "seed_fixture.h"
#include "test_support.h"
#include "web_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;

TEST_CASE("dump", "[webdump]") {
    Seed seed;
    auto now = vietnam_time(*parse_iso_date("2026-10-15"), 9 * 60 + 30);
    auto cal = web::agency_calendar(seed.state, seed.config, seed.directory, seed.calendar, "so-tai-chinh", now);
    REQUIRE(cal.ok());
    write_file("/tmp/web-stc.ics", *cal);
    write_file("/tmp/web-dash.html", web::render_dashboard(seed.state, seed.config, seed.calendar, now));
}
TEST_CASE("dump all", "[webdump]") {
    Seed seed;
    auto now = vietnam_time(*parse_iso_date("2026-10-15"), 9 * 60 + 30);
    std::filesystem::create_directories("/tmp/web-ics");
    for (const auto& a : seed.directory.agencies()) {
        auto cal = web::agency_calendar(seed.state, seed.config, seed.directory, seed.calendar, a.name, now);
        REQUIRE(cal.ok());
        write_file("/tmp/web-ics/" + web::agency_slug(a.name) + ".ics", *cal);
    }
}
