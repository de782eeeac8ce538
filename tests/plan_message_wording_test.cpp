// The Vietnamese wording of plan refusals and import warnings on the console
// upload page: each kind's sentence, the fallback with the technical detail,
// and the readers' real refusals and warnings carried through a preview.
#include <catch2/catch.hpp>

#include "agency/agency_directory.h"
#include "app/plan_preview.h"
#include "storage/database.h"
#include "test_support.h"
#include "web/plan_message_wording.h"

using namespace nhacviec;
using namespace nhacviec::testing;

namespace {

constexpr const char* kNow = "2026-12-07T09:00:00+07:00";

PlanMessage message(PlanMessageKind kind, std::string location, std::string task, std::string phrase,
                    std::string text, int column = 0) {
    return PlanMessage{kind, "ke-hoach.txt", std::move(location), std::move(task), std::move(phrase), column,
                       std::move(text)};
}

}  // namespace

TEST_CASE("plan message wording: each refusal in Vietnamese, naming the file", "[plan_message_wording]") {
    using K = PlanMessageKind;
    struct Case {
        PlanMessage message;
        std::string words;
    };
    const Case cases[] = {
        // A Word 97-2003 document.
        {message(K::kLegacyWord, "", "", "", ""),
         "Tệp ke-hoach.txt là tài liệu Word 97-2003 (.doc): hãy lưu lại dưới dạng .docx rồi tải lên."},
        // An Excel 97-2003 workbook.
        {message(K::kLegacyExcel, "", "", "", ""),
         "Tệp ke-hoach.txt là bảng tính Excel 97-2003 (.xls): hãy lưu lại dưới dạng .xlsx rồi tải lên."},
        // Another OLE2 file.
        {message(K::kLegacyOffice, "", "", "", ""),
         "Tệp ke-hoach.txt là tệp Office đời cũ (.doc/.xls): hãy lưu lại dưới dạng .docx hoặc .xlsx rồi tải lên."},
        // A PDF.
        {message(K::kPdf, "", "", "", ""),
         "Tệp ke-hoach.txt là tệp PDF: hãy xuất bảng phụ lục sang .docx, hoặc trích nội dung ra tệp văn bản (.txt), "
         "rồi tải lên."},
        // A password.
        {message(K::kEncrypted, "", "", "", ""),
         "Tệp ke-hoach.txt được đặt mật khẩu: hãy gỡ mật khẩu, lưu lại rồi tải lên."},
        // A damaged zip.
        {message(K::kDamagedZip, "", "", "", ""),
         "Tệp ke-hoach.txt bị hỏng: hãy mở tệp bằng Word hoặc Excel, lưu lại rồi tải lên."},
        // A zip bomb.
        {message(K::kZipBomb, "", "", "", ""),
         "Tệp ke-hoach.txt khi giải nén vượt quá giới hạn cho phép nên không được đọc: tệp hỏng, hoặc không phải "
         "tệp kế hoạch."},
        // A zip that is not an office document.
        {message(K::kNotOfficeZip, "", "", "", ""),
         "Tệp ke-hoach.txt là tệp nén nhưng không phải tài liệu Word hay Excel: hãy tải lên tệp Word (.docx), Excel "
         "(.xlsx) hoặc văn bản (.txt)."},
        // An office document of another kind.
        {message(K::kOtherOfficeDocument, "", "", "", ""),
         "Tệp ke-hoach.txt là tài liệu Office nhưng không phải Word hay Excel: hãy lưu kế hoạch dưới dạng .docx hoặc "
         ".xlsx rồi tải lên."},
        // Empty.
        {message(K::kEmptyFile, "", "", "", ""), "Tệp ke-hoach.txt không có nội dung."},
        // UTF-16.
        {message(K::kUtf16, "1", "", "", ""),
         "Tệp ke-hoach.txt là văn bản mã UTF-16: hãy lưu lại với bảng mã UTF-8 rồi tải lên."},
        // Binary.
        {message(K::kNotText, "3", "", "", ""),
         "Tệp ke-hoach.txt không phải tệp văn bản, tài liệu Word hay bảng tính Excel: hãy tải lên tệp .docx, .xlsx "
         "hoặc .txt."},
        // A legacy encoding: the line and the column.
        {message(K::kNotUtf8, "12:5", "", "0xC3", ""),
         "Tệp ke-hoach.txt không theo bảng mã UTF-8 (dòng 12, cột 5, byte 0xC3): hãy chuyển văn bản từ bảng mã cũ "
         "(TCVN3, VNI, Windows-1258) sang UTF-8 rồi tải lên."},
        // No plan number.
        {message(K::kNoPlanNumber, "", "", "", ""),
         "Tệp ke-hoach.txt không có số kế hoạch: cần một dòng như “Số: 90/KH-UBND”."},
        // No date of issue.
        {message(K::kNoIssueDate, "", "", "", ""),
         "Tệp ke-hoach.txt không có ngày ban hành: cần một dòng như “…, ngày 20 tháng 3 năm 2026”."},
        // No table.
        {message(K::kNoTable, "", "", "", ""),
         "Tệp ke-hoach.txt không có bảng phụ lục nhiệm vụ: cần một bảng có hàng tiêu đề ghi tên các cột của kế hoạch "
         "(“TT”, “Tên nhiệm vụ”, …)."},
        // A table without tasks, in a Word table.
        {message(K::kNoTasks, "bảng 1, hàng 1", "", "", ""),
         "Tệp ke-hoach.txt, bảng 1, hàng 1: bảng phụ lục không có nhiệm vụ nào."},
        // Missing columns, by their first wording.
        {message(K::kMissingColumn, "79", "", "Cơ quan chủ trì\tThời gian hoàn thành", ""),
         "Tệp ke-hoach.txt, dòng 79: hàng tiêu đề của bảng thiếu cột “Cơ quan chủ trì”, “Thời gian hoàn thành”."},
        // A task twice, in a sheet.
        {message(K::kDuplicateTask, "Sheet1!A7", "I.3", "", ""),
         "Tệp ke-hoach.txt, ô Sheet1!A7, nhiệm vụ I.3: nhiệm vụ này đã có ở một hàng trước đó."},
        // A row number nhacviec does not know.
        {message(K::kUnrecognisedRowNumber, "90", "", "a)", ""),
         "Tệp ke-hoach.txt, dòng 90: số thứ tự “a)” không hợp lệ."},
    };
    for (const auto& c : cases) {
        INFO(static_cast<int>(c.message.kind));
        CHECK(web::refusal_in_words(c.message) == c.words);
    }
}

TEST_CASE("plan message wording: each warning in Vietnamese, naming the place and the task",
          "[plan_message_wording]") {
    using K = PlanMessageKind;
    struct Case {
        PlanMessage message;
        std::string words;
    };
    const Case cases[] = {
        // The seed's undetermined deadline.
        {message(K::kDeadlineNamesNoDate, "145", "II.5.13", "Trong từng giai đoạn", ""),
         "Dòng 145, nhiệm vụ II.5.13: thời hạn “Trong từng giai đoạn” không nêu ngày cụ thể; nhiệm vụ để ở trạng thái "
         "chưa xác định thời hạn cho đến khi được đặt hạn."},
        // A phrase nhacviec does not understand, in a Word table.
        {message(K::kDeadlineUnrecognised, "bảng 1, hàng 5", "I.2", "Theo chỉ đạo", ""),
         "Bảng 1, hàng 5, nhiệm vụ I.2: không hiểu được thời hạn “Theo chỉ đạo”; nhiệm vụ để ở trạng thái chưa xác "
         "định thời hạn cho đến khi được đặt hạn."},
        // An impossible date, in a sheet.
        {message(K::kDeadlineImpossible, "Sheet1!A9", "I.4", "Quý V/2026", ""),
         "Ô Sheet1!A9, nhiệm vụ I.4: thời hạn “Quý V/2026” ghi một thời điểm không hợp lệ; nhiệm vụ để ở trạng thái "
         "chưa xác định thời hạn cho đến khi được đặt hạn."},
        // No deadline at all, in a paragraph.
        {message(K::kDeadlineEmpty, "đoạn 12", "I.5", "", ""),
         "Đoạn 12, nhiệm vụ I.5: chưa ghi thời hạn; nhiệm vụ để ở trạng thái chưa xác định thời hạn cho đến khi được "
         "đặt hạn."},
        // No lead agency.
        {message(K::kNoLeadAgency, "80", "I.1", "", ""), "Dòng 80, nhiệm vụ I.1: chưa ghi cơ quan chủ trì."},
        // An agency the directory does not know.
        {message(K::kUnknownAgency, "81", "I.2", "Sở Khoa học", ""),
         "Dòng 81, nhiệm vụ I.2: cơ quan “Sở Khoa học” chưa có trong danh mục cơ quan."},
        // A column nhacviec does not read.
        {message(K::kIgnoredColumn, "12", "", "Ghi chú", "", 5),
         "Dòng 12: cột 5 “Ghi chú” không phải cột hệ thống sử dụng; các ô của cột này được bỏ qua."},
        // One without a heading.
        {message(K::kIgnoredColumn, "12", "", "", "", 7),
         "Dòng 12: cột 7 (không có tiêu đề) không phải cột hệ thống sử dụng; các ô của cột này được bỏ qua."},
    };
    for (const auto& c : cases) {
        INFO(static_cast<int>(c.message.kind));
        CHECK(web::warning_in_words(c.message) == c.words);
    }
}

TEST_CASE("plan message wording: a kind without a sentence keeps a Vietnamese frame and the detail",
          "[plan_message_wording]") {
    // A warning at a place: the place, then the English detail.
    CHECK(web::warning_in_words(message(PlanMessageKind::kOther, "84", "", "",
                                        "ke-hoach.txt:84: section II states 3 tasks, the table has 2")) ==
          "Dòng 84: cần kiểm tra lại. Chi tiết: section II states 3 tasks, the table has 2");
    // A warning about the whole file.
    CHECK(web::warning_in_words(message(PlanMessageKind::kOther, "", "", "", "ke-hoach.txt: something")) ==
          "Cảnh báo khi đọc tệp ke-hoach.txt. Chi tiết: something");
    // A refusal from a reader's unclassified check.
    CHECK(web::refusal_in_words(message(PlanMessageKind::kOther, "", "", "",
                                        "ke-hoach.txt:90: a table row with 7 cells; expected 6")) ==
          "Không đọc được tệp ke-hoach.txt. Chi tiết: 90: a table row with 7 cells; expected 6");
}

TEST_CASE("plan message wording: places", "[plan_message_wording]") {
    CHECK(web::place_in_words("") == "");
    CHECK(web::place_in_words("145") == "dòng 145");
    CHECK(web::place_in_words("12:5") == "dòng 12, cột 5");
    CHECK(web::place_in_words("Sheet1!A5") == "ô Sheet1!A5");
    CHECK(web::place_in_words("bảng 1, hàng 5") == "bảng 1, hàng 5");
    CHECK(web::place_in_words("đoạn 12") == "đoạn 12");
}

TEST_CASE("plan message wording: the readers' refusals, through a preview, in Vietnamese", "[plan_message_wording]") {
    TempDir dir;
    Database db = Database::open(dir / "nv.db").value();
    const AgencyDirectory directory = *AgencyDirectory::load_embedded();
    const auto office = [](const std::string& name) { return read_file(source_dir() / "tests/data/office" / name); };
    struct Case {
        const char* what;
        std::string bytes;
        std::string name;
        PlanMessageKind kind;
        std::string words;
    };
    const Case cases[] = {
        // A Word 97-2003 document.
        {"a .doc", office("small-plan.doc"), "small-plan.doc", PlanMessageKind::kLegacyWord,
         "Tệp small-plan.doc là tài liệu Word 97-2003 (.doc): hãy lưu lại dưới dạng .docx rồi tải lên."},
        // An Excel 97-2003 workbook.
        {"a .xls", office("tasks.xls"), "tasks.xls", PlanMessageKind::kLegacyExcel,
         "Tệp tasks.xls là bảng tính Excel 97-2003 (.xls): hãy lưu lại dưới dạng .xlsx rồi tải lên."},
        // A PDF.
        {"a PDF", office("small-plan.pdf"), "small-plan.pdf", PlanMessageKind::kPdf,
         "Tệp small-plan.pdf là tệp PDF: hãy xuất bảng phụ lục sang .docx, hoặc trích nội dung ra tệp văn bản "
         "(.txt), rồi tải lên."},
        // An encrypted document.
        {"encrypted", office("encrypted.docx"), "encrypted.docx", PlanMessageKind::kEncrypted,
         "Tệp encrypted.docx được đặt mật khẩu: hãy gỡ mật khẩu, lưu lại rồi tải lên."},
        // A zip bomb.
        {"a zip bomb", office("zip-bomb.docx"), "zip-bomb.docx", PlanMessageKind::kZipBomb,
         "Tệp zip-bomb.docx khi giải nén vượt quá giới hạn cho phép nên không được đọc: tệp hỏng, hoặc không phải "
         "tệp kế hoạch."},
        // A zip that is not an office document.
        {"a zip", office("not-office.zip"), "tep.zip", PlanMessageKind::kNotOfficeZip,
         "Tệp tep.zip là tệp nén nhưng không phải tài liệu Word hay Excel: hãy tải lên tệp Word (.docx), Excel "
         "(.xlsx) hoặc văn bản (.txt)."},
        // A Word document without a task table.
        {"no table", office("no-table.docx"), "no-table.docx", PlanMessageKind::kNoTable,
         "Tệp no-table.docx không có bảng phụ lục nhiệm vụ: cần một bảng có hàng tiêu đề ghi tên các cột của kế "
         "hoạch (“TT”, “Tên nhiệm vụ”, …)."},
        // An empty file.
        {"empty", "", "trong.txt", PlanMessageKind::kEmptyFile, "Tệp trong.txt không có nội dung."},
        // A legacy encoding.
        {"not UTF-8", "S\xF4: 90/KH-UBND\n", "cu.txt", PlanMessageKind::kNotUtf8,
         "Tệp cu.txt không theo bảng mã UTF-8 (dòng 1, cột 2, byte 0xF4): hãy chuyển văn bản từ bảng mã cũ (TCVN3, "
         "VNI, Windows-1258) sang UTF-8 rồi tải lên."},
        // A header without the lead agency's column.
        {"no lead column",
         "Số: 90/KH-UBND\nHải Phòng, ngày 20 tháng 3 năm 2026\nTT\tTên nhiệm vụ\tSản phẩm\tCơ quan phối hợp\t"
         "Thời hạn\n1\tViệc\tBáo cáo\tSở Nội vụ\tQuý I/2026\n",
         "thieu-cot.txt", PlanMessageKind::kMissingColumn,
         "Tệp thieu-cot.txt, dòng 3: hàng tiêu đề của bảng thiếu cột “Cơ quan chủ trì”."},
        // Text without a plan number.
        {"no number", "Kế hoạch\n", "kh.txt", PlanMessageKind::kNoPlanNumber,
         "Tệp kh.txt không có số kế hoạch: cần một dòng như “Số: 90/KH-UBND”."},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto outcome = app::preview_plan_file(db, directory, c.bytes, c.name, kNow);
        REQUIRE(outcome.ok());
        REQUIRE(std::holds_alternative<app::PlanRefusal>(*outcome));
        const auto& refusal = std::get<app::PlanRefusal>(*outcome);
        CHECK(refusal.why.kind == c.kind);
        CHECK(refusal.why.text == refusal.message);
        CHECK(web::refusal_in_words(refusal.why) == c.words);
    }
}

TEST_CASE("plan message wording: the import's warnings, through a preview, in Vietnamese", "[plan_message_wording]") {
    TempDir dir;
    Database db = Database::open(dir / "nv.db").value();
    const AgencyDirectory directory = *AgencyDirectory::load_embedded();
    auto outcome = app::preview_plan_file(db, directory, read_file(seed_plan()), "ke-hoach-90.txt", kNow);
    REQUIRE(outcome.ok());
    const auto& report = std::get<app::PlanPreview>(*outcome).report;
    REQUIRE(report.warning_messages.size() == 1);
    CHECK(report.warning_messages[0].text == report.warnings[0]);
    CHECK(report.warning_messages[0].kind == PlanMessageKind::kDeadlineNamesNoDate);
    CHECK(web::warning_in_words(report.warning_messages[0]) ==
          "Dòng 145, nhiệm vụ II.5.13: thời hạn “Trong từng giai đoạn” không nêu ngày cụ thể; nhiệm vụ để ở trạng "
          "thái chưa xác định thời hạn cho đến khi được đặt hạn.");

    auto other = app::preview_plan_file(db, directory, read_file(source_dir() / "tests/data/plan-other-layout.txt"),
                                        "plan-other-layout.txt", kNow);
    REQUIRE(other.ok());
    const auto& other_report = std::get<app::PlanPreview>(*other).report;
    REQUIRE(other_report.warning_messages.size() == other_report.warnings.size());
    std::vector<std::string> words;
    for (size_t i = 0; i < other_report.warning_messages.size(); ++i) {
        CHECK(other_report.warning_messages[i].text == other_report.warnings[i]);
        words.push_back(web::warning_in_words(other_report.warning_messages[i]));
    }
    // The column nhacviec does not read, then the agencies the directory does not know.
    CHECK(words == std::vector<std::string>{
                       "Dòng 12: cột 5 “Ghi chú” không phải cột hệ thống sử dụng; các ô của cột này được bỏ qua.",
                       "Dòng 14, nhiệm vụ I.1: cơ quan “Các sở, ban, ngành” chưa có trong danh mục cơ quan.",
                       "Dòng 14, nhiệm vụ I.1: cơ quan “UBND các huyện, thị xã, thành phố” chưa có trong danh mục cơ "
                       "quan.",
                       "Dòng 15, nhiệm vụ I.2: cơ quan “các cơ quan báo chí trên địa bàn tỉnh” chưa có trong danh mục "
                       "cơ quan.",
                       "Dòng 15, nhiệm vụ I.2: cơ quan “các doanh nghiệp có liên quan” chưa có trong danh mục cơ "
                       "quan.",
                       "Dòng 21, nhiệm vụ II.1.1: cơ quan “các doanh nghiệp viễn thông” chưa có trong danh mục cơ "
                       "quan.",
                       "Dòng 22, nhiệm vụ II.1.2: cơ quan “UBND các xã, phường” chưa có trong danh mục cơ quan.",
                   });
}
