// The plan readers of office documents (plan/office_package, plan/docx_plan_reader,
// plan/xlsx_plan_reader, plan/plan_file_reader): every Word and Excel fixture
// in tests/data/office (made by LibreOffice, or by hand for one structure
// each; tests/data/office/make.sh) imports to exactly the tasks and warnings
// of its text version, field by field; every file the importer refuses is refused with its exact message,
// and the database is unchanged.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "plan/docx_plan_reader.h"
#include "plan/office_package.h"
#include "plan/plan_file_reader.h"
#include "plan/plan_parser.h"
#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;

namespace {

std::filesystem::path office(const std::string& name) { return source_dir() / "tests/data/office" / name; }

// A warning without its "file:location: " prefix.
std::string without_place(const std::string& warning, const std::string& file) {
    std::string rest = warning.substr(warning.find(file) == 0 ? file.size() + 1 : 0);
    const size_t colon = rest.find(": ");
    return colon == std::string::npos ? rest : rest.substr(colon + 2);
}

void check_same_plan(const ParsedPlan& docx, const std::string& docx_file, const ParsedPlan& text,
                     const std::string& text_file) {
    CHECK(docx.info.number == text.info.number);
    CHECK(docx.info.year == text.info.year);
    CHECK(docx.info.issued_on == text.info.issued_on);
    CHECK(docx.info.title == text.info.title);
    REQUIRE(docx.tasks.size() == text.tasks.size());
    for (size_t i = 0; i < text.tasks.size(); ++i) {
        const ParsedTask& a = docx.tasks[i];
        const ParsedTask& b = text.tasks[i];
        INFO("task " << b.code);
        CHECK(a.code == b.code);
        CHECK(a.section_title == b.section_title);
        CHECK(a.group_title == b.group_title);
        CHECK(a.title == b.title);
        CHECK(a.lead == b.lead);
        CHECK(a.cooperating == b.cooperating);
        CHECK(a.product == b.product);
        CHECK(a.deadline == b.deadline);
        CHECK(a.precondition == b.precondition);
    }
    REQUIRE(docx.warnings.size() == text.warnings.size());
    for (size_t i = 0; i < text.warnings.size(); ++i)
        CHECK(without_place(docx.warnings[i], docx_file) == without_place(text.warnings[i], text_file));
}

}  // namespace

TEST_CASE("office plans: every Word fixture imports to the tasks of its text version", "[office]") {
    struct Pair {
        const char* what;
        std::filesystem::path docx;
        std::filesystem::path text;
        size_t tasks;
    };
    const Pair pairs[] = {
        {"the bundled plan, made by LibreOffice from HTML", office("plan-90-libreoffice.docx"), seed_plan(), 51},
        {"a plan of another layout (columns reordered, other wording, a \"Ghi chú\" column), made by LibreOffice",
         office("other-layout-libreoffice.docx"), source_dir() / "tests/data/plan-other-layout.txt", 4},
        {"the small plan, made by LibreOffice from HTML", office("small-libreoffice.docx"), office("small-plan.txt"), 4},
        {"a header row marked to repeat (w:tblHeader)", office("small-tblheader.docx"), office("small-plan.txt"), 4},
        {"the header repeated as a row", office("small-repeated-header.docx"), office("small-plan.txt"), 4},
        {"section rows as one cell across (w:gridSpan)", office("small-gridspan.docx"), office("small-plan.txt"), 4},
        {"cells merged down (w:vMerge)", office("small-vmerge.docx"), office("small-plan.txt"), 4},
        {"a list from Word's numbering", office("small-numbering.docx"), office("small-plan.txt"), 4},
        {"tracked changes, fields, tabs and breaks, paragraphs in a cell", office("small-changes.docx"),
         office("small-plan.txt"), 4},
        {"the number and date in a layout table", office("small-layout.docx"), office("small-plan.txt"), 4},
        // Excel workbooks made by LibreOffice Calc: section rows merged across, a task's number merged down over
        // the rows that continue it, a lead agency shared by adjacent tasks merged down, numbers typed as numbers.
        {"the bundled plan as a workbook", office("plan-90-libreoffice.xlsx"), seed_plan(), 51},
        {"a plan of another layout as a workbook", office("other-layout-libreoffice.xlsx"),
         source_dir() / "tests/data/plan-other-layout.txt", 4},
        {"the small plan as a workbook", office("small-libreoffice.xlsx"), office("small-plan.txt"), 4},
        {"a deadline typed as a date in a workbook", office("small-dates-libreoffice.xlsx"), office("small-dates.txt"),
         4},
    };
    for (const Pair& pair : pairs) {
        INFO(pair.what);
        const auto docx = read_plan_file(pair.docx.string());
        const auto text = read_plan_file(pair.text.string());
        if (!docx) FAIL(docx.error().message);
        REQUIRE(text);
        CHECK(docx->tasks.size() == pair.tasks);
        check_same_plan(*docx, pair.docx.string(), *text, pair.text.string());
    }
}

TEST_CASE("office plans: rows are located by table and row", "[office]") {
    const auto plan = read_plan_file(office("small-tblheader.docx").string());
    REQUIRE(plan);
    REQUIRE(plan->tasks.size() == 4);
    CHECK(plan->tasks[0].location == "bảng 1, hàng 3");
    CHECK(plan->tasks[0].line == 3);
    CHECK(plan->tasks[3].location == "bảng 1, hàng 9");
    const auto layout = read_plan_file(office("small-layout.docx").string());
    REQUIRE(layout);
    CHECK(layout->tasks[0].location == "bảng 2, hàng 3");
}

TEST_CASE("office plans: a workbook's cells as they are typed, and located by sheet and cell", "[office]") {
    const auto bytes = read_file(office("small-dates-libreoffice.xlsx"));
    const auto package = OfficePackage::open(bytes, "plan.xlsx");
    REQUIRE(package);
    // The cells as LibreOffice typed them: 1.1 a number, 30/06/2026 a date (serial day 46203), and merged ranges.
    const std::string sheet = *package->read("xl/worksheets/sheet1.xml");
    CHECK(sheet.find("<c r=\"A17\" s=\"0\" t=\"n\"><v>1.1</v></c>") != std::string::npos);
    CHECK(sheet.find("<c r=\"F17\" s=\"4\" t=\"n\"><v>46203</v></c>") != std::string::npos);
    CHECK(sheet.find("<mergeCell ref=\"A11:F11\"/><mergeCell ref=\"A12:A13\"/><mergeCell ref=\"A15:F15\"/>"
                     "<mergeCell ref=\"C17:C18\"/>") != std::string::npos);
    const auto plan = read_plan_file(office("small-dates-libreoffice.xlsx").string());
    REQUIRE(plan);
    REQUIRE(plan->tasks.size() == 4);
    const struct {
        const char* code;
        const char* location;
        int line;
        const char* title;
        const char* lead;
        const char* deadline;
    } expected[] = {
        // The number merged down over the row that continues the task.
        {"I.1", "Kế hoạch!A12", 12, "Xây dựng kế hoạch chuyển đổi số của thành phố giai đoạn 2026 - 2030",
         "Sở Khoa học và Công nghệ", "Quý I/2026"},
        {"I.2", "Kế hoạch!A14", 14, "Tổ chức tập huấn kỹ năng số cho cán bộ, công chức", "Sở Nội vụ", "Quý II/2026"},
        // 1.1 typed as a number, its deadline as a date.
        {"II.1.1", "Kế hoạch!A17", 17, "Nâng cấp trung tâm dữ liệu thành phố", "Sở Khoa học và Công nghệ",
         "30/06/2026"},
        // The lead agency merged down from 1.1.
        {"II.1.2", "Kế hoạch!A18", 18, "Kết nối cơ sở dữ liệu quốc gia về dân cư với hệ thống của thành phố",
         "Sở Khoa học và Công nghệ", "Thường xuyên"},
    };
    for (size_t i = 0; i < 4; ++i) {
        INFO("task " << i);
        CHECK(plan->tasks[i].code == expected[i].code);
        CHECK(plan->tasks[i].location == expected[i].location);
        CHECK(plan->tasks[i].line == expected[i].line);
        CHECK(plan->tasks[i].title == expected[i].title);
        CHECK(plan->tasks[i].lead == expected[i].lead);
        CHECK(plan->tasks[i].deadline == expected[i].deadline);
    }
}

TEST_CASE("office plans: the package's limits are checked before inflating", "[office]") {
    const std::string bytes = read_file(office("small-tblheader.docx"));
    const std::string file = "plan.docx";
    struct Case {
        const char* what;
        OfficePackageLimits limits;
        std::string error;
    };
    OfficePackageLimits few_entries;
    few_entries.max_entries = 3;
    OfficePackageLimits small_parts;
    small_parts.max_entry_bytes = 1000;
    OfficePackageLimits small_total;
    small_total.max_total_bytes = 2000;
    OfficePackageLimits low_ratio;
    low_ratio.max_ratio = 2;
    low_ratio.ratio_floor_bytes = 1000;
    const Case cases[] = {
        {"too many entries", few_entries,
         "plan.docx: a zip with 5 entries (at most 3); not an office document nhacviec reads"},
        {"a part too big", small_parts,
         "plan.docx: the zip's part \"word/document.xml\" would inflate to 5309 bytes (at most 1000 bytes); a zip bomb, or "
         "not a plan"},
        {"all parts too big", small_total, "plan.docx: the zip would inflate to more than 2000 bytes; a zip bomb, or not a plan"},
        {"a part compressed too well", low_ratio,
         "plan.docx: the zip's part \"word/document.xml\" would inflate 4 times (at most 2); a zip bomb, or not a "
         "plan"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        const auto package = OfficePackage::open(bytes, file, c.limits);
        REQUIRE_FALSE(package);
        CHECK(package.error().message == c.error);
    }
    const auto package = OfficePackage::open(bytes, file);
    REQUIRE(package);
    CHECK(package->has("word/document.xml"));
    CHECK_FALSE(package->has("xl/workbook.xml"));
    CHECK(package->read("word/numbering.xml")->find("w:abstractNum") != std::string::npos);
    CHECK(package->read("word/styles.xml").error().message == "plan.docx: the part \"word/styles.xml\" is missing");
}

TEST_CASE("office plans: refused files, with what to do, and the database unchanged", "[office][bad-input]") {
    TempDir dir;
    const std::string db = (dir / "nhacviec.db").string();
    REQUIRE(run_cli({"--db", db, "import", seed_plan().string()}).status == 0);
    const std::string before = read_file(db);
    const std::string tasks_before = run_cli({"--db", db, "tasks"}).out;
    struct Row {
        const char* what;
        std::string file;
        std::string err;  // "{file}" stands for the path of the file
    };
    const Row rows[] = {
        {"a Word 97-2003 document", "small-plan.doc",
         "{file}: a Word 97-2003 document (.doc); save it as .docx/.xlsx and import that"},
        {"an Excel 97-2003 workbook", "tasks.xls",
         "{file}: an Excel 97-2003 workbook (.xls); save it as .docx/.xlsx and import that"},
        {"a PDF", "small-plan.pdf",
         "{file}: a PDF file; export the table to .docx, or extract it as text, and import that"},
        {"an encrypted document", "encrypted.docx",
         "{file}: an encrypted document: remove the password and save again, then import that"},
        {"a zip that is not an office document", "not-office.zip",
         "{file}: a zip file that is not an office document (no [Content_Types].xml); import a Word document "
         "(.docx), an Excel workbook (.xlsx) or a text file"},
        {"a zip bomb", "zip-bomb.docx",
         "{file}: the zip's part \"word/document.xml\" would inflate 1025 times (at most 200); a zip bomb, or not a "
         "plan"},
        {"an office document with no task table", "no-table.docx",
         "{file}: no appendix table: expected a Word table whose header row names the plan's columns (\"TT\", "
         "\"Tên nhiệm vụ\", …)"},
        {"a Word document whose text is not UTF-8", "not-utf8.docx",
         "{file}: the part \"word/document.xml\" is not UTF-8 (byte 0xE1 at offset 254); open the file in Word and "
         "save it again"},
        {"an Excel task list with no plan number", "tasks.xlsx",
         "{file}: no plan number: expected a line such as \"Số: 90/KH-UBND\""},
        {"an Excel workbook with no task table", "no-table.xlsx",
         "{file}: no appendix table: expected a worksheet with a header row naming \"TT\" or \"STT\""},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        // Named .txt: the reader goes by the first bytes, not the name.
        const auto file = dir / ("plan-" + row.file + ".txt");
        std::filesystem::copy_file(office(row.file), file);
        const auto result = run_cli({"--db", db, "import", file.string()});
        CHECK(result.status == 1);
        std::string expected = row.err;
        expected.replace(expected.find("{file}"), 6, file.string());
        CHECK(result.err == "nhacviec: " + expected + "\n");
        CHECK(result.out.empty());
        CHECK(read_file(db) == before);
        CHECK(run_cli({"--db", db, "tasks"}).out == tasks_before);
    }
}

TEST_CASE("office plans: importing the Word document stores what importing its text stores", "[office]") {
    TempDir dir;
    const std::string text_db = (dir / "text.db").string();
    const std::string docx_db = (dir / "docx.db").string();
    const auto text = run_cli({"--db", text_db, "import", seed_plan().string()});
    const auto docx = run_cli({"--db", docx_db, "import", office("plan-90-libreoffice.docx").string()});
    REQUIRE(text.status == 0);
    REQUIRE(docx.status == 0);
    // The same warning, placed by line in the text and by table row in the document.
    const std::string warning = ": task II.5.13: deadline names no date: \"Trong từng giai đoạn\"; the task stays "
                                "undetermined until a date is set\n";
    CHECK(text.err == "warning: " + seed_plan().string() + ":145" + warning);
    CHECK(docx.err == "warning: " + office("plan-90-libreoffice.docx").string() + ":bảng 1, hàng 54" + warning);
    CHECK(run_cli({"--db", docx_db, "tasks"}).out == run_cli({"--db", text_db, "tasks"}).out);
    CHECK(run_cli({"--db", docx_db, "tasks", "--json"}).out == run_cli({"--db", text_db, "tasks", "--json"}).out);
}
