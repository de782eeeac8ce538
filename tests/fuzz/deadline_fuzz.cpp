// Fuzz target: the deadline phrase resolver (resolve_deadline) on arbitrary
// bytes, and its JSON form as `tasks --json` and `resolve --json` print it.
// Checks that the fields agree with the kind (deadline.h) and that the JSON
// says what the Deadline says.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "deadline/deadline.h"

namespace {

void check(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using nhacviec::DeadlineKind;
    using nhacviec::Recurrence;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const nhacviec::Deadline deadline = nhacviec::resolve_deadline(text);

    switch (deadline.kind) {
        case DeadlineKind::fixed:
            check(deadline.due && deadline.due->ok() && deadline.recurrence == Recurrence::none);
            check(deadline.warning.empty());
            break;
        case DeadlineKind::period:
            check(deadline.due && deadline.due->ok() && deadline.first_year);
            check(deadline.recurrence == Recurrence::yearly);
            check(*deadline.first_year <= static_cast<int>(deadline.due->year()));
            check(deadline.warning.empty());
            break;
        case DeadlineKind::recurring:
            check(!deadline.due && deadline.recurrence != Recurrence::none && deadline.warning.empty());
            break;
        case DeadlineKind::undetermined:
            check(!deadline.due && deadline.recurrence == Recurrence::none && !deadline.warning.empty());
            break;
    }
    check(nhacviec::deadline_kind_from_string(nhacviec::to_string(deadline.kind)) == deadline.kind);
    check(nhacviec::recurrence_from_string(nhacviec::to_string(deadline.recurrence)) == deadline.recurrence);

    const nlohmann::json json = nhacviec::to_json(deadline);
    check(json.at("text") == deadline.text);
    check(json.at("kind") == std::string(nhacviec::to_string(deadline.kind)));
    check(json.at("due").is_null() != deadline.due.has_value());
    if (deadline.due) check(json.at("due") == nhacviec::format_iso_date(*deadline.due));
    check(json.at("recurrence").is_null() == (deadline.recurrence == Recurrence::none));
    // As the commands print it.
    const std::string printed = json.dump(2);
    check(nlohmann::json::parse(printed) == json);
    return 0;
}
