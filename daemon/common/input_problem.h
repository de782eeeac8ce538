// InputProblem and Checked<T>: the outcome of checking what a person typed or
// sent on a form. A problem names the field and says what is wrong twice:
// in English for the log, and in Vietnamese for the form, where the person
// who sent it reads it. Plain values, no state; the form readers
// (web/form_data), the PDF check (documents/pdf_check) and the answer checks
// (status/answer_fields) return them, on whatever thread calls them.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace nhacviec {

// Why a value sent on a form cannot be taken.
struct InputProblem {
    // The field as the form sends it ("note") or labels it ("Số, ký hiệu
    // văn bản"); empty when the problem is the request as a whole.
    std::string field;
    // For the log, in English: `form field "note": 9000 bytes, over the limit of 8192`.
    std::string log_message;
    // For the form, in Vietnamese, naming the field: "Ghi chú quá dài: tối đa 2000 ký tự."
    std::string form_message;
};

// Either the checked (and normalised) value or the problem with it.
template <class T>
class [[nodiscard]] Checked {
public:
    Checked(T value) : state_(std::move(value)) {}
    Checked(InputProblem problem) : state_(std::move(problem)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<T>(state_); }
    const T& value() const& { assert(ok()); return std::get<T>(state_); }
    T&& value() && { assert(ok()); return std::get<T>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const T& operator*() const& { return value(); }

    const InputProblem& problem() const { assert(!ok()); return std::get<InputProblem>(state_); }

private:
    std::variant<T, InputProblem> state_;
};

}  // namespace nhacviec
