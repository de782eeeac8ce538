// The reader of plans kept as Excel workbooks (.xlsx, SpreadsheetML as Excel
// and LibreOffice write it): an OfficePackage → PlanDocument. The task table
// is the first worksheet with a header row (a row naming the number column,
// "TT"); the rows above it are the preamble. A merged range keeps its text in
// its first cell, but a cell merged down one column other than the number's
// (a lead agency shared by several tasks) is repeated in each row; numbers
// typed as numbers read as written ("1.1"), dates typed as dates as
// dd/mm/yyyy; a line break inside a cell separates paragraphs. Locations
// read "Sheet1!A5". The zip container is read through OfficePackage (its
// limits), the XML with pugixml. Domain guide §1. Pure.
#pragma once

#include "common/result.h"
#include "plan/office_package.h"
#include "plan/plan_document.h"

namespace nhacviec {

// Reads the workbook in `package`. Fails, naming the package's file, when
// xl/workbook.xml or its relationships are missing, or a part it reads is not
// well-formed XML. A workbook with no header row gives a document with no
// rows (interpret_plan says what it looked for).
Result<PlanDocument> read_xlsx_plan(const OfficePackage& package);

}  // namespace nhacviec
