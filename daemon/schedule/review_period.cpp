#include "schedule/review_period.h"

#include <charconv>

namespace nhacviec {
namespace {

int months_in(Recurrence cadence) {
    switch (cadence) {
        case Recurrence::monthly: return 1;
        case Recurrence::quarterly: return 3;
        case Recurrence::half_yearly: return 6;
        case Recurrence::yearly: return 12;
        case Recurrence::none: break;
    }
    return 12;
}

std::optional<int> number(std::string_view text) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

}  // namespace

std::string format_period(const ReviewPeriod& p) {
    const std::string year = std::to_string(p.year);
    switch (p.cadence) {
        case Recurrence::monthly: return year + (p.index < 10 ? "-0" : "-") + std::to_string(p.index);
        case Recurrence::quarterly: return year + "-Q" + std::to_string(p.index);
        case Recurrence::half_yearly: return year + "-H" + std::to_string(p.index);
        case Recurrence::yearly:
        case Recurrence::none: break;
    }
    return year;
}

std::optional<ReviewPeriod> parse_period(std::string_view text) {
    if (text.size() < 4) return std::nullopt;
    const auto year = number(text.substr(0, 4));
    if (!year || *year < 2000 || *year > 2100) return std::nullopt;
    if (text.size() == 4) return ReviewPeriod{Recurrence::yearly, *year, 0};
    if (text[4] != '-' || text.size() < 6) return std::nullopt;
    const std::string_view rest = text.substr(5);
    if ((rest[0] == 'Q' || rest[0] == 'H') && rest.size() == 2) {
        const auto index = number(rest.substr(1));
        const int max = rest[0] == 'Q' ? 4 : 2;
        if (!index || *index < 1 || *index > max) return std::nullopt;
        return ReviewPeriod{rest[0] == 'Q' ? Recurrence::quarterly : Recurrence::half_yearly, *year, *index};
    }
    if (rest.size() == 2) {
        const auto month = number(rest);
        if (!month || *month < 1 || *month > 12) return std::nullopt;
        return ReviewPeriod{Recurrence::monthly, *year, *month};
    }
    return std::nullopt;
}

Date period_first_day(const ReviewPeriod& p) {
    const int months = months_in(p.cadence);
    const int first_month = p.cadence == Recurrence::yearly ? 1 : (p.index - 1) * months + 1;
    return *make_date(p.year, first_month, 1);
}

Date period_last_day(const ReviewPeriod& p) {
    const int months = months_in(p.cadence);
    const int last_month = p.cadence == Recurrence::yearly ? 12 : p.index * months;
    return last_day_of_month(p.year, last_month);
}

ReviewPeriod period_containing(Recurrence cadence, Date date) {
    const int year = static_cast<int>(date.year());
    const int month = static_cast<int>(static_cast<unsigned>(date.month()));
    if (cadence == Recurrence::yearly || cadence == Recurrence::none) return {Recurrence::yearly, year, 0};
    return {cadence, year, (month - 1) / months_in(cadence) + 1};
}

ReviewPeriod next_period(const ReviewPeriod& p) {
    if (p.cadence == Recurrence::yearly || p.cadence == Recurrence::none) return {Recurrence::yearly, p.year + 1, 0};
    const int per_year = 12 / months_in(p.cadence);
    if (p.index < per_year) return {p.cadence, p.year, p.index + 1};
    return {p.cadence, p.year + 1, 1};
}

// Layout: cadence (3 bits) | index (4 bits) | year - 1900 (9 bits); cadence 0 (none) means no period.
std::uint16_t pack_period(const ReviewPeriod& p) {
    if (p.cadence == Recurrence::none) return 0;
    return static_cast<std::uint16_t>((static_cast<unsigned>(p.cadence) << 13) | (static_cast<unsigned>(p.index) << 9) |
                                      static_cast<unsigned>(p.year - 1900));
}

ReviewPeriod unpack_period(std::uint16_t packed) {
    if (packed == 0) return {};
    ReviewPeriod period;
    period.cadence = static_cast<Recurrence>(packed >> 13);
    period.index = (packed >> 9) & 0xF;
    period.year = 1900 + (packed & 0x1FF);
    return period;
}

}  // namespace nhacviec
