// schedule_bench: the schedule benchmark (a benchmark, not a test; see
// bench/RESULTS.md and bench/run-schedule.sh).
//
//   nhacviec_bench --db FILE [--config FILE] [--from D] [--to D] [--reps N]
//                  [--phases] [--dump-events FILE] [--write-remind FILE]
//
// Opens an imported database the way the CLI does (configuration, agency
// directory, calendar, database, plan state), timing each step, then plans the
// timeline for [--from, --to] --reps times and prints the minimum and median
// time, the notifications per kind and the peak RSS, one "key value" per line.
//
// --phases prints the memory the notifications take (the vector's capacity,
// which plan_timeline() reserves once from an upper bound) and the resident
// memory of the loaded tasks as stored, which the schedule does not read.
//
// --dump-events FILE writes the planned notifications as distinct events, one
// "YYYY/MM/DD PLAN|CODE KIND-STEP" line each (a notification to several lead
// agencies is one event), sorted: the same shape as the remind output of the
// file below, for an exact comparison.
//
// --write-remind FILE writes the rules as a remind(1) script instead of
// benchmarking: the days off as OMITs (from WorkingCalendar::days_off), and
// per task REM commands with the same lead times that make remind compute the
// reminders itself, moved off days off with BEFORE (reminders) and AFTER
// (escalations, digest). See the script's header for the forms used.
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/plan_state.h"
#include "app/setup.h"
#include "cli/setup.h"
#include "schedule/timeline.h"

namespace nv = nhacviec;
namespace cli = nhacviec::cli;
namespace app = nhacviec::app;

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The peak resident set size of the process so far, in KiB (Linux reports ru_maxrss in KiB).
long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// The current resident set size in KiB, from /proc/self/statm; 0 when unknown.
long current_rss_kib() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    if (!(statm >> pages >> resident)) return 0;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

struct Options {
    app::GlobalOptions global;
    std::string from = "2026-03-20";
    std::string to = "2031-03-19";
    int reps = 5;
    std::string dump_events;
    std::string write_remind;
    bool phases = false;
};

[[noreturn]] void usage() {
    std::cerr << "usage: nhacviec_bench --db FILE [--config FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--reps N]\n"
                 "                      [--phases] [--dump-events FILE] [--write-remind FILE]\n";
    std::exit(2);
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--phases") {
            o.phases = true;
            continue;
        }
        if (i + 1 >= argc) usage();
        const std::string value = argv[++i];
        if (arg == "--db") o.global.database_path = value;
        else if (arg == "--config") o.global.config_path = value;
        else if (arg == "--from") o.from = value;
        else if (arg == "--to") o.to = value;
        else if (arg == "--reps") o.reps = std::max(1, std::atoi(value.c_str()));
        else if (arg == "--dump-events") o.dump_events = value;
        else if (arg == "--write-remind") o.write_remind = value;
        else usage();
    }
    if (!o.global.database_path) usage();
    return o;
}

// "2026/03/31", the date form of remind's simple calendar (-s).
std::string slash_date(nv::Date date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d/%02u/%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

// "190/KH-UBND/2026|I.3": a task's name in events and remind messages.
std::string task_name(const nv::ScheduledTask& task) {
    return task.plan_number + "/" + std::to_string(task.plan_year) + "|" + task.code;
}

// "reminder-7", "review-14", "escalation-3", "digest".
std::string event_kind(const nv::PlannedNotification& n) {
    switch (n.kind) {
        case nv::NotificationKind::reminder: return "reminder-" + std::to_string(n.step);
        case nv::NotificationKind::review: return "review-" + std::to_string(n.step);
        case nv::NotificationKind::escalation: return "escalation-" + std::to_string(n.level);
        case nv::NotificationKind::digest: return "digest";
        case nv::NotificationKind::answer: return "answer";      // never planned
        case nv::NotificationKind::decision: return "decision";  // never planned
    }
    return "";
}

// The number of distinct events (day, task, kind, step or level, period): the
// notifications of one event to several lead agencies count once. Items come
// sorted by day, kind, task, level and addressee.
size_t count_events(const std::vector<nv::PlannedNotification>& items) {
    size_t events = 0;
    std::vector<std::pair<std::int16_t, std::uint16_t>> seen;  // (step, period) within one group
    for (size_t i = 0; i < items.size(); ++i) {
        const auto& n = items[i];
        const bool new_group = i == 0 || items[i - 1].day != n.day || items[i - 1].kind != n.kind ||
                               items[i - 1].task != n.task || items[i - 1].level != n.level;
        if (new_group) seen.clear();
        const std::pair<std::int16_t, std::uint16_t> key{n.step, n.period};
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
        seen.push_back(key);
        ++events;
    }
    return events;
}

// ---------------------------------------------------------------- the remind script

std::string iso(nv::Date date) { return nv::format_iso_date(date); }

// The dedicated remind forms cover the default review rules; anything else is refused rather than written wrong.
std::optional<std::string> unsupported(const app::PlanState& state, const nv::ScheduleRules& rules) {
    for (const auto& [cadence, months] : rules.months_after)
        if (months != 0) return "[review.*] months_after";
    if (rules.period_months_after != 0) return "[review.period] months_after";
    for (const auto& t : state.scheduled) {
        if (t.rules && (t.rules->review || t.rules->months_after)) return "[[task]] review/months_after (" + t.code + ")";
        if (!t.status.periods.empty()) return "per-period statuses (" + t.code + ")";
    }
    return std::nullopt;
}

// Writes the REM commands of the rules. Every date is computed by remind:
// the script holds due days, lead times and day offsets only.
struct RemindWriter {
    std::ostream& out;
    size_t rem_lines = 0;

    // The reminders `steps` days before a due day: "REM <date_spec> --<s + back> BEFORE". The due day is
    // `due_expr` in remind's expression language, where $S stands for the step. A step is skipped when the
    // next nearer step lands on the same working day (nhacviec keeps the nearer one): SATISFY asks remind
    // whether a working day lies between the two. `filter`, when set, is a further SATISFY condition.
    void steps(const std::string& date_spec, int back, const std::string& due_expr, std::vector<int> steps,
               const std::string& clauses, const std::string& filter, const std::string& message) {
        std::sort(steps.begin(), steps.end(), std::greater<>());
        for (size_t i = 0; i < steps.size(); ++i) {
            const int s = steps[i];
            std::string condition = filter;
            if (i + 1 < steps.size()) {
                const std::string apart =
                    "_apart(" + due_expr + ", " + std::to_string(s) + ", " + std::to_string(steps[i + 1]) + ")";
                condition = condition.empty() ? apart : condition + " && " + apart;
            }
            for (size_t at; (at = condition.find("$S")) != std::string::npos;)
                condition.replace(at, 2, std::to_string(s));
            out << "REM " << date_spec;
            if (s + back) out << " --" << s + back;
            out << " BEFORE" << clauses;
            if (!condition.empty()) out << " SATISFY [" << condition << "]";
            out << " MSG " << message << "-" << s << "\n";
            ++rem_lines;
        }
    }

    // The reviews of a recurring task, due on the last day of each period. The trigger is less than four
    // weeks before the due day (the step plus the days off BEFORE skips), so $T + s is in the due month.
    // Yearly: "31 Dec --s". Otherwise "1 --(s+1)": s days before the last day of every month, SATISFY
    // keeping the months that end a period (one REM per step rather than one per period end and step:
    // remind re-reads every REM for every day, so fewer lines are faster).
    void reviews(nv::Recurrence cadence, const std::vector<int>& days, const std::string& message) {
        if (cadence == nv::Recurrence::yearly) {
            steps("31 Dec", 0, "_eom(year($T + $S), 12)", days, "", "", message);
            return;
        }
        const std::string filter = cadence == nv::Recurrence::quarterly     ? "monnum($T + $S) % 3 == 0"
                                   : cadence == nv::Recurrence::half_yearly ? "monnum($T + $S) % 6 == 0"
                                                                            : "";
        steps("1", 1, "_eomof($T + $S)", days, "", filter, message);
    }

    // Reminders before a fixed due day, then the escalations after its legal end.
    void ladder(const nv::ScheduledTask& t, nv::Date due, const nv::ScheduleRules& rules, const std::string& name) {
        const std::vector<int>& days =
            t.rules && t.rules->reminder_days ? *t.rules->reminder_days : rules.reminder_days;
        std::string d = "'";  // built piecewise: g++ 12 warns wrongly (-Wrestrict) on "'" + iso(due) + "'"
        d += iso(due);
        d += "'";
        steps(iso(due), 0, d, days, "", "", name + " reminder");
        const bool escalates = !(t.rules && t.rules->escalate == false) &&
                               t.status.overall.status != nv::WorkStatus::waiting;
        if (!escalates) return;
        const std::string l2 = std::to_string(rules.level2_after_days);
        const std::string l3 = std::to_string(rules.level3_after_days);
        // Level 1: the first working day after the legal end, unless level 2 falls on the same day.
        out << "REM [_legal(" << d << ") + 1] AFTER SATISFY [_esc(" << d << ", 1, " << l2 << ")] MSG " << name
            << " escalation-1\n";
        out << "REM [_legal(" << d << ") + " << l2 << "] AFTER SATISFY [_esc(" << d << ", " << l2 << ", " << l3
            << ")] MSG " << name << " escalation-2\n";
        out << "REM [_legal(" << d << ") + " << l3 << "]";
        if (rules.level3_repeat_days > 0) out << " *" << rules.level3_repeat_days;
        out << " AFTER MSG " << name << " escalation-3\n";
        rem_lines += 3;
    }
};

int write_remind(const std::string& path, const app::Workspace& ws, nv::Date from, nv::Date to) {
    const app::PlanState& state = ws.state;
    const nv::ScheduleRules& rules = ws.config.schedule;
    if (auto what = unsupported(state, rules)) {
        std::cerr << "nhacviec_bench: --write-remind supports the default review rules only, not " << *what << "\n";
        return 1;
    }
    std::ofstream file(path);
    if (!file) {
        std::cerr << "nhacviec_bench: cannot write " << path << "\n";
        return 1;
    }
    const int first_year = static_cast<int>(from.year()) - 1;
    const int last_year = static_cast<int>(to.year()) + 1;

    file << "# The reminder rules of an nhacviec database as a remind(1) script, written by\n"
            "# nhacviec_bench --write-remind for the benchmark in bench/ (see bench/RESULTS.md).\n"
            "# remind computes every date itself: only the rules are written here.\n"
            "#\n"
            "# - Days off: Saturdays and Sundays, and each day off of the working calendar for\n"
            "#   " << first_year << "-" << last_year << " (WorkingCalendar::days_off), as global OMITs.\n"
            "# - A reminder s days before a due day D: REM D --s BEFORE (s calendar days back,\n"
            "#   then moved before any omitted day). When the next nearer step lands on the same\n"
            "#   working day, nhacviec sends only the nearer one: SATISFY [_apart(D, s, next)].\n"
            "# - Reviews of recurring tasks, due on the last day of each period: REM 1 --(s+1)\n"
            "#   BEFORE is s days before the last day of every month; SATISFY keeps the months\n"
            "#   that end a quarter (half year); $T + s is in the due month. Yearly: 31 Dec --s.\n"
            "# - Yearly reviews of a multi-year period: REM 31 Dec --s BEFORE FROM/UNTIL.\n"
            "# - Escalations after the legal end L = _legal(D) (the first working day on or after\n"
            "#   D): level 1 at L+1, level 2 at L+" << rules.level2_after_days << ", level 3 at L+"
         << rules.level3_after_days << " and every " << rules.level3_repeat_days
         << " days, each\n"
            "#   moved AFTER omitted days; a level that lands with the next one gives way to it.\n"
            "# - The weekly digest: REM <weekday> AFTER.\n"
            "# The script assumes the calendar is asked for days on or after the plans' issue\n"
            "# dates (nhacviec plans nothing before a plan was issued).\n\n";
    file << "FSET _legal(d) slide(d - 1, 1)\n"
            "FSET _eom(y, m) date(y + m / 12, m % 12 + 1, 1) - 1\n"
            "FSET _eomof(d) _eom(year(d), monnum(d))\n"

            "FSET _apart(d, a, b) nonomitted(d - a + 1, d - b + 1) > 0\n"
            "FSET _esc(d, a, b) nonomitted(_legal(d) + a, _legal(d) + b) > 0\n\n";

    // Days off. Weekend days that an official schedule made working days rule out "OMIT Sat Sun".
    std::set<long> working_weekend;
    for (int y = first_year; y <= last_year; ++y)
        for (nv::Date d : ws.calendar.working_weekend_days(y))
            working_weekend.insert(std::chrono::sys_days{d}.time_since_epoch().count());
    size_t omits = 0;
    if (working_weekend.empty()) {
        file << "OMIT Sat Sun\n";
    } else {
        file << "# Weekend days one by one: some are working days in " << first_year << "-" << last_year << ".\n";
        for (nv::Date d = *nv::make_date(first_year, 1, 1); d <= *nv::make_date(last_year, 12, 31);
             d = nv::add_days(d, 1)) {
            const unsigned w = nv::weekday_index(d);
            if ((w == 0 || w == 6) &&
                !working_weekend.count(std::chrono::sys_days{d}.time_since_epoch().count())) {
                file << "OMIT " << iso(d) << "\n";
                ++omits;
            }
        }
    }
    for (int y = first_year; y <= last_year; ++y) {
        for (const nv::DayOff& off : ws.calendar.days_off(y)) {
            file << "OMIT " << iso(off.date) << "\n";
            ++omits;
        }
    }
    file << "\n";

    RemindWriter w{file};
    static const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    if (!state.scheduled.empty()) {
        nv::Date issued = state.scheduled.front().plan_issued;
        for (const auto& t : state.scheduled) issued = std::min(issued, t.plan_issued);
        file << "REM " << kWeekdays[rules.digest_weekday % 7] << " AFTER FROM " << iso(issued)
             << " MSG *|* digest\n";
        ++w.rem_lines;
    }
    for (const auto& t : state.scheduled) {
        if (t.status.overall.status == nv::WorkStatus::done) continue;
        const nv::Deadline& d = t.deadline;
        const std::string name = task_name(t);
        switch (d.kind) {
            case nv::DeadlineKind::fixed:
                w.ladder(t, *d.due, rules, name);
                break;
            case nv::DeadlineKind::period: {
                // Yearly reviews for each year of the period but its last (the deadline's reminders cover it).
                const int last = static_cast<int>(d.due->year());
                const int first = d.first_year.value_or(last);
                if (first < last)
                    w.steps("31 Dec", 0, "_eom(year($T + $S), 12)", rules.review_days,
                            " FROM " + std::to_string(first) + "-01-01 UNTIL " + std::to_string(last - 1) + "-12-31",
                            "", name + " review");
                w.ladder(t, *d.due, rules, name);
                break;
            }
            case nv::DeadlineKind::recurring:
                if (d.recurrence != nv::Recurrence::none) w.reviews(d.recurrence, rules.review_days, name + " review");
                break;
            case nv::DeadlineKind::undetermined:
                break;  // only its line in the digest
        }
    }
    file.close();
    if (!file) {
        std::cerr << "nhacviec_bench: error writing " << path << "\n";
        return 1;
    }
    std::cout << "remind_file " << path << "\n"
              << "remind_rem_lines " << w.rem_lines << "\n"
              << "remind_omits " << omits << "\n"
              << "remind_working_weekend_days " << working_weekend.size() << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    const auto from = cli::date_option("--from", o.from);
    const auto to = cli::date_option("--to", o.to);
    if (!from || !to) {
        std::cerr << "nhacviec_bench: " << (!from ? from.error() : to.error()).message << "\n";
        return 2;
    }

    // Load, step by step, as app::open_workspace does.
    const auto start = Clock::now();
    auto t = Clock::now();
    auto config = app::load_configuration(o.global);
    if (!config) return std::cerr << "nhacviec_bench: " << config.error().message << "\n", 1;
    const double config_ms = ms_since(t);
    t = Clock::now();
    auto directory = app::load_directory(*config);
    if (!directory) return std::cerr << "nhacviec_bench: " << directory.error().message << "\n", 1;
    const double directory_ms = ms_since(t);
    t = Clock::now();
    auto calendar = app::load_calendar(*config);
    if (!calendar) return std::cerr << "nhacviec_bench: " << calendar.error().message << "\n", 1;
    const double calendar_ms = ms_since(t);
    t = Clock::now();
    auto db = nv::Database::open_existing(app::database_path(o.global, *config));
    if (!db) return std::cerr << "nhacviec_bench: " << db.error().message << "\n", 1;
    auto database = std::make_unique<nv::Database>(std::move(*db));
    const double open_ms = ms_since(t);
    t = Clock::now();
    auto state = app::load_plan_state(*database, *config, *directory);
    if (!state) return std::cerr << "nhacviec_bench: " << state.error().message << "\n", 1;
    const double state_ms = ms_since(t);
    const double load_ms = ms_since(start);
    app::Workspace ws{std::move(*config), std::move(*directory), std::move(*calendar), std::move(database),
                      std::move(*state)};

    std::cout << "tasks " << ws.state.scheduled.size() << "\n"
              << "load_config_ms " << config_ms << "\n"
              << "load_directory_ms " << directory_ms << "\n"
              << "load_calendar_ms " << calendar_ms << "\n"
              << "open_db_ms " << open_ms << "\n"
              << "load_plan_state_ms " << state_ms << "\n"
              << "load_total_ms " << load_ms << "\n"
              << "rss_after_load_kib " << current_rss_kib() << "\n"
              << "peak_rss_after_load_kib " << peak_rss_kib() << "\n";
    for (const auto& task : ws.state.scheduled)
        if (*from < task.plan_issued) {
            std::cerr << "nhacviec_bench: note: --from is before the issue of plan " << task.plan_number
                      << "; the remind script assumes days on or after it\n";
            break;
        }

    if (!o.write_remind.empty()) return write_remind(o.write_remind, ws, *from, *to);

    // The schedule, --reps times; only one timeline is alive at a time.
    std::vector<double> times;
    size_t total = 0, events = 0;
    size_t per_kind[4] = {0, 0, 0, 0};
    for (int rep = 0; rep < o.reps; ++rep) {
        t = Clock::now();
        const nv::Timeline timeline = nv::plan_timeline(ws.state.scheduled, *ws.state.names, ws.state.roles,
                                                        ws.config.schedule, ws.calendar, *from, *to);
        times.push_back(ms_since(t));
        if (rep == 0) {
            total = timeline.items.size();
            for (const auto& n : timeline.items) ++per_kind[static_cast<int>(n.kind)];
            events = count_events(timeline.items);
        } else if (timeline.items.size() != total) {
            std::cerr << "nhacviec_bench: repetitions disagree\n";
            return 1;
        }
    }
    const long peak = peak_rss_kib();
    std::vector<double> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted.size() % 2 ? sorted[sorted.size() / 2]
                                            : (sorted[sorted.size() / 2 - 1] + sorted[sorted.size() / 2]) / 2;
    std::cout << "window " << o.from << " " << o.to << "\n"
              << "reps " << o.reps << "\n"
              << "schedule_ms_all";
    for (double x : times) std::cout << " " << x;
    std::cout << "\n"
              << "schedule_min_ms " << sorted.front() << "\n"
              << "schedule_median_ms " << median << "\n"
              << "notifications " << total << "\n"
              << "notifications_reminder " << per_kind[0] << "\n"
              << "notifications_review " << per_kind[1] << "\n"
              << "notifications_escalation " << per_kind[2] << "\n"
              << "notifications_digest " << per_kind[3] << "\n"
              << "events " << events << "\n"
              << "notification_bytes " << total * sizeof(nv::PlannedNotification) << "\n"
              << "peak_rss_kib " << peak << "\n";

    if (o.phases) {
        nv::Timeline timeline = nv::plan_timeline(ws.state.scheduled, *ws.state.names, ws.state.roles,
                                                  ws.config.schedule, ws.calendar, *from, *to);
        const size_t capacity = timeline.items.capacity();
        const size_t size = sizeof(nv::PlannedNotification);
        std::cout << "items_capacity " << capacity << "\n"
                  << "items_capacity_bytes " << capacity * size << "\n";
        std::vector<nv::PlannedNotification> emitted = std::move(timeline.items);
        // What the loaded tasks as stored (titles, products, agency mentions: StoredTask) hold, which the
        // schedule does not read: the resident size before and after dropping them.
        std::vector<nv::PlannedNotification>().swap(emitted);
        malloc_trim(0);
        const long before = current_rss_kib();
        ws.state.tasks = nv::StoredTaskRows();
        malloc_trim(0);
        std::cout << "rss_loaded_kib " << before << "\n"
                  << "rss_without_stored_tasks_kib " << current_rss_kib() << "\n";
    }

    if (!o.dump_events.empty()) {
        const nv::Timeline timeline = nv::plan_timeline(ws.state.scheduled, *ws.state.names, ws.state.roles,
                                                        ws.config.schedule, ws.calendar, *from, *to);
        std::vector<std::string> lines;
        lines.reserve(timeline.items.size());
        for (const auto& n : timeline.items) {
            const nv::ScheduledTask* task = timeline.task(n);
            lines.push_back(slash_date(n.date()) + " " + (task ? task_name(*task) : std::string("*|*")) + " " +
                            event_kind(n));
        }
        std::sort(lines.begin(), lines.end());
        lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
        std::ofstream file(o.dump_events);
        for (const auto& line : lines) file << line << "\n";
        if (!file) return std::cerr << "nhacviec_bench: cannot write " << o.dump_events << "\n", 1;
        std::cout << "events_file " << o.dump_events << " " << lines.size() << "\n";
    }
    return 0;
}
