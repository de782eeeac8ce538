#include "app/plan_preview.h"

#include "plan/plan_file_reader.h"
#include "plan/plan_parser.h"
#include "storage/task_store.h"

namespace nhacviec::app {
namespace {

// The file read and parsed, or the message refusing it.
std::variant<ParsedPlan, PlanRefusal> read_plan(std::string bytes, const std::string& file_name) {
    PlanMessage why;
    auto document = read_plan_document(std::move(bytes), file_name, &why);
    if (!document) return PlanRefusal{document.error().message, std::move(why)};
    auto plan = interpret_plan(*document, &why);
    if (!plan) return PlanRefusal{plan.error().message, std::move(why)};
    return std::move(*plan);
}

// The marker of the error that rolls back an import whose report is not the previewed one.
constexpr const char* kChangedSincePreview = "the stored plan changed since the preview";

}  // namespace

std::string console_import_source(const std::string& file_name, const std::string& account) {
    return file_name + ", uploaded in the console by " + account;
}

bool same_import(const ImportReport& a, const ImportReport& b) {
    const auto same_changes = [](const std::vector<TaskChange>& x, const std::vector<TaskChange>& y) {
        if (x.size() != y.size()) return false;
        for (size_t i = 0; i < x.size(); ++i)
            if (x[i].code != y[i].code || x[i].fields != y[i].fields) return false;
        return true;
    };
    return a.plan.number == b.plan.number && a.plan.year == b.plan.year && a.plan.issued_on == b.plan.issued_on &&
           a.plan.title == b.plan.title && a.new_plan == b.new_plan && a.task_count == b.task_count &&
           a.added == b.added && a.removed == b.removed && a.restored == b.restored &&
           same_changes(a.changed, b.changed) && a.warnings == b.warnings &&
           a.stored_imported_at == b.stored_imported_at;
}

Result<PreviewOutcome> preview_plan_file(Database& db, const AgencyDirectory& directory, std::string bytes,
                                         const std::string& file_name, const std::string& now) {
    auto read = read_plan(std::move(bytes), file_name);
    if (auto* refused = std::get_if<PlanRefusal>(&read)) return PreviewOutcome(std::move(*refused));
    const ParsedPlan& plan = std::get<ParsedPlan>(read);
    ImportOptions dry_run;
    dry_run.dry_run = true;
    auto report = import_plan(db, plan, directory, file_name, now, dry_run);
    if (!report) return report.error();
    PlanPreview preview;
    preview.file_name = file_name;
    preview.tasks.reserve(plan.tasks.size());
    for (const auto& task : plan.tasks) preview.tasks.push_back({task.code, task.title, task.lead, task.deadline});
    if (!report->removed.empty()) {
        TaskStore store(db);
        auto stored = store.find_plan(plan.info.number, plan.info.year);
        if (!stored) return stored.error();
        if (*stored) {
            auto rows = store.tasks((*stored)->id, false);
            if (!rows) return rows.error();
            for (const auto& code : report->removed)
                for (const auto& row : *rows)
                    if (row.task.code == code) preview.removed_titles[code] = row.task.title;
        }
    }
    preview.report = std::move(*report);
    return PreviewOutcome(std::move(preview));
}

Result<ApplyOutcome> apply_plan_file(Database& db, const AgencyDirectory& directory, std::string bytes,
                                     const std::string& file_name, const std::string& account,
                                     const ImportReport& previewed, const std::string& now) {
    auto read = read_plan(std::move(bytes), file_name);
    if (auto* refused = std::get_if<PlanRefusal>(&read)) return ApplyOutcome(std::move(*refused));
    ImportOptions options;
    options.recorded_source = console_import_source(file_name, account);
    bool changed = false;
    options.before_commit = [&](const ImportReport& report) -> Status {
        if (same_import(report, previewed)) return {};
        changed = true;
        return Error{kChangedSincePreview};
    };
    auto report = import_plan(db, std::get<ParsedPlan>(read), directory, file_name, now, options);
    if (changed) return ApplyOutcome(ChangedSincePreview{});
    if (!report) return report.error();
    return ApplyOutcome(std::move(*report));
}

}  // namespace nhacviec::app
