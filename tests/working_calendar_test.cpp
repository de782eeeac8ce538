#include "calendar/working_calendar.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli/command_list.h"
#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;

namespace {

Date day(const char* iso) { return *parse_iso_date(iso); }

const OfficialSchedules& shipped() {
    static const OfficialSchedules schedules = [] {
        auto loaded = OfficialSchedules::load_file(source_dir() / "config/holidays.toml");
        return loaded.ok() ? std::move(loaded).value() : OfficialSchedules{};
    }();
    return schedules;
}

std::vector<std::string> lines(const std::vector<DayOff>& days) {
    std::vector<std::string> out;
    for (const auto& d : days) out.push_back(format_iso_date(d.date) + " " + d.reason);
    return out;
}

CommandResult run_calendar_command(std::vector<std::string> args) {
    std::ostringstream out, err;
    cli::Invocation inv{{}, std::move(args), out, err};
    const int status = cli::run_calendar(inv);
    return {status, out.str(), err.str()};
}

}  // namespace

TEST_CASE("2026 with the shipped official schedule", "[calendar]") {
    REQUIRE(shipped().find(2026, Holiday::tet) != nullptr);
    const WorkingCalendar calendar(shipped());
    struct Case {
        const char* date;
        bool working;
    };
    const Case cases[] = {
        {"2026-02-13", true},                                             // Friday before Tết
        {"2026-02-14", false}, {"2026-02-15", false},                     // weekend, inside the official range
        {"2026-02-16", false}, {"2026-02-17", false}, {"2026-02-18", false},
        {"2026-02-19", false}, {"2026-02-20", false},                     // Monday–Friday off
        {"2026-02-21", false}, {"2026-02-22", false},                     // weekend
        {"2026-02-23", true},                                             // Monday: back to work, no compensation
        {"2026-02-24", true},
        {"2026-01-01", false}, {"2026-01-02", true},
        {"2026-04-26", false}, {"2026-04-27", false},  // Hùng Kings on Sunday, made up on Monday
        {"2026-04-28", true},
        {"2026-04-30", false}, {"2026-05-01", false}, {"2026-05-04", true},
        {"2026-09-01", true}, {"2026-09-02", false}, {"2026-09-03", false}, {"2026-09-04", true},
        {"2026-03-28", false}, {"2026-03-31", true},
    };
    for (const auto& c : cases) {
        INFO(c.date);
        CHECK(calendar.is_working_day(day(c.date)) == c.working);
    }
    CHECK(lines(calendar.days_off(2026)) == std::vector<std::string>{
                                                "2026-01-01 Tết Dương lịch",
                                                "2026-02-16 Tết Nguyên đán",
                                                "2026-02-17 Tết Nguyên đán",
                                                "2026-02-18 Tết Nguyên đán",
                                                "2026-02-19 Tết Nguyên đán",
                                                "2026-02-20 Tết Nguyên đán",
                                                "2026-04-27 Nghỉ bù Giỗ Tổ Hùng Vương",
                                                "2026-04-30 Ngày Chiến thắng",
                                                "2026-05-01 Ngày Quốc tế Lao động",
                                                "2026-09-02 Quốc khánh",
                                                "2026-09-03 Quốc khánh",
                                            });
    CHECK(calendar.working_weekend_days(2026).empty());
}

TEST_CASE("without official schedules, Tết 2026 is computed", "[calendar]") {
    const WorkingCalendar calendar;
    // 16/2 (last day of the lunar year) to 20/2, all Monday–Friday: no compensation.
    CHECK(lines(calendar.days_off(2026)) == std::vector<std::string>{
                                                "2026-01-01 Tết Dương lịch",
                                                "2026-02-16 Tết Nguyên đán",
                                                "2026-02-17 Tết Nguyên đán",
                                                "2026-02-18 Tết Nguyên đán",
                                                "2026-02-19 Tết Nguyên đán",
                                                "2026-02-20 Tết Nguyên đán",
                                                "2026-04-27 Nghỉ bù Giỗ Tổ Hùng Vương",
                                                "2026-04-30 Ngày Chiến thắng",
                                                "2026-05-01 Ngày Quốc tế Lao động",
                                                "2026-09-02 Quốc khánh",
                                                "2026-09-03 Quốc khánh",
                                            });
}

TEST_CASE("days off of 2025 and 2027 (computed)", "[calendar]") {
    const WorkingCalendar calendar(shipped());
    CHECK(lines(calendar.days_off(2025)) == std::vector<std::string>{
                                                "2025-01-01 Tết Dương lịch",
                                                "2025-01-28 Tết Nguyên đán",
                                                "2025-01-29 Tết Nguyên đán",
                                                "2025-01-30 Tết Nguyên đán",
                                                "2025-01-31 Tết Nguyên đán",
                                                "2025-02-03 Nghỉ bù Tết Nguyên đán",
                                                "2025-04-07 Giỗ Tổ Hùng Vương",
                                                "2025-04-30 Ngày Chiến thắng",
                                                "2025-05-01 Ngày Quốc tế Lao động",
                                                "2025-09-01 Quốc khánh",
                                                "2025-09-02 Quốc khánh",
                                            });
    CHECK(lines(calendar.days_off(2027)) == std::vector<std::string>{
                                                "2027-01-01 Tết Dương lịch",
                                                "2027-02-05 Tết Nguyên đán",
                                                "2027-02-08 Tết Nguyên đán",
                                                "2027-02-09 Tết Nguyên đán",
                                                "2027-02-10 Nghỉ bù Tết Nguyên đán",
                                                "2027-02-11 Nghỉ bù Tết Nguyên đán",
                                                "2027-04-16 Giỗ Tổ Hùng Vương",
                                                "2027-04-30 Ngày Chiến thắng",
                                                "2027-05-03 Nghỉ bù Ngày Quốc tế Lao động",
                                                "2027-09-02 Quốc khánh",
                                                "2027-09-03 Quốc khánh",
                                            });
    CHECK(calendar.days_off(1999).empty());
    CHECK(calendar.days_off(2101).empty());
}

TEST_CASE("the legal end of a deadline (Civil Code Art. 148)", "[calendar]") {
    const WorkingCalendar calendar(shipped());
    const std::pair<const char*, const char*> cases[] = {
        {"2026-03-28", "2026-03-30"},  // Saturday -> Monday
        {"2026-03-29", "2026-03-30"},  // Sunday -> Monday
        {"2026-03-31", "2026-03-31"},  // Tuesday, a working day
        {"2026-04-30", "2026-05-04"},  // Thursday 30/4 and Friday 1/5 are holidays
        {"2026-05-01", "2026-05-04"},
        {"2026-09-02", "2026-09-04"},  // Wednesday 2/9, Thursday 3/9 off
        {"2026-02-14", "2026-02-23"},  // the whole of Tết 2026
        {"2026-02-13", "2026-02-13"},
        {"2026-04-25", "2026-04-28"},  // Saturday; Sunday is Hùng Kings' day, made up on Monday
        {"2027-02-05", "2027-02-12"},  // Tết 2027 with its two compensating days
    };
    for (const auto& [last_day, end] : cases) {
        INFO(last_day);
        CHECK(format_iso_date(calendar.legal_end(day(last_day))) == end);
        CHECK(format_iso_date(calendar.next_working_day(day(last_day))) == end);
    }
}

TEST_CASE("previous and next working days", "[calendar]") {
    const WorkingCalendar calendar(shipped());
    CHECK(format_iso_date(calendar.previous_working_day(day("2026-02-22"))) == "2026-02-13");
    CHECK(format_iso_date(calendar.previous_working_day(day("2026-02-23"))) == "2026-02-23");
    CHECK(format_iso_date(calendar.previous_working_day(day("2026-05-03"))) == "2026-04-29");
    CHECK(format_iso_date(calendar.previous_working_day(day("2026-01-01"))) == "2025-12-31");
    CHECK(format_iso_date(calendar.next_working_day(day("2025-12-31"))) == "2025-12-31");
    // At and beyond the ends of the table only weekends are days off.
    CHECK(format_iso_date(calendar.next_working_day(day("2100-12-31"))) == "2100-12-31");  // a Friday
    CHECK(format_iso_date(calendar.next_working_day(day("2101-01-01"))) == "2101-01-03");  // Saturday -> Monday
    CHECK(calendar.is_working_day(day("2101-01-01")) == false);
    CHECK(calendar.is_working_day(day("1999-12-31")) == true);  // no holidays before 2000
    CHECK(calendar.is_working_day(day("2000-01-01")) == false);
    CHECK(calendar.is_working_day(day("1990-01-01")) == true);  // a Monday; 1/1 is not computed before 2000
    CHECK(format_iso_date(calendar.previous_working_day(day("2000-01-02"))) == "1999-12-31");
    CHECK(format_iso_date(calendar.next_working_day(day("1999-12-25"))) == "1999-12-27");
    CHECK(format_iso_date(calendar.previous_working_day(day("2200-01-05"))) == "2200-01-03");  // Sunday -> Friday
}

TEST_CASE("official working Saturdays", "[calendar]") {
    auto official = OfficialSchedules::parse(R"(
[[official]]
year = 2025
holiday = "labour"
from = "2025-05-01"
to = "2025-05-04"
working_days = ["2025-04-26"]
)",
                                             "h.toml");
    REQUIRE(official.ok());
    const WorkingCalendar calendar(*official);
    CHECK(calendar.is_working_day(day("2025-04-26")));
    CHECK_FALSE(calendar.is_working_day(day("2025-04-27")));
    CHECK_FALSE(calendar.is_working_day(day("2025-05-02")));
    CHECK(calendar.working_weekend_days(2025) == std::vector<Date>{day("2025-04-26")});
    CHECK(format_iso_date(calendar.previous_working_day(day("2025-04-27"))) == "2025-04-26");
    CHECK(format_iso_date(calendar.legal_end(day("2025-04-30"))) == "2025-05-05");
    CHECK(calendar.working_days_between(day("2025-04-21"), day("2025-04-28")) == 6);  // Mon–Fri and Saturday 26/4
    CHECK(lines(calendar.days_off(2025)) == std::vector<std::string>{
                                                "2025-01-01 Tết Dương lịch",
                                                "2025-01-28 Tết Nguyên đán",
                                                "2025-01-29 Tết Nguyên đán",
                                                "2025-01-30 Tết Nguyên đán",
                                                "2025-01-31 Tết Nguyên đán",
                                                "2025-02-03 Nghỉ bù Tết Nguyên đán",
                                                "2025-04-07 Giỗ Tổ Hùng Vương",
                                                "2025-04-30 Ngày Chiến thắng",
                                                "2025-05-01 Ngày Quốc tế Lao động",
                                                "2025-05-02 Ngày Quốc tế Lao động",
                                                "2025-09-01 Quốc khánh",
                                                "2025-09-02 Quốc khánh",
                                            });
}

TEST_CASE("counting working days", "[calendar]") {
    const WorkingCalendar calendar(shipped());
    CHECK(calendar.working_days_between(day("2026-02-09"), day("2026-02-09")) == 0);
    CHECK(calendar.working_days_between(day("2026-02-09"), day("2026-02-16")) == 5);
    CHECK(calendar.working_days_between(day("2026-02-09"), day("2026-02-24")) == 6);  // + Monday 23/2
    CHECK(calendar.working_days_between(day("2026-02-24"), day("2026-02-09")) == -6);
    CHECK(calendar.working_days_between(day("2101-01-01"), day("2101-01-15")) == 10);
    CHECK(calendar.working_days_between(day("1999-12-27"), day("2000-01-04")) == 5);  // Monday 3/1 makes up 1/1
    // Against a day-by-day count over the whole table and past both ends.
    const Date from = day("1999-06-01");
    const Date to = day("2101-06-01");
    long walked = 0;
    for (Date d = from; d < to; d = add_days(d, 1)) walked += calendar.is_working_day(d);
    CHECK(calendar.working_days_between(from, to) == walked);
    int year_total = 0;
    for (Date d = day("2026-01-01"); d <= day("2026-12-31"); d = add_days(d, 1))
        year_total += calendar.is_working_day(d);
    CHECK(year_total == 261 - 11);
}

TEST_CASE("next/previous working day agree with is_working_day everywhere", "[calendar]") {
    const WorkingCalendar calendar(shipped());
    int checked = 0;
    for (Date d = day("1999-12-01"); d <= day("2101-01-31"); d = add_days(d, 1)) {
        const Date next = calendar.next_working_day(d);
        const Date previous = calendar.previous_working_day(d);
        bool ok = calendar.is_working_day(next) && calendar.is_working_day(previous) && !(next < d) && !(d < previous);
        for (Date x = d; ok && x < next; x = add_days(x, 1)) ok = !calendar.is_working_day(x);
        for (Date x = d; ok && previous < x; x = add_days(x, -1)) ok = !calendar.is_working_day(x);
        if (!ok) FAIL_CHECK(format_iso_date(d));
        ++checked;
    }
    CHECK(checked > 36000);
}

TEST_CASE("every computed year has the right number of days off", "[calendar]") {
    // Each year: 1 + 5 + 1 + 1 + 1 + 2 = 11 holiday days, each a weekday or made up on one.
    const WorkingCalendar calendar;
    for (int year = 2000; year <= 2100; ++year) {
        INFO(year);
        const auto days = calendar.days_off(year);
        CHECK(days.size() == 11);
        for (const auto& d : days) CHECK(weekday_index(d.date) % 6 != 0);
    }
}

TEST_CASE("five years of lookups agree with the lists of days off", "[calendar]") {
    // (How fast they are is measured by bench/, not here.)
    const WorkingCalendar calendar(shipped());
    std::set<Date> off;
    for (int year = 2026; year <= 2030; ++year)
        for (const auto& d : calendar.days_off(year)) off.insert(d.date);
    const Date first = day("2026-01-01");
    int working = 0;
    for (int k = 0; k < 1826; ++k) {
        const Date d = add_days(first, k);
        const bool weekend = weekday_index(d) == 0 || weekday_index(d) == 6;
        REQUIRE(calendar.is_working_day(d) == (!weekend && !off.contains(d)));
        REQUIRE((calendar.next_working_day(d) == d) == calendar.is_working_day(d));
        working += calendar.is_working_day(d);
    }
    CHECK(working == 1304 - static_cast<int>(off.size()));  // 1,304 weekdays from 2026 to 2030
}

TEST_CASE("nhacviec calendar YEAR", "[calendar]") {
    auto result = run_calendar_command({"2026"});
    INFO(result.err);
    REQUIRE(result.status == cli::kExitOk);
    CHECK(result.out ==
          "2026-01-01  Thứ Năm  Tết Dương lịch\n"
          "2026-02-16  Thứ Hai  Tết Nguyên đán\n"
          "2026-02-17  Thứ Ba   Tết Nguyên đán\n"
          "2026-02-18  Thứ Tư   Tết Nguyên đán\n"
          "2026-02-19  Thứ Năm  Tết Nguyên đán\n"
          "2026-02-20  Thứ Sáu  Tết Nguyên đán\n"
          "2026-04-27  Thứ Hai  Nghỉ bù Giỗ Tổ Hùng Vương\n"
          "2026-04-30  Thứ Năm  Ngày Chiến thắng\n"
          "2026-05-01  Thứ Sáu  Ngày Quốc tế Lao động\n"
          "2026-09-02  Thứ Tư   Quốc khánh\n"
          "2026-09-03  Thứ Năm  Quốc khánh\n");
    CHECK(result.err.empty());
}

TEST_CASE("nhacviec calendar YEAR --json", "[calendar]") {
    auto result = run_calendar_command({"--json", "2027"});
    INFO(result.err);
    REQUIRE(result.status == cli::kExitOk);
    const auto json = nlohmann::json::parse(result.out);
    REQUIRE(json.is_array());
    REQUIRE(json.size() == 11);
    CHECK(json[0] == nlohmann::json{{"date", "2027-01-01"}, {"reason", "Tết Dương lịch"}});
    CHECK(json[4] == nlohmann::json{{"date", "2027-02-10"}, {"reason", "Nghỉ bù Tết Nguyên đán"}});
    CHECK(json[8] == nlohmann::json{{"date", "2027-05-03"}, {"reason", "Nghỉ bù Ngày Quốc tế Lao động"}});
}

TEST_CASE("nhacviec calendar: usage errors", "[calendar]") {
    struct Case {
        std::vector<std::string> args;
        const char* error;
    };
    const Case cases[] = {
        {{}, "nhacviec calendar: which year?\nusage: nhacviec calendar YEAR [--json]\n"},
        {{"abc"}, "nhacviec calendar: \"abc\" is not a year\nusage: nhacviec calendar YEAR [--json]\n"},
        {{"2026x"}, "nhacviec calendar: \"2026x\" is not a year\nusage: nhacviec calendar YEAR [--json]\n"},
        {{"1999"}, "nhacviec calendar: the year must be between 2000 and 2100, not 1999\n"},
        {{"2101"}, "nhacviec calendar: the year must be between 2000 and 2100, not 2101\n"},
        {{"-5"}, "nhacviec calendar: the year must be between 2000 and 2100, not -5\n"},
        {{"2026", "2027"},
         "nhacviec calendar: unexpected argument \"2027\"\nusage: nhacviec calendar YEAR [--json]\n"},
        {{"2026", "--yaml"},
         "nhacviec calendar: unexpected argument \"--yaml\"\nusage: nhacviec calendar YEAR [--json]\n"},
    };
    for (const auto& c : cases) {
        INFO(c.error);
        auto result = run_calendar_command(c.args);
        CHECK(result.status == cli::kExitUsage);
        CHECK(result.err == c.error);
        CHECK(result.out.empty());
    }
}

TEST_CASE("nhacviec calendar uses the holidays file the configuration names", "[calendar]") {
    TempDir dir;
    write_file(dir / "nhacviec.toml", "[calendar]\nholidays = \"holidays.toml\"\n");
    write_file(dir / "holidays.toml", "[[official]]\nyear = 2027\nholiday = \"national_day\"\n"
                                      "from = \"2027-08-30\"\nto = \"2027-09-02\"\nworking_days = [\"2027-08-28\"]\n");
    std::ostringstream out, err;
    cli::Invocation inv{{(dir / "nhacviec.toml").string(), std::nullopt}, {"2027"}, out, err};
    REQUIRE(cli::run_calendar(inv) == cli::kExitOk);
    INFO(err.str());
    const std::string text = out.str();
    CHECK(text.find("2027-08-30  Thứ Hai  Quốc khánh\n"
                    "2027-08-31  Thứ Ba   Quốc khánh\n"
                    "2027-09-01  Thứ Tư   Quốc khánh\n"
                    "2027-09-02  Thứ Năm  Quốc khánh\n") != std::string::npos);
    CHECK(text.find("2027-09-03") == std::string::npos);  // the computed day next to 2/9 is replaced

    write_file(dir / "holidays.toml", "[[official]]\nyear = 2027\n");
    std::ostringstream out2, err2;
    cli::Invocation bad{{(dir / "nhacviec.toml").string(), std::nullopt}, {"2027"}, out2, err2};
    CHECK(cli::run_calendar(bad) == cli::kExitFailure);
    CHECK(err2.str() == "nhacviec: " + (dir / "holidays.toml").string() + ":1:1: official #1 holiday: is required\n");
}
