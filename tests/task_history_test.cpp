// A task's history in words (web/task_history): the monitoring agency's
// moves of the deadline and pauses of the reminders, on the console's page
// only, newest first among the other lines.
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
