#include "app/task_view.h"

namespace nhacviec::app {

namespace {

nlohmann::json names(const std::vector<AgencyMention>& mentions) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& m : mentions) out.push_back(m.name);
    return out;
}

}  // namespace

nlohmann::json task_json(const Task& task, const ScheduledTask& scheduled, const Config& config,
                         const WorkingCalendar& calendar, Date today) {
    nlohmann::json deadline = to_json(task.deadline);
    const bool dated = task.deadline.due.has_value();
    deadline["legal_due"] = dated ? nlohmann::json(format_iso_date(calendar.legal_end(*task.deadline.due)))
                                  : nlohmann::json(nullptr);
    const auto review = next_review(scheduled, config.schedule, today);
    deadline["next_review"] = review ? nlohmann::json(format_iso_date(*review)) : nlohmann::json(nullptr);
    // Moved by the monitoring agency (an extension approved, a date set): how, and the deadline before.
    if (const auto& moved = scheduled.status.deadline_moved)
        deadline["moved"] = {{"why", moved->extension ? "extension" : "set"},
                             {"original_due", moved->original_due ? nlohmann::json(format_iso_date(*moved->original_due))
                                                                  : nlohmann::json(nullptr)},
                             {"by", moved->changed_by},
                             {"at", moved->changed_at}};
    nlohmann::json status = {{"state", to_string(scheduled.status.overall.status)}};
    status["done_on"] = scheduled.status.overall.done_on
                            ? nlohmann::json(format_iso_date(*scheduled.status.overall.done_on))
                            : nlohmann::json(nullptr);
    nlohmann::json periods = nlohmann::json::object();
    for (const auto& [period, entry] : scheduled.status.periods) {
        periods[period] = {{"state", to_string(entry.status)},
                           {"done_on", entry.done_on ? nlohmann::json(format_iso_date(*entry.done_on))
                                                     : nlohmann::json(nullptr)}};
    }
    status["periods"] = periods;
    if (scheduled.status.reminders_paused) status["reminders_paused"] = true;
    return {
        {"id", task.code},
        {"plan", task.plan_number},
        {"plan_year", task.plan_year},
        {"title", task.title},
        {"lead", names(task.lead)},
        {"cooperating", names(task.cooperating)},
        {"product", task.product},
        {"precondition", task.precondition ? nlohmann::json(*task.precondition) : nlohmann::json(nullptr)},
        {"deadline", deadline},
        {"status", status},
    };
}

}  // namespace nhacviec::app
