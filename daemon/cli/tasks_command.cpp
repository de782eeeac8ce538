// nhacviec tasks [--json] [--plan NUMBER] [--as-of DATE]: the imported tasks
// with their resolved deadlines (the date named, its legal end, the next
// review) and status, as a table or as JSON.
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/command_list.h"
#include "app/task_view.h"
#include "app/plan_state.h"
#include "cli/setup.h"
#include "common/text.h"
#include "storage/database.h"
#include "storage/task_store.h"

namespace nhacviec::cli {
namespace {

// How the table names a review cadence.
std::string_view cadence_label(Recurrence recurrence) {
    switch (recurrence) {
        case Recurrence::monthly: return "hằng tháng";
        case Recurrence::quarterly: return "hằng quý";
        case Recurrence::half_yearly: return "6 tháng";
        case Recurrence::yearly: return "hằng năm";
        case Recurrence::none: break;
    }
    return "";
}

// `s` shown as data (text::visible), cut or padded to `width` code points.
std::string pad(const std::string& s, size_t width) {
    const std::string cut = text::shorten(text::visible(s), width);
    return cut + std::string(width - std::min(width, text::display_width(cut)), ' ');
}

void print_table(std::ostream& out, const app::PlanState& state, const std::vector<size_t>& rows,
                 const WorkingCalendar& calendar) {
    out << pad("ID", 8) << "  " << pad("Nhiệm vụ", 44) << "  " << pad("Chủ trì", 34) << "  " << pad("Thời hạn", 22)
        << "  " << pad("Hạn", 12) << "  " << "Hạn pháp lý" << "\n";
    for (size_t index : rows) {
        const Task& t = state.tasks[index].task;
        std::string lead;
        for (const auto& m : t.lead) lead += (lead.empty() ? "" : "; ") + m.name;
        std::string due = t.deadline.due ? format_iso_date(*t.deadline.due) : "";
        if (t.deadline.kind == DeadlineKind::recurring) due = std::string(cadence_label(t.deadline.recurrence));
        if (t.deadline.kind == DeadlineKind::undetermined) due = "chưa xác định";
        const std::string legal = t.deadline.due ? format_iso_date(calendar.legal_end(*t.deadline.due)) : "";
        out << pad(t.code, 8) << "  " << pad(t.title, 44) << "  " << pad(lead, 34) << "  "
            << pad(t.deadline.text, 22) << "  " << (legal.empty() ? text::visible(due) : pad(due, 12) + "  " + legal)
            << "\n";
    }
}

}  // namespace

int run_tasks(Invocation& inv) {
    bool json = false;
    std::optional<std::string> plan_number;
    std::optional<std::string> as_of_text;
    for (size_t i = 0; i < inv.args.size(); ++i) {
        if (inv.args[i] == "--json") {
            json = true;
        } else if (inv.args[i] == "--plan" && i + 1 < inv.args.size()) {
            plan_number = inv.args[++i];
        } else if (inv.args[i] == "--as-of" && i + 1 < inv.args.size()) {
            as_of_text = inv.args[++i];
        } else {
            inv.err << usage("tasks");
            return kExitUsage;
        }
    }
    const auto as_of_date = as_of_option(as_of_text);
    if (!as_of_date) return inv.err << "nhacviec: " << as_of_date.error().message << "\n", kExitUsage;
    const Date as_of = *as_of_date;
    auto workspace = app::open_workspace(inv.options);
    if (!workspace) return inv.err << "nhacviec: " << workspace.error().message << "\n", kExitFailure;
    const Config& config = workspace->config;
    const WorkingCalendar& calendar = workspace->calendar;
    Database& db = *workspace->db;
    const app::PlanState& state = workspace->state;
    std::vector<size_t> selected;
    for (size_t i = 0; i < state.tasks.size(); ++i)
        if (!plan_number || state.tasks[i].task.plan_number == *plan_number) selected.push_back(i);
    if (plan_number && selected.empty()) {
        inv.err << "nhacviec: no plan " << *plan_number << " in " << db.path().string() << "\n";
        return kExitFailure;
    }
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (size_t i : selected)
            out.push_back(app::task_json(state.tasks[i].task, state.scheduled[i], config, calendar, as_of));
        inv.out << out.dump(2) << "\n";
    } else {
        print_table(inv.out, state, selected, calendar);
    }
    return kExitOk;
}

}  // namespace nhacviec::cli
