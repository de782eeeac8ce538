#include "outbox/decision_entry.h"

#include "agency/agency_splitter.h"
#include "common/clock.h"
#include "content/notification_context.h"
#include "content/notification_reference.h"
#include "outbox/answer_message_parts.h"
#include "outbox/entry_builder.h"

namespace nhacviec {

namespace {

// When an answer came: its stored time stamp ("2026-10-05T09:12:00+07:00") in
// words ("09:12 ngày 05/10/2026"), or as stored when it does not read.
std::string moment_words(const std::string& stamp) {
    std::string_view local = stamp;
    if (local.ends_with("+07:00")) local.remove_suffix(6);
    const auto at = parse_vietnam_time(local);
    return at ? format_vietnamese_moment(*at) : stamp;
}

}  // namespace

std::string decision_key(const Task& task, const Answer& answer) {
    return task.plan_number + "/" + std::to_string(task.plan_year) + "|" + task.code + "|" +
           (answer.period.empty() ? std::string("-") : answer.period) + "|decision-" + std::to_string(answer.id) +
           "|" + answer.agency;
}

nlohmann::json decision_context(const DecisionNotice& notice, const std::string& monitoring,
                                const WorkingCalendar& calendar, std::chrono::sys_seconds decided_at) {
    const Task& task = notice.task;
    const Answer& answer = notice.answer;
    const std::string key = decision_key(task, answer);
    nlohmann::json c;
    c["key"] = key;
    c["reference"] = notification_reference(key);
    c["to"] = answer.agency;
    c["monitoring"] = monitoring;
    c["lead_text"] = joined_names(task.lead);
    c["cooperating_text"] = joined_names(task.cooperating);
    c["plan"] = {{"name", "Kế hoạch số " + task.plan_number + " ngày " + format_vietnamese_date(notice.plan_issued)},
                 {"number", task.plan_number}};
    c["task"] = {{"code", task.code}, {"title", task.title}, {"product", task.product}};
    c["deadline"] = deadline_in_words(task, calendar);
    c["period"] = answer.period;
    c["period_label"] = period_label_of(answer.period);
    c["kind"] = {{"returned", notice.decision == AnswerDecision::returned},
                 {"refused", notice.decision == AnswerDecision::refused}};
    c["reason"] = notice.reason;
    c["done_on"] = date_words_or_empty(answer.done_on);
    c["document_number"] = answer.document_number;
    c["document_date"] = date_words_or_empty(answer.document_date);
    c["proposed_due"] = date_words_or_empty(answer.proposed_due);
    c["answered_at"] = moment_words(answer.answered_at);
    c["decided_at"] = format_vietnamese_moment(decided_at);
    c["answer_url"] = notice.answer_url;
    c["answer_by_letter"] = notice.answer_url.empty();
    return c;
}

OutboxEntry decision_entry(const DecisionNotice& notice, const Config& config, const AgencyDirectory& directory,
                           const WorkingCalendar& calendar, const MessageTemplates& templates,
                           std::chrono::sys_seconds decided_at) {
    const Task& task = notice.task;
    const Answer& answer = notice.answer;
    const std::string& monitoring = directory.roles().monitoring;
    OutboxEntry entry;
    entry.key = decision_key(task, answer);
    entry.kind = NotificationKind::decision;
    entry.task_code = task.code;
    entry.agency = answer.agency;
    entry.due_at = decided_at;

    add_agency_deliveries(directory, answer.agency, entry);

    const nlohmann::json context = decision_context(notice, monitoring, calendar, decided_at);
    entry.message = templates.render(NotificationKind::decision, context);
    entry.thread_id = task_thread_id(config, task.plan_number, task.plan_year, task.code);
    entry.message_id = notification_message_id(config, entry.key, decided_at);
    entry.answer_url = notice.answer_url;

    const bool returned = notice.decision == AnswerDecision::returned;
    nlohmann::json data = {
        {"key", entry.key},
        {"kind", "decision"},
        {"reference", context["reference"]},
        {"plan", task.plan_number + "/" + std::to_string(task.plan_year)},
        {"task", {{"id", task.code}, {"title", task.title}, {"product", task.product}}},
        {"period", answer.period.empty() ? nlohmann::json(nullptr) : nlohmann::json(answer.period)},
        {"decision",
         {{"answer_id", answer.id},
          {"kind", returned ? "returned" : "refused"},
          {"reason", notice.reason},
          {"by", monitoring},
          {"decided_at", format_vietnam_time(decided_at)}}},
        {"answer",
         {{"kind", to_string(answer.kind)},
          {"agency", answer.agency},
          {"done_on", iso_date_or_null(answer.done_on)},
          {"document_number", answer.document_number.empty() ? nlohmann::json(nullptr)
                                                             : nlohmann::json(answer.document_number)},
          {"document_date", iso_date_or_null(answer.document_date)},
          {"proposed_due", iso_date_or_null(answer.proposed_due)},
          {"answered_at", answer.answered_at}}},
        {"recipients", {{"to", {answer.agency}}, {"cc", nlohmann::json::array()}}},
        {"subject", entry.message.subject},
        {"text", entry.message.text},
        {"answer_url", notice.answer_url.empty() ? nlohmann::json(nullptr) : nlohmann::json(notice.answer_url)}};
    // Each webhook delivery adds its agency and the moment it is sent (webhook_body()).
    entry.payload = nlohmann::json{{"type", "nhacviec.decision"},
                                   {"planned_at", format_vietnam_time(decided_at)},
                                   {"data", std::move(data)}}
                        .dump();
    return entry;
}

}  // namespace nhacviec
