// A task's history in words (web/task_history): the monitoring agency's
// moves of the deadline and pauses of the reminders, on the console's page
// only, newest first among the other lines; each decision one line with what
// it changed.
#include <catch2/catch.hpp>

#include "web/task_history.h"

using namespace nhacviec;
using namespace std::chrono;

namespace {

DeadlineChange move(std::optional<Date> old_due, Date new_due, bool extension, std::string note, std::string at) {
    DeadlineChange c;
    c.task_id = 1;
    c.old_due = old_due;
    c.new_due = new_due;
    c.extension = extension;
    c.answer_id = extension ? 7 : 0;
    c.note = std::move(note);
    c.changed_by = "ttv.stc";
    c.changed_at = std::move(at);
    return c;
}

ReminderPause pause(bool paused, std::string note, std::string at) {
    return ReminderPause{1, paused, std::move(note), "ttv.stc", std::move(at)};
}

std::vector<std::string> flat(const std::vector<web::AnswerHistoryLine>& lines) {
    std::vector<std::string> out;
    for (const auto& l : lines) out.push_back(l.when + " | " + l.who + " | " + l.what + " | " + l.detail);
    return out;
}

}  // namespace

TEST_CASE("task_history: the console's history tells the deadline's moves and the reminders' pauses",
          "[task_history]") {
    const std::vector<DeadlineChange> moves = {
        // A deadline set for a task that had none.
        move(std::nullopt, 2027y / June / 30d, false, "Theo Công văn số 15/UBND-TH.", "2026-12-07T09:00:00+07:00"),
        // Set again.
        move(2027y / June / 30d, 2027y / September / 30d, false, "", "2026-12-08T10:00:00+07:00"),
        // An approved extension request: its note is the decision's, told on the decision's line.
        move(2027y / September / 30d, 2027y / December / 31d, true, "Đồng ý.", "2026-12-09T11:00:00+07:00"),
    };
    const std::vector<ReminderPause> pauses = {pause(true, "Chờ tiêu chí.", "2026-12-10T08:30:00+07:00"),
                                               pause(false, "", "2026-12-11T08:45:00+07:00")};
    CHECK(flat(web::history_lines({}, {}, web::HistoryReader::console, moves, pauses)) ==
          std::vector<std::string>{
              "08:45 11/12/2026 | ttv.stc | Tiếp tục nhắc việc | ",
              "08:30 10/12/2026 | ttv.stc | Tạm dừng nhắc việc | Chờ tiêu chí.",
              "11:00 09/12/2026 | ttv.stc | Gia hạn thời hạn hoàn thành từ 30/09/2027 đến 31/12/2027 | ",
              "10:00 08/12/2026 | ttv.stc | Đặt lại thời hạn hoàn thành từ 30/06/2027 thành 30/09/2027 | ",
              "09:00 07/12/2026 | ttv.stc | Đặt thời hạn hoàn thành: 30/06/2027 | Theo Công văn số 15/UBND-TH.",
          });
    // The agency's page leaves them out, as before.
    CHECK(web::history_lines({}, {}, web::HistoryReader::agency, moves, pauses).empty());
}

namespace {

Answer decided_answer(int64_t id, AnswerKind kind, std::string period, std::string state, std::string at) {
    Answer a;
    a.id = id;
    a.task_id = 1;
    a.period = std::move(period);
    a.agency = "Sở Tài chính";
    a.kind = kind;
    a.via = AnswerVia::link;
    a.answered_at = "2026-12-04T10:00:00+07:00";
    if (kind == AnswerKind::completion) {
        a.done_on = 2026y / December / 4d;
        a.document_number = "125/BC-STC";
        a.document_date = 2026y / December / 5d;
        a.completion_state = std::move(state);
    } else {
        a.proposed_due = 2027y / January / 29d;
        a.reason = "Chờ số liệu quyết toán.";
        a.extension_state = std::move(state);
    }
    a.decided_by = "ttv.stc";
    a.decided_at = std::move(at);
    a.decision_note = "Ý kiến " + std::to_string(id) + ".";
    return a;
}

StatusChange status_change(std::string period, std::string action, WorkStatus status, std::optional<Date> done_on,
                           std::string note, std::string by, std::string at) {
    return StatusChange{1, std::move(period), std::move(action), status, done_on, std::move(note), std::move(by),
                        std::move(at)};
}

}  // namespace

TEST_CASE("task_history: a decision is one line with what it changed, who took it, when and how",
          "[task_history]") {
    // A completion of quarter III/2026 confirmed, one of quarter II/2026 returned, and the extension of quarter
    // IV/2026 approved: each wrote its decision and a status row or a deadline row in the same moment.
    const std::vector<Answer> answers = {
        decided_answer(1, AnswerKind::completion, "2026-Q3", "confirmed", "2026-12-07T09:00:00+07:00"),
        decided_answer(2, AnswerKind::completion, "2026-Q2", "returned", "2026-12-07T09:01:00+07:00"),
        decided_answer(3, AnswerKind::extension, "2026-Q4", "approved", "2026-12-07T09:02:00+07:00"),
    };
    const std::vector<StatusChange> changes = {
        status_change("2026-Q3", "done", WorkStatus::done, 2026y / December / 4d,
                      "Xác nhận hoàn thành theo báo cáo số 125/BC-STC ngày 05/12/2026 của Sở Tài chính.\nÝ kiến 1.",
                      "ttv.stc", "2026-12-07T09:00:00+07:00"),
        status_change("2026-Q2", "in_progress", WorkStatus::in_progress, std::nullopt,
                      "Trả lại báo cáo hoàn thành số 125/BC-STC ngày 05/12/2026 của Sở Tài chính. Lý do: Ý kiến 2.",
                      "ttv.stc", "2026-12-07T09:01:00+07:00"),
        // A status recorded by hand by the same account, at another moment: a line of its own.
        status_change("2026-Q1", "done", WorkStatus::done, 2026y / March / 31d, "", "ttv.stc",
                      "2026-12-07T09:03:00+07:00"),
    };
    DeadlineChange moved = move(2026y / December / 31d, 2027y / January / 29d, true, "Ý kiến 3.",
                                "2026-12-07T09:02:00+07:00");
    moved.period = "2026-Q4";
    moved.answer_id = 3;
    const std::vector<std::string> expected = {
        "09:03 07/12/2026 | ttv.stc | Trạng thái: đã hoàn thành ngày 31/03/2026 – kỳ quý I/2026 | ",
        "09:02 07/12/2026 | ttv.stc (trang quản lý) | Chấp thuận đề nghị gia hạn của Sở Tài chính – gia hạn báo cáo kỳ "
        "quý IV/2026 từ 31/12/2026 đến 29/01/2027 | Ý kiến 3.",
        "09:01 07/12/2026 | ttv.stc (trang quản lý) | Trả lại báo cáo hoàn thành của Sở Tài chính – trạng thái: đang "
        "thực hiện – kỳ quý II/2026 | Ý kiến 2.",
        "09:00 07/12/2026 | ttv.stc (trang quản lý) | Xác nhận báo cáo hoàn thành của Sở Tài chính – trạng thái: đã hoàn "
        "thành ngày 04/12/2026 – kỳ quý III/2026 | Ý kiến 1.",
        "10:00 04/12/2026 | Sở Tài chính | Đề nghị gia hạn đến ngày 29/01/2027 – kỳ quý IV/2026 (qua đường liên kết) | "
        "Chờ số liệu quyết toán.\nÝ kiến xử lý: Ý kiến 3.",
        "10:00 04/12/2026 | Sở Tài chính | Báo cáo hoàn thành ngày 04/12/2026, văn bản số 125/BC-STC ngày 05/12/2026 – kỳ "
        "quý II/2026 (qua đường liên kết) | Ý kiến xử lý: Ý kiến 2.",
        "10:00 04/12/2026 | Sở Tài chính | Báo cáo hoàn thành ngày 04/12/2026, văn bản số 125/BC-STC ngày 05/12/2026 – kỳ "
        "quý III/2026 (qua đường liên kết) | Ý kiến xử lý: Ý kiến 1.",
    };
    CHECK(flat(web::history_lines(answers, changes, web::HistoryReader::console, {moved})) == expected);
    // The agency's page: its answers and the statuses, as before (no decision lines there).
    CHECK(flat(web::history_lines(answers, changes, web::HistoryReader::agency, {moved})) ==
          std::vector<std::string>{
              "09:03 07/12/2026 | ttv.stc | Trạng thái: đã hoàn thành ngày 31/03/2026 – kỳ quý I/2026 | ",
              "09:01 07/12/2026 | ttv.stc | Trạng thái: đang thực hiện – kỳ quý II/2026 | Trả lại báo cáo hoàn thành số "
              "125/BC-STC ngày 05/12/2026 của Sở Tài chính. Lý do: Ý kiến 2.",
              "09:00 07/12/2026 | ttv.stc | Trạng thái: đã hoàn thành ngày 04/12/2026 – kỳ quý III/2026 | Xác nhận hoàn "
              "thành theo báo cáo số 125/BC-STC ngày 05/12/2026 của Sở Tài chính.\nÝ kiến 1.",
              expected[4], expected[5], expected[6]});
}
