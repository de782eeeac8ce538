// The import end to end, through the command line run in-process: a real
// SQLite file in a temporary folder, the bundled plan, amended copies of it,
// and bad files that must leave the database exactly as it was.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_support.h"

using namespace nhacviec::testing;
using nlohmann::json;

namespace {

const json& find_task(const json& tasks, const std::string& id) {
    for (const auto& t : tasks)
        if (t["id"] == id) return t;
    FAIL("no task " << id);
    throw;
}

json tasks_json(const std::string& db) {
    auto result = run_cli({"--db", db, "tasks", "--json"});
    REQUIRE(result.status == 0);
    return json::parse(result.out);
}

}  // namespace

TEST_CASE("importing the seed and listing it as JSON", "[import]") {
    TempDir dir;
    const std::string db = (dir / "nhacviec.db").string();
    auto imported = run_cli({"--db", db, "import", seed_plan().string()});
    INFO(imported.err);
    REQUIRE(imported.status == 0);
    CHECK(imported.out == seed_plan().string() + ": imported plan 90/KH-UBND (2026): 51 tasks\n");
    // The only warning: II.5.13 has no date.
    CHECK(imported.err == "warning: " + seed_plan().string() +
                              ":145: task II.5.13: deadline names no date: \"Trong từng giai đoạn\"; the task stays "
                              "undetermined until a date is set\n");

    const json tasks = tasks_json(db);
    REQUIRE(tasks.size() == 51);
    const json& i3 = find_task(tasks, "I.3");
    CHECK(i3["plan"] == "90/KH-UBND");
    CHECK(i3["lead"] == json::array({"Sở Tài chính"}));
    CHECK(i3["deadline"] == json({{"text", "Quý I/2026"},
                                  {"kind", "fixed"},
                                  {"due", "2026-03-31"},
                                  {"recurrence", nullptr},
                                  {"legal_due", "2026-03-31"},
                                  {"next_review", nullptr}}));
    CHECK(i3["precondition"].is_null());
    CHECK(find_task(tasks, "II.7.1")["deadline"]["due"] == "2027-06-30");
    CHECK(find_task(tasks, "II.7.2")["deadline"]["due"] == "2027-06-30");
    CHECK(find_task(tasks, "II.7.3")["deadline"]["due"] == "2027-12-31");
    CHECK(find_task(tasks, "II.7.3")["precondition"] == "sau khi Chính phủ ban hành chính sách quy định");
    CHECK(find_task(tasks, "II.5.14")["deadline"]["kind"] == "period");
    CHECK(find_task(tasks, "II.5.14")["deadline"]["due"] == "2030-12-31");
    CHECK(find_task(tasks, "II.5.13")["deadline"] ==
          json({{"text", "Trong từng giai đoạn"},
                {"kind", "undetermined"},
                {"due", nullptr},
                {"recurrence", nullptr},
                {"legal_due", nullptr},
                {"next_review", nullptr}}));
    CHECK(find_task(tasks, "II.1.2")["deadline"]["kind"] == "recurring");
    CHECK(find_task(tasks, "II.1.2")["deadline"]["recurrence"] == "yearly");
    CHECK(find_task(tasks, "I.1")["deadline"]["recurrence"] == "quarterly");
    CHECK(find_task(tasks, "II.6.1")["lead"] ==
          json::array({"Ngân hàng Nhà nước Việt Nam - Chi nhánh Khu vực 6", "Ngân hàng Chính sách xã hội - Chi nhánh Hải Phòng"}));
    CHECK(find_task(tasks, "II.2.1")["cooperating"].size() == 4);
    CHECK(find_task(tasks, "II.2.5")["lead"] == json::array({"Sở Tài chính", "Sở Xây dựng", "Công an thành phố"}));
    CHECK(find_task(tasks, "II.5.4")["cooperating"].size() == 4);
    // Every key the JSON promises, on every object.
    for (const auto& t : tasks) {
        for (const char* key : {"id", "plan", "title", "lead", "cooperating", "product", "precondition", "deadline"})
            CHECK(t.contains(key));
        for (const char* key : {"text", "kind", "due", "recurrence"}) CHECK(t["deadline"].contains(key));
    }
}

TEST_CASE("importing a plan of another layout: columns by their wording, the notes column ignored", "[import]") {
    TempDir dir;
    const std::string db = (dir / "nhacviec.db").string();
    const std::string file = (source_dir() / "tests/data/plan-other-layout.txt").string();
    auto imported = run_cli({"--db", db, "import", file});
    INFO(imported.err);
    REQUIRE(imported.status == 0);
    CHECK(imported.out == file + ": imported plan 45/KH-UBND (2027): 4 tasks\n");
    CHECK(imported.err.rfind("warning: " + file + ":12: column 5 \"Ghi chú\" is not one nhacviec reads; its cells are "
                             "ignored\n",
                             0) == 0);
    const json tasks = tasks_json(db);
    REQUIRE(tasks.size() == 4);
    const json& i2 = find_task(tasks, "I.2");
    CHECK(i2["lead"] == json::array({"Sở Khoa học và Công nghệ"}));
    CHECK(i2["cooperating"] ==
          json::array({"Sở Tài chính", "các cơ quan báo chí trên địa bàn tỉnh", "các doanh nghiệp có liên quan"}));
    CHECK(i2["product"] == "Kho dữ liệu đưa vào sử dụng");
    CHECK(i2["deadline"]["due"] == "2027-12-31");
    const json& ii11 = find_task(tasks, "II.1.1");
    CHECK(ii11["cooperating"] == json::array({"Ban Quản lý Khu kinh tế", "các doanh nghiệp viễn thông"}));
    CHECK(ii11["deadline"]["due"] == "2027-12-31");
    CHECK(find_task(tasks, "II.1.2")["precondition"] == "sau khi Bộ Khoa học và Công nghệ ban hành hướng dẫn");
}

TEST_CASE("importing the same file again changes nothing", "[import]") {
    TempDir dir;
    const std::string db = (dir / "nhacviec.db").string();
    REQUIRE(run_cli({"--db", db, "import", seed_plan().string()}).status == 0);
    auto again = run_cli({"--db", db, "import", seed_plan().string()});
    CHECK(again.status == 0);
    CHECK(again.out == seed_plan().string() + ": plan 90/KH-UBND (2026) is already up to date (51 tasks); nothing changed\n");
}

TEST_CASE("an amended plan updates tasks in place and reports the changes", "[import]") {
    TempDir dir;
    const std::string db = (dir / "nhacviec.db").string();
    REQUIRE(run_cli({"--db", db, "import", seed_plan().string()}).status == 0);
    REQUIRE(run_cli({"--db", db, "status", "II.1.1", "in-progress", "--note", "Đang rà soát"}).status == 0);

    std::string text = read_file(seed_plan());
    // II.1.1 gets a later deadline; I.3 is dropped; a new task II.6.2 is added.
    text = replace_once(text, "Quy hoạch điều chỉnh\tQuý III/2026", "Quy hoạch điều chỉnh\tQuý IV/2026");
    const size_t i3 = text.find("3\tXây dựng kế hoạch thực hiện trên cơ sở rà soát");
    text.erase(i3, text.find('\n', i3) + 1 - i3);
    text = replace_once(text, "Đối với các tổ chức tín dụng nhà nước (01 nhiệm vụ)\t\t\t\t\n",
                        "Đối với các tổ chức tín dụng nhà nước (01 nhiệm vụ)\t\t\t\t\n"
                        "6.2\tBáo cáo tình hình cho vay.\tSở Tài chính\t- Sở Nội vụ\tBáo cáo\tQuý IV/2026\n");
    const auto amended = dir / "amended.txt";
    write_file(amended, text);

    auto result = run_cli({"--db", db, "import", amended.string()});
    INFO(result.err);
    REQUIRE(result.status == 0);
    CHECK(result.out == amended.string() +
                            ": updated plan 90/KH-UBND (2026): 51 tasks; 1 added, 1 removed, 1 changed\n"
                            "  added: II.6.2\n"
                            "  removed: I.3\n"
                            "  changed II.1.1 deadline: \"Quý III/2026\" → \"Quý IV/2026\"\n");
    const json tasks = tasks_json(db);
    CHECK(tasks.size() == 51);
    CHECK(find_task(tasks, "II.1.1")["deadline"]["due"] == "2026-12-31");
    // The amended task keeps its status and its history.
    CHECK(find_task(tasks, "II.1.1")["status"]["state"] == "in_progress");
    CHECK(run_cli({"--db", db, "status", "II.1.1"}).out.find("in_progress: Đang rà soát\n") != std::string::npos);
    CHECK(find_task(tasks, "II.6.2")["lead"] == json::array({"Sở Tài chính"}));

    // Importing the original again restores I.3 and undoes the rest.
    auto back = run_cli({"--db", db, "import", seed_plan().string()});
    CHECK(back.out == seed_plan().string() +
                          ": updated plan 90/KH-UBND (2026): 51 tasks; 0 added, 1 removed, 1 changed, 1 restored\n"
                          "  removed: II.6.2\n"
                          "  restored: I.3\n"
                          "  changed II.1.1 deadline: \"Quý IV/2026\" → \"Quý III/2026\"\n");
}

TEST_CASE("a rejected file leaves the database exactly as it was", "[import]") {
    TempDir dir;
    const std::string db = (dir / "nhacviec.db").string();
    const std::string seed = read_file(seed_plan());
    struct Case {
        const char* name;
        std::string bytes;
        std::string error_suffix;  // after "nhacviec: <file>"
    };
    const Case cases[] = {
        {"empty.txt", "", ": the file is empty\n"},
        {"binary.txt", std::string("\x89PNG\r\n\x1a\n\0\0", 10), ":3: not a text file (a NUL byte at column 1)\n"},
        {"legacy.txt", "S\xF4\xDE: 90/KH-UBND\n",
         ":1:2: not UTF-8 (byte 0xF4); convert legacy encodings (TCVN3, VNI, Windows-1258) to UTF-8 first\n"},
        {"notable.txt", seed.substr(0, seed.find("TT\tTên nhiệm vụ")),
         ": no appendix table: expected a tab-separated header row starting with \"TT\"\n"},
        {"cut.txt", seed.substr(0, seed.find("\tSở Nội vụ\t<ul style=\"list-style-type: none\"> - Sở Tài chính; Các")),
         ":160: a table row with 2 cells; expected 6 (is the file cut off?)\n"},
        {"no-deadline.txt", replace_once(seed, "\tThời gian hoàn thành\n", "\tGhi chú\n"),
         ":72: the table header has no deadline column (looked for \"Thời gian hoàn thành\", \"Thời hạn hoàn thành\", "
         "\"Thời gian thực hiện\", \"Thời hạn thực hiện\", \"Thời hạn\", \"Thời gian\", \"Tiến độ\", "
         "\"Tiến độ thực hiện\", \"Tiến độ hoàn thành\", \"Thời gian hoàn thành dự kiến\")\n"},
        {"two-leads.txt", replace_once(seed, "\tSản phẩm\tThời gian hoàn thành\n", "\tĐơn vị chủ trì\tThời gian hoàn thành\n"),
         ":72: two columns of the table header are the lead agency column: column 3 \"Cơ quan chủ trì\" and column 5 "
         "\"Đơn vị chủ trì\"; keep one of them\n"},
    };

    SECTION("with no database yet, none is created") {
        for (const auto& c : cases) {
            INFO(c.name);
            const auto file = dir / c.name;
            write_file(file, c.bytes);
            auto result = run_cli({"--db", db, "import", file.string()});
            CHECK(result.status == 1);
            CHECK(result.err == "nhacviec: " + file.string() + c.error_suffix);
            CHECK_FALSE(std::filesystem::exists(db));
        }
    }
    SECTION("with the seed imported, the file's bytes do not change") {
        REQUIRE(run_cli({"--db", db, "import", seed_plan().string()}).status == 0);
        // Fold the write-ahead log into the file so that its bytes are the whole state.
        REQUIRE(run_cli({"--db", db, "tasks"}).status == 0);
        const std::string before = read_file(db) + read_file(db + "-wal");
        for (const auto& c : cases) {
            INFO(c.name);
            const auto file = dir / c.name;
            write_file(file, c.bytes);
            auto result = run_cli({"--db", db, "import", file.string()});
            CHECK(result.status == 1);
            CHECK(result.err == "nhacviec: " + file.string() + c.error_suffix);
            CHECK(read_file(db) + read_file(db + "-wal") == before);
        }
        CHECK(tasks_json(db).size() == 51);
    }
}

TEST_CASE("the plain task table", "[import]") {
    TempDir dir;
    const std::string db = (dir / "nhacviec.db").string();
    REQUIRE(run_cli({"--db", db, "import", seed_plan().string()}).status == 0);
    auto table = run_cli({"--db", db, "tasks"});
    REQUIRE(table.status == 0);
    std::istringstream lines(table.out);
    std::string header, first, line;
    std::getline(lines, header);
    std::getline(lines, first);
    CHECK(header.rfind("ID        Nhiệm vụ", 0) == 0);
    CHECK(first ==
          "I.1       Quán triệt đầy đủ, sâu sắc tới toàn thể côn…  Sở Văn hóa, Thể thao và Du lịch     Thường xuyên            hằng quý");
    int rows = 1;
    while (std::getline(lines, line)) {
        ++rows;
        if (line.rfind("I.3 ", 0) == 0) CHECK(line.substr(line.size() - 10) == "2026-03-31");
        const std::string undetermined = "chưa xác định";
        if (line.rfind("II.5.13 ", 0) == 0) CHECK(line.substr(line.size() - undetermined.size()) == undetermined);
    }
    CHECK(rows == 51);
}

TEST_CASE("command-line errors", "[cli]") {
    CHECK(run_cli({"import"}).err == "usage: nhacviec import FILE\n");
    CHECK(run_cli({"frobnicate"}).status == 2);
    CHECK(run_cli({"frobnicate"}).err == "nhacviec: unknown command \"frobnicate\"; see 'nhacviec help'\n");
    CHECK(run_cli({"--db"}).err == "nhacviec: --db needs a value\n");
    TempDir dir;
    auto missing = run_cli({"--db", (dir / "none.db").string(), "tasks"});
    CHECK(missing.status == 1);
    CHECK(missing.err == "nhacviec: " + (dir / "none.db").string() +
                             ": no database yet; import a plan first (nhacviec import FILE)\n");
    auto help = run_cli({"help"});
    CHECK(help.status == 0);
    for (const char* command : {"import", "tasks", "resolve", "check"}) CHECK(help.out.find(std::string("  ") + command) != std::string::npos);
}

TEST_CASE("resolve shows one phrase the way tasks --json does", "[cli]") {
    auto json_out = run_cli({"resolve", "Quý II năm 2027", "--json"});
    REQUIRE(json_out.status == 0);
    CHECK(json::parse(json_out.out) == json({{"text", "Quý II năm 2027"},
                                             {"kind", "fixed"},
                                             {"due", "2027-06-30"},
                                             {"recurrence", nullptr},
                                             {"legal_due", "2027-06-30"},
                                             {"next_review", nullptr}}));
    // 31 October 2026 is a Saturday: the deadline ends on Monday 2 November.
    auto plain = run_cli({"resolve", "ngày 31/10/2026"});
    CHECK(plain.out ==
          "text:        ngày 31/10/2026\nkind:        fixed\ndue:         2026-10-31\nrecurrence:  -\n"
          "legal due:   2026-11-02\nnext review: -\n");
    auto unknown = run_cli({"resolve", "Theo chỉ đạo"});
    CHECK(unknown.status == 0);
    CHECK(unknown.out.find("kind:        undetermined\n") != std::string::npos);
    CHECK(unknown.out.find("warning:     unrecognised deadline phrase \"Theo chỉ đạo\"\n") != std::string::npos);
    CHECK(run_cli({"resolve"}).status == 2);
}
