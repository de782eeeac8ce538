#include "app/plan_state.h"

#include "app/setup.h"
#include "storage/status_store.h"

namespace nhacviec::app {

Result<PlanState> load_plan_state(Database& db, const Config& config, const AgencyDirectory& directory,
                                  const PlanState* previous) {
    PlanState state;
    TaskStore store(db);
    auto plans = store.plans();
    if (!plans) return plans.error();
    auto statuses = StatusStore(db).current();
    if (!statuses) return statuses.error();

    NameTable& names = *state.names;
    const AgencyRoles& roles = directory.roles();
    state.roles = {names.id(roles.monitoring), names.id(roles.city_office), names.id(roles.leadership)};
    // The rows are read a chunk at a time; a chunk whose rows are those the
    // previous state holds at the same place is shared with it, not kept twice.
    auto read = store.each_task_batch(0, false, StoredTaskRows::kChunkSize, [&](std::vector<StoredTask>& batch) -> Status {
        auto scheduled = std::make_shared<ScheduledTasks::Chunk>();
        scheduled->reserve(batch.size());
        for (auto& row : batch) {
            const TaskRules* rules = config.schedule.task_rules(row.task.plan_number, row.task.code);
            // A deadline set in the configuration replaces the one written in the plan; the monitoring agency's
            // moves (an extension approved, a deadline set) come on top of either.
            if (rules && rules->deadline) row.task.deadline = *rules->deadline;
            const auto status = statuses->find(row.id);
            if (status != statuses->end())
                row.task.deadline = moved_deadline(std::move(row.task.deadline), status->second);
            const Task& t = row.task;
            ScheduledTask s;
            s.plan_number = t.plan_number;
            s.plan_year = t.plan_year;
            for (const auto& plan : *plans)
                if (plan.info.number == t.plan_number && plan.info.year == t.plan_year)
                    s.plan_issued = plan.info.issued_on.value_or(*make_date(t.plan_year, 1, 1));
            s.code = t.code;
            s.deadline = t.deadline;
            for (const auto& m : t.lead) s.lead.push_back(names.id(m.name));
            for (const auto& m : t.cooperating) s.cooperating.push_back(names.id(m.name));
            if (status != statuses->end()) s.status = status->second;
            s.rules = rules;
            if (rules) {
                for (const auto& name : rules->cc) {
                    const Agency* agency = directory.find(name);
                    s.extra_cc.push_back(names.id(agency ? agency->name : name));
                }
            }
            scheduled->push_back(std::move(s));
        }
        // The same for the tasks as the timeline sees them: a status changed by another process copies only its chunk.
        const size_t j = state.scheduled.chunk_count();
        if (previous && j < previous->scheduled.chunk_count() && *previous->scheduled.chunk(j) == *scheduled)
            state.scheduled.append_chunk(previous->scheduled.chunk(j));
        else
            state.scheduled.append_chunk(std::move(scheduled));
        const size_t k = state.tasks.chunk_count();
        if (previous && k < previous->tasks.chunk_count()) {
            auto held = previous->tasks.chunk(k);
            if (*held == batch) {
                state.tasks.append_chunk(std::move(held));
                return {};
            }
        }
        // A plain vector, not a const one: once no other state holds it, mutable_at may write to it in place.
        state.tasks.append_chunk(std::make_shared<StoredTaskRows::Chunk>(std::move(batch)));
        return {};
    });
    if (!read) return read.error();
    return state;
}

Deadline moved_deadline(Deadline written, const TaskStatus& status) {
    if (!status.deadline_moved) return written;
    switch (written.kind) {
        case DeadlineKind::fixed:
        case DeadlineKind::period: written.due = status.deadline_moved->due; break;
        case DeadlineKind::undetermined:
            written.kind = DeadlineKind::fixed;
            written.due = status.deadline_moved->due;
            written.recurrence = Recurrence::none;
            written.warning.clear();
            break;
        case DeadlineKind::recurring: break;  // its periods are reviewed, not moved
    }
    return written;
}

Date first_plan_day(const PlanState& state, Date no_plan) {
    std::optional<Date> first;
    for (const auto& task : state.scheduled)
        if (!first || task.plan_issued < *first) first = task.plan_issued;
    return first.value_or(no_plan);
}

Result<Workspace> open_workspace(const GlobalOptions& options) {
    auto config = load_configuration(options);
    if (!config) return config.error();
    auto directory = load_directory(*config);
    if (!directory) return directory.error();
    auto calendar = load_calendar(*config);
    if (!calendar) return calendar.error();
    auto db = Database::open_existing(database_path(options, *config));
    if (!db) return db.error();
    auto database = std::make_unique<Database>(std::move(*db));
    auto state = load_plan_state(*database, *config, *directory);
    if (!state) return state.error();
    return Workspace{std::move(*config), std::move(*directory), std::move(*calendar), std::move(database),
                     std::move(*state)};
}

Result<size_t> find_task(const PlanState& state, const std::string& code, const std::optional<std::string>& plan) {
    std::optional<size_t> found;
    for (size_t i = 0; i < state.tasks.size(); ++i) {
        const Task& t = state.tasks[i].task;
        if (t.code != code || (plan && t.plan_number != *plan)) continue;
        if (found) return Error{"task " + code + " is in more than one plan; name the plan with --plan NUMBER"};
        found = i;
    }
    if (!found) return Error{"no task " + code + (plan ? " in plan " + *plan : std::string()) };
    return *found;
}

}  // namespace nhacviec::app
