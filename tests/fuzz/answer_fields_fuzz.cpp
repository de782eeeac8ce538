// Fuzz target: the checks of what an agency writes (status/answer_fields)
// and of the report file it sends (documents/pdf_check), on arbitrary bytes.
// Checks that what passes is normalised as promised and passes again
// unchanged, and that every refusal names its field in both languages.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/text.h"
#include "documents/pdf_check.h"
#include "status/answer_fields.h"

namespace {

void check(bool condition) {
    if (!condition) std::abort();
}

void check_problem(const nhacviec::InputProblem& problem, std::string_view field) {
    check(problem.field == field);
    check(problem.log_message.starts_with(std::string(field)) || problem.log_message.starts_with("report file: "));
    check(!nhacviec::text::first_invalid_utf8(problem.log_message));
    check(!nhacviec::text::first_invalid_utf8(problem.form_message));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace nhacviec;
    using namespace nhacviec::answer;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const Date today = *make_date(2026, 12, 6);
    const Date plan_issued = *make_date(2026, 1, 15);

    const auto number = check_document_number(input);
    if (number.ok()) {
        check(number->text == text::to_nfc(number->text));
        check(number->text.ends_with(number->symbol) && number->text.starts_with(number->number + "/"));
        const auto again = check_document_number(number->text);
        check(again.ok() && again->text == number->text);
    } else {
        check_problem(number.problem(), kDocumentNumberField.key);
    }

    const auto date = check_answer_date(input, kDoneDateField, today, plan_issued);
    if (date.ok()) {
        check(*date <= today && *date >= plan_issued);
        const auto again = check_answer_date(format_vietnamese_date(*date), kDoneDateField, today, plan_issued);
        check(again.ok() && *again == *date);
    } else {
        check_problem(date.problem(), kDoneDateField.key);
    }

    const auto note = check_note(input, false);
    if (note.ok()) {
        check(note->find('\r') == std::string::npos && text::display_width(*note) <= kMaxNoteCharacters);
        const auto again = check_note(*note, false);
        check(again.ok() && *again == *note);
    } else {
        check_problem(note.problem(), kNoteField.key);
    }

    const auto pdf = documents::check_report_pdf(input);
    if (pdf.ok()) check(input.find("%PDF-") < documents::kPdfHeaderWindow && pdf->size == size);
    else check_problem(pdf.problem(), documents::kReportFileLabel);
    return 0;
}
