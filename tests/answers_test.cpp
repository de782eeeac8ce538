// The agencies' answers (schema 0008, storage/answer_store, answers/record_answer)
// and their effects: the migration and its constraints, report files, the
// rules with their exact Vietnamese refusals, the state "đã báo cáo hoàn
// thành, chờ xác nhận" in the timeline, the outbox, the report and the digest.
#include "answers/record_answer.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "api_fixture.h"
#include "common/clock.h"
#include "common/embedded.h"
#include "common/sha256.h"
#include "content/digest_context.h"
#include "content/message_templates.h"
#include "seed_fixture.h"
#include "documents/pdf_check.h"
#include "storage/report_files.h"
#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;
using std::chrono::sys_seconds;

namespace {

Date d(const char* iso) { return *parse_iso_date(iso); }
sys_seconds at(const std::string& text) { return *parse_vietnam_time(text); }

int64_t count(Database& db, const std::string& sql) {
    SQLite::Statement s(db.sql(), sql);
    s.executeStep();
    return s.getColumn(0).getInt64();
}

Answer progress(std::string note) {
    Answer a;
    a.kind = AnswerKind::progress;
    a.note = std::move(note);
    return a;
}

Answer note(std::string text) {
    Answer a;
    a.kind = AnswerKind::note;
    a.note = std::move(text);
    return a;
}

Answer completion(std::optional<Date> done_on, std::string number, std::optional<Date> document_date) {
    Answer a;
    a.kind = AnswerKind::completion;
    a.done_on = done_on;
    a.document_number = std::move(number);
    a.document_date = document_date;
    return a;
}

Answer extension(std::optional<Date> proposed, std::string reason) {
    Answer a;
    a.kind = AnswerKind::extension;
    a.proposed_due = proposed;
    a.reason = std::move(reason);
    return a;
}

Answer waiting() {
    Answer a;
    a.kind = AnswerKind::waiting;
    return a;
}

// The seed in a database that answers are recorded in.
struct AnswerSeed : Seed {
    std::string db_path = (dir / "nv.db").string();
    Database db = Database::open(db_path).value();
    sys_seconds now = at("2026-10-05T09:00");

    size_t index(const std::string& code) {
        auto i = app::find_task(state, code, std::nullopt);
        REQUIRE(i.ok());
        return *i;
    }
    AnswerTask of(const std::string& code) {
        const size_t i = index(code);
        return answer_task(state.tasks[i], state.scheduled[i], config.schedule);
    }
    // "" when recorded; the refusal otherwise.
    std::string record(const std::string& code, const std::string& period, const std::string& agency, Answer a) {
        a.via = AnswerVia::link;
        a.client_address = "203.0.113.7";
        auto id = record_answer(db, of(code), period, agency, agency_role(state.tasks[index(code)].task, agency),
                                std::move(a), now);
        if (!id) return id.error().message;
        const auto* refusal = std::get_if<AnswerRefusal>(&*id);
        return refusal ? refusal->message : "";
    }
    void reload_state() { reload(config); }
};

}  // namespace

TEST_CASE("schema 0008: the answers table and its constraints", "[answers]") {
    AnswerSeed seed;
    Database& db = seed.db;
    CHECK(db.schema_version() >= 8);
    CHECK(count(db, "SELECT COUNT(*) FROM schema_migrations WHERE version = 8") == 1);
    const std::string task = std::to_string(seed.state.tasks[seed.index("I.3")].id);
    const std::string columns = "INSERT INTO answers (task_id, period, agency, kind, via, answered_at";
    const std::string head = ") VALUES (" + task + ", '', 'Sở Tài chính', ";
    // What the table takes: a note, a completion awaiting, an extension open.
    db.sql().exec(columns + head + "'note', 'link', 't')");
    db.sql().exec(columns + ", done_on, document_number, document_date, completion_state" + head +
                  "'completion', 'api', 't', '2026-09-30', '125/BC-STC', '2026-10-01', 'awaiting')");
    db.sql().exec(columns + ", proposed_due, reason, extension_state" + head +
                  "'extension', 'console', 't', '2026-12-31', 'r', 'open')");
    // What it refuses, one statement each.
    const std::vector<std::string> refused = {
        // a task that does not exist
        columns + ") VALUES (999999, '', 'Sở Tài chính', 'note', 'link', 't')",
        // an unknown kind, an unknown way in, no agency
        columns + head + "'approval', 'link', 't')",
        columns + head + "'note', 'mail', 't')",
        columns + ") VALUES (" + task + ", '', '', 'note', 'link', 't')",
        // a completion without its state, or without its document
        columns + ", done_on, document_number, document_date" + head +
            "'completion', 'link', 't', '2026-09-30', '125/BC-STC', '2026-10-01')",
        columns + ", done_on, completion_state" + head + "'completion', 'link', 't', '2026-09-30', 'awaiting')",
        // a second completion awaiting for the same task
        columns + ", done_on, document_number, document_date, completion_state" + head +
            "'completion', 'link', 't', '2026-09-30', '126/BC-STC', '2026-10-01', 'awaiting')",
        // an extension's state on a note, an unknown state, an extension without its reason
        columns + ", extension_state" + head + "'note', 'link', 't', 'open')",
        columns + ", proposed_due, reason, extension_state" + head + "'extension', 'link', 't', '2026-12-31', 'r', "
            "'pending')",
        columns + ", proposed_due, extension_state" + head + "'extension', 'link', 't', '2026-12-31', 'open')",
        // a decision without who made it, or on a request still open
        columns + ", proposed_due, reason, extension_state, decided_at" + head +
            "'extension', 'link', 't', '2026-12-31', 'r', 'approved', 't')",
        columns + ", proposed_due, reason, extension_state, decided_by, decided_at" + head +
            "'extension', 'link', 't', '2026-12-31', 'r', 'open', 'x', 't')",
        // a file without its digest; a digest of the wrong length
        columns + ", done_on, document_number, document_date, completion_state, report_path, report_size" + head +
            "'completion', 'link', 't', '2026-09-30', '1/BC', '2026-10-01', 'confirmed', 'x.pdf', 1)",
        columns + ", done_on, document_number, document_date, completion_state, report_path, report_size, "
                  "report_sha256" + head +
            "'completion', 'link', 't', '2026-09-30', '1/BC', '2026-10-01', 'confirmed', 'x.pdf', 1, 'abc')",
    };
    for (const auto& sql : refused) {
        INFO(sql);
        CHECK_THROWS(db.sql().exec(sql));
    }
    CHECK(count(db, "SELECT COUNT(*) FROM answers") == 3);

    // Each write moves the plan's change counter (schema 0007), so the daemon's snapshot follows.
    const int64_t before = count(db, "SELECT version FROM plan_version");
    db.sql().exec(columns + head + "'note', 'link', 't')");
    CHECK(count(db, "SELECT version FROM plan_version") == before + 1);
    db.sql().exec("UPDATE answers SET extension_state = 'refused', decided_by = 'x', decided_at = 't' "
                  "WHERE kind = 'extension'");
    CHECK(count(db, "SELECT version FROM plan_version") == before + 2);
}

TEST_CASE("a database made before schema 0008 gets an empty answers table", "[answers]") {
    TempDir dir;
    const auto path = dir / "old.db";
    {
        SQLite::Database old(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        old.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "applied_at TEXT NOT NULL)");
        for (const char* name : {"schema/0001_initial.sql", "schema/0002_task_status.sql", "schema/0003_outbox.sql",
                                 "schema/0004_outbox_cancel.sql", "schema/0005_feed_tokens.sql",
                                 "schema/0006_delivery_progress.sql"}) {
            const auto sql = embedded_file(name);
            REQUIRE(sql);
            old.exec(std::string(*sql));
            old.exec(std::string("INSERT INTO schema_migrations VALUES (") + name[10] + ", '" + name + "', 'then')");
        }
    }
    auto db = Database::open(path);
    REQUIRE(db.ok());
    CHECK(count(*db, "SELECT COUNT(*) FROM schema_migrations WHERE version = 8") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM answers") == 0);
    auto awaiting = AnswerStore(*db).awaiting_confirmation();
    REQUIRE(awaiting.ok());
    CHECK(awaiting->empty());
}

TEST_CASE("report files are kept by their content under reports/, mode 0640", "[answers]") {
    TempDir dir;
    const std::string pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
    auto stored = store_report_file(dir.path(), pdf, "Báo cáo 125.pdf");
    REQUIRE(stored.ok());
    CHECK(stored->path == "reports/" + sha256_hex(pdf) + ".pdf");
    CHECK(stored->original_name == "Báo cáo 125.pdf");
    CHECK(stored->size == static_cast<int64_t>(pdf.size()));
    CHECK(stored->sha256 == sha256_hex(pdf));
    CHECK(read_file(dir / stored->path) == pdf);
    struct stat st {};
    REQUIRE(::stat((dir / stored->path).c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);
    // The same bytes again: the same file, nothing else left in the folder.
    auto again = store_report_file(dir.path(), pdf, "copy.pdf");
    REQUIRE(again.ok());
    CHECK(again->path == stored->path);
    CHECK(std::distance(std::filesystem::directory_iterator(dir / "reports"), {}) == 1);

    // What is refused, with the message.
    struct Case {
        std::string bytes, message;
    };
    // (documents/pdf_check's messages; tests/pdf_check_test.cpp has the rest.)
    const std::vector<Case> cases = {
        {"", "Tệp báo cáo là tệp rỗng (0 byte); hãy chọn lại tệp."},
        {"PK\x03\x04 a zip file", "Tệp báo cáo không phải là tệp PDF. Hãy gửi bản PDF của văn bản báo cáo."},
        {"%PDF-1.4\n1 0 obj", "Tệp báo cáo không trọn vẹn (thiếu phần cuối của tệp PDF, có thể tải lên bị gián đoạn). "
                             "Hãy gửi lại tệp."},
        {"%PDF-1.4\n" + std::string(documents::kMaxReportFileBytes, 'x') + "%%EOF",
         "Tệp báo cáo quá lớn (10,0 MB); tối đa 10 MB."},
    };
    for (const auto& c : cases) {
        INFO(c.message);
        auto refused = store_report_file(dir.path(), c.bytes, "x.pdf");
        REQUIRE(!refused.ok());
        CHECK(refused.error().message == c.message);
    }
    CHECK(store_report_file(dir.path(), "%PDF-1.4\n" + std::string(documents::kMaxReportFileBytes - 14, 'x') + "%%EOF",
                            "max.pdf")
              .ok());
}

TEST_CASE("document numbers: số/ký hiệu as agencies write them", "[answers]") {
    for (const char* good : {"125/BC-STC", "12/2026/QĐ-UBND", "05/CT-TTg", "90/KH-UBND", "1234/UBND-KT.1", "7/BC"}) {
        INFO(good);
        CHECK(document_number_problem(good).empty());
    }
    const std::string example = "; ví dụ 125/BC-STC hoặc 12/2026/QĐ-UBND";
    for (const char* bad : {"BC-STC", "125", "125/", "125/BC STC", "125//BC", "125/-BC", "125/BC-", "125/2026",
                            " 125/BC", "số 125/BC"}) {
        INFO(bad);
        CHECK(document_number_problem(bad) == "\"" + std::string(bad) + "\" không đúng dạng số/ký hiệu" + example);
    }
    CHECK(document_number_problem("") == "chưa nhập số, ký hiệu của văn bản báo cáo");
    CHECK(document_number_problem(std::string(51, '1')) == "dài quá 50 ký tự");
}

TEST_CASE("answers that break the rules are refused with the field named, and change nothing", "[answers]") {
    AnswerSeed seed;
    const std::string lead = "Sở Tài chính", culture = "Sở Văn hóa, Thể thao và Du lịch";
    struct Case {
        std::string task, period, agency;
        Answer answer;
        std::string refusal;
    };
    const Answer done_i3 = completion(d("2026-09-30"), "125/BC-STC", d("2026-10-01"));
    const std::vector<Case> cases = {
        // an agency with no part in the task; a cooperating agency reporting
        {"I.3", "", "Sở Nội vụ", progress("Đang làm"), "Cơ quan: Sở Nội vụ không chủ trì, không phối hợp thực hiện nhiệm vụ I.3"},
        {"I.3", "", "Các Sở, ban, ngành thành phố", done_i3,
         "Cơ quan: Các Sở, ban, ngành thành phố là cơ quan phối hợp thực hiện nhiệm vụ I.3; chỉ cơ quan chủ trì báo "
         "cáo tiến độ, hoàn thành, đề nghị gia hạn hay chờ điều kiện, cơ quan phối hợp chỉ gửi ý kiến"},
        // periods: on a one-off task, missing on a recurring one, malformed, of another cadence, too early, too late
        {"I.3", "2026-Q3", lead, progress("x"), "Kỳ báo cáo: nhiệm vụ I.3 có thời hạn một lần, không báo cáo theo kỳ"},
        {"I.1", "", culture, progress("x"),
         "Kỳ báo cáo: nhiệm vụ I.1 thực hiện thường xuyên, báo cáo theo quý, ví dụ 2026-Q3; chọn kỳ báo cáo"},
        {"I.1", "2026-Q5", culture, progress("x"),
         "Kỳ báo cáo: \"2026-Q5\" không phải một kỳ (ví dụ 2026-Q3, 2027-H1, 2027, 2026-07)"},
        {"I.1", "2026", culture, progress("x"), "Kỳ báo cáo: nhiệm vụ I.1 báo cáo theo quý, ví dụ 2026-Q3, không phải 2026"},
        {"I.1", "2025-Q4", culture, progress("x"),
         "Kỳ báo cáo: kỳ 2025-Q4 đã kết thúc trước ngày ban hành Kế hoạch 90/KH-UBND (20/03/2026)"},
        {"I.1", "2027-Q1", culture, progress("x"), "Kỳ báo cáo: kỳ 2027-Q1 chưa bắt đầu (bắt đầu từ ngày 01/01/2027)"},
        // notes
        {"I.3", "", lead, progress("a\x1b[2Jb"), "Nội dung: có ký tự điều khiển U+001B ở ký tự thứ 2; chỉ được xuống dòng"},
        {"I.3", "", lead, progress(" \n"), "Nội dung: chưa nhập nội dung báo cáo tiến độ"},
        {"I.3", "", "Các Sở, ban, ngành thành phố", note(""), "Nội dung: chưa nhập ý kiến"},
        {"I.3", "", lead, progress(std::string(4001, 'x')), "Nội dung: dài quá 4000 ký tự (4001 ký tự)"},
        {"I.3", "", lead, progress("\xC3"), "Nội dung: không phải văn bản UTF-8 (byte 1)"},
        // completion: the day it was done
        {"I.3", "", lead, completion(std::nullopt, "125/BC-STC", d("2026-10-01")), "Ngày hoàn thành: chưa nhập"},
        {"I.3", "", lead, completion(d("2026-10-06"), "125/BC-STC", d("2026-10-06")),
         "Ngày hoàn thành: 06/10/2026 là ngày trong tương lai (hôm nay là 05/10/2026)"},
        {"I.3", "", lead, completion(d("2026-03-19"), "125/BC-STC", d("2026-10-01")),
         "Ngày hoàn thành: 19/03/2026 trước ngày ban hành Kế hoạch 90/KH-UBND (20/03/2026)"},
        {"I.1", "2026-Q3", culture, completion(d("2026-06-30"), "125/BC-SVHTTDL", d("2026-10-01")),
         "Ngày hoàn thành: 30/06/2026 trước ngày đầu kỳ 2026-Q3 (01/07/2026)"},
        // completion: the report document
        {"I.3", "", lead, completion(d("2026-09-30"), "", d("2026-10-01")),
         "Số, ký hiệu văn bản: chưa nhập số, ký hiệu của văn bản báo cáo"},
        {"I.3", "", lead, completion(d("2026-09-30"), "BC-STC", d("2026-10-01")),
         "Số, ký hiệu văn bản: \"BC-STC\" không đúng dạng số/ký hiệu; ví dụ 125/BC-STC hoặc 12/2026/QĐ-UBND"},
        {"I.3", "", lead, completion(d("2026-09-30"), "125/BC-STC", std::nullopt),
         "Ngày ban hành: chưa nhập ngày ban hành văn bản báo cáo"},
        {"I.3", "", lead, completion(d("2026-09-30"), "125/BC-STC", d("2026-10-07")),
         "Ngày ban hành: 07/10/2026 là ngày trong tương lai (hôm nay là 05/10/2026)"},
        {"I.3", "", lead, completion(d("2026-09-30"), "125/BC-STC", d("2026-09-29")),
         "Ngày ban hành: 29/09/2026 trước ngày hoàn thành 30/09/2026"},
        // extension requests
        {"I.3", "", lead, extension(std::nullopt, "Chờ ý kiến"), "Ngày đề nghị gia hạn: chưa nhập"},
        {"I.3", "", lead, extension(d("2026-10-05"), "Chờ ý kiến"),
         "Ngày đề nghị gia hạn: 05/10/2026 không sau ngày hôm nay (05/10/2026)"},
        {"I.7", "", "Sở Nội vụ", extension(d("2026-12-31"), "Chờ ý kiến"),
         "Ngày đề nghị gia hạn: 31/12/2026 không sau thời hạn hiện tại (31/12/2026)"},
        {"I.3", "", lead, extension(d("2026-12-31"), "  "), "Lý do: chưa nhập lý do đề nghị gia hạn"},
        // waiting, on a task without a precondition
        {"I.3", "", lead, waiting(), "Nhiệm vụ I.3 không có điều kiện (\"sau khi …\") để chờ"},
    };
    for (const auto& c : cases) {
        INFO(c.task << " " << c.period << " " << c.agency << " " << to_string(c.answer.kind));
        CHECK(seed.record(c.task, c.period, c.agency, c.answer) == c.refusal);
    }
    CHECK(count(seed.db, "SELECT COUNT(*) FROM answers") == 0);
    CHECK(count(seed.db, "SELECT COUNT(*) FROM status_changes") == 0);

    // The field each refusal is about, for the form.
    const auto field = [&](const std::string& code, const std::string& agency, Answer a) {
        const size_t i = seed.index(code);
        auto checked = check_answer(seed.of(code), seed.state.scheduled[i].status, "", agency,
                                    agency_role(seed.state.tasks[i].task, agency), std::move(a), seed.now);
        REQUIRE(std::holds_alternative<AnswerRefusal>(checked));
        return std::get<AnswerRefusal>(checked).field;
    };
    CHECK(field("I.3", lead, completion(d("2026-09-30"), "BC", d("2026-10-01"))) == "document_number");
    CHECK(field("I.3", lead, completion(d("2026-10-30"), "1/BC", d("2026-10-01"))) == "done_on");
    CHECK(field("I.3", lead, completion(d("2026-09-30"), "1/BC", d("2026-09-01"))) == "document_date");
    CHECK(field("I.3", lead, extension(d("2026-12-01"), "")) == "reason");
    CHECK(field("I.3", lead, extension(std::nullopt, "r")) == "proposed_due");
    CHECK(field("I.3", "Sở Nội vụ", note("x")) == "agency");
    CHECK(field("I.3", lead, waiting()) == "kind");
}

TEST_CASE("answers are recorded with the status change they cause; a second completion waits its turn",
          "[answers]") {
    AnswerSeed seed;
    const std::string lead = "Sở Tài chính";
    Answer done_i3 = completion(d("2026-09-30"), "125/BC-STC", d("2026-10-01"));
    done_i3.note = "Đã ban hành Kế hoạch";
    done_i3.report = ReportFile{"reports/" + std::string(64, 'a') + ".pdf", "bao-cao.pdf", 1234, std::string(64, 'a')};
    CHECK(seed.record("I.3", "", lead, done_i3) == "");
    // While it waits: a second completion is refused, an extension request and notes are taken.
    CHECK(seed.record("I.3", "", lead, completion(d("2026-10-02"), "130/BC-STC", d("2026-10-03"))) ==
          "Nhiệm vụ I.3 đã được Sở Tài chính báo cáo hoàn thành ngày 30/09/2026 (văn bản 125/BC-STC), đang chờ xác "
          "nhận; không gửi báo cáo hoàn thành lần thứ hai");
    CHECK(seed.record("I.3", "", lead, extension(d("2026-12-31"), "Chờ ý kiến của Bộ Tài chính")) == "");
    CHECK(seed.record("I.3", "", "Các Sở, ban, ngành thành phố", note("Đã góp ý dự thảo")) == "");
    // I.7 (with a precondition): progress starts it, waiting makes it wait.
    CHECK(seed.record("I.7", "", "Sở Nội vụ", progress("Đang xây dựng dự thảo")) == "");
    CHECK(seed.record("I.7", "", "Sở Nội vụ", progress("Đã lấy ý kiến")) == "");
    CHECK(seed.record("I.7", "", "Sở Nội vụ", waiting()) == "");
    // A recurring task's period.
    CHECK(seed.record("I.1", "2026-Q3", "Sở Văn hóa, Thể thao và Du lịch",
                      completion(d("2026-09-30"), "12/2026/BC-SVHTTDL", d("2026-10-02"))) == "");
    // A task marked done takes notes only.
    REQUIRE(run_cli({"--db", seed.db_path, "status", "II.1.1", "done", "--date", "2026-10-02"}).status == 0);
    CHECK(seed.record("II.1.1", "", "Sở Nông nghiệp và Môi trường", progress("x")) ==
          "Nhiệm vụ II.1.1 đã hoàn thành (ngày 02/10/2026); chỉ có thể gửi ý kiến");
    CHECK(seed.record("II.1.1", "", "Sở Nông nghiệp và Môi trường", note("Đã gửi báo cáo")) == "");

    AnswerStore store(seed.db);
    auto i3 = store.for_task(seed.state.tasks[seed.index("I.3")].id);
    REQUIRE(i3.ok());
    REQUIRE(i3->size() == 3);
    const Answer& a = (*i3)[0];
    CHECK(a.kind == AnswerKind::completion);
    CHECK(a.agency == lead);
    CHECK(a.period.empty());
    CHECK(a.note == "Đã ban hành Kế hoạch");
    CHECK(a.done_on == d("2026-09-30"));
    CHECK(a.document_number == "125/BC-STC");
    CHECK(a.document_date == d("2026-10-01"));
    REQUIRE(a.report);
    CHECK(a.report->original_name == "bao-cao.pdf");
    CHECK(a.report->size == 1234);
    CHECK(a.via == AnswerVia::link);
    CHECK(a.client_address == "203.0.113.7");
    CHECK(a.answered_at == "2026-10-05T09:00:00+07:00");
    CHECK(a.completion_state == "awaiting");
    CHECK(a.extension_state.empty());
    CHECK((*i3)[1].kind == AnswerKind::extension);
    CHECK((*i3)[1].extension_state == "open");
    CHECK((*i3)[1].proposed_due == d("2026-12-31"));
    CHECK((*i3)[2].kind == AnswerKind::note);
    CHECK((*i3)[2].agency == "Các Sở, ban, ngành thành phố");

    auto awaiting = store.awaiting_confirmation();
    REQUIRE(awaiting.ok());
    REQUIRE(awaiting->size() == 2);
    CHECK((*awaiting)[0].document_number == "125/BC-STC");
    CHECK((*awaiting)[1].period == "2026-Q3");
    auto open = store.open_extensions();
    REQUIRE(open.ok());
    REQUIRE(open->size() == 1);
    CHECK(open->at(0).reason == "Chờ ý kiến của Bộ Tài chính");

    // Only I.7's first progress and its waiting changed a status, and only as I.7's lead.
    SQLite::Statement changes(seed.db.sql(), "SELECT action, status, changed_by, note FROM status_changes "
                                             "WHERE changed_by <> '' AND task_id = ? ORDER BY id");
    changes.bind(1, seed.state.tasks[seed.index("I.7")].id);
    std::vector<std::string> rows;
    while (changes.executeStep())
        rows.push_back(changes.getColumn(0).getString() + " " + changes.getColumn(1).getString() + " " +
                       changes.getColumn(2).getString() + " " + changes.getColumn(3).getString());
    CHECK(rows == std::vector<std::string>{"in_progress in_progress Sở Nội vụ Đang xây dựng dự thảo",
                                           "waiting waiting Sở Nội vụ "});
    CHECK(count(seed.db, "SELECT COUNT(*) FROM status_changes") == 3);  // with II.1.1 marked done

    // The statuses as every reader loads them.
    seed.reload_state();
    const TaskStatus& status = seed.task("I.3").status;
    REQUIRE(status.awaiting_for(""));
    CHECK(status.awaiting_for("")->agency == lead);
    CHECK(status.awaiting_for("")->done_on == d("2026-09-30"));
    CHECK(status.overall.status == WorkStatus::not_started);  // what the monitoring agency accepted: unchanged
    REQUIRE(status.extensions.size() == 1);
    CHECK(status.extensions[0].proposed_due == d("2026-12-31"));
    CHECK(seed.task("I.1").status.awaiting_for("2026-Q3"));
    CHECK(!seed.task("I.1").status.awaiting_for(""));
    CHECK(seed.task("I.7").status.overall.status == WorkStatus::waiting);
    CHECK(!seed.task("II.1.1").status.awaiting_for(""));
}

TEST_CASE("while a completion awaits confirmation, the timeline plans no reminders or escalations for it",
          "[answers][schedule]") {
    AnswerSeed seed;
    const auto planned = [&](const std::string& prefix) {
        const Timeline t = plan_timeline(seed.state.scheduled, *seed.state.names, seed.state.roles,
                                         seed.config.schedule, seed.calendar, d("2026-10-05"), d("2027-03-31"));
        std::vector<std::string> out;
        for (const auto& n : t.items)
            if (t.key(n).rfind(prefix, 0) == 0) out.push_back(format_iso_date(n.date()) + " " + t.key(n));
        return out;
    };
    // Before: I.3 keeps escalating, I.7 is reminded, I.1 is reviewed for 2026-Q4.
    CHECK(!planned("90/KH-UBND/2026|I.3|").empty());
    CHECK(!planned("90/KH-UBND/2026|I.7|").empty());
    CHECK(!planned("90/KH-UBND/2026|I.1|2026-Q4|").empty());
    CHECK(next_review(seed.task("I.1"), seed.config.schedule, d("2026-10-05")) == d("2026-12-31"));

    CHECK(seed.record("I.3", "", "Sở Tài chính", completion(d("2026-09-30"), "125/BC-STC", d("2026-10-01"))) == "");
    CHECK(seed.record("I.7", "", "Sở Nội vụ", completion(d("2026-10-01"), "88/BC-SNV", d("2026-10-02"))) == "");
    seed.now = at("2026-10-10T09:00");
    CHECK(seed.record("I.1", "2026-Q4", "Sở Văn hóa, Thể thao và Du lịch",
                      completion(d("2026-10-09"), "3/BC-SVHTTDL", d("2026-10-09"))) == "");
    const auto ii51_before = planned("90/KH-UBND/2026|II.5.1|");
    CHECK(seed.record("II.5.1", "", "Sở Tài chính", extension(d("2027-06-30"), "Chờ số liệu")) == "");
    seed.reload_state();
    CHECK(planned("90/KH-UBND/2026|I.3|").empty());
    CHECK(planned("90/KH-UBND/2026|I.7|").empty());
    CHECK(planned("90/KH-UBND/2026|I.1|2026-Q4|").empty());
    CHECK(!planned("90/KH-UBND/2026|I.1|2027-Q1|").empty());  // the next period is reminded as before
    CHECK(!ii51_before.empty());
    CHECK(planned("90/KH-UBND/2026|II.5.1|") == ii51_before);  // an extension request changes nothing
    CHECK(next_review(seed.task("I.1"), seed.config.schedule, d("2026-10-05")) == d("2027-03-31"));
    CHECK(next_review(seed.task("I.3"), seed.config.schedule, d("2026-10-05")) == std::nullopt);
}

TEST_CASE("the report shows what awaits confirmation as a sub-state, in JSON and text", "[answers][report]") {
    AnswerSeed seed;
    const auto report = [&](bool json) {
        std::vector<std::string> args = {"--db", seed.db_path, "report", "--as-of", "2026-10-05"};
        if (json) args.push_back("--json");
        auto r = run_cli(args);
        REQUIRE(r.status == 0);
        return r.out;
    };
    const std::string text_before = report(false);
    const nlohmann::json before = nlohmann::json::parse(report(true));
    CHECK(!before.contains("awaiting_confirmation"));

    CHECK(seed.record("I.3", "", "Sở Tài chính", completion(d("2026-09-30"), "125/BC-STC", d("2026-10-01"))) == "");
    CHECK(seed.record("II.1.1", "", "Sở Nông nghiệp và Môi trường", extension(d("2026-12-31"), "Chờ số liệu")) == "");
    const nlohmann::json after = nlohmann::json::parse(report(true));
    CHECK(after["awaiting_confirmation"] == 1);
    CHECK(after["open_extension_requests"] == 1);
    // The categories and their counts are what they were: I.3 stays overdue until it is confirmed.
    for (size_t i = 0; i < before["categories"].size(); ++i) {
        CHECK(after["categories"][i]["count"] == before["categories"][i]["count"]);
        CHECK(after["categories"][i]["percent"] == before["categories"][i]["percent"]);
    }
    const nlohmann::json* i3 = nullptr;
    const nlohmann::json* ii11 = nullptr;
    for (const auto& c : after["categories"])
        for (const auto& t : c["tasks"]) {
            if (t["id"] == "I.3") {
                i3 = &t;
                CHECK(c["key"] == "overdue");
            }
            if (t["id"] == "II.1.1") ii11 = &t;
        }
    REQUIRE(i3);
    CHECK((*i3)["awaiting_confirmation"] == nlohmann::json({{"period", nullptr},
                                                            {"agency", "Sở Tài chính"},
                                                            {"done_on", "2026-09-30"},
                                                            {"document_number", "125/BC-STC"},
                                                            {"document_date", "2026-10-01"},
                                                            {"reported_at", "2026-10-05T09:00:00+07:00"}}));
    CHECK(!i3->contains("extension_requests"));
    REQUIRE(ii11);
    CHECK((*ii11)["extension_requests"] == nlohmann::json::array({{{"period", nullptr},
                                                                   {"agency", "Sở Nông nghiệp và Môi trường"},
                                                                   {"proposed_due", "2026-12-31"},
                                                                   {"reason", "Chờ số liệu"},
                                                                   {"requested_at", "2026-10-05T09:00:00+07:00"}}}));
    CHECK(!ii11->contains("awaiting_confirmation"));

    const std::string text = report(false);
    CHECK(text.find("Đã báo cáo hoàn thành, chờ xác nhận: 1\nĐề nghị gia hạn chưa xử lý: 1\n") != std::string::npos);
    CHECK(text.find(", đã báo cáo hoàn thành ngày 2026-09-30 (125/BC-STC), chờ xác nhận\n") != std::string::npos);
    CHECK(text.find(", đề nghị gia hạn đến 2026-12-31\n") != std::string::npos);
    CHECK(text_before.find("chờ xác nhận") == std::string::npos);
}

TEST_CASE("the weekly digest lists what awaits confirmation and every open extension request", "[answers][content]") {
    AnswerSeed seed;
    const MessageTemplates templates = *MessageTemplates::load_embedded();
    const auto digest = [&](const char* day) {
        const Timeline t = plan_timeline(seed.state.scheduled, *seed.state.names, seed.state.roles,
                                         seed.config.schedule, seed.calendar, d(day), d(day));
        for (const auto& n : t.items)
            if (n.kind == NotificationKind::digest)
                return templates.render(n.kind, digest_context(t, n, seed.state.tasks, seed.state.scheduled,
                                                               seed.config.schedule, seed.calendar, {}));
        FAIL("no digest on " << day);
        return Message{};
    };
    const Message before = digest("2026-10-12");
    CHECK(before.text.find("CHỜ XÁC NHẬN") == std::string::npos);
    CHECK(before.text.find("ĐỀ NGHỊ GIA HẠN") == std::string::npos);

    CHECK(seed.record("I.3", "", "Sở Tài chính", completion(d("2026-09-30"), "125/BC-STC", d("2026-10-01"))) == "");
    CHECK(seed.record("I.1", "2026-Q3", "Sở Văn hóa, Thể thao và Du lịch",
                      completion(d("2026-09-30"), "12/BC-SVHTTDL", d("2026-10-02"))) == "");
    CHECK(seed.record("II.1.1", "", "Sở Nông nghiệp và Môi trường", extension(d("2026-12-31"), "Chờ số liệu")) == "");
    seed.reload_state();
    const Message m = digest("2026-10-12");
    CHECK(m.text.find("\nNHIỆM VỤ ĐÃ BÁO CÁO HOÀN THÀNH, CHỜ XÁC NHẬN\n- I.1 (Sở Văn hóa, Thể thao và Du lịch), quý "
                      "III/2026: ") != std::string::npos);
    CHECK(m.text.find(" – Sở Văn hóa, Thể thao và Du lịch báo cáo hoàn thành ngày 30/09/2026, văn bản số "
                      "12/BC-SVHTTDL ngày 02/10/2026 (gửi ngày 05/10/2026)\n- I.3 (Sở Tài chính): ") !=
          std::string::npos);
    CHECK(m.text.find(" – Sở Tài chính báo cáo hoàn thành ngày 30/09/2026, văn bản số 125/BC-STC ngày 01/10/2026 "
                      "(gửi ngày 05/10/2026)\n") != std::string::npos);
    CHECK(m.text.find("\nĐỀ NGHỊ GIA HẠN CHƯA XỬ LÝ\n- II.1.1 (Sở Nông nghiệp và Môi trường): ") != std::string::npos);
    CHECK(m.text.find(" – Sở Nông nghiệp và Môi trường đề nghị gia hạn từ 30/09/2026 đến 31/12/2026: Chờ số liệu "
                      "(gửi ngày 05/10/2026)\n") != std::string::npos);
    // I.3 is still overdue, marked as reported.
    CHECK(m.text.find(", đã báo cáo hoàn thành, chờ xác nhận\n") != std::string::npos);
    CHECK(m.html.find("<h3>Nhiệm vụ đã báo cáo hoàn thành, chờ xác nhận</h3>") != std::string::npos);
    CHECK(m.html.find("<h3>Đề nghị gia hạn chưa xử lý</h3>") != std::string::npos);
    CHECK(m.html.find("<td>125/BC-STC ngày 01/10/2026</td>") != std::string::npos);
}

TEST_CASE("a delivery pass cancels what waits for a task whose completion awaits confirmation",
          "[answers][outbox]") {
    AnswerSeed seed;
    const std::string config = (seed.dir / "nv.toml").string();
    write_file(config, "[email]\nmaildir = \"" + (seed.dir / "mail").string() + "\"\n");
    const auto deliver = [&](const std::string& now) {
        auto run = run_cli({"--config", config, "--db", seed.db_path, "deliver", "--now", now});
        INFO(run.out << run.err);
        REQUIRE(run.status == 0);
    };
    deliver("2026-10-05T08:00");
    // The latest escalation of I.3 waits for a retry.
    SQLite::Statement retry(seed.db.sql(),
                            "UPDATE deliveries SET state = 'retrying', next_attempt_at = ? WHERE notification_id = "
                            "(SELECT MAX(id) FROM notifications WHERE key LIKE '90/KH-UBND/2026|I.3|-|escalation%')");
    retry.bind(1, static_cast<int64_t>(at("2026-10-05T09:30").time_since_epoch().count()));
    const int waiting = retry.exec();
    REQUIRE(waiting > 0);
    CHECK(seed.record("I.3", "", "Sở Tài chính", completion(d("2026-09-30"), "125/BC-STC", d("2026-10-01"))) == "");
    deliver("2026-10-05T10:00");
    CHECK(count(seed.db, "SELECT COUNT(*) FROM deliveries WHERE state = 'cancelled' AND last_error = 'task I.3 was "
                         "reported done on 2026-09-30 by Sở Tài chính and awaits confirmation'") == waiting);
}

TEST_CASE("/metrics counts what awaits confirmation and the open extension requests", "[answers][api]") {
    ApiFixture fixture;
    const auto gauges = [&] {
        const HttpResponse r = fixture.handle("GET", "/metrics", "Bearer admin-token-0123456789", "");
        REQUIRE(r.status == 200);
        std::string out;
        for (const char* name : {"nhacviec_tasks_awaiting_confirmation ", "nhacviec_extension_requests_open "}) {
            const size_t at = r.body.find(std::string("\n") + name);
            REQUIRE(at != std::string::npos);
            out += r.body.substr(at + 1, r.body.find('\n', at + 1) - at);
        }
        return out;
    };
    CHECK(gauges() == "nhacviec_tasks_awaiting_confirmation 0\nnhacviec_extension_requests_open 0\n");
    auto state = app::load_plan_state(*fixture.db, fixture.setup->config, fixture.setup->directory);
    REQUIRE(state.ok());
    const auto task = [&](const std::string& code) {
        const size_t i = *app::find_task(*state, code, std::nullopt);
        return answer_task(state->tasks[i], state->scheduled[i], fixture.setup->config.schedule);
    };
    const sys_seconds now = at("2026-10-15T09:30");
    REQUIRE(record_answer(*fixture.db, task("I.3"), "", "Sở Tài chính", AgencyRole::lead,
                          completion(d("2026-09-30"), "125/BC-STC", d("2026-10-01")), now)
                .value().index() == 0);
    REQUIRE(record_answer(*fixture.db, task("II.5.1"), "", "Sở Tài chính", AgencyRole::lead,
                          extension(d("2026-12-31"), "Chờ số liệu"), now)
                .value().index() == 0);
    REQUIRE(record_answer(*fixture.db, task("II.1.1"), "", "Sở Nông nghiệp và Môi trường", AgencyRole::lead,
                          extension(d("2027-03-31"), "Chờ hướng dẫn"), now)
                .value().index() == 0);
    CHECK(gauges() == "nhacviec_tasks_awaiting_confirmation 1\nnhacviec_extension_requests_open 2\n");
}
