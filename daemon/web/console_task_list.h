// The console's list of tasks (/quan-ly/nhiem-vu): its query (plan, lead
// agency, report category, "chờ tôi xử lý", a search over titles, the page),
// the index it is answered from (each task's title folded for the search and
// its lead agencies, made once per snapshot), the selection of one page and
// the page itself. Pure: the snapshot and the query go in, the page comes
// out; any thread (the index is immutable once built).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "app/plan_snapshot.h"
#include "report/status_report.h"
#include "storage/account_store.h"
#include "web/console_page.h"

namespace nhacviec::web {

inline constexpr size_t kTasksPerPage = 100;

// What the list is asked for. A plain value read from the query string.
struct TaskListQuery {
    std::string plan;                        // "ke-hoach": a plan number; "" for every plan
    std::string lead;                        // "chu-tri": a lead agency's canonical name; "" for any
    std::optional<ReportCategory> category;  // "nhom": a report category (to_string); none for every one
    bool awaiting_me = false;                // "cho-xu-ly=1": a completion or an extension request awaits a decision
    std::string search;                      // "tim": words of the title, any case, with or without diacritics
    size_t page = 1;                         // "trang": from 1
};

// Why a query cannot be answered: the parameter at fault and the message, in Vietnamese.
struct TaskListQueryProblem {
    std::string parameter;
    std::string message;
};

// Reads the query string's parameters; unknown ones are ignored.
std::variant<TaskListQuery, TaskListQueryProblem> parse_task_list_query(
    const std::map<std::string, std::string>& query);

// The key the search compares: every letter without its diacritics, lower
// case ("Đẩy mạnh" → "day manh"), other characters kept, white space
// collapsed to one space.
std::string search_key(std::string_view text);

// What the list needs of one snapshot, beyond the snapshot itself: built once per snapshot. Holds nothing of the
// snapshot it was made from, so that it never keeps an older one alive.
struct TaskListIndex {
    // search_key(code + " " + title) of each task, in task order; shared with the index of the next snapshot
    // when its tasks' codes and titles are the same (a status change, a decision: only an import changes them).
    std::shared_ptr<const std::vector<std::string>> titles;
    // A hash of each task's code and title, in task order: how the next snapshot's index tells that they are the
    // same without the older snapshot (shared along with `titles`).
    std::shared_ptr<const std::vector<std::uint64_t>> title_hashes;
    std::vector<std::string> plans;              // plan numbers, sorted
    std::vector<std::string> leads;              // lead agencies' names, sorted
    std::vector<std::uint32_t> plan_of;          // plan_of[i]: index into `plans` of task i's plan
    // tasks_of_plan[p], tasks_of_lead[l]: the tasks of plan p, the tasks led by lead l, in task order; a filter
    // walks these instead of every task.
    std::vector<std::vector<std::uint32_t>> tasks_of_plan;
    std::vector<std::vector<std::uint32_t>> tasks_of_lead;
    std::vector<std::vector<std::uint32_t>> leads_of_plan;  // leads_of_plan[p]: the leads of plan p's tasks, sorted
};
// The index of `snapshot`; `before`, the index of an earlier snapshot, gives its search keys when the tasks' codes
// and titles are unchanged.
TaskListIndex build_task_list_index(const app::PlanSnapshot& snapshot, const TaskListIndex* before = nullptr);

// Whether task `index` has a completion awaiting confirmation or an open extension request.
bool awaits_decision(const app::PlanSnapshot& snapshot, size_t index);

// One page of the tasks that match, within the plans `account` covers.
struct TaskListSelection {
    size_t total = 0;          // tasks that match
    size_t pages = 1;          // at least 1
    std::vector<size_t> rows;  // task indexes of the page asked for, in task order
};
TaskListSelection select_tasks(const app::PlanSnapshot& snapshot, const TaskListIndex& index,
                               const TaskListQuery& query, const Account& account);

// The list's page in the console's frame.
std::string render_task_list(const ConsoleFrame& frame, const app::PlanSnapshot& snapshot, const TaskListIndex& index,
                             const TaskListQuery& query, const TaskListSelection& selection, const Account& account);

// The address of the list for `query` (its page replaced by `page` when given).
std::string task_list_href(const TaskListQuery& query, std::optional<size_t> page = std::nullopt);

// The address of a task's console page.
std::string task_href(std::int64_t task_id);

}  // namespace nhacviec::web
