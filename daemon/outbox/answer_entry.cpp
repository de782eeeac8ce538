#include "outbox/answer_entry.h"

#include "common/clock.h"
#include "content/notification_context.h"
#include "content/notification_reference.h"
#include "outbox/answer_message_parts.h"
#include "outbox/entry_builder.h"

namespace nhacviec {

namespace {

nlohmann::json text_or_null(const std::string& text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

}  // namespace

std::string answer_key(const Task& task, const Answer& answer) {
    return task.plan_number + "/" + std::to_string(task.plan_year) + "|" + task.code + "|" +
           (answer.period.empty() ? std::string("-") : answer.period) + "|answer-" + std::to_string(answer.id) + "|" +
           answer.agency;
}

nlohmann::json answer_context(const Answer& answer, const AnsweredTask& about, const std::string& monitoring,
                              const WorkingCalendar& calendar, std::chrono::sys_seconds recorded_at) {
    const Task& task = about.task;
    const std::string key = answer_key(task, answer);
    nlohmann::json c;
    c["key"] = key;
    c["reference"] = notification_reference(key);
    c["to"] = monitoring;
    c["monitoring"] = monitoring;
    c["agency"] = answer.agency;
    c["from_cooperating"] = about.from_cooperating;
    c["role_text"] = about.from_cooperating ? "cơ quan phối hợp" : "cơ quan chủ trì";
    c["lead_text"] = joined_names(task.lead);
    c["cooperating_text"] = joined_names(task.cooperating);
    c["plan"] = {{"name", "Kế hoạch số " + task.plan_number + " ngày " + format_vietnamese_date(about.plan_issued)},
                 {"number", task.plan_number}};
    c["task"] = {{"code", task.code}, {"title", task.title}, {"product", task.product}};
    c["deadline"] = deadline_in_words(task, calendar);
    c["precondition"] = task.precondition.value_or("");
    c["period"] = answer.period;
    c["period_label"] = period_label_of(answer.period);
    c["kind"] = {{"progress", answer.kind == AnswerKind::progress},
                 {"completion", answer.kind == AnswerKind::completion},
                 {"extension", answer.kind == AnswerKind::extension},
                 {"waiting", answer.kind == AnswerKind::waiting},
                 {"note", answer.kind == AnswerKind::note}};
    c["note"] = answer.note;
    c["has_note"] = answer.note.find_first_not_of(" \t\r\n") != std::string::npos;
    c["done_on"] = date_words_or_empty(answer.done_on);
    c["document_number"] = answer.document_number;
    c["document_date"] = date_words_or_empty(answer.document_date);
    c["report_attached"] = answer.report.has_value();
    c["proposed_due"] = date_words_or_empty(answer.proposed_due);
    c["reason"] = answer.reason;
    c["answered_at"] = format_vietnamese_moment(recorded_at);
    c["via_text"] = std::string(via_in_words(answer.via));
    return c;
}

OutboxEntry answer_entry(const Answer& answer, const AnsweredTask& about, const Config& config,
                         const AgencyDirectory& directory, const WorkingCalendar& calendar,
                         const MessageTemplates& templates, std::chrono::sys_seconds recorded_at) {
    const Task& task = about.task;
    const std::string& monitoring = directory.roles().monitoring;
    OutboxEntry entry;
    entry.key = answer_key(task, answer);
    entry.kind = NotificationKind::answer;
    entry.task_code = task.code;
    entry.agency = monitoring;
    entry.due_at = recorded_at;

    add_agency_deliveries(directory, monitoring, entry);

    const nlohmann::json context = answer_context(answer, about, monitoring, calendar, recorded_at);
    entry.message = templates.render(NotificationKind::answer, context);
    entry.thread_id = task_thread_id(config, task.plan_number, task.plan_year, task.code);
    entry.message_id = notification_message_id(config, entry.key, recorded_at);

    nlohmann::json report = nullptr;
    if (answer.report)
        report = {{"name", answer.report->original_name},
                  {"size", answer.report->size},
                  {"sha256", answer.report->sha256}};
    nlohmann::json data = {
        {"key", entry.key},
        {"kind", "answer"},
        {"reference", context["reference"]},
        {"plan", task.plan_number + "/" + std::to_string(task.plan_year)},
        {"task", {{"id", task.code}, {"title", task.title}, {"product", task.product}}},
        {"period", text_or_null(answer.period)},
        {"answer",
         {{"id", answer.id},
          {"kind", to_string(answer.kind)},
          {"agency", answer.agency},
          {"role", about.from_cooperating ? "cooperating" : "lead"},
          {"note", text_or_null(answer.note)},
          {"done_on", iso_date_or_null(answer.done_on)},
          {"document_number", text_or_null(answer.document_number)},
          {"document_date", iso_date_or_null(answer.document_date)},
          {"report_file", report},
          {"proposed_due", iso_date_or_null(answer.proposed_due)},
          {"reason", text_or_null(answer.reason)},
          {"via", to_string(answer.via)},
          {"answered_at", format_vietnam_time(recorded_at)}}},
        {"recipients", {{"to", {monitoring}}, {"cc", nlohmann::json::array()}}},
        {"subject", entry.message.subject},
        {"text", entry.message.text}};
    // Each webhook delivery adds its agency and the moment it is sent (webhook_body()).
    entry.payload = nlohmann::json{{"type", "nhacviec.answer"},
                                   {"planned_at", format_vietnam_time(recorded_at)},
                                   {"data", std::move(data)}}
                        .dump();
    return entry;
}

}  // namespace nhacviec
