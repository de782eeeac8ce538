#include "cli/setup.h"

#include <chrono>
#include <cstdio>

#include "common/clock.h"

namespace nhacviec::cli {

Date today() { return vietnam_date(SystemClock().now()); }

Result<Date> date_option(const std::string& option, const std::string& value) {
    if (auto date = parse_iso_date(value)) return *date;
    return Error{option + ": expected a date YYYY-MM-DD, not \"" + value + "\""};
}

Result<Date> as_of_option(const std::optional<std::string>& value) {
    return value ? date_option("--as-of", *value) : Result<Date>(today());
}

Result<std::chrono::sys_seconds> time_option(const std::string& option, const std::string& value) {
    if (auto time = parse_vietnam_time(value)) return *time;
    return Error{option + ": expected a time YYYY-MM-DDTHH:MM (Vietnam time), not \"" + value + "\""};
}

std::string now_iso8601() {
    return format_vietnam_time(SystemClock{}.now());
}

}  // namespace nhacviec::cli
