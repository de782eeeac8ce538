#include "plan/plan_parser.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;

namespace {

const ParsedTask& task(const ParsedPlan& plan, const std::string& code) {
    for (const auto& t : plan.tasks)
        if (t.code == code) return t;
    FAIL("no task " << code);
    throw;
}

// A small plan in the family's format, for the cases the seed does not show.
std::string small_plan(const std::string& rows) {
    return "Số: 12/KH-UBND\n\nHà Nội, ngày 5 tháng 1 năm 2027\n\nPHỤ LỤC\n\nDanh mục nhiệm vụ\n\n"
           "STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tKết quả\tThời hạn\n" +
           rows;
}

}  // namespace

TEST_CASE("the seed plan: identity and 51 tasks", "[plan]") {
    auto plan = read_plan_file(seed_plan().string());
    REQUIRE(plan.ok());
    CHECK(plan->info.number == "90/KH-UBND");
    CHECK(plan->info.year == 2026);
    CHECK(format_iso_date(*plan->info.issued_on) == "2026-03-20");
    CHECK(plan->info.title.rfind("Nhiệm vụ, công việc cụ thể thực hiện Nghị quyết số 29/NQ-CP", 0) == 0);
    CHECK(plan->warnings.empty());
    REQUIRE(plan->tasks.size() == 51);

    std::vector<std::string> codes;
    for (const auto& t : plan->tasks) codes.push_back(t.code);
    const std::vector<std::string> expected_first = {"I.1", "I.2", "I.3", "I.4", "I.5", "I.6", "I.7", "I.8",
                                                     "I.9.1", "I.9.2", "I.9.3", "II.1.1"};
    CHECK(std::vector<std::string>(codes.begin(), codes.begin() + 12) == expected_first);
    CHECK(codes.back() == "II.7.7");
}

TEST_CASE("the seed plan: cells, continuation rows and markup", "[plan]") {
    auto plan = read_plan_file(seed_plan().string());
    REQUIRE(plan.ok());
    // I.3: an ordinary row.
    const auto& i3 = task(*plan, "I.3");
    CHECK(i3.line == 79);
    CHECK(i3.lead == "Sở Tài chính");
    CHECK(i3.cooperating == "- Các Sở, ban, ngành thành phố; - UBND xã, phường, đặc khu");
    CHECK(i3.product == "Kế hoạch thực hiện");
    CHECK(i3.deadline == "Quý I/2026");
    CHECK(i3.section_title == "Nhiệm vụ chung");
    CHECK(i3.group_title.empty());
    // I.2 continues after a page break: the second row's title is appended.
    const auto& i2 = task(*plan, "I.2");
    CHECK(i2.title.rfind("- Chỉ đạo các cơ quan báo chí thành phố", 0) == 0);
    CHECK(i2.title.find("phản bác các thông tin sai trái, xuyên tạc. - Xử lý nghiêm các cơ quan truyền thông") !=
          std::string::npos);
    // II.2.3: title and cooperating cell both continue.
    const auto& ii23 = task(*plan, "II.2.3");
    CHECK(ii23.title.find("Nâng cấp hệ thống cảng thủy nội địa.") != std::string::npos);
    CHECK(ii23.cooperating == "- Sở Tài chính, Sở Nông nghiệp và Môi trường - UBND xã, phường, đặc khu.");
    // II.5.3: the lead agency is split across the page break.
    CHECK(task(*plan, "II.5.3").lead == "Doanh nghiệp nhà nước do UBND thành phố làm chủ sở hữu.");
    // I.9.2: markup removed, the parent heading kept as the group.
    const auto& i92 = task(*plan, "I.9.2");
    CHECK(i92.title.rfind("Xây dựng các Hội nghị đối thoại riêng", 0) == 0);
    CHECK(i92.deadline == "Thường xuyên");
    CHECK(i92.group_title.rfind("Tăng cường hoạt động đối thoại", 0) == 0);
    // II.5.13: <ul style=…> removed.
    CHECK(task(*plan, "II.5.13").cooperating.rfind("- Doanh nghiệp nhà nước do UBND thành phố làm chủ sở hữu.", 0) == 0);
    CHECK(task(*plan, "II.1.1").group_title == "Đối với đất đai, tài nguyên");
}

TEST_CASE("the seed plan: preconditions", "[plan]") {
    auto plan = read_plan_file(seed_plan().string());
    REQUIRE(plan.ok());
    std::vector<std::string> with_precondition;
    for (const auto& t : plan->tasks)
        if (t.precondition) with_precondition.push_back(t.code);
    CHECK(with_precondition ==
          std::vector<std::string>{"I.4", "I.7", "I.8", "II.5.9", "II.5.11", "II.5.13", "II.5.14", "II.7.3", "II.7.5"});
    CHECK(*task(*plan, "I.7").precondition == "sau khi cấp có thẩm quyền ban hành chính sách cụ thể");
    CHECK(*task(*plan, "II.5.11").precondition == "sau khi có hướng dẫn của Bộ Tài chính");
    CHECK(*task(*plan, "II.7.3").precondition == "sau khi Chính phủ ban hành chính sách quy định");
}

TEST_CASE("stated counts that disagree are warnings naming the group", "[plan]") {
    std::string text = read_file(seed_plan());
    text = replace_once(text, "Đối với đất đai, tài nguyên (05 nhiệm vụ)", "Đối với đất đai, tài nguyên (06 nhiệm vụ)");
    text = replace_once(text, "(07 giải pháp, 40 nhiệm vụ)", "(07 giải pháp, 41 nhiệm vụ)");
    text = replace_once(text, "Tổng số: 51 nhiệm vụ", "Tổng số: 52 nhiệm vụ");
    auto plan = parse_plan(text, "plan.txt");
    REQUIRE(plan.ok());
    CHECK(plan->tasks.size() == 51);
    CHECK(plan->warnings == std::vector<std::string>{
                                "plan.txt:94: group II.1 (Đối với đất đai, tài nguyên) states 6 tasks, the table has 5",
                                "plan.txt:93: section II states 41 tasks, the table has 40",
                                "plan.txt:70: the plan states 52 tasks in total, the table has 51",
                            });
}

TEST_CASE("other plans of the family: other column wording, CRLF, NFD, Roman sections alone", "[plan]") {
    const std::string rows =
        "I\tNhiệm vụ chung (02 nhiệm vụ)\t\t\t\t\r\n"
        "1\tNhiệm vụ một\tSở Tài chính\tSở Nội vụ\tBáo cáo\tQuy\xCC\x81 II/2027\r\n"
        "2\tNhiệm vụ hai sau khi Bộ Tài chính hướng dẫn.\tSở Nội vụ\t\tQuyết định\tHằng năm\r\n";
    auto plan = parse_plan(small_plan(rows), "other.txt");
    REQUIRE(plan.ok());
    CHECK(plan->info.number == "12/KH-UBND");
    CHECK(plan->info.year == 2027);
    CHECK(plan->warnings.empty());
    REQUIRE(plan->tasks.size() == 2);
    CHECK(plan->tasks[0].code == "I.1");
    CHECK(plan->tasks[0].deadline == "Quý II/2027");  // NFD input comes out NFC
    CHECK(plan->tasks[1].precondition == std::optional<std::string>("sau khi Bộ Tài chính hướng dẫn"));
}

TEST_CASE("bad plan documents are rejected with the file and line", "[plan]") {
    const std::string seed = read_file(seed_plan());
    // Cut off in the middle of row II.7.7: the last row has too few cells.
    const std::string cut = seed.substr(0, seed.find("Sở Nội vụ\t<ul style=\"list-style-type: none\"> - Sở Tài chính; Các"));
    struct Case {
        const char* what;
        std::string bytes;
        std::string error;
    };
    const Case cases[] = {
        {"empty", "", "p.txt: the file is empty"},
        {"only blank lines", "\n \n\t\n", "p.txt: the file is empty"},
        {"binary", std::string("PK\x03\x04\0\0", 6), "p.txt:1: not a text file (a NUL byte at column 5)"},
        {"Windows-1258", "S\xF4\xDE: 90/KH-UBND\n",
         "p.txt:1:2: not UTF-8 (byte 0xF4); convert legacy encodings (TCVN3, VNI, Windows-1258) to UTF-8 first"},
        {"no table", "Số: 90/KH-UBND\nHải Phòng, ngày 20 tháng 3 năm 2026\nKẾ HOẠCH\n",
         "p.txt: no appendix table: expected a tab-separated header row starting with \"TT\""},
        {"no number", "Hải Phòng, ngày 20 tháng 3 năm 2026\n",
         "p.txt: no plan number: expected a line such as \"Số: 90/KH-UBND\""},
        {"cut off", cut, "p.txt:160: a table row with 3 cells; expected 6 (is the file cut off?)"},
        {"unknown header", "Số: 1/KH-UBND\nngày 1 tháng 1 năm 2027\nTT\tViệc\tAi\tVới ai\tGì\tKhi nào\n",
         "p.txt:3: the table header does not name the six columns (number, task, lead agency, cooperating agencies, "
         "product, deadline)"},
        {"bad row number", small_plan("I. Chung\t\t\t\t\t\nA\tViệc\tSở Tài chính\t\tBáo cáo\tQuý I/2027\n"),
         "p.txt:11: unrecognised row number \"A\""},
        {"duplicate code", small_plan("I. Chung\t\t\t\t\t\n1\tViệc\tSở Tài chính\t\tBáo cáo\tQuý I/2027\n"
                                      "1\tViệc\tSở Tài chính\t\tBáo cáo\tQuý I/2027\n"),
         "p.txt:12: task I.1 appears twice"},
        {"task before section", small_plan("1\tViệc\tSở Tài chính\t\tBáo cáo\tQuý I/2027\n"),
         "p.txt:10: task 1 comes before any section row (\"I. …\")"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto plan = parse_plan(c.bytes, "p.txt");
        REQUIRE_FALSE(plan.ok());
        CHECK(plan.error().message == c.error);
    }
}

TEST_CASE("find_precondition takes the clause to the end of its sentence", "[plan]") {
    CHECK(find_precondition("Làm việc A sau khi có hướng dẫn. Làm việc B.") ==
          std::optional<std::string>("sau khi có hướng dẫn"));
    CHECK(find_precondition("Làm việc A") == std::nullopt);
    CHECK(find_precondition("Sau khi có hướng dẫn, làm việc A") ==
          std::optional<std::string>("Sau khi có hướng dẫn, làm việc A"));
    // No space after the comma or parenthesis: the clause starts at "sau khi", not at the word before it.
    CHECK(find_precondition("Xây dựng đô thị hiện đại,sau khi văn minh. Làm việc B.") ==
          std::optional<std::string>("sau khi văn minh"));
    CHECK(find_precondition("Làm việc A,(sau khi có hướng dẫn") == std::optional<std::string>("sau khi có hướng dẫn"));
}
