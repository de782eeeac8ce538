// Recording an agency's answer as every way in does it (the answer page, the
// API, the command line, the console): the rules of answers/record_answer,
// and with the answer, in its transaction, the message that tells the
// monitoring agency of it (outbox/answer_entry), so that no answer goes
// untold and none is told twice. The message then goes out with the next
// delivery pass; the caller asks for one (the daemon: its `changed` hook).
// Plain functions; the caller owns the Database and its thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "answers/record_answer.h"
#include "app/plan_state.h"
#include "app/setup.h"
#include "common/result.h"
#include "outbox/outbox_counts.h"
#include "storage/answer_store.h"
#include "storage/database.h"

namespace nhacviec::app {

// Records `answer` from `agency` (a canonical name) in `role` about task
// `index` of `state`, for `period` ("" for the task as a whole), at `now`,
// with its message to the monitoring agency. `counts`, when given (the
// daemon's /metrics), gets the message's deliveries once the transaction
// has committed. The new answer's id or the refusal (in Vietnamese, naming
// the field), or an Error when the database fails (nothing is written then).
Result<RecordOutcome> submit_answer(Database& db, const ServiceSetup& setup, const PlanState& state, size_t index,
                                    const std::string& period, const std::string& agency, AgencyRole role,
                                    Answer answer, std::chrono::sys_seconds now, OutboxCounts* counts = nullptr);

}  // namespace nhacviec::app
