// The answer forms of the agency's page as data: the names of their fields,
// and a posted form read into the answer it carries, field by field (dates,
// document number and note checked by status/answer_fields), before the
// rules of answers/record_answer are applied. A problem names the field, in
// Vietnamese for the form and in English for the log. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/input_problem.h"
#include "storage/answer_store.h"
#include "web/form_data.h"

namespace nhacviec::web {

// The fields the forms send.
namespace answer_field {
inline constexpr std::string_view kind = "kind";              // progress, completion, extension, waiting, note
inline constexpr std::string_view submission = "submission";  // the form's identifier (AnswerFormToken)
inline constexpr std::string_view note = "note";
inline constexpr std::string_view done_on = "done_on";
inline constexpr std::string_view document_number = "document_number";
inline constexpr std::string_view document_date = "document_date";
inline constexpr std::string_view report_file = "report_file";
inline constexpr std::string_view proposed_due = "proposed_due";
inline constexpr std::string_view reason = "reason";
}  // namespace answer_field

// The Vietnamese label of each field, as the forms show it ("Ngày hoàn thành").
const form::FieldLabels& answer_form_labels();

// What a posted answer form carries once read. A plain value.
struct PostedAnswer {
    Answer answer;           // kind and the values typed, normalised; nothing else set
    std::string submission;  // the submission field as sent
    std::optional<form::File> report_file;
};

// Reads `data`: the kind, then the fields that kind takes (others are
// ignored). Dates of what was done are checked against `today` and the
// plan's date of issue; a proposed deadline only for its form.
Checked<PostedAnswer> read_answer_form(form::FormData data, Date today, Date plan_issued);

}  // namespace nhacviec::web
