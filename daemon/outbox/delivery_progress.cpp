#include "outbox/delivery_progress.h"

#include <algorithm>

#include <SQLiteCpp/Statement.h>

#include "common/clock.h"

namespace nhacviec {

using std::chrono::sys_seconds;

namespace {

// planned_through is written by format_vietnam_time: "2026-12-01T08:00:00+07:00".
std::optional<sys_seconds> parse_planned_through(std::string text) {
    if (text.size() > 6 && text.compare(text.size() - 6, 6, "+07:00") == 0) text.resize(text.size() - 6);
    return parse_vietnam_time(text);
}

// Days off a reminder (to the working day before) or an escalation or digest
// (to the working day after) may be moved over, with room to spare: the
// longest break, Tết, is nine days.
constexpr int kMovedOverDays = 31;

int longest(const std::vector<int>& days) { return days.empty() ? 0 : *std::max_element(days.begin(), days.end()); }

}  // namespace

Result<std::optional<sys_seconds>> DeliveryProgress::planned_through() {
    try {
        SQLite::Statement s(db_.sql(), "SELECT planned_through FROM delivery_progress WHERE id = 1");
        if (!s.executeStep()) return std::optional<sys_seconds>{};
        const auto through = parse_planned_through(s.getColumn(0).getString());
        if (!through) return Error{"delivery_progress: planned_through is not a time: " + s.getColumn(0).getString()};
        return std::optional<sys_seconds>{*through};
    } catch (const std::exception& e) {
        return db_.error(e);
    }
}

Status DeliveryProgress::advance(sys_seconds through) {
    auto current = planned_through();
    if (!current) return current.error();
    if (*current && **current >= through) return {};
    try {
        SQLite::Statement s(db_.sql(),
                            "INSERT INTO delivery_progress (id, planned_through) VALUES (1, ?) "
                            "ON CONFLICT (id) DO UPDATE SET planned_through = excluded.planned_through");
        s.bind(1, format_vietnam_time(through));
        s.exec();
        return {};
    } catch (const std::exception& e) {
        return db_.error(e);
    }
}

std::optional<int> catch_up_days(const ScheduleRules& rules, const ScheduledTasks& tasks) {
    int reach = std::max({7, longest(rules.reminder_days), longest(rules.review_days), rules.level2_after_days,
                          rules.level3_after_days, rules.level3_repeat_days});
    if (rules.level3_repeat_days <= 0) {
        // Unbounded unless no task escalates under the global ladder.
        for (const auto& t : tasks) {
            const TaskRules* own = t.rules;
            if (own && (own->escalate == false || (own->level3_repeat_days && *own->level3_repeat_days > 0))) continue;
            return std::nullopt;
        }
    }
    for (const auto& t : tasks) {
        const TaskRules* own = t.rules;
        if (!own) continue;
        if (own->reminder_days) reach = std::max(reach, longest(*own->reminder_days));
        if (own->escalate == false) continue;
        if (own->level3_repeat_days && *own->level3_repeat_days <= 0) return std::nullopt;
        reach = std::max({reach, own->level2_after_days.value_or(0), own->level3_after_days.value_or(0),
                          own->level3_repeat_days.value_or(0)});
    }
    return reach + kMovedOverDays;
}

Date planning_start(std::optional<sys_seconds> planned_through, sys_seconds now, std::optional<int> catch_up_days,
                    Date first_plan_day) {
    if (!planned_through || !catch_up_days) return first_plan_day;
    const Date window = add_days(vietnam_date(now), -*catch_up_days);
    return std::max(first_plan_day, std::min(vietnam_date(*planned_through), window));
}

}  // namespace nhacviec
