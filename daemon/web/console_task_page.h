// A task's page in the console (/quan-ly/nhiem-vu/{id}): what the agency's
// page shows (the task, its status, its history), plus the notifications
// planned ahead, every message sent for it with its delivery state, the full
// history with who, when and how, the attached report files, and the
// decision forms the account may use (confirm or return a completion,
// approve or refuse an extension, set a deadline, a status by hand, pause or
// resume the reminders), each carrying the session's CSRF token. One
// complete page in the console's frame. Pure: a view goes in, the page comes
// out; every text from outside is escaped here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "web/answer_page.h"
#include "web/console_page.h"

namespace nhacviec::web {

// The fields of the decision forms (the names app::DecisionRefusal uses for them).
namespace decision_field {
inline constexpr std::string_view form = "quyet-dinh";  // which form: one of the decision_form names
inline constexpr std::string_view answer = "answer";    // the answer decided on (answers.id)
inline constexpr std::string_view note = "note";
inline constexpr std::string_view reason = "reason";
inline constexpr std::string_view due = "due";          // YYYY-MM-DD: a deadline set
inline constexpr std::string_view new_due = "new_due";  // YYYY-MM-DD: an extension approved
inline constexpr std::string_view action = "action";    // done, in-progress, waiting, reopen
inline constexpr std::string_view date = "date";        // YYYY-MM-DD
inline constexpr std::string_view period = "period";    // 2026-Q3, …
inline constexpr std::string_view paused = "paused";    // "1" pause, "0" resume
}  // namespace decision_field

// The decision forms, by the value of their `quyet-dinh` field.
namespace decision_form {
inline constexpr std::string_view confirm = "xac-nhan";
inline constexpr std::string_view give_back = "tra-lai";
inline constexpr std::string_view approve = "chap-thuan";
inline constexpr std::string_view refuse = "tu-choi";
inline constexpr std::string_view deadline = "dat-han";
inline constexpr std::string_view status = "trang-thai";
inline constexpr std::string_view pause = "tam-dung";
}  // namespace decision_form

// A decision refused, its form shown again with what was typed.
struct RefusedDecision {
    std::string form;       // a decision_form name
    std::int64_t answer = 0;  // the answer the form was about, 0 for none
    std::string field;      // the field the message is about, "" for the form as a whole
    std::string message;    // Vietnamese, naming the field
    std::map<std::string, std::string, std::less<>> values;  // the text fields as sent
};

// A completion awaiting confirmation or an open extension request, as its forms show it.
struct PendingDecision {
    std::int64_t answer = 0;
    std::string what;                 // "Sở Tài chính báo cáo hoàn thành ngày 30/09/2026, văn bản số 125/BC-STC …"
    std::string detail;               // its note or reason as written
    std::optional<Date> proposed_due;  // an extension's proposed date
};

// One notification planned ahead for the task.
struct PlannedLine {
    std::string when;  // "08:00 ngày 24/03/2026"
    std::string what;  // "Nhắc hạn trước 7 ngày"
    std::string to;    // the addressee, "Sở Tài chính"
};

// One delivery of a message sent (or to be sent) for the task.
struct MessageLine {
    std::string when;     // when it was planned for
    std::string sent;     // when it was actually sent, "" when it was not
    std::string subject;
    std::string to;       // "Sở Tài chính – thư điện tử stc@haiphong.example"
    std::string state;    // "đã gửi", "đang thử lại", "không gửi được", …
    std::string detail;   // the last error, "" for none
    bool failed = false;  // dead
};

// A report file an agency attached to an answer.
struct AttachedFile {
    std::string href;  // the console's download address
    std::string name;  // the name it was sent under
    std::string about; // "Sở Tài chính, báo cáo hoàn thành lúc 09:12 05/10/2026, 1,2 MB"
};

struct ConsoleTaskView {
    ConsoleFrame frame;
    std::string action;  // the forms' target: "/quan-ly/nhiem-vu/17"
    // The task, as the agency's page shows it.
    std::string plan, code, title, lead, cooperating, product, deadline_text, precondition, status;
    std::optional<Date> due, legal_due, next_review;
    std::optional<Date> extended_from;  // the deadline before an approved extension moved it ("đã gia hạn")
    bool paused = false;        // the task's reminders and escalations are paused
    bool undetermined = false;  // no deadline yet (or one set by the monitoring agency): the form that sets one
    bool recurring = false;     // statuses are recorded per review period
    // What the account may do.
    bool may_decide = false;    // a monitor of the task's plan, or an admin
    std::vector<PendingDecision> awaiting, extensions;
    std::vector<PlannedLine> planned;
    size_t more_planned = 0;
    std::vector<MessageLine> messages;
    std::vector<AnswerHistoryLine> history;
    std::vector<AttachedFile> files;
    std::string done;  // the banner after a decision, "" for none
    std::optional<RefusedDecision> refused;
    Date today;
};

std::string render_console_task(const ConsoleTaskView& view);

}  // namespace nhacviec::web
