// The timeline: every notification the rules plan for a set of tasks between
// two dates (domain guide §6) — reminders before deadlines, review reminders
// for recurring tasks, escalations in three levels once a deadline has passed,
// and the weekly digest. A task or review period that is done, or whose
// reported completion awaits confirmation, gets none; nor does a task whose
// reminders the monitoring agency paused. Pure: the tasks, their statuses, the rules, the
// calendar and the window go in; planned notifications come out. Nothing here
// reads a clock, so a test walks years in milliseconds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "calendar/working_calendar.h"
#include "common/date.h"
#include "common/shared_chunks.h"
#include "deadline/deadline.h"
#include "schedule/review_period.h"
#include "schedule/schedule_rules.h"
#include "status/task_status.h"

namespace nhacviec {

// What a notification is. The timeline plans the first four; `answer` (the
// monitoring agency told of an agency's answer) is written to the outbox
// when the answer is recorded, and `decision` (an agency told that its
// completion report was returned or its extension request refused) when the
// decision is; neither is ever planned.
enum class NotificationKind : std::uint8_t { reminder, review, escalation, digest, answer, decision };
// "reminder", "review", "escalation", "digest", "answer", "decision"
std::string_view to_string(NotificationKind kind);

// Agency names as small numbers, so that millions of planned notifications
// stay small. Owned by whoever builds the timeline's input.
class NameTable {
public:
    std::uint32_t id(const std::string& name);
    const std::string& name(std::uint32_t id) const { return names_[id]; }
    size_t size() const { return names_.size(); }

private:
    std::vector<std::string> names_;
    std::unordered_map<std::string, std::uint32_t> ids_;
};

// What the timeline needs to know of one task. Built by the caller from the
// stored task and its status.
struct ScheduledTask {
    std::string plan_number;  // "90/KH-UBND"
    int plan_year = 0;
    Date plan_issued;         // nothing is planned before the plan was issued
    std::string code;         // "I.3"
    Deadline deadline;
    std::vector<std::uint32_t> lead;         // NameTable ids
    std::vector<std::uint32_t> cooperating;  // NameTable ids
    std::vector<std::uint32_t> extra_cc;     // NameTable ids of the agencies its rules copy in addition
    TaskStatus status;
    const TaskRules* rules = nullptr;        // per-task rules, or nullptr

    bool operator==(const ScheduledTask&) const = default;
};

// The tasks as the timeline sees them, in task order: chunks shared between
// the plan states that hold the same tasks, so that a state read again after
// a few statuses changed copies only the chunks of those tasks. Owned by its
// PlanState; read by any thread once the state is published, never written then.
using ScheduledTasks = SharedChunks<ScheduledTask>;

// The agencies with a standing role, as NameTable ids.
struct RoleIds {
    std::uint32_t monitoring;
    std::uint32_t city_office;
    std::uint32_t leadership;
};

// One planned notification, 20 bytes. Its recipients beyond `to` and its
// stable key are derived from the task and the roles (see Timeline).
struct PlannedNotification {
    std::int32_t day;       // the day it goes out, as days since 1970-01-01
    std::int32_t task;      // index into the task list; -1 for the digest
    std::uint32_t to;       // NameTable id of the addressee
    std::int16_t step;      // reminder/review: days before the due day; level 3: repetition (1, 2, …);
                            // digest: days it was moved past its weekday
    std::uint16_t period;   // pack_period() of the review period; 0 when none
    NotificationKind kind;
    std::uint8_t level;     // escalation level 1–3; 0 otherwise

    Date date() const { return Date{std::chrono::sys_days{std::chrono::days{day}}}; }
};

// The planned notifications of a window, in the order they go out (day, time
// of day, kind, task order, level, addressee), with what is needed to
// describe each one.
class Timeline {
public:
    Timeline(const ScheduledTasks& tasks, const NameTable& names, RoleIds roles, int send_minutes)
        : tasks_(tasks), names_(names), roles_(roles), send_minutes_(send_minutes) {}

    std::vector<PlannedNotification> items;

    // "2026-03-31T08:00:00+07:00": the day at the send time of the task's rules, or the global one.
    std::string at(const PlannedNotification& n) const;
    // The minutes after midnight it goes out.
    int send_minutes(const PlannedNotification& n) const;
    // Canonical names of the copied agencies: cooperating agencies, those the
    // task's rules add, and for escalations the monitoring agency (level 1),
    // the city office (level 2) and the city leadership (level 3); for the
    // digest, the monitoring agency.
    std::vector<std::string> cc(const PlannedNotification& n) const;
    // The stable identity: plan|task|period|kind-step|addressee, e.g.
    // "90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính".
    std::string key(const PlannedNotification& n) const;
    // The review period's name ("2026-Q3"), or "" when none; for the digest, the day of the week it covers.
    std::string period(const PlannedNotification& n) const;
    const ScheduledTask* task(const PlannedNotification& n) const {
        return n.task < 0 ? nullptr : &tasks_[static_cast<size_t>(n.task)];
    }
    const std::string& name(std::uint32_t id) const { return names_.name(id); }

private:
    const ScheduledTasks& tasks_;
    const NameTable& names_;
    RoleIds roles_;
    int send_minutes_;
};

// Plans every notification that goes out on a day in [from, to] (inclusive).
Timeline plan_timeline(const ScheduledTasks& tasks, const NameTable& names, RoleIds roles,
                       const ScheduleRules& rules, const WorkingCalendar& calendar, Date from, Date to);

// How a recurring task (or a multi-year period's yearly progress review) is
// reviewed: the cadence of its periods, and how many months after a period
// ends its review is due. The task's own rules first, then its family's.
struct ReviewRule {
    Recurrence cadence = Recurrence::none;
    int months_after = 0;
};
ReviewRule review_rule(const ScheduledTask& task, const ScheduleRules& rules);

// The next review date of a recurring task (or of a period's yearly review)
// on or after `today`, skipping periods marked done or whose completion awaits
// confirmation; nullopt when none (or the whole task is done or awaits).
std::optional<Date> next_review(const ScheduledTask& task, const ScheduleRules& rules, Date today);

// The review due date of one period under the rules.
Date review_due(const ReviewPeriod& period, int months_after);

// The review date of one period of `task`: the day an approved extension
// moved it to (TaskStatus::periods_moved), or the rules' date.
Date review_date(const ScheduledTask& task, const ReviewPeriod& period, int months_after);

// The next review of a recurring task (or of a period's yearly review) on or
// after `today` as next_review finds it, with its period.
struct NextReview {
    ReviewPeriod period;
    Date due;
};
std::optional<NextReview> next_review_period(const ScheduledTask& task, const ScheduleRules& rules, Date today);

// Enumerates the review periods of a task with its review date (moved by an
// approved extension, or the rules' date), in period order, as the timeline plans them: for a recurring task every period of its
// cadence from the first that ends after the plan was issued, open-ended; for
// a multi-year period the yearly progress reviews of each year but the last
// (the deadline's own reminders cover it) that ends after the plan was issued.
// Periods marked done are visited too. `visit(const ReviewPeriod&, Date due)`
// returns false to stop. Nothing for other tasks or without a cadence.
template <class Visit>
void for_each_review(const ScheduledTask& task, const ScheduleRules& rules, Visit&& visit) {
    const DeadlineKind kind = task.deadline.kind;
    if (kind != DeadlineKind::recurring && kind != DeadlineKind::period) return;
    const ReviewRule rule = review_rule(task, rules);
    if (kind == DeadlineKind::period) {
        const int last_year = static_cast<int>(task.deadline.due->year());
        for (int year = task.deadline.first_year.value_or(last_year); year < last_year; ++year) {
            const ReviewPeriod period{Recurrence::yearly, year, 0};
            if (period_last_day(period) <= task.plan_issued) continue;
            if (!visit(period, review_date(task, period, rule.months_after))) return;
        }
        return;
    }
    if (rule.cadence == Recurrence::none) return;
    ReviewPeriod period = period_containing(rule.cadence, task.plan_issued);
    if (period_last_day(period) <= task.plan_issued) period = next_period(period);
    for (;; period = next_period(period))
        if (!visit(period, review_date(task, period, rule.months_after))) return;
}

}  // namespace nhacviec
