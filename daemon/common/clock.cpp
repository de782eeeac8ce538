#include "common/clock.h"

#include <cstdio>

namespace nhacviec {

std::string format_vietnamese_moment(std::chrono::sys_seconds time) {
    const auto local = time + kVietnamOffset;
    const auto minutes = std::chrono::floor<std::chrono::minutes>(local - std::chrono::floor<std::chrono::days>(local));
    char clock[8];
    std::snprintf(clock, sizeof clock, "%02d:%02d", static_cast<int>(minutes.count() / 60),
                  static_cast<int>(minutes.count() % 60));
    return std::string(clock) + " ngày " + format_vietnamese_date(vietnam_date(time));
}

std::string format_vietnam_time(std::chrono::sys_seconds time) {
    using namespace std::chrono;
    const auto local = time + kVietnamOffset;
    const auto day = floor<days>(local);
    const year_month_day date{day};
    const hh_mm_ss clock{local - day};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ld+07:00", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<long>(clock.hours().count()), static_cast<long>(clock.minutes().count()),
                  static_cast<long>(clock.seconds().count()));
    return buffer;
}

std::optional<std::chrono::sys_seconds> parse_vietnam_time(std::string_view text) {
    if (text.size() != 16 && text.size() != 19) return std::nullopt;
    const auto date = parse_iso_date(text.substr(0, 10));
    if (!date || text[10] != 'T' || text[13] != ':' || (text.size() == 19 && text[16] != ':')) return std::nullopt;
    const auto number = [&](size_t at) -> int {
        const char a = text[at], b = text[at + 1];
        return a >= '0' && a <= '9' && b >= '0' && b <= '9' ? (a - '0') * 10 + (b - '0') : -1;
    };
    const int hours = number(11), minutes = number(14), seconds = text.size() == 19 ? number(17) : 0;
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return std::nullopt;
    return vietnam_time(*date, hours * 60 + minutes) + std::chrono::seconds(seconds);
}

}  // namespace nhacviec
