#include "calendar/holidays.h"

#include <algorithm>
#include <map>
#include <set>

#include "calendar/lunar_calendar.h"
#include "common/embedded.h"
#include "common/text_file.h"
#include "common/toml_fields.h"

namespace nhacviec {
namespace {

struct HolidayInfo {
    Holiday holiday;
    std::string_view key;
    std::string_view reason;
};

constexpr HolidayInfo kHolidayInfo[] = {
    {Holiday::new_year, "new_year", "Tết Dương lịch"},
    {Holiday::tet, "tet", "Tết Nguyên đán"},
    {Holiday::hung_kings, "hung_kings", "Giỗ Tổ Hùng Vương"},
    {Holiday::reunification, "reunification", "Ngày Chiến thắng"},
    {Holiday::labour, "labour", "Ngày Quốc tế Lao động"},
    {Holiday::national_day, "national_day", "Quốc khánh"},
};

const HolidayInfo& info(Holiday holiday) { return kHolidayInfo[static_cast<size_t>(holiday)]; }

std::string_view english_weekday(Date date) {
    static constexpr std::string_view kNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                  "Thursday", "Friday", "Saturday"};
    return kNames[weekday_index(date)];
}

bool is_weekend(Date date) {
    const unsigned w = weekday_index(date);
    return w == 0 || w == 6;
}

long day_number(Date date) { return std::chrono::sys_days{date}.time_since_epoch().count(); }

// The days the holiday itself covers by the computed default, without compensation.
std::vector<Date> computed_days(Holiday holiday, int year) {
    const Date day = holiday_date(holiday, year);
    switch (holiday) {
        case Holiday::tet:
            return {add_days(day, -1), day, add_days(day, 1), add_days(day, 2), add_days(day, 3)};
        case Holiday::national_day:
            // 2/9 and the day next to it: 1/9 when 2/9 is a Tuesday (making a four-day weekend), otherwise 3/9.
            if (weekday_index(day) == 2) return {add_days(day, -1), day};
            return {day, add_days(day, 1)};
        default:
            return {day};
    }
}

bool by_date(const HolidayDay& a, const HolidayDay& b) { return a.date < b.date; }

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string range_text(const DateRange& range) {
    return format_iso_date(range.from) + " to " + format_iso_date(range.to);
}

// What the parser keeps about one entry beside its value, for messages that involve two entries.
struct EntryPlace {
    std::string section;
    std::string holiday_where;                // "file:line:col" of the holiday key
    std::vector<std::string> working_where;   // of each working day
};

}  // namespace

std::string_view holiday_key(Holiday holiday) { return info(holiday).key; }

std::optional<Holiday> parse_holiday_key(std::string_view key) {
    for (const auto& entry : kHolidayInfo)
        if (entry.key == key) return entry.holiday;
    return std::nullopt;
}

std::string_view holiday_reason(Holiday holiday) { return info(holiday).reason; }

Date holiday_date(Holiday holiday, int year) {
    using namespace std::chrono;
    const std::chrono::year y{year};
    switch (holiday) {
        case Holiday::new_year: return Date{y, January, day{1}};
        case Holiday::tet: {
            const auto date = lunar_to_solar(1, 1, year);
            return date ? *date : Date{y, January, day{1}};  // lunar 1/1 always exists
        }
        case Holiday::hung_kings: {
            const auto date = lunar_to_solar(10, 3, year);
            return date ? *date : Date{y, April, day{1}};  // lunar 10/3 always exists
        }
        case Holiday::reunification: return Date{y, April, day{30}};
        case Holiday::labour: return Date{y, May, day{1}};
        case Holiday::national_day: return Date{y, September, day{2}};
    }
    return Date{y, January, day{1}};
}

// ---------------------------------------------------------------------------
// The holidays file.

Result<OfficialSchedules> OfficialSchedules::parse(std::string_view toml_text, std::string_view source_name) {
    auto parsed = parse_toml(toml_text, source_name);
    if (!parsed) return parsed.error();
    const toml::table& root = parsed.value();
    const std::string source(source_name);

    TomlFields root_fields(root, source, "");
    const toml::array* entries = root_fields.array("official");
    if (auto status = root_fields.finish(); !status) return status.error();

    OfficialSchedules out;
    std::vector<EntryPlace> places;
    std::map<std::pair<int, Holiday>, size_t> seen;  // (year, holiday) -> index in out.schedules_
    const size_t count = entries ? entries->size() : 0;
    for (size_t k = 0; k < count; ++k) {
        const toml::node& node = *entries->get(k);
        const toml::table* table = node.as_table();
        if (!table) return Error{toml_position(source, node.source()) + ": official: expected a table ([[official]])"};
        EntryPlace place;
        place.section = "official #" + std::to_string(k + 1);
        TomlFields fields(*table, source, place.section);
        const auto year = fields.integer("year", kFirstYear, kLastYear, true);
        const auto holiday_text = fields.string("holiday", true);
        const auto from_text = fields.string("from", true);
        const auto to_text = fields.string("to", true);
        const toml::array* working = fields.array("working_days");
        const auto note = fields.string("note");
        if (auto status = fields.finish(); !status) return status.error();
        // The first problem of this entry, in the place `key` names.
        auto fail = [&](std::string_view key, std::string_view message) -> Error {
            fields.fail(key, message);
            return fields.finish().error();
        };

        OfficialSchedule schedule;
        schedule.year = static_cast<int>(*year);
        const auto holiday = parse_holiday_key(*holiday_text);
        if (!holiday) {
            std::string expected;
            for (const auto& entry : kHolidayInfo) expected += (expected.empty() ? "" : ", ") + std::string(entry.key);
            return fail("holiday", "unknown holiday " + in_quotes(*holiday_text) + "; expected one of " + expected);
        }
        schedule.holiday = *holiday;
        place.holiday_where = fields.where(*table->get("holiday"));
        const auto from = parse_iso_date(*from_text);
        if (!from) return fail("from", in_quotes(*from_text) + " is not a date (YYYY-MM-DD)");
        const auto to = parse_iso_date(*to_text);
        if (!to) return fail("to", in_quotes(*to_text) + " is not a date (YYYY-MM-DD)");
        schedule.days_off = {*from, *to};
        if (*to < *from) return fail("to", format_iso_date(*to) + " is before from (" + format_iso_date(*from) + ")");
        const long length = day_number(*to) - day_number(*from) + 1;
        if (length > kMaxRangeDays)
            return fail("to", "the range " + range_text(schedule.days_off) + " is " + std::to_string(length) +
                                  " days long; at most " + std::to_string(kMaxRangeDays));
        const Date anchor = holiday_date(schedule.holiday, schedule.year);
        if (anchor < *from || *to < anchor)
            return fail("from", "the range " + range_text(schedule.days_off) + " does not include " +
                                    std::string(holiday_key(schedule.holiday)) + " " + std::to_string(schedule.year) +
                                    " itself (" + format_iso_date(anchor) + ")");

        if (working) {
            for (const auto& element : *working) {
                auto element_error = [&](std::string_view message) -> Error {
                    return Error{fields.where(element) + ": " + place.section + " working_days: " +
                                 std::string(message)};
                };
                const auto* text = element.as_string();
                if (!text) return element_error("expected an array of strings");
                const auto date = parse_iso_date(text->get());
                if (!date) return element_error(in_quotes(text->get()) + " is not a date (YYYY-MM-DD)");
                const std::string iso = format_iso_date(*date);
                if (!is_weekend(*date))
                    return element_error(iso + " is a " + std::string(english_weekday(*date)) +
                                         ", a working day already");
                if (!(*date < *from) && !(*to < *date))
                    return element_error(iso + " is one of the days off (" + range_text(schedule.days_off) + ")");
                const long distance = std::max(day_number(*from) - day_number(*date),
                                               day_number(*date) - day_number(*to));
                if (distance > kMaxExchangeDistance)
                    return element_error(iso + " is more than " + std::to_string(kMaxExchangeDistance) +
                                         " days from the days off (" + range_text(schedule.days_off) + ")");
                if (std::find(schedule.working_days.begin(), schedule.working_days.end(), *date) !=
                    schedule.working_days.end())
                    return element_error(iso + " is listed twice");
                schedule.working_days.push_back(*date);
                place.working_where.push_back(fields.where(element));
            }
        }
        schedule.note = note.value_or("");

        const auto [it, inserted] = seen.emplace(std::pair{schedule.year, schedule.holiday}, out.schedules_.size());
        if (!inserted)
            return fail("holiday", std::string(holiday_key(schedule.holiday)) + " " + std::to_string(schedule.year) +
                                       " already has a schedule (" + places[it->second].holiday_where + ")");
        out.schedules_.push_back(std::move(schedule));
        places.push_back(std::move(place));
    }

    // A working day must not be a day off of another schedule.
    for (size_t i = 0; i < out.schedules_.size(); ++i) {
        const auto& schedule = out.schedules_[i];
        for (size_t w = 0; w < schedule.working_days.size(); ++w) {
            const Date date = schedule.working_days[w];
            for (const auto& other : out.schedules_) {
                if (date < other.days_off.from || other.days_off.to < date) continue;
                return Error{places[i].working_where[w] + ": " + places[i].section + " working_days: " +
                             format_iso_date(date) + " is a day off of " + std::string(holiday_key(other.holiday)) +
                             " " + std::to_string(other.year) + " (" + range_text(other.days_off) + ")"};
            }
        }
    }

    std::sort(out.schedules_.begin(), out.schedules_.end(), [](const OfficialSchedule& a, const OfficialSchedule& b) {
        return std::pair{a.year, a.holiday} < std::pair{b.year, b.holiday};
    });
    return out;
}

Result<OfficialSchedules> OfficialSchedules::load_file(const std::filesystem::path& path) {
    const auto content = read_text_file(path, kMaxConfigFileBytes, "cannot read the holidays file");
    if (!content) return content.error();
    return parse(*content, path.string());
}

Result<OfficialSchedules> OfficialSchedules::load_embedded() {
    const auto content = embedded_file("config/holidays.toml");
    if (!content) return Error{"no built-in holidays: config/holidays.toml is missing from this build"};
    return parse(*content, "config/holidays.toml");
}

const OfficialSchedule* OfficialSchedules::find(int year, Holiday holiday) const {
    for (const auto& schedule : schedules_)
        if (schedule.year == year && schedule.holiday == holiday) return &schedule;
    return nullptr;
}

// ---------------------------------------------------------------------------
// The days off of a year.

std::vector<HolidayDay> holiday_days(int year, const OfficialSchedules& official) {
    std::vector<HolidayDay> days;
    if (year < OfficialSchedules::kFirstYear || year > OfficialSchedules::kLastYear) return days;
    for (const Holiday holiday : kAllHolidays) {
        const std::string reason(holiday_reason(holiday));
        if (const OfficialSchedule* schedule = official.find(year, holiday)) {
            for (Date d = schedule->days_off.from; !(schedule->days_off.to < d); d = add_days(d, 1))
                days.push_back({d, holiday, false, true, reason});
        } else {
            for (const Date d : computed_days(holiday, year)) days.push_back({d, holiday, false, false, reason});
        }
    }
    std::stable_sort(days.begin(), days.end(), by_date);

    // Art. 111: each computed holiday day on a weekend gives the next free Monday–Friday off.
    std::set<Date> taken;
    for (const auto& day : days) taken.insert(day.date);
    std::vector<HolidayDay> compensation;
    for (const auto& day : days) {
        if (day.official || !is_weekend(day.date)) continue;
        Date d = add_days(day.date, 1);
        while (is_weekend(d) || taken.count(d)) d = add_days(d, 1);
        taken.insert(d);
        compensation.push_back({d, day.holiday, true, false, "Nghỉ bù " + day.reason});
    }
    days.insert(days.end(), compensation.begin(), compensation.end());
    std::stable_sort(days.begin(), days.end(), by_date);
    return days;
}

std::vector<Date> official_working_days(int year, const OfficialSchedules& official) {
    std::vector<Date> out;
    for (const auto& schedule : official.schedules())
        if (schedule.year == year) out.insert(out.end(), schedule.working_days.begin(), schedule.working_days.end());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace nhacviec
