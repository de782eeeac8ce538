// Fuzz target: the Word plan reader. An input that starts like a zip is
// read as a whole file (the package's limits, refusals and the reader);
// any other input is taken as word/document.xml and packed, with
// [Content_Types].xml, into a zip in memory first, so that the XML reader
// sees what libFuzzer makes. Checks what the readers promise: errors name
// the file, rows carry a location in "bảng N, hàng M", and interpret_plan
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

constexpr std::string_view kSource = "fuzz.docx";

void check(bool condition) {
    if (!condition) std::abort();
}

constexpr std::string_view kContentTypes =
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";

// A zip with [Content_Types].xml and word/document.xml = `xml`.
std::string docx_around(std::string_view xml) {
    return fuzz::zip_in_memory({{"[Content_Types].xml", kContentTypes}, {"word/document.xml", xml}});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::string bytes = input.substr(0, 2) == "PK" ? std::string(input) : docx_around(input);
    const auto document = nhacviec::read_plan_document(std::move(bytes), kSource);
    if (!document) {
        check(document.error().message.rfind(std::string(kSource), 0) == 0);
        return 0;
    }
    for (const auto& row : document->rows) {
        check(row.location.rfind("bảng ", 0) == 0);
        check(row.line > 0);
    }
    const auto plan = nhacviec::interpret_plan(*document);
    if (!plan) check(plan.error().message.rfind(std::string(kSource), 0) == 0);
    return 0;
}
