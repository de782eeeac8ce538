// nhacviec schedule --from YYYY-MM-DD --to YYYY-MM-DD [--json]: every
// notification the rules plan between two days, from the database and the
// configuration.
#include <ostream>

#include "cli/command_list.h"
#include "app/plan_state.h"
#include "cli/setup.h"
#include "common/text.h"

namespace nhacviec::cli {

int run_schedule(Invocation& inv) {
    bool json = false;
    std::optional<std::string> from_text, to_text;
    for (size_t i = 0; i < inv.args.size(); ++i) {
        if (inv.args[i] == "--json") json = true;
        else if (inv.args[i] == "--from" && i + 1 < inv.args.size()) from_text = inv.args[++i];
        else if (inv.args[i] == "--to" && i + 1 < inv.args.size()) to_text = inv.args[++i];
        else return inv.err << usage("schedule"), kExitUsage;
    }
    if (!from_text || !to_text) return inv.err << usage("schedule"), kExitUsage;
    auto from = date_option("--from", *from_text);
    if (!from) return inv.err << "nhacviec: " << from.error().message << "\n", kExitUsage;
    auto to = date_option("--to", *to_text);
    if (!to) return inv.err << "nhacviec: " << to.error().message << "\n", kExitUsage;
    if (*to < *from) return inv.err << "nhacviec: --to " << *to_text << " is before --from " << *from_text << "\n", kExitUsage;

    auto workspace = app::open_workspace(inv.options);
    if (!workspace) return inv.err << "nhacviec: " << workspace.error().message << "\n", kExitFailure;
    const Config& config = workspace->config;
    const WorkingCalendar& calendar = workspace->calendar;
    const app::PlanState& state = workspace->state;

    const Timeline timeline =
        plan_timeline(state.scheduled, *state.names, state.roles, config.schedule, calendar, *from, *to);
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& n : timeline.items) {
            const ScheduledTask* task = timeline.task(n);
            const std::string period = timeline.period(n);
            out.push_back({{"at", timeline.at(n)},
                           {"kind", to_string(n.kind)},
                           {"task", task ? nlohmann::json(task->code) : nlohmann::json(nullptr)},
                           {"period", period.empty() ? nlohmann::json(nullptr) : nlohmann::json(period)},
                           {"level", n.level ? nlohmann::json(n.level) : nlohmann::json(nullptr)},
                           {"to", nlohmann::json::array({timeline.name(n.to)})},
                           {"cc", timeline.cc(n)},
                           {"key", timeline.key(n)}});
        }
        inv.out << out.dump(2) << "\n";
        return kExitOk;
    }
    for (const auto& n : timeline.items) {
        const ScheduledTask* task = timeline.task(n);
        inv.out << timeline.at(n) << "  " << to_string(n.kind);
        if (n.kind == NotificationKind::escalation) inv.out << " " << int{n.level};
        if (n.kind == NotificationKind::reminder || n.kind == NotificationKind::review) inv.out << " -" << n.step << "d";
        inv.out << "  " << (task ? text::visible(task->code) : std::string("-"));
        if (const std::string period = timeline.period(n); !period.empty()) inv.out << " " << period;
        inv.out << "  → " << text::visible(timeline.name(n.to)) << "\n";
    }
    inv.out << timeline.items.size() << " notifications from " << *from_text << " to " << *to_text << "\n";
    return kExitOk;
}

}  // namespace nhacviec::cli
