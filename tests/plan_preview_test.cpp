// The console's plan upload below the web: a preview is a dry run of the
// import that leaves the database byte for byte as it was, applying refuses
// bytes whose import no longer does what their preview showed, and the
// pending uploads are one per session, bounded and expiring.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

#include "agency/agency_directory.h"
#include "app/plan_preview.h"
#include "app/plan_preview_uploads.h"
#include "storage/database.h"
#include "storage/plan_importer.h"
#include "storage/task_store.h"
#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;

namespace {

constexpr const char* kNow = "2026-12-07T09:00:00+07:00";
constexpr const char* kLater = "2026-12-07T10:00:00+07:00";

// Every row of every table, in order: two dumps are equal when the database holds the same.
std::string dump(Database& db) {
    std::string out;
    std::vector<std::string> tables;
    SQLite::Statement names(db.sql(), "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (names.executeStep()) tables.push_back(names.getColumn(0).getString());
    for (const auto& table : tables) {
        out += "== " + table + "\n";
        SQLite::Statement rows(db.sql(), "SELECT * FROM \"" + table + "\" ORDER BY rowid");
        while (rows.executeStep()) {
            for (int i = 0; i < rows.getColumnCount(); ++i)
                out += (i ? "|" : "") + (rows.getColumn(i).isNull() ? std::string("NULL") : rows.getColumn(i).getString());
            out += "\n";
        }
    }
    return out;
}

// The bundled plan with its lines starting with `prefix` replaced by `line` ("" removes it), or `line` added at
// the end when no line starts with `prefix`.
std::string amended(std::string text, const std::string& prefix, const std::string& line) {
    std::string out;
    bool found = false;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = text.find('\n', start);
        const std::string current = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (current.rfind(prefix, 0) == 0) {
            found = true;
            if (!line.empty()) out += line + "\n";
        } else {
            out += current + "\n";
        }
        if (end == std::string::npos) break;
        start = end + 1;
    }
    if (!found) out += line + "\n";
    return out;
}

const std::string kNewTask =
    "7.8\tTổng kết, đánh giá việc thực hiện cơ chế tự chủ của đơn vị sự nghiệp công lập.\tSở Tài chính\tSở Nội vụ\t"
    "Báo cáo\tQuý IV/2026";

// The seed amended as the browser test amends it: 7.6's deadline, 7.7 removed, 7.8 added.
std::string amended_seed() {
    const std::string seed = read_file(seed_plan());
    const size_t start = seed.find("\n7.6\t") + 1;
    const std::string line76 = seed.substr(start, seed.find('\n', start) - start);
    const std::string new76 = line76.substr(0, line76.rfind('\t') + 1) + "Quý IV/2026";
    return amended(amended(amended(seed, "7.6\t", new76), "7.7\t", ""), "7.8\t", kNewTask);
}

const std::string kSeedWarning =
    ":145: task II.5.13: deadline names no date: \"Trong từng giai đoạn\"; the task stays undetermined until a date "
    "is set";

struct Fixture {
    TempDir dir;
    Database db = Database::open(dir / "nv.db").value();
    AgencyDirectory directory = *AgencyDirectory::load_embedded();

    void import(const std::string& text, const std::string& name) {
        auto plan = parse_plan(text, name);
        REQUIRE(plan.ok());
        REQUIRE(import_plan(db, *plan, directory, name, kNow).ok());
    }
};

}  // namespace

TEST_CASE("plan preview: a new plan previewed writes nothing and lists its tasks", "[plan_preview]") {
    Fixture f;
    const std::string before = dump(f.db);
    auto outcome = app::preview_plan_file(f.db, f.directory, read_file(seed_plan()), "ke-hoach-90.txt", kNow);
    REQUIRE(outcome.ok());
    REQUIRE(std::holds_alternative<app::PlanPreview>(*outcome));
    const auto& preview = std::get<app::PlanPreview>(*outcome);
    CHECK(preview.file_name == "ke-hoach-90.txt");
    CHECK(preview.report.new_plan);
    CHECK(preview.report.plan.number == "90/KH-UBND");
    CHECK(preview.report.task_count == 51);
    CHECK(preview.report.warnings == std::vector<std::string>{"ke-hoach-90.txt" + kSeedWarning});
    CHECK(preview.report.stored_imported_at == "");
    REQUIRE(preview.tasks.size() == 51);
    CHECK(preview.tasks[2].code == "I.3");
    CHECK(preview.tasks[2].lead == "Sở Tài chính");
    CHECK(preview.tasks[2].deadline == "Quý I/2026");
    CHECK(dump(f.db) == before);
}

TEST_CASE("plan preview: an amendment previewed lists exactly its changes and writes nothing", "[plan_preview]") {
    Fixture f;
    f.import(read_file(seed_plan()), "seed.txt");
    const std::string before = dump(f.db);
    auto outcome = app::preview_plan_file(f.db, f.directory, amended_seed(), "ke-hoach-90-sua.txt", kLater);
    REQUIRE(outcome.ok());
    const auto& preview = std::get<app::PlanPreview>(*outcome);
    const ImportReport& report = preview.report;
    CHECK_FALSE(report.new_plan);
    CHECK(report.task_count == 51);
    CHECK(report.added == std::vector<std::string>{"II.7.8"});
    CHECK(report.removed == std::vector<std::string>{"II.7.7"});
    CHECK(report.restored.empty());
    REQUIRE(report.changed.size() == 1);
    CHECK(report.changed[0].code == "II.7.6");
    CHECK(report.changed[0].fields == std::vector<std::string>{"deadline: \"Giai đoạn 2026 – 2030\" → \"Quý IV/2026\""});
    CHECK(report.stored_imported_at == kNow);
    CHECK(preview.removed_titles.at("II.7.7").starts_with("Phối hợp chặt chẽ với Bộ Nội vụ, Bộ Tài chính"));
    CHECK(dump(f.db) == before);
}

TEST_CASE("plan preview: applying imports the previewed bytes, recording the file and the account", "[plan_preview]") {
    Fixture f;
    f.import(read_file(seed_plan()), "seed.txt");
    auto preview = app::preview_plan_file(f.db, f.directory, amended_seed(), "ke-hoach-90-sua.txt", kLater);
    REQUIRE(preview.ok());
    const ImportReport previewed = std::get<app::PlanPreview>(*preview).report;
    auto applied =
        app::apply_plan_file(f.db, f.directory, amended_seed(), "ke-hoach-90-sua.txt", "admin", previewed, kLater);
    REQUIRE(applied.ok());
    REQUIRE(std::holds_alternative<ImportReport>(*applied));
    CHECK(app::same_import(std::get<ImportReport>(*applied), previewed));
    SQLite::Statement history(f.db.sql(),
                              "SELECT t.code, h.change, h.detail FROM task_changes h JOIN tasks t ON t.id = h.task_id "
                              "WHERE h.changed_at = ? ORDER BY t.code");
    history.bind(1, kLater);
    std::vector<std::string> rows;
    while (history.executeStep())
        rows.push_back(history.getColumn(0).getString() + " " + history.getColumn(1).getString() + " " +
                       history.getColumn(2).getString());
    CHECK(rows == std::vector<std::string>{
                      "II.7.6 changed deadline: \"Giai đoạn 2026 – 2030\" → \"Quý IV/2026\"",
                      "II.7.7 removed not in ke-hoach-90-sua.txt, uploaded in the console by admin",
                      "II.7.8 added imported from ke-hoach-90-sua.txt, uploaded in the console by admin"});
    auto plan = TaskStore(f.db).find_plan("90/KH-UBND", 2026);
    REQUIRE(plan.ok());
    REQUIRE(plan->has_value());
    CHECK((*plan)->source_name == "ke-hoach-90-sua.txt, uploaded in the console by admin");
}

TEST_CASE("plan preview: applying after the stored plan changed is refused and writes nothing", "[plan_preview]") {
    Fixture f;
    f.import(read_file(seed_plan()), "seed.txt");
    auto preview = app::preview_plan_file(f.db, f.directory, amended_seed(), "ke-hoach-90-sua.txt", kLater);
    REQUIRE(preview.ok());
    const ImportReport previewed = std::get<app::PlanPreview>(*preview).report;
    // Meanwhile another version is imported (from the command line): 7.7 is already gone.
    f.import(amended(read_file(seed_plan()), "7.7\t", ""), "cli.txt");
    const std::string before = dump(f.db);
    auto applied =
        app::apply_plan_file(f.db, f.directory, amended_seed(), "ke-hoach-90-sua.txt", "admin", previewed, kLater);
    REQUIRE(applied.ok());
    CHECK(std::holds_alternative<app::ChangedSincePreview>(*applied));
    CHECK(dump(f.db) == before);

    // A new plan previewed, then imported by someone else before it is applied: refused as well.
    Fixture g;
    auto fresh = app::preview_plan_file(g.db, g.directory, read_file(seed_plan()), "ke-hoach-90.txt", kNow);
    REQUIRE(fresh.ok());
    g.import(read_file(seed_plan()), "ke-hoach-90.txt");
    const std::string stored = dump(g.db);
    auto again = app::apply_plan_file(g.db, g.directory, read_file(seed_plan()), "ke-hoach-90.txt", "admin",
                                      std::get<app::PlanPreview>(*fresh).report, kLater);
    REQUIRE(again.ok());
    CHECK(std::holds_alternative<app::ChangedSincePreview>(*again));
    CHECK(dump(g.db) == stored);
}

TEST_CASE("plan preview: files the readers refuse give their exact message and write nothing", "[plan_preview]") {
    Fixture f;
    f.import(read_file(seed_plan()), "seed.txt");
    const std::string before = dump(f.db);
    const auto office = [](const std::string& name) { return source_dir() / "tests/data/office" / name; };
    struct Case {
        const char* what;
        std::string bytes;
        std::string name;
        std::string message;
    };
    const Case cases[] = {
        // A Word 97-2003 document.
        {"a .doc", read_file(office("small-plan.doc")), "ke-hoach.doc",
         "ke-hoach.doc: a Word 97-2003 document (.doc); save it as .docx/.xlsx and import that"},
        // A PDF.
        {"a PDF", read_file(office("small-plan.pdf")), "ke-hoach.pdf",
         "ke-hoach.pdf: a PDF file; export the table to .docx, or extract it as text, and import that"},
        // An Excel 97-2003 workbook.
        {"a .xls", read_file(office("tasks.xls")), "nhiem-vu.xls",
         "nhiem-vu.xls: an Excel 97-2003 workbook (.xls); save it as .docx/.xlsx and import that"},
        // A zip that is not an office document.
        {"a zip", read_file(office("not-office.zip")), "tep.zip",
         "tep.zip: a zip file that is not an office document (no [Content_Types].xml); import a Word document "
         "(.docx), an Excel workbook (.xlsx) or a text file"},
        // A Word document without a task table.
        {"no table", read_file(office("no-table.docx")), "khong-bang.docx",
         "khong-bang.docx: no appendix table: expected a Word table whose header row names the plan's columns "
         "(\"TT\", \"Tên nhiệm vụ\", …)"},
        // An empty file.
        {"empty", "", "trong.txt", "trong.txt: the file is empty"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto outcome = app::preview_plan_file(f.db, f.directory, c.bytes, c.name, kLater);
        REQUIRE(outcome.ok());
        REQUIRE(std::holds_alternative<app::PlanRefusal>(*outcome));
        CHECK(std::get<app::PlanRefusal>(*outcome).message == c.message);
        CHECK(dump(f.db) == before);
    }
}

TEST_CASE("plan preview: pending uploads, one per session, bounded, expiring", "[plan_preview]") {
    using namespace std::chrono;
    const sys_seconds t0 = sys_days{2026y / 12 / 7} + 2h;
    app::PendingPlanUploads uploads(100, minutes(30));
    const auto upload = [](std::string session, size_t bytes) {
        app::PendingPlanUploads::Upload u;
        u.session = std::move(session);
        u.account = "admin";
        u.bytes = std::string(bytes, 'x');
        u.preview.file_name = "ke-hoach.txt";
        return u;
    };
    const auto first = uploads.keep(upload("a", 60), t0);
    REQUIRE(first);
    CHECK(first->number == 1);
    CHECK(first->expires == t0 + minutes(30));
    // Another session past the bound: refused; the same session replaces its own.
    CHECK_FALSE(uploads.keep(upload("b", 50), t0));
    const auto second = uploads.keep(upload("a", 90), t0 + minutes(1));
    REQUIRE(second);
    CHECK(second->number == 2);  // the refused one took no number
    CHECK(uploads.count() == 1);
    CHECK(uploads.bytes_held() == 90);
    // The earlier preview's number no longer applies; the session's own does, once.
    CHECK_FALSE(uploads.take("a", first->number, t0 + minutes(2)));
    CHECK(uploads.find("a", t0 + minutes(2)) == second);
    CHECK_FALSE(uploads.take("b", second->number, t0 + minutes(2)));
    CHECK(uploads.take("a", second->number, t0 + minutes(2)) == second);
    CHECK_FALSE(uploads.take("a", second->number, t0 + minutes(2)));
    CHECK(uploads.bytes_held() == 0);
    // Expiry: found until 30 minutes after its preview, then gone and its bytes given back.
    const auto third = uploads.keep(upload("b", 40), t0 + minutes(10));
    REQUIRE(third);
    CHECK(uploads.find("b", t0 + minutes(39) + seconds(59)) == third);
    CHECK_FALSE(uploads.find("b", t0 + minutes(40)));
    CHECK_FALSE(uploads.take("b", third->number, t0 + minutes(40)));
    CHECK(uploads.count() == 0);
    CHECK(uploads.bytes_held() == 0);
    // Cancelled: discarded.
    REQUIRE(uploads.keep(upload("c", 10), t0 + minutes(41)));
    CHECK(uploads.discard("c"));
    CHECK_FALSE(uploads.discard("c"));
    CHECK(uploads.bytes_held() == 0);
}
