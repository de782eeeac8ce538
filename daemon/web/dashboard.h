// The read-only dashboard the daemon serves at GET /: one complete,
// server-rendered HTML5 page in Vietnamese (inline CSS and SVG, no script, no
// external asset) showing where the plans stand as of a given moment. Pure:
// the plan state, the configuration and the calendar go in, the page comes out.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/working_calendar.h"
#include "app/plan_state.h"
#include "common/result.h"
#include "config/config.h"
#include "report/status_report.h"

namespace nhacviec::web {

// How many tasks one page of the task table shows.
inline constexpr size_t kDashboardPageSize = 100;

// What a visitor asked the dashboard for, from the query string of GET /:
// `agency` (an agency's slug, as in its calendar address: the tasks it leads
// or cooperates on), `category` (a report category, "overdue", …), `plan` (a
// plan number, "90/KH-UBND") and `page` (1, 2, …). Empty means no filter.
struct DashboardQuery {
    std::string agency;
    std::optional<ReportCategory> category;
    std::string plan;
    size_t page = 1;
};

// A query string's parameters read as a DashboardQuery; an unknown parameter,
// an unknown category or a page that is not a number from 1 is refused with a
// Vietnamese message naming the parameter.
Result<DashboardQuery> parse_dashboard_query(const std::map<std::string, std::string>& parameters);

// A plan as the dashboard lists it.
struct DashboardPlan {
    std::string number;
    int year = 0;
    Date issued;
    size_t tasks = 0;
};

// A notification planned for a task, as the timeline planned it (28 bytes);
// put in words ("04/01/2027 – Nhắc hạn (còn 7 ngày)") only when a page
// shows it.
struct UpcomingNotification {
    Date date;
    int minutes = 0;                   // when it goes out, minutes after midnight (Vietnam)
    PlannedNotification notification;  // its kind, step, level and review period
};

// What every request for the dashboard on one day shares: the report, the
// task table's order, each task's upcoming notifications (those of that day
// and the first one after it) and the lists the filters offer. Built once per
// plan state and day; its size grows with the tasks, a page's rendering does
// not. Refers to `state`, `rules` and `calendar`, which must outlive it;
// immutable once built, so any thread may read it.
struct DashboardIndex {
    const app::PlanState* state = nullptr;
    const ScheduleRules* rules = nullptr;
    const WorkingCalendar* calendar = nullptr;
    Date today;
    // The report of `today`, entries in task order: the one the caller
    // passed (the plan snapshot's, made for that day: shared, not copied),
    // else `own_report`. Never null once built.
    const StatusReport* report = nullptr;
    std::shared_ptr<const StatusReport> own_report;
    std::vector<size_t> order;  // report entries in the table's order: overdue first (most overdue first), …
    std::array<size_t, kReportCategories.size()> category_counts{};  // the report's entries by category
    // Each task's upcoming notifications, in one array: task i's are
    // upcoming[upcoming_from[i]] up to upcoming[upcoming_from[i + 1]] (see upcoming_of).
    std::vector<UpcomingNotification> upcoming;
    std::vector<std::uint32_t> upcoming_from;  // one more than there are tasks
    std::vector<DashboardPlan> plans;
    std::vector<std::string> lead_agencies;  // in order of first appearance
    std::vector<std::string> agencies;       // leads, then cooperating agencies, in order of first appearance
    std::vector<std::string> agency_slugs;   // agency_slugs[i] is the slug of agencies[i]
    // Each task's agencies (leads, then cooperating) as indexes into `agencies`,
    // in one array: task i's start at task_agencies_from[i] (see agencies_of).
    std::vector<std::uint32_t> task_agencies;
    std::vector<std::uint32_t> task_agencies_from;  // one more than there are tasks

    std::span<const UpcomingNotification> upcoming_of(size_t task) const {
        return std::span(upcoming).subspan(upcoming_from[task], upcoming_from[task + 1] - upcoming_from[task]);
    }
    std::span<const std::uint32_t> agencies_of(size_t task) const {
        return std::span(task_agencies)
            .subspan(task_agencies_from[task], task_agencies_from[task + 1] - task_agencies_from[task]);
    }
};

// `report_of_today`, when given, is build_report() of `state` for `today`
// under `config` and `calendar` (the plan snapshot's report); the index
// refers to it, so it must outlive the index. Without it the index makes its own.
DashboardIndex build_dashboard_index(const app::PlanState& state, const Config& config,
                                     const WorkingCalendar& calendar, Date today,
                                     const StatusReport* report_of_today = nullptr);

// A page of the dashboard, or the page that says why there is none.
struct DashboardPage {
    int status = 200;  // 200; 400 for a query that names nothing there is; 404 for a page past the last
    std::string html;
};

// The page as of `now` (which must fall on the index's day):
//  - the plans (number, date of issue, year, number of tasks);
//  - a form to filter by agency, category and plan (GET, no script);
//  - the report categories with counts and percentages, as `nhacviec report`
//    (build_report) gives them, for the tasks of the agency and plan chosen;
//  - one page of the task table (kDashboardPageSize rows): overdue tasks first
//    (most overdue first), then due soon, in progress (nearest deadline first),
//    undetermined, ongoing, done; each row with id, title (shortened, the full
//    title in its title attribute), lead agencies, deadline as written and its
//    legal end, status in Vietnamese and the next notification planned for it
//    (within ~400 days); links to the other pages;
//  - an SVG timeline by quarter of the current year (and the next one when the
//    year is half gone or a deadline falls in it) of the tasks on the page:
//    one row per lead agency, a marker per deadline coloured by category, a
//    smaller one per review date, tooltips, and a line for today;
//  - links to each agency's calendar feed (calendar/{slug}.ics).
// Every text is HTML-escaped.
DashboardPage render_dashboard(const DashboardIndex& index, const DashboardQuery& query,
                               std::chrono::sys_seconds now);

// The page (status 400) that says a query string could not be read, with `message`, as of `now`.
std::string dashboard_refusal(const std::string& message, std::chrono::sys_seconds now);

// The first page with no filter: build_dashboard_index, then render_dashboard.
std::string render_dashboard(const app::PlanState& state, const Config& config, const WorkingCalendar& calendar,
                             std::chrono::sys_seconds now);

}  // namespace nhacviec::web
