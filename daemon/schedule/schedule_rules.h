// ScheduleRules: when reminders, review reminders, escalations and the weekly
// digest go out (domain guide §6). Defaults are the guide's; every value can
// be set in the [schedule], [escalation], [review.*] and [[task]] sections of
// the configuration (config/nhacviec.example.toml documents them). A value,
// part of Config.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "deadline/deadline.h"

namespace nhacviec {

// How one task departs from the rules of its deadline family.
struct TaskRules {
    std::optional<Deadline> deadline;               // a date set for the task, replacing its deadline as written
    std::optional<std::vector<int>> reminder_days;  // days before the due day
    std::optional<Recurrence> review;               // review cadence instead of the deadline's
    std::optional<int> months_after;                // review due this many months after each period ends
    std::optional<bool> escalate;                   // false: never escalate this task
    std::optional<int> send_minutes;                // its own time of day
    std::optional<int> level2_after_days;           // its own escalation ladder
    std::optional<int> level3_after_days;
    std::optional<int> level3_repeat_days;
    std::vector<std::string> cc;                    // agencies copied on all its notifications, besides the usual
};

struct ScheduleRules {
    // [schedule] send_time: the time of day notifications go out, in minutes after midnight (08:00).
    int send_minutes = 8 * 60;
    // [schedule] reminder_days: reminders before a deadline, in days before the due day (0 = on the day).
    std::vector<int> reminder_days = {30, 14, 7, 3, 1, 0};
    // [schedule] review_days: review reminders before each review date of a recurring task.
    std::vector<int> review_days = {14, 3, 0};
    // [schedule] due_soon_days: a task due within this many days is "Sắp đến hạn" in reports.
    int due_soon_days = 3;
    // [schedule] digest_weekday: the weekly digest's day (1 = Monday … 5 = Friday); moved to the next working day.
    int digest_weekday = 1;

    // [escalation] level2_after_days, level3_after_days, level3_repeat_days: counted from the legal end of
    // the deadline; level 1 goes out on the first working day after it.
    int level2_after_days = 7;
    int level3_after_days = 30;
    int level3_repeat_days = 30;

    // [review.monthly|quarterly|half_yearly|yearly|period] months_after: a review is due on the last day of
    // its period, or this many months later (a yearly report due on 31 March of the next year: 3). "Thường
    // xuyên" reviews quarterly, so [review.quarterly] also governs it.
    std::map<Recurrence, int> months_after;  // missing: 0
    int period_months_after = 0;             // the yearly progress review of a multi-year period

    // [[task]]: per-task rules, by "PLAN|CODE" (e.g. "90/KH-UBND|II.5.11") or by "CODE" for any plan.
    std::map<std::string, TaskRules> tasks;

    // The rules for one task, or nullptr.
    const TaskRules* task_rules(const std::string& plan_number, const std::string& code) const {
        if (auto it = tasks.find(plan_number + "|" + code); it != tasks.end()) return &it->second;
        if (auto it = tasks.find(code); it != tasks.end()) return &it->second;
        return nullptr;
    }
};

}  // namespace nhacviec
