// Fuzz target: the plan parser (parse_plan) on arbitrary bytes, and
// find_precondition on every task title it returns and on the input itself.
// Checks what the parser promises: errors name the source, tasks have unique
// codes, and a precondition is a "sau khi" clause of its title.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "common/text.h"
#include "plan/plan_parser.h"

namespace {

constexpr std::string_view kSource = "fuzz.txt";

void check(bool condition) {
    if (!condition) std::abort();
}

// A precondition is the title's clause that starts with "sau khi".
void check_precondition(std::string_view title) {
    const auto clause = nhacviec::find_precondition(title);
    if (!clause) return;
    check(nhacviec::text::fold(*clause).rfind(nhacviec::text::fold("sau khi"), 0) == 0);
    check(nhacviec::text::collapse_whitespace(title).find(*clause) != std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto plan = nhacviec::parse_plan(bytes, kSource);
    if (!plan) {
        check(plan.error().message.rfind(std::string(kSource) + ":", 0) == 0);
    } else {
        check(!plan->info.number.empty());
        std::set<std::string> codes;
        for (const auto& task : plan->tasks) {
            check(!task.code.empty() && task.line > 0);
            check(codes.insert(task.code).second);
            check(task.precondition == nhacviec::find_precondition(task.title));
            check_precondition(task.title);
        }
        for (const auto& warning : plan->warnings) check(warning.rfind(std::string(kSource) + ":", 0) == 0);
    }
    // Titles reach find_precondition as valid UTF-8 only.
    if (!nhacviec::text::first_invalid_utf8(bytes)) check_precondition(bytes);
    return 0;
}
