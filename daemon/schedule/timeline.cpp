#include "schedule/timeline.h"

#include <algorithm>
#include <cstdio>

namespace nhacviec {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

int day_number(Date date) { return static_cast<int>(sys_days{date}.time_since_epoch().count()); }
Date from_day_number(int day) { return Date{sys_days{days{day}}}; }

// Plans the notifications of one task into `out`, keeping those in [from, to].
class TaskPlanner {
public:
    TaskPlanner(const ScheduledTask& task, std::int32_t index, const ScheduleRules& rules,
                const WorkingCalendar& calendar, int from, int to, std::vector<PlannedNotification>& out)
        : task_(task), index_(index), rules_(rules), calendar_(calendar), from_(from), to_(to), out_(out),
          issued_(day_number(task.plan_issued)) {}

    void plan() {
        if (task_.status.overall.status == WorkStatus::done) return;
        const Deadline& d = task_.deadline;
        switch (d.kind) {
            case DeadlineKind::fixed:
                deadline_ladder(*d.due);
                break;
            case DeadlineKind::period:
                period_reviews();
                deadline_ladder(*d.due);
                break;
            case DeadlineKind::recurring:
                recurring_reviews();
                break;
            case DeadlineKind::undetermined:
                break;  // only its line in the digest
        }
    }

private:
    const std::vector<int>& reminder_days() const {
        return task_.rules && task_.rules->reminder_days ? *task_.rules->reminder_days : rules_.reminder_days;
    }
    bool escalates() const { return !(task_.rules && task_.rules->escalate == false); }

    // Reminders (or review reminders) before `due`, each moved to the previous
    // working day; of steps that land on the same day only the nearest is kept.
    void before(Date due, const std::vector<int>& steps, NotificationKind kind, std::uint16_t period) {
        int last_day = -1;
        std::vector<int> sorted = steps;
        std::sort(sorted.begin(), sorted.end(), std::greater<>());
        for (size_t i = 0; i < sorted.size(); ++i) {
            const int step = sorted[i];
            const int day = day_number(calendar_.previous_working_day(add_days(due, -step)));
            if (day < issued_) continue;
            // The next (nearer) step lands on the same day: it replaces this one.
            if (i + 1 < sorted.size() &&
                day_number(calendar_.previous_working_day(add_days(due, -sorted[i + 1]))) == day)
                continue;
            if (day == last_day) continue;
            last_day = day;
            emit_to_leads(day, kind, 0, static_cast<std::int16_t>(step), period);
        }
    }

    // Reminders before a deadline, then the escalation ladder after its legal end.
    void deadline_ladder(Date due) {
        before(due, reminder_days(), NotificationKind::reminder, 0);
        if (!escalates() || task_.status.overall.status == WorkStatus::waiting) return;
        const Date legal_end = calendar_.legal_end(due);
        const int level1 = day_number(calendar_.next_working_day(add_days(legal_end, 1)));
        const int level2 = day_number(calendar_.next_working_day(add_days(legal_end, rules_.level2_after_days)));
        // A level that lands on the same day as the next one gives way to it.
        if (level1 != level2) emit_to_leads(level1, NotificationKind::escalation, 1, 0, 0);
        int level3_offset = rules_.level3_after_days;
        int level3 = day_number(calendar_.next_working_day(add_days(legal_end, level3_offset)));
        if (level2 != level3) emit_to_leads(level2, NotificationKind::escalation, 2, 0, 0);
        for (std::int16_t repetition = 1; level3 <= to_ && rules_.level3_repeat_days > 0; ++repetition) {
            emit_to_leads(level3, NotificationKind::escalation, 3, repetition, 0);
            level3_offset += rules_.level3_repeat_days;
            level3 = day_number(calendar_.next_working_day(add_days(legal_end, level3_offset)));
        }
        if (rules_.level3_repeat_days <= 0) emit_to_leads(level3, NotificationKind::escalation, 3, 1, 0);
    }

    // The review reminders of each period of a recurring task.
    void recurring_reviews() {
        const Recurrence cadence =
            task_.rules && task_.rules->review ? *task_.rules->review : task_.deadline.recurrence;
        const int months = task_.rules && task_.rules->months_after ? *task_.rules->months_after
                                                                    : months_after(cadence);
        ReviewPeriod period = period_containing(cadence, task_.plan_issued);
        if (day_number(period_last_day(period)) <= issued_) period = next_period(period);
        for (; day_number(period_first_day(period)) <= to_; period = next_period(period)) {
            const Date due = review_due(period, months);
            if (day_number(due) < from_) continue;  // its reminders all fall before the window
            if (task_.status.period(format_period(period)).status == WorkStatus::done) continue;
            before(due, rules_.review_days, NotificationKind::review, pack_period(period));
        }
    }

    // The yearly progress reviews of a multi-year period, except its last year
    // (the deadline's own reminders cover it).
    void period_reviews() {
        const int last_year = static_cast<int>(task_.deadline.due->year());
        const int first_year = task_.deadline.first_year.value_or(last_year);
        const int months = task_.rules && task_.rules->months_after ? *task_.rules->months_after
                                                                    : rules_.period_months_after;
        for (int year = first_year; year < last_year; ++year) {
            const ReviewPeriod period{Recurrence::yearly, year, 0};
            if (day_number(period_last_day(period)) <= issued_) continue;
            if (task_.status.period(format_period(period)).status == WorkStatus::done) continue;
            before(review_due(period, months), rules_.review_days, NotificationKind::review, pack_period(period));
        }
    }

    int months_after(Recurrence cadence) const {
        auto it = rules_.months_after.find(cadence);
        return it == rules_.months_after.end() ? 0 : it->second;
    }

    void emit_to_leads(int day, NotificationKind kind, std::uint8_t level, std::int16_t step, std::uint16_t period) {
        if (day < from_ || day > to_) return;
        for (std::uint32_t lead : task_.lead) out_.push_back({day, index_, lead, step, period, kind, level});
    }

    const ScheduledTask& task_;
    std::int32_t index_;
    const ScheduleRules& rules_;
    const WorkingCalendar& calendar_;
    int from_;
    int to_;
    std::vector<PlannedNotification>& out_;
    int issued_;
};

}  // namespace

std::string_view to_string(NotificationKind kind) {
    switch (kind) {
        case NotificationKind::reminder: return "reminder";
        case NotificationKind::review: return "review";
        case NotificationKind::escalation: return "escalation";
        case NotificationKind::digest: return "digest";
    }
    return "reminder";
}

std::uint32_t NameTable::id(const std::string& name) {
    auto [it, inserted] = ids_.try_emplace(name, static_cast<std::uint32_t>(names_.size()));
    if (inserted) names_.push_back(name);
    return it->second;
}

Date review_due(const ReviewPeriod& period, int months_after) {
    const Date end = period_last_day(period);
    if (months_after == 0) return end;
    const int month_index = static_cast<int>(end.year()) * 12 + static_cast<int>(static_cast<unsigned>(end.month())) - 1 +
                            months_after;
    return last_day_of_month(month_index / 12, month_index % 12 + 1);
}

std::optional<Date> next_review(const ScheduledTask& task, const ScheduleRules& rules, Date today) {
    const Deadline& d = task.deadline;
    if (task.status.overall.status == WorkStatus::done) return std::nullopt;
    if (d.kind != DeadlineKind::recurring && d.kind != DeadlineKind::period) return std::nullopt;
    const bool is_period = d.kind == DeadlineKind::period;
    const Recurrence cadence =
        is_period ? Recurrence::yearly : (task.rules && task.rules->review ? *task.rules->review : d.recurrence);
    int months = is_period ? rules.period_months_after : 0;
    if (!is_period) {
        auto it = rules.months_after.find(cadence);
        if (it != rules.months_after.end()) months = it->second;
    }
    if (task.rules && task.rules->months_after) months = *task.rules->months_after;
    ReviewPeriod period = period_containing(cadence, task.plan_issued);
    if (period_last_day(period) <= task.plan_issued) period = next_period(period);
    for (int guard = 0; guard < 2000; ++guard, period = next_period(period)) {
        if (is_period && period.year >= static_cast<int>(d.due->year())) return std::nullopt;
        const Date due = review_due(period, months);
        if (due < today) continue;
        if (task.status.period(format_period(period)).status == WorkStatus::done) continue;
        return due;
    }
    return std::nullopt;
}

Timeline plan_timeline(const std::vector<ScheduledTask>& tasks, const NameTable& names, RoleIds roles,
                       const ScheduleRules& rules, const WorkingCalendar& calendar, Date from, Date to) {
    Timeline timeline(tasks, names, roles, rules.send_minutes);
    const int first = day_number(from);
    const int last = day_number(to);
    std::vector<PlannedNotification>& out = timeline.items;
    for (size_t i = 0; i < tasks.size(); ++i)
        TaskPlanner(tasks[i], static_cast<std::int32_t>(i), rules, calendar, first, last, out).plan();

    // The weekly digest, from the week of the earliest plan on.
    if (!tasks.empty()) {
        Date start = tasks.front().plan_issued;
        for (const auto& t : tasks) start = std::min(start, t.plan_issued);
        const int issued = day_number(start);
        // The first digest day on or after the plan's issue, or the last one
        // before the window (a digest moved off a holiday may land inside it).
        Date day = from_day_number(std::max(first - 14, issued));
        while (static_cast<int>(weekday_index(day)) != rules.digest_weekday) day = add_days(day, 1);
        for (; day_number(day) <= last; day = add_days(day, 7)) {
            const int sent = day_number(calendar.next_working_day(day));
            if (sent < first || sent > last) continue;
            // A break longer than a week: the next week's digest, on the same day, replaces this one.
            if (day_number(calendar.next_working_day(add_days(day, 7))) == sent) continue;
            const auto delay = static_cast<std::int16_t>(sent - day_number(day));
            out.push_back({sent, -1, roles.city_office, delay, 0, NotificationKind::digest, 0});
        }
    }

    // Going-out order.
    std::stable_sort(out.begin(), out.end(), [](const PlannedNotification& a, const PlannedNotification& b) {
        if (a.day != b.day) return a.day < b.day;
        if (a.kind != b.kind) return a.kind < b.kind;
        const auto task_a = static_cast<std::uint32_t>(a.task), task_b = static_cast<std::uint32_t>(b.task);
        if (task_a != task_b) return task_a < task_b;
        if (a.level != b.level) return a.level < b.level;
        return a.to < b.to;
    });
    return timeline;
}

std::string Timeline::at(const PlannedNotification& n) const {
    const Date d = n.date();
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:00+07:00", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()), send_minutes_ / 60,
                  send_minutes_ % 60);
    return buffer;
}

std::vector<std::string> Timeline::cc(const PlannedNotification& n) const {
    std::vector<std::uint32_t> ids;
    if (const ScheduledTask* t = task(n)) {
        ids = t->cooperating;
        if (n.kind == NotificationKind::escalation) {
            if (n.level >= 1) ids.push_back(roles_.monitoring);
            if (n.level >= 2) ids.push_back(roles_.city_office);
            if (n.level >= 3) ids.push_back(roles_.leadership);
        }
    } else {
        ids.push_back(roles_.monitoring);
    }
    std::vector<std::string> out;
    std::vector<std::uint32_t> seen{n.to};
    for (std::uint32_t id : ids) {
        if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
        seen.push_back(id);
        out.push_back(names_.name(id));
    }
    return out;
}

std::string Timeline::period(const PlannedNotification& n) const {
    if (n.kind == NotificationKind::digest) return format_iso_date(add_days(n.date(), -n.step));
    if (n.period == 0) return "";
    return format_period(unpack_period(n.period));
}

std::string Timeline::key(const PlannedNotification& n) const {
    std::string out;
    if (const ScheduledTask* t = task(n)) out = t->plan_number + "/" + std::to_string(t->plan_year) + "|" + t->code;
    else out = "*|*";
    const std::string p = period(n);
    out += "|" + (p.empty() ? std::string("-") : p) + "|" + std::string(to_string(n.kind));
    switch (n.kind) {
        case NotificationKind::reminder:
        case NotificationKind::review: out += "-" + std::to_string(n.step); break;
        case NotificationKind::escalation:
            out += "-" + std::to_string(n.level);
            if (n.level == 3) out += "." + std::to_string(n.step);
            break;
        case NotificationKind::digest: break;
    }
    return out + "|" + names_.name(n.to);
}

}  // namespace nhacviec
