// The reader of plans as UTF-8 text (as extracted from the signed document):
// bytes → PlanDocument. The preamble is the lines before the first line
// with a tab; the appendix table starts at the first tab-separated row that
// names the number column ("TT") and has one cell per tab. Domain guide §1.
// Pure.
#pragma once

#include <string_view>

#include "common/result.h"
#include "plan/plan_document.h"
#include "plan/plan_message.h"

namespace nhacviec {

// Reads a plan's text. `source` names the file in messages, which read
// "source:line: message". Fails on an empty or binary file and on text that
// is not UTF-8; problems of the table's rows (a line without tabs between
// rows, a row with another number of cells than its header) are left in
// TableRow::reader_error. A failure's kind and fields go to `*refusal` when
// it is not null.
Result<PlanDocument> read_text_plan(std::string_view bytes, std::string_view source, PlanMessage* refusal = nullptr);

}  // namespace nhacviec
