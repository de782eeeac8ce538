// Calendar dates (no time of day) in the plan's time zone, Asia/Ho_Chi_Minh.
// A thin layer over std::chrono's civil calendar: parsing and printing ISO
// dates, and the few date sums the deadline rules need.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace nhacviec {

using Date = std::chrono::year_month_day;

// A date from year, month and day, or nullopt when no such day exists
// (31/2/2027, month 13, day 0).
std::optional<Date> make_date(int year, int month, int day);

// "2026-03-31" ↔ Date. Parsing accepts exactly YYYY-MM-DD of a real day.
std::optional<Date> parse_iso_date(std::string_view text);
std::string format_iso_date(Date date);
// "31/03/2026": dd/mm/yyyy, as Vietnamese documents, messages and forms write dates.
std::string format_vietnamese_date(Date date);

// The last day of a month, and of a quarter (1..4).
Date last_day_of_month(int year, int month);
Date last_day_of_quarter(int year, int quarter);

Date add_days(Date date, int days);
// 0 = Sunday … 6 = Saturday.
unsigned weekday_index(Date date);

}  // namespace nhacviec
