#include "status/answer_fields.h"

#include <catch2/catch.hpp>

using namespace nhacviec;
using namespace nhacviec::answer;

namespace {

Date day(int y, int m, int d) { return *make_date(y, m, d); }

const Date kToday = day(2026, 12, 6);
const Date kPlanIssued = day(2026, 1, 15);

}  // namespace

TEST_CASE("document numbers as agencies write them", "[answer_fields]") {
    struct Case {
        std::string in;
        std::string text, number;
        std::optional<int> year;
        std::string symbol;
    };
    const std::vector<Case> cases = {
        {"125/BC-STC", "125/BC-STC", "125", std::nullopt, "BC-STC"},
        {"12/2026/QĐ-UBND", "12/2026/QĐ-UBND", "12", 2026, "QĐ-UBND"},
        {"45/TTr-SXD", "45/TTr-SXD", "45", std::nullopt, "TTr-SXD"},  // a tờ trình: "TTr"
        {"07/BC-UBND", "07/BC-UBND", "07", std::nullopt, "BC-UBND"},  // leading zero kept
        {"  125/BC-STC \u00A0", "125/BC-STC", "125", std::nullopt, "BC-STC"},  // surrounding spaces, no-break too
        {"12/2026/Q\u0110-UBND", "12/2026/QĐ-UBND", "12", 2026, "QĐ-UBND"},
        {"3/CV", "3/CV", "3", std::nullopt, "CV"},
        {"90/KH-UBND2", "90/KH-UBND2", "90", std::nullopt, "KH-UBND2"},
    };
    for (const Case& c : cases) {
        INFO(c.in);
        const auto checked = check_document_number(c.in);
        REQUIRE(checked.ok());
        CHECK(checked->text == c.text);
        CHECK(checked->number == c.number);
        CHECK(checked->year == c.year);
        CHECK(checked->symbol == c.symbol);
    }
}

TEST_CASE("a malformed document number is refused with the expected form", "[answer_fields]") {
    const std::string form = "Số, ký hiệu văn bản: không đúng dạng; hãy ghi số, năm (nếu có) và ký hiệu văn bản, ví dụ "
                             "125/BC-STC hoặc 12/2026/QĐ-UBND.";
    const std::string expected = " is not NUMBER/SYMBOL or NUMBER/YEAR/SYMBOL (e.g. 125/BC-STC, 12/2026/QĐ-UBND)";
    const std::vector<std::string> malformed = {
        "BC-STC",            // no number
        "125",               // no symbol
        "125/",              // an empty symbol
        "125/bc-stc",        // a symbol in small letters
        "125/BC--STC",       // an empty group
        "125/BC-",           // a trailing hyphen
        "125/-BC",           // a leading hyphen
        "125/BC STC",        // a space inside
        "125 /BC-STC",       // a space before the slash
        "125/BC–STC",        // an en dash
        "0/BC-STC",          // number zero
        "1234567/BC-STC",    // seven digits
        "12/26/QĐ-UBND",     // a two-digit year
        "12/1900/QĐ-UBND",   // a year before 1945
        "12/2026",           // a year and no symbol
        "12/2026/2027/QĐ",   // two years
        "05/157777777777777777777/QĐ",  // a year of many digits (found by the fuzzer: it overflowed)
        "99999999999/BC",    // a number of many digits
        "12/2026/QĐ/UBND",   // a slash inside the symbol
        "125/BC-STC;DROP",   // punctuation
        "１２５/BC-STC",     // full-width digits
        "125/ВС-STC",        // Cyrillic letters that look Latin
    };
    for (const std::string& in : malformed) {
        INFO(in);
        const auto checked = check_document_number(in);
        REQUIRE(!checked.ok());
        CHECK(checked.problem().field == "document_number");
        CHECK(checked.problem().log_message == "document_number: \"" + in + "\"" + expected);
        CHECK(checked.problem().form_message == form);
    }
    CHECK(check_document_number("125/BC-STC\r\n").ok());  // a line break around is white space

    struct Case {
        std::string in, log, form;
    };
    const std::vector<Case> cases = {
        {"", "document_number: empty", "Số, ký hiệu văn bản: chưa nhập."},
        {" \t ", "document_number: empty", "Số, ký hiệu văn bản: chưa nhập."},
        {"125/BC-\xD0", "document_number: not UTF-8 (byte 8)",
         "Số, ký hiệu văn bản: có ký tự không đọc được (không phải UTF-8); hãy gõ lại."},
        {"1/" + std::string(63, 'A'), "document_number: 65 characters, over the limit of 64",
         "Số, ký hiệu văn bản: quá dài (tối đa 64 ký tự)."},
        // control characters are shown escaped in the log
        {"1/A\x1b[2J", "document_number: \"1/A\\x1b[2J\"" + expected, form},
    };
    for (const Case& c : cases) {
        INFO(c.in);
        const auto checked = check_document_number(c.in);
        REQUIRE(!checked.ok());
        CHECK(checked.problem().log_message == c.log);
        CHECK(checked.problem().form_message == c.form);
    }
}

TEST_CASE("answer dates in both forms, within the plan and today", "[answer_fields]") {
    struct Case {
        std::string in;
        Date date;
        Date plan_issued = kPlanIssued;
    };
    const std::vector<Case> cases = {
        {"05/12/2026", day(2026, 12, 5)},
        {"5/2/2026", day(2026, 2, 5)},                       // one-digit day and month
        {"2026-12-06", day(2026, 12, 6)},                    // an HTML date input; today itself
        {" 15/01/2026 ", day(2026, 1, 15)},                  // the plan's date of issue itself
        {"29/02/2024", day(2024, 2, 29), day(2024, 1, 1)},  // a leap day, under an older plan
    };
    for (const Case& c : cases) {
        INFO(c.in);
        const auto checked = check_answer_date(c.in, kDoneDateField, kToday, c.plan_issued);
        REQUIRE(checked.ok());
        CHECK(*checked == c.date);
    }
}

TEST_CASE("a bad answer date is refused, naming the field", "[answer_fields]") {
    struct Case {
        std::string in, log, form;
    };
    const std::string how = "hãy ghi ngày theo dạng ngày/tháng/năm, ví dụ 06/12/2026.";
    const std::vector<Case> cases = {
        {"", "done_on: empty", "Ngày hoàn thành: chưa nhập."},
        {"hôm qua", "done_on: \"hôm qua\" is not a date (dd/mm/yyyy or yyyy-mm-dd)", "Ngày hoàn thành: không phải là ngày; " + how},
        {"05-12-2026", "done_on: \"05-12-2026\" is not a date (dd/mm/yyyy or yyyy-mm-dd)", "Ngày hoàn thành: không phải là ngày; " + how},
        {"2026/12/05", "done_on: \"2026/12/05\" is not a date (dd/mm/yyyy or yyyy-mm-dd)", "Ngày hoàn thành: không phải là ngày; " + how},
        {"05/12/26", "done_on: \"05/12/26\" is not a date (dd/mm/yyyy or yyyy-mm-dd)", "Ngày hoàn thành: không phải là ngày; " + how},
        {"2026-12-5", "done_on: \"2026-12-5\" is not a date (dd/mm/yyyy or yyyy-mm-dd)", "Ngày hoàn thành: không phải là ngày; " + how},
        {"005/12/2026", "done_on: \"005/12/2026\" is not a date (dd/mm/yyyy or yyyy-mm-dd)", "Ngày hoàn thành: không phải là ngày; " + how},
        {"05/12/2026 10:00", "done_on: \"05/12/2026 10:00\" is not a date (dd/mm/yyyy or yyyy-mm-dd)", "Ngày hoàn thành: không phải là ngày; " + how},
        {"\xFF", "done_on: not UTF-8", "Ngày hoàn thành: không phải là ngày; " + how},
        {"31/02/2026", "done_on: \"31/02/2026\" is no day of the calendar", "Ngày hoàn thành: không có ngày 31/02/2026; " + how},
        {"2026-13-01", "done_on: \"2026-13-01\" is no day of the calendar", "Ngày hoàn thành: không có ngày 01/13/2026; " + how},
        {"1/1/99999999999", "done_on: \"1/1/99999999999\" is not a date (dd/mm/yyyy or yyyy-mm-dd)", "Ngày hoàn thành: không phải là ngày; " + how},
        {"99999999999-01-01", "done_on: \"99999999999-01-01\" is not a date (dd/mm/yyyy or yyyy-mm-dd)", "Ngày hoàn thành: không phải là ngày; " + how},
        {"0/1/2026", "done_on: \"0/1/2026\" is no day of the calendar", "Ngày hoàn thành: không có ngày 00/01/2026; " + how},
        {"07/12/2026", "done_on: 2026-12-07 is after today (2026-12-06)",
         "Ngày hoàn thành: ngày 07/12/2026 chưa đến; không được sau hôm nay (06/12/2026)."},
        {"14/01/2026", "done_on: 2026-01-14 is before the plan's date of issue (2026-01-15)",
         "Ngày hoàn thành: ngày 14/01/2026 ở trước ngày ban hành kế hoạch (15/01/2026)."},
    };
    for (const Case& c : cases) {
        INFO(c.in);
        const auto checked = check_answer_date(c.in, kDoneDateField, kToday, kPlanIssued);
        REQUIRE(!checked.ok());
        CHECK(checked.problem().field == "done_on");
        CHECK(checked.problem().log_message == c.log);
        CHECK(checked.problem().form_message == c.form);
    }
    // The field named is the one asked about.
    const auto document_date = check_answer_date("1/1/2030", kDocumentDateField, kToday, kPlanIssued);
    REQUIRE(!document_date.ok());
    CHECK(document_date.problem().form_message ==
          "Ngày ban hành văn bản: ngày 01/01/2030 chưa đến; không được sau hôm nay (06/12/2026).");
}

TEST_CASE("notes are normalised; long ones and control characters are refused", "[answer_fields]") {
    CHECK(*check_note("  Đã xong.\r\nDòng 2\rDòng 3\n\n", true) == "Đã xong.\nDòng 2\nDòng 3");
    CHECK(*check_note("Ho\xCC\xA3p", true) == "Họp");  // NFC
    CHECK(*check_note(" \r\n ", false) == "");
    CHECK(check_note(std::string(2000, 'a'), true).ok());
    std::string vietnamese;
    for (int i = 0; i < 2000; ++i) vietnamese += "ệ";  // 2000 characters, 6000 bytes
    CHECK(check_note(vietnamese, true).ok());

    struct Case {
        std::string in, log, form;
    };
    const std::vector<Case> cases = {
        {"", "note: empty", "Ghi chú: chưa nhập."},
        {"\r\n\t ", "note: empty", "Ghi chú: chưa nhập."},
        {std::string(2001, 'a'), "note: 2001 characters, over the limit of 2000", "Ghi chú: quá dài (2001 ký tự); tối đa 2000 ký tự."},
        {vietnamese + "!", "note: 2001 characters, over the limit of 2000", "Ghi chú: quá dài (2001 ký tự); tối đa 2000 ký tự."},
        {"a\tb", "note: control character U+0009 at character 2",
         "Ghi chú: có ký tự điều khiển không được phép (U+0009, ở ký tự thứ 2); chỉ được xuống dòng."},
        {"xong\x1b[2J", "note: control character U+001B at character 5",
         "Ghi chú: có ký tự điều khiển không được phép (U+001B, ở ký tự thứ 5); chỉ được xuống dòng."},
        {"a\x7f", "note: control character U+007F at character 2",
         "Ghi chú: có ký tự điều khiển không được phép (U+007F, ở ký tự thứ 2); chỉ được xuống dòng."},
        {"a\xC2\x9B", "note: control character U+009B at character 2",
         "Ghi chú: có ký tự điều khiển không được phép (U+009B, ở ký tự thứ 2); chỉ được xuống dòng."},
        {"abc\u202Efdp.exe", "note: control character U+202E at character 4",
         "Ghi chú: có ký tự điều khiển không được phép (U+202E, ở ký tự thứ 4); chỉ được xuống dòng."},
        {"h\xE1i", "note: not UTF-8 (byte 2)", "Ghi chú: có ký tự không đọc được (không phải UTF-8); hãy gõ lại."},
    };
    for (const Case& c : cases) {
        INFO(c.in);
        const auto checked = check_note(c.in, true);
        REQUIRE(!checked.ok());
        CHECK(checked.problem().field == "note");
        CHECK(checked.problem().log_message == c.log);
        CHECK(checked.problem().form_message == c.form);
    }
    const auto nul = check_note(std::string("a\0b", 3), true);
    REQUIRE(!nul.ok());
    CHECK(nul.problem().log_message == "note: control character U+0000 at character 2");
}
