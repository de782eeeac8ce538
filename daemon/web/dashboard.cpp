#include "web/dashboard.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <vector>

#include "common/clock.h"
#include "common/text.h"
#include "content/notification_context.h"
#include "report/status_report.h"
#include "schedule/review_period.h"
#include "web/ics_feed.h"

namespace nhacviec::web {
namespace {

constexpr size_t kTitleWidth = 90;        // code points of a title in the task table
constexpr size_t kAgencyLabelWidth = 40;  // code points of an agency's name on the timeline
constexpr int kLookaheadDays = 400;       // how far ahead the next notification is looked for

// The timeline's geometry, in SVG user units (pixels at 100 %).
constexpr int kLabelWidth = 290;
constexpr int kColumnWidth = 120;
constexpr int kHeaderHeight = 52;
constexpr int kRowHeight = 26;
constexpr int kLegendHeight = 40;
constexpr int kRightMargin = 12;

int days_between(Date from, Date to) {
    return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

std::string num(long value) { return std::to_string(value); }

// "15,4%": one decimal, with the Vietnamese decimal comma.
std::string percent_text(double value) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", value);
    std::string out = buffer;
    std::replace(out.begin(), out.end(), '.', ',');
    return out;
}

// "120.5": a coordinate with at most one decimal.
std::string coord(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    std::string out = buffer;
    if (out.size() > 2 && out.compare(out.size() - 2, 2, ".0") == 0) out.resize(out.size() - 2);
    return out;
}

const char* roman(int quarter) {
    static const char* const kRoman[] = {"", "I", "II", "III", "IV"};
    return quarter >= 1 && quarter <= 4 ? kRoman[quarter] : "";
}

// The CSS class of a report category: "overdue", "due-soon", "done-on-time", …
std::string category_class(ReportCategory category) {
    std::string out(to_string(category));
    std::replace(out.begin(), out.end(), '_', '-');
    return out;
}

// Where a category's tasks come in the task table.
int table_rank(ReportCategory category) {
    switch (category) {
        case ReportCategory::overdue: return 0;
        case ReportCategory::due_soon: return 1;
        case ReportCategory::in_progress: return 2;
        case ReportCategory::undetermined: return 3;
        case ReportCategory::ongoing: return 4;
        case ReportCategory::done_on_time:
        case ReportCategory::done_late: return 5;
    }
    return 6;
}

std::string joined(const std::vector<AgencyMention>& mentions) {
    std::string out;
    for (const auto& m : mentions) out += (out.empty() ? "" : "; ") + m.name;
    return out;
}

// The status of a task in the table, in Vietnamese.
std::string status_text(const ReportEntry& e) {
    std::string out(label(e.category));
    switch (e.category) {
        case ReportCategory::overdue: out += " " + num(e.days) + " ngày"; break;
        case ReportCategory::due_soon:
        case ReportCategory::in_progress:
            out += e.days == 0 ? ": hôm nay là ngày cuối" : ": còn " + num(e.days) + " ngày";
            break;
        case ReportCategory::done_on_time:
        case ReportCategory::done_late:
            if (e.done_on) out += " (" + vietnamese_date(*e.done_on) + ")";
            break;
        case ReportCategory::ongoing: {
            const auto period = parse_period(e.review_period);
            const std::string words = period ? period_in_words(*period) : e.review_period;
            switch (e.review) {
                case ReviewOutcome::none_yet: out += ": chưa đến kỳ báo cáo"; break;
                case ReviewOutcome::on_time: out += " – " + words + ": báo cáo đúng hạn"; break;
                case ReviewOutcome::late: out += " – " + words + ": báo cáo muộn"; break;
                case ReviewOutcome::missing: out += " – " + words + ": chưa báo cáo"; break;
            }
            break;
        }
        case ReportCategory::undetermined: break;
    }
    if (e.waiting) out += "; chờ điều kiện thực hiện";
    return out;
}

// "04/01/2027 – Nhắc hạn (còn 7 ngày)": a planned notification in words.
std::string notification_text(const Timeline& timeline, const PlannedNotification& n) {
    std::string what;
    switch (n.kind) {
        case NotificationKind::reminder: {
            const ScheduledTask* task = timeline.task(n);
            const int left = task && task->deadline.due ? days_between(n.date(), *task->deadline.due) : n.step;
            what = left == 0 ? "Nhắc hạn (hôm nay đến hạn)" : "Nhắc hạn (còn " + num(left) + " ngày)";
            break;
        }
        case NotificationKind::review: what = "Nhắc báo cáo " + period_in_words(unpack_period(n.period)); break;
        case NotificationKind::escalation: what = "Cảnh báo cấp " + num(n.level); break;
        case NotificationKind::digest: what = "Tổng hợp tuần"; break;
    }
    return vietnamese_date(n.date()) + " – " + what;
}

// The nominal review dates of a recurring task (or of a period's yearly
// progress reviews) in [from, to], each with its period, as the timeline plans them.
std::vector<std::pair<Date, ReviewPeriod>> review_dates(const ScheduledTask& task, const ScheduleRules& rules,
                                                        Date from, Date to) {
    std::vector<std::pair<Date, ReviewPeriod>> out;
    const DeadlineKind kind = task.deadline.kind;
    if (kind != DeadlineKind::recurring && kind != DeadlineKind::period) return out;
    const auto [cadence, months] = review_rule(task, rules);
    if (cadence == Recurrence::none) return out;
    ReviewPeriod period;
    std::optional<int> last_year;  // a period's reviews stop before its last year
    if (kind == DeadlineKind::period) {
        last_year = static_cast<int>(task.deadline.due->year());
        period = {Recurrence::yearly, task.deadline.first_year.value_or(*last_year), 0};
    } else {
        period = period_containing(cadence, task.plan_issued);
    }
    for (int guard = 0; guard < 2000; ++guard, period = next_period(period)) {
        if (last_year && period.year >= *last_year) break;
        if (period_last_day(period) <= task.plan_issued) continue;
        const Date due = review_due(period, months);
        if (due > to) break;
        if (due >= from) out.emplace_back(due, period);
    }
    return out;
}

// The quarters the timeline shows, and where a day falls on it.
class QuarterScale {
public:
    QuarterScale(int first_year, int years) {
        for (int y = first_year; y < first_year + years; ++y)
            for (int q = 1; q <= 4; ++q) quarters_.push_back({y, q});
    }
    size_t size() const { return quarters_.size(); }
    int year(size_t i) const { return quarters_[i].first; }
    int quarter(size_t i) const { return quarters_[i].second; }
    Date first_day() const { return *make_date(quarters_.front().first, 1, 1); }
    Date last_day() const { return *make_date(quarters_.back().first, 12, 31); }
    bool contains(Date d) const { return d >= first_day() && d <= last_day(); }
    // The x of the middle of day `d`: each quarter maps linearly onto its column.
    // With `inset`, kept that far inside the day's column, so that a marker on
    // the last day of a quarter is drawn in its quarter, not on the boundary.
    double x(Date d, double inset = 0) const {
        const int q = static_cast<int>((static_cast<unsigned>(d.month()) - 1) / 3);
        const size_t column = static_cast<size_t>((static_cast<int>(d.year()) - quarters_.front().first) * 4 + q);
        const Date start = *make_date(static_cast<int>(d.year()), q * 3 + 1, 1);
        const Date end = last_day_of_quarter(static_cast<int>(d.year()), q + 1);
        const double length = days_between(start, end) + 1;
        const double left = kLabelWidth + static_cast<double>(column) * kColumnWidth;
        const double x = left + (days_between(start, d) + 0.5) / length * kColumnWidth;
        return std::clamp(x, left + inset, left + kColumnWidth - inset);
    }

private:
    std::vector<std::pair<int, int>> quarters_;
};

// The review markers of one row and day: the tasks whose review falls then, and whether all came in.
struct ReviewMark {
    std::vector<std::string> codes;
    bool all_done = true;
};

const char* kStyle = R"(
:root { color-scheme: light; --overdue: #c62828; --due-soon: #ef6c00; --done: #2e7d32; --in-progress: #1565c0;
  --undetermined: #757575; --ongoing: #6a1b9a; --line: #d0d4da; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; color: #1f2328; background: #f6f7f9; }
header { background: #8b0000; color: #fff; padding: 14px 24px; }
header h1 { margin: 0; font-size: 22px; }
header p { margin: 2px 0 0; opacity: .9; }
main { padding: 8px 24px 32px; max-width: 1500px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 16px 0; }
h2 { font-size: 18px; margin: 0 0 10px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
thead th, thead td { background: #eef0f3; font-weight: 600; }
td.count, td.percent { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.categories { width: auto; min-width: 520px; }
table.categories th[scope=row] { font-weight: normal; padding-left: 26px; position: relative; }
table.categories th[scope=row]::before { content: ""; position: absolute; left: 8px; top: 10px; width: 11px; height: 11px;
  border-radius: 50%; background: var(--swatch, transparent); }
td.bar { width: 220px; }
td.bar span { display: block; height: 12px; margin-top: 5px; border-radius: 3px; background: var(--swatch, #999); }
tfoot th, tfoot td { font-weight: 600; border-bottom: 0; }
.done-on-time, .done-late { --swatch: var(--done); }
.in-progress { --swatch: var(--in-progress); }
.due-soon { --swatch: var(--due-soon); }
.overdue { --swatch: var(--overdue); }
.undetermined { --swatch: var(--undetermined); }
.ongoing { --swatch: var(--ongoing); }
table.tasks td.id { white-space: nowrap; font-weight: 600; }
table.tasks td.id small { display: block; font-weight: normal; color: #57606a; }
table.tasks td.date, table.tasks td.next, table.tasks td.deadline { white-space: nowrap; }
table.tasks td.title { min-width: 260px; }
table.tasks td.lead { min-width: 140px; }
table.tasks td.state { min-width: 200px; }
table.tasks tbody tr { border-left: 4px solid var(--swatch, transparent); }
table.tasks span.status { color: var(--swatch); font-weight: 600; }
.task-title { cursor: help; }
.note { color: #57606a; font-size: 13px; margin: 8px 0 0; }
.scroll { overflow-x: auto; }
svg.timeline { display: block; font-family: inherit; }
svg .row-bg { fill: #f3f4f6; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .grid.year { stroke: #8c959f; }
svg .quarter-label { font-size: 12px; font-weight: 600; fill: #1f2328; }
svg .agency-label { font-size: 12px; fill: #1f2328; }
svg .mk { stroke: #fff; stroke-width: 1.5; }
svg .mk.overdue { fill: var(--overdue); }
svg .mk.due-soon { fill: var(--due-soon); }
svg .mk.done-on-time, svg .mk.done-late { fill: var(--done); }
svg .mk.in-progress { fill: var(--in-progress); }
svg .rv { fill: var(--ongoing); opacity: .75; }
svg .rv.done { fill: var(--done); }
svg .today { stroke: #d32f2f; stroke-width: 2; stroke-dasharray: 5 3; }
svg .today-label { font-size: 11px; fill: #d32f2f; font-weight: 600; }
svg .legend { font-size: 12px; fill: #1f2328; }
ul.feeds { columns: 3 260px; margin: 0; padding-left: 18px; }
ul.feeds li { break-inside: avoid; }
footer { color: #57606a; font-size: 12px; padding: 0 24px 24px; }
@media print { body { background: #fff; } section { border: 0; } .scroll { overflow: visible; } }
)";

}  // namespace

namespace {

// What the sections of the page read, and the page as it grows.
struct Page {
    const app::PlanState& state;
    const ScheduleRules& rules;
    const WorkingCalendar& calendar;
    Date today;
    StatusReport report;
    std::string html;
};

// Short for html_escape, as every text of the page goes through it.
std::string e(std::string_view s) { return text::html_escape(s); }

// The lead agencies of the tasks, in order of first appearance.
std::vector<std::string> lead_agencies(const app::PlanState& state) {
    std::vector<std::string> out;
    for (const auto& row : state.tasks)
        for (const auto& m : row.task.lead)
            if (std::find(out.begin(), out.end(), m.name) == out.end()) out.push_back(m.name);
    return out;
}

// The plans: number, date of issue, year, tasks. Returns how many there are.
size_t plans_section(Page& page) {
    struct PlanLine {
        std::string number;
        int year;
        Date issued;
        size_t tasks;
    };
    std::vector<PlanLine> plans;
    for (size_t i = 0; i < page.state.scheduled.size(); ++i) {
        const ScheduledTask& s = page.state.scheduled[i];
        auto it = std::find_if(plans.begin(), plans.end(),
                               [&](const PlanLine& p) { return p.number == s.plan_number && p.year == s.plan_year; });
        if (it == plans.end()) plans.push_back({s.plan_number, s.plan_year, s.plan_issued, 1});
        else ++it->tasks;
    }
    page.html += "<section id=\"ke-hoach\">\n<h2>Kế hoạch</h2>\n";
    if (plans.empty()) {
        page.html += "<p>Chưa có kế hoạch nào được nhập.</p>\n";
    } else {
        page.html += "<ul class=\"plans\">\n";
        for (const auto& p : plans)
            page.html += "<li data-plan=\"" + e(p.number) + "\">Kế hoạch số <b>" + e(p.number) + "</b> ngày " +
                         vietnamese_date(p.issued) + " (năm " + num(p.year) + "): " + num(static_cast<long>(p.tasks)) +
                         " nhiệm vụ</li>\n";
        page.html += "</ul>\n";
    }
    page.html += "</section>\n";
    return plans.size();
}

// The report's categories with counts, percentages and bars.
void categories_section(Page& page) {
    page.html +=
        "<section id=\"tong-hop\">\n<h2>Tổng hợp theo tình trạng</h2>\n<table class=\"categories\">\n"
        "<thead><tr><th scope=\"col\">Tình trạng</th><th scope=\"col\">Số nhiệm vụ</th>"
        "<th scope=\"col\">Tỷ lệ</th><td></td></tr></thead>\n<tbody>\n";
    for (ReportCategory category : kReportCategories) {
        const auto percent = page.report.percent(category);
        page.html += "<tr data-category=\"" + std::string(to_string(category)) + "\" class=\"" +
                     category_class(category) + "\"><th scope=\"row\">" + std::string(label(category)) +
                     "</th><td class=\"count\">" + num(static_cast<long>(page.report.count(category))) +
                     "</td><td class=\"percent\">" + (percent ? percent_text(*percent) : std::string("–")) +
                     "</td><td class=\"bar\">";
        if (percent) page.html += "<span style=\"width:" + coord(*percent) + "%\"></span>";
        page.html += "</td></tr>\n";
    }
    page.html +=
        "</tbody>\n<tfoot><tr data-category=\"total\"><th scope=\"row\">Tổng số</th><td class=\"count\">" +
        num(static_cast<long>(page.report.entries.size())) + "</td><td class=\"percent\" colspan=\"2\">" +
        num(static_cast<long>(page.report.with_deadline())) +
        " nhiệm vụ có thời hạn</td></tr></tfoot>\n</table>\n"
        "<p class=\"note\">Tỷ lệ tính trên các nhiệm vụ có thời hạn, như báo cáo của Văn phòng UBND thành phố. "
        "Hạn pháp lý: khi ngày cuối của thời hạn là ngày nghỉ, thời hạn kết thúc vào cuối ngày làm việc tiếp theo "
        "(Điều 148 Bộ luật Dân sự).</p>\n</section>\n";
}

// The task table, overdue tasks first, each with its next notification in `timeline`.
void tasks_section(Page& page, const Timeline& timeline, const std::vector<const PlannedNotification*>& next,
                   bool several_plans) {
    std::vector<const ReportEntry*> order;
    for (const auto& entry : page.report.entries) order.push_back(&entry);
    std::stable_sort(order.begin(), order.end(), [](const ReportEntry* a, const ReportEntry* b) {
        const int ra = table_rank(a->category), rb = table_rank(b->category);
        if (ra != rb) return ra < rb;
        if (a->category == ReportCategory::overdue) return a->days > b->days;  // most overdue first
        if (a->category == ReportCategory::due_soon || a->category == ReportCategory::in_progress)
            return a->days < b->days;  // nearest deadline first
        return false;
    });
    page.html +=
        "<section id=\"nhiem-vu\">\n<h2>Danh sách nhiệm vụ</h2>\n<div class=\"scroll\">\n<table class=\"tasks\">\n"
        "<thead><tr><th scope=\"col\">Mã</th><th scope=\"col\">Nhiệm vụ</th><th scope=\"col\">Cơ quan chủ trì</th>"
        "<th scope=\"col\">Thời hạn</th><th scope=\"col\">Hạn pháp lý</th><th scope=\"col\">Tình trạng</th>"
        "<th scope=\"col\">Thông báo tiếp theo</th></tr></thead>\n<tbody>\n";
    for (const ReportEntry* entry : order) {
        const Task& task = page.state.tasks[entry->task].task;
        const ScheduledTask& scheduled = page.state.scheduled[entry->task];
        std::string legal = "–";
        if (entry->legal_due) {
            legal = vietnamese_date(*entry->legal_due);
        } else if (task.deadline.kind == DeadlineKind::recurring) {
            if (const auto review = next_review(scheduled, page.rules, page.today))
                legal = "kỳ tới: " + vietnamese_date(page.calendar.legal_end(*review));
        }
        const PlannedNotification* n = next[entry->task];
        const std::string title = text::collapse_whitespace(task.title);
        page.html += "<tr data-task=\"" + e(task.code) + "\" class=\"" + category_class(entry->category) +
                     "\"><td class=\"id\">" + e(task.code);
        if (several_plans) page.html += "<small>" + e(task.plan_number) + "</small>";
        page.html += "</td><td class=\"title\"><span class=\"task-title\" title=\"" + e(title) + "\">" +
                     e(text::shorten(title, kTitleWidth)) + "</span></td><td class=\"lead\">" + e(joined(task.lead)) +
                     "</td><td class=\"deadline\">" + e(task.deadline.text) + "</td><td class=\"date\">" + e(legal) +
                     "</td><td class=\"state\"><span class=\"status\">" + e(status_text(*entry)) +
                     "</span></td><td class=\"next\">" + (n ? e(notification_text(timeline, *n)) : std::string("–")) +
                     "</td></tr>\n";
    }
    page.html += "</tbody>\n</table>\n</div>\n</section>\n";
}

// The SVG timeline by quarter: one row per lead agency, deadlines, review dates, today.
void timeline_section(Page& page) {
    const int this_year = static_cast<int>(page.today.year());
    bool show_next_year = static_cast<unsigned>(page.today.month()) > 6;
    for (const auto& entry : page.report.entries)
        if (entry.legal_due && static_cast<int>(entry.legal_due->year()) == this_year + 1) show_next_year = true;
    const QuarterScale scale(this_year, show_next_year ? 2 : 1);

    const std::vector<std::string> agencies = lead_agencies(page.state);
    const auto row_of = [&](const std::string& name) {
        return static_cast<size_t>(std::find(agencies.begin(), agencies.end(), name) - agencies.begin());
    };

    const int width = kLabelWidth + static_cast<int>(scale.size()) * kColumnWidth + kRightMargin;
    const int rows_bottom = kHeaderHeight + static_cast<int>(agencies.size()) * kRowHeight;
    const int height = rows_bottom + kLegendHeight;
    // Each row has two lanes: deadlines above, review dates below.
    const auto deadline_lane = [&](size_t row) { return kHeaderHeight + static_cast<double>(row) * kRowHeight + 9.5; };
    const auto review_lane = [&](size_t row) { return kHeaderHeight + static_cast<double>(row) * kRowHeight + 19.5; };

    page.html +=
        "<section id=\"lich-trinh\">\n<h2>Thời hạn và kỳ báo cáo theo quý</h2>\n<div class=\"scroll\">\n"
        "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
        num(width) + "\" height=\"" + num(height) + "\" viewBox=\"0 0 " + num(width) + " " + num(height) +
        "\" role=\"img\" aria-labelledby=\"timeline-title\">\n<title id=\"timeline-title\">Thời hạn và kỳ báo cáo "
        "theo quý, mỗi dòng một cơ quan chủ trì</title>\n";
    // Rows: a shaded band every other row, the agency's name on the left.
    for (size_t r = 0; r < agencies.size(); ++r) {
        const int top = kHeaderHeight + static_cast<int>(r) * kRowHeight;
        page.html += "<g class=\"agency-row\" data-agency=\"" + e(agencies[r]) + "\">";
        if (r % 2 == 0)
            page.html += "<rect class=\"row-bg\" x=\"0\" y=\"" + num(top) + "\" width=\"" + num(width) +
                         "\" height=\"" + num(kRowHeight) + "\"/>";
        page.html += "<text class=\"agency-label\" x=\"8\" y=\"" + num(top + kRowHeight / 2 + 4) + "\"><title>" +
                     e(agencies[r]) + "</title>" + e(text::shorten(agencies[r], kAgencyLabelWidth)) + "</text></g>\n";
    }
    // Columns: one per quarter, labelled; a darker line where a year begins.
    for (size_t q = 0; q < scale.size(); ++q) {
        const int left = kLabelWidth + static_cast<int>(q) * kColumnWidth;
        page.html += "<line class=\"grid" + std::string(scale.quarter(q) == 1 ? " year" : "") + "\" x1=\"" + num(left) +
                     "\" y1=\"8\" x2=\"" + num(left) + "\" y2=\"" + num(rows_bottom) + "\"/>";
        page.html += "<text class=\"quarter-label\" x=\"" + num(left + kColumnWidth / 2) + "\" y=\"" +
                     num(kHeaderHeight - 30) + "\" text-anchor=\"middle\">Quý " + roman(scale.quarter(q)) + "/" +
                     num(scale.year(q)) + "</text>\n";
    }
    const int right = kLabelWidth + static_cast<int>(scale.size()) * kColumnWidth;
    page.html += "<line class=\"grid year\" x1=\"" + num(right) + "\" y1=\"8\" x2=\"" + num(right) + "\" y2=\"" +
                 num(rows_bottom) + "\"/>\n";

    // Review dates: one small marker per agency and day, listing its tasks.
    std::map<std::pair<size_t, int>, ReviewMark> reviews;
    for (size_t i = 0; i < page.state.scheduled.size(); ++i) {
        const ScheduledTask& s = page.state.scheduled[i];
        const auto& status = s.status.overall;
        for (const auto& [due, period] : review_dates(s, page.rules, scale.first_day(), scale.last_day())) {
            if (status.status == WorkStatus::done && (!status.done_on || *status.done_on < due)) continue;
            const bool done =
                status.status == WorkStatus::done || s.status.period(format_period(period)).status == WorkStatus::done;
            for (const auto& m : page.state.tasks[i].task.lead) {
                ReviewMark& mark = reviews[{row_of(m.name), days_between(scale.first_day(), due)}];
                mark.codes.push_back(s.code);
                mark.all_done = mark.all_done && done;
            }
        }
    }
    for (const auto& [where, mark] : reviews) {
        const Date day = add_days(scale.first_day(), where.second);
        const double x = scale.x(day, 6), y = review_lane(where.first);
        std::string codes;
        for (const auto& c : mark.codes) codes += (codes.empty() ? "" : ", ") + c;
        page.html += "<path class=\"rv" + std::string(mark.all_done ? " done" : "") + "\" d=\"M" + coord(x) + " " +
                     coord(y - 4.5) + "l4.5 4.5l-4.5 4.5l-4.5 -4.5z\"><title>Hạn báo cáo " + vietnamese_date(day) +
                     ": " + e(codes) + "</title></path>\n";
    }
    // Deadlines: one marker per task and lead agency, coloured by category;
    // markers of the same row and day are drawn side by side, leftwards.
    std::map<std::pair<size_t, int>, int> stacked;
    size_t outside = 0;
    for (const auto& entry : page.report.entries) {
        if (!entry.legal_due) continue;
        if (!scale.contains(*entry.legal_due)) {
            ++outside;
            continue;
        }
        const Task& task = page.state.tasks[entry.task].task;
        for (const auto& m : task.lead) {
            const size_t r = row_of(m.name);
            const int k = stacked[{r, days_between(scale.first_day(), *entry.legal_due)}]++;
            const double x = std::max(scale.x(*entry.legal_due, 7) - 12.0 * k, 7.0 + kLabelWidth);
            page.html += "<circle class=\"mk " + category_class(entry.category) + "\" data-task=\"" + e(task.code) +
                         "\" cx=\"" + coord(x) + "\" cy=\"" + coord(deadline_lane(r)) + "\" r=\"5.5\"><title>" +
                         e(task.code) + " – hạn " + vietnamese_date(*entry.legal_due) + ": " + e(status_text(entry)) +
                         "</title></circle>\n";
        }
    }
    // Today.
    if (scale.contains(page.today)) {
        const std::string x = coord(scale.x(page.today));
        page.html += "<line class=\"today\" x1=\"" + x + "\" y1=\"" + num(kHeaderHeight) + "\" x2=\"" + x + "\" y2=\"" +
                     num(rows_bottom) + "\"/><text class=\"today-label\" x=\"" + x + "\" y=\"" +
                     num(kHeaderHeight - 8) + "\" text-anchor=\"middle\">Hôm nay " + vietnamese_date(page.today) +
                     "</text>\n";
    }
    // The legend.
    struct LegendItem {
        const char* cls;
        const char* text;
    };
    const LegendItem legend[] = {{"mk overdue", "Quá hạn"},
                                 {"mk due-soon", "Sắp đến hạn"},
                                 {"mk in-progress", "Đang thực hiện"},
                                 {"mk done-on-time", "Hoàn thành"}};
    int lx = 8;
    const int ly = rows_bottom + 24;
    page.html += "<g class=\"legend-items\">";
    for (const auto& item : legend) {
        page.html += "<circle class=\"" + std::string(item.cls) + "\" cx=\"" + num(lx + 6) + "\" cy=\"" + num(ly - 4) +
                     "\" r=\"5.5\"/><text class=\"legend\" x=\"" + num(lx + 16) + "\" y=\"" + num(ly) + "\">" +
                     item.text + "</text>";
        lx += 130;
    }
    page.html += "<path class=\"rv\" d=\"M" + num(lx + 6) + " " + num(ly - 8) +
                 "l4.5 4.5l-4.5 4.5l-4.5 -4.5z\"/>"
                 "<text class=\"legend\" x=\"" +
                 num(lx + 16) + "\" y=\"" + num(ly) + "\">Hạn báo cáo định kỳ</text></g>\n";
    page.html +=
        "</svg>\n</div>\n<p class=\"note\">Mỗi chấm tròn là thời hạn (hạn pháp lý) của một nhiệm vụ, mỗi hình thoi "
        "là ngày hạn báo cáo định kỳ; rê chuột lên để xem mã nhiệm vụ.";
    if (outside > 0)
        page.html += " " + num(static_cast<long>(outside)) + " thời hạn nằm ngoài khoảng " +
                     vietnamese_date(scale.first_day()) + " – " + vietnamese_date(scale.last_day()) +
                     " không hiển thị.";
    page.html += "</p>\n</section>\n";
}

// Links to each agency's calendar feed.
void feeds_section(Page& page) {
    std::vector<std::string> named = lead_agencies(page.state);  // then the cooperating ones
    for (const auto& row : page.state.tasks)
        for (const auto& m : row.task.cooperating)
            if (std::find(named.begin(), named.end(), m.name) == named.end()) named.push_back(m.name);
    page.html +=
        "<section id=\"lich\">\n<h2>Lịch theo cơ quan (iCalendar)</h2>\n<p class=\"note\">Đăng ký đường dẫn "
        "vào Outlook, Thunderbird hoặc Google Calendar để thấy thời hạn và kỳ báo cáo của cơ quan mình.</p>\n"
        "<ul class=\"feeds\">\n";
    for (const auto& name : named) {
        const std::string slug = agency_slug(name);
        if (slug.empty()) continue;
        page.html += "<li><a href=\"calendar/" + e(slug) + ".ics\">" + e(name) + "</a></li>\n";
    }
    page.html += "</ul>\n</section>\n";
}

}  // namespace

std::string render_dashboard(const app::PlanState& state, const Config& config, const WorkingCalendar& calendar,
                             std::chrono::sys_seconds now) {
    const ScheduleRules& rules = config.schedule;
    const Date today = vietnam_date(now);
    const auto since_midnight = now + kVietnamOffset - std::chrono::floor<std::chrono::days>(now + kVietnamOffset);
    const int minutes_now = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count());
    Page page{state, rules, calendar, today, build_report(state.scheduled, rules, calendar, today), {}};

    // The next notification of each task: the first one planned from now on.
    const Timeline timeline = plan_timeline(state.scheduled, *state.names, state.roles, rules, calendar, today,
                                            add_days(today, kLookaheadDays));
    std::vector<const PlannedNotification*> next(state.tasks.size(), nullptr);
    for (const auto& n : timeline.items) {
        if (n.task < 0 || next[static_cast<size_t>(n.task)]) continue;
        if (n.date() == today && timeline.send_minutes(n) <= minutes_now) continue;  // already gone out
        next[static_cast<size_t>(n.task)] = &n;
    }

    char clock_text[16];
    std::snprintf(clock_text, sizeof clock_text, "%02d:%02d", minutes_now / 60, minutes_now % 60);
    std::string& h = page.html;
    h.reserve(96 * 1024);
    h += "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         // An empty icon, so that browsers do not ask the daemon for /favicon.ico.
         "<link rel=\"icon\" href=\"data:,\">\n"
         "<title>Nhắc việc – Tình hình thực hiện nhiệm vụ đến ngày " +
         vietnamese_date(today) +
         "</title>\n"
         "<style>" +
         std::string(kStyle) + "</style>\n</head>\n<body>\n";
    h += "<header>\n<h1>Tình hình thực hiện nhiệm vụ</h1>\n<p class=\"as-of\">Số liệu đến " + std::string(clock_text) +
         " ngày " + vietnamese_date(today) + " (giờ Việt Nam)</p>\n</header>\n<main>\n";
    const size_t plans = plans_section(page);
    categories_section(page);
    tasks_section(page, timeline, next, plans > 1);
    timeline_section(page);
    feeds_section(page);
    h += "</main>\n<footer>Trang chỉ đọc do nhacviec tạo lúc " + std::string(clock_text) + " ngày " +
         vietnamese_date(today) + ".</footer>\n</body>\n</html>\n";
    return std::move(page.html);
}

}  // namespace nhacviec::web
