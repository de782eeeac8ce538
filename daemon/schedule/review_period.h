// ReviewPeriod: one period of a recurring task's review cycle, written the way
// status commands and reports name it: "2026-07" (month), "2026-Q3" (quarter),
// "2027-H1" (half year), "2027" (year). A plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "deadline/deadline.h"

namespace nhacviec {

struct ReviewPeriod {
    Recurrence cadence = Recurrence::none;
    int year = 0;
    int index = 0;  // month 1–12, quarter 1–4, half 1–2; 0 for a year

    friend bool operator==(const ReviewPeriod&, const ReviewPeriod&) = default;
    friend auto operator<=>(const ReviewPeriod&, const ReviewPeriod&) = default;
};

std::string format_period(const ReviewPeriod& period);
// The inverse of format_period; nullopt for anything else ("2026-Q5", "2026-13").
std::optional<ReviewPeriod> parse_period(std::string_view text);

Date period_first_day(const ReviewPeriod& period);
Date period_last_day(const ReviewPeriod& period);
// The period of `cadence` that contains `date`.
ReviewPeriod period_containing(Recurrence cadence, Date date);
ReviewPeriod next_period(const ReviewPeriod& period);

// A period in 16 bits (0 = none), for compact planned notifications.
std::uint16_t pack_period(const ReviewPeriod& period);
ReviewPeriod unpack_period(std::uint16_t packed);

}  // namespace nhacviec
