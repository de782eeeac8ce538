// The message that tells the monitoring agency of an agency's answer, as an
// OutboxEntry of kind "answer": written to the outbox in the transaction that
// records the answer, then delivered by the ordinary delivery passes.
//
// Every kind of answer gets one, at once: an answer through the agency's
// link stands in for the letter it would otherwise send to the monitoring
// agency ("báo cáo kết quả … về Sở Tài chính", as the reminders ask), so none
// may stay unseen. A completion and an extension request wait for the
// monitoring agency's decision, "waiting" stops the escalations, and a
// progress report or a note is what the monitoring agency would otherwise
// get on paper; the number of messages is bounded by what agencies write.
//
// The stable key names the answer ("90/KH-UBND/2026|I.3|2026-Q3|answer-17|Sở
// Tài chính": plan, task, period, answer id, the agency that answered), so the
// same answer never makes two messages. The timeline never plans this kind:
// the refresh before sending leaves it as it was written. Pure.
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

// What the message of one recorded answer is about. Borrowed for the call.
struct AnsweredTask {
    const Task& task;
    Date plan_issued;
    bool from_cooperating = false;  // the answering agency cooperates on the task (rather than leads it)
};

// "90/KH-UBND/2026|I.3|2026-Q3|answer-17|Sở Tài chính": the key of the message
// about `answer` (recorded: its id set) of `task`.
std::string answer_key(const Task& task, const Answer& answer);

// The values answer.subject.txt, answer.txt and answer.html see
// (config/templates/README.txt lists them).
nlohmann::json answer_context(const Answer& answer, const AnsweredTask& about, const std::string& monitoring,
                              const WorkingCalendar& calendar, std::chrono::sys_seconds recorded_at);

// The outbox entry for `answer` (recorded: its id set), recorded at
// `recorded_at`: to the monitoring agency of `directory`, through each of its
// channels (a delivery dead at once when it has none), due at once.
OutboxEntry answer_entry(const Answer& answer, const AnsweredTask& about, const Config& config,
                         const AgencyDirectory& directory, const WorkingCalendar& calendar,
                         const MessageTemplates& templates, std::chrono::sys_seconds recorded_at);

}  // namespace nhacviec
