// Tests for channels/mail_message: dates, RFC 2047 header text, mailboxes and
// the assembled MIME message, against exact bytes (checked once against
// Python's email package, which decodes them to the same text).
#include "channels/mail_message.h"

#include <catch2/catch.hpp>

#include "agency/agency_directory.h"
#include "common/base64.h"

using namespace nhacviec;

namespace {

std::chrono::sys_seconds at(long long unix_seconds) { return std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}}; }

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t end; (end = text.find("\r\n", start)) != std::string::npos; start = end + 2)
        lines.push_back(text.substr(start, end - start));
    lines.push_back(text.substr(start));
    return lines;
}

// Unfolds a header value and decodes its encoded words (a small RFC 2047
// decoder: whitespace before the value and between two encoded words is dropped).
std::string decode_header(const std::string& value) {
    std::string unfolded;
    for (size_t i = 0; i < value.size(); ++i) {
        if (value.compare(i, 2, "\r\n") == 0) ++i;
        else if (!(unfolded.empty() && value[i] == ' ')) unfolded += value[i];
    }
    std::string out, pending_space;
    bool last_encoded = false;
    size_t i = 0;
    while (i < unfolded.size()) {
        if (unfolded[i] == ' ') {
            pending_space += ' ';
            ++i;
            continue;
        }
        size_t end = unfolded.find(' ', i);
        if (end == std::string::npos) end = unfolded.size();
        const std::string word = unfolded.substr(i, end - i);
        const bool encoded = word.rfind("=?UTF-8?B?", 0) == 0 && word.size() >= 12 && word.substr(word.size() - 2) == "?=";
        if (!(encoded && last_encoded)) out += pending_space;
        pending_space.clear();
        if (encoded) {
            const auto bytes = base64_decode(word.substr(10, word.size() - 12));
            REQUIRE(bytes);
            out += *bytes;
        } else {
            out += word;
        }
        last_encoded = encoded;
        i = end;
    }
    return out + pending_space;
}

// Whether `bytes` is whole UTF-8 sequences (no sequence cut at either end).
bool whole_utf8(const std::string& bytes) {
    size_t i = 0;
    while (i < bytes.size()) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        const size_t length = c < 0x80 ? 1 : c >> 5 == 6 ? 2 : c >> 4 == 14 ? 3 : c >> 3 == 30 ? 4 : 0;
        if (length == 0 || i + length > bytes.size()) return false;
        for (size_t k = 1; k < length; ++k)
            if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) return false;
        i += length;
    }
    return true;
}

// Every encoded word of a folded value holds whole UTF-8 sequences and is at most 75 characters.
void check_encoded_words(const std::string& value) {
    for (size_t at = value.find("=?UTF-8?B?"); at != std::string::npos; at = value.find("=?UTF-8?B?", at + 1)) {
        const size_t end = value.find("?=", at + 10);
        REQUIRE(end != std::string::npos);
        CHECK(end + 2 - at <= 75);
        const auto bytes = base64_decode(value.substr(at + 10, end - at - 10));
        REQUIRE(bytes);
        CHECK(whole_utf8(*bytes));
    }
}

MailMessage sample_message() {
    MailMessage m;
    m.from = {"Nhắc việc Hải Phòng", "nhacviec@haiphong.example"};
    m.to = {{"Sở Tài chính", "so-tai-chinh@haiphong.example"}};
    m.cc = {{"Sở Nội vụ", "so-noi-vu@haiphong.example"}, {"Sở Xây dựng", "so-xay-dung@haiphong.example"}};
    m.subject = "Nhắc việc: nhiệm vụ I.3 đến hạn ngày 31/03/2026";
    m.message_id = "<reminder-7.I.3.90-KH-UBND-2026@nhacviec.haiphong.example>";
    m.thread_id = "<I.3.90-KH-UBND-2026@nhacviec.haiphong.example>";
    m.date = at(1774314000);  // 2026-03-24 01:00 UTC
    m.extra_headers = {{"X-Nhacviec-Key", "90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính"}};
    m.text = "Kính gửi Sở Tài chính,\n\nNhiệm vụ I.3 \"Xây dựng kế hoạch thực hiện\" đến hạn ngày 31/03/2026 (còn 7 ngày).\n";
    m.html = "<p>Kính gửi Sở Tài chính,</p>\n<p>Nhiệm vụ <b>I.3</b> đến hạn ngày 31/03/2026.</p>\n";
    return m;
}

// The decoded body of the part that follows `content_type` in an assembled message.
std::string part_body(const std::string& mime, const std::string& content_type, const std::string& boundary) {
    const size_t header = mime.find("Content-Type: " + content_type);
    REQUIRE(header != std::string::npos);
    const size_t begin = mime.find("\r\n\r\n", header) + 4;
    const size_t end = mime.find("--" + boundary, begin);
    REQUIRE(end != std::string::npos);
    std::string encoded;
    for (const auto& line : split_lines(mime.substr(begin, end - begin))) {
        CHECK(line.size() <= 76);
        encoded += line;
    }
    const auto bytes = base64_decode(encoded);
    REQUIRE(bytes);
    return *bytes;
}

}  // namespace

TEST_CASE("rfc5322_date writes Vietnam's time", "[mail]") {
    // One line per case: UTC seconds, expected date.
    const std::pair<long long, const char*> cases[] = {
        {1795568400, "Wed, 25 Nov 2026 08:00:00 +0700"},  // 2026-11-25 01:00 UTC
        {1774978205, "Wed, 01 Apr 2026 00:30:05 +0700"},  // 2026-03-31 17:30:05 UTC: already the next day
        {0, "Thu, 01 Jan 1970 07:00:00 +0700"},
        {1767200399, "Wed, 31 Dec 2025 23:59:59 +0700"},  // the last second of 2025 in Vietnam
    };
    for (const auto& [seconds, expected] : cases) {
        INFO(seconds);
        CHECK(rfc5322_date(at(seconds)) == expected);
    }
}

TEST_CASE("encode_header_text keeps ASCII and folds it at spaces", "[mail]") {
    CHECK(encode_header_text("Weekly digest", 9) == "Weekly digest");
    CHECK(encode_header_text("", 9) == "");
    const std::string long_subject =
        "Weekly digest of the tasks of plan 90/KH-UBND (2026) for the Department of Finance and the City Office of "
        "Hai Phong";
    const std::string folded = encode_header_text(long_subject, 9);
    CHECK(folded ==
          "Weekly digest of the tasks of plan 90/KH-UBND (2026) for the\r\n"
          " Department of Finance and the City Office of Hai Phong");
    CHECK(decode_header(folded) == long_subject);
}

TEST_CASE("encode_header_text writes Vietnamese as RFC 2047 encoded words", "[mail]") {
    const std::string subject = "Nhắc việc: nhiệm vụ I.3 đến hạn ngày 31/03/2026";
    const std::string encoded = encode_header_text(subject, 9);  // after "Subject: "
    CHECK(encoded ==
          "=?UTF-8?B?Tmjhuq9jIHZp4buHYzogbmhp4buHbSB24bulIEkuMyDEkeG6v24g?=\r\n"
          " =?UTF-8?B?aOG6oW4gbmfDoHkgMzEvMDMvMjAyNg==?=");
    const auto lines = split_lines("Subject: " + encoded);
    CHECK(lines[0].size() == 73);
    CHECK(lines[1].size() == 45);
    CHECK(decode_header(encoded) == subject);
    check_encoded_words(encoded);

    // An agency key in an X- header: the header name's length moves the first cut.
    CHECK(encode_header_text("90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính", 16) ==
          "=?UTF-8?B?OTAvS0gtVUJORC8yMDI2fEkuM3wtfHJlbWluZGVyLTd8Uw==?=\r\n"
          " =?UTF-8?B?4bufIFTDoGkgY2jDrW5o?=");
}

TEST_CASE("a long Vietnamese subject is folded within 76 columns, cut between characters", "[mail]") {
    std::string subject = "Nhắc việc: ";
    for (int i = 0; i < 8; ++i) subject += "Xây dựng kế hoạch thực hiện Chương trình chuyển đổi số, ";
    subject += "đến hạn ngày 31/03/2026";
    for (const size_t name_length : {size_t{9}, size_t{16}, size_t{60}, size_t{75}}) {
        INFO(name_length);
        const std::string encoded = encode_header_text(subject, name_length);
        const auto lines = split_lines(std::string(name_length, 'X') + encoded);
        CHECK(lines.size() > 10);
        for (size_t i = 0; i < lines.size(); ++i) {
            CHECK(lines[i].size() <= 76);
            if (i > 0) CHECK(lines[i][0] == ' ');
        }
        CHECK(decode_header(encoded) == subject);
        check_encoded_words(encoded);
    }
}

TEST_CASE("encode_header_text encodes what could be misread", "[mail]") {
    // A line break cannot start a new header.
    const std::string injected = encode_header_text("Digest\r\nBcc: everyone@example.com", 9);
    CHECK(injected == "=?UTF-8?B?RGlnZXN0DQpCY2M6IGV2ZXJ5b25lQGV4YW1wbGUuY29t?=");
    CHECK(encode_header_text("a\nb", 9) == "=?UTF-8?B?YQpi?=");
    // ASCII that looks like an encoded word is encoded.
    CHECK(encode_header_text("=?x?=", 9) == "=?UTF-8?B?PT94Pz0=?=");
    // A word too long for any line (a 2,000-character token) becomes encoded words.
    const std::string token(2000, 'a');
    const std::string encoded = encode_header_text(token, 9);
    for (const auto& line : split_lines("Subject: " + encoded)) CHECK(line.size() <= 76);
    CHECK(decode_header(encoded) == token);
}

TEST_CASE("format_mailbox writes names plain, quoted or encoded", "[mail]") {
    // One line per case: name, address, expected mailbox.
    const std::tuple<const char*, const char*, const char*> cases[] = {
        {"", "so-tai-chinh@haiphong.example", "<so-tai-chinh@haiphong.example>"},
        {"Nhac Viec", "nhacviec@haiphong.example", "Nhac Viec <nhacviec@haiphong.example>"},
        {"Office, City", "office@haiphong.example", "\"Office, City\" <office@haiphong.example>"},
        {"A \"B\" C.", "abc@haiphong.example", "\"A \\\"B\\\" C.\" <abc@haiphong.example>"},
        {"Sở Tài chính", "so-tai-chinh@haiphong.example",
         "=?UTF-8?B?U+G7nyBUw6BpIGNow61uaA==?= <so-tai-chinh@haiphong.example>"},
        {"Văn phòng UBND thành phố", "van-phong@haiphong.example",
         // Atoms stay plain between the encoded runs; 89 > 76: folded before the address.
         "=?UTF-8?B?VsSDbiBwaMOybmc=?= UBND =?UTF-8?B?dGjDoG5oIHBo4buR?=\r\n <van-phong@haiphong.example>"},
    };
    for (const auto& [name, address, expected] : cases) {
        INFO(name);
        CHECK(format_mailbox({name, address}) == expected);
    }
}

TEST_CASE("format_mailbox encodes long Vietnamese names between words", "[mail]") {
    // A run of words too long for one encoded word is cut between two words,
    // the space ending the first encoded word: no encoded word starts with a space.
    const std::string name = "Sở Nông nghiệp Phát triển nông thôn Hải Phòng";
    const std::string mailbox = format_mailbox({name, "nhcsxh@haiphong.example"});
    CHECK(mailbox ==
          "=?UTF-8?B?U+G7nyBOw7RuZyBuZ2hp4buHcCBQaMOhdCB0cmnhu4NuIG7DtG5nIA==?=\r\n"
          " =?UTF-8?B?dGjDtG4gSOG6o2kgUGjDsm5n?= <nhcsxh@haiphong.example>");  // "…nông " then "thôn Hải Phòng"
    CHECK(decode_header(mailbox.substr(0, mailbox.rfind(" <"))) == name);
    check_encoded_words(mailbox);
}

TEST_CASE("format_mailbox writes every name of the directory so that it decodes as written", "[mail]") {
    auto directory = AgencyDirectory::load_embedded();
    REQUIRE(directory.ok());
    size_t split = 0;
    for (const auto& agency : directory->agencies()) {
        INFO(agency.name);
        const std::string mailbox = format_mailbox({agency.name, "x@haiphong.example"});
        const std::string display = mailbox.substr(0, mailbox.rfind(" <"));
        // Quoted strings ("thanh,") unquoted, then as RFC 2047 decodes it.
        std::string unquoted;
        for (const char c : display)
            if (c != '"') unquoted += c;
        CHECK(decode_header(unquoted) == agency.name);
        check_encoded_words(mailbox);
        size_t words = 0;
        for (size_t at = display.find("=?UTF-8?B?"); at != std::string::npos; at = display.find("=?UTF-8?B?", at + 1)) {
            const size_t end = display.find("?=", at + 10);
            const auto bytes = base64_decode(display.substr(at + 10, end - at - 10));
            REQUIRE(bytes);
            CHECK(bytes->front() != ' ');
            // Two encoded words in a row, only white space between them: a run cut in two.
            if (words++ > 0 && display.find_last_not_of(" \r\n", at - 1) == display.rfind("?=", at - 1) + 1) ++split;
        }
    }
    // The runs too long for one encoded word with no ASCII word to break them.
    CHECK(split == 5);
}

TEST_CASE("format_mailbox keeps ASCII words between encoded runs as atoms or quoted strings", "[mail]") {
    const std::pair<const char*, const char*> cases[] = {
        // "thanh," is ASCII but not an atom: quoted, it breaks the run (49 bytes) in two that each fit one word.
        {"Báo và Phát thanh, Truyền hình Hải Phòng",
         "=?UTF-8?B?QsOhbyB2w6AgUGjDoXQ=?= \"thanh,\"\r\n =?UTF-8?B?VHJ1eeG7gW4gaMOsbmggSOG6o2kgUGjDsm5n?= <x@haiphong.example>"},
        // "-" and "Chi" are atoms: three runs, none too long.
        {"Ngân hàng Chính sách xã hội - Chi nhánh Hải Phòng",
         "=?UTF-8?B?TmfDom4gaMOgbmcgQ2jDrW5oIHPDoWNoIHjDoyBo4buZaQ==?= - Chi\r\n"
         " =?UTF-8?B?bmjDoW5oIEjhuqNpIFBow7JuZw==?= <x@haiphong.example>"},
    };
    for (const auto& [name, expected] : cases) {
        INFO(name);
        CHECK(format_mailbox({name, "x@haiphong.example"}) == expected);
    }
}

TEST_CASE("assemble_mime writes the exact headers and a multipart/alternative body", "[mail]") {
    const MailMessage m = sample_message();
    const std::string mime = assemble_mime(m);
    const std::string boundary = "=_nhacviec_e632500558c03854";  // FNV-1a of the Message-ID
    const std::string expected_headers =
        "Date: Tue, 24 Mar 2026 08:00:00 +0700\r\n"
        "From: =?UTF-8?B?Tmjhuq9jIHZp4buHYyBI4bqjaSBQaMOybmc=?=\r\n"
        " <nhacviec@haiphong.example>\r\n"
        "To: =?UTF-8?B?U+G7nyBUw6BpIGNow61uaA==?= <so-tai-chinh@haiphong.example>\r\n"
        "Cc: =?UTF-8?B?U+G7nyBO4buZaSB24bul?= <so-noi-vu@haiphong.example>,\r\n"
        " =?UTF-8?B?U+G7nyBYw6J5IGThu7FuZw==?= <so-xay-dung@haiphong.example>\r\n"
        "Subject: =?UTF-8?B?Tmjhuq9jIHZp4buHYzogbmhp4buHbSB24bulIEkuMyDEkeG6v24g?=\r\n"
        " =?UTF-8?B?aOG6oW4gbmfDoHkgMzEvMDMvMjAyNg==?=\r\n"
        "Message-ID: <reminder-7.I.3.90-KH-UBND-2026@nhacviec.haiphong.example>\r\n"
        "In-Reply-To: <I.3.90-KH-UBND-2026@nhacviec.haiphong.example>\r\n"
        "References: <I.3.90-KH-UBND-2026@nhacviec.haiphong.example>\r\n"
        "MIME-Version: 1.0\r\n"
        "Auto-Submitted: auto-generated\r\n"
        "X-Nhacviec-Key: =?UTF-8?B?OTAvS0gtVUJORC8yMDI2fEkuM3wtfHJlbWluZGVyLTd8Uw==?=\r\n"
        " =?UTF-8?B?4bufIFTDoGkgY2jDrW5o?=\r\n"
        "Content-Type: multipart/alternative;\r\n"
        " boundary=\"=_nhacviec_e632500558c03854\"\r\n"
        "\r\n";
    REQUIRE(mime.size() > expected_headers.size());
    CHECK(mime.substr(0, expected_headers.size()) == expected_headers);

    // The parts, in order, each UTF-8 in base64; line breaks sent as CRLF.
    const std::string body = mime.substr(expected_headers.size());
    const std::string part_headers_plain =
        "--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    CHECK(body.substr(0, part_headers_plain.size()) == part_headers_plain);
    CHECK(body.find("--" + boundary + "\r\nContent-Type: text/html; charset=utf-8\r\n"
                    "Content-Transfer-Encoding: base64\r\n\r\n") != std::string::npos);
    CHECK(body.substr(body.size() - boundary.size() - 6) == "--" + boundary + "--\r\n");
    CHECK(part_body(mime, "text/plain", boundary) ==
          "Kính gửi Sở Tài chính,\r\n\r\nNhiệm vụ I.3 \"Xây dựng kế hoạch thực hiện\" đến hạn ngày 31/03/2026 (còn 7 "
          "ngày).\r\n");
    CHECK(part_body(mime, "text/html", boundary) ==
          "<p>Kính gửi Sở Tài chính,</p>\r\n<p>Nhiệm vụ <b>I.3</b> đến hạn ngày 31/03/2026.</p>\r\n");
    CHECK(body.find("\r\nS8OtbmggZ+G7rWkgU+G7nyBUw6BpIGNow61uaCwNCg0KTmhp4buHbSB24bulIEkuMyAiWMOieSBk\r\n") !=
          std::string::npos);

    for (const auto& line : split_lines(mime)) CHECK(line.size() <= 76);
    // Only CRLF line endings.
    for (size_t i = 0; i < mime.size(); ++i)
        if (mime[i] == '\n') CHECK((i > 0 && mime[i - 1] == '\r'));

    // The same message assembles to the same bytes; another Message-ID to another boundary.
    CHECK(assemble_mime(m) == mime);
    MailMessage other = m;
    other.message_id = "<reminder-3.I.3.90-KH-UBND-2026@nhacviec.haiphong.example>";
    CHECK(assemble_mime(other).find(boundary) == std::string::npos);
}

TEST_CASE("assemble_mime marks every message auto-generated", "[mail]") {
    // RFC 3834 section 5: vacation responders must not answer such a message.
    const std::string mime = assemble_mime(sample_message());
    const size_t headers_end = mime.find("\r\n\r\n");
    CHECK(mime.find("\r\nAuto-Submitted: auto-generated\r\n") < headers_end);
}

TEST_CASE("assemble_mime leaves out what a message does not have", "[mail]") {
    MailMessage m;
    m.from = {"", "nhacviec@haiphong.example"};
    m.to = {{"", "so-tai-chinh@haiphong.example"}};
    m.subject = "Weekly digest";
    m.message_id = "<digest-2026-W13@nhacviec.haiphong.example>";
    m.date = at(1774314000);
    m.text = "Không có nhiệm vụ quá hạn.";
    m.extra_headers = {{"Bad Name", "x"}, {"X-Ok", "y"}};
    // No Cc, no thread, no HTML (a single text/plain part), no header with an invalid name.
    CHECK(assemble_mime(m) ==
          "Date: Tue, 24 Mar 2026 08:00:00 +0700\r\n"
          "From: <nhacviec@haiphong.example>\r\n"
          "To: <so-tai-chinh@haiphong.example>\r\n"
          "Subject: Weekly digest\r\n"
          "Message-ID: <digest-2026-W13@nhacviec.haiphong.example>\r\n"
          "MIME-Version: 1.0\r\n"
          "Auto-Submitted: auto-generated\r\n"
          "X-Ok: y\r\n"
          "Content-Type: text/plain; charset=utf-8\r\n"
          "Content-Transfer-Encoding: base64\r\n"
          "\r\n"
          "S2jDtG5nIGPDsyBuaGnhu4dtIHbhu6UgcXXDoSBo4bqhbi4=\r\n");
}

TEST_CASE("long address lists are folded between mailboxes", "[mail]") {
    MailMessage m = sample_message();
    m.to.clear();
    std::vector<std::string> expected;
    for (int i = 1; i <= 12; ++i) {
        const Mailbox box{i % 2 ? "Ủy ban nhân dân phường số " + std::to_string(i) : "Ward " + std::to_string(i),
                          "ubnd-phuong-" + std::to_string(i) + "@haiphong.example"};
        m.to.push_back(box);
        expected.push_back(format_mailbox(box));
    }
    const std::string mime = assemble_mime(m);
    const size_t begin = mime.find("\r\nTo: ") + 2;
    const size_t end = mime.find("\r\nCc: ");
    const std::string header = mime.substr(begin, end - begin);
    const auto lines = split_lines(header);
    CHECK(lines.size() >= 12);
    for (const auto& line : lines) CHECK(line.size() <= 76);
    // Unfolded, the header is the mailboxes joined by ", ".
    std::string unfolded, joined = "To: ";
    for (size_t i = 0; i < header.size(); ++i) {
        if (header.compare(i, 2, "\r\n") == 0) ++i;
        else unfolded += header[i];
    }
    for (size_t i = 0; i < expected.size(); ++i) {
        std::string box;
        for (size_t k = 0; k < expected[i].size(); ++k) {
            if (expected[i].compare(k, 2, "\r\n") == 0) ++k;
            else box += expected[i][k];
        }
        joined += (i ? ", " : "") + box;
    }
    CHECK(unfolded == joined);
}
