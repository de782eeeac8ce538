// Fuzz target: the Excel plan reader. An input that starts like a zip is
// read as a whole file (the package's limits, refusals and the readers);
// any other input is taken as the first worksheet's XML and packed, with
// [Content_Types].xml, a workbook, its relationships and a date style, into
// a zip in memory first, so that the XML reader sees what libFuzzer makes.
// Checks what the readers promise: errors name the file, a workbook's rows
// have the header's width and a location in "Sheet!A5", and interpret_plan
// takes whatever document comes out.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "plan/plan_file_reader.h"
#include "plan/plan_parser.h"
#include "zip_in_memory.h"

namespace {

constexpr std::string_view kSource = "fuzz.xlsx";

void check(bool condition) {
    if (!condition) std::abort();
}

constexpr std::string_view kContentTypes =
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
constexpr std::string_view kWorkbook =
    "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
constexpr std::string_view kWorkbookRels =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/></Relationships>";
constexpr std::string_view kStyles =
    "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts><numFmt numFmtId=\"165\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>";

// A workbook whose one worksheet is `xml`.
std::string xlsx_around(std::string_view xml) {
    return fuzz::zip_in_memory({{"[Content_Types].xml", kContentTypes},
                                {"xl/workbook.xml", kWorkbook},
                                {"xl/_rels/workbook.xml.rels", kWorkbookRels},
                                {"xl/styles.xml", kStyles},
                                {"xl/worksheets/sheet1.xml", xml}});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::string bytes = input.substr(0, 2) == "PK" ? std::string(input) : xlsx_around(input);
    const auto document = nhacviec::read_plan_document(std::move(bytes), kSource);
    if (!document) {
        check(document.error().message.rfind(std::string(kSource) + ":", 0) == 0);
        return 0;
    }
    check(document->source == kSource);
    for (const auto& row : document->rows) {
        check(!row.location.empty() && row.line > 0);
        // A workbook's rows ("Sheet1!A5") all have the header's width, so that nothing is lost or made up.
        if (row.location.find('!') != std::string::npos)
            check(row.cells.size() == document->rows.front().cells.size());
    }
    const auto plan = nhacviec::interpret_plan(*document);
    if (!plan) check(plan.error().message.rfind(std::string(kSource) + ":", 0) == 0);
    return 0;
}
