// The message to the monitoring agency when an agency answers
// (app/answer_submission, outbox/answer_entry, config/templates/answer.*):
// written with the answer in one transaction, exactly once, never for a
// refused answer; left alone by the refresh before sending; sent by the next
// delivery pass, also one that plans nothing; counted for /metrics and
// listed by `nhacviec outbox`.
#include "app/answer_submission.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "answers/record_answer.h"
#include "app/delivery_pass.h"
#include "app/plan_snapshot.h"
#include "common/clock.h"
#include "common/embedded.h"
#include "content/notification_reference.h"
#include "outbox/answer_entry.h"
#include "outbox/dispatcher.h"
#include "outbox/entry_builder.h"
#include "outbox/outbox_store.h"
#include "test_support.h"
#include "api_fixture.h"

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

std::string text_of(Database& db, const std::string& sql) {
    SQLite::Statement s(db.sql(), sql);
    REQUIRE(s.executeStep());
    return s.getColumn(0).getString();
}

Answer completion(Date done_on, std::string number, Date document_date) {
    Answer a;
    a.kind = AnswerKind::completion;
    a.done_on = done_on;
    a.document_number = std::move(number);
    a.document_date = document_date;
    a.via = AnswerVia::link;
    a.client_address = "203.0.113.7";
    return a;
}

Answer extension(Date proposed, std::string reason) {
    Answer a;
    a.kind = AnswerKind::extension;
    a.proposed_due = proposed;
    a.reason = std::move(reason);
    a.via = AnswerVia::api;
    return a;
}

Answer of_kind(AnswerKind kind, std::string note, AnswerVia via) {
    Answer a;
    a.kind = kind;
    a.note = std::move(note);
    a.via = via;
    return a;
}

// The seed in a database, with mail to a local mail folder, as the daemon loads it.
struct Fixture {
    TempDir dir;
    std::string db_path = (dir / "nv.db").string();
    std::shared_ptr<const ServiceSetup> setup;
    std::optional<Database> db;
    std::optional<app::PlanState> state;

    Fixture() {
        const std::string config_path = (dir / "c.toml").string();
        write_file(config_path, "[email]\nmaildir = \"" + (dir / "mail").string() + "\"\n");
        REQUIRE(run_cli({"--db", db_path, "import", seed_plan().string()}).status == 0);
        app::GlobalOptions options;
        options.config_path = config_path;
        options.database_path = db_path;
        auto loaded = load_service_setup(options);
        REQUIRE(loaded.ok());
        setup = std::make_shared<const ServiceSetup>(std::move(*loaded));
        auto opened = Database::open(db_path);
        REQUIRE(opened.ok());
        db.emplace(std::move(*opened));
        reload();
    }

    void reload() {
        auto loaded = app::load_plan_state(*db, setup->config, setup->directory);
        REQUIRE(loaded.ok());
        state.emplace(std::move(*loaded));
    }

    size_t index(const std::string& code) {
        auto i = app::find_task(*state, code, std::nullopt);
        REQUIRE(i.ok());
        return *i;
    }

    // "" when recorded; the error otherwise.
    std::string submit(const std::string& code, const std::string& period, const std::string& agency, Answer a,
                       sys_seconds now, OutboxCounts* counts = nullptr) {
        const AgencyRole role = agency_role(state->tasks[index(code)].task, agency);
        auto id = app::submit_answer(*db, *setup, *state, index(code), period, agency, role, std::move(a), now, counts);
        if (!id) return id.error().message;
        const auto* refusal = std::get_if<AnswerRefusal>(&*id);
        return refusal ? refusal->message : "";
    }

    int64_t notifications() { return count(*db, "SELECT COUNT(*) FROM notifications"); }
    int64_t answers() { return count(*db, "SELECT COUNT(*) FROM answers"); }
};

const char* const kCompletionText = R"(Kính gửi: Sở Tài chính

Sở Tài chính (cơ quan chủ trì) báo cáo hoàn thành nhiệm vụ dưới đây thuộc Kế hoạch số 90/KH-UBND ngày 20/03/2026:

Nhiệm vụ I.3: Xây dựng kế hoạch thực hiện trên cơ sở rà soát các chương trình, kế hoạch thực hiện các Nghị quyết của Đảng, Chương trình hành động của Chính phủ liên quan đến phát triển kinh tế nhà nước để điều chỉnh đồng bộ thống nhất.
Sản phẩm: Kế hoạch thực hiện
Thời hạn: Quý I/2026 (đến hết ngày 31/03/2026)
Cơ quan chủ trì: Sở Tài chính

Ngày hoàn thành: 30/09/2026
Văn bản báo cáo: số 125/BC-STC ngày 01/10/2026
Tệp báo cáo: không gửi kèm
Nội dung: Đã ban hành kế hoạch.
Thời gian gửi: 09:12 ngày 05/10/2026, qua đường liên kết

Nhiệm vụ I.3 chuyển sang trạng thái "đã báo cáo hoàn thành, chờ xác nhận"; trong khi chờ, hệ thống không gửi nhắc hạn, cảnh báo về nhiệm vụ. Đề nghị Sở Tài chính xem xét, xác nhận hoàn thành hoặc trả lại.

--
Thư thông báo tự động của hệ thống nhắc việc nhacviec. Số tham chiếu: )";

}  // namespace

TEST_CASE("a completion writes exactly one message to the monitoring agency, with the answer", "[answer_notice]") {
    Fixture f;
    const sys_seconds now = at("2026-10-05T09:12");
    Answer a = completion(d("2026-09-30"), "125/BC-STC", d("2026-10-01"));
    a.note = "Đã ban hành kế hoạch.";
    OutboxCounts counts{{}};
    REQUIRE(f.submit("I.3", "", "Sở Tài chính", a, now, &counts) == "");

    CHECK(f.answers() == 1);
    REQUIRE(f.notifications() == 1);
    const std::string key = "90/KH-UBND/2026|I.3|-|answer-1|Sở Tài chính";
    CHECK(text_of(*f.db, "SELECT key FROM notifications") == key);
    CHECK(text_of(*f.db, "SELECT kind FROM notifications") == "answer");
    CHECK(text_of(*f.db, "SELECT task_code FROM notifications") == "I.3");
    CHECK(text_of(*f.db, "SELECT agency FROM notifications") == "Sở Tài chính");
    CHECK(count(*f.db, "SELECT due_at FROM notifications") == now.time_since_epoch().count());
    CHECK(text_of(*f.db, "SELECT subject FROM notifications") == "Sở Tài chính báo cáo hoàn thành nhiệm vụ I.3");
    const std::string reference = notification_reference(key);
    CHECK(text_of(*f.db, "SELECT text_body FROM notifications") == kCompletionText + reference + "\n");
    CHECK(text_of(*f.db, "SELECT answer_url FROM notifications") == "");
    CHECK(text_of(*f.db, "SELECT mail_to FROM notifications") ==
          R"([{"address":"so-tai-chinh@haiphong.example","name":"Sở Tài chính"}])");
    CHECK(text_of(*f.db, "SELECT message_id FROM notifications") ==
          notification_message_id(f.setup->config, key, now));
    CHECK(text_of(*f.db, "SELECT thread_id FROM notifications") ==
          task_thread_id(f.setup->config, "90/KH-UBND", 2026, "I.3"));
    // One delivery, by email to the monitoring agency, due at once.
    CHECK(count(*f.db, "SELECT COUNT(*) FROM deliveries") == 1);
    CHECK(text_of(*f.db, "SELECT agency || ' ' || channel || ' ' || address || ' ' || state FROM deliveries") ==
          "Sở Tài chính email so-tai-chinh@haiphong.example pending");
    CHECK(count(*f.db, "SELECT next_attempt_at FROM deliveries") == now.time_since_epoch().count());
    // The HTML twin says the same.
    const std::string html = text_of(*f.db, "SELECT html_body FROM notifications");
    CHECK(html.rfind("<p>Kính gửi: <b>Sở Tài chính</b></p>\n<p><b>Sở Tài chính</b> (cơ quan chủ trì) báo cáo hoàn "
                     "thành nhiệm vụ dưới đây thuộc Kế hoạch số 90/KH-UBND ngày 20/03/2026:</p>\n",
                     0) == 0);
    CHECK(html.find("<tr><th align=\"left\">Văn bản báo cáo</th><td>số 125/BC-STC ngày 01/10/2026</td></tr>\n") !=
          std::string::npos);
    CHECK(html.find("Số tham chiếu: " + reference + "</small></p>\n") != std::string::npos);
    CHECK(html.find("http") == std::string::npos);  // no answer link

    // The webhook body carries the same facts.
    const auto payload = nlohmann::json::parse(text_of(*f.db, "SELECT payload FROM notifications"));
    CHECK(payload["type"] == "nhacviec.answer");
    CHECK(payload["planned_at"] == "2026-10-05T09:12:00+07:00");
    const nlohmann::json& data = payload["data"];
    CHECK(data["key"] == key);
    CHECK(data["kind"] == "answer");
    CHECK(data["reference"] == reference);
    CHECK(data["plan"] == "90/KH-UBND/2026");
    CHECK(data["task"]["id"] == "I.3");
    CHECK(data["period"] == nullptr);
    CHECK(data["answer"] == nlohmann::json({{"id", 1},
                                            {"kind", "completion"},
                                            {"agency", "Sở Tài chính"},
                                            {"role", "lead"},
                                            {"note", "Đã ban hành kế hoạch."},
                                            {"done_on", "2026-09-30"},
                                            {"document_number", "125/BC-STC"},
                                            {"document_date", "2026-10-01"},
                                            {"report_file", nullptr},
                                            {"proposed_due", nullptr},
                                            {"reason", nullptr},
                                            {"via", "link"},
                                            {"answered_at", "2026-10-05T09:12:00+07:00"}}));
    CHECK(data["recipients"] == nlohmann::json({{"to", {"Sở Tài chính"}}, {"cc", nlohmann::json::array()}}));
    CHECK(data["subject"] == "Sở Tài chính báo cáo hoàn thành nhiệm vụ I.3");
    CHECK(data["text"] == kCompletionText + reference + "\n");

    // /metrics counts it under its own kind, once the answer has committed.
    OutboxCounts::Values expected;
    expected.delivery("answer", "pending", 0, 1);
    CHECK(counts.values() == expected);
    auto counted = OutboxCounts::count(*f.db);
    REQUIRE(counted.ok());
    CHECK(*counted == expected);

    // `nhacviec outbox` lists it, and finds it by its reference.
    auto listed = run_cli({"--db", f.db_path, "outbox", "--ref", reference});
    CHECK(listed.status == 0);
    CHECK(listed.out == "2026-10-05 09:12  pending  " + key + "  email so-tai-chinh@haiphong.example\n1 deliveries\n");
}

TEST_CASE("each kind of answer has its subject, for the task or one of its periods", "[answer_notice]") {
    Fixture f;
    const sys_seconds now = at("2026-10-05T09:12");
    const auto subject = [&](int64_t id) {
        return text_of(*f.db, "SELECT subject FROM notifications WHERE key LIKE '%|answer-" + std::to_string(id) +
                                  "|%'");
    };
    REQUIRE(f.submit("I.3", "", "Sở Tài chính", extension(d("2027-06-30"), "Chờ ý kiến của Bộ Tài chính"), now) == "");
    CHECK(subject(1) == "Sở Tài chính đề nghị gia hạn nhiệm vụ I.3 đến ngày 30/06/2027");
    REQUIRE(f.submit("I.7", "", "Sở Nội vụ", of_kind(AnswerKind::progress, "Đang xây dựng dự thảo", AnswerVia::cli),
                     now) == "");
    CHECK(subject(2) == "Sở Nội vụ báo cáo tiến độ nhiệm vụ I.7");
    REQUIRE(f.submit("I.7", "", "Sở Nội vụ", of_kind(AnswerKind::waiting, "", AnswerVia::console), now) == "");
    CHECK(subject(3) == "Sở Nội vụ báo cáo nhiệm vụ I.7 đang chờ điều kiện thực hiện");
    REQUIRE(f.submit("I.3", "", "Các Sở, ban, ngành thành phố",
                     of_kind(AnswerKind::note, "Đã góp ý dự thảo", AnswerVia::link), now) == "");
    CHECK(subject(4) == "Các Sở, ban, ngành thành phố góp ý nhiệm vụ I.3");
    REQUIRE(f.submit("I.3", "", "Sở Tài chính", of_kind(AnswerKind::note, "Đã gửi dự thảo", AnswerVia::link), now) ==
            "");
    CHECK(subject(5) == "Sở Tài chính gửi ý kiến về nhiệm vụ I.3");
    Answer with_file = completion(d("2026-09-30"), "12/2026/BC-SVHTTDL", d("2026-10-02"));
    const std::string sha(64, 'a');
    with_file.report = ReportFile{"reports/" + sha + ".pdf", "bao-cao-quy-III.pdf", 48213, sha};
    REQUIRE(f.submit("I.1", "2026-Q3", "Sở Văn hóa, Thể thao và Du lịch", with_file, now) == "");
    CHECK(subject(6) == "Sở Văn hóa, Thể thao và Du lịch báo cáo hoàn thành nhiệm vụ I.1 kỳ quý III/2026");
    CHECK(text_of(*f.db, "SELECT key FROM notifications WHERE key LIKE '%|answer-6|%'") ==
          "90/KH-UBND/2026|I.1|2026-Q3|answer-6|Sở Văn hóa, Thể thao và Du lịch");

    // What each one says besides: the extension's date and reason, how each came, the note of a cooperating agency.
    const auto text = [&](int64_t id) {
        return text_of(*f.db, "SELECT text_body FROM notifications WHERE key LIKE '%|answer-" + std::to_string(id) +
                                  "|%'");
    };
    CHECK(text(1).find("\n\nĐề nghị gia hạn đến ngày: 30/06/2027\nLý do: Chờ ý kiến của Bộ Tài chính\n"
                       "Thời gian gửi: 09:12 ngày 05/10/2026, qua API\n\nThời hạn của nhiệm vụ giữ nguyên cho đến "
                       "khi đề nghị gia hạn được chấp thuận. Đề nghị Sở Tài chính xem xét, quyết định.\n\n--\n") !=
          std::string::npos);
    CHECK(text(2).find("\nNội dung: Đang xây dựng dự thảo\nThời gian gửi: 09:12 ngày 05/10/2026, qua dòng lệnh\n\n--\n") !=
          std::string::npos);
    CHECK(text(3).find("\nĐiều kiện thực hiện: ") != std::string::npos);
    CHECK(text(3).find("\n\nThời gian gửi: 09:12 ngày 05/10/2026, qua bảng điều khiển\n\nTrong khi nhiệm vụ chờ điều "
                       "kiện thực hiện, hệ thống không gửi cảnh báo quá hạn về nhiệm vụ.\n\n--\n") != std::string::npos);
    CHECK(text(4).find("\n\nCác Sở, ban, ngành thành phố (cơ quan phối hợp) góp ý về nhiệm vụ dưới đây") !=
          std::string::npos);
    CHECK(text(4).find("\nÝ kiến: Đã góp ý dự thảo\nThời gian gửi: 09:12 ngày 05/10/2026, qua đường liên kết\n") !=
          std::string::npos);
    CHECK(text(6).find("\nKỳ báo cáo: quý III/2026\n") != std::string::npos);
    CHECK(text(6).find("\nVăn bản báo cáo: số 12/2026/BC-SVHTTDL ngày 02/10/2026\nTệp báo cáo: có gửi kèm (PDF)\n") !=
          std::string::npos);
    const auto payload = nlohmann::json::parse(
        text_of(*f.db, "SELECT payload FROM notifications WHERE key LIKE '%|answer-6|%'"));
    CHECK(payload["data"]["period"] == "2026-Q3");
    CHECK(payload["data"]["answer"]["report_file"] ==
          nlohmann::json({{"name", "bao-cao-quy-III.pdf"}, {"size", 48213}, {"sha256", sha}}));
    CHECK(text(6).find("\nNhiệm vụ I.1 kỳ quý III/2026 chuyển sang trạng thái \"đã báo cáo hoàn thành, chờ xác nhận\"; "
                       "trong khi chờ, hệ thống không gửi nhắc hạn, cảnh báo của kỳ này. Đề nghị Sở Tài chính xem "
                       "xét, xác nhận hoàn thành hoặc trả lại.\n") != std::string::npos);
    CHECK(f.notifications() == 6);
}

TEST_CASE("no message without its answer, and no answer without its message", "[answer_notice]") {
    Fixture f;
    const sys_seconds now = at("2026-10-05T09:12");
    const Answer done = completion(d("2026-09-30"), "125/BC-STC", d("2026-10-01"));

    SECTION("a refused answer writes nothing") {
        CHECK(f.submit("I.3", "", "Sở Nội vụ", done, now) ==
              "Cơ quan: Sở Nội vụ không chủ trì, không phối hợp thực hiện nhiệm vụ I.3");
        CHECK(f.submit("I.3", "", "Sở Tài chính", completion(d("2026-10-06"), "125/BC-STC", d("2026-10-06")), now) ==
              "Ngày hoàn thành: 06/10/2026 là ngày trong tương lai (hôm nay là 05/10/2026)");
        CHECK(f.answers() == 0);
        CHECK(f.notifications() == 0);
    }
    SECTION("the same completion twice: the second is refused and writes no second message") {
        REQUIRE(f.submit("I.3", "", "Sở Tài chính", done, now) == "");
        CHECK(f.submit("I.3", "", "Sở Tài chính", done, now + std::chrono::seconds(1)) ==
              "Nhiệm vụ I.3 đã được Sở Tài chính báo cáo hoàn thành ngày 30/09/2026 (văn bản 125/BC-STC), đang chờ "
              "xác nhận; không gửi báo cáo hoàn thành lần thứ hai");
        CHECK(f.answers() == 1);
        CHECK(f.notifications() == 1);
        CHECK(count(*f.db, "SELECT COUNT(*) FROM deliveries") == 1);
    }
    SECTION("the message of one answer written again is the same notification") {
        REQUIRE(f.submit("I.3", "", "Sở Tài chính", done, now) == "");
        AnswerStore answers(*f.db);
        auto recorded = answers.for_task(f.state->tasks[f.index("I.3")].id);
        REQUIRE(recorded.ok());
        REQUIRE(recorded->size() == 1);
        const AnsweredTask about{f.state->tasks[f.index("I.3")].task, d("2026-03-20"), false};
        const OutboxEntry again = answer_entry(recorded->front(), about, f.setup->config, f.setup->directory,
                                               f.setup->calendar, f.setup->templates, now);
        CHECK(again.key == "90/KH-UBND/2026|I.3|-|answer-1|Sở Tài chính");
        OutboxStore store(*f.db);
        auto added = store.add({again}, now + std::chrono::minutes(1));
        REQUIRE(added.ok());
        CHECK(added->not_recorded == 1);
        CHECK(f.notifications() == 1);
        CHECK(count(*f.db, "SELECT COUNT(*) FROM deliveries") == 1);
    }
    SECTION("the message cannot be written: the answer is undone with its status change") {
        // A failure of the database itself on the outbox (a trigger on this connection only).
        f.db->sql().exec(
            "CREATE TEMP TRIGGER refuse BEFORE INSERT ON notifications BEGIN SELECT abs(-9223372036854775808); END");
        CHECK(f.submit("I.7", "", "Sở Nội vụ", of_kind(AnswerKind::progress, "Đang làm", AnswerVia::link), now) ==
              f.db_path + ": database error: integer overflow");
        CHECK(f.answers() == 0);
        CHECK(f.notifications() == 0);
        CHECK(count(*f.db, "SELECT COUNT(*) FROM status_changes") == 0);
        // A constraint broken by the message: the answer is refused rather than recorded untold.
        f.db->sql().exec("DROP TRIGGER refuse");
        f.db->sql().exec(
            "CREATE TEMP TRIGGER refuse BEFORE INSERT ON notifications BEGIN SELECT RAISE(ABORT, 'full'); END");
        CHECK(f.submit("I.7", "", "Sở Nội vụ", of_kind(AnswerKind::progress, "Đang làm", AnswerVia::link), now) ==
              "the message to Sở Tài chính about the answer could not be written to the outbox");
        CHECK(f.answers() == 0);
        CHECK(f.notifications() == 0);
        CHECK(count(*f.db, "SELECT COUNT(*) FROM status_changes") == 0);
    }
    SECTION("the answer cannot be written: no message") {
        f.db->sql().exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON answers BEGIN SELECT abs(-9223372036854775808); END");
        CHECK(f.submit("I.3", "", "Sở Tài chính", done, now) == f.db_path + ": database error: integer overflow");
        CHECK(f.answers() == 0);
        CHECK(f.notifications() == 0);
    }
}

TEST_CASE("the next delivery pass sends the message to the mail folder, planning or not", "[answer_notice]") {
    Fixture f;
    auto built = app::build_plan_snapshot(*f.db, f.setup, d("2026-11-25"));
    REQUIRE(built.ok());
    const std::shared_ptr<const app::PlanSnapshot> snapshot = *built;
    OutboxStore store(*f.db);
    FakeClock clock(at("2026-11-25T09:00"));
    Dispatcher dispatcher(store, f.setup->config.delivery, clock);
    const auto pass = [&](const PassPlan& plan) {
        auto result = run_delivery_pass(*f.db, *f.setup, dispatcher, clock.now(), nullptr, plan);
        REQUIRE(result.ok());
        return *result;
    };
    const auto mail_files = [&] {
        std::vector<std::string> out;
        for (const auto& entry : std::filesystem::directory_iterator(f.dir / "mail" / "new"))
            out.push_back(read_file(entry.path()));
        return out;
    };
    const auto mails_with = [&](const std::string& text) {
        const auto files = mail_files();
        return std::count_if(files.begin(), files.end(),
                             [&](const std::string& m) { return m.find(text) != std::string::npos; });
    };
    // The catch-up of the first pass.
    REQUIRE(pass({snapshot, nullptr}).planned);
    const size_t before = mail_files().size();

    SECTION("a pass over the same snapshot (nothing planned) sends it") {
        clock.set(at("2026-11-25T09:05"));
        REQUIRE(f.submit("II.1.1", "", "Sở Nông nghiệp và Môi trường",
                         extension(d("2027-03-31"), "Chờ hướng dẫn của Bộ"), clock.now()) == "");
        const std::string key = "90/KH-UBND/2026|II.1.1|-|answer-1|Sở Nông nghiệp và Môi trường";
        const PassResult idle = pass({snapshot, snapshot});
        CHECK(!idle.planned);
        CHECK(idle.delivered.sent == 1);
        CHECK(mail_files().size() == before + 1);
        CHECK(mails_with("Message-ID: " + notification_message_id(f.setup->config, key, clock.now())) == 1);
        CHECK(text_of(*f.db, "SELECT state FROM deliveries d JOIN notifications n ON n.id = d.notification_id "
                             "WHERE n.kind = 'answer'") == "sent");
    }
    SECTION("a pass over a new snapshot sends it too: the refresh leaves it as written") {
        clock.set(at("2026-11-25T09:05"));
        REQUIRE(f.submit("I.3", "", "Sở Tài chính", completion(d("2026-11-20"), "125/BC-STC", d("2026-11-24")),
                         clock.now()) == "");
        const std::string key = "90/KH-UBND/2026|I.3|-|answer-1|Sở Tài chính";
        auto rebuilt = app::build_plan_snapshot(*f.db, f.setup, d("2026-11-25"));
        REQUIRE(rebuilt.ok());
        const PassResult planned = pass({*rebuilt, snapshot});
        CHECK(planned.planned);
        CHECK(planned.checked.cancelled == 0);
        CHECK(planned.delivered.sent == 1);
        CHECK(mails_with("Message-ID: " + notification_message_id(f.setup->config, key, clock.now())) == 1);
        CHECK(count(*f.db, "SELECT COUNT(*) FROM notifications WHERE kind = 'answer' AND cancelled_because IS NULL") ==
              1);
        // Sent once: the pass after sends nothing more.
        clock.set(at("2026-11-25T09:06"));
        CHECK(pass({*rebuilt, *rebuilt}).delivered.sent == 0);
        CHECK(mails_with("Message-ID: " + notification_message_id(f.setup->config, key, at("2026-11-25T09:05"))) == 1);
    }
}

TEST_CASE("a template folder without answer.* takes the built-in answer templates", "[answer_notice]") {
    TempDir dir;
    for (const char* kind : {"reminder", "review", "escalation", "digest"}) {
        write_file(dir / (std::string(kind) + ".subject.txt"), "Nhắc {{task.code}}");
        write_file(dir / (std::string(kind) + ".txt"), "Gửi {{to}}");
        write_file(dir / (std::string(kind) + ".html"), "<p>{{to}}</p>");
    }
    const nlohmann::json context = {{"agency", "Sở Tài chính"},
                                    {"task", {{"code", "I.3"}}},
                                    {"kind", {{"completion", true}}},
                                    {"to", "Sở Tài chính"}};
    auto builtin = MessageTemplates::load_folder(dir.path());
    REQUIRE(builtin.ok());
    CHECK(builtin->render(NotificationKind::answer, context).subject == "Sở Tài chính báo cáo hoàn thành nhiệm vụ I.3");
    // The city's own wording, once it has all three.
    write_file(dir / "answer.subject.txt", "Ý kiến của {{agency}} về nhiệm vụ {{task.code}}");
    auto partial = MessageTemplates::load_folder(dir.path());
    REQUIRE_FALSE(partial.ok());
    CHECK(partial.error().message == (dir / "answer.txt").string() + ": cannot open: No such file or directory");
    write_file(dir / "answer.txt", "Gửi {{to}}");
    write_file(dir / "answer.html", "<p>{{to}}</p>");
    auto own = MessageTemplates::load_folder(dir.path());
    REQUIRE(own.ok());
    CHECK(own->render(NotificationKind::answer, context).subject == "Ý kiến của Sở Tài chính về nhiệm vụ I.3");
}

TEST_CASE("the outbox of a database made before schema 0011 is kept whole and takes answers", "[answer_notice]") {
    TempDir dir;
    const auto path = dir / "old.db";
    {
        // The schema as it was through 0010, with a notification, its copy, two deliveries and an attempt.
        SQLite::Database old(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        old.exec("PRAGMA foreign_keys = ON");
        old.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "applied_at TEXT NOT NULL)");
        for (const char* name :
             {"schema/0001_initial.sql", "schema/0002_task_status.sql", "schema/0003_outbox.sql",
              "schema/0004_outbox_cancel.sql", "schema/0005_feed_tokens.sql", "schema/0006_delivery_progress.sql",
              "schema/0007_plan_version.sql", "schema/0008_answers.sql", "schema/0009_message_copies.sql",
              "schema/0010_answer_submissions.sql"}) {
            const auto sql = embedded_file(name);
            REQUIRE(sql);
            old.exec(std::string(*sql));
            old.exec(std::string("INSERT INTO schema_migrations VALUES (") + std::string(name).substr(7, 4) + ", '" + name + "', 'then')");
        }
        old.exec("INSERT INTO notifications (key, kind, task_code, agency, due_at, created_at, subject, "
                 "cancelled_because, answer_url) VALUES ('90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính', "
                 "'reminder', 'I.3', 'Sở Tài chính', 1, 2, 'Nhắc việc', NULL, 'https://nv.example/tra-loi/A'), "
                 "('90/KH-UBND/2026|I.3|-|reminder-3|Sở Tài chính', 'reminder', 'I.3', 'Sở Tài chính', 1, 2, "
                 "'Nhắc việc', 'task I.3 was marked done', '')");
        old.exec("INSERT INTO notification_copies (notification_id, agency, text_body, html_body, answer_url) "
                 "VALUES (1, 'Sở Nội vụ', 'bản sao', '<p>bản sao</p>', 'https://nv.example/tra-loi/B')");
        old.exec("INSERT INTO deliveries (notification_id, agency, channel, address, state, attempts, next_attempt_at, "
                 "updated_at) VALUES (1, 'Sở Tài chính', 'email', 'so-tai-chinh@haiphong.example', 'sent', 1, 3, 3), "
                 "(1, 'Sở Nội vụ', 'email', 'so-noi-vu@haiphong.example', 'pending', 0, 2, 2)");
        old.exec("INSERT INTO delivery_attempts (delivery_id, started_at, finished_at, outcome, detail) "
                 "VALUES (1, 3, 3, 'sent', '250 OK')");
    }
    auto db = Database::open(path);
    REQUIRE(db.ok());
    CHECK(count(*db, "SELECT COUNT(*) FROM schema_migrations WHERE version = 11") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM notifications WHERE id = 1 AND cancelled_because IS NULL AND "
                     "answer_url = 'https://nv.example/tra-loi/A'") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM notifications WHERE id = 2 AND "
                     "cancelled_because = 'task I.3 was marked done'") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM notification_copies WHERE notification_id = 1 AND "
                     "answer_url = 'https://nv.example/tra-loi/B'") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM deliveries WHERE notification_id = 1") == 2);
    CHECK(count(*db, "SELECT COUNT(*) FROM delivery_attempts WHERE delivery_id = 1 AND detail = '250 OK'") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
    // The index of due deliveries is there again.
    CHECK(count(*db, "SELECT COUNT(*) FROM deliveries INDEXED BY deliveries_due WHERE state IN ('pending', "
                     "'retrying') AND next_attempt_at <= 2") == 1);
    // The new kind is taken; an unknown one, a key twice and a copy of no notification are not.
    db->sql().exec("INSERT INTO notifications (key, kind, task_code, agency, due_at, created_at) "
                   "VALUES ('90/KH-UBND/2026|I.3|-|answer-1|Sở Tài chính', 'answer', 'I.3', 'Sở Tài chính', 5, 5)");
    CHECK_THROWS(db->sql().exec("INSERT INTO notifications (key, kind, task_code, agency, due_at, created_at) "
                                "VALUES ('k', 'approval', 'I.3', 'Sở Tài chính', 5, 5)"));
    CHECK_THROWS(db->sql().exec("INSERT INTO notifications (key, kind, task_code, agency, due_at, created_at) "
                                "VALUES ('90/KH-UBND/2026|I.3|-|answer-1|Sở Tài chính', 'answer', 'I.3', 'X', 5, 5)"));
    CHECK_THROWS(db->sql().exec("INSERT INTO notification_copies (notification_id, agency, text_body, html_body) "
                                "VALUES (99, 'X', '', '')"));
}

TEST_CASE("/metrics counts the message of an answer under its own kind", "[answer_notice]") {
    ApiFixture f;
    auto state = app::load_plan_state(*f.db, f.setup->config, f.setup->directory);
    REQUIRE(state.ok());
    const size_t i3 = *app::find_task(*state, "I.3", std::nullopt);
    auto id = app::submit_answer(*f.db, *f.setup, *state, i3, "", "Sở Tài chính", AgencyRole::lead,
                                 extension(d("2027-06-30"), "Chờ ý kiến của Bộ Tài chính"), f.clock.now());
    REQUIRE(id.ok());
    REQUIRE(std::holds_alternative<int64_t>(*id));
    const HttpResponse metrics = f.handle("GET", "/metrics", "", "");
    CHECK(metrics.status == 200);
    CHECK(metrics.body.find("\nnhacviec_deliveries{kind=\"answer\",state=\"pending\"} 1\n") != std::string::npos);
}
