// The pieces that the message of an agency's answer (answer_entry) and the
// message of the monitoring agency's decision on it (decision_entry) build
// alike: dates in words or ISO form, the deadline and period in words, and
// one delivery per channel of the agency written to. Pure functions, no state.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "agency/agency_directory.h"
#include "calendar/working_calendar.h"
#include "outbox/outbox_entry.h"
#include "plan/task.h"

namespace nhacviec {

// "05 tháng 10 năm 2026"-style words for `date`, or "" for none.
std::string date_words_or_empty(const std::optional<Date>& date);

// "2026-10-05" for `date`, or JSON null for none.
nlohmann::json iso_date_or_null(const std::optional<Date>& date);

// The "deadline" value the templates see: its text, due date and legal due
// date in words ("" when the task has no due date).
nlohmann::json deadline_in_words(const Task& task, const WorkingCalendar& calendar);

// The period ("2026-Q3") in words, as stored when it does not read, or "" for none.
std::string period_label_of(const std::string& period);

// Adds to `entry` one delivery per email address and webhook of `agency` in
// `directory` (and its mail recipients), or one dead at once when it has none.
void add_agency_deliveries(const AgencyDirectory& directory, const std::string& agency, OutboxEntry& entry);

}  // namespace nhacviec
