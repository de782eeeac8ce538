#include "calendar/working_calendar.h"

#include <algorithm>
#include <chrono>

namespace nhacviec {
namespace {

using std::chrono::sys_days;

constexpr long kBase = sys_days{std::chrono::year{WorkingCalendar::kFirstYear} / 1 / 1}.time_since_epoch().count();
constexpr long kEnd = sys_days{std::chrono::year{WorkingCalendar::kLastYear + 1} / 1 / 1}.time_since_epoch().count();
constexpr long kDays = kEnd - kBase;  // days in the table
constexpr long kPad = 64;             // days past each end of the table used when computing gaps
constexpr uint8_t kFarGap = 255;      // a gap this long or longer is not stored; found by walking

bool weekend_at(long day_number) {
    const unsigned w = std::chrono::weekday{sys_days{std::chrono::days{day_number}}}.c_encoding();
    return w == 0 || w == 6;
}

// Mondays–Fridays before day `day_number`, counted from the Monday 1970-01-05 (negative before it).
long weekdays_before(long day_number) {
    const long m = day_number - 4;  // day 4 (1970-01-05) is a Monday
    const long weeks = m >= 0 ? m / 7 : -((-m + 6) / 7);
    const long rest = m - weeks * 7;  // 0..6
    return weeks * 5 + std::min(rest, 5L);
}

Date date_at(long day_number) { return Date{sys_days{std::chrono::days{day_number}}}; }

}  // namespace

long WorkingCalendar::day_index(Date date) { return sys_days{date}.time_since_epoch().count() - kBase; }

WorkingCalendar::WorkingCalendar(const OfficialSchedules& official) {
    // Working or not, for the table and kPad days either side (only weekends are off there).
    std::vector<uint8_t> working(static_cast<size_t>(kDays + 2 * kPad));
    for (long i = -kPad; i < kDays + kPad; ++i) working[static_cast<size_t>(i + kPad)] = !weekend_at(kBase + i);
    auto in_table = [](long index) { return index >= 0 && index < kDays; };

    // Official working weekend days first, so that a day off always wins over them.
    for (const auto& schedule : official.schedules())
        for (const Date day : schedule.working_days)
            if (const long i = day_index(day); in_table(i)) working[static_cast<size_t>(i + kPad)] = 1;
    for (int year = kFirstYear; year <= kLastYear; ++year) {
        for (const auto& day : holiday_days(year, official)) {
            const long i = day_index(day.date);
            if (!in_table(i)) continue;
            working[static_cast<size_t>(i + kPad)] = 0;
            std::string& reason = reasons_[i];
            if (reason.empty())
                reason = day.reason;
            else if (reason != day.reason && reason.find("; " + day.reason) == std::string::npos)
                reason += "; " + day.reason;
        }
    }

    const size_t total = working.size();
    std::vector<int> next(total), previous(total);
    for (size_t k = total; k-- > 0;) next[k] = working[k] ? 0 : (k + 1 < total ? next[k + 1] + 1 : kFarGap);
    for (size_t k = 0; k < total; ++k) previous[k] = working[k] ? 0 : (k > 0 ? previous[k - 1] + 1 : kFarGap);
    next_gap_.resize(static_cast<size_t>(kDays));
    previous_gap_.resize(static_cast<size_t>(kDays));
    lost_before_.resize(static_cast<size_t>(kDays + 1));
    int32_t lost = 0;
    for (long i = 0; i < kDays; ++i) {
        const size_t k = static_cast<size_t>(i + kPad);
        next_gap_[static_cast<size_t>(i)] = static_cast<uint8_t>(std::min<int>(next[k], kFarGap));
        previous_gap_[static_cast<size_t>(i)] = static_cast<uint8_t>(std::min<int>(previous[k], kFarGap));
        lost_before_[static_cast<size_t>(i)] = lost;
        const bool weekday = !weekend_at(kBase + i);
        if (weekday && !working[k]) ++lost;
        if (!weekday && working[k]) --lost;
    }
    lost_before_[static_cast<size_t>(kDays)] = lost;
}

bool WorkingCalendar::is_working_day(Date date) const {
    const long i = day_index(date);
    if (i >= 0 && i < kDays) return next_gap_[static_cast<size_t>(i)] == 0;
    return !weekend_at(i + kBase);
}

Date WorkingCalendar::next_working_day(Date date) const {
    return date_at(next_working_day(static_cast<long>(sys_days{date}.time_since_epoch().count())));
}

Date WorkingCalendar::previous_working_day(Date date) const {
    return date_at(previous_working_day(static_cast<long>(sys_days{date}.time_since_epoch().count())));
}

long WorkingCalendar::next_working_day(long day_number) const {
    const long i = day_number - kBase;
    if (i >= 0 && i < kDays && next_gap_[static_cast<size_t>(i)] != kFarGap)
        return day_number + next_gap_[static_cast<size_t>(i)];
    long d = day_number;
    while (!is_working_day(date_at(d))) ++d;
    return d;
}

long WorkingCalendar::previous_working_day(long day_number) const {
    const long i = day_number - kBase;
    if (i >= 0 && i < kDays && previous_gap_[static_cast<size_t>(i)] != kFarGap)
        return day_number - previous_gap_[static_cast<size_t>(i)];
    long d = day_number;
    while (!is_working_day(date_at(d))) --d;
    return d;
}

long WorkingCalendar::working_before(long index) const {
    const long clamped = std::clamp(index, 0L, kDays);
    return weekdays_before(index + kBase) - lost_before_[static_cast<size_t>(clamped)];
}

int WorkingCalendar::working_days_between(Date from, Date to) const {
    return static_cast<int>(working_before(day_index(to)) - working_before(day_index(from)));
}

std::vector<DayOff> WorkingCalendar::days_off(int year) const {
    std::vector<DayOff> out;
    if (year < kFirstYear || year > kLastYear) return out;
    const long first = day_index(Date{std::chrono::year{year}, std::chrono::January, std::chrono::day{1}});
    const long last = day_index(Date{std::chrono::year{year}, std::chrono::December, std::chrono::day{31}});
    for (auto it = reasons_.lower_bound(first); it != reasons_.end() && it->first <= last; ++it)
        if (!weekend_at(kBase + it->first)) out.push_back({date_at(kBase + it->first), it->second});
    return out;
}

std::vector<Date> WorkingCalendar::working_weekend_days(int year) const {
    std::vector<Date> out;
    if (year < kFirstYear || year > kLastYear) return out;
    const long first = day_index(Date{std::chrono::year{year}, std::chrono::January, std::chrono::day{1}});
    const long last = day_index(Date{std::chrono::year{year}, std::chrono::December, std::chrono::day{31}});
    for (long i = first; i <= last; ++i)
        if (weekend_at(kBase + i) && next_gap_[static_cast<size_t>(i)] == 0) out.push_back(date_at(kBase + i));
    return out;
}

}  // namespace nhacviec
