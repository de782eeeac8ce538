// Where the commands get the official holiday schedules from: the file that
// [calendar] holidays names, or else the built-in config/holidays.toml.
#pragma once

#include "calendar/holidays.h"
#include "common/result.h"
#include "config/config.h"

namespace nhacviec::cli {

Result<OfficialSchedules> load_holidays(const Config& config);

}  // namespace nhacviec::cli
