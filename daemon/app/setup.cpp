#include "app/setup.h"

namespace nhacviec {

Result<ServiceSetup> load_service_setup(const app::GlobalOptions& options) {
    auto config = app::load_configuration(options);
    if (!config) return config.error();
    auto directory = app::load_directory(*config);
    if (!directory) return directory.error();
    auto calendar = app::load_calendar(*config);
    if (!calendar) return calendar.error();
    auto templates = app::load_templates(*config);
    if (!templates) return templates.error();
    if (options.database_path) config->database = *options.database_path;
    if (const auto unknown = unknown_token_agencies(config->api, *directory); !unknown.empty()) return Error{unknown.front()};
    return ServiceSetup{std::move(*config), std::move(*directory), std::move(*calendar), std::move(*templates)};
}

}  // namespace nhacviec

namespace nhacviec::app {

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

}  // namespace nhacviec::app
