// A task's history in words, as the agency's page and the console's task
// page show it: its answers (what was reported, by whom, the decision so
// far) and the status changes no answer caused, newest first; the console's
// version also says how each answer came (link, API, command line, console)
// and from which address, and lists each decision on an answer with who took
// it, in one line with what it changed (the status, the deadline). Pure: the rows go in, the lines come out; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/answer_store.h"
#include "storage/deadline_change_store.h"
#include "storage/reminder_pause_store.h"
#include "storage/status_store.h"
#include "web/answer_page.h"

namespace nhacviec::web {

// "09:12 05/12/2026" from "2026-12-05T09:12:00+07:00" (the text itself when it is not such a moment).
std::string when_text(const std::string& iso);

// "quý III/2026" from "2026-Q3" (the text itself when it is not a period).
std::string period_words(const std::string& period);

// "812 byte", "24 KB", "1,2 MB".
std::string size_text(int64_t bytes);

// What an answer reported, in one line: "Báo cáo hoàn thành ngày 30/09/2026, văn bản số 125/BC-STC ngày
// 01/10/2026, kèm tệp bc.pdf (24 KB) (qua đường liên kết)".
std::string answer_words(const Answer& answer);

// Whom the history lines are for: the agency (the answers and statuses), or
// the monitoring office (also how each answer came and each decision).
enum class HistoryReader { agency, console };

// The console's lines also tell the monitoring agency's moves of the deadline (`moves`) and its pauses and
// resumptions of the reminders (`pauses`), with who and when; the agency's lines leave them out.
std::vector<AnswerHistoryLine> history_lines(const std::vector<Answer>& answers,
                                             const std::vector<StatusChange>& changes, HistoryReader reader,
                                             const std::vector<DeadlineChange>& moves = {},
                                             const std::vector<ReminderPause>& pauses = {});

}  // namespace nhacviec::web
