#include "schedule/timeline.h"

#include <algorithm>

#include "common/clock.h"

namespace nhacviec {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// Done, or its completion reported and awaiting confirmation: nothing more is planned for it.
bool task_settled(const TaskStatus& status) {
    return status.overall.status == WorkStatus::done || status.awaiting_for("") != nullptr;
}

int day_number(Date date) { return static_cast<int>(sys_days{date}.time_since_epoch().count()); }
Date from_day_number(int day) { return Date{sys_days{days{day}}}; }

// Lead times sorted from the farthest to the nearest, as `before` wants them.
std::vector<int> farthest_first(std::vector<int> steps) {
    std::sort(steps.begin(), steps.end(), std::greater<>());
    return steps;
}

// What the planner needs of the rules, prepared once per timeline.
struct PreparedRules {
    const ScheduleRules& rules;
    std::vector<int> reminder_steps = farthest_first(rules.reminder_days);
    std::vector<int> review_steps = farthest_first(rules.review_days);
};

// Plans the notifications of one task into `out`, keeping those in [from, to].
// Days are numbered from 1970-01-01 throughout.
class TaskPlanner {
public:
    TaskPlanner(const ScheduledTask& task, std::int32_t index, const PreparedRules& prepared,
                const WorkingCalendar& calendar, int from, int to, std::vector<PlannedNotification>& out)
        : task_(task), index_(index), prepared_(prepared), rules_(prepared.rules), calendar_(calendar), from_(from),
          to_(to), out_(out), issued_(day_number(task.plan_issued)) {
        if (task.rules && task.rules->reminder_days) {
            own_reminder_steps_ = farthest_first(*task.rules->reminder_days);
            reminder_steps_ = &own_reminder_steps_;
        }
    }

    void plan() {
        if (task_settled(task_.status) || task_.status.reminders_paused) return;
        const Deadline& d = task_.deadline;
        switch (d.kind) {
            case DeadlineKind::fixed:
                deadline_ladder(day_number(*d.due));
                break;
            case DeadlineKind::period:
                period_reviews();
                deadline_ladder(day_number(*d.due));
                break;
            case DeadlineKind::recurring:
                recurring_reviews();
                break;
            case DeadlineKind::undetermined:
                break;  // only its line in the digest
        }
    }

    // At least as many notifications as plan() adds, cheaply, so that the
    // caller can reserve room once instead of growing the vector.
    size_t upper_bound() const {
        if (task_settled(task_.status) || task_.status.reminders_paused) return 0;
        const size_t leads = task_.lead.size();
        const Deadline& d = task_.deadline;
        size_t n = 0;
        if (d.kind == DeadlineKind::fixed || d.kind == DeadlineKind::period) {
            const int due = day_number(*d.due);
            n += reminder_steps().size() + 2;
            const int repeat = std::max(std::min(level3_repeat_days(), level3_after_days()), 1);
            if (to_ > due) n += static_cast<size_t>((to_ - due) / repeat + 2);
            if (d.kind == DeadlineKind::period)
                n += static_cast<size_t>(std::max(0, static_cast<int>(d.due->year()) - d.first_year.value_or(0)) + 1) *
                     prepared_.review_steps.size();
        } else if (d.kind == DeadlineKind::recurring) {
            const Recurrence cadence = task_.rules && task_.rules->review ? *task_.rules->review : d.recurrence;
            const int shortest = cadence == Recurrence::monthly       ? 28
                                 : cadence == Recurrence::quarterly   ? 89
                                 : cadence == Recurrence::half_yearly ? 181
                                                                      : 365;
            const int days = to_ - std::max(from_, issued_);
            if (days >= 0) n += static_cast<size_t>(days / shortest + 2) * prepared_.review_steps.size();
        }
        // A period moved by an extension may come into the window from before it.
        if (task_.status.periods_moved) n += task_.status.periods_moved->size() * prepared_.review_steps.size();
        return n * leads;
    }

private:
    const std::vector<int>& reminder_steps() const { return *reminder_steps_; }
    bool escalates() const { return !(task_.rules && task_.rules->escalate == false); }
    int level2_after_days() const {
        return task_.rules ? task_.rules->level2_after_days.value_or(rules_.level2_after_days) : rules_.level2_after_days;
    }
    int level3_after_days() const {
        return task_.rules ? task_.rules->level3_after_days.value_or(rules_.level3_after_days) : rules_.level3_after_days;
    }
    int level3_repeat_days() const {
        return task_.rules ? task_.rules->level3_repeat_days.value_or(rules_.level3_repeat_days)
                           : rules_.level3_repeat_days;
    }

    int previous_working(int day) const { return static_cast<int>(calendar_.previous_working_day(long{day})); }
    int next_working(int day) const { return static_cast<int>(calendar_.next_working_day(long{day})); }

    // Reminders (or review reminders) before `due`, each moved to the previous
    // working day; of steps that land on the same day only the nearest is kept.
    // `steps` runs from the farthest to the nearest.
    void before(int due, const std::vector<int>& steps, NotificationKind kind, std::uint16_t period) {
        // Reminders fall on or before the due day, the farthest first: none can be in the window when the due
        // day is before it or the farthest reminder after it.
        if (steps.empty() || due < from_ || previous_working(due - steps.front()) > to_) return;
        for (size_t i = 0; i < steps.size(); ++i) {
            const int day = previous_working(due - steps[i]);
            if (day < issued_) continue;
            // The next (nearer) step lands on the same day: it replaces this one.
            if (i + 1 < steps.size() && previous_working(due - steps[i + 1]) == day) continue;
            emit_to_leads(day, kind, 0, static_cast<std::int16_t>(steps[i]), period);
        }
    }

    // Reminders before a deadline, then the escalation ladder after its legal end.
    void deadline_ladder(int due) {
        before(due, reminder_steps(), NotificationKind::reminder, 0);
        if (!escalates() || task_.status.overall.status == WorkStatus::waiting) return;
        const int legal_end = next_working(due);
        const int level1 = next_working(legal_end + 1);
        const int level2 = next_working(legal_end + level2_after_days());
        int level3_offset = level3_after_days();
        int level3 = next_working(legal_end + level3_offset);
        // A level that lands on the same day as the next one gives way to it.
        if (level1 != level2) emit_to_leads(level1, NotificationKind::escalation, 1, 0, 0);
        if (level2 != level3) emit_to_leads(level2, NotificationKind::escalation, 2, 0, 0);
        if (level3_repeat_days() <= 0) return emit_to_leads(level3, NotificationKind::escalation, 3, 1, 0);
        for (std::int16_t repetition = 1; level3 <= to_; ++repetition) {
            emit_to_leads(level3, NotificationKind::escalation, 3, repetition, 0);
            level3_offset += level3_repeat_days();
            level3 = next_working(legal_end + level3_offset);
        }
    }

    // Done, or its completion awaiting confirmation.
    bool period_done(const ReviewPeriod& period) const {
        if (task_.status.periods.empty() && task_.status.awaiting.empty()) return false;
        const std::string name = format_period(period);
        return task_.status.period(name).status == WorkStatus::done || task_.status.awaiting_for(name) != nullptr;
    }

    // The review reminders of each period of a recurring task, as far as the window reaches.
    void recurring_reviews() {
        for_each_review(task_, rules_, [&](const ReviewPeriod& period, Date due) {
            if (day_number(period_first_day(period)) > to_) return false;
            if (!period_done(period))
                before(day_number(due), prepared_.review_steps, NotificationKind::review, pack_period(period));
            return true;
        });
    }

    // The yearly progress reviews of a multi-year period, except its last year
    // (the deadline's own reminders cover it).
    void period_reviews() {
        for_each_review(task_, rules_, [&](const ReviewPeriod& period, Date due) {
            if (!period_done(period))
                before(day_number(due), prepared_.review_steps, NotificationKind::review, pack_period(period));
            return true;
        });
    }

    void emit_to_leads(int day, NotificationKind kind, std::uint8_t level, std::int16_t step, std::uint16_t period) {
        if (day < from_ || day > to_) return;
        for (std::uint32_t lead : task_.lead) out_.push_back({day, index_, lead, step, period, kind, level});
    }

    const ScheduledTask& task_;
    std::int32_t index_;
    const PreparedRules& prepared_;
    const ScheduleRules& rules_;
    const WorkingCalendar& calendar_;
    int from_;
    int to_;
    std::vector<PlannedNotification>& out_;
    int issued_;
    std::vector<int> own_reminder_steps_;  // the task's own lead times, when it has them
    const std::vector<int>* reminder_steps_ = &prepared_.reminder_steps;
};

// Puts the notifications in going-out order: by day with an in-place bucket
// distribution (linear, no second buffer), then each day by time of day,
// kind, task, level, addressee, period and step. `minutes[i]` is task i's
// own send time; empty when every task goes out at the global time.
void sort_for_sending(std::vector<PlannedNotification>& items, int first_day, int last_day,
                      const std::vector<int>& minutes) {
    const size_t buckets = static_cast<size_t>(last_day - first_day + 1);
    const auto bucket = [&](const PlannedNotification& n) { return static_cast<size_t>(n.day - first_day); };
    std::vector<size_t> begin(buckets + 1, 0);
    for (const auto& n : items) ++begin[bucket(n) + 1];
    for (size_t b = 0; b < buckets; ++b) begin[b + 1] += begin[b];
    std::vector<size_t> next(begin.begin(), begin.end() - 1);
    for (size_t b = 0; b < buckets; ++b) {
        while (next[b] < begin[b + 1]) {
            const size_t target = bucket(items[next[b]]);
            if (target == b) ++next[b];
            else std::swap(items[next[b]], items[next[target]++]);
        }
    }
    const auto time_of = [&](const PlannedNotification& n) {
        return minutes.empty() || n.task < 0 ? 0 : minutes[static_cast<size_t>(n.task)];
    };
    const auto within = [&](const PlannedNotification& a, const PlannedNotification& b) {
        if (!minutes.empty() && time_of(a) != time_of(b)) return time_of(a) < time_of(b);
        if (a.kind != b.kind) return a.kind < b.kind;
        const auto task_a = static_cast<std::uint32_t>(a.task), task_b = static_cast<std::uint32_t>(b.task);
        if (task_a != task_b) return task_a < task_b;
        if (a.level != b.level) return a.level < b.level;
        if (a.to != b.to) return a.to < b.to;
        if (a.period != b.period) return a.period < b.period;
        return a.step < b.step;
    };
    for (size_t b = 0; b < buckets; ++b)
        std::sort(items.begin() + static_cast<long>(begin[b]), items.begin() + static_cast<long>(begin[b + 1]), within);
}

}  // namespace

std::string_view to_string(NotificationKind kind) {
    switch (kind) {
        case NotificationKind::reminder: return "reminder";
        case NotificationKind::review: return "review";
        case NotificationKind::escalation: return "escalation";
        case NotificationKind::digest: return "digest";
        case NotificationKind::answer: return "answer";
        case NotificationKind::decision: return "decision";
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

ReviewRule review_rule(const ScheduledTask& task, const ScheduleRules& rules) {
    ReviewRule rule;
    if (task.deadline.kind == DeadlineKind::period) {
        rule = {Recurrence::yearly, rules.period_months_after};
    } else {
        rule.cadence = task.rules && task.rules->review ? *task.rules->review : task.deadline.recurrence;
        if (auto it = rules.months_after.find(rule.cadence); it != rules.months_after.end())
            rule.months_after = it->second;
    }
    if (task.rules && task.rules->months_after) rule.months_after = *task.rules->months_after;
    return rule;
}

Date review_date(const ScheduledTask& task, const ReviewPeriod& period, int months_after) {
    if (task.status.periods_moved)
        if (const DeadlineMove* moved = task.status.period_moved(format_period(period))) return moved->due;
    return review_due(period, months_after);
}

std::optional<NextReview> next_review_period(const ScheduledTask& task, const ScheduleRules& rules, Date today) {
    if (task_settled(task.status)) return std::nullopt;
    std::optional<NextReview> next;
    int guard = 0;
    for_each_review(task, rules, [&](const ReviewPeriod& period, Date due) {
        if (++guard > 2000) return false;
        // A moved period may fall due after the ones that follow it: the earliest date wins.
        if (next && period_first_day(period) > next->due) return false;
        if (due < today) return true;
        const std::string name = format_period(period);
        if (task.status.period(name).status == WorkStatus::done || task.status.awaiting_for(name)) return true;
        if (!next || due < next->due) next = NextReview{period, due};
        return true;
    });
    return next;
}

std::optional<Date> next_review(const ScheduledTask& task, const ScheduleRules& rules, Date today) {
    const auto next = next_review_period(task, rules, today);
    return next ? std::optional<Date>(next->due) : std::nullopt;
}

Timeline plan_timeline(const ScheduledTasks& tasks, const NameTable& names, RoleIds roles,
                       const ScheduleRules& rules, const WorkingCalendar& calendar, Date from, Date to) {
    Timeline timeline(tasks, names, roles, rules.send_minutes);
    const int first = day_number(from);
    const int last = day_number(to);
    if (last < first) return timeline;
    std::vector<PlannedNotification>& out = timeline.items;
    const PreparedRules prepared{rules};

    size_t bound = static_cast<size_t>((last - first) / 7 + 2);  // digests
    for (size_t i = 0; i < tasks.size(); ++i)
        bound += TaskPlanner(tasks[i], static_cast<std::int32_t>(i), prepared, calendar, first, last, out).upper_bound();
    out.reserve(bound);
    for (size_t i = 0; i < tasks.size(); ++i)
        TaskPlanner(tasks[i], static_cast<std::int32_t>(i), prepared, calendar, first, last, out).plan();

    // The weekly digest, from the week of the earliest plan on.
    if (!tasks.empty()) {
        Date start = tasks.front().plan_issued;
        for (const auto& t : tasks) start = std::min(start, t.plan_issued);
        const int issued = day_number(start);
        // The first digest day on or after the plan's issue, or the last one
        // before the window (a digest moved off a holiday may land inside it).
        Date day = from_day_number(std::max(first - 14, issued));
        while (static_cast<int>(weekday_index(day)) != rules.digest_weekday) day = add_days(day, 1);
        for (int monday = day_number(day); monday <= last; monday += 7) {
            const int sent = static_cast<int>(calendar.next_working_day(long{monday}));
            if (sent < first || sent > last) continue;
            // A break longer than a week: the next week's digest, on the same day, replaces this one.
            if (calendar.next_working_day(long{monday + 7}) == sent) continue;
            const auto delay = static_cast<std::int16_t>(sent - monday);
            out.push_back({sent, -1, roles.city_office, delay, 0, NotificationKind::digest, 0});
        }
    }
    // Tasks with a send time of their own sort by it within their day; the digest keeps the global one.
    std::vector<int> minutes;
    for (size_t i = 0; i < tasks.size(); ++i) {
        if (tasks[i].rules && tasks[i].rules->send_minutes) {
            minutes.assign(tasks.size(), rules.send_minutes);
            for (size_t k = 0; k < tasks.size(); ++k)
                if (tasks[k].rules && tasks[k].rules->send_minutes) minutes[k] = *tasks[k].rules->send_minutes;
            break;
        }
    }
    sort_for_sending(out, first, last, minutes);
    return timeline;
}

int Timeline::send_minutes(const PlannedNotification& n) const {
    const ScheduledTask* t = task(n);
    return t && t->rules && t->rules->send_minutes ? *t->rules->send_minutes : send_minutes_;
}

std::string Timeline::at(const PlannedNotification& n) const {
    return format_vietnam_time(vietnam_time(n.date(), send_minutes(n)));
}

std::vector<std::string> Timeline::cc(const PlannedNotification& n) const {
    std::vector<std::uint32_t> ids;
    if (const ScheduledTask* t = task(n)) {
        ids = t->cooperating;
        ids.insert(ids.end(), t->extra_cc.begin(), t->extra_cc.end());
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
        case NotificationKind::digest:
        case NotificationKind::answer:
        case NotificationKind::decision: break;
    }
    return out + "|" + names_.name(n.to);
}

}  // namespace nhacviec
