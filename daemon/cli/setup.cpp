#include "cli/setup.h"

#include <chrono>
#include <cstdio>

#include "common/clock.h"

namespace nhacviec::cli {

Result<Config> load_configuration(const GlobalOptions& options) {
    if (!options.config_path) return load_config(std::nullopt);
    return load_config(std::filesystem::path(*options.config_path));
}

Result<AgencyDirectory> load_directory(const Config& config) {
    if (config.agency_directory) return AgencyDirectory::load_file(*config.agency_directory);
    return AgencyDirectory::load_embedded();
}

std::filesystem::path database_path(const GlobalOptions& options, const Config& config) {
    return options.database_path ? std::filesystem::path(*options.database_path) : config.database;
}

Result<WorkingCalendar> load_calendar(const Config& config) {
    auto official =
        config.holidays ? OfficialSchedules::load_file(*config.holidays) : OfficialSchedules::load_embedded();
    if (!official) return official.error();
    return WorkingCalendar(*official);
}

Result<MessageTemplates> load_templates(const Config& config) {
    return config.templates ? MessageTemplates::load_folder(*config.templates) : MessageTemplates::load_embedded();
}

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
