#include "content/notification_context.h"
#include "content/notification_reference.h"

#include <cstdio>

namespace nhacviec {
namespace {

int days_between(Date from, Date to) {
    return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : "; ") + name;
    return out;
}

const char* roman(int quarter) {
    static const char* const kRoman[] = {"", "I", "II", "III", "IV"};
    return quarter >= 1 && quarter <= 4 ? kRoman[quarter] : "";
}

}  // namespace

std::string period_in_words(const ReviewPeriod& period) {
    const std::string year = std::to_string(period.year);
    switch (period.cadence) {
        case Recurrence::monthly: return "tháng " + std::to_string(period.index) + "/" + year;
        case Recurrence::quarterly: return std::string("quý ") + roman(period.index) + "/" + year;
        case Recurrence::half_yearly: return (period.index == 1 ? "6 tháng đầu năm " : "6 tháng cuối năm ") + year;
        case Recurrence::yearly:
        case Recurrence::none: break;
    }
    return "năm " + year;
}

nlohmann::json notification_context(const Timeline& timeline, const PlannedNotification& n, const Task& task,
                                    const ScheduleRules& rules, const WorkingCalendar& calendar,
                                    const std::string& monitoring, std::optional<Date> sent_on) {
    const ScheduledTask* scheduled = timeline.task(n);
    const Date sent = sent_on.value_or(n.date());
    nlohmann::json c;
    c["key"] = timeline.key(n);
    c["reference"] = notification_reference(timeline.key(n));
    c["to"] = timeline.name(n.to);
    c["cc_text"] = joined(timeline.cc(n));
    c["lead_text"] = joined_names(task.lead);
    c["cooperating_text"] = joined_names(task.cooperating);
    c["monitoring"] = monitoring;
    std::string plan_name = "Kế hoạch số " + task.plan_number;
    if (scheduled) plan_name += " ngày " + format_vietnamese_date(scheduled->plan_issued);
    c["plan"] = {{"name", plan_name}, {"number", task.plan_number}};
    c["task"] = {{"code", task.code}, {"title", task.title}, {"product", task.product}};
    nlohmann::json deadline = {{"text", task.deadline.text}, {"due", ""}, {"legal_due", ""}};
    if (task.deadline.due) {
        const Date legal_end = calendar.legal_end(*task.deadline.due);
        deadline["due"] = format_vietnamese_date(*task.deadline.due);
        deadline["legal_due"] = format_vietnamese_date(legal_end);
        if (n.kind == NotificationKind::reminder) c["days_left"] = days_between(sent, *task.deadline.due);
        if (n.kind == NotificationKind::escalation) c["days_overdue"] = days_between(legal_end, sent);
    }
    c["deadline"] = deadline;
    c["precondition"] = task.precondition.value_or("");
    c["level1"] = n.kind == NotificationKind::escalation && n.level == 1;
    c["level2"] = n.kind == NotificationKind::escalation && n.level == 2;
    c["level3"] = n.kind == NotificationKind::escalation && n.level == 3;
    if (n.period != 0 && scheduled) {
        const ReviewPeriod period = unpack_period(n.period);
        const Date due = review_date(*scheduled, period, review_rule(*scheduled, rules).months_after);
        c["period_label"] = period_in_words(period);
        c["review_due"] = format_vietnamese_date(due);
        if (n.kind == NotificationKind::review) c["days_left"] = days_between(sent, due);
    }
    return c;
}

}  // namespace nhacviec
