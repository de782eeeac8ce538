#include "plan/plan_parser.h"

#include <iterator>
#include <optional>

#include <catch2/catch.hpp>

#include "plan/column_wordings.h"
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

// The wordings column_wordings looks for, as the refusals list them.
const std::string kTaskWordings =
    "\"Tên nhiệm vụ\", \"Nội dung nhiệm vụ\", \"Nội dung\", \"Nhiệm vụ\", \"Nhiệm vụ, giải pháp\", "
    "\"Nội dung công việc\", \"Tên công việc\", \"Công việc\", \"Nội dung thực hiện\"";
const std::string kLeadWordings =
    "\"Cơ quan chủ trì\", \"Đơn vị chủ trì\", \"Cơ quan, đơn vị chủ trì\", \"Chủ trì\", \"Cơ quan chủ trì thực hiện\", "
    "\"Đơn vị chủ trì thực hiện\", \"Cơ quan, đơn vị chủ trì thực hiện\", \"Cơ quan, đơn vị chủ trì tham mưu\"";
const std::string kDeadlineWordings =
    "\"Thời gian hoàn thành\", \"Thời hạn hoàn thành\", \"Thời gian thực hiện\", \"Thời hạn thực hiện\", "
    "\"Thời hạn\", \"Thời gian\", \"Tiến độ\", \"Tiến độ thực hiện\", \"Tiến độ hoàn thành\", "
    "\"Thời gian hoàn thành dự kiến\"";

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
        {"unknown header", "Số: 1/KH-UBND\nngày 1 tháng 1 năm 2027\nTT\tViệc\tCơ quan chủ trì\tCơ quan phối hợp\tSản phẩm\tThời hạn\n",
         "p.txt:3: the table header has no task column (looked for " + kTaskWordings + ")"},
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

TEST_CASE("header cells name their column after normalisation, and only by a known wording", "[plan]") {
    struct Case {
        const char* cell;
        std::optional<PlanColumn> column;
    };
    const Case cases[] = {
        {"TT", PlanColumn::kNumber},                                                    // the seed's
        {"S\u1ed1 th\u1ee9 t\u1ef1", PlanColumn::kNumber},                              // written out
        {"  stt. ", PlanColumn::kNumber},                                               // case, spaces, a dot
        {"TÊN NHIỆM VỤ", PlanColumn::kTask},                                            // capitals
        {"Nội dung", PlanColumn::kTask},                                                // short wording
        {"Đơn vị\nchủ trì", PlanColumn::kLead},                                         // a line break inside
        {"Cơ quan,\ntổ chức, đơn vị\nphối hợp thực hiện", PlanColumn::kCooperating},    // the seed's, in three lines
        {"Kết quả / sản phẩm", PlanColumn::kProduct},                                   // spaces around the slash
        {"Hình thức văn bản/sản phẩm", PlanColumn::kProduct},                           // another wording
        {"Sản phẩm (5)", PlanColumn::kProduct},                                         // a column number in parentheses
        {"Tho\xCC\x9B\xCC\x80i ha\xCC\xA3n", PlanColumn::kDeadline},                    // NFD
        {"Thời hạn<br>hoàn thành", PlanColumn::kDeadline},                              // markup
        {"<i>Tiến độ</i>", PlanColumn::kDeadline},                                      // italics
        {"Thoi han", std::nullopt},                                                     // diacritics count
        {"Ghi chú", std::nullopt},                                                      // a column nhacviec does not read
        {"Kinh phí thực hiện", std::nullopt},                                           // likewise
        {"Thời gian bắt đầu", std::nullopt},                                            // not the deadline
        {"", std::nullopt},                                                             // no heading
    };
    for (const auto& c : cases) {
        INFO(c.cell);
        CHECK(column_named_by(c.cell) == c.column);
    }
    CHECK(is_header_row({"Nội dung", "STT", "Chủ trì"}));
    CHECK_FALSE(is_header_row({"STT"}));
    CHECK_FALSE(is_header_row({"1", "Nội dung", "Chủ trì"}));
    CHECK(column_name(PlanColumn::kCooperating) == "cooperating agencies");
}

TEST_CASE("a plan of another layout: columns reordered, other wording, a column it does not read", "[plan]") {
    auto plan = read_plan_file((source_dir() / "tests/data/plan-other-layout.txt").string());
    REQUIRE(plan.ok());
    const std::string file = (source_dir() / "tests/data/plan-other-layout.txt").string();
    CHECK(plan->info.number == "45/KH-UBND");
    CHECK(plan->info.year == 2027);
    CHECK(format_iso_date(*plan->info.issued_on) == "2027-02-12");
    CHECK(plan->info.title == "Danh mục nhiệm vụ thực hiện chuyển đổi số năm 2027");
    // The "Ghi chú" column is named once, at the first header, and nothing else disagrees.
    CHECK(plan->warnings ==
          std::vector<std::string>{file + ":12: column 5 \"Ghi chú\" is not one nhacviec reads; its cells are ignored"});
    struct Expected {
        std::string code;
        int line;
        std::string section_title, group_title, title, lead, cooperating, product, deadline;
        std::optional<std::string> precondition;
    };
    const Expected expected[] = {
        {"I.1", 14, "Nhiệm vụ chung", "",
         "Rà soát, đánh giá hạ tầng công nghệ thông tin của các cơ quan nhà nước", "Sở Khoa học và Công nghệ",
         "Các sở, ban, ngành; UBND các huyện, thị xã, thành phố", "Báo cáo đánh giá", "Quý II/2027", std::nullopt},
        // Continued after the repeated header: title, product and cooperating agencies joined.
        {"I.2", 15, "Nhiệm vụ chung", "", "Xây dựng kho dữ liệu dùng chung của tỉnh và vận hành thử nghiệm",
         "Sở Khoa học và Công nghệ",
         "Sở Tài chính, các cơ quan báo chí trên địa bàn tỉnh và các doanh nghiệp có liên quan",
         "Kho dữ liệu đưa vào sử dụng", "Năm 2027", std::nullopt},
        {"II.1.1", 21, "Nhiệm vụ cụ thể", "Về hạ tầng số",
         "Phủ sóng di động 5G tại Ban Quản lý Khu công nghệ cao và các khu công nghiệp", "Sở Khoa học và Công nghệ",
         "Ban Quản lý Khu kinh tế; các doanh nghiệp viễn thông", "Hạ tầng 5G", "6 tháng cuối năm 2027", std::nullopt},
        {"II.1.2", 22, "Nhiệm vụ cụ thể", "Về hạ tầng số",
         "Triển khai nền tảng số cấp xã sau khi Bộ Khoa học và Công nghệ ban hành hướng dẫn.", "UBND các xã, phường",
         "", "Nền tảng số", "Hằng năm", std::string("sau khi Bộ Khoa học và Công nghệ ban hành hướng dẫn")},
    };
    REQUIRE(plan->tasks.size() == std::size(expected));
    for (size_t i = 0; i < std::size(expected); ++i) {
        const ParsedTask& got = plan->tasks[i];
        const Expected& want = expected[i];
        INFO(want.code);
        CHECK(got.code == want.code);
        CHECK(got.line == want.line);
        CHECK(got.location == std::to_string(want.line));
        CHECK(got.section_title == want.section_title);
        CHECK(got.group_title == want.group_title);
        CHECK(got.title == want.title);
        CHECK(got.lead == want.lead);
        CHECK(got.cooperating == want.cooperating);
        CHECK(got.product == want.product);
        CHECK(got.deadline == want.deadline);
        CHECK(got.precondition == want.precondition);
    }
    // Nothing of the "Ghi chú" column leaks into any field.
    for (const auto& t : plan->tasks) {
        for (const std::string* field : {&t.title, &t.lead, &t.cooperating, &t.product, &t.deadline}) {
            for (const char* note : {"Ưu tiên", "Kinh phí", "Tiếp từ", "Nhóm ưu tiên", "nhà mạng"}) {
                INFO(t.code << ": " << *field);
                CHECK(field->find(note) == std::string::npos);
            }
        }
    }
}

TEST_CASE("headers that cannot be read are refused, naming the columns", "[plan]") {
    const std::string preamble = "Số: 1/KH-UBND\nngày 1 tháng 1 năm 2027\n";
    const std::string rows = "I. Chung\t\t\t\t\t\t\n1\tViệc\tSở Tài chính\t\tBáo cáo\tQuý I/2027\tx\n";
    struct Case {
        const char* what;
        std::string bytes;
        std::string error;
    };
    const Case cases[] = {
        {"two columns missing",
         preamble + "STT\tNội dung\tAi làm\tPhối hợp\tSản phẩm\tKhi nào\tGhi chú\n" + rows,
         "p.txt:3: the table header has no lead agency column (looked for " + kLeadWordings +
             "); no deadline column (looked for " + kDeadlineWordings + ")"},
        {"two lead columns",
         preamble + "STT\tNội dung\tCơ quan chủ trì\tPhối hợp\tSản phẩm\tThời hạn\tĐơn vị chủ trì\n" + rows,
         "p.txt:3: two columns of the table header are the lead agency column: column 3 \"Cơ quan chủ trì\" and "
         "column 7 \"Đơn vị chủ trì\"; keep one of them"},
        {"a repeated header with other columns",
         preamble + "STT\tNội dung\tChủ trì\tPhối hợp\tSản phẩm\tThời hạn\tGhi chú\n" + rows +
             "\nSTT\tNội dung\tChủ trì\tPhối hợp\tThời hạn\tSản phẩm\tGhi chú\n",
         "p.txt:7: a repeated table header whose columns differ from the first header's (3)"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto plan = parse_plan(c.bytes, "p.txt");
        REQUIRE_FALSE(plan.ok());
        CHECK(plan.error().message == c.error);
    }
}

TEST_CASE("interpret_plan reads a document model as a Word or Excel reader fills it", "[plan]") {
    PlanDocument document;
    document.source = "ke-hoach.docx";
    document.header_expected = "a table whose header names \"TT\"";
    document.preamble = {{"Số: 7/KH-UBND", "đoạn 1"}, {"Hà Nội, ngày 2 tháng 3 năm 2027", "đoạn 2"}};
    const auto row = [](std::string location, int line, std::vector<std::vector<std::string>> cells) {
        TableRow r;
        for (auto& paragraphs : cells) r.cells.push_back(TableCell{std::move(paragraphs)});
        r.location = std::move(location);
        r.line = line;
        return r;
    };
    document.rows = {
        row("bảng 1, hàng 1", 1, {{"TT"}, {"Nhiệm vụ"}, {"Chủ trì"}, {"Phối hợp"}, {"Sản phẩm"}, {"Thời hạn"}}),
        // A section row merged across the table: its text in the first cell.
        row("bảng 1, hàng 2", 2, {{"I. Nhiệm vụ chung"}, {}, {}, {}, {}, {}}),
        // Several paragraphs in a cell: agencies one per paragraph, other text joined by a space.
        row("bảng 1, hàng 3", 3,
            {{"1"}, {"Xây dựng kế hoạch", "<i>năm 2027</i>"}, {"Sở Tài chính"}, {"Sở Nội vụ", "Sở Xây dựng"},
             {"Kế hoạch"}, {"Quý I/2027"}}),
    };
    auto plan = interpret_plan(document);
    REQUIRE(plan.ok());
    REQUIRE(plan->tasks.size() == 1);
    const ParsedTask& t = plan->tasks[0];
    CHECK(t.code == "I.1");
    CHECK(t.line == 3);
    CHECK(t.location == "bảng 1, hàng 3");
    CHECK(t.title == "Xây dựng kế hoạch năm 2027");
    CHECK(t.cooperating == "Sở Nội vụ; Sở Xây dựng");
    CHECK(t.section_title == "Nhiệm vụ chung");

    document.rows.push_back(row("bảng 1, hàng 4", 4, {{"A"}, {"Việc"}, {"Sở Tài chính"}, {}, {}, {"Quý I/2027"}}));
    auto bad = interpret_plan(document);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "ke-hoach.docx:bảng 1, hàng 4: unrecognised row number \"A\"");

    document.rows.clear();
    auto empty = interpret_plan(document);
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().message == "ke-hoach.docx: no appendix table: expected a table whose header names \"TT\"");
}
