// The plan parser: a plan document → the plan's identity and the rows of its
// appendix table as tasks, with their cells still as written. Domain guide §1.
// A reader turns a file into a PlanDocument (text_plan_reader.h for UTF-8
// text); interpret_plan finds the columns by their headers' wording
// (column_wordings.h), the section, group and continuation rows, the codes and
// the preconditions. Pure: it reads values and returns values; the importer
// resolves deadlines and agencies afterwards.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "plan/plan_document.h"
#include "plan/plan_message.h"

namespace nhacviec {

// The plan's identity and heading, from the preamble and the appendix.
struct PlanInfo {
    std::string number;  // "90/KH-UBND"
    int year = 0;        // year of issue; with the number, the plan's identity
    std::optional<Date> issued_on;
    std::string title;   // the appendix heading, or "Kế hoạch số …" when there is none
};

// One task row of the appendix (continuation rows already joined), cells as
// written with markup removed and white space collapsed.
struct ParsedTask {
    std::string code;           // "I.3", "I.9.2", "II.5.13"
    int line = 0;               // line of the task's first row (TableRow::line)
    std::string location;       // where its first row is, for messages: "79" (TableRow::location)
    std::string section_title;  // "Nhiệm vụ chung"
    std::string group_title;    // the heading above numbered sub-rows ("Đối với đất đai, tài nguyên"), or ""
    std::string title;
    std::string lead;           // the lead-agency cell
    std::string cooperating;    // the cooperating-agencies cell
    std::string product;
    std::string deadline;       // the deadline phrase as written
    std::optional<std::string> precondition;  // the "sau khi …" clause of the title, if any
};

// A parsed plan: identity, tasks in document order, and warnings (count
// mismatches, columns it does not read) that do not stop an import, each
// naming the file and line.
struct ParsedPlan {
    PlanInfo info;
    std::vector<ParsedTask> tasks;
    std::vector<std::string> warnings;
    // The same warnings, in the same order, with their kind and fields.
    std::vector<PlanMessage> warning_messages;
};

// Turns a document into a plan. Messages read "source:location: message".
// The columns are found by their header's wording, in any order; a column
// it does not read ("Ghi chú", "Kinh phí") is named once in a warning and
// its cells are never looked at. Fails on: no plan number or date, no
// appendix table, a header that lacks one of the six columns (naming it and
// the wordings looked for) or has two for the same one (naming both), a
// repeated header with other columns, a row with another number of cells,
// an unknown row number, a duplicate task code. A failure's kind and fields
// go to `*refusal` when it is not null.
Result<ParsedPlan> interpret_plan(const PlanDocument& document, PlanMessage* refusal = nullptr);

// Parses a plan from the bytes of its text (read_text_plan, then
// interpret_plan). `source` names the file in messages, which read
// "source:line: message". Fails also on an empty or binary file, text that
// is not UTF-8, a line without tabs between rows and a row whose number of
// cells is not its header's.
Result<ParsedPlan> parse_plan(std::string_view bytes, std::string_view source);

// The largest plan file read_plan_file reads: 256 MiB (a plan of 100,000
// tasks takes 34 MB).
inline constexpr size_t kMaxPlanFileBytes = size_t{256} << 20;

// Reads and parses a plan file: UTF-8 text or a Word document, chosen by
// its first bytes (read_plan_document, plan_file_reader.h).
Result<ParsedPlan> read_plan_file(const std::string& path);

// The "sau khi …" clause of a task title, or nullopt.
std::optional<std::string> find_precondition(std::string_view title);

}  // namespace nhacviec
