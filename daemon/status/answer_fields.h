// The checks of what an agency writes when it answers a reminder: the number
// and symbol of its report document (số, ký hiệu văn bản), the dates it gives
// (the day the task was done, the day the report was issued) and its note.
// Each returns the value normalised (NFC, surrounding spaces removed) or the
// problem, in English for the log and in Vietnamese for the form, naming the
// field as the form labels it. Pure functions, no state, no clock: today
// and the plan's date of issue are arguments. Called by the agency's page,
// the API and the command line on whatever thread handles the answer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/input_problem.h"

namespace nhacviec::answer {

// A field of the answer forms: its name as the form sends it (which
// InputProblem::field carries and the log shows) and its label (which the
// Vietnamese messages show).
struct FieldName {
    std::string_view key;
    std::string_view label;
};

inline constexpr FieldName kDocumentNumberField{"document_number", "Số, ký hiệu văn bản"};
inline constexpr FieldName kDocumentDateField{"document_date", "Ngày ban hành văn bản"};
inline constexpr FieldName kDoneDateField{"done_on", "Ngày hoàn thành"};
inline constexpr FieldName kNoteField{"note", "Ghi chú"};

// The longest document number taken, in characters: real ones are under 30.
inline constexpr std::size_t kMaxDocumentNumberCharacters = 64;
// The longest note, in characters (issue 16).
inline constexpr std::size_t kMaxNoteCharacters = 2000;

// A document number as the Decree 30/2020/NĐ-CP writes it: the number, the
// year for legal documents, and the symbol of the kind and the issuing body:
// "125/BC-STC", "12/2026/QĐ-UBND", "45/TTr-SXD".
struct DocumentNumber {
    std::string text;         // normalised: "12/2026/QĐ-UBND"
    std::string number;       // "12", leading zeros kept ("07")
    std::optional<int> year;  // 2026
    std::string symbol;       // "QĐ-UBND"
};

// NUMBER[/YEAR]/SYMBOL: NUMBER is 1 to 6 digits, not all zeros; YEAR four
// digits from 1945 to 2100; SYMBOL groups joined by single hyphens, each a
// capital letter (A–Z or Đ) followed by letters (capital or small, so that
// "TTr" for a tờ trình reads) and digits. The input is put in NFC and its
// surrounding white space removed first.
Checked<DocumentNumber> check_document_number(std::string_view input);

// A date written dd/mm/yyyy (day and month of one or two digits) or
// yyyy-mm-dd (an HTML date input), of a real day, neither after `today` nor
// before `plan_issued` (the plan's date of issue).
Checked<Date> check_answer_date(std::string_view input, FieldName field, Date today, Date plan_issued);

// A note: UTF-8, put in NFC, line breaks (CRLF, CR) made LF, surrounding
// white space removed; at most kMaxNoteCharacters characters; no control
// character but the line break (no tab, no C1, no bidirectional override).
// An empty note is refused only when `required`.
Checked<std::string> check_note(std::string_view input, bool required, FieldName field = kNoteField);

}  // namespace nhacviec::answer
