// The Vietnamese lunisolar calendar ("âm lịch"), computed for Vietnam's time
// zone (UTC+7) with the usual astronomical algorithm (new moons and the sun's
// longitude after Meeus, "Astronomical Algorithms"; the rules as published by
// Hồ Ngọc Đức): a month starts on the day of a new moon, month 11 contains the
// winter solstice, and in a year of 13 months the first month without a major
// solar term is the leap month. Because the day boundary is at UTC+7, a few
// dates differ from the Chinese calendar (UTC+8), e.g. Tết 1985 and 2007.
// Pure functions; valid (tested) for 1900–2199.
#pragma once

#include <optional>

#include "common/date.h"

namespace nhacviec {

// A day of the lunar calendar. A plain value.
struct LunarDate {
    int day = 1;       // 1..30
    int month = 1;     // 1..12
    int year = 1900;   // the lunar year, numbered as the solar year in which it starts
    bool leap = false; // a leap month ("tháng nhuận"), repeating the number of the month before it

    friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

// The lunar date of a solar (Gregorian) date.
LunarDate solar_to_lunar(Date date);

// The solar date of a lunar date, or nullopt when there is no such day: a month
// outside 1..12, a day outside 1..29 or beyond the month's 29 or 30 days, or a
// leap month in a year whose leap month (if any) has another number.
std::optional<Date> lunar_to_solar(int day, int month, int year, bool leap = false);

// The number of the leap month of a lunar year (1..12), or 0 when it has none.
int lunar_leap_month(int year);

}  // namespace nhacviec
