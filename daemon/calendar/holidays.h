// Public holidays (Labour Code 2019, Art. 112) and the official schedules that
// override them.
//
// For each year 2000–2100 the holidays are computed by a deterministic
// default (docs: /work/shared/domain.md §3): new_year 1/1; tet, the last day
// of the lunar year and the first four days of the new one; hung_kings 10/3
// lunar; reunification 30/4; labour 1/5; national_day 2/9 and the day next to
// it (1/9 when 2/9 is a Tuesday, otherwise 3/9). A holiday day on a Saturday
// or Sunday gives a compensating day off (Art. 111) on the next Monday–Friday
// that is neither a holiday nor already a compensating day.
//
// The Prime Minister fixes the real days each year; an official schedule for
// (year, holiday) replaces that holiday's computed days and compensation
// entirely. Schedules are read from a TOML file (config/holidays.toml
// documents the format; a copy is built into the binary).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"

namespace nhacviec {

// The public holidays of Art. 112, by their stable key.
enum class Holiday { new_year, tet, hung_kings, reunification, labour, national_day };

inline constexpr Holiday kAllHolidays[] = {Holiday::new_year,      Holiday::tet,    Holiday::hung_kings,
                                           Holiday::reunification, Holiday::labour, Holiday::national_day};

// "new_year", "tet", "hung_kings", "reunification", "labour", "national_day".
std::string_view holiday_key(Holiday holiday);
std::optional<Holiday> parse_holiday_key(std::string_view key);
// The holiday's name as a reason for a day off: "Tết Nguyên đán", "Quốc khánh", ...
std::string_view holiday_reason(Holiday holiday);
// The day the holiday is about in `year` (1/1, lunar 1/1, lunar 10/3, 30/4, 1/5, 2/9).
Date holiday_date(Holiday holiday, int year);

// The first and the last day of a range of days, both included. A plain value.
struct DateRange {
    Date from;
    Date to;
};

// The days off the government fixed for one holiday in one year. Owned by OfficialSchedules.
struct OfficialSchedule {
    int year = 0;
    Holiday holiday = Holiday::new_year;
    DateRange days_off;               // every day of the range is off, weekends included
    std::vector<Date> working_days;   // weekend days made working days in exchange
    std::string note;                 // where the schedule comes from; for people only
};

// The official schedules read from one holidays file, at most one per (year,
// holiday). Immutable after loading; passed by const reference to WorkingCalendar.
class OfficialSchedules {
public:
    static constexpr int kFirstYear = 2000;
    static constexpr int kLastYear = 2100;
    static constexpr int kMaxRangeDays = 20;
    static constexpr int kMaxExchangeDistance = 60;  // days between a working day and the range it pays for

    OfficialSchedules() = default;  // none: every holiday is computed

    // Parses and validates a holidays file. Errors name the place, e.g.
    //   holidays.toml:4:8: official #1 from: "2026-02-30" is not a date (YYYY-MM-DD)
    static Result<OfficialSchedules> parse(std::string_view toml_text, std::string_view source_name);
    // Reads and parses a file; an unreadable file is an error naming it.
    static Result<OfficialSchedules> load_file(const std::filesystem::path& path);
    // The built-in schedules (config/holidays.toml as built).
    static Result<OfficialSchedules> load_embedded();

    // The schedule for one holiday in one year, or nullptr.
    const OfficialSchedule* find(int year, Holiday holiday) const;
    // Every schedule, sorted by year and then by holiday.
    const std::vector<OfficialSchedule>& schedules() const { return schedules_; }

private:
    std::vector<OfficialSchedule> schedules_;
};

// One day off that a holiday gives. A plain value.
struct HolidayDay {
    Date date;
    Holiday holiday = Holiday::new_year;
    bool compensation = false;  // a computed compensating day (Art. 111), not the holiday itself
    bool official = false;      // from an official schedule
    std::string reason;         // "Tết Nguyên đán", "Nghỉ bù Quốc khánh", ...
};

// The days off that the holidays of `year` (2000–2100) give, weekends
// included, sorted by date: computed ones and official ranges. An official
// range may reach into a neighbouring year (e.g. New Year from 29 December).
// Outside 2000–2100: none.
std::vector<HolidayDay> holiday_days(int year, const OfficialSchedules& official);

// The weekend days made working days by the official schedules of `year`.
std::vector<Date> official_working_days(int year, const OfficialSchedules& official);

}  // namespace nhacviec
