#include "app/import.h"

#include "app/setup.h"
#include "plan/plan_parser.h"
#include "storage/database.h"

namespace nhacviec::app {

Result<ImportReport> import_plan_file(const GlobalOptions& options, const std::string& file,
                                      const std::string& imported_at) {
    auto config = load_configuration(options);
    if (!config) return config.error();
    auto directory = load_directory(*config);
    if (!directory) return directory.error();
    // Parse everything before touching the database, so a rejected file leaves it as it was.
    auto plan = read_plan_file(file);
    if (!plan) return plan.error();
    auto db = Database::open(database_path(options, *config));
    if (!db) return db.error();
    return import_plan(*db, *plan, *directory, file, imported_at);
}

}  // namespace nhacviec::app
