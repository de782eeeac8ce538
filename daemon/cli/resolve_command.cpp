// nhacviec resolve "TEXT" [--json]: how one deadline phrase is understood,
// with the same deadline object as `tasks --json` (the next review is
// counted as if the plan were issued today).
#include <ostream>

#include "cli/command_list.h"
#include "cli/setup.h"
#include "schedule/timeline.h"
#include "common/date.h"
#include "common/text.h"
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
        inv.err << usage("resolve");
        return kExitUsage;
    }
    const Deadline deadline = resolve_deadline(phrases.front());
    auto config = app::load_configuration(inv.options);
    if (!config) return inv.err << "nhacviec: " << config.error().message << "\n", kExitFailure;
    auto calendar = app::load_calendar(*config);
    if (!calendar) return inv.err << "nhacviec: " << calendar.error().message << "\n", kExitFailure;
    const std::optional<Date> legal_end =
        deadline.due ? std::optional(calendar->legal_end(*deadline.due)) : std::nullopt;
    // The next review as if the plan were issued today.
    ScheduledTask as_task;
    as_task.deadline = deadline;
    as_task.plan_issued = today();
    const std::optional<Date> review = next_review(as_task, config->schedule, as_task.plan_issued);
    if (json) {
        nlohmann::json out = to_json(deadline);
        out["legal_due"] = legal_end ? nlohmann::json(format_iso_date(*legal_end)) : nlohmann::json(nullptr);
        out["next_review"] = review ? nlohmann::json(format_iso_date(*review)) : nlohmann::json(nullptr);
        inv.out << out.dump(2) << "\n";
    } else {
        inv.out << "text:        " << text::visible(deadline.text) << "\n"
                << "kind:        " << to_string(deadline.kind) << "\n"
                << "due:         " << (deadline.due ? format_iso_date(*deadline.due) : "-") << "\n"
                << "recurrence:  " << (deadline.recurrence == Recurrence::none ? "-" : to_string(deadline.recurrence))
                << "\n"
                << "legal due:   " << (legal_end ? format_iso_date(*legal_end) : "-") << "\n"
                << "next review: " << (review ? format_iso_date(*review) : "-") << "\n";
        if (!deadline.warning.empty()) inv.out << "warning:     " << text::visible(deadline.warning) << "\n";
    }
    return kExitOk;
}

}  // namespace nhacviec::cli
