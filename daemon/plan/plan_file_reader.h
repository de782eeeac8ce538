// Reading a plan file of any form nhacviec knows: the first bytes choose the
// reader (text_plan_reader.h, docx_plan_reader.h, xlsx_plan_reader.h), the
// refusals of what it does not read say what to do (office_package.h). Pure.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "plan/plan_document.h"
#include "plan/plan_message.h"

namespace nhacviec {

// Reads a plan document from a file's bytes, choosing the reader by the first
// bytes, not the name: a zip is an office document (a Word document or an
// Excel workbook is read; other office documents are refused, saying what to
// do), a legacy .doc/.xls, an encrypted document and a PDF are refused,
// anything else is text (read_text_plan). `source` names the file in messages.
// A failure's kind and fields go to `*refusal` when it is not null (kOther,
// with the English text, for the problems of a part's XML).
Result<PlanDocument> read_plan_document(std::string bytes, std::string_view source, PlanMessage* refusal = nullptr);

}  // namespace nhacviec
