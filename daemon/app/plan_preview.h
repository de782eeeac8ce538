// Previewing a plan file before it is imported, and importing exactly what
// was previewed: the console's upload page (web/console_plan_routes.cpp)
// reads the file's bytes (plan_file_reader.h, any form nhacviec reads),
// computes what the import would do by a dry run of import_plan (the same
// code, its transaction rolled back), and later applies those bytes only if
// the import still does what the preview showed. Functions over a borrowed
// Database, on the thread that holds it (a render thread's connection); the
// time is passed in.
#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "agency/agency_directory.h"
#include "common/result.h"
#include "storage/database.h"
#include "plan/plan_message.h"
#include "storage/plan_importer.h"

namespace nhacviec::app {

// One task of the file as the preview lists it: its cells as written. A plain value.
struct PreviewTask {
    std::string code;
    std::string title;
    std::string lead;
    std::string deadline;
};

// What importing a file would do, computed without writing. A plain value.
struct PlanPreview {
    std::string file_name;
    ImportReport report;                               // as import_plan would give it now
    std::vector<PreviewTask> tasks;                    // every task of the file, in document order
    std::map<std::string, std::string> removed_titles;  // the stored title of each task the import removes, by code
};

// Why a file is not imported: the reader's or the parser's message, exact ("plan.doc: a Word 97-2003 …"),
// and the same with its kind and fields, for the page to word.
struct PlanRefusal {
    std::string message;
    PlanMessage why;
};

// Why previewed bytes are not applied: importing them no longer does what the preview showed (the stored
// plan changed since); the person must preview again.
struct ChangedSincePreview {};

// What preview_plan_file and apply_plan_file give, but for a failure of the database.
using PreviewOutcome = std::variant<PlanPreview, PlanRefusal>;
using ApplyOutcome = std::variant<ImportReport, PlanRefusal, ChangedSincePreview>;

// What the source of an import from the console is recorded as, in the plan row and the history: the file
// and the account ("plan-90.docx, uploaded in the console by admin").
std::string console_import_source(const std::string& file_name, const std::string& account);

// Reads `bytes` (the file `file_name`) and computes what importing them into `db` would do; the database is
// left exactly as it was. An error only when the database fails.
Result<PreviewOutcome> preview_plan_file(Database& db, const AgencyDirectory& directory, std::string bytes,
                                         const std::string& file_name, const std::string& now);

// Imports `bytes` (the file `file_name`, previewed as `previewed`) for `account`, in one transaction that is
// rolled back, writing nothing, when the import would not do exactly what `previewed` says.
Result<ApplyOutcome> apply_plan_file(Database& db, const AgencyDirectory& directory, std::string bytes,
                                     const std::string& file_name, const std::string& account,
                                     const ImportReport& previewed, const std::string& now);

// Whether two reports describe the same import (the same plan, tasks, changes, warnings and stored plan).
bool same_import(const ImportReport& a, const ImportReport& b);

}  // namespace nhacviec::app
