// The agency's page, reached from the answer link in a reminder: the task
// (title, product, deadline as written and resolved, its legal end, its
// precondition), its status and history, what the agencies have reported,
// and the forms the link's agency may send (the lead agency: progress,
// completion with its report document, an extension request, waiting on
// the precondition; a cooperating agency: a note). One complete HTML5 page in
// Vietnamese: inline CSS only (its hash is in the Content-Security-Policy),
// no script, no external asset, readable on a phone. Also the pages that say
// why a link cannot be used. Pure: a view goes in, the page comes out.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "storage/answer_store.h"

namespace nhacviec::web {

// One line of the task's history, newest first, already in words.
struct AnswerHistoryLine {
    std::string when;    // "09:12 05/10/2026"
    std::string who;     // the agency, or who changed the status
    std::string what;    // "Báo cáo hoàn thành ngày 30/09/2026, văn bản số 125/BC-STC ngày 01/10/2026"
    std::string detail;  // the note or reason as written, "" for none
    std::string state;   // the decision so far: "chờ xác nhận", "đã xác nhận", …; "" for none
};

// A submission the rules refused, shown again with what was typed.
struct RefusedForm {
    AnswerKind kind = AnswerKind::progress;
    std::string field;    // the field the message is about ("done_on"); "" or "kind" for the form as a whole
    std::string message;  // Vietnamese, naming the field
    std::map<std::string, std::string, std::less<>> values;  // the text fields as sent
};

// Everything the page shows. A plain value the request's handler fills.
struct AnswerPageView {
    // The task.
    std::string plan;            // "Kế hoạch số 90/KH-UBND năm 2026"
    std::string code;            // "I.3"
    std::string title;
    std::string lead;            // "Sở Tài chính; Sở Nội vụ"
    std::string cooperating;     // "" when none
    std::string product;
    std::string deadline_text;   // as written: "Quý III/2026"
    std::optional<Date> due;     // as resolved
    std::optional<Date> legal_due;
    std::optional<Date> next_review;
    std::string precondition;    // "" when none
    std::string status;          // status_in_words()
    // Who answers, about what.
    std::string agency;
    bool lead_agency = true;
    std::string period;          // "quý III/2026"; "" for the task as a whole
    Date link_expires;
    // What the forms offer.
    bool may_complete = true;    // no completion awaits confirmation and the task (period) is not done
    bool may_report = true;      // the task (period) is not done: progress, extension, waiting
    bool may_wait = false;       // the task has a precondition
    std::vector<AnswerHistoryLine> history;
    std::string action;          // the form's target, relative to the page ("TOKEN")
    std::string form_token;      // the hidden submission field of each form
    Date today;
    Date plan_issued;
    std::chrono::sys_seconds now{};
    std::string recorded;        // what was just recorded ("Đã ghi nhận báo cáo hoàn thành …"); "" for none
    std::optional<RefusedForm> refused;
    std::string contact;         // whom to ask: "Sở Tài chính (theo dõi thực hiện kế hoạch)"
};

std::string render_answer_page(const AnswerPageView& view);

// A page that explains why nothing can be done here, with whom to contact:
// an invalid or expired link, a refused request. `heading` and `message` are plain text.
std::string render_answer_notice(std::string_view heading, std::string_view message, std::string_view contact,
                                 std::chrono::sys_seconds now);

// The Content-Security-Policy of these pages: nothing but their own inline
// style (by its hash), forms posting to the same origin, no framing.
const std::string& answer_page_policy();

}  // namespace nhacviec::web
