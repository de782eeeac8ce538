// nhacviec calendar YEAR [--json]: the year's days off other than Saturdays
// and Sundays, each with its reason, as text or as JSON.
#include <charconv>
#include <nlohmann/json.hpp>
#include <ostream>

#include "calendar/working_calendar.h"
#include "cli/command_list.h"
#include "cli/setup.h"
#include "common/text.h"

namespace nhacviec::cli {

namespace {

// Weekday names, padded to the width of the longest (Monday–Friday only are printed).
std::string_view vietnamese_weekday(Date date) {
    static constexpr std::string_view kNames[] = {"Chủ nhật", "Thứ Hai", "Thứ Ba ", "Thứ Tư ",
                                                  "Thứ Năm",  "Thứ Sáu", "Thứ Bảy"};
    return kNames[weekday_index(date)];
}

}  // namespace

int run_calendar(Invocation& inv) {
    bool json = false;
    std::optional<std::string> year_text;
    for (const auto& arg : inv.args) {
        if (arg == "--json") {
            json = true;
        } else if (!year_text && !arg.starts_with("--")) {
            year_text = arg;
        } else {
            inv.err << "nhacviec calendar: unexpected argument \"" << arg << "\"\n" << usage("calendar");
            return kExitUsage;
        }
    }
    if (!year_text) return inv.err << "nhacviec calendar: which year?\n" << usage("calendar"), kExitUsage;
    int year = 0;
    const char* begin = year_text->data();
    const char* end = begin + year_text->size();
    const auto [ptr, ec] = std::from_chars(begin, end, year);
    if (ec == std::errc::result_out_of_range) {
        year = -1;  // a number, but far out of range
    } else if (ec != std::errc{} || ptr != end) {
        inv.err << "nhacviec calendar: \"" << *year_text << "\" is not a year\n" << usage("calendar");
        return kExitUsage;
    }
    if (year < WorkingCalendar::kFirstYear || year > WorkingCalendar::kLastYear) {
        inv.err << "nhacviec calendar: the year must be between " << WorkingCalendar::kFirstYear << " and "
                << WorkingCalendar::kLastYear << ", not " << *year_text << "\n";
        return kExitUsage;
    }

    auto config = app::load_configuration(inv.options);
    if (!config) return inv.err << "nhacviec: " << config.error().message << "\n", kExitFailure;
    auto calendar = app::load_calendar(*config);
    if (!calendar) return inv.err << "nhacviec: " << calendar.error().message << "\n", kExitFailure;
    const auto days = calendar->days_off(year);
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& day : days) out.push_back({{"date", format_iso_date(day.date)}, {"reason", day.reason}});
        inv.out << out.dump(2) << "\n";
    } else {
        for (const auto& day : days)
            inv.out << format_iso_date(day.date) << "  " << vietnamese_weekday(day.date) << "  "
                    << text::visible(day.reason) << "\n";
    }
    return kExitOk;
}

}  // namespace nhacviec::cli
