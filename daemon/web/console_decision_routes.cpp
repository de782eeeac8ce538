// A decision posted from a task's console page: the form read and checked
// (session, same origin, CSRF token), turned into an app::Decision and taken
// by app::decide; a 303 back to the task page with a banner, or the page
// again with the refused form and its message. Part of Api (web/api.h).
#include "answers/record_answer.h"
#include "app/decisions.h"
#include "app/plan_snapshot.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/log.h"
#include "web/api.h"
#include "web/decision_counts.h"
#include "web/console_page.h"
#include "web/console_task_list.h"
#include "web/console_task_page.h"
#include "web/form_data.h"

namespace nhacviec {
namespace {

namespace field = web::decision_field;
namespace forms = web::decision_form;

const form::FieldLabels& decision_labels() {
    static const form::FieldLabels labels = {{"note", "Ý kiến, ghi chú"},      {"reason", "Lý do"},
                                             {"due", "Thời hạn"}, {"new_due", "Thời hạn mới"},              {"date", "Ngày hoàn thành"},
                                             {"period", "Kỳ báo cáo"},         {"action", "Trạng thái"}};
    return labels;
}

std::string value_of(const form::FormData& data, std::string_view name) {
    const std::string* found = data.find(name);
    return found ? *found : std::string();
}

}  // namespace

Api::Answer Api::console_decide(const Call& call, const app::SignedIn& session, size_t index) {
    const app::PlanSnapshot& snapshot = *call.snapshot;
    const ServiceSetup& setup = *snapshot.setup;
    const auto now = clock_.now();
    const StoredTask& stored = snapshot.state->tasks.at(index);
    auto data = form::parse_form(call.request.content_type, call.request.body, decision_labels());
    const std::string* token = data ? data->find(web::kConsoleTokenField) : nullptr;
    if (auto refused = refuse_console_form(call, session, token)) return std::move(*refused);
    const std::string who = session.account.name + " on task " + stored.task.code;
    if (!data) {
        log::warning("console: a decision form refused (" + who + "): " + data.problem().log_message);
        return console_task_page(call, session, index, 400, "",
                                 web::RefusedDecision{"", 0, data.problem().field, data.problem().form_message, {}});
    }
    web::RefusedDecision refused;
    refused.form = value_of(*data, field::form);
    for (const auto& f : data->fields)
        if (f.name != web::kConsoleTokenField && f.name != field::form && f.name != field::answer)
            refused.values[f.name] = f.value;
    const std::string answer_text = value_of(*data, field::answer);
    int64_t answer = 0;
    for (const char c : answer_text) answer = (c >= '0' && c <= '9' && answer < 1'000'000'000'000LL) ? answer * 10 + (c - '0') : -1;
    const auto refuse = [&](unsigned status, std::string field_name, std::string message) {
        log::info("console: a decision refused (" + who + "): " + message);
        refused.answer = answer > 0 ? answer : 0;
        refused.field = std::move(field_name);
        refused.message = std::move(message);
        return console_task_page(call, session, index, status, "", std::move(refused));
    };
    if (session.account.role == AccountRole::viewer || !session.account.covers_plan(stored.task.plan_number)) {
        log::warning("console: a decision refused: " + who + " may not decide on it");
        return console_response(403, web::render_console_notice(
                                         "Không có quyền xử lý",
                                         "Tài khoản của bạn không được quyết định về nhiệm vụ này.", now));
    }
    const bool about_answer = refused.form == forms::confirm || refused.form == forms::give_back ||
                              refused.form == forms::approve || refused.form == forms::refuse;
    if (about_answer && answer <= 0)
        return refuse(400, std::string(field::answer), "Biểu mẫu thiếu báo cáo cần xử lý (trường “answer”).");
    const auto date_of = [&](std::string_view name, std::optional<Date>& out) -> bool {
        const std::string text = value_of(*data, name);
        if (text.empty()) return true;
        out = parse_iso_date(text);
        return out.has_value();
    };
    app::Decision decision;
    const std::string note = value_of(*data, field::note);
    const std::string reason = value_of(*data, field::reason);
    if (refused.form == forms::confirm) {
        decision = app::ConfirmCompletion{answer, note};
    } else if (refused.form == forms::give_back) {
        decision = app::ReturnCompletion{answer, reason};
    } else if (refused.form == forms::approve) {
        std::optional<Date> due;
        if (!date_of(field::new_due, due))
            return refuse(422, std::string(field::new_due), "Thời hạn mới không phải là một ngày hợp lệ (năm-tháng-ngày).");
        decision = app::ApproveExtension{answer, due, note};
    } else if (refused.form == forms::refuse) {
        decision = app::RefuseExtension{answer, reason};
    } else if (refused.form == forms::deadline) {
        std::optional<Date> due;
        if (!date_of(field::due, due))
            return refuse(422, std::string(field::due), "Thời hạn hoàn thành không phải là một ngày hợp lệ.");
        if (!due) return refuse(422, std::string(field::due), "Xin nhập thời hạn hoàn thành.");
        decision = app::SetDeadline{stored.id, *due, note};
    } else if (refused.form == forms::status) {
        app::SetStatus status;
        status.task_id = stored.id;
        status.action = value_of(*data, field::action);
        if (const std::string date = value_of(*data, field::date); !date.empty()) status.date = date;
        if (const std::string period = value_of(*data, field::period); !period.empty()) status.period = period;
        status.note = note;
        decision = std::move(status);
    } else if (refused.form == forms::pause) {
        const std::string paused = value_of(*data, field::paused);
        if (paused != "1" && paused != "0")
            return refuse(400, std::string(field::paused), "Xin chọn tạm dừng hoặc tiếp tục nhắc việc.");
        decision = app::PauseReminders{stored.id, paused == "1", note};
    } else {
        return refuse(400, std::string(field::form), "Biểu mẫu không rõ loại quyết định (trường “quyet-dinh”).");
    }

    auto outcome = app::decide(db_, setup, *snapshot.state, session.account, decision, now, status_.outbox.get());
    if (!outcome) {
        log::error("console: a decision cannot be recorded (" + who + "): " + outcome.error().message);
        HttpResponse r = console_response(
            503, web::render_console_notice("Tạm thời chưa dùng được",
                                            "Hệ thống đang gặp sự cố khi ghi dữ liệu; quyết định chưa được ghi nhận. "
                                            "Xin thử lại sau ít phút.",
                                            now));
        r.headers.emplace_back("Retry-After", "30");
        return r;
    }
    if (const auto* refusal = std::get_if<app::DecisionRefusal>(&*outcome)) {
        if (refusal->forbidden) {
            log::warning("console: a decision refused: " + who + ": " + refusal->message);
            return console_response(403, web::render_console_notice("Không có quyền xử lý", refusal->message, now));
        }
        return refuse(422, refusal->field, refusal->message);
    }
    const app::DecisionOutcome& done = std::get<app::DecisionOutcome>(*outcome);
    log::info("console: " + who + ": " + refused.form + " recorded");
    decision_counts_->count(web::kind_of(decision));
    // Readers and the next delivery pass see the decision at once; should the task not be read again, the live
    // state reads the database's new counter within half a second.
    auto published = app::snapshot_with_task(db_, snapshot, done.task, app::version_after_own_write(db_, snapshot));
    if (published) snapshots_.publish(std::move(*published));
    else log::warning("console: task " + stored.task.code + " cannot be read again: " + published.error().message);
    if (changed_) changed_();
    HttpResponse r = console_response(303, "");
    r.headers.emplace_back("Location", web::task_href(stored.id) + "?xong=" + refused.form);
    return r;
}

}  // namespace nhacviec
