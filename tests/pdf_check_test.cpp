#include "documents/pdf_check.h"

#include <catch2/catch.hpp>

using namespace nhacviec;
using namespace nhacviec::documents;
using namespace std::string_literals;

namespace {

// A small PDF as writers end it: header, a binary comment, an object, the trailer.
std::string pdf(const std::string& header, const std::string& end = "startxref\n9\n%%EOF\n") {
    return header + "\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + end;
}

}  // namespace

TEST_CASE("PDFs pass by their content", "[pdf_check]") {
    struct Case {
        std::string bytes;
        std::string version;
    };
    const std::vector<Case> cases = {
        {pdf("%PDF-1.4"), "1.4"},
        {pdf("%PDF-1.7"), "1.7"},
        {pdf("%PDF-2.0"), "2.0"},
        // junk before the header, within the first 1024 bytes, as readers accept it
        {std::string(1000, ' ') + pdf("%PDF-1.5"), "1.5"},
        // a false start, then the real header
        {"%PDF-x " + pdf("%PDF-1.6"), "1.6"},
        // bytes after %%EOF (an appended NUL or a mail gateway's line), within the last 1024
        {pdf("%PDF-1.3", "%%EOF\r\n\x00"s + std::string(1000, '\n')), "1.3"},
        // %%EOF without a line end, as the very last bytes
        {pdf("%PDF-1.7", "%%EOF"), "1.7"},
    };
    for (const Case& c : cases) {
        INFO(c.bytes.substr(0, 40));
        const auto checked = check_report_pdf(c.bytes);
        REQUIRE(checked.ok());
        CHECK(checked->version == c.version);
        CHECK(checked->size == c.bytes.size());
    }
}

TEST_CASE("what is not a PDF is refused, naming the field", "[pdf_check]") {
    struct Case {
        std::string bytes;
        std::string log, form;
    };
    const std::string not_pdf = "Tệp báo cáo không phải là tệp PDF. Hãy gửi bản PDF của văn bản báo cáo.";
    const std::string no_header = "report file: no %PDF-1.x or %PDF-2.0 header in the first 1024 bytes";
    const std::string cut = "Tệp báo cáo không trọn vẹn (thiếu phần cuối của tệp PDF, có thể tải lên bị gián đoạn). "
                            "Hãy gửi lại tệp.";
    std::string big = pdf("%PDF-1.7");
    big.insert(20, std::string(kMaxReportFileBytes, ' '));
    const std::vector<Case> cases = {
        // nothing at all
        {"", "report file: empty", "Tệp báo cáo là tệp rỗng (0 byte); hãy chọn lại tệp."},
        // a Word document (zip), a PNG, plain text named .pdf
        {"PK\x03\x04\x14\x00\x06\x00"s + std::string(100, 'x') + "%%EOF", no_header, not_pdf},
        {"\x89PNG\r\n\x1a\n"s + "%%EOF", no_header, not_pdf},
        {"Báo cáo kết quả\n%%EOF", no_header, not_pdf},
        // versions readers do not know, and a header in lower case
        {pdf("%PDF-3.0"), no_header, not_pdf},
        {pdf("%PDF-2.1"), no_header, not_pdf},
        {pdf("%PDF-1.10"), no_header, not_pdf},
        {pdf("%PDF-1."), no_header, not_pdf},
        {pdf("%pdf-1.7"), no_header, not_pdf},
        // the header starting past the first 1024 bytes
        {std::string(1024, ' ') + pdf("%PDF-1.7"), no_header, not_pdf},
        // cut off: no %%EOF, or one followed by more than 1024 bytes
        {pdf("%PDF-1.7", "startxref\n9\n"), "report file: no %%EOF in the last 1024 bytes (cut off?)", cut},
        {pdf("%PDF-1.7", "%%EOF" + std::string(1020, '\n')), "report file: no %%EOF in the last 1024 bytes (cut off?)", cut},
        // over 10 MB
        {big, "report file: 10485829 bytes, over the limit of 10485760", "Tệp báo cáo quá lớn (10,0 MB); tối đa 10 MB."},
    };
    for (const Case& c : cases) {
        INFO(c.bytes.substr(0, 40));
        const auto checked = check_report_pdf(c.bytes);
        REQUIRE(!checked.ok());
        CHECK(checked.problem().field == "Tệp báo cáo");
        CHECK(checked.problem().log_message == c.log);
        CHECK(checked.problem().form_message == c.form);
    }
    // At the limit: exactly 10 MiB.
    std::string at_limit = pdf("%PDF-1.7");
    at_limit.insert(20, std::string(kMaxReportFileBytes - at_limit.size(), ' '));
    CHECK(check_report_pdf(at_limit).ok());
}
