// Fuzz target: the plan parser on arbitrary bytes, in its two steps (the text
// reader read_text_plan, then interpret_plan on the document it fills), and
// find_precondition on every task title it returns and on the input itself.
// Checks what they promise: the document's rows start at a header row and
// carry their line, errors name the source, tasks have unique codes, a
// precondition is a "sau khi" clause of its title, and parse_plan is the two
// steps together.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "plan/column_wordings.h"
#include "plan/plan_parser.h"
#include "plan/text_plan_reader.h"

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
    const auto document = nhacviec::read_text_plan(bytes, kSource);
    if (document) {
        check(document->source == kSource);
        for (const auto& paragraph : document->preamble) check(paragraph.location.rfind('0', 0) != 0);
        for (const auto& row : document->rows) check(row.line > 0 && row.location == std::to_string(row.line));
        if (!document->rows.empty()) {
            std::vector<std::string> header;
            for (const auto& cell : document->rows.front().cells) header.push_back(cell.paragraphs.at(0));
            check(nhacviec::is_header_row(header));
        }
    }
    const auto plan = nhacviec::parse_plan(bytes, kSource);
    if (document) {
        const auto interpreted = nhacviec::interpret_plan(*document);
        check(interpreted.ok() == plan.ok());
        if (!plan) check(interpreted.error().message == plan.error().message);
        else check(interpreted->tasks.size() == plan->tasks.size() && interpreted->warnings == plan->warnings);
    } else {
        check(!plan && plan.error().message == document.error().message);
    }
    if (!plan) {
        check(plan.error().message.rfind(std::string(kSource) + ":", 0) == 0);
    } else {
        check(!plan->info.number.empty());
        std::set<std::string> codes;
        for (const auto& task : plan->tasks) {
            check(!task.code.empty() && task.line > 0 && task.location == std::to_string(task.line));
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
