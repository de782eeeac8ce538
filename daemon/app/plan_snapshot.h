// PlanSnapshot: the plan state as the daemon holds it in memory, immutable
// once built: the setup it was built under, the tasks with their statuses,
// the indexes the API looks tasks up by, and the
// values derived for one day (each task's report category and its next
// planned notification). Readers share it by std::shared_ptr<const
// PlanSnapshot> from any thread and never see it change; a change makes a
// new one. Built by whoever owns the live state (service/live_state), off
// the event loop, from its own database connection.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/plan_state.h"
#include "app/setup.h"
#include "common/date.h"
#include "common/result.h"
#include "common/shared_value.h"
#include "report/status_report.h"
#include "storage/database.h"
#include "storage/status_store.h"

namespace nhacviec::app {

// One task's code and its index into the plan state's tasks: an entry of
// PlanSnapshot::by_code. Owned by that index; immutable once built.
struct TaskCodeIndex {
    std::string code;
    size_t index = 0;
};

struct PlanSnapshot {
    std::shared_ptr<const ServiceSetup> setup;
    std::shared_ptr<const PlanState> state;     // shared with the snapshots of other days
    std::uint64_t version = 0;                  // the database's plan_version when it was read
    // Task indexes (into state->tasks) by task code, and by agency (lead or
    // cooperating, canonical name), in document order; shared with the
    // snapshots of the same task rows. by_code is one flat array sorted by
    // code, then index (40 bytes a task, where a map node and its vector took 128).
    SharedValue<std::vector<TaskCodeIndex>> by_code;
    SharedValue<std::map<std::string, std::vector<size_t>, std::less<>>> by_agency;
    SharedValue<std::unordered_map<std::int64_t, size_t>> by_id;  // tasks.id → index

    // The day the derived values are for (Asia/Ho_Chi_Minh).
    Date day;
    StatusReport report;  // report.entries[i] is task i
    // The report counted once, for /metrics: tasks by category (indexed by
    // ReportCategory), awaiting confirmation, open extension requests.
    struct Counts {
        std::array<size_t, kReportCategories.size()> by_category{};
        size_t awaiting_confirmation = 0;
        size_t open_extensions = 0;
    } counts;
    // next_notification[i]: the next planned notification of task i on or
    // after `day` (up to 400 days ahead), nullopt when none.
    std::vector<std::optional<std::chrono::sys_seconds>> next_notification;
    // Every moment a notification is planned for, from the start of `day` up
    // to 400 days ahead, sorted, each once (a superset after a status change,
    // or a rebuild that found only a few statuses changed: the changed tasks'
    // moments are added, none removed). A delivery pass
    // with the same snapshot as the one before plans nothing unless one of
    // them has come.
    std::vector<std::chrono::sys_seconds> planned_moments;

    // The index of task CODE (in plan NUMBER when given); an error names the
    // task when it is missing or ambiguous (the same words as find_task).
    Result<size_t> find(const std::string& code, const std::optional<std::string>& plan) const;
};

// The database's change counter (schema 0007): it moves with every write to
// what a snapshot reads, whoever writes.
Result<std::uint64_t> read_plan_version(Database& db);

// The counter a snapshot made from `snapshot` with this process's last write
// applied may claim: the database's, when that write was the only one since
// `snapshot` was read (it moved by one); otherwise `snapshot`'s own, so that
// the live state reads the other writes again.
std::uint64_t version_after_own_write(Database& db, const PlanSnapshot& snapshot);

// Reads the plan state from `db` under `setup` and derives the
// values of `day`. Reads in one transaction, so it sees one state of the database.
// The task rows that did not change since `previous` (the snapshot this one
// replaces, when given) are shared with it rather than held twice.
Result<std::shared_ptr<const PlanSnapshot>> build_plan_snapshot(Database& db,
                                                                std::shared_ptr<const ServiceSetup> setup, Date day,
                                                                const PlanSnapshot* previous = nullptr);

// The same tasks and statuses with the values of another day derived
// (at midnight). Touches no database.
std::shared_ptr<const PlanSnapshot> snapshot_for_day(const PlanSnapshot& snapshot, Date day);

// The snapshot with one status change applied to task `index` (as it was
// just recorded, making the database's counter `version`): the state is
// copied with that task's status replaced, and its derived values computed
// again. Touches no database.
std::shared_ptr<const PlanSnapshot> snapshot_with_change(const PlanSnapshot& snapshot, size_t index,
                                                         const StatusChange& change, std::uint64_t version);

// The same with task `index`'s whole status replaced by `status`, as the
// database holds it after this process wrote to it (an answer recorded:
// a completion awaiting confirmation, an extension request). Touches no
// database.
std::shared_ptr<const PlanSnapshot> snapshot_with_status(const PlanSnapshot& snapshot, size_t index,
                                                         TaskStatus status, std::uint64_t version);

// The snapshot with task `index` read again from `db` after this process
// decided on it (app/decisions): its stored row, its status and its deadline
// as moved, its reminders paused or not; its derived values computed again
// and the database's counter `version` claimed. Reads only that task.
Result<std::shared_ptr<const PlanSnapshot>> snapshot_with_task(Database& db, const PlanSnapshot& snapshot,
                                                               size_t index, std::uint64_t version);

}  // namespace nhacviec::app
