#include "web/answer_form.h"

#include "status/answer_fields.h"

namespace nhacviec::web {
namespace {

constexpr answer::FieldName kProposedDueField{"proposed_due", "Ngày đề nghị gia hạn"};
constexpr answer::FieldName kReasonField{"reason", "Lý do"};
constexpr answer::FieldName kContentField{"note", "Nội dung"};

// The latest day a proposed deadline may be written as: past it, the date is surely mistyped.
constexpr int kLatestProposedYear = 2100;

const std::string& value_of(const form::FormData& data, std::string_view name) {
    static const std::string none;
    const std::string* value = data.find(name);
    return value ? *value : none;
}

InputProblem kind_problem(const std::string& sent) {
    return {std::string(answer_field::kind),
            "kind: \"" + sent.substr(0, 40) + "\" is none of progress, completion, extension, waiting, note",
            "Loại trả lời: không rõ; hãy mở lại trang từ đường liên kết trong thư."};
}

}  // namespace

const form::FieldLabels& answer_form_labels() {
    static const form::FieldLabels labels = {
        {"kind", "Loại trả lời"},
        {"submission", "Mã biểu mẫu"},
        {"note", "Nội dung"},
        {"done_on", std::string(answer::kDoneDateField.label)},
        {"document_number", std::string(answer::kDocumentNumberField.label)},
        {"document_date", std::string(answer::kDocumentDateField.label)},
        {"report_file", "Tệp báo cáo"},
        {"proposed_due", std::string(kProposedDueField.label)},
        {"reason", std::string(kReasonField.label)},
    };
    return labels;
}

Checked<PostedAnswer> read_answer_form(form::FormData data, Date today, Date plan_issued) {
    PostedAnswer out;
    out.submission = value_of(data, answer_field::submission);
    const std::string& kind_text = value_of(data, answer_field::kind);
    const auto kind = answer_kind_from_string(kind_text);
    if (!kind) return kind_problem(kind_text);
    Answer& a = out.answer;
    a.kind = *kind;
    a.via = AnswerVia::link;

    const bool note_required = a.kind == AnswerKind::progress || a.kind == AnswerKind::note;
    auto note = answer::check_note(value_of(data, answer_field::note), note_required, kContentField);
    if (!note) return note.problem();
    a.note = std::move(*note);

    switch (a.kind) {
        case AnswerKind::completion: {
            auto done = answer::check_answer_date(value_of(data, answer_field::done_on), answer::kDoneDateField,
                                                  today, plan_issued);
            if (!done) return done.problem();
            auto number = answer::check_document_number(value_of(data, answer_field::document_number));
            if (!number) return number.problem();
            auto issued = answer::check_answer_date(value_of(data, answer_field::document_date),
                                                    answer::kDocumentDateField, today, plan_issued);
            if (!issued) return issued.problem();
            a.done_on = *done;
            a.document_number = number->text;
            a.document_date = *issued;
            if (data.file && data.file->field == answer_field::report_file) out.report_file = std::move(data.file);
            break;
        }
        case AnswerKind::extension: {
            // Any real day is read here; whether it is late enough is the rules' question (record_answer).
            const Date latest = *make_date(kLatestProposedYear, 12, 31);
            auto proposed = answer::check_answer_date(value_of(data, answer_field::proposed_due), kProposedDueField,
                                                      latest, plan_issued);
            if (!proposed) return proposed.problem();
            auto reason = answer::check_note(value_of(data, answer_field::reason), true, kReasonField);
            if (!reason) return reason.problem();
            a.proposed_due = *proposed;
            a.reason = std::move(*reason);
            break;
        }
        case AnswerKind::progress:
        case AnswerKind::waiting:
        case AnswerKind::note:
            break;
    }
    return out;
}

}  // namespace nhacviec::web
