// The read-only dashboard the daemon serves at GET /: one complete,
// server-rendered HTML5 page in Vietnamese (inline CSS and SVG, no script, no
// external asset) showing where the plans stand as of a given moment. Pure:
// the plan state, the configuration and the calendar go in, the page comes out.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "calendar/working_calendar.h"
#include "app/plan_state.h"
#include "config/config.h"

namespace nhacviec::web {

// The page as of `now`:
//  - the plans (number, date of issue, year, number of tasks);
//  - the report categories with counts and percentages, as `nhacviec report`
//    (build_report) gives them;
//  - the task table: overdue tasks first (most overdue first), then due soon,
//    in progress (nearest deadline first), undetermined, ongoing, done; each
//    row with id, title (shortened, the full title in its title attribute),
//    lead agencies, deadline as written and its legal end, status in
//    Vietnamese and the next notification planned for it (within ~400 days);
//  - an SVG timeline by quarter of the current year (and the next one when the
//    year is half gone or a deadline falls in it): one row per lead agency, a
//    marker per deadline coloured by category, a smaller one per review date,
//    tooltips, and a line for today;
//  - links to each agency's calendar feed (calendar/{slug}.ics).
// Every text is HTML-escaped.
std::string render_dashboard(const app::PlanState& state, const Config& config, const WorkingCalendar& calendar,
                             std::chrono::sys_seconds now);


}  // namespace nhacviec::web
