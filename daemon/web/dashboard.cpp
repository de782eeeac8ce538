#include "web/dashboard.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <span>
#include <optional>
#include <vector>

#include "common/clock.h"
#include "common/text.h"
#include "common/url_encode.h"
#include "common/result.h"
#include "content/notification_context.h"
#include "content/status_words.h"
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

// "04/01/2027 – Nhắc hạn (còn 7 ngày)": a planned notification in words.
// `task`: the notification's task, nullptr for the digest.
std::string notification_text(const PlannedNotification& n, const ScheduledTask* task) {
    std::string what;
    switch (n.kind) {
        case NotificationKind::reminder: {
            const int left = task && task->deadline.due ? days_between(n.date(), *task->deadline.due) : n.step;
            what = left == 0 ? "Nhắc hạn (hôm nay đến hạn)" : "Nhắc hạn (còn " + num(left) + " ngày)";
            break;
        }
        case NotificationKind::review: what = "Nhắc báo cáo " + period_in_words(unpack_period(n.period)); break;
        case NotificationKind::escalation: what = "Cảnh báo cấp " + num(n.level); break;
        case NotificationKind::digest: what = "Tổng hợp tuần"; break;
        case NotificationKind::answer: what = "Thông báo ý kiến của cơ quan"; break;
        case NotificationKind::decision: what = "Thông báo quyết định về báo cáo"; break;
    }
    return format_vietnamese_date(n.date()) + " – " + what;
}

// The review dates of a recurring task (or of a period's yearly progress
// reviews) in [from, to], each with its period, as the timeline plans them
// (a period an approved extension moved, on its new date).
std::vector<std::pair<Date, ReviewPeriod>> review_dates(const ScheduledTask& task, const ScheduleRules& rules,
                                                        Date from, Date to) {
    std::vector<std::pair<Date, ReviewPeriod>> out;
    int guard = 0;
    for_each_review(task, rules, [&](const ReviewPeriod& period, Date due) {
        if (++guard > 2000 || period_first_day(period) > to) return false;
        if (due >= from && due <= to) out.emplace_back(due, period);
        return true;
    });
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
form.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: flex-end; }
form.filters label { display: flex; flex-direction: column; font-size: 13px; color: #57606a; }
form.filters select, form.filters button { font: inherit; padding: 6px 8px; min-height: 36px; max-width: 100%; }
form.filters select { width: 24em; }
form.filters button { background: #8b0000; color: #fff; border: 0; border-radius: 4px; padding: 6px 16px; }
table.categories th a { color: inherit; }
nav.pages { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; margin: 10px 0 0; }
nav.pages a, nav.pages span { padding: 4px 2px; }
nav.pages .current { font-weight: 600; }
p.error { color: var(--overdue); font-weight: 600; }
@media (max-width: 640px) { main { padding: 4px 8px 24px; } header { padding: 12px; } section { padding: 10px; }
  table.categories { min-width: 0; width: 100%; } table.categories thead td, td.bar { display: none; }
  table.categories th, table.categories td { padding: 5px 4px; } table.categories tfoot td.percent { white-space: normal; }
  form.filters label, form.filters select { width: 100%; } }
footer { color: #57606a; font-size: 12px; padding: 0 24px 24px; }
@media print { body { background: #fff; } section { border: 0; } .scroll { overflow: visible; } }
)";

}  // namespace

namespace {

// What the sections of the page read, and the page as it grows.
struct Page {
    const DashboardIndex& index;
    const DashboardQuery& query;
    // The report entries the agency and plan filters keep, counted by category.
    std::array<size_t, kReportCategories.size()> kept_counts{};
    std::vector<size_t> shown;     // of those, the ones of the category filter on this page
    size_t matching = 0;           // entries all filters keep
    size_t pages = 1;
    std::string html;
};

// Short for html_escape, as every text of the page goes through it.
std::string e(std::string_view s) { return text::html_escape(s); }

// "100.000": a count with the Vietnamese thousands separator.
std::string count_text(size_t value) {
    std::string digits = std::to_string(value), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
        out += digits[i];
    }
    return out;
}

// The address of the dashboard for `query` ("./?agency=so-tai-chinh&page=2"), HTML-escaped.
std::string link_to(const DashboardQuery& query) {
    std::string out;
    const auto add = [&](std::string_view name, std::string_view value) {
        out += (out.empty() ? "?" : "&") + std::string(name) + "=" + url_encode(value);
    };
    if (!query.agency.empty()) add("agency", query.agency);
    if (query.category) add("category", to_string(*query.category));
    if (!query.plan.empty()) add("plan", query.plan);
    if (query.page > 1) add("page", std::to_string(query.page));
    return e("./" + out);
}

// Whether the agency and plan filters keep task `task`.
bool kept(const DashboardIndex& index, const DashboardQuery& query, size_t agency, size_t task) {
    const Task& t = index.state->tasks[task].task;
    if (!query.plan.empty() && t.plan_number != query.plan) return false;
    if (agency == static_cast<size_t>(-1)) return true;
    const auto named = index.agencies_of(task);
    return std::find(named.begin(), named.end(), agency) != named.end();
}

// The plans: number, date of issue, year, tasks.
void plans_section(Page& page) {
    page.html += "<section id=\"ke-hoach\">\n<h2>Kế hoạch</h2>\n";
    if (page.index.plans.empty()) {
        page.html += "<p>Chưa có kế hoạch nào được nhập.</p>\n";
    } else {
        page.html += "<ul class=\"plans\">\n";
        for (const auto& p : page.index.plans)
            page.html += "<li data-plan=\"" + e(p.number) + "\">Kế hoạch số <b>" + e(p.number) + "</b> ngày " +
                         format_vietnamese_date(p.issued) + " (năm " + num(p.year) + "): " + count_text(p.tasks) +
                         " nhiệm vụ</li>\n";
        page.html += "</ul>\n";
    }
    page.html += "</section>\n";
}

// One <select> of the filter form: its options are (value, text) pairs; the first means "all".
void select_field(Page& page, std::string_view name, std::string_view label_text,
                  const std::vector<std::pair<std::string, std::string>>& options, std::string_view chosen) {
    page.html += "<label>" + std::string(label_text) + "<select name=\"" + std::string(name) + "\">";
    for (const auto& [value, text_] : options)
        page.html += "<option value=\"" + e(value) + "\"" + (value == chosen ? " selected" : "") + ">" + e(text_) +
                     "</option>";
    page.html += "</select></label>\n";
}

// The filter form: agency, category, plan; a GET form, so it works without a script.
void filters_section(Page& page) {
    const DashboardIndex& index = page.index;
    page.html += "<section id=\"loc\">\n<h2>Lọc nhiệm vụ</h2>\n<form class=\"filters\" method=\"get\" action=\"./\">\n";
    std::vector<std::pair<std::string, std::string>> agencies{{"", "Tất cả cơ quan"}};
    for (size_t i = 0; i < index.agencies.size(); ++i)
        if (!index.agency_slugs[i].empty()) agencies.emplace_back(index.agency_slugs[i], index.agencies[i]);
    select_field(page, "agency", "Cơ quan (chủ trì hoặc phối hợp)", agencies, page.query.agency);
    std::vector<std::pair<std::string, std::string>> categories{{"", "Tất cả tình trạng"}};
    for (ReportCategory category : kReportCategories)
        categories.emplace_back(std::string(to_string(category)), std::string(label(category)));
    select_field(page, "category", "Tình trạng", categories,
                 page.query.category ? to_string(*page.query.category) : std::string_view());
    if (index.plans.size() > 1) {
        std::vector<std::pair<std::string, std::string>> plans{{"", "Tất cả kế hoạch"}};
        for (const auto& p : index.plans) plans.emplace_back(p.number, "Kế hoạch số " + p.number);
        select_field(page, "plan", "Kế hoạch", plans, page.query.plan);
    } else if (!page.query.plan.empty()) {
        page.html += "<input type=\"hidden\" name=\"plan\" value=\"" + e(page.query.plan) + "\">\n";
    }
    page.html += "<button type=\"submit\">Lọc</button>\n";
    if (!page.query.agency.empty() || page.query.category || !page.query.plan.empty())
        page.html += "<a href=\"./\">Bỏ lọc</a>\n";
    page.html += "</form>\n</section>\n";
}

// The report's categories with counts, percentages and bars, for the tasks the agency and plan filters keep.
void categories_section(Page& page) {
    // As StatusReport counts and rounds them, over the kept entries.
    const auto& counts = page.kept_counts;
    const auto count = [&](ReportCategory category) { return counts[static_cast<size_t>(category)]; };
    size_t with_deadline = 0, kept = 0;
    for (const ReportCategory category : kReportCategories) {
        kept += count(category);
        with_deadline += has_deadline(category) ? count(category) : 0;
    }
    const auto percent_of = [&](ReportCategory category) -> std::optional<double> {
        if (!has_deadline(category)) return std::nullopt;
        if (with_deadline == 0) return 0.0;
        return std::round(1000.0 * static_cast<double>(count(category)) / static_cast<double>(with_deadline)) / 10.0;
    };
    page.html +=
        "<section id=\"tong-hop\">\n<h2>Tổng hợp theo tình trạng</h2>\n<table class=\"categories\">\n"
        "<thead><tr><th scope=\"col\">Tình trạng</th><th scope=\"col\">Số nhiệm vụ</th>"
        "<th scope=\"col\">Tỷ lệ</th><td></td></tr></thead>\n<tbody>\n";
    for (ReportCategory category : kReportCategories) {
        const auto percent = percent_of(category);
        DashboardQuery only = page.query;
        only.category = category;
        only.page = 1;
        page.html += "<tr data-category=\"" + std::string(to_string(category)) + "\" class=\"" +
                     category_class(category) + "\"><th scope=\"row\"><a href=\"" + link_to(only) + "\">" +
                     std::string(label(category)) + "</a></th><td class=\"count\">" +
                     num(static_cast<long>(count(category))) + "</td><td class=\"percent\">" +
                     (percent ? percent_text(*percent) : std::string("–")) + "</td><td class=\"bar\">";
        if (percent) page.html += "<span style=\"width:" + coord(*percent) + "%\"></span>";
        page.html += "</td></tr>\n";
    }
    page.html +=
        "</tbody>\n<tfoot><tr data-category=\"total\"><th scope=\"row\">Tổng số</th><td class=\"count\">" +
        num(static_cast<long>(kept)) + "</td><td class=\"percent\" colspan=\"2\">" +
        num(static_cast<long>(with_deadline)) +
        " nhiệm vụ có thời hạn</td></tr></tfoot>\n</table>\n"
        "<p class=\"note\">Tỷ lệ tính trên các nhiệm vụ có thời hạn, như báo cáo của Văn phòng UBND thành phố. "
        "Hạn pháp lý: khi ngày cuối của thời hạn là ngày nghỉ, thời hạn kết thúc vào cuối ngày làm việc tiếp theo "
        "(Điều 148 Bộ luật Dân sự).</p>\n</section>\n";
}

// Links to the first, previous, next and last pages.
void pages_nav(Page& page) {
    if (page.pages <= 1) return;
    const size_t current = page.query.page;
    const auto to = [&](size_t number) {
        DashboardQuery q = page.query;
        q.page = number;
        return link_to(q);
    };
    page.html += "<nav class=\"pages\" aria-label=\"Trang\">";
    if (current > 1)
        page.html += "<a href=\"" + to(1) + "\" rel=\"first\">« Trang đầu</a><a href=\"" + to(current - 1) +
                     "\" rel=\"prev\">‹ Trang trước</a>";
    page.html += "<span class=\"current\" aria-current=\"page\">Trang " + count_text(current) + "/" +
                 count_text(page.pages) + "</span>";
    if (current < page.pages)
        page.html += "<a href=\"" + to(current + 1) + "\" rel=\"next\">Trang sau ›</a><a href=\"" + to(page.pages) +
                     "\" rel=\"last\">Trang cuối »</a>";
    page.html += "</nav>\n";
}

// One page of the task table, overdue tasks first, each with its next notification.
void tasks_section(Page& page, std::chrono::sys_seconds now) {
    const DashboardIndex& index = page.index;
    const Date today = index.today;
    const auto since_midnight = now + kVietnamOffset - std::chrono::floor<std::chrono::days>(now + kVietnamOffset);
    const int minutes_now = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count());
    const bool several_plans = index.plans.size() > 1;
    page.html += "<section id=\"nhiem-vu\">\n<h2>Danh sách nhiệm vụ</h2>\n";
    if (page.pages > 1 || page.matching != index.report->entries.size()) {
        const size_t first = (page.query.page - 1) * kDashboardPageSize;
        page.html += "<p class=\"note shown\">" +
                     (page.matching == 0 ? std::string("Không có nhiệm vụ nào phù hợp.")
                                         : "Nhiệm vụ " + count_text(first + 1) + "–" +
                                               count_text(first + page.shown.size()) + " trong " +
                                               count_text(page.matching) + " nhiệm vụ phù hợp.") +
                     "</p>\n";
    }
    pages_nav(page);
    page.html +=
        "<div class=\"scroll\">\n<table class=\"tasks\">\n"
        "<thead><tr><th scope=\"col\">Mã</th><th scope=\"col\">Nhiệm vụ</th><th scope=\"col\">Cơ quan chủ trì</th>"
        "<th scope=\"col\">Thời hạn</th><th scope=\"col\">Hạn pháp lý</th><th scope=\"col\">Tình trạng</th>"
        "<th scope=\"col\">Thông báo tiếp theo</th></tr></thead>\n<tbody>\n";
    for (size_t at : page.shown) {
        const ReportEntry& entry = index.report->entries[at];
        const Task& task = index.state->tasks[entry.task].task;
        const ScheduledTask& scheduled = index.state->scheduled[entry.task];
        std::string legal = "–";
        if (entry.legal_due) {
            legal = format_vietnamese_date(*entry.legal_due);
        } else if (task.deadline.kind == DeadlineKind::recurring) {
            if (const auto review = next_review(scheduled, *index.rules, today))
                legal = "kỳ tới: " + format_vietnamese_date(index.calendar->legal_end(*review));
        }
        const UpcomingNotification* next = nullptr;
        for (const auto& n : index.upcoming_of(entry.task)) {
            if (n.date == today && n.minutes <= minutes_now) continue;  // already gone out
            next = &n;
            break;
        }
        const std::string title = text::collapse_whitespace(task.title);
        page.html += "<tr data-task=\"" + e(task.code) + "\" class=\"" + category_class(entry.category) +
                     "\"><td class=\"id\">" + e(task.code);
        if (several_plans) page.html += "<small>" + e(task.plan_number) + "</small>";
        page.html += "</td><td class=\"title\"><span class=\"task-title\" title=\"" + e(title) + "\">" +
                     e(text::shorten(title, kTitleWidth)) + "</span></td><td class=\"lead\">" + e(joined_names(task.lead)) +
                     "</td><td class=\"deadline\">" + e(task.deadline.text) + "</td><td class=\"date\">" + e(legal) +
                     "</td><td class=\"state\"><span class=\"status\">" + e(status_in_words(entry)) +
                     "</span></td><td class=\"next\">" + (next ? e(notification_text(next->notification, &scheduled)) : std::string("–")) + "</td></tr>\n";
    }
    page.html += "</tbody>\n</table>\n</div>\n";
    pages_nav(page);
    page.html += "</section>\n";
}

// The SVG timeline by quarter of the tasks on the page: one row per lead agency, deadlines, review dates, today.
void timeline_section(Page& page) {
    const DashboardIndex& index = page.index;
    const Date today = index.today;
    const int this_year = static_cast<int>(today.year());
    bool show_next_year = static_cast<unsigned>(today.month()) > 6;
    for (size_t at : page.shown) {
        const auto& entry = index.report->entries[at];
        if (entry.legal_due && static_cast<int>(entry.legal_due->year()) == this_year + 1) show_next_year = true;
    }
    const QuarterScale scale(this_year, show_next_year ? 2 : 1);

    // The lead agencies of the tasks on the page, in the order of the whole plan.
    std::set<std::string> on_page;
    for (size_t at : page.shown)
        for (const auto& m : index.state->tasks[index.report->entries[at].task].task.lead) on_page.insert(m.name);
    std::vector<std::string> agencies;
    for (const auto& name : index.lead_agencies)
        if (on_page.count(name)) agencies.push_back(name);
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
    std::vector<size_t> tasks_on_page;
    for (size_t at : page.shown) tasks_on_page.push_back(index.report->entries[at].task);
    std::sort(tasks_on_page.begin(), tasks_on_page.end());
    std::map<std::pair<size_t, int>, ReviewMark> reviews;
    for (size_t i : tasks_on_page) {
        const ScheduledTask& s = index.state->scheduled[i];
        const auto& status = s.status.overall;
        for (const auto& [due, period] : review_dates(s, *index.rules, scale.first_day(), scale.last_day())) {
            if (status.status == WorkStatus::done && (!status.done_on || *status.done_on < due)) continue;
            const bool done =
                status.status == WorkStatus::done || s.status.period(format_period(period)).status == WorkStatus::done;
            for (const auto& m : index.state->tasks[i].task.lead) {
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
                     coord(y - 4.5) + "l4.5 4.5l-4.5 4.5l-4.5 -4.5z\"><title>Hạn báo cáo " + format_vietnamese_date(day) +
                     ": " + e(codes) + "</title></path>\n";
    }
    // Deadlines: one marker per task and lead agency, coloured by category;
    // markers of the same row and day are drawn side by side, leftwards.
    std::vector<size_t> entries_on_page(page.shown);
    std::sort(entries_on_page.begin(), entries_on_page.end());  // in task order, as the whole plan draws them
    std::map<std::pair<size_t, int>, int> stacked;
    size_t outside = 0;
    for (size_t at : entries_on_page) {
        const ReportEntry& entry = index.report->entries[at];
        if (!entry.legal_due) continue;
        if (!scale.contains(*entry.legal_due)) {
            ++outside;
            continue;
        }
        const Task& task = index.state->tasks[entry.task].task;
        for (const auto& m : task.lead) {
            const size_t r = row_of(m.name);
            const int k = stacked[{r, days_between(scale.first_day(), *entry.legal_due)}]++;
            const double x = std::max(scale.x(*entry.legal_due, 7) - 12.0 * k, 7.0 + kLabelWidth);
            page.html += "<circle class=\"mk " + category_class(entry.category) + "\" data-task=\"" + e(task.code) +
                         "\" cx=\"" + coord(x) + "\" cy=\"" + coord(deadline_lane(r)) + "\" r=\"5.5\"><title>" +
                         e(task.code) + " – hạn " + format_vietnamese_date(*entry.legal_due) + ": " + e(status_in_words(entry)) +
                         "</title></circle>\n";
        }
    }
    // Today.
    if (scale.contains(today)) {
        const std::string x = coord(scale.x(today));
        page.html += "<line class=\"today\" x1=\"" + x + "\" y1=\"" + num(kHeaderHeight) + "\" x2=\"" + x + "\" y2=\"" +
                     num(rows_bottom) + "\"/><text class=\"today-label\" x=\"" + x + "\" y=\"" +
                     num(kHeaderHeight - 8) + "\" text-anchor=\"middle\">Hôm nay " + format_vietnamese_date(today) +
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
    if (page.pages > 1) page.html += " Chỉ hiển thị các nhiệm vụ của trang này.";
    if (outside > 0)
        page.html += " " + num(static_cast<long>(outside)) + " thời hạn nằm ngoài khoảng " +
                     format_vietnamese_date(scale.first_day()) + " – " + format_vietnamese_date(scale.last_day()) +
                     " không hiển thị.";
    page.html += "</p>\n</section>\n";
}

// Links to each agency's calendar feed.
void feeds_section(Page& page) {
    page.html +=
        "<section id=\"lich\">\n<h2>Lịch theo cơ quan (iCalendar)</h2>\n<p class=\"note\">Đăng ký đường dẫn "
        "vào Outlook, Thunderbird hoặc Google Calendar để thấy thời hạn và kỳ báo cáo của cơ quan mình.</p>\n"
        "<ul class=\"feeds\">\n";
    for (size_t i = 0; i < page.index.agencies.size(); ++i) {
        const std::string& slug = page.index.agency_slugs[i];
        if (slug.empty()) continue;
        page.html += "<li><a href=\"calendar/" + e(slug) + ".ics\">" + e(page.index.agencies[i]) + "</a></li>\n";
    }
    page.html += "</ul>\n</section>\n";
}

// "09:05": the time of day of `now` in Vietnam.
std::string clock_text(std::chrono::sys_seconds now) {
    const auto since_midnight = now + kVietnamOffset - std::chrono::floor<std::chrono::days>(now + kVietnamOffset);
    const int minutes = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count());
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", minutes / 60, minutes % 60);
    return buffer;
}

// The start of every page, up to and including <main>.
void page_head(std::string& h, Date today, const std::string& clock_text, std::string_view title) {
    h += "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         // An empty icon, so that browsers do not ask the daemon for /favicon.ico.
         "<link rel=\"icon\" href=\"data:,\">\n"
         "<title>" +
         std::string(title) +
         "</title>\n"
         "<style>" +
         std::string(kStyle) + "</style>\n</head>\n<body>\n";
    h += "<header>\n<h1>Tình hình thực hiện nhiệm vụ</h1>\n<p class=\"as-of\">Số liệu đến " + clock_text + " ngày " +
         format_vietnamese_date(today) + " (giờ Việt Nam)</p>\n</header>\n<main>\n";
}

// A page that says why the dashboard cannot show what was asked, with a way back.
DashboardPage refusal(int status, Date today, const std::string& clock_text, const std::string& message) {
    DashboardPage out{status, {}};
    page_head(out.html, today, clock_text, "Nhắc việc – Không hiển thị được trang");
    out.html += "<section>\n<h2>Không hiển thị được trang</h2>\n<p class=\"error\">" + e(message) +
                "</p>\n<p><a href=\"./\">Về trang đầu của danh sách nhiệm vụ</a></p>\n</section>\n</main>\n"
                "</body>\n</html>\n";
    return out;
}

}  // namespace

Result<DashboardQuery> parse_dashboard_query(const std::map<std::string, std::string>& parameters) {
    DashboardQuery query;
    for (const auto& [name, value] : parameters) {
        if (name == "agency") {
            query.agency = value;
        } else if (name == "plan") {
            query.plan = value;
        } else if (name == "category") {
            if (value.empty()) continue;
            for (ReportCategory category : kReportCategories)
                if (to_string(category) == value) query.category = category;
            if (!query.category) return Error{"Tham số “category”: không có tình trạng “" + value + "”."};
        } else if (name == "page") {
            if (value.empty()) continue;
            size_t number = 0;
            const bool digits = value.size() <= 9 && std::all_of(value.begin(), value.end(), [](char c) {
                return c >= '0' && c <= '9';
            });
            if (digits) number = std::stoul(value);
            if (!digits || number == 0)
                return Error{"Tham số “page”: “" + value + "” không phải là số trang (1, 2, 3…)."};
            query.page = number;
        } else {
            return Error{"Tham số “" + name + "” không dùng cho trang này (chỉ có agency, category, plan, page)."};
        }
    }
    return query;
}

DashboardIndex build_dashboard_index(const app::PlanState& state, const Config& config,
                                     const WorkingCalendar& calendar, Date today,
                                     const StatusReport* report_of_today) {
    DashboardIndex index;
    index.state = &state;
    index.rules = &config.schedule;
    index.calendar = &calendar;
    index.today = today;
    if (report_of_today) {
        index.report = report_of_today;
    } else {
        index.own_report = std::make_shared<const StatusReport>(build_report(state.scheduled, config.schedule, calendar, today));
        index.report = index.own_report.get();
    }

    for (const auto& entry : index.report->entries) ++index.category_counts[static_cast<size_t>(entry.category)];
    index.order.resize(index.report->entries.size());
    for (size_t i = 0; i < index.order.size(); ++i) index.order[i] = i;
    const auto& entries = index.report->entries;
    std::stable_sort(index.order.begin(), index.order.end(), [&](size_t ia, size_t ib) {
        const ReportEntry* a = &entries[ia];
        const ReportEntry* b = &entries[ib];
        const int ra = table_rank(a->category), rb = table_rank(b->category);
        if (ra != rb) return ra < rb;
        if (a->category == ReportCategory::overdue) return a->days > b->days;  // most overdue first
        if (a->category == ReportCategory::due_soon || a->category == ReportCategory::in_progress)
            return a->days < b->days;  // nearest deadline first
        return false;
    });

    // Each task's notifications of today and its first one after today, in words.
    const Timeline timeline = plan_timeline(state.scheduled, *state.names, state.roles, config.schedule, calendar,
                                            today, add_days(today, kLookaheadDays));
    // The timeline is in order of days: a task's are those of today, then its first one after today.
    // Counted first, then placed, so that the index holds no more than it keeps.
    const size_t tasks = state.tasks.size();
    std::vector<std::uint8_t> complete(tasks, 0);  // its first one after today was seen
    index.upcoming_from.assign(tasks + 1, 0);
    for (const auto& n : timeline.items) {
        if (n.task < 0 || complete[static_cast<size_t>(n.task)]) continue;
        ++index.upcoming_from[static_cast<size_t>(n.task) + 1];
        if (n.date() > today) complete[static_cast<size_t>(n.task)] = 1;
    }
    for (size_t i = 0; i < tasks; ++i) index.upcoming_from[i + 1] += index.upcoming_from[i];
    index.upcoming.resize(index.upcoming_from[tasks]);
    std::vector<std::uint32_t> placed(index.upcoming_from.begin(), index.upcoming_from.end() - 1);
    std::fill(complete.begin(), complete.end(), 0);
    for (const auto& n : timeline.items) {
        if (n.task < 0 || complete[static_cast<size_t>(n.task)]) continue;
        index.upcoming[placed[static_cast<size_t>(n.task)]++] = {n.date(), timeline.send_minutes(n), n};
        if (n.date() > today) complete[static_cast<size_t>(n.task)] = 1;
    }

    for (const auto& s : state.scheduled) {
        auto it = std::find_if(index.plans.begin(), index.plans.end(), [&](const DashboardPlan& p) {
            return p.number == s.plan_number && p.year == s.plan_year;
        });
        if (it == index.plans.end()) index.plans.push_back({s.plan_number, s.plan_year, s.plan_issued, 1});
        else ++it->tasks;
    }

    std::map<std::string, size_t> agency_at;
    const auto named = [&](const std::string& name) {
        auto [it, added] = agency_at.emplace(name, index.agencies.size());
        if (added) {
            index.agencies.push_back(name);
            index.agency_slugs.push_back(agency_slug(name));
        }
        return it->second;
    };
    for (const auto& row : state.tasks)
        for (const auto& m : row.task.lead)
            if (!agency_at.count(m.name)) {
                named(m.name);
                index.lead_agencies.push_back(m.name);
            }
    size_t mentions = 0;
    for (const auto& row : state.tasks) mentions += row.task.lead.size() + row.task.cooperating.size();
    index.task_agencies.reserve(mentions);
    index.task_agencies_from.reserve(state.tasks.size() + 1);
    for (const auto& row : state.tasks) {
        index.task_agencies_from.push_back(static_cast<std::uint32_t>(index.task_agencies.size()));
        for (const auto& m : row.task.lead) index.task_agencies.push_back(static_cast<std::uint32_t>(named(m.name)));
        for (const auto& m : row.task.cooperating)
            index.task_agencies.push_back(static_cast<std::uint32_t>(named(m.name)));
    }
    index.task_agencies_from.push_back(static_cast<std::uint32_t>(index.task_agencies.size()));
    return index;
}

std::string dashboard_refusal(const std::string& message, std::chrono::sys_seconds now) {
    return refusal(400, vietnam_date(now), clock_text(now), message).html;
}

DashboardPage render_dashboard(const DashboardIndex& index, const DashboardQuery& query,
                               std::chrono::sys_seconds now) {
    const Date today = index.today;
    const std::string clock_text = web::clock_text(now);

    size_t agency = static_cast<size_t>(-1);
    if (!query.agency.empty()) {
        const auto it = std::find(index.agency_slugs.begin(), index.agency_slugs.end(), query.agency);
        if (it == index.agency_slugs.end())
            return refusal(400, today, clock_text,
                           "Tham số “agency”: không có cơ quan “" + query.agency + "” trong các kế hoạch.");
        agency = static_cast<size_t>(it - index.agency_slugs.begin());
    }
    if (!query.plan.empty() && std::none_of(index.plans.begin(), index.plans.end(),
                                            [&](const DashboardPlan& p) { return p.number == query.plan; }))
        return refusal(400, today, clock_text, "Tham số “plan”: không có kế hoạch số “" + query.plan + "”.");

    Page page{index, query, {}, {}, 0, 1, {}};
    const size_t first = (query.page - 1) * kDashboardPageSize;
    if (query.agency.empty() && query.plan.empty() && !query.category) {
        // No filter: the page is a slice of the whole table, counted when the index was built.
        page.kept_counts = index.category_counts;
        page.matching = index.order.size();
        for (size_t i = first; i < std::min(first + kDashboardPageSize, index.order.size()); ++i)
            page.shown.push_back(index.order[i]);
    }
    for (size_t at : page.matching ? std::span<const size_t>() : std::span<const size_t>(index.order)) {
        const ReportEntry& entry = index.report->entries[at];
        if (!kept(index, query, agency, entry.task)) continue;
        ++page.kept_counts[static_cast<size_t>(entry.category)];
        if (query.category && entry.category != *query.category) continue;
        if (page.matching >= first && page.shown.size() < kDashboardPageSize) page.shown.push_back(at);
        ++page.matching;
    }
    page.pages = std::max<size_t>(1, (page.matching + kDashboardPageSize - 1) / kDashboardPageSize);
    if (query.page > page.pages)
        return refusal(404, today, clock_text,
                       "Không có trang " + count_text(query.page) + ": danh sách chỉ có " + count_text(page.pages) +
                           " trang.");

    std::string& h = page.html;
    h.reserve(96 * 1024);
    page_head(h, today, clock_text, "Nhắc việc – Tình hình thực hiện nhiệm vụ đến ngày " + format_vietnamese_date(today));
    plans_section(page);
    filters_section(page);
    categories_section(page);
    tasks_section(page, now);
    timeline_section(page);
    feeds_section(page);
    h += "</main>\n<footer>Trang chỉ đọc do nhacviec tạo lúc " + clock_text + " ngày " +
         format_vietnamese_date(today) + ".</footer>\n</body>\n</html>\n";
    return {200, std::move(page.html)};
}

std::string render_dashboard(const app::PlanState& state, const Config& config, const WorkingCalendar& calendar,
                             std::chrono::sys_seconds now) {
    const DashboardIndex index = build_dashboard_index(state, config, calendar, vietnam_date(now));
    return render_dashboard(index, DashboardQuery{}, now).html;
}

}  // namespace nhacviec::web
