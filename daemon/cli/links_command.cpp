// nhacviec links rotate: replaces the link secret next to the database
// (links/link_secret.h), which revokes every answer link issued before. The
// messages written from then on (and those rebuilt before they go out) carry
// links under the new secret.
#include <ostream>

#include "cli/command_list.h"
#include "cli/setup.h"
#include "links/link_secret.h"

namespace nhacviec::cli {

int run_links(Invocation& inv) {
    if (inv.args.size() != 1 || inv.args[0] != "rotate") return inv.err << usage("links"), kExitUsage;
    auto config = load_configuration(inv.options);
    if (!config) return inv.err << "nhacviec: " << config.error().message << "\n", kExitFailure;
    const auto path = link_secret_path(database_path(inv.options, *config));
    if (auto rotated = rotate_link_secret(path); !rotated)
        return inv.err << "nhacviec: " << rotated.error().message << "\n", kExitFailure;
    inv.out << path.string() << ": link secret replaced; every answer link issued before no longer works\n";
    return kExitOk;
}

}  // namespace nhacviec::cli
