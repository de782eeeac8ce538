#include "calendar/holidays.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;

namespace {

struct Expected {
    const char* date;
    const char* reason;
};

// The days a year's holidays give, as "date reason" lines (weekends included).
std::vector<std::string> lines(const std::vector<HolidayDay>& days) {
    std::vector<std::string> out;
    for (const auto& day : days) out.push_back(format_iso_date(day.date) + " " + day.reason);
    return out;
}

std::vector<std::string> lines(std::initializer_list<Expected> expected) {
    std::vector<std::string> out;
    for (const auto& e : expected) out.push_back(std::string(e.date) + " " + e.reason);
    return out;
}

}  // namespace

TEST_CASE("holiday keys and reasons", "[calendar]") {
    const std::pair<const char*, const char*> expected[] = {
        {"new_year", "Tết Dương lịch"},         {"tet", "Tết Nguyên đán"},
        {"hung_kings", "Giỗ Tổ Hùng Vương"},    {"reunification", "Ngày Chiến thắng"},
        {"labour", "Ngày Quốc tế Lao động"},    {"national_day", "Quốc khánh"},
    };
    size_t k = 0;
    for (const Holiday holiday : kAllHolidays) {
        CHECK(holiday_key(holiday) == expected[k].first);
        CHECK(holiday_reason(holiday) == expected[k].second);
        CHECK(parse_holiday_key(expected[k].first) == holiday);
        ++k;
    }
    CHECK_FALSE(parse_holiday_key("Tet").has_value());
}

TEST_CASE("computed holidays of 2025", "[calendar]") {
    // 1/1 Wednesday. Tết 29/1 (Wednesday): 28/1 (last day of the lunar year) to 1/2 (Saturday, made up on
    // Monday 3/2). Hùng Kings 7/4 Monday. 30/4 Wednesday, 1/5 Thursday. 2/9 is a Tuesday: 1/9 is the day next to it.
    CHECK(lines(holiday_days(2025, OfficialSchedules{})) == lines({
              {"2025-01-01", "Tết Dương lịch"},
              {"2025-01-28", "Tết Nguyên đán"},
              {"2025-01-29", "Tết Nguyên đán"},
              {"2025-01-30", "Tết Nguyên đán"},
              {"2025-01-31", "Tết Nguyên đán"},
              {"2025-02-01", "Tết Nguyên đán"},
              {"2025-02-03", "Nghỉ bù Tết Nguyên đán"},
              {"2025-04-07", "Giỗ Tổ Hùng Vương"},
              {"2025-04-30", "Ngày Chiến thắng"},
              {"2025-05-01", "Ngày Quốc tế Lao động"},
              {"2025-09-01", "Quốc khánh"},
              {"2025-09-02", "Quốc khánh"},
          }));
}

TEST_CASE("computed holidays of 2027", "[calendar]") {
    // 1/1 Friday. Tết 6/2 (Saturday): 5/2 Friday to 9/2 Tuesday; Saturday 6/2 and Sunday 7/2 are made up on
    // Wednesday 10/2 and Thursday 11/2. Hùng Kings 16/4 Friday. 30/4 Friday; 1/5 Saturday, made up on Monday 3/5.
    // 2/9 Thursday, 3/9 Friday.
    const auto days = holiday_days(2027, OfficialSchedules{});
    CHECK(lines(days) == lines({
              {"2027-01-01", "Tết Dương lịch"},
              {"2027-02-05", "Tết Nguyên đán"},
              {"2027-02-06", "Tết Nguyên đán"},
              {"2027-02-07", "Tết Nguyên đán"},
              {"2027-02-08", "Tết Nguyên đán"},
              {"2027-02-09", "Tết Nguyên đán"},
              {"2027-02-10", "Nghỉ bù Tết Nguyên đán"},
              {"2027-02-11", "Nghỉ bù Tết Nguyên đán"},
              {"2027-04-16", "Giỗ Tổ Hùng Vương"},
              {"2027-04-30", "Ngày Chiến thắng"},
              {"2027-05-01", "Ngày Quốc tế Lao động"},
              {"2027-05-03", "Nghỉ bù Ngày Quốc tế Lao động"},
              {"2027-09-02", "Quốc khánh"},
              {"2027-09-03", "Quốc khánh"},
          }));
    for (const auto& day : days) {
        CHECK_FALSE(day.official);
        CHECK(day.compensation == (std::string_view(day.reason).substr(0, 3) == "Ngh"));
    }
}

TEST_CASE("compensating days skip other holidays and each other", "[calendar]") {
    // 2023: Hùng Kings on Saturday 29/4, 30/4 on Sunday, 1/5 on Monday: made up on Tuesday 2/5 and Wednesday 3/5.
    // 1/1 on Sunday: Monday 2/1. 2/9 Saturday and 3/9 Sunday: Monday 4/9 and Tuesday 5/9.
    CHECK(lines(holiday_days(2023, OfficialSchedules{})) == lines({
              {"2023-01-01", "Tết Dương lịch"},
              {"2023-01-02", "Nghỉ bù Tết Dương lịch"},
              {"2023-01-21", "Tết Nguyên đán"},
              {"2023-01-22", "Tết Nguyên đán"},
              {"2023-01-23", "Tết Nguyên đán"},
              {"2023-01-24", "Tết Nguyên đán"},
              {"2023-01-25", "Tết Nguyên đán"},
              {"2023-01-26", "Nghỉ bù Tết Nguyên đán"},
              {"2023-01-27", "Nghỉ bù Tết Nguyên đán"},
              {"2023-04-29", "Giỗ Tổ Hùng Vương"},
              {"2023-04-30", "Ngày Chiến thắng"},
              {"2023-05-01", "Ngày Quốc tế Lao động"},
              {"2023-05-02", "Nghỉ bù Giỗ Tổ Hùng Vương"},
              {"2023-05-03", "Nghỉ bù Ngày Chiến thắng"},
              {"2023-09-02", "Quốc khánh"},
              {"2023-09-03", "Quốc khánh"},
              {"2023-09-04", "Nghỉ bù Quốc khánh"},
              {"2023-09-05", "Nghỉ bù Quốc khánh"},
          }));
}

TEST_CASE("holidays outside 2000-2100 are not computed", "[calendar]") {
    CHECK(holiday_days(1999, OfficialSchedules{}).empty());
    CHECK(holiday_days(2101, OfficialSchedules{}).empty());
    CHECK_FALSE(holiday_days(2000, OfficialSchedules{}).empty());
    CHECK_FALSE(holiday_days(2100, OfficialSchedules{}).empty());
}

TEST_CASE("the shipped holidays file: Tết 2026 from Saturday 14 to Sunday 22 February", "[calendar]") {
    auto official = OfficialSchedules::load_file(source_dir() / "config/holidays.toml");
    INFO((official.ok() ? "" : official.error().message));
    REQUIRE(official.ok());
    const OfficialSchedule* tet = official->find(2026, Holiday::tet);
    REQUIRE(tet != nullptr);
    CHECK(format_iso_date(tet->days_off.from) == "2026-02-14");
    CHECK(format_iso_date(tet->days_off.to) == "2026-02-22");
    CHECK(tet->working_days.empty());
    CHECK_FALSE(tet->note.empty());
    CHECK(official->find(2026, Holiday::national_day) == nullptr);
    CHECK(official->find(2027, Holiday::tet) == nullptr);

    // The official days replace the computed ones (16–20/2) and their compensation; the rest stays computed.
    std::vector<std::string> tet_days;
    for (const auto& day : holiday_days(2026, *official))
        if (day.holiday == Holiday::tet) {
            CHECK(day.official);
            CHECK_FALSE(day.compensation);
            tet_days.push_back(format_iso_date(day.date));
        }
    CHECK(tet_days == std::vector<std::string>{"2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18",
                                               "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22"});
    CHECK(lines(holiday_days(2026, *official)).size() == 9 + 1 + 2 + 2 + 2);  // + 1/1, Hùng Kings + its
                                                                             // compensation, 30/4, 1/5, 2/9, 3/9
}

TEST_CASE("the built-in holidays are the shipped file", "[calendar]") {
    auto embedded = OfficialSchedules::load_embedded();
    INFO((embedded.ok() ? "" : embedded.error().message));
    REQUIRE(embedded.ok());
    auto file = OfficialSchedules::load_file(source_dir() / "config/holidays.toml");
    REQUIRE(file.ok());
    REQUIRE(embedded->schedules().size() == file->schedules().size());
    const OfficialSchedule* tet = embedded->find(2026, Holiday::tet);
    REQUIRE(tet != nullptr);
    CHECK(format_iso_date(tet->days_off.from) == "2026-02-14");
}

TEST_CASE("an official schedule with working days, and a range reaching into the year before", "[calendar]") {
    const char* toml = R"(
[[official]]
year = 2019
holiday = "new_year"
from = "2018-12-29"
to = "2019-01-01"
working_days = ["2019-01-05"]
note = "Nghỉ Tết Dương lịch 2019, làm bù thứ Bảy 05/01/2019"

[[official]]
year = 2025
holiday = "labour"
from = "2025-05-01"
to = "2025-05-04"
working_days = ["2025-04-26"]
)";
    auto official = OfficialSchedules::parse(toml, "h.toml");
    INFO((official.ok() ? "" : official.error().message));
    REQUIRE(official.ok());
    REQUIRE(official->schedules().size() == 2);
    CHECK(official->schedules()[0].year == 2019);
    CHECK(official->schedules()[1].note.empty());
    std::vector<std::string> new_year;
    for (const auto& day : holiday_days(2019, *official))
        if (day.holiday == Holiday::new_year) new_year.push_back(format_iso_date(day.date));
    CHECK(new_year == std::vector<std::string>{"2018-12-29", "2018-12-30", "2018-12-31", "2019-01-01"});
    CHECK(official_working_days(2019, *official) == std::vector<Date>{*make_date(2019, 1, 5)});
    CHECK(official_working_days(2025, *official) == std::vector<Date>{*make_date(2025, 4, 26)});
    CHECK(official_working_days(2026, *official).empty());
}

TEST_CASE("an empty holidays file has no schedules", "[calendar]") {
    auto official = OfficialSchedules::parse("# nothing yet\n", "h.toml");
    REQUIRE(official.ok());
    CHECK(official->schedules().empty());
}

TEST_CASE("bad holidays files name the file, line, column and key", "[calendar]") {
    struct Case {
        const char* what;
        const char* toml;
        const char* error;
    };
    // Each entry starts on line 1 with [[official]]; the keys follow on lines 2-5 (year, holiday, from, to).
    const Case cases[] = {
        {"unknown holiday",
         "[[official]]\nyear = 2026\nholiday = \"teet\"\nfrom = \"2026-02-14\"\nto = \"2026-02-22\"\n",
         "h.toml:3:11: official #1 holiday: unknown holiday \"teet\"; expected one of new_year, tet, hung_kings, "
         "reunification, labour, national_day"},
        {"invalid from", "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2026-02-30\"\nto = \"2026-02-22\"\n",
         "h.toml:4:8: official #1 from: \"2026-02-30\" is not a date (YYYY-MM-DD)"},
        {"invalid to", "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2026-02-14\"\nto = \"22/02/2026\"\n",
         "h.toml:5:6: official #1 to: \"22/02/2026\" is not a date (YYYY-MM-DD)"},
        {"to before from", "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2026-02-22\"\nto = \"2026-02-14\"\n",
         "h.toml:5:6: official #1 to: 2026-02-14 is before from (2026-02-22)"},
        {"range too long", "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2026-02-01\"\nto = \"2026-02-21\"\n",
         "h.toml:5:6: official #1 to: the range 2026-02-01 to 2026-02-21 is 21 days long; at most 20"},
        {"year too early", "[[official]]\nyear = 1999\nholiday = \"tet\"\nfrom = \"1999-02-14\"\nto = \"1999-02-22\"\n",
         "h.toml:2:8: official #1 year: must be between 2000 and 2100, not 1999"},
        {"year too late", "[[official]]\nyear = 2101\nholiday = \"tet\"\nfrom = \"2101-02-14\"\nto = \"2101-02-22\"\n",
         "h.toml:2:8: official #1 year: must be between 2000 and 2100, not 2101"},
        {"range of another year",
         "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2025-01-25\"\nto = \"2025-02-02\"\n",
         "h.toml:4:8: official #1 from: the range 2025-01-25 to 2025-02-02 does not include tet 2026 itself "
         "(2026-02-17)"},
        {"duplicate", "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2026-02-14\"\nto = \"2026-02-22\"\n"
                      "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2026-02-15\"\nto = \"2026-02-22\"\n",
         "h.toml:8:11: official #2 holiday: tet 2026 already has a schedule (h.toml:3:11)"},
        {"missing key", "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2026-02-14\"\n",
         "h.toml:1:1: official #1 to: is required"},
        {"unknown key", "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2026-02-14\"\nto = \"2026-02-22\"\n"
                        "workdays = []\n",
         "h.toml:6:1: official #1 workdays: unknown key"},
        {"year as a string", "[[official]]\nyear = \"2026\"\nholiday = \"tet\"\nfrom = \"2026-02-14\"\n"
                             "to = \"2026-02-22\"\n",
         "h.toml:2:8: official #1 year: expected an integer"},
        {"unquoted date", "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = 2026-02-14\nto = \"2026-02-22\"\n",
         "h.toml:4:8: official #1 from: expected a string"},
        {"working day not a date", "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2026-02-14\"\n"
                                   "to = \"2026-02-22\"\nworking_days = [\"2026-02-28\", \"2026-13-01\"]\n",
         "h.toml:6:31: official #1 working_days: \"2026-13-01\" is not a date (YYYY-MM-DD)"},
        {"working day on a weekday", "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2026-02-14\"\n"
                                     "to = \"2026-02-22\"\nworking_days = [\"2026-02-25\"]\n",
         "h.toml:6:17: official #1 working_days: 2026-02-25 is a Wednesday, a working day already"},
        {"working day inside the range", "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2026-02-14\"\n"
                                         "to = \"2026-02-22\"\nworking_days = [\"2026-02-21\"]\n",
         "h.toml:6:17: official #1 working_days: 2026-02-21 is one of the days off (2026-02-14 to 2026-02-22)"},
        {"working day far away", "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2026-02-14\"\n"
                                 "to = \"2026-02-22\"\nworking_days = [\"2026-06-06\"]\n",
         "h.toml:6:17: official #1 working_days: 2026-06-06 is more than 60 days from the days off "
         "(2026-02-14 to 2026-02-22)"},
        {"working day twice", "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2026-02-14\"\n"
                              "to = \"2026-02-22\"\nworking_days = [\"2026-02-28\", \"2026-02-28\"]\n",
         "h.toml:6:31: official #1 working_days: 2026-02-28 is listed twice"},
        {"working day off elsewhere", "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2026-02-14\"\n"
                                      "to = \"2026-02-22\"\n[[official]]\nyear = 2026\nholiday = \"new_year\"\n"
                                      "from = \"2026-01-01\"\nto = \"2026-01-01\"\nworking_days = [\"2026-02-15\"]\n",
         "h.toml:11:17: official #2 working_days: 2026-02-15 is a day off of tet 2026 (2026-02-14 to 2026-02-22)"},
        {"working days not strings", "[[official]]\nyear = 2026\nholiday = \"tet\"\nfrom = \"2026-02-14\"\n"
                                     "to = \"2026-02-22\"\nworking_days = [20260228]\n",
         "h.toml:6:17: official #1 working_days: expected an array of strings"},
        {"official not an array of tables", "official = 5\n", "h.toml:1:12: official: expected an array"},
        {"official entry not a table", "official = [1]\n", "h.toml:1:13: official: expected a table ([[official]])"},
        {"unknown section", "[[oficial]]\nyear = 2026\n", "h.toml:1:3: oficial: unknown key"},
        {"syntax error", "[[official]\n", "h.toml:1:12: Error while parsing table header: expected ']', saw '\\n'"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto official = OfficialSchedules::parse(c.toml, "h.toml");
        REQUIRE_FALSE(official.ok());
        CHECK(official.error().message == c.error);
    }
}

TEST_CASE("a missing holidays file is an error naming it", "[calendar]") {
    auto official = OfficialSchedules::load_file("/nonexistent/holidays.toml");
    REQUIRE_FALSE(official.ok());
    CHECK(official.error().message ==
          "/nonexistent/holidays.toml: cannot read the holidays file: No such file or directory");
}
