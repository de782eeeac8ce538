// TaskStore: reads and writes plans and tasks in the database, with named,
// prepared statements. Borrows the Database; callers own transactions.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Statement.h>

#include "common/result.h"
#include "plan/plan_parser.h"
#include "plan/stored_task.h"
#include "plan/task.h"
#include "storage/database.h"

namespace nhacviec {

// A plan row as stored.
struct StoredPlan {
    int64_t id = 0;
    PlanInfo info;
    std::string source_name;
    std::string imported_at;
};

class TaskStore {
public:
    explicit TaskStore(Database& db) : db_(db) {}

    Result<std::optional<StoredPlan>> find_plan(const std::string& number, int year);
    Result<std::vector<StoredPlan>> plans();
    // Tasks of one plan (or of every plan when plan_id is 0), in document
    // order; removed tasks only when asked.
    Result<std::vector<StoredTask>> tasks(int64_t plan_id, bool include_removed);
    // How many rows tasks() would give.
    Result<size_t> count_tasks(int64_t plan_id, bool include_removed);
    // The same rows, `batch_size` at a time (the last batch may be shorter),
    // each complete with its agencies, handed to `visit`, which may move them
    // out; an error from `visit` stops the reading and is returned. Holds no
    // more than one batch.
    static constexpr size_t kTaskBatch = 1024;
    Status each_task_batch(int64_t plan_id, bool include_removed, size_t batch_size,
                           const std::function<Status(std::vector<StoredTask>&)>& visit);

    // Writers: call inside a transaction. Exceptions from SQLite become Errors.
    Result<int64_t> insert_plan(const PlanInfo& info, const std::string& source_name, const std::string& now);
    Status update_plan(int64_t plan_id, const PlanInfo& info, const std::string& source_name, const std::string& now);
    Result<int64_t> insert_task(int64_t plan_id, const Task& task);
    Status update_task(int64_t task_id, const Task& task);  // also clears a removal mark
    Status mark_removed(int64_t task_id, const std::string& now);
    Status record_change(int64_t task_id, const std::string& change, const std::string& detail,
                         const std::string& now);

    // Every distinct agency name named by a task that is not removed.
    Result<std::vector<std::string>> agency_names();

private:
    Status write_agencies(int64_t task_id, const Task& task);
    // A statement prepared once per store and reset before each use.
    SQLite::Statement& prepared(std::unique_ptr<SQLite::Statement>& slot, const std::string& sql);

    Database& db_;
    std::unique_ptr<SQLite::Statement> insert_task_, insert_agency_, clear_agencies_, insert_change_;
};

}  // namespace nhacviec
