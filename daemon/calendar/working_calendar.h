// WorkingCalendar: which days government offices work, for deadlines (Civil
// Code 2015, Art. 148) and for when notifications go out.
//
// A working day is a Monday–Friday that is not a day off of a public holiday
// (computed or official, see calendar/holidays.h), or a weekend day that an
// official schedule made a working day. Everything is precomputed at
// construction for 2000–2100 (one entry per day, ~37,000), so every query is a
// table lookup. Outside 2000–2100 only Saturdays and Sundays are days off.
//
// Immutable after construction: build one, then share it read-only (by const
// reference or shared_ptr<const>) between threads.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "calendar/holidays.h"
#include "common/date.h"

namespace nhacviec {

// A day off that is not a Saturday or Sunday, and why. A plain value.
struct DayOff {
    Date date;
    std::string reason;  // "Tết Nguyên đán", "Nghỉ bù Quốc khánh"; two holidays on one day are joined by "; "

    friend bool operator==(const DayOff&, const DayOff&) = default;
};

class WorkingCalendar {
public:
    static constexpr int kFirstYear = OfficialSchedules::kFirstYear;  // 2000
    static constexpr int kLastYear = OfficialSchedules::kLastYear;    // 2100

    // The computed holidays, overridden by `official` where it has a schedule.
    explicit WorkingCalendar(const OfficialSchedules& official = OfficialSchedules{});

    bool is_working_day(Date date) const;

    // The days off of `year` other than Saturdays and Sundays, sorted, each with its reason. Official working
    // weekend days are not listed (see working_weekend_days).
    std::vector<DayOff> days_off(int year) const;
    // The Saturdays and Sundays of `year` that an official schedule made working days, sorted.
    std::vector<Date> working_weekend_days(int year) const;

    // The first working day on or after `date`.
    Date next_working_day(Date date) const;
    // The last working day on or before `date`.
    Date previous_working_day(Date date) const;
    // The same, with days numbered from 1970-01-01 (std::chrono::sys_days), for hot loops.
    long next_working_day(long day_number) const;
    long previous_working_day(long day_number) const;

    // When a deadline whose last day is `last_day` ends (Civil Code 2015, Art. 148): at the end of that day when
    // it is a working day, otherwise at the end of the next working day.
    Date legal_end(Date last_day) const { return next_working_day(last_day); }

    // The number of working days d with from <= d < to (half-open, so consecutive ranges add up); negative, the
    // count of [to, from), when to is before from.
    int working_days_between(Date from, Date to) const;

private:
    // Days are numbered from 2000-01-01 (index 0) to 2100-12-31.
    static long day_index(Date date);
    // Working days before day index i (any i, also outside the table), counted from a fixed origin.
    long working_before(long index) const;

    std::vector<uint8_t> next_gap_;      // per day: days to the next working day on or after it (0: working)
    std::vector<uint8_t> previous_gap_;  // per day: days back to the previous working day on or before it
    std::vector<int32_t> lost_before_;   // per day boundary: Mondays–Fridays off minus weekend days worked, before it
    std::map<long, std::string> reasons_;  // day index -> reason, for days off that are holidays
};

}  // namespace nhacviec
