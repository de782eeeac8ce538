// nhacviec backup FILE: copies the database to FILE with SQLite's online
// backup, safely while the service runs (see storage/backup.h). To restore,
// stop the service and put the copy in the database's place (README).
#include <ostream>

#include "cli/command_list.h"
#include "cli/setup.h"
#include "storage/backup.h"
#include "storage/database.h"

namespace nhacviec::cli {

int run_backup(Invocation& inv) {
    if (inv.args.size() != 1 || inv.args[0].empty() || inv.args[0][0] == '-')
        return inv.err << usage("backup"), kExitUsage;
    auto config = app::load_configuration(inv.options);
    if (!config) return inv.err << "nhacviec: " << config.error().message << "\n", kExitFailure;
    auto db = Database::open_existing(app::database_path(inv.options, *config));
    if (!db) return inv.err << "nhacviec: " << db.error().message << "\n", kExitFailure;
    if (auto copied = back_up(*db, inv.args[0]); !copied)
        return inv.err << "nhacviec: " << copied.error().message << "\n", kExitFailure;
    inv.out << db->path().string() << " backed up to " << inv.args[0] << "\n";
    return kExitOk;
}

}  // namespace nhacviec::cli
