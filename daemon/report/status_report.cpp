#include "report/status_report.h"

#include <cmath>

namespace nhacviec {
namespace {

int days_between(Date from, Date to) {
    return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

// The latest period whose review has come due by `as_of` (on the date an
// approved extension moved it to, if one did), and how it came in; and the
// extension of that period, or else of the first period after it whose moved
// date has not yet come ("đã gia hạn").
void latest_review(const ScheduledTask& task, const ScheduleRules& rules, const WorkingCalendar& calendar, Date as_of,
                   ReportEntry& entry) {
    const auto [cadence, months] = review_rule(task, rules);
    ReviewPeriod period = period_containing(cadence, task.plan_issued);
    if (period_last_day(period) <= task.plan_issued) period = next_period(period);
    std::optional<ReviewPeriod> latest;
    std::optional<ReviewPeriod> extended_later;  // a period after `latest` whose moved date has not come
    // An extension only moves a date later: no period whose rules' date is still to come has come due.
    for (int guard = 0; guard < 2000; ++guard, period = next_period(period)) {
        if (calendar.legal_end(review_due(period, months)) >= as_of) break;
        const DeadlineMove* moved = task.status.periods_moved ? task.status.period_moved(format_period(period)) : nullptr;
        if (moved && calendar.legal_end(moved->due) >= as_of) {
            if (!extended_later && moved->extension) extended_later = period;
            continue;
        }
        latest = period;
    }
    if (!extended_later && task.status.periods_moved)
        // The period now running, moved before its rules' date came.
        if (const DeadlineMove* moved = task.status.period_moved(format_period(period)); moved && moved->extension)
            extended_later = period;
    if (latest) {
        entry.review_period = format_period(*latest);
        const StatusEntry& status = task.status.period(entry.review_period);
        const Date legal_end = calendar.legal_end(review_date(task, *latest, months));
        if (status.status != WorkStatus::done) entry.review = ReviewOutcome::missing;
        else if (status.done_on && *status.done_on > legal_end) entry.review = ReviewOutcome::late;
        else entry.review = ReviewOutcome::on_time;
        if (const DeadlineMove* moved = task.status.period_moved(entry.review_period);
            moved && moved->extension && moved->original_due) {
            entry.extended_from = moved->original_due;
            entry.extended_period = pack_period(*latest);
            return;
        }
    }
    if (!extended_later) return;
    const std::string name = format_period(*extended_later);
    if (const DeadlineMove* moved = task.status.period_moved(name); moved && moved->original_due) {
        entry.extended_from = moved->original_due;
        entry.extended_period = pack_period(*extended_later);
    }
}

}  // namespace

std::string_view to_string(ReportCategory category) {
    switch (category) {
        case ReportCategory::done_on_time: return "done_on_time";
        case ReportCategory::done_late: return "done_late";
        case ReportCategory::in_progress: return "in_progress";
        case ReportCategory::due_soon: return "due_soon";
        case ReportCategory::overdue: return "overdue";
        case ReportCategory::undetermined: return "undetermined";
        case ReportCategory::ongoing: return "ongoing";
    }
    return "";
}

std::string_view label(ReviewOutcome outcome) {
    switch (outcome) {
        case ReviewOutcome::none_yet: return "chưa đến kỳ báo cáo";
        case ReviewOutcome::on_time: return "báo cáo đúng hạn";
        case ReviewOutcome::late: return "báo cáo muộn";
        case ReviewOutcome::missing: return "chưa báo cáo";
    }
    return "";
}

std::string_view label(ReportCategory category) {
    switch (category) {
        case ReportCategory::done_on_time: return "Hoàn thành đúng hạn";
        case ReportCategory::done_late: return "Hoàn thành quá hạn";
        case ReportCategory::in_progress: return "Đang thực hiện trong hạn";
        case ReportCategory::due_soon: return "Sắp đến hạn";
        case ReportCategory::overdue: return "Quá hạn";
        case ReportCategory::undetermined: return "Chưa xác định thời hạn";
        case ReportCategory::ongoing: return "Không có hạn";
    }
    return "";
}

bool has_deadline(ReportCategory category) {
    return category != ReportCategory::undetermined && category != ReportCategory::ongoing;
}

std::string_view to_string(ReviewOutcome outcome) {
    switch (outcome) {
        case ReviewOutcome::none_yet: return "none_yet";
        case ReviewOutcome::on_time: return "on_time";
        case ReviewOutcome::late: return "late";
        case ReviewOutcome::missing: return "missing";
    }
    return "";
}

size_t StatusReport::count(ReportCategory category) const {
    size_t n = 0;
    for (const auto& e : entries) n += e.category == category ? 1 : 0;
    return n;
}

size_t StatusReport::with_deadline() const {
    size_t n = 0;
    for (const auto& e : entries) n += has_deadline(e.category) ? 1 : 0;
    return n;
}

size_t StatusReport::awaiting_confirmation() const {
    size_t n = 0;
    for (const auto& e : entries) n += e.awaiting ? 1 : 0;
    return n;
}

size_t StatusReport::open_extensions() const {
    size_t n = 0;
    for (const auto& e : entries) n += e.extensions.size();
    return n;
}

size_t StatusReport::extended() const {
    size_t n = 0;
    for (const auto& e : entries) n += e.extended_from ? 1 : 0;
    return n;
}

size_t StatusReport::confirmed() const {
    size_t n = 0;
    for (const auto& e : entries) n += e.confirmed ? 1 : 0;
    return n;
}

size_t StatusReport::returned() const {
    size_t n = 0;
    for (const auto& e : entries) n += e.returned ? 1 : 0;
    return n;
}

std::optional<double> StatusReport::percent(ReportCategory category) const {
    if (!has_deadline(category)) return std::nullopt;
    const size_t total = with_deadline();
    if (total == 0) return 0.0;
    return std::round(1000.0 * static_cast<double>(count(category)) / static_cast<double>(total)) / 10.0;
}

StatusReport build_report(const ScheduledTasks& tasks, const ScheduleRules& rules,
                          const WorkingCalendar& calendar, Date as_of) {
    StatusReport report;
    report.as_of = as_of;
    for (size_t i = 0; i < tasks.size(); ++i) {
        const ScheduledTask& task = tasks[i];
        const StatusEntry& overall = task.status.overall;
        ReportEntry entry;
        entry.task = i;
        entry.waiting = overall.status == WorkStatus::waiting;
        entry.done_on = overall.status == WorkStatus::done ? overall.done_on : std::nullopt;
        switch (task.deadline.kind) {
            case DeadlineKind::undetermined:
                entry.category = ReportCategory::undetermined;
                break;
            case DeadlineKind::recurring:
                entry.category = ReportCategory::ongoing;
                latest_review(task, rules, calendar, as_of, entry);
                break;
            case DeadlineKind::fixed:
            case DeadlineKind::period: {
                const Date legal_end = calendar.legal_end(*task.deadline.due);
                entry.legal_due = legal_end;
                if (overall.status == WorkStatus::done) {
                    const Date done = overall.done_on.value_or(as_of);
                    entry.category = done <= legal_end ? ReportCategory::done_on_time : ReportCategory::done_late;
                } else if (as_of > legal_end) {
                    entry.category = ReportCategory::overdue;
                    entry.days = days_between(legal_end, as_of);
                } else {
                    entry.days = days_between(as_of, legal_end);
                    entry.category =
                        entry.days <= rules.due_soon_days ? ReportCategory::due_soon : ReportCategory::in_progress;
                }
                break;
            }
        }
        if (const AwaitingConfirmation* a = task.status.awaiting_for(""))
            entry.awaiting = std::make_shared<const AwaitingConfirmation>(*a);
        else if (!entry.review_period.empty())
            if (const AwaitingConfirmation* p = task.status.awaiting_for(entry.review_period))
                entry.awaiting = std::make_shared<const AwaitingConfirmation>(*p);
        entry.extensions = task.status.extensions;
        if (const auto& moved = task.status.deadline_moved; moved && moved->extension && moved->original_due)
            entry.extended_from = moved->original_due;
        entry.confirmed = task.status.completions_confirmed > 0;
        entry.returned = task.status.completions_returned > 0;
        report.entries.push_back(std::move(entry));
    }
    return report;
}

}  // namespace nhacviec
