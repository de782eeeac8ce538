// What the sub-commands share to read their command line: today by the
// system clock, and the values of date and time options.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "app/setup.h"
#include "common/date.h"
#include "common/result.h"

namespace nhacviec::cli {

// Today in Vietnam, by the system clock.
Date today();
// A date option's value ("2026-03-31"); an error names the option.
Result<Date> date_option(const std::string& option, const std::string& value);
// The value of --as-of, or today when it was not given.
Result<Date> as_of_option(const std::optional<std::string>& value);

// A time option's value ("2026-12-01T08:00", in Vietnam); an error names the option.
Result<std::chrono::sys_seconds> time_option(const std::string& option, const std::string& value);

// The current time as ISO 8601 in Asia/Ho_Chi_Minh (UTC+7), for history rows.
std::string now_iso8601();

}  // namespace nhacviec::cli
