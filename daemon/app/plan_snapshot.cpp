#include "app/plan_snapshot.h"

#include <algorithm>

#include <SQLiteCpp/Statement.h>

#include "answers/record_answer.h"
#include "common/clock.h"
#include "schedule/timeline.h"

namespace nhacviec::app {

namespace {

// How far ahead the next notification of a task is looked for: as far as a
// delivery pass looks (a deadline's first reminder is at most 366 days before it).
constexpr int kLookAheadDays = 400;

// Sorted, each moment once, holding no more memory than that: many
// notifications share a moment (08:00 of a working day), so the unique
// moments are a small part of what was collected.
void sort_unique(std::vector<std::chrono::sys_seconds>& moments) {
    std::sort(moments.begin(), moments.end());
    moments.erase(std::unique(moments.begin(), moments.end()), moments.end());
    moments.shrink_to_fit();
}

PlanSnapshot::Counts count_report(const StatusReport& report) {
    PlanSnapshot::Counts counts;
    for (const auto& e : report.entries) {
        ++counts.by_category[static_cast<size_t>(e.category)];
        counts.awaiting_confirmation += e.awaiting ? 1 : 0;
        counts.open_extensions += e.extensions.size();
    }
    return counts;
}

// The values of `day` derived from the snapshot's state.
void derive_day(PlanSnapshot& snapshot, Date day) {
    const PlanState& state = *snapshot.state;
    const ServiceSetup& setup = *snapshot.setup;
    snapshot.day = day;
    snapshot.report = build_report(state.scheduled, setup.config.schedule, setup.calendar, day);
    snapshot.counts = count_report(snapshot.report);
    snapshot.next_notification.assign(state.tasks.size(), std::nullopt);
    const Timeline ahead = plan_timeline(state.scheduled, *state.names, state.roles, setup.config.schedule,
                                         setup.calendar, day, add_days(day, kLookAheadDays));
    snapshot.planned_moments.clear();
    for (const auto& n : ahead.items) {
        const auto at = vietnam_time(n.date(), ahead.send_minutes(n));
        // The timeline is in order of days: most of a day's notifications share its moment.
        if (snapshot.planned_moments.empty() || snapshot.planned_moments.back() != at)
            snapshot.planned_moments.push_back(at);
        if (n.task < 0) continue;
        auto& next = snapshot.next_notification[static_cast<size_t>(n.task)];
        if (!next) next = at;
    }
    sort_unique(snapshot.planned_moments);
}

// The moments planned for task `index` alone on or after `day`, in order.
std::vector<std::chrono::sys_seconds> moments_of(const PlanSnapshot& snapshot, size_t index, Date day) {
    const PlanState& state = *snapshot.state;
    const ServiceSetup& setup = *snapshot.setup;
    const ScheduledTasks one{state.scheduled[index]};
    const Timeline ahead = plan_timeline(one, *state.names, state.roles, setup.config.schedule, setup.calendar, day,
                                         add_days(day, kLookAheadDays));
    std::vector<std::chrono::sys_seconds> out;
    for (const auto& n : ahead.items)
        if (n.task == 0) out.push_back(vietnam_time(n.date(), ahead.send_minutes(n)));
    return out;
}

void index_tasks(PlanSnapshot& snapshot) {
    const AgencyDirectory& directory = snapshot.setup->directory;
    const auto& tasks = snapshot.state->tasks;
    std::vector<TaskCodeIndex> by_code;
    by_code.reserve(tasks.size());
    std::map<std::string, std::vector<size_t>, std::less<>> by_agency;
    std::unordered_map<std::int64_t, size_t> by_id;
    by_id.reserve(tasks.size());
    for (size_t i = 0; i < tasks.size(); ++i) {
        const Task& task = tasks[i].task;
        by_code.push_back({task.code, i});
        by_id.emplace(tasks[i].id, i);
        std::vector<std::string> named;
        for (const auto* mentions : {&task.lead, &task.cooperating}) {
            for (const auto& mention : *mentions) {
                const Agency* known = directory.find(mention.name);
                const std::string& name = known ? known->name : mention.name;
                if (std::find(named.begin(), named.end(), name) != named.end()) continue;
                named.push_back(name);
                by_agency[name].push_back(i);
            }
        }
    }
    // Stable: the tasks of one code stay in document order.
    std::stable_sort(by_code.begin(), by_code.end(),
                     [](const TaskCodeIndex& a, const TaskCodeIndex& b) { return a.code < b.code; });
    for (auto& [name, indexes] : by_agency) indexes.shrink_to_fit();  // grown by doubling; kept as long as the rows
    snapshot.by_code = decltype(snapshot.by_code)(std::move(by_code));
    snapshot.by_agency = decltype(snapshot.by_agency)(std::move(by_agency));
    snapshot.by_id = decltype(snapshot.by_id)(std::move(by_id));
}

// `next` (whose state differs from `from`'s only in the tasks `changed`)
// with `from`'s values of its day, those of the changed tasks computed again:
// their report lines and next notifications; their moments are added to the
// planned ones.
void derive_changed(PlanSnapshot& next, const PlanSnapshot& from, const std::vector<size_t>& changed) {
    const PlanState& state = *next.state;
    const ServiceSetup& setup = *next.setup;
    next.day = from.day;
    next.report = from.report;
    next.next_notification = from.next_notification;
    next.planned_moments = from.planned_moments;
    for (const size_t index : changed) {
        ReportEntry line =
            build_report({state.scheduled[index]}, setup.config.schedule, setup.calendar, next.day).entries.at(0);
        line.task = index;
        next.report.entries.mutable_at(index) = std::move(line);
        const auto moments = moments_of(next, index, next.day);
        next.next_notification.at(index) =
            moments.empty() ? std::nullopt : std::optional<std::chrono::sys_seconds>(moments.front());
        next.planned_moments.insert(next.planned_moments.end(), moments.begin(), moments.end());
    }
    next.counts = count_report(next.report);
    sort_unique(next.planned_moments);
}

// A rebuild that found at most this many tasks changed (their statuses: the
// rows all the same) derives only their values; more, and it plans the whole
// 400 days again.
constexpr size_t kFewChanges = 256;

// The tasks whose scheduling differs between `next` and `from`, when `next`
// was read under the same setup for the same day with the same task rows
// (every chunk shared) and at most kFewChanges differ; nullopt otherwise.
std::optional<std::vector<size_t>> few_changes(const PlanSnapshot& next, const PlanSnapshot& from, Date day) {
    const PlanState& now = *next.state;
    const PlanState& before = *from.state;
    if (next.setup != from.setup || from.day != day || now.tasks.size() != before.tasks.size() ||
        now.tasks.chunk_count() != before.tasks.chunk_count() || now.scheduled.size() != before.scheduled.size() ||
        now.names->size() != before.names->size())
        return std::nullopt;
    for (size_t k = 0; k < now.tasks.chunk_count(); ++k)
        if (now.tasks.chunk(k) != before.tasks.chunk(k)) return std::nullopt;
    if (now.scheduled.chunk_count() != before.scheduled.chunk_count()) return std::nullopt;
    std::vector<size_t> changed;
    for (size_t k = 0; k < now.scheduled.chunk_count(); ++k) {
        // A shared chunk holds the same tasks: only the others are compared task by task.
        if (now.scheduled.chunk(k) == before.scheduled.chunk(k)) continue;
        const size_t first = k * ScheduledTasks::kChunkSize;
        const size_t last = std::min(first + ScheduledTasks::kChunkSize, now.scheduled.size());
        for (size_t i = first; i < last; ++i) {
            if (now.scheduled[i] == before.scheduled[i]) continue;
            if (changed.size() == kFewChanges) return std::nullopt;
            changed.push_back(i);
        }
    }
    return changed;
}

}  // namespace

Result<size_t> PlanSnapshot::find(const std::string& code, const std::optional<std::string>& plan) const {
    std::optional<size_t> found;
    const auto first = std::lower_bound(by_code->begin(), by_code->end(), code,
                                        [](const TaskCodeIndex& e, const std::string& c) { return e.code < c; });
    for (auto it = first; it != by_code->end() && it->code == code; ++it) {
        const size_t i = it->index;
        if (plan && state->tasks[i].task.plan_number != *plan) continue;
        if (found) return Error{"task " + code + " is in more than one plan; name the plan with --plan NUMBER"};
        found = i;
    }
    if (!found) return Error{"no task " + code + (plan ? " in plan " + *plan : std::string())};
    return *found;
}

Result<std::uint64_t> read_plan_version(Database& db) {
    try {
        SQLite::Statement query(db.sql(), "SELECT version FROM plan_version WHERE id = 1");
        if (!query.executeStep()) return std::uint64_t{0};
        return static_cast<std::uint64_t>(query.getColumn(0).getInt64());
    } catch (const std::exception& e) {
        return db.error(e);
    }
}

std::uint64_t version_after_own_write(Database& db, const PlanSnapshot& snapshot) {
    auto version = read_plan_version(db);
    return version && *version == snapshot.version + 1 ? *version : snapshot.version;
}

Result<std::shared_ptr<const PlanSnapshot>> build_plan_snapshot(Database& db,
                                                                std::shared_ptr<const ServiceSetup> setup, Date day,
                                                                const PlanSnapshot* previous) {
    auto snapshot = std::make_shared<PlanSnapshot>();
    snapshot->setup = std::move(setup);
    // One read transaction: the counter, the tasks and their statuses of one moment.
    try {
        db.sql().exec("BEGIN");
    } catch (const std::exception& e) {
        return db.error(e);
    }
    auto version = read_plan_version(db);
    auto state = version ? load_plan_state(db, snapshot->setup->config, snapshot->setup->directory,
                                           previous ? previous->state.get() : nullptr)
                         : Result<PlanState>(version.error());
    try {
        db.sql().exec("COMMIT");
    } catch (const std::exception& e) {
        if (state) return db.error(e);
    }
    if (!state) return state.error();
    snapshot->version = *version;
    snapshot->state = std::make_shared<const PlanState>(std::move(*state));
    // Read again after a write that changed a few statuses (`nhacviec status` from the command line): the same
    // rows, so the same indexes, and only the changed tasks' values derived again.
    if (previous) {
        if (auto changed = few_changes(*snapshot, *previous, day)) {
            snapshot->by_code = previous->by_code;
            snapshot->by_agency = previous->by_agency;
            snapshot->by_id = previous->by_id;
            derive_changed(*snapshot, *previous, *changed);
            return std::shared_ptr<const PlanSnapshot>(std::move(snapshot));
        }
    }
    index_tasks(*snapshot);
    derive_day(*snapshot, day);
    return std::shared_ptr<const PlanSnapshot>(std::move(snapshot));
}

std::shared_ptr<const PlanSnapshot> snapshot_for_day(const PlanSnapshot& snapshot, Date day) {
    auto next = std::make_shared<PlanSnapshot>();
    next->setup = snapshot.setup;
    next->state = snapshot.state;
    next->version = snapshot.version;
    next->by_code = snapshot.by_code;
    next->by_agency = snapshot.by_agency;
    next->by_id = snapshot.by_id;
    derive_day(*next, day);
    return next;
}

std::shared_ptr<const PlanSnapshot> snapshot_with_change(const PlanSnapshot& snapshot, size_t index,
                                                         const StatusChange& change, std::uint64_t version) {
    TaskStatus status = snapshot.state->scheduled.at(index).status;
    StatusEntry entry{change.status, change.done_on, change.note, change.changed_by, change.changed_at};
    if (change.period.empty()) status.overall = std::move(entry);
    else status.periods[change.period] = std::move(entry);
    return snapshot_with_status(snapshot, index, std::move(status), version);
}

namespace {

// `snapshot` with task `index`'s status replaced by `status` and, when given,
// its deadline by `deadline`, its derived values computed again.
std::shared_ptr<const PlanSnapshot> with_task_replaced(const PlanSnapshot& snapshot, size_t index, TaskStatus status,
                                                       const std::optional<Deadline>& deadline,
                                                       std::uint64_t version) {
    auto state = std::make_shared<PlanState>();
    state->tasks = snapshot.state->tasks;
    state->scheduled = snapshot.state->scheduled;
    state->names = std::make_unique<NameTable>(*snapshot.state->names);
    state->roles = snapshot.state->roles;
    state->scheduled.mutable_at(index).status = std::move(status);
    if (deadline) {
        state->tasks.mutable_at(index).task.deadline = *deadline;
        state->scheduled.mutable_at(index).deadline = *deadline;
    }

    auto next = std::make_shared<PlanSnapshot>();
    next->setup = snapshot.setup;
    next->state = state;
    next->version = version;
    next->by_code = snapshot.by_code;
    next->by_agency = snapshot.by_agency;
    next->by_id = snapshot.by_id;
    // Only this task's values move: its report line and its next notification.
    derive_changed(*next, snapshot, {index});
    return next;
}

}  // namespace

std::shared_ptr<const PlanSnapshot> snapshot_with_status(const PlanSnapshot& snapshot, size_t index,
                                                         TaskStatus status, std::uint64_t version) {
    return with_task_replaced(snapshot, index, std::move(status), std::nullopt, version);
}

Result<std::shared_ptr<const PlanSnapshot>> snapshot_with_task(Database& db, const PlanSnapshot& snapshot,
                                                               size_t index, std::uint64_t version) {
    if (index >= snapshot.state->tasks.size()) return Error{"no task " + std::to_string(index) + " in the snapshot"};
    const StoredTask& stored = snapshot.state->tasks[index];
    auto status = read_task_status(db, stored.id);
    if (!status) return status.error();
    // Moves only ever add to the history: applying the newest to the deadline held (moved or not) gives the same
    // deadline as a full read would.
    Deadline deadline = moved_deadline(stored.task.deadline, *status);
    return with_task_replaced(snapshot, index, std::move(*status), std::move(deadline), version);
}

}  // namespace nhacviec::app
