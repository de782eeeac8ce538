#include "calendar/lunar_calendar.h"

#include <catch2/catch.hpp>

using namespace nhacviec;

namespace {

Date day(int year, int month, int d) { return *make_date(year, month, d); }

std::string iso(const std::optional<Date>& date) { return date ? format_iso_date(*date) : "none"; }

}  // namespace

TEST_CASE("Tết (lunar 1/1) in Vietnam, at UTC+7", "[calendar]") {
    struct Case {
        int year;
        const char* tet;
    };
    const Case cases[] = {
        {2023, "2023-01-22"}, {2024, "2024-02-10"}, {2025, "2025-01-29"}, {2026, "2026-02-17"},
        {2027, "2027-02-06"},
        // The new moon was at 23:07 on 2 February 2030 in Vietnam, 00:07 on 3 February in China (UTC+8),
        // where the Spring Festival is on 2030-02-03.
        {2030, "2030-02-02"},
        {2007, "2007-02-17"},  // China: 2007-02-18
        {1985, "1985-01-21"},  // China: 1985-02-20 (a month later)
        {2000, "2000-02-05"}, {2100, "2100-02-09"},
    };
    for (const auto& c : cases) {
        INFO(c.year);
        CHECK(iso(lunar_to_solar(1, 1, c.year)) == c.tet);
        const auto tet = parse_iso_date(c.tet);
        CHECK(solar_to_lunar(*tet) == LunarDate{1, 1, c.year, false});
        // The day before Tết is the last day of the previous lunar year's 12th month.
        const LunarDate eve = solar_to_lunar(add_days(*tet, -1));
        CHECK(eve.month == 12);
        CHECK(eve.year == c.year - 1);
        CHECK((eve.day == 29 || eve.day == 30));
    }
}

TEST_CASE("Hùng Kings' day (lunar 10/3)", "[calendar]") {
    CHECK(iso(lunar_to_solar(10, 3, 2024)) == "2024-04-18");
    CHECK(iso(lunar_to_solar(10, 3, 2025)) == "2025-04-07");
    CHECK(iso(lunar_to_solar(10, 3, 2026)) == "2026-04-26");
    CHECK(iso(lunar_to_solar(10, 3, 2023)) == "2023-04-29");  // after the leap 2nd month
    CHECK(solar_to_lunar(day(2026, 4, 26)) == LunarDate{10, 3, 2026, false});
}

TEST_CASE("leap months", "[calendar]") {
    CHECK(lunar_leap_month(2023) == 2);
    CHECK(lunar_leap_month(2025) == 6);
    CHECK(lunar_leap_month(2020) == 4);
    CHECK(lunar_leap_month(2024) == 0);
    CHECK(lunar_leap_month(2026) == 0);
    CHECK(lunar_leap_month(2033) == 11);  // the rare leap 11th month

    // 2025: month 6, then the leap month 6 from 2025-07-25, then month 7 from 2025-08-23.
    CHECK(solar_to_lunar(day(2025, 7, 24)) == LunarDate{30, 6, 2025, false});
    CHECK(solar_to_lunar(day(2025, 7, 25)) == LunarDate{1, 6, 2025, true});
    CHECK(solar_to_lunar(day(2025, 8, 22)) == LunarDate{29, 6, 2025, true});
    CHECK(solar_to_lunar(day(2025, 8, 23)) == LunarDate{1, 7, 2025, false});
    CHECK(iso(lunar_to_solar(1, 6, 2025, true)) == "2025-07-25");
    CHECK(iso(lunar_to_solar(1, 6, 2025, false)) == "2025-06-25");
    CHECK(iso(lunar_to_solar(1, 7, 2025)) == "2025-08-23");

    // 2023: leap month 2 from 2023-03-22.
    CHECK(solar_to_lunar(day(2023, 3, 22)) == LunarDate{1, 2, 2023, true});
    CHECK(iso(lunar_to_solar(1, 2, 2023, true)) == "2023-03-22");
    CHECK(iso(lunar_to_solar(1, 3, 2023)) == "2023-04-20");

    // 2033: the leap 11th month starts on 2033-12-22, after month 11 of 2033.
    CHECK(solar_to_lunar(day(2033, 12, 22)) == LunarDate{1, 11, 2033, true});
    CHECK(iso(lunar_to_solar(1, 11, 2033, true)) == "2033-12-22");
    CHECK(iso(lunar_to_solar(1, 1, 2034)) == "2034-02-19");
}

TEST_CASE("lunar dates that do not exist", "[calendar]") {
    CHECK_FALSE(lunar_to_solar(1, 6, 2024, true).has_value());   // 2024 has no leap month
    CHECK_FALSE(lunar_to_solar(1, 5, 2025, true).has_value());   // 2025's leap month is the 6th
    CHECK_FALSE(lunar_to_solar(0, 1, 2025).has_value());
    CHECK_FALSE(lunar_to_solar(31, 1, 2025).has_value());
    CHECK_FALSE(lunar_to_solar(1, 13, 2025).has_value());
    CHECK_FALSE(lunar_to_solar(1, 0, 2025).has_value());
    // Lunar month 12 of 2025 has 29 days (Tết 2026 follows lunar 29/12).
    CHECK(iso(lunar_to_solar(29, 12, 2025)) == "2026-02-16");
    CHECK_FALSE(lunar_to_solar(30, 12, 2025).has_value());
}

TEST_CASE("solar -> lunar -> solar round trips, every day of 1900-2199", "[calendar]") {
    int checked = 0;
    int failed = 0;
    LunarDate previous = solar_to_lunar(day(1899, 12, 31));
    for (Date d = day(1900, 1, 1); d <= day(2199, 12, 31); d = add_days(d, 1)) {
        const LunarDate lunar = solar_to_lunar(d);
        const auto back = lunar_to_solar(lunar.day, lunar.month, lunar.year, lunar.leap);
        // Consecutive days: the next lunar day, or day 1 of a new month after day 29 or 30.
        const bool continues = lunar.day == previous.day + 1 ||
                               (lunar.day == 1 && (previous.day == 29 || previous.day == 30));
        if (!back || *back != d || !continues) {
            if (++failed <= 5) FAIL_CHECK(format_iso_date(d) << " -> " << lunar.day << "/" << lunar.month << "/"
                                                              << lunar.year << (lunar.leap ? " leap" : "") << " -> "
                                                              << iso(back));
        }
        previous = lunar;
        ++checked;
    }
    CHECK(checked == 109573);
    CHECK(failed == 0);
}
