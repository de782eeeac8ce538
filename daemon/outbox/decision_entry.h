// The message that tells an agency of the monitoring agency's decision on
// its answer, as an OutboxEntry of kind "decision": written to the outbox in
// the transaction that records a returned completion report or a refused
// extension request (app/decisions), then delivered by the ordinary delivery
// passes. An approved extension or a confirmed completion sends none: the
// reminders that follow say it.
//
// It goes to the agency that answered, through each of its channels, with
// its answer link for the task (and period), so that it can report again.
// The stable key names the answer ("90/KH-UBND/2026|I.3|-|decision-17|Sở Tài
// chính"), so one decision never makes two messages. The timeline never
// plans this kind: the refresh before sending leaves it as it was written.
// Pure.
#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "agency/agency_directory.h"
#include "calendar/working_calendar.h"
#include "config/config.h"
#include "content/message_templates.h"
#include "outbox/outbox_entry.h"
#include "plan/task.h"
#include "storage/answer_store.h"

namespace nhacviec {

// What the monitoring agency decided against an agency's answer.
enum class AnswerDecision { returned, refused };  // a completion report returned, an extension request refused

// One decision to tell, with what its message says. Borrowed for the call.
struct DecisionNotice {
    const Answer& answer;  // as recorded (its id set)
    const Task& task;
    Date plan_issued;
    AnswerDecision decision = AnswerDecision::returned;
    std::string reason;      // why, as the monitoring agency wrote it
    std::string answer_url;  // the agency's answer link, or "" for none
};

// "90/KH-UBND/2026|I.3|-|decision-17|Sở Tài chính": the key of the message
// about the decision on `answer` of `task`.
std::string decision_key(const Task& task, const Answer& answer);

// The values decision.subject.txt, decision.txt and decision.html see
// (config/templates/README.txt lists them).
nlohmann::json decision_context(const DecisionNotice& notice, const std::string& monitoring,
                                const WorkingCalendar& calendar, std::chrono::sys_seconds decided_at);

// The outbox entry for `notice`, decided at `decided_at`: to the agency that
// answered, through each of its channels (a delivery dead at once when it has
// none), due at once.
OutboxEntry decision_entry(const DecisionNotice& notice, const Config& config, const AgencyDirectory& directory,
                           const WorkingCalendar& calendar, const MessageTemplates& templates,
                           std::chrono::sys_seconds decided_at);

}  // namespace nhacviec
