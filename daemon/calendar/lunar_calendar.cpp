#include "calendar/lunar_calendar.h"

#include <chrono>
#include <cmath>
#include <numbers>

namespace nhacviec {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kRad = kPi / 180.0;
constexpr double kTimeZone = 7.0;            // hours east of UTC
constexpr long kUnixEpochJdn = 2440588;      // Julian day number of 1970-01-01
constexpr double kSynodicMonth = 29.530588853;
constexpr double kNewMoon1900 = 2415021.076998695;  // Julian day of the new moon of 1900-01-01

long to_jdn(Date date) { return std::chrono::sys_days{date}.time_since_epoch().count() + kUnixEpochJdn; }

Date from_jdn(long jdn) { return Date{std::chrono::sys_days{std::chrono::days{jdn - kUnixEpochJdn}}}; }

long floor_to_long(double x) { return static_cast<long>(std::floor(x)); }

// The moment (Julian day, UT, fractional) of the k-th new moon after the one of 1900-01-01.
double new_moon(long k) {
    const double t = static_cast<double>(k) / 1236.85;  // Julian centuries from 1900-01-00.5
    const double t2 = t * t;
    const double t3 = t2 * t;
    const double kd = static_cast<double>(k);
    double jd1 = 2415020.75933 + 29.53058868 * kd + 0.0001178 * t2 - 0.000000155 * t3;
    jd1 += 0.00033 * std::sin((166.56 + 132.87 * t - 0.009173 * t2) * kRad);
    const double m = 359.2242 + 29.10535608 * kd - 0.0000333 * t2 - 0.00000347 * t3;      // sun's mean anomaly
    const double mpr = 306.0253 + 385.81691806 * kd + 0.0107306 * t2 + 0.00001236 * t3;  // moon's mean anomaly
    const double f = 21.2964 + 390.67050646 * kd - 0.0016528 * t2 - 0.00000239 * t3;     // moon's argument of latitude
    double c1 = (0.1734 - 0.000393 * t) * std::sin(m * kRad) + 0.0021 * std::sin(2 * kRad * m);
    c1 = c1 - 0.4068 * std::sin(mpr * kRad) + 0.0161 * std::sin(kRad * 2 * mpr);
    c1 = c1 - 0.0004 * std::sin(kRad * 3 * mpr);
    c1 = c1 + 0.0104 * std::sin(kRad * 2 * f) - 0.0051 * std::sin(kRad * (m + mpr));
    c1 = c1 - 0.0074 * std::sin(kRad * (m - mpr)) + 0.0004 * std::sin(kRad * (2 * f + m));
    c1 = c1 - 0.0004 * std::sin(kRad * (2 * f - m)) - 0.0006 * std::sin(kRad * (2 * f + mpr));
    c1 = c1 + 0.0010 * std::sin(kRad * (2 * f - mpr)) + 0.0005 * std::sin(kRad * (2 * mpr + m));
    double delta_t;  // ΔT, in days
    if (t < -11)
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3;
    else
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2;
    return jd1 + c1 - delta_t;
}

// The sun's apparent longitude, in radians 0..2π, at a moment given as a Julian day (UT).
double sun_longitude(double jd) {
    const double t = (jd - 2451545.0) / 36525;  // Julian centuries from J2000.0
    const double t2 = t * t;
    const double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;  // mean anomaly
    const double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;                       // mean longitude
    double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(kRad * m);
    dl += (0.019993 - 0.000101 * t) * std::sin(kRad * 2 * m) + 0.000290 * std::sin(kRad * 3 * m);
    double l = (l0 + dl) * kRad;
    l -= kPi * 2 * std::floor(l / (kPi * 2));
    return l;
}

// The day (Julian day number, local time) of the k-th new moon.
long new_moon_day(long k) { return floor_to_long(new_moon(k) + 0.5 + kTimeZone / 24); }

// The major solar term (0..11, one per 30° of longitude) at the start of a local day.
int solar_term(long jdn) {
    return static_cast<int>(std::floor(sun_longitude(static_cast<double>(jdn) - 0.5 - kTimeZone / 24) / kPi * 6));
}

// The first day of lunar month 11 (the month of the winter solstice) that begins in solar year `year`.
long lunar_month_11(int year) {
    const long off = to_jdn(Date{std::chrono::year{year}, std::chrono::December, std::chrono::day{31}}) - 2415021;
    const long k = floor_to_long(static_cast<double>(off) / kSynodicMonth);
    long nm = new_moon_day(k);
    if (solar_term(nm) >= 9) nm = new_moon_day(k - 1);
    return nm;
}

// In a 13-month year starting with month 11 on day a11: the offset (1..13) from
// month 11 of the first month that contains no major solar term (the leap month).
int leap_month_offset(long a11) {
    const long k = floor_to_long((static_cast<double>(a11) - kNewMoon1900) / kSynodicMonth + 0.5);
    int i = 1;
    int arc = solar_term(new_moon_day(k + i));
    int last = 0;
    do {
        last = arc;
        ++i;
        arc = solar_term(new_moon_day(k + i));
    } while (arc != last && i < 14);
    return i - 1;
}

}  // namespace

LunarDate solar_to_lunar(Date date) {
    const long day_number = to_jdn(date);
    const int year = static_cast<int>(date.year());
    // The mean new moon k is on or before the day; the true one may be up to ~15 hours later, so step back
    // when the true new moon k falls after the day too (2054-05-07, 2062-04-09).
    long k = floor_to_long((static_cast<double>(day_number) - kNewMoon1900) / kSynodicMonth) + 1;
    long month_start = new_moon_day(k);
    while (month_start > day_number) month_start = new_moon_day(--k);
    long a11 = lunar_month_11(year);
    long b11 = a11;
    int lunar_year;
    if (a11 >= month_start) {
        lunar_year = year;
        a11 = lunar_month_11(year - 1);
    } else {
        lunar_year = year + 1;
        b11 = lunar_month_11(year + 1);
    }
    LunarDate out;
    out.day = static_cast<int>(day_number - month_start + 1);
    const int diff = static_cast<int>((month_start - a11) / 29);
    out.month = diff + 11;
    if (b11 - a11 > 365) {
        const int leap_diff = leap_month_offset(a11);
        if (diff >= leap_diff) {
            out.month = diff + 10;
            out.leap = diff == leap_diff;
        }
    }
    if (out.month > 12) out.month -= 12;
    if (out.month >= 11 && diff < 4) lunar_year -= 1;
    out.year = lunar_year;
    return out;
}

int lunar_leap_month(int year) {
    // A leap month 1..10 of lunar year Y lies between month 11 of Y-1 and month 11 of Y, at offset 3..12 from the
    // first; a leap month 11 or 12 lies after month 11 of Y, at offset 1 or 2.
    const long a11 = lunar_month_11(year - 1);
    const long b11 = lunar_month_11(year);
    if (b11 - a11 > 365) {
        const int offset = leap_month_offset(a11);
        if (offset >= 3) return offset - 2;
    }
    const long c11 = lunar_month_11(year + 1);
    if (c11 - b11 > 365) {
        const int offset = leap_month_offset(b11);
        if (offset <= 2) return offset + 10;
    }
    return 0;
}

std::optional<Date> lunar_to_solar(int day, int month, int year, bool leap) {
    if (month < 1 || month > 12 || day < 1 || day > 30 || year < 1 || year > 9998) return std::nullopt;
    long a11;
    long b11;
    if (month < 11) {
        a11 = lunar_month_11(year - 1);
        b11 = lunar_month_11(year);
    } else {
        a11 = lunar_month_11(year);
        b11 = lunar_month_11(year + 1);
    }
    int off = month - 11;
    if (off < 0) off += 12;
    if (b11 - a11 > 365) {
        const int leap_off = leap_month_offset(a11);
        const int leap_month = (leap_off + 9) % 12 + 1;  // offset 1 is a leap 11th month, 2 a leap 12th, 3 a leap 1st
        if (leap && month != leap_month) return std::nullopt;
        if (leap || off >= leap_off) off += 1;
    } else if (leap) {
        return std::nullopt;
    }
    const long k = floor_to_long(0.5 + (static_cast<double>(a11) - kNewMoon1900) / kSynodicMonth);
    const long month_start = new_moon_day(k + off);
    if (day > 29 && new_moon_day(k + off + 1) - month_start < day) return std::nullopt;
    return from_jdn(month_start + day - 1);
}

}  // namespace nhacviec
