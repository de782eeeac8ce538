// What most sub-commands need before they start: the configuration, the agency
// directory and the database path, with the global options applied.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "agency/agency_directory.h"
#include "calendar/working_calendar.h"
#include "cli/commands.h"
#include "common/result.h"
#include "config/config.h"
#include "content/message_templates.h"

namespace nhacviec::cli {

Result<Config> load_configuration(const GlobalOptions& options);
Result<AgencyDirectory> load_directory(const Config& config);
std::filesystem::path database_path(const GlobalOptions& options, const Config& config);
// The working-day calendar with the configured (or built-in) official schedules.
Result<WorkingCalendar> load_calendar(const Config& config);

// The message templates: the configured folder, or the built-in ones.
Result<MessageTemplates> load_templates(const Config& config);

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
