// The importer: a parsed plan → tasks (deadlines resolved, agencies matched)
// → the database, in one transaction. Importing the same document again
// changes nothing; an amended document updates tasks in place (their status
// and history stay) and the report says what was added, removed and changed.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "agency/agency_directory.h"
#include "common/result.h"
#include "plan/plan_parser.h"
#include "plan/task.h"
#include "storage/database.h"

namespace nhacviec {

// One task whose fields an amendment changed.
struct TaskChange {
    std::string code;
    std::vector<std::string> fields;  // e.g. "deadline: \"Quý III/2026\" → \"Quý IV/2026\""
};

// What an import did, for the person who ran it.
struct ImportReport {
    PlanInfo plan;
    bool new_plan = false;
    size_t task_count = 0;
    std::vector<std::string> added;     // task codes
    std::vector<std::string> removed;
    std::vector<std::string> restored;  // removed by an earlier amendment, back again
    std::vector<TaskChange> changed;
    std::vector<std::string> warnings;  // each "file:line: message"
    std::vector<PlanMessage> warning_messages;  // the same warnings, in the same order, with their kind and fields
    // When the stored plan was last imported, as it stood before this import ("" for a new plan): two
    // reports of the same file with the same value describe the same change to the same stored plan.
    std::string stored_imported_at;

    bool unchanged() const { return !new_plan && added.empty() && removed.empty() && restored.empty() && changed.empty(); }
};

// Resolves each parsed task's deadline and agencies. Warnings name the file,
// line and task: undetermined deadlines and agency names the directory does
// not know. Each warning's kind and fields go to `*messages` as well when it
// is not null.
std::vector<Task> build_tasks(const ParsedPlan& plan, const AgencyDirectory& directory, std::string_view source,
                              std::vector<std::string>& warnings, std::vector<PlanMessage>* messages = nullptr);

// How import_plan ends. A plain value; the defaults are `nhacviec import`'s.
struct ImportOptions {
    // Compute the report only: the same reads and writes inside the
    // transaction, then rolled back, so that the database stays as it was.
    bool dry_run = false;
    // What the plan row and the history name as the source ("imported from
    // …"); "" names `source` (which warnings always name).
    std::string recorded_source;
    // Called with the report before the transaction commits; an error rolls
    // it back and is returned (the console refuses to apply a file whose
    // import no longer does what its preview showed).
    std::function<Status(const ImportReport&)> before_commit;
};

// Writes the plan to the database in one transaction; nothing is written when
// nothing changed, and nothing at all when any step fails. `now` is the ISO
// 8601 time recorded in the history.
Result<ImportReport> import_plan(Database& db, const ParsedPlan& plan, const AgencyDirectory& directory,
                                 std::string_view source, const std::string& now,
                                 const ImportOptions& options = {});

}  // namespace nhacviec
