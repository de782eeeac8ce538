// Importing a plan file, as `nhacviec import` does it: the configuration and
// the agency directory loaded with the global options, the file read and
// parsed before the database is touched (a rejected file leaves it as it
// was), then stored in one transaction. Runs on the caller's thread.
#pragma once

#include <string>

#include "app/options.h"
#include "common/result.h"
#include "storage/plan_importer.h"

namespace nhacviec::app {

// Imports `file` into the database the options name; `imported_at` is the
// time stamp of the rows written. The error names the file and line.
Result<ImportReport> import_plan_file(const GlobalOptions& options, const std::string& file,
                                      const std::string& imported_at);

}  // namespace nhacviec::app
