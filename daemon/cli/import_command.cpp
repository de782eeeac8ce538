// nhacviec import FILE: parse a plan, resolve it, and store it in one
// transaction (app::import_plan_file); print what changed. Nothing is
// written when the file is rejected.
#include <filesystem>
#include <ostream>

#include "app/import.h"
#include "cli/command_list.h"
#include "cli/setup.h"
#include "common/text.h"

namespace nhacviec::cli {
namespace {

std::string codes(const std::vector<std::string>& list) {
    std::string out;
    for (const auto& code : list) out += (out.empty() ? "" : ", ") + text::visible(code);
    return out;
}

}  // namespace

int run_import(Invocation& inv) {
    if (inv.args.size() != 1) {
        inv.err << usage("import");
        return kExitUsage;
    }
    const std::string& file = inv.args[0];
    auto report = app::import_plan_file(inv.options, file, now_iso8601());
    if (!report) return inv.err << "nhacviec: " << report.error().message << "\n", kExitFailure;

    for (const auto& warning : report->warnings) inv.err << "warning: " << warning << "\n";
    const std::string name = "plan " + text::visible(report->plan.number) + " (" + std::to_string(report->plan.year) + ")";
    if (report->new_plan) {
        inv.out << text::visible(file) << ": imported " << name << ": " << report->task_count << " tasks\n";
    } else if (report->unchanged()) {
        inv.out << text::visible(file) << ": " << name << " is already up to date (" << report->task_count
                << " tasks); nothing changed\n";
    } else {
        inv.out << text::visible(file) << ": updated " << name << ": " << report->task_count << " tasks; " << report->added.size()
                << " added, " << report->removed.size() << " removed, " << report->changed.size() << " changed";
        if (!report->restored.empty()) inv.out << ", " << report->restored.size() << " restored";
        inv.out << "\n";
        if (!report->added.empty()) inv.out << "  added: " << codes(report->added) << "\n";
        if (!report->removed.empty()) inv.out << "  removed: " << codes(report->removed) << "\n";
        if (!report->restored.empty()) inv.out << "  restored: " << codes(report->restored) << "\n";
        for (const auto& change : report->changed)
            for (const auto& field : change.fields)
                inv.out << "  changed " << text::visible(change.code) << " " << text::visible(field) << "\n";
    }
    return kExitOk;
}

}  // namespace nhacviec::cli
