// nhacviec resolve "TEXT" [--json]: how one deadline phrase is understood.
#include <ostream>

#include "cli/command_list.h"
#include "common/date.h"
#include "deadline/deadline.h"

namespace nhacviec::cli {

int run_resolve(Invocation& inv) {
    bool json = false;
    std::vector<std::string> phrases;
    for (const auto& arg : inv.args) {
        if (arg == "--json") json = true;
        else phrases.push_back(arg);
    }
    if (phrases.size() != 1) {
        inv.err << "usage: nhacviec resolve \"TEXT\" [--json]\n";
        return kExitUsage;
    }
    const Deadline deadline = resolve_deadline(phrases.front());
    if (json) {
        inv.out << to_json(deadline).dump(2) << "\n";
    } else {
        inv.out << "text:       " << deadline.text << "\n"
                << "kind:       " << to_string(deadline.kind) << "\n"
                << "due:        " << (deadline.due ? format_iso_date(*deadline.due) : "-") << "\n"
                << "recurrence: " << (deadline.recurrence == Recurrence::none ? "-" : to_string(deadline.recurrence))
                << "\n";
        if (!deadline.warning.empty()) inv.out << "warning:    " << deadline.warning << "\n";
    }
    return kExitOk;
}

}  // namespace nhacviec::cli
