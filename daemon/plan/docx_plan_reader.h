// The reader of plans as Word documents (.docx, Office Open XML as Word and
// LibreOffice write it): word/document.xml, with word/numbering.xml for list
// bullets, → PlanDocument. The preamble is the document's paragraphs before
// the appendix table (those in layout tables too, cell by cell); the
// appendix is the first table with a row whose cells name the number column
// ("TT"). Cells merged across (w:gridSpan) keep their text in their first
// column, the covered ones empty; a cell merged down (w:vMerge) repeats the
// text of the cell above, except in a row whose first cell is merged down
// too, which continues the row above and stays empty there, as a text
// extraction's continuation rows do. Tracked changes are taken as accepted
// (w:ins kept, w:del dropped); fields show their result. Locations read
// "bảng 2, hàng 5" (the document's second table, its fifth row) and
// "đoạn 12". Domain guide §1. Pure.
#pragma once

#include <string_view>

#include "common/result.h"
#include "plan/office_package.h"
#include "plan/plan_document.h"

namespace nhacviec {

// Reads the Word document in `package`. Fails, naming the package's file,
// when word/document.xml is missing or is not well-formed XML.
Result<PlanDocument> read_docx_plan(const OfficePackage& package);

}  // namespace nhacviec
