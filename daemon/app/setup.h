// Loading what every way in needs before it starts, with the global options
// applied: the configuration, the agency directory, the working-day calendar,
// the message templates and the database path; and ServiceSetup, all of them
// loaded and checked together, as the daemon and `nhacviec deliver` use them.
#pragma once

#include <filesystem>

#include "agency/agency_directory.h"
#include "app/options.h"
#include "calendar/working_calendar.h"
#include "common/result.h"
#include "config/config.h"
#include "content/message_templates.h"

namespace nhacviec {

// The configuration and what it points to, loaded and checked together.
// Immutable once loaded; owned by its loader, shared by pointer (the daemon
// replaces it on reload, while a pass or a request may still hold the old one).
struct ServiceSetup {
    Config config;
    AgencyDirectory directory;
    WorkingCalendar calendar;
    MessageTemplates templates;
};

// Loads the configuration (with the global options applied), the directory,
// the calendar and the templates; the first error names its file and line.
Result<ServiceSetup> load_service_setup(const app::GlobalOptions& options);

}  // namespace nhacviec

namespace nhacviec::app {

Result<Config> load_configuration(const GlobalOptions& options);
Result<AgencyDirectory> load_directory(const Config& config);
std::filesystem::path database_path(const GlobalOptions& options, const Config& config);
// The working-day calendar with the configured (or built-in) official schedules.
Result<WorkingCalendar> load_calendar(const Config& config);
// The message templates: the configured folder, or the built-in ones.
Result<MessageTemplates> load_templates(const Config& config);

}  // namespace nhacviec::app
