// PlanState: everything the schedule, report and status commands read from
// the database at once — the live tasks, their statuses, and the same tasks
// as the timeline sees them. Owned by whoever loaded it (a command, a
// delivery pass, a request of the API), on that thread.
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "agency/agency_directory.h"
#include "app/options.h"
#include "calendar/working_calendar.h"
#include "common/result.h"
#include "config/config.h"
#include "schedule/timeline.h"
#include "storage/database.h"
#include "storage/task_store.h"

namespace nhacviec::app {

struct PlanState {
    StoredTaskRows tasks;                     // in document order, plan by plan
    ScheduledTasks scheduled;                 // scheduled[i] is tasks[i]; chunks shared as tasks' are
    std::unique_ptr<NameTable> names = std::make_unique<NameTable>();
    RoleIds roles{};
};

// `written` (the plan's deadline, or the configuration's) as the monitoring
// agency moved it (TaskStatus::deadline_moved): the same text, the moved day;
// a deadline set for an undetermined task makes it fixed. A recurring
// deadline is never moved. Unchanged when nothing was moved.
Deadline moved_deadline(Deadline written, const TaskStatus& status);

// The day the earliest plan was issued (nothing is planned before it);
// `no_plan` when there is none (the caller's today, from its own clock).
Date first_plan_day(const PlanState& state, Date no_plan);

// Reads the plan state from `db`. The task rows that are the same as those of
// `previous` (a state read earlier, when given), at the same place, are
// shared with it: read again after another process's write, the state holds
// only the chunks of rows that changed anew.
Result<PlanState> load_plan_state(Database& db, const Config& config, const AgencyDirectory& directory,
                                  const PlanState* previous = nullptr);

// Everything a command that reads the plans needs, loaded in order:
// configuration, agency directory, calendar, database, plan state.
struct Workspace {
    Config config;
    AgencyDirectory directory;
    WorkingCalendar calendar;
    std::unique_ptr<Database> db;
    PlanState state;
};

// Opens the workspace; the database must exist already.
Result<Workspace> open_workspace(const GlobalOptions& options);

// The index of task CODE (in plan NUMBER when given); an error names the
// task when it is missing or ambiguous.
Result<size_t> find_task(const PlanState& state, const std::string& code, const std::optional<std::string>& plan);

}  // namespace nhacviec::app
