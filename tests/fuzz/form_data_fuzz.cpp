// Fuzz target: the form body readers (web/form_data) on arbitrary bytes. The
// input's first line is the request's Content-Type and the rest its body,
// read by parse_form; the whole input is also read as a urlencoded body and
// as a multipart body with a fixed boundary, so that the fuzzer reaches the
// part reader without having to find a Content-Type first. Checks that what
// is taken keeps every limit and that every refusal says why, in both
// languages.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "common/text.h"
#include "web/form_data.h"

namespace {

void check(bool condition) {
    if (!condition) std::abort();
}

void check_result(const nhacviec::Checked<nhacviec::form::FormData>& result) {
    using namespace nhacviec::form;
    if (!result.ok()) {
        const nhacviec::InputProblem& problem = result.problem();
        check(problem.log_message.starts_with("form"));
        check(!problem.form_message.empty());
        check(!nhacviec::text::first_invalid_utf8(problem.log_message));
        check(!nhacviec::text::first_invalid_utf8(problem.form_message));
        return;
    }
    const FormData& form = result.value();
    check(form.fields.size() <= kMaxFields);
    std::set<std::string> names;
    for (const Field& field : form.fields) {
        check(!field.name.empty() && field.name.size() <= kMaxNameBytes);
        check(names.insert(field.name).second);
        check(field.value.size() <= kMaxFieldBytes);
        check(!nhacviec::text::first_invalid_utf8(field.value));
        check(form.find(field.name) == &field.value);
    }
    if (form.file) {
        check(names.insert(form.file->field).second);
        check(form.file->bytes.size() <= kMaxFileBytes);
        check(!form.file->file_name.empty() && form.file->file_name.size() <= kMaxFileNameBytes);
        check(!nhacviec::text::first_invalid_utf8(form.file->file_name));
        check(form.file->file_name.find_first_of("/\\") == std::string::npos);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const nhacviec::form::FieldLabels labels = {{"note", "Ghi chú"}, {"report_file", "Tệp báo cáo"}};
    const size_t line_end = input.find('\n');
    if (line_end != std::string_view::npos)
        check_result(nhacviec::form::parse_form(input.substr(0, line_end), input.substr(line_end + 1), labels));
    check_result(nhacviec::form::parse_urlencoded(input, labels));
    check_result(nhacviec::form::parse_multipart("multipart/form-data; boundary=b", input, labels));
    return 0;
}
