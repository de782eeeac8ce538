#include "storage/plan_importer.h"

#include <map>

#include <SQLiteCpp/Transaction.h>

#include "deadline/deadline_problem.h"
#include "storage/task_store.h"

namespace nhacviec {
namespace {

std::string join_names(const std::vector<AgencyMention>& mentions) {
    std::string out;
    for (const auto& m : mentions) out += (out.empty() ? "" : "; ") + m.name;
    return out;
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// The message kind of an undetermined deadline's warning.
PlanMessageKind deadline_warning_kind(const Deadline& deadline) {
    switch (deadline_problem(deadline)) {
        case DeadlineProblem::names_no_date: return PlanMessageKind::kDeadlineNamesNoDate;
        case DeadlineProblem::unrecognised: return PlanMessageKind::kDeadlineUnrecognised;
        case DeadlineProblem::empty: return PlanMessageKind::kDeadlineEmpty;
        case DeadlineProblem::impossible: return PlanMessageKind::kDeadlineImpossible;
        case DeadlineProblem::none: break;
    }
    return PlanMessageKind::kOther;
}

// The fields of `after` that differ from `before`, as "field: old → new".
std::vector<std::string> differences(const Task& before, const Task& after) {
    std::vector<std::string> out;
    const auto compare = [&](const char* field, const std::string& a, const std::string& b) {
        if (a != b) out.push_back(std::string(field) + ": " + quoted(a) + " → " + quoted(b));
    };
    compare("title", before.title, after.title);
    compare("lead", join_names(before.lead), join_names(after.lead));
    compare("cooperating", join_names(before.cooperating), join_names(after.cooperating));
    compare("product", before.product, after.product);
    compare("deadline", before.deadline.text, after.deadline.text);
    compare("precondition", before.precondition.value_or(""), after.precondition.value_or(""));
    compare("section", before.section_title, after.section_title);
    compare("group", before.group_title, after.group_title);
    // A change of a known flag (the directory learnt a name) or of the order
    // alone is stored too, but is not news for the person importing.
    return out;
}

bool same_stored_values(const Task& a, const Task& b) {
    const auto same_mentions = [](const std::vector<AgencyMention>& x, const std::vector<AgencyMention>& y) {
        if (x.size() != y.size()) return false;
        for (size_t i = 0; i < x.size(); ++i)
            if (x[i].name != y[i].name || x[i].known != y[i].known) return false;
        return true;
    };
    return a.position == b.position && a.deadline.kind == b.deadline.kind && a.deadline.due == b.deadline.due &&
           a.deadline.recurrence == b.deadline.recurrence && a.deadline.first_year == b.deadline.first_year &&
           same_mentions(a.lead, b.lead) && same_mentions(a.cooperating, b.cooperating);
}

}  // namespace

std::vector<Task> build_tasks(const ParsedPlan& plan, const AgencyDirectory& directory, std::string_view source,
                              std::vector<std::string>& warnings, std::vector<PlanMessage>* messages) {
    const std::string file(source);
    const auto warn = [&](PlanMessage message) {
        warnings.push_back(message.text);
        if (messages) messages->push_back(std::move(message));
    };
    std::vector<Task> tasks;
    tasks.reserve(plan.tasks.size());
    int position = 0;
    for (const auto& parsed : plan.tasks) {
        const std::string location = parsed.location.empty() ? std::to_string(parsed.line) : parsed.location;
        const std::string where = std::string(source) + ":" + location + ": task " + parsed.code;
        Task task;
        task.plan_number = plan.info.number;
        task.plan_year = plan.info.year;
        task.code = parsed.code;
        task.position = ++position;
        task.section_title = parsed.section_title;
        task.group_title = parsed.group_title;
        task.title = parsed.title;
        task.product = parsed.product;
        task.precondition = parsed.precondition;
        task.deadline = resolve_deadline(parsed.deadline);
        if (task.deadline.kind == DeadlineKind::undetermined)
            warn({deadline_warning_kind(task.deadline), file, location, parsed.code, task.deadline.text, 0,
                  where + ": deadline " + task.deadline.warning + "; the task stays undetermined until a date is set"});
        task.lead = split_agencies(parsed.lead, directory);
        task.cooperating = split_agencies(parsed.cooperating, directory);
        if (task.lead.empty())
            warn({PlanMessageKind::kNoLeadAgency, file, location, parsed.code, "", 0, where + ": no lead agency"});
        for (const auto* list : {&task.lead, &task.cooperating})
            for (const auto& mention : *list)
                if (!mention.known)
                    warn({PlanMessageKind::kUnknownAgency, file, location, parsed.code, mention.name, 0,
                          where + ": agency not in the directory: " + quoted(mention.name)});
        tasks.push_back(std::move(task));
    }
    return tasks;
}

Result<ImportReport> import_plan(Database& db, const ParsedPlan& plan, const AgencyDirectory& directory,
                                 std::string_view source, const std::string& now, const ImportOptions& options) {
    const std::string recorded = options.recorded_source.empty() ? std::string(source) : options.recorded_source;
    ImportReport report;
    report.plan = plan.info;
    report.warnings = plan.warnings;
    report.warning_messages = plan.warning_messages;
    std::vector<Task> tasks = build_tasks(plan, directory, source, report.warnings, &report.warning_messages);
    report.task_count = tasks.size();

    TaskStore store(db);
    try {
        SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
        auto existing_plan = store.find_plan(plan.info.number, plan.info.year);
        if (!existing_plan) return existing_plan.error();

        int64_t plan_id = 0;
        std::map<std::string, StoredTask> before;
        bool plan_info_changed = false;
        if (!*existing_plan) {
            auto id = store.insert_plan(plan.info, recorded, now);
            if (!id) return id.error();
            plan_id = *id;
            report.new_plan = true;
        } else {
            const StoredPlan& stored = **existing_plan;
            plan_id = stored.id;
            report.stored_imported_at = stored.imported_at;
            plan_info_changed = stored.info.title != plan.info.title || stored.info.issued_on != plan.info.issued_on;
            auto rows = store.tasks(plan_id, true);
            if (!rows) return rows.error();
            for (auto& row : *rows) before.emplace(row.task.code, std::move(row));
        }

        bool wrote = report.new_plan || plan_info_changed;
        for (const Task& task : tasks) {
            auto it = before.find(task.code);
            if (it == before.end()) {
                auto id = store.insert_task(plan_id, task);
                if (!id) return id.error();
                if (auto s = store.record_change(*id, "added", "imported from " + recorded, now); !s)
                    return s.error();
                report.added.push_back(task.code);
                wrote = true;
                continue;
            }
            StoredTask& old = it->second;
            const auto fields = differences(old.task, task);
            const bool was_removed = old.removed_at.has_value();
            if (fields.empty() && !was_removed && same_stored_values(old.task, task)) {
                before.erase(it);
                continue;
            }
            if (auto s = store.update_task(old.id, task); !s) return s.error();
            wrote = true;
            if (was_removed) {
                report.restored.push_back(task.code);
                if (auto s = store.record_change(old.id, "restored", "back in " + recorded, now); !s)
                    return s.error();
            }
            if (!fields.empty()) {
                std::string detail;
                for (const auto& f : fields) detail += (detail.empty() ? "" : "\n") + f;
                if (auto s = store.record_change(old.id, "changed", detail, now); !s) return s.error();
                report.changed.push_back({task.code, fields});
            }
            before.erase(it);
        }
        for (auto& [code, old] : before) {
            if (old.removed_at) continue;
            if (auto s = store.mark_removed(old.id, now); !s) return s.error();
            if (auto s = store.record_change(old.id, "removed", "not in " + recorded, now); !s)
                return s.error();
            report.removed.push_back(code);
            wrote = true;
        }
        if (wrote && !report.new_plan)
            if (auto s = store.update_plan(plan_id, plan.info, recorded, now); !s) return s.error();
        if (options.before_commit)
            if (auto s = options.before_commit(report); !s) return s.error();
        if (wrote && !options.dry_run) transaction.commit();
        // Without a commit the transaction rolls back: an unchanged import, or a dry run, writes nothing.
        return report;
    } catch (const SQLite::Exception& e) {
        return db.error(e);
    }
}

}  // namespace nhacviec
