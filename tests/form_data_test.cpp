#include "web/form_data.h"

#include <catch2/catch.hpp>

using namespace nhacviec;
using namespace nhacviec::form;
using namespace std::string_literals;

namespace {

const FieldLabels kLabels = {{"note", "Ghi chú"}, {"report_file", "Tệp báo cáo"}};

const std::string kType = "multipart/form-data; boundary=----WebKitFormBoundaryx7Zq";
const std::string kDash = "------WebKitFormBoundaryx7Zq";

// One multipart part: its header lines and its content, framed by the boundary.
std::string part(const std::string& headers, const std::string& content) {
    return kDash + "\r\n" + headers + "\r\n\r\n" + content + "\r\n";
}
std::string text_part(const std::string& name, const std::string& value) {
    return part("Content-Disposition: form-data; name=\"" + name + "\"", value);
}
std::string file_part(const std::string& name, const std::string& file_name, const std::string& content) {
    return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + file_name +
                    "\"\r\nContent-Type: application/pdf",
                content);
}
std::string closed(const std::string& parts) { return parts + kDash + "--\r\n"; }

}  // namespace

TEST_CASE("urlencoded bodies read into fields", "[form_data]") {
    const auto form = parse_urlencoded("action=done&note=%C4%90%C3%A3+xong%0D%0Ad%C3%B2ng+2&&empty=&flag", kLabels);
    REQUIRE(form.ok());
    REQUIRE(form->fields.size() == 4);
    CHECK(*form->find("action") == "done");
    CHECK(*form->find("note") == "Đã xong\r\ndòng 2");  // '+' is a space, %XX a byte, CRLF kept
    CHECK(*form->find("empty") == "");
    CHECK(*form->find("flag") == "");  // a pair without '='
    CHECK(form->find("missing") == nullptr);
    CHECK(!form->file);
    CHECK(parse_urlencoded("")->fields.empty());
}

TEST_CASE("urlencoded bodies: every refusal names the field", "[form_data]") {
    struct Case {
        std::string body;
        std::string field, log, form;
    };
    const std::string damaged = "Biểu mẫu gửi lên bị hỏng, không đọc được. Hãy tải lại trang và gửi lại.";
    std::string many;
    for (int i = 0; i <= 32; ++i) many += "f" + std::to_string(i) + "=1&";
    const std::vector<Case> cases = {
        // the same field twice
        {"note=a&note=b", "note", "form field \"note\": sent twice", "Ghi chú: được gửi hai lần."},
        // a field the form does not label is named as sent
        {"x=1&x=2", "x", "form field \"x\": sent twice", "Trường \"x\": được gửi hai lần."},
        // bytes that are not UTF-8 (Latin-1 "ả")
        {"note=h%E1i", "note", "form field \"note\": not UTF-8 (byte 2)",
         "Ghi chú: có ký tự không đọc được (không phải UTF-8); hãy gõ lại nội dung."},
        // a broken escape in a value
        {"note=50%", "note", "form field \"note\": bad percent escape", "Ghi chú: dữ liệu gửi lên bị hỏng; hãy gửi lại."},
        {"note=%G1", "note", "form field \"note\": bad percent escape", "Ghi chú: dữ liệu gửi lên bị hỏng; hãy gửi lại."},
        // a broken escape in a name
        {"no%2=1", "", "form: field name \"no%2\" has a bad percent escape", damaged},
        // names are ours: ASCII words
        {"=1", "", "form: a field has no name", damaged},
        {"gh%C3%AD=1", "", "form: field name \"ghí\" is not a name (ASCII letters, digits, '_', '-', '.', at most 64)",
         damaged},
        {std::string(65, 'n') + "=1", "",
         "form: field name \"" + std::string(59, 'n') + "…\" is not a name (ASCII letters, digits, '_', '-', '.', at most 64)",
         damaged},
        // one field over its limit once decoded
        {"note=" + std::string(8193, 'a'), "note", "form field \"note\": 8193 bytes, over the limit of 8192",
         "Ghi chú: nội dung quá dài (tối đa 8 KB)."},
        // too many fields
        {many, "", "form: more than 32 fields", "Biểu mẫu gửi lên có quá nhiều trường (tối đa 32)."},
        // the body over its limit
        {"note=" + std::string(65536, 'a'), "", "form: body of 65541 bytes, over the limit of 65536",
         "Nội dung gửi lên quá lớn (tối đa 64 KB)."},
    };
    for (const Case& c : cases) {
        INFO(c.body.substr(0, 80));
        const auto form = parse_urlencoded(c.body, kLabels);
        REQUIRE(!form.ok());
        CHECK(form.problem().field == c.field);
        CHECK(form.problem().log_message == c.log);
        CHECK(form.problem().form_message == c.form);
    }
    // At the limits: 8192 bytes in a field, 32 fields.
    CHECK(parse_urlencoded("note=" + std::string(8192, 'a')).ok());
    CHECK(parse_urlencoded(many.substr(0, many.find("f32="))).ok());
}

TEST_CASE("multipart bodies read into fields and one file", "[form_data]") {
    // Binary bytes, a NUL, and a line that starts like the boundary but is not it.
    const std::string pdf = "%PDF-1.7\r\n\x00\xff binary \r\n------WebKitFormBoundaryx7Z\r\n%%EOF"s;
    const std::string body = closed(text_part("note", "Đã hoàn thành\r\ndòng 2") + text_part("document_number", "125/BC-STC") +
                                    file_part("report_file", "C:\\Báo cáo\\bao-cao.pdf", pdf));
    const auto form = parse_multipart(kType, body, kLabels);
    REQUIRE(form.ok());
    REQUIRE(form->fields.size() == 2);
    CHECK(form->fields[0].name == "note");
    CHECK(form->fields[0].value == "Đã hoàn thành\r\ndòng 2");
    CHECK(*form->find("document_number") == "125/BC-STC");
    REQUIRE(form->file);
    CHECK(form->file->field == "report_file");
    CHECK(form->file->file_name == "bao-cao.pdf");  // the folders a sender's path had are removed
    CHECK(form->file->content_type == "application/pdf");
    CHECK(form->file->bytes == pdf);
}

TEST_CASE("multipart: what browsers and other clients send", "[form_data]") {
    SECTION("a file input with no file chosen is skipped") {
        const auto form = parse_multipart(kType, closed(text_part("note", "x") + file_part("report_file", "", "")));
        REQUIRE(form.ok());
        CHECK(!form->file);
        CHECK(form->fields.size() == 1);
    }
    SECTION("a quoted boundary, parameters in any case, transport padding after the boundary, an epilogue") {
        const std::string body = "--a'b(c)\t \r\nCONTENT-DISPOSITION: Form-Data; Name=note\r\n\r\nx\r\n--a'b(c)--\r\nepilogue";
        const auto form = parse_multipart("Multipart/Form-Data; charset=utf-8; Boundary=\"a'b(c)\"", body);
        REQUIRE(form.ok());
        CHECK(*form->find("note") == "x");
    }
    SECTION("filename* in UTF-8 (RFC 8187) wins over filename") {
        const auto form = parse_multipart(
            kType, closed(part("Content-Disposition: form-data; name=\"f\"; filename=\"x.pdf\"; "
                               "filename*=UTF-8''b%C3%A1o%20c%C3%A1o.pdf\r\nContent-Type: Application/PDF; x=y",
                               "%PDF")));
        REQUIRE(form.ok());
        CHECK(form->file->file_name == "báo cáo.pdf");
        CHECK(form->file->content_type == "application/pdf");
    }
    SECTION("a text part may say text/plain in UTF-8; other headers are ignored") {
        const auto form = parse_multipart(
            kType, closed(part("Content-Disposition: form-data; name=note\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                               "X-Other: 1\r\nContent-Transfer-Encoding: 8bit",
                               "")));
        REQUIRE(form.ok());
        CHECK(*form->find("note") == "");
    }
    SECTION("a file's name is taken in NFC") {
        const auto form = parse_multipart(kType, closed(file_part("f", "Ba\xCC\x81o.pdf", "%PDF")));
        REQUIRE(form.ok());
        CHECK(form->file->file_name == "Báo.pdf");
    }
}

TEST_CASE("multipart: every refusal, with its messages", "[form_data]") {
    struct Case {
        std::string content_type;  // "" for kType
        std::string body;
        std::string field, log, form;
    };
    const std::string damaged = "Biểu mẫu gửi lên bị hỏng, không đọc được. Hãy tải lại trang và gửi lại.";
    const std::string cd = "Content-Disposition: form-data; name=\"note\"";
    std::string many;
    for (int i = 0; i < 34; ++i) many += text_part("f" + std::to_string(i), "1");
    std::string empty_files;  // file inputs with no file chosen: skipped, but counted as parts
    for (int i = 0; i < 35; ++i) empty_files += file_part("f" + std::to_string(i), "", "");
    std::string many_headers = cd;
    for (int i = 0; i < 8; ++i) many_headers += "\r\nX-" + std::to_string(i) + ": 1";
    const std::vector<Case> cases = {
        // no boundary, a bad one, two
        {"multipart/form-data", "", "", "form: Content-Type \"multipart/form-data\" has no single boundary", damaged},
        {"multipart/form-data; boundary=a; boundary=b", "", "",
         "form: Content-Type \"multipart/form-data; boundary=a; boundary=b\" has no single boundary", damaged},
        {"multipart/form-data; boundary=\"a b \"", "", "", "form: boundary \"a b \" is not 1 to 70 characters of RFC 2046",
         damaged},
        {"multipart/form-data; boundary=" + std::string(71, 'b'), "", "",
         "form: boundary \"" + std::string(59, 'b') + "…\" is not 1 to 70 characters of RFC 2046", damaged},
        {"multipart/form-data; boundary=\"a", "", "",
         "form: Content-Type \"multipart/form-data; boundary=\"a\" is not multipart/form-data", damaged},
        {"text/plain; boundary=a", "", "", "form: Content-Type \"text/plain; boundary=a\" is not multipart/form-data",
         damaged},
        // framing
        {"", "preamble\r\n" + closed(text_part("note", "x")), "", "form: body does not start with the boundary", damaged},
        {"", kDash + "junk\r\n", "", "form: part 1: the boundary line does not end in CRLF", damaged},
        {"", kDash + "\r\n" + cd, "", "form: part 1: the headers are cut off", damaged},
        {"", kDash + "\r\n" + cd + "\r\n\r\nx", "", "form: part 1: not closed by the boundary (the body is cut off)",
         damaged},
        {"", text_part("note", "x") + kDash, "", "form: part 2: the boundary line does not end in CRLF", damaged},
        // header lines: a bare LF, folding, too many, too long, unreadable
        {"", kDash + "\r\n" + cd + "\nX: 1\r\n\r\nx\r\n" + kDash + "--", "",
         "form: part 1: a header line has a control character (a bare CR or LF?)", damaged},
        {"", closed(part(cd + "\r\n continued", "x")), "", "form: part 1: header line \" continued\" is not NAME: VALUE",
         damaged},
        {"", closed(part(many_headers, "x")), "", "form: part 1: more than 8 header lines", damaged},
        {"", closed(part(cd + "\r\nX: " + std::string(1022, 'x'), "x")), "",
         "form: part 1: a header line of 1025 bytes, over the limit of 1024", damaged},
        {"", closed(part("Content-Type: text/plain", "x")), "", "form: part 1: no Content-Disposition", damaged},
        {"", closed(part("Content-Disposition: attachment; name=note", "x")), "",
         "form: part 1: Content-Disposition is \"attachment\", not form-data", damaged},
        {"", closed(part("Content-Disposition: form-data; filename=a.pdf", "x")), "",
         "form: part 1: Content-Disposition has no name", damaged},
        {"", closed(part("Content-Disposition: form-data; name=a; name=b", "x")), "",
         "form: part 1: a parameter of Content-Disposition comes twice", damaged},
        {"", closed(part("Content-Disposition: form-data; name=\"note", "x")), "",
         "form: part 1: Content-Disposition \"form-data; name=\"note\" cannot be read", damaged},
        {"", closed(part(cd + "\r\n" + cd, "x")), "", "form: part 1: two Content-Disposition headers", damaged},
        {"", closed(part(cd + "\r\nContent-Transfer-Encoding: base64", "eA==")), "",
         "form: part 1: Content-Transfer-Encoding \"base64\" is not 7bit, 8bit or binary", damaged},
        {"", closed(part("Content-Disposition: form-data; name=\"ghi chú\"", "x")), "",
         "form: part 1: field name \"ghi chú\" is not a name (ASCII letters, digits, '_', '-', '.', at most 64)",
         damaged},
        // text fields
        {"", closed(part(cd + "\r\nContent-Type: text/plain; charset=windows-1258", "x")), "note",
         "form field \"note\": a text field sent as \"text/plain; charset=windows-1258\"",
         "Ghi chú: dữ liệu gửi lên không phải là văn bản UTF-8."},
        {"", closed(part(cd + "\r\nContent-Type: text/plain; charset=\"x\xE1\"", "x")), "note",
         "form field \"note\": a text field sent as \"text/plain; charset=x\\xe1\"",
         "Ghi chú: dữ liệu gửi lên không phải là văn bản UTF-8."},
        {"", closed(text_part("note", "h\xE1i")), "note", "form field \"note\": not UTF-8 (byte 2)",
         "Ghi chú: có ký tự không đọc được (không phải UTF-8); hãy gõ lại nội dung."},
        {"", closed(text_part("note", std::string(8193, 'a'))), "note",
         "form field \"note\": 8193 bytes, over the limit of 8192", "Ghi chú: nội dung quá dài (tối đa 8 KB)."},
        {"", closed(text_part("note", "a") + text_part("note", "b")), "note", "form field \"note\": sent twice",
         "Ghi chú: được gửi hai lần."},
        {"", closed(many), "", "form: more than 32 fields", "Biểu mẫu gửi lên có quá nhiều trường (tối đa 32)."},
        {"", closed(empty_files), "", "form: more than 34 parts",
         "Biểu mẫu gửi lên có quá nhiều trường (tối đa 32)."},
        // the file
        {"", closed(file_part("report_file", "a.pdf", "1") + file_part("other", "b.pdf", "2")), "other",
         "form field \"other\": a second file; one is allowed", "Trường \"other\": chỉ được gửi một tệp."},
        {"", closed(text_part("report_file", "1") + file_part("report_file", "b.pdf", "2")), "report_file",
         "form field \"report_file\": sent twice", "Tệp báo cáo: được gửi hai lần."},
        {"", closed(file_part("report_file", "a.pdf", "1") + text_part("report_file", "2")), "report_file",
         "form field \"report_file\": sent twice", "Tệp báo cáo: được gửi hai lần."},
        {"", closed(file_part("report_file", "", "%PDF")), "report_file",
         "form field \"report_file\": file name is empty once its folders are removed",
         "Tệp báo cáo: tên tệp không hợp lệ; hãy đổi tên tệp rồi gửi lại."},
        {"", closed(file_part("report_file", "C:\\x\\", "%PDF")), "report_file",
         "form field \"report_file\": file name is empty once its folders are removed",
         "Tệp báo cáo: tên tệp không hợp lệ; hãy đổi tên tệp rồi gửi lại."},
        {"", closed(file_part("report_file", "b\xE1o.pdf", "%PDF")), "report_file",
         "form field \"report_file\": file name is not UTF-8 (byte 2)",
         "Tệp báo cáo: tên tệp không hợp lệ; hãy đổi tên tệp rồi gửi lại."},
        {"", closed(file_part("report_file", "a\x1b[2J.pdf", "%PDF")), "",
         "form: part 1: a header line has a control character (a bare CR or LF?)", damaged},
        {"", closed(part("Content-Disposition: form-data; name=report_file; filename*=utf-8''a%1B%5B2J.pdf", "%PDF")),
         "report_file", "form field \"report_file\": file name has a control character",
         "Tệp báo cáo: tên tệp không hợp lệ; hãy đổi tên tệp rồi gửi lại."},
        {"", closed(file_part("report_file", std::string(252, 'a') + ".pdf", "%PDF")), "report_file",
         "form field \"report_file\": file name of 256 bytes, over the limit of 255",
         "Tệp báo cáo: tên tệp không hợp lệ; hãy đổi tên tệp rồi gửi lại."},
        {"", closed(part("Content-Disposition: form-data; name=f; filename*=ISO-8859-1''b%E1o.pdf", "%PDF")), "",
         "form: part 1: filename* in charset \"ISO-8859-1\"; only UTF-8 is read", damaged},
        {"", closed(part("Content-Disposition: form-data; name=f; filename*=b.pdf", "%PDF")), "",
         "form: part 1: filename* is not CHARSET'LANGUAGE'VALUE", damaged},
        {"", closed(part("Content-Disposition: form-data; name=f; filename*=utf-8''%zz", "%PDF")), "",
         "form: part 1: filename* has a bad percent escape", damaged},
        {"", closed(file_part("report_file", "a.pdf", std::string(kMaxFileBytes + 1, 'x'))), "report_file",
         "form field \"report_file\": file of 10485761 bytes, over the limit of 10485760",
         "Tệp báo cáo: tệp quá lớn (tối đa 10 MB)."},
        // the body as a whole
        {"", closed(file_part("report_file", "a.pdf", std::string(kMaxBodyBytes, 'x'))), "",
         "form: body of 10551463 bytes, over the limit of 10551296",
         "Nội dung gửi lên quá lớn (tối đa 10 MB cho tệp và 64 KB cho các trường)."},
    };
    for (const Case& c : cases) {
        INFO(c.body.substr(0, 200));
        const auto form = parse_multipart(c.content_type.empty() ? kType : c.content_type, c.body, kLabels);
        REQUIRE(!form.ok());
        CHECK(form.problem().field == c.field);
        CHECK(form.problem().log_message == c.log);
        CHECK(form.problem().form_message == c.form);
    }
}

TEST_CASE("multipart: the fields' share of the body is limited apart from the file", "[form_data]") {
    std::string fields;
    for (int i = 0; i < 9; ++i) fields += text_part("f" + std::to_string(i), std::string(8000, 'a'));
    const auto form = parse_multipart(kType, closed(fields));
    REQUIRE(!form.ok());
    CHECK(form.problem().log_message == "form: 72725 bytes besides the file, over the limit of 65536");
    CHECK(form.problem().form_message == "Các trường của biểu mẫu quá lớn (tối đa 64 KB).");
    // A file at its limit with the fields beside it passes.
    const auto at_limit =
        parse_multipart(kType, closed(text_part("note", "x") + file_part("report_file", "a.pdf", std::string(kMaxFileBytes, 'x'))));
    REQUIRE(at_limit.ok());
    CHECK(at_limit->file->bytes.size() == kMaxFileBytes);
}

TEST_CASE("parse_form picks the reader by Content-Type", "[form_data]") {
    CHECK(*parse_form("application/x-www-form-urlencoded; charset=UTF-8", "a=1")->find("a") == "1");
    CHECK(*parse_form(kType, closed(text_part("a", "2")))->find("a") == "2");
    const auto other = parse_form("application/json", "{}");
    REQUIRE(!other.ok());
    CHECK(other.problem().log_message ==
          "form: Content-Type \"application/json\" is neither application/x-www-form-urlencoded nor multipart/form-data");
    CHECK(other.problem().form_message == "Biểu mẫu gửi lên bị hỏng, không đọc được. Hãy tải lại trang và gửi lại.");
}
