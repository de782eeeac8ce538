#include "deadline/deadline.h"
#include "deadline/deadline_problem.h"

#include <catch2/catch.hpp>

#include <string_view>

#include "common/date.h"

using namespace nhacviec;

namespace {

// One row of the resolver's table: the cell as written and what it must mean.
struct Case {
    std::string_view input;
    DeadlineKind kind;
    std::string_view due;         // "YYYY-MM-DD", or "" for none
    std::string_view recurrence;  // to_string(Recurrence): "" for none
    std::string_view note;        // why the row is here
};

constexpr auto fixed = DeadlineKind::fixed;
constexpr auto period = DeadlineKind::period;
constexpr auto recurring = DeadlineKind::recurring;
constexpr auto undetermined = DeadlineKind::undetermined;

constexpr Case kCases[] = {
    // The seed plan's phrases (90/KH-UBND), as they appear in its deadline column.
    {"Thường xuyên", recurring, "", "quarterly", "seed: ongoing, reviewed every quarter"},
    {"<i>Thường xuyên</i>", recurring, "", "quarterly", "seed: ongoing inside converter markup"},
    {"Quý I/2026", fixed, "2026-03-31", "", "seed: Roman quarter with '/'"},
    {"Quý III/2026", fixed, "2026-09-30", "", "seed: third quarter"},
    {"Quý IV/2026", fixed, "2026-12-31", "", "seed: fourth quarter"},
    {"Định kỳ hàng năm", recurring, "", "yearly", "seed: periodic yearly"},
    {"Hàng năm", recurring, "", "yearly", "seed: yearly"},
    {"Quý II năm 2027", fixed, "2027-06-30", "", "seed: 'năm' between quarter and year"},
    {"Trong Quý II/2027", fixed, "2027-06-30", "", "seed: leading 'Trong'"},
    {"Trong năm 2027", fixed, "2027-12-31", "", "seed: within a year"},
    {"Trong từng giai đoạn", undetermined, "", "", "seed: names no date"},
    {"Giai đoạn 2026 - 2030", period, "2030-12-31", "yearly", "seed: period with a hyphen"},
    {"Giai đoạn 2026 – 2030", period, "2030-12-31", "yearly", "seed: period with an en dash"},

    // Quarter: Roman or Arabic numerals, any case and normalisation, surrounding punctuation.
    {"quý 3/2026", fixed, "2026-09-30", "", "Arabic quarter, lower case"},
    {"Quý 1/2026", fixed, "2026-03-31", "", "Arabic first quarter"},
    {"QUÝ IV NĂM 2026", fixed, "2026-12-31", "", "upper case"},
    {"Quy\xCC\x81 III/2026", fixed, "2026-09-30", "", "NFD input (u + combining acute)"},
    {"Quý I/2026.", fixed, "2026-03-31", "", "trailing full stop"},
    {"  Quý I/2026 ; ", fixed, "2026-03-31", "", "surrounding spaces and semicolon"},
    {"(Quý II/2026)", fixed, "2026-06-30", "", "parentheses"},
    {"- Quý II/2026", fixed, "2026-06-30", "", "list bullet"},
    {"Quý I / 2026", fixed, "2026-03-31", "", "spaces around '/'"},
    {"Cuối quý II/2027", fixed, "2027-06-30", "", "end of the quarter"},
    {"Chậm nhất Quý IV/2026", fixed, "2026-12-31", "", "leading 'Chậm nhất'"},
    {"Hoàn thành trong Quý I/2027", fixed, "2027-03-31", "", "leading 'Hoàn thành trong'"},
    {"Quý V/2026", undetermined, "", "", "no fifth quarter"},
    {"Quý 0/2026", undetermined, "", "", "no quarter zero"},
    {"Quý 5/2026", undetermined, "", "", "no quarter five"},
    {"Quý I/26", undetermined, "", "", "two-digit year is not guessed"},
    {"Quý I/2026 hoặc Quý II/2026", undetermined, "", "", "extra words: not guessed"},
    {"Quý I", undetermined, "", "", "no year"},
    {"Quý I/2026 (dự kiến)", undetermined, "", "", "trailing remark: not guessed"},
    {"Trước Quý V/2026", undetermined, "", "", "impossible quarter after 'Trước'"},

    // Half year, and the Civil Code's "giữa năm".
    {"6 tháng đầu năm 2027", fixed, "2027-06-30", "", "first half"},
    {"6 tháng cuối năm 2026", fixed, "2026-12-31", "", "second half"},
    {"6 tháng đầu/2027", fixed, "2027-06-30", "", "first half, '/' form"},
    {"Trong 6 tháng cuối năm 2026", fixed, "2026-12-31", "", "leading 'Trong'"},
    {"giữa năm 2027", fixed, "2027-06-30", "", "Civil Code art. 146: mid-year is 30 June"},

    // Month.
    {"Tháng 6/2026", fixed, "2026-06-30", "", "month with '/'"},
    {"trong tháng 06 năm 2026", fixed, "2026-06-30", "", "zero-padded month, 'năm'"},
    {"Tháng 2/2028", fixed, "2028-02-29", "", "leap year February"},
    {"Cuối tháng 9/2026", fixed, "2026-09-30", "", "end of the month"},
    {"Giữa tháng 6/2026", fixed, "2026-06-15", "", "Civil Code art. 146: mid-month is the 15th"},
    {"6/2026", fixed, "2026-06-30", "", "bare month/year"},
    {"Đầu tháng 6/2026", fixed, "2026-06-01", "", "Civil Code art. 146: start of a month is the 1st"},
    {"Vào tháng 6/2026", fixed, "2026-06-30", "", "leading 'Vào'"},
    {"Tháng 13/2026", undetermined, "", "", "no thirteenth month"},
    {"Tháng 0/2026", undetermined, "", "", "no month zero"},

    // Date.
    {"Trước ngày 15/12/2026", fixed, "2026-12-15", "", "before a day: that day"},
    {"ngày 30/6/2026", fixed, "2026-06-30", "", "day with 'ngày'"},
    {"15/12/2026", fixed, "2026-12-15", "", "bare date"},
    {"ngày 15 tháng 12 năm 2026", fixed, "2026-12-15", "", "date in words"},
    {"Chậm nhất ngày 05/01/2027", fixed, "2027-01-05", "", "zero-padded day and month"},
    {"29/2/2028", fixed, "2028-02-29", "", "leap day"},
    {"15-12-2026", fixed, "2026-12-15", "", "hyphenated date"},
    {"2026-12-15", fixed, "2026-12-15", "", "ISO date"},
    {"31/2/2027", undetermined, "", "", "no 31 February"},
    {"29/2/2027", undetermined, "", "", "2027 is not a leap year"},
    {"15/12/26", undetermined, "", "", "two-digit year is not guessed"},

    // Year.
    {"Năm 2027", fixed, "2027-12-31", "", "a year"},
    {"Cuối năm 2027", fixed, "2027-12-31", "", "end of a year"},
    {"Đến hết năm 2030", fixed, "2030-12-31", "", "leading 'Đến hết'"},
    {"2027", fixed, "2027-12-31", "", "bare four-digit year"},
    {"Đầu năm 2027", fixed, "2027-01-01", "", "Civil Code art. 146: start of a year is 1 January"},
    {"Năm 2101", undetermined, "", "", "year out of range"},
    {"Năm 1999", undetermined, "", "", "year out of range"},
    {"Năm 27", undetermined, "", "", "two-digit year"},

    // Period.
    {"2026-2030", period, "2030-12-31", "yearly", "bare period"},
    {"giai đoạn 2026-2030", period, "2030-12-31", "yearly", "lower case, no spaces"},
    {"Trong giai đoạn 2026 — 2030", period, "2030-12-31", "yearly", "em dash, leading 'Trong'"},
    {"Từ năm 2026 đến năm 2030", period, "2030-12-31", "yearly", "period in words"},
    {"Giai đoạn 2026 - 2026", period, "2026-12-31", "yearly", "one-year period"},
    {"Giai đoạn 26 - 30", undetermined, "", "", "two-digit years"},
    {"Giai đoạn 2030 - 2026", undetermined, "", "", "ends before it starts"},

    // Recurring.
    {"Hằng năm", recurring, "", "yearly", "'Hằng' spelling"},
    {"hàng năm", recurring, "", "yearly", "lower case"},
    {"Định kỳ hằng năm.", recurring, "", "yearly", "periodic, trailing full stop"},
    {"Hàng quý", recurring, "", "quarterly", "quarterly"},
    {"Hằng quý", recurring, "", "quarterly", "quarterly, 'Hằng'"},
    {"Định kỳ hàng quý", recurring, "", "quarterly", "periodic quarterly"},
    {"Hàng tháng", recurring, "", "monthly", "monthly"},
    {"Hằng tháng", recurring, "", "monthly", "monthly, 'Hằng'"},
    {"Định kỳ 6 tháng", recurring, "", "half_yearly", "every six months"},
    {"6 tháng một lần", recurring, "", "half_yearly", "once every six months"},
    {"Hàng 6 tháng", recurring, "", "half_yearly", "each six months"},
    {"Thường xuyên, liên tục", recurring, "", "quarterly", "ongoing and continuous"},
    {"<i>thường xuyên</i>.", recurring, "", "quarterly", "markup and punctuation"},
    {"Định kì 6 tháng/lần", recurring, "", "half_yearly", "'kì' spelling, '/lần'"},
    {"Mỗi quý một lần", recurring, "", "quarterly", "once a quarter"},
    {"6 tháng", undetermined, "", "", "six months of what: not guessed"},
    {"Hàng năm 2027", undetermined, "", "", "recurring with a year: not guessed"},

    // Undetermined.
    {"Theo tiến độ", undetermined, "", "", "names no date"},
    {"Theo chỉ đạo", undetermined, "", "", "unrecognised"},
    {"", undetermined, "", "", "empty cell"},
    {".", undetermined, "", "", "punctuation only"},
    {"Hoàn thành", undetermined, "", "", "leading words only"},
    {"Hàng năm, thường xuyên", undetermined, "", "", "two phrases: not guessed"},
    {"Trước quý II/2027", fixed, "2027-06-30", "", "leading 'Trước' before a quarter"},
    {"Trước năm 2027", fixed, "2027-12-31", "", "leading 'Trước' before a year"},
    {"Trước Thường xuyên", undetermined, "", "", "'before' an ongoing task makes no sense"},
};

}  // namespace

TEST_CASE("resolve_deadline: the table of phrases", "[deadline]") {
    for (const Case& c : kCases) {
        INFO("input: \"" << c.input << "\" (" << c.note << ")");
        const Deadline d = resolve_deadline(c.input);
        CHECK(to_string(d.kind) == to_string(c.kind));
        CHECK((d.due ? format_iso_date(*d.due) : std::string()) == c.due);
        CHECK(to_string(d.recurrence) == c.recurrence);
        CHECK(d.warning.empty() == (c.kind != undetermined));
        CHECK(d.first_year.has_value() == (c.kind == period));
    }
}

TEST_CASE("resolve_deadline: a period knows its first year", "[deadline]") {
    CHECK(resolve_deadline("Giai đoạn 2026 – 2030").first_year == 2026);
    CHECK(resolve_deadline("2027-2031").first_year == 2027);
}

TEST_CASE("resolve_deadline: the text is kept as written, cleaned", "[deadline]") {
    CHECK(resolve_deadline("<i>Thường   xuyên</i>").text == "Thường xuyên");
    CHECK(resolve_deadline("Quy\xCC\x81 III/2026").text == "Quý III/2026");  // NFD in, NFC out
    CHECK(resolve_deadline("  Quý I/2026 ; ").text == "Quý I/2026");  // strip_markup drops a trailing ';'
    CHECK(resolve_deadline("Quý I/2026.").text == "Quý I/2026.");
    CHECK(resolve_deadline("Qu\xFD I/2026").text == "Qu\uFFFD I/2026");  // not UTF-8: U+FFFD, printable
}

TEST_CASE("resolve_deadline: warnings name the reason and quote the text", "[deadline]") {
    struct Warning {
        std::string_view input;
        std::string_view warning;
    };
    const Warning warnings[] = {
        {"Trong từng giai đoạn", "names no date: \"Trong từng giai đoạn\""},
        {"Theo tiến độ", "names no date: \"Theo tiến độ\""},
        {"Theo chỉ đạo", "unrecognised deadline phrase \"Theo chỉ đạo\""},
        {"<i>Theo chỉ đạo</i>", "unrecognised deadline phrase \"Theo chỉ đạo\""},
        {"Quý V/2026", "no such quarter in \"Quý V/2026\""},
        {"Tháng 13/2026", "no such month in \"Tháng 13/2026\""},
        {"31/2/2027", "no such date in \"31/2/2027\""},
        {"Quý I/26", "not a four-digit year from 2000 to 2100 in \"Quý I/26\""},
        {"Giai đoạn 2030 - 2026", "period ends before it starts in \"Giai đoạn 2030 - 2026\""},
        {"", "no deadline text"},
        {"<i> </i>", "no deadline text"},
    };
    for (const Warning& w : warnings) {
        INFO("input: \"" << w.input << "\"");
        const Deadline d = resolve_deadline(w.input);
        CHECK(d.kind == DeadlineKind::undetermined);
        CHECK(!d.due);
        CHECK(d.warning == w.warning);
    }
}

TEST_CASE("deadline kinds and recurrences round-trip through their names", "[deadline]") {
    for (DeadlineKind kind :
         {DeadlineKind::fixed, DeadlineKind::period, DeadlineKind::recurring, DeadlineKind::undetermined}) {
        CHECK(deadline_kind_from_string(to_string(kind)) == kind);
    }
    for (Recurrence recurrence : {Recurrence::none, Recurrence::monthly, Recurrence::quarterly,
                                  Recurrence::half_yearly, Recurrence::yearly}) {
        CHECK(recurrence_from_string(to_string(recurrence)) == recurrence);
    }
    CHECK(to_string(DeadlineKind::period) == "period");
    CHECK(to_string(Recurrence::half_yearly) == "half_yearly");
    CHECK(to_string(Recurrence::none).empty());
    CHECK(recurrence_from_string("") == Recurrence::none);
    CHECK(deadline_kind_from_string("Fixed") == std::nullopt);
    CHECK(deadline_kind_from_string("") == std::nullopt);
    CHECK(recurrence_from_string("weekly") == std::nullopt);
}

TEST_CASE("to_json: exact output", "[deadline]") {
    CHECK(to_json(resolve_deadline("Quý I/2026")).dump() ==
          R"({"due":"2026-03-31","kind":"fixed","recurrence":null,"text":"Quý I/2026"})");
    CHECK(to_json(resolve_deadline("<i>Thường xuyên</i>")).dump() ==
          R"({"due":null,"kind":"recurring","recurrence":"quarterly","text":"Thường xuyên"})");
    CHECK(to_json(resolve_deadline("Giai đoạn 2026 – 2030")).dump() ==
          R"({"due":"2030-12-31","kind":"period","recurrence":"yearly","text":"Giai đoạn 2026 – 2030"})");
    // Bytes that are not UTF-8 (`nhacviec resolve` takes any argument) no longer make dump() throw.
    CHECK(to_json(resolve_deadline("Qu\xFD I/2026")).dump() ==
          R"({"due":null,"kind":"undetermined","recurrence":null,"text":"Qu� I/2026"})");
}

TEST_CASE("deadline problem: why a phrase stayed undetermined, as a kind", "[deadline]") {
    CHECK(deadline_problem(resolve_deadline("Quý III/2026")) == DeadlineProblem::none);
    CHECK(deadline_problem(resolve_deadline("Thường xuyên")) == DeadlineProblem::none);
    CHECK(deadline_problem(resolve_deadline("")) == DeadlineProblem::empty);
    CHECK(deadline_problem(resolve_deadline("Trong từng giai đoạn")) == DeadlineProblem::names_no_date);
    CHECK(deadline_problem(resolve_deadline("Quý V/2026")) == DeadlineProblem::impossible);
    CHECK(deadline_problem(resolve_deadline("Tháng 13/2026")) == DeadlineProblem::impossible);
    CHECK(deadline_problem(resolve_deadline("31/02/2026")) == DeadlineProblem::impossible);
    CHECK(deadline_problem(resolve_deadline("Giai đoạn 2030 – 2026")) == DeadlineProblem::impossible);
    CHECK(deadline_problem(resolve_deadline("Khi có chỉ đạo")) == DeadlineProblem::unrecognised);
}
