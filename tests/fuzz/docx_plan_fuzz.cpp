// Fuzz target: the Word plan reader. An input that starts like a zip is
// read as a whole file (the package's limits, refusals and the reader);
// any other input is taken as word/document.xml and packed, with
// [Content_Types].xml, into a zip in memory first, so that the XML reader
// sees what libFuzzer makes. Checks what the readers promise: errors name
// the file, rows carry a location in "bảng N, hàng M", and interpret_plan
// takes whatever document comes out.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "plan/plan_file_reader.h"
#include "plan/plan_parser.h"

namespace {

constexpr std::string_view kSource = "fuzz.docx";

void check(bool condition) {
    if (!condition) std::abort();
}

// A zip with [Content_Types].xml and word/document.xml = `xml`, made with libzip.
std::string docx_around(std::string_view xml) {
    static const std::string content_types =
        "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    check(buffer != nullptr);
    zip_source_keep(buffer);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    check(archive != nullptr);
    zip_file_add(archive, "[Content_Types].xml",
                 zip_source_buffer(archive, content_types.data(), content_types.size(), 0), 0);
    zip_file_add(archive, "word/document.xml", zip_source_buffer(archive, xml.data(), xml.size(), 0), 0);
    check(zip_close(archive) == 0);
    std::string bytes;
    zip_stat_t stat;
    check(zip_source_open(buffer) == 0);
    check(zip_source_stat(buffer, &stat) == 0);
    bytes.resize(static_cast<size_t>(stat.size));
    check(zip_source_read(buffer, bytes.data(), bytes.size()) == static_cast<zip_int64_t>(bytes.size()));
    zip_source_close(buffer);
    zip_source_free(buffer);
    zip_error_fini(&error);
    return bytes;
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
