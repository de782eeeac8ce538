// The monitoring agency's decisions (app/decisions): confirming and returning
// a reported completion, refusing an extension request, recording a status by
// hand; each written in one transaction with the account's name, refused in
// Vietnamese (naming the field) with nothing written, and the agency told by
// mail (outbox/decision_entry, config/templates/decision.*) when its report is
// returned or its request refused.
#include "app/decisions.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <sstream>

#include "answers/record_answer.h"
#include "app/answer_submission.h"
#include "app/delivery_pass.h"
#include "app/plan_snapshot.h"
#include "common/clock.h"
#include "common/embedded.h"
#include "content/notification_reference.h"
#include "links/answer_link.h"
#include "outbox/decision_entry.h"
#include "outbox/dispatcher.h"
#include "outbox/entry_builder.h"
#include "outbox/outbox_store.h"
#include "report/status_report.h"
#include "storage/reminder_pause_store.h"
#include "web/ics_feed.h"
#include "api_fixture.h"
#include "test_support.h"
#include "web_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;
using std::chrono::sys_seconds;

namespace {

sys_seconds at(const std::string& text) { return *parse_vietnam_time(text); }

int64_t count(Database& db, const std::string& sql) {
    SQLite::Statement s(db.sql(), sql);
    s.executeStep();
    return s.getColumn(0).getInt64();
}

size_t count_of(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

std::string text_of(Database& db, const std::string& sql) {
    SQLite::Statement s(db.sql(), sql);
    REQUIRE(s.executeStep());
    return s.getColumn(0).isNull() ? "NULL" : s.getColumn(0).getString();
}

Answer completion(Date done_on, std::string number, Date document_date) {
    Answer a;
    a.kind = AnswerKind::completion;
    a.done_on = done_on;
    a.document_number = std::move(number);
    a.document_date = document_date;
    a.via = AnswerVia::link;
    return a;
}

Answer extension(Date proposed, std::string reason) {
    Answer a;
    a.kind = AnswerKind::extension;
    a.proposed_due = proposed;
    a.reason = std::move(reason);
    a.via = AnswerVia::link;
    return a;
}

Account account(std::string name, AccountRole role, std::vector<std::string> plans = {}) {
    Account a;
    a.id = 1;
    a.name = std::move(name);
    a.role = role;
    a.plans = std::move(plans);
    return a;
}

// The seed in a database, with mail to a local mail folder and answer links
// under a public address, as the daemon loads it.
struct Fixture {
    TempDir dir;
    std::string db_path = (dir / "nv.db").string();
    std::shared_ptr<const ServiceSetup> setup;
    std::optional<Database> db;
    std::optional<app::PlanState> state;
    Account monitor = account("giam.sat", AccountRole::monitor);

    Fixture() {
        const std::string config_path = (dir / "c.toml").string();
        write_file(config_path, "[email]\nmaildir = \"" + (dir / "mail").string() +
                                    "\"\n[api]\npublic_url = \"https://nv.example\"\n");
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

    int64_t task_id(const std::string& code) { return state->tasks[index(code)].id; }

    // Records an answer of the task's lead agency; its id.
    int64_t answer(const std::string& code, const std::string& agency, Answer a, sys_seconds now,
                   const std::string& period = "") {
        const AgencyRole role = agency_role(state->tasks[index(code)].task, agency);
        auto id = app::submit_answer(*db, *setup, *state, index(code), period, agency, role, std::move(a), now);
        REQUIRE(id.ok());
        REQUIRE(std::holds_alternative<int64_t>(*id));
        reload();
        return std::get<int64_t>(*id);
    }

    // The outcome's message, "refused: …" / "forbidden: …" (with the field) for a refusal, or the error.
    std::string decide(const app::Decision& decision, sys_seconds now, const Account* as = nullptr,
                       OutboxCounts* counts = nullptr) {
        auto outcome = app::decide(*db, *setup, *state, as ? *as : monitor, decision, now, counts);
        if (!outcome) return "error: " + outcome.error().message;
        if (const auto* refusal = std::get_if<app::DecisionRefusal>(&*outcome))
            return std::string(refusal->forbidden ? "forbidden" : "refused") +
                   (refusal->field.empty() ? "" : "[" + refusal->field + "]") + ": " + refusal->message;
        return std::get<app::DecisionOutcome>(*outcome).message;
    }

    int64_t status_rows() { return count(*db, "SELECT COUNT(*) FROM status_changes"); }
    int64_t notifications() { return count(*db, "SELECT COUNT(*) FROM notifications"); }
    // The newest status row: "action status done_on by at | note".
    std::string last_status() {
        return text_of(*db, "SELECT action || ' ' || status || ' ' || COALESCE(done_on, '-') || ' ' || changed_by || "
                            "' ' || changed_at || ' | ' || note FROM status_changes ORDER BY id DESC LIMIT 1");
    }
    std::string decision_of(int64_t answer) {
        return text_of(*db, "SELECT COALESCE(completion_state, extension_state) || ' ' || COALESCE(decided_by, '-') || "
                            "' ' || COALESCE(decided_at, '-') || ' | ' || COALESCE(decision_note, '-') FROM answers "
                            "WHERE id = " + std::to_string(answer));
    }
};

}  // namespace

TEST_CASE("confirming a completion makes the task done on the reported day, by the account", "[decisions]") {
    Fixture f;
    const int64_t id = f.answer("I.3", "Sở Tài chính", completion(d("2026-09-30"), "125/BC-STC", d("2026-10-01")),
                                at("2026-10-05T09:12"));
    REQUIRE(f.state->scheduled[f.index("I.3")].status.awaiting_for("") != nullptr);
    const int64_t messages = f.notifications();

    CHECK(f.decide(app::ConfirmCompletion{id, "Đúng nội dung kế hoạch."}, at("2026-10-06T10:00")) ==
          "Đã xác nhận hoàn thành nhiệm vụ I.3.");
    CHECK(f.decision_of(id) == "confirmed giam.sat 2026-10-06T10:00:00+07:00 | Đúng nội dung kế hoạch.");
    CHECK(f.last_status() ==
          "done done 2026-09-30 giam.sat 2026-10-06T10:00:00+07:00 | Xác nhận hoàn thành theo báo cáo số 125/BC-STC "
          "ngày 01/10/2026 của Sở Tài chính.\nĐúng nội dung kế hoạch.");
    CHECK(f.notifications() == messages);  // the agency is not written to
    f.reload();
    const TaskStatus& status = f.state->scheduled[f.index("I.3")].status;
    CHECK(status.overall.status == WorkStatus::done);
    CHECK(status.overall.done_on == d("2026-09-30"));
    CHECK(status.awaiting_for("") == nullptr);

    // Decided once: a second decision on the same report is refused, and writes nothing.
    const int64_t rows = f.status_rows();
    CHECK(f.decide(app::ConfirmCompletion{id, ""}, at("2026-10-06T10:05")) ==
          "refused[answer_id]: Báo cáo hoàn thành nhiệm vụ I.3 đã được xác nhận (giam.sat lúc 10:00 ngày "
          "06/10/2026); không quyết định lại được.");
    CHECK(f.decide(app::ReturnCompletion{id, "Thiếu số liệu"}, at("2026-10-06T10:05")) ==
          "refused[answer_id]: Báo cáo hoàn thành nhiệm vụ I.3 đã được xác nhận (giam.sat lúc 10:00 ngày "
          "06/10/2026); không quyết định lại được.");
    CHECK(f.status_rows() == rows);
    CHECK(f.notifications() == messages);
}

TEST_CASE("a decision names what it is about, or refuses", "[decisions]") {
    Fixture f;
    const int64_t progress = [&] {
        Answer a;
        a.kind = AnswerKind::progress;
        a.note = "Đang làm";
        return f.answer("I.3", "Sở Tài chính", a, at("2026-10-05T09:12"));
    }();
    const int64_t rows = f.status_rows();
    // Table: decisions on answers that are not what they should be.
    CHECK(f.decide(app::ConfirmCompletion{99, ""}, at("2026-10-06T10:00")) ==
          "refused[answer_id]: Không có báo cáo hoàn thành số 99.");
    CHECK(f.decide(app::ConfirmCompletion{progress, ""}, at("2026-10-06T10:00")) ==
          "refused[answer_id]: Không có báo cáo hoàn thành số 1.");
    CHECK(f.decide(app::RefuseExtension{progress, "Không"}, at("2026-10-06T10:00")) ==
          "refused[answer_id]: Không có đề nghị gia hạn số 1.");
    CHECK(f.decide(app::SetStatus{424242, "done", {}, {}, ""}, at("2026-10-06T10:00")) ==
          "refused[task_id]: Không có nhiệm vụ số 424242 trong kế hoạch.");
    CHECK(f.status_rows() == rows);
}

TEST_CASE("a viewer may decide nothing, a monitor only on its plans", "[decisions]") {
    Fixture f;
    const int64_t id = f.answer("I.3", "Sở Tài chính", completion(d("2026-09-30"), "125/BC-STC", d("2026-10-01")),
                                at("2026-10-05T09:12"));
    const Account viewer = account("xem", AccountRole::viewer);
    const Account elsewhere = account("khac", AccountRole::monitor, {"12/KH-UBND"});
    const Account here = account("dung.ke.hoach", AccountRole::monitor, {"12/KH-UBND", "90/KH-UBND"});
    const Account admin = account("admin", AccountRole::admin, {"12/KH-UBND"});
    const sys_seconds now = at("2026-10-06T10:00");
    const app::SetStatus status{f.task_id("I.7"), "in-progress", {}, {}, ""};

    // Table: who is refused, whatever the decision.
    CHECK(f.decide(app::ConfirmCompletion{id, ""}, now, &viewer) ==
          "forbidden: Tài khoản xem chỉ có quyền xem, không được quyết định về nhiệm vụ.");
    CHECK(f.decide(app::ReturnCompletion{id, "Thiếu số liệu"}, now, &viewer) ==
          "forbidden: Tài khoản xem chỉ có quyền xem, không được quyết định về nhiệm vụ.");
    CHECK(f.decide(status, now, &viewer) ==
          "forbidden: Tài khoản xem chỉ có quyền xem, không được quyết định về nhiệm vụ.");
    CHECK(f.decide(app::ConfirmCompletion{id, ""}, now, &elsewhere) ==
          "forbidden: Tài khoản khac không được giao theo dõi Kế hoạch số 90/KH-UBND, nên không được quyết định về "
          "nhiệm vụ I.3.");
    CHECK(f.decide(status, now, &elsewhere) ==
          "forbidden: Tài khoản khac không được giao theo dõi Kế hoạch số 90/KH-UBND, nên không được quyết định về "
          "nhiệm vụ I.7.");
    Account disabled = here;
    disabled.disabled = true;
    CHECK(f.decide(status, now, &disabled) == "forbidden: Tài khoản dung.ke.hoach đã bị khóa.");
    CHECK(f.decision_of(id) == "awaiting - - | -");
    CHECK(f.status_rows() == 0);

    // A monitor of the plan, and an admin whatever its list, may.
    CHECK(f.decide(status, now, &here) == "Đã ghi trạng thái \"đang thực hiện\" cho nhiệm vụ I.7.");
    CHECK(f.decide(app::ConfirmCompletion{id, ""}, now, &admin) == "Đã xác nhận hoàn thành nhiệm vụ I.3.");
    CHECK(f.decision_of(id) == "confirmed admin 2026-10-06T10:00:00+07:00 | -");
}

TEST_CASE("returning a completion needs a reason, reopens the task and mails the agency its link", "[decisions]") {
    Fixture f;
    const int64_t id = f.answer("I.7", "Sở Nội vụ", completion(d("2026-09-28"), "45/BC-SNV", d("2026-09-29")),
                                at("2026-10-05T09:12"));
    const int64_t messages = f.notifications();

    // Table: reasons refused, with nothing written.
    CHECK(f.decide(app::ReturnCompletion{id, ""}, at("2026-10-06T10:00")) == "refused[reason]: Lý do: chưa nhập.");
    CHECK(f.decide(app::ReturnCompletion{id, "  \n "}, at("2026-10-06T10:00")) == "refused[reason]: Lý do: chưa nhập.");
    CHECK(f.decide(app::ReturnCompletion{id, "Thiếu\x1b[2J số liệu"}, at("2026-10-06T10:00")).rfind(
              "refused[reason]: Lý do: ", 0) == 0);
    CHECK(f.decide(app::ReturnCompletion{id, std::string(2001, 'x')}, at("2026-10-06T10:00")) ==
          "refused[reason]: Lý do: quá dài (2001 ký tự); tối đa 2000 ký tự.");
    CHECK(f.decision_of(id) == "awaiting - - | -");
    CHECK(f.notifications() == messages);
    CHECK(f.status_rows() == 0);

    OutboxCounts counts{{}};
    CHECK(f.decide(app::ReturnCompletion{id, " Thiếu phụ lục số liệu.\r\nĐề nghị bổ sung. "}, at("2026-10-06T10:00"),
                   nullptr, &counts) == "Đã trả lại báo cáo hoàn thành nhiệm vụ I.7; đã báo cho Sở Nội vụ.");
    CHECK(f.decision_of(id) ==
          "returned giam.sat 2026-10-06T10:00:00+07:00 | Thiếu phụ lục số liệu.\nĐề nghị bổ sung.");
    CHECK(f.last_status() ==
          "in_progress in_progress - giam.sat 2026-10-06T10:00:00+07:00 | Trả lại báo cáo hoàn thành số 45/BC-SNV "
          "ngày 29/09/2026 của Sở Nội vụ. Lý do: Thiếu phụ lục số liệu.\nĐề nghị bổ sung.");
    f.reload();
    const TaskStatus& status = f.state->scheduled[f.index("I.7")].status;
    CHECK(status.overall.status == WorkStatus::in_progress);
    CHECK(status.awaiting_for("") == nullptr);

    // The message to the agency, with its answer link.
    REQUIRE(f.notifications() == messages + 1);
    const std::string key = "90/KH-UBND/2026|I.7|-|decision-1|Sở Nội vụ";
    const std::string where = " FROM notifications WHERE kind = 'decision'";
    CHECK(text_of(*f.db, "SELECT key" + where) == key);
    CHECK(text_of(*f.db, "SELECT agency" + where) == "Sở Nội vụ");
    CHECK(text_of(*f.db, "SELECT subject" + where) == "Sở Tài chính trả lại báo cáo hoàn thành nhiệm vụ I.7");
    CHECK(count(*f.db, "SELECT due_at" + where) == at("2026-10-06T10:00").time_since_epoch().count());
    const std::string url = text_of(*f.db, "SELECT answer_url" + where);
    CHECK(url.rfind("https://nv.example/tra-loi/", 0) == 0);
    CHECK(url.size() == std::string("https://nv.example/tra-loi/").size() + 43);
    const std::string text = text_of(*f.db, "SELECT text_body" + where);
    const std::string reference = notification_reference(key);
    const std::string title = f.state->tasks[f.index("I.7")].task.title;
    CHECK(text == "Kính gửi: Sở Nội vụ\n\nSở Tài chính trả lại báo cáo hoàn thành của Sở Nội vụ về nhiệm vụ dưới đây "
                  "thuộc Kế hoạch số 90/KH-UBND ngày 20/03/2026:\n\nNhiệm vụ I.7: " +
                      title + "\nSản phẩm: " + f.state->tasks[f.index("I.7")].task.product +
                      "\nThời hạn: Quý IV/2026 (đến hết ngày 31/12/2026)\nCơ quan chủ trì: Sở Nội vụ\n\nBáo cáo bị trả "
                      "lại: văn bản số 45/BC-SNV ngày 29/09/2026, ngày hoàn thành 28/09/2026, gửi lúc 09:12 ngày "
                      "05/10/2026\nLý do: Thiếu phụ lục số liệu.\nĐề nghị bổ sung.\nThời gian quyết định: 10:00 ngày "
                      "06/10/2026\n\nNhiệm vụ I.7 trở lại trạng thái \"đang thực hiện\"; hệ thống tiếp tục gửi nhắc "
                      "hạn, cảnh báo theo thời hạn. Đề nghị Sở Nội vụ hoàn thiện và báo cáo lại.\n\nBáo cáo kết quả: " +
                      url + "\n\n--\nThư thông báo tự động của hệ thống nhắc việc nhacviec. Số tham chiếu: " +
                      reference + "\n");
    CHECK(text_of(*f.db, "SELECT mail_to" + where) == R"([{"address":"so-noi-vu@haiphong.example","name":"Sở Nội vụ"}])");
    CHECK(text_of(*f.db, "SELECT d.agency || ' ' || d.channel || ' ' || d.address || ' ' || d.state FROM deliveries d "
                         "JOIN notifications n ON n.id = d.notification_id WHERE n.kind = 'decision'") ==
          "Sở Nội vụ email so-noi-vu@haiphong.example pending");
    const std::string html = text_of(*f.db, "SELECT html_body" + where);
    CHECK(html.find("<a href=\"" + url + "\">" + url + "</a>") != std::string::npos);
    CHECK(html.find("<b>Thiếu phụ lục số liệu.\nĐề nghị bổ sung.</b>") != std::string::npos);
    const auto payload = nlohmann::json::parse(text_of(*f.db, "SELECT payload" + where));
    CHECK(payload["type"] == "nhacviec.decision");
    CHECK(payload["data"]["decision"] == nlohmann::json({{"answer_id", id},
                                                         {"kind", "returned"},
                                                         {"reason", "Thiếu phụ lục số liệu.\nĐề nghị bổ sung."},
                                                         {"by", "Sở Tài chính"},
                                                         {"decided_at", "2026-10-06T10:00:00+07:00"}}));
    CHECK(payload["data"]["answer_url"] == url);
    OutboxCounts::Values expected;
    expected.delivery("decision", "pending", 0, 1);
    CHECK(counts.values() == expected);

    // The link it carries is the agency's own for the task: the answer page takes it.
    auto token = parse_link_token(url.substr(url.size() - 43));
    REQUIRE(token.ok());
    CHECK(token->task_id == f.task_id("I.7"));
    CHECK(token->agency_slot == 0);
    CHECK(token->period == 0);
    CHECK(token->expires == add_days(d("2026-10-06"), f.setup->config.api.link_days));

    // The next delivery pass sends it to the mail folder.
    OutboxStore store(*f.db);
    FakeClock clock(at("2026-10-06T10:01"));
    Dispatcher dispatcher(store, f.setup->config.delivery, clock);
    auto pass = run_delivery_pass(*f.db, *f.setup, dispatcher, clock.now());
    REQUIRE(pass.ok());
    CHECK(text_of(*f.db, "SELECT d.state FROM deliveries d JOIN notifications n ON n.id = d.notification_id WHERE "
                         "n.kind = 'decision'") == "sent");
    size_t mails = 0;
    for (const auto& entry : std::filesystem::directory_iterator(f.dir / "mail" / "new")) {
        const std::string mail = read_file(entry.path());
        if (mail.find("Message-ID: " + notification_message_id(f.setup->config, key, at("2026-10-06T10:00"))) !=
            std::string::npos)
            ++mails;
    }
    CHECK(mails == 1);
}

TEST_CASE("refusing an extension request needs a reason, changes no deadline and tells the agency", "[decisions]") {
    Fixture f;
    const int64_t id = f.answer("I.7", "Sở Nội vụ", extension(d("2027-03-31"), "Chờ ý kiến của Bộ Nội vụ"),
                                at("2026-09-20T08:30"));
    CHECK(f.decide(app::RefuseExtension{id, ""}, at("2026-09-21T14:00")) == "refused[reason]: Lý do: chưa nhập.");
    CHECK(f.decision_of(id) == "open - - | -");
    const int64_t messages = f.notifications();

    CHECK(f.decide(app::RefuseExtension{id, "Nhiệm vụ cần hoàn thành đúng hạn."}, at("2026-09-21T14:00")) ==
          "Đã từ chối đề nghị gia hạn nhiệm vụ I.7; đã báo cho Sở Nội vụ.");
    CHECK(f.decision_of(id) == "refused giam.sat 2026-09-21T14:00:00+07:00 | Nhiệm vụ cần hoàn thành đúng hạn.");
    CHECK(f.status_rows() == 0);
    f.reload();
    CHECK(f.state->scheduled[f.index("I.7")].status.extensions.empty());
    CHECK(f.state->scheduled[f.index("I.7")].deadline.due == d("2026-12-31"));

    REQUIRE(f.notifications() == messages + 1);
    const std::string where = " FROM notifications WHERE kind = 'decision'";
    CHECK(text_of(*f.db, "SELECT key" + where) == "90/KH-UBND/2026|I.7|-|decision-1|Sở Nội vụ");
    CHECK(text_of(*f.db, "SELECT subject" + where) ==
          "Sở Tài chính không chấp thuận đề nghị gia hạn nhiệm vụ I.7");
    const std::string text = text_of(*f.db, "SELECT text_body" + where);
    CHECK(text.find("\nĐề nghị không được chấp thuận: gia hạn đến ngày 31/03/2027, gửi lúc 08:30 ngày 20/09/2026\nLý "
                    "do: Nhiệm vụ cần hoàn thành đúng hạn.\nThời gian quyết định: 14:00 ngày 21/09/2026\n\nThời hạn "
                    "của nhiệm vụ giữ nguyên. Đề nghị Sở Nội vụ tổ chức thực hiện, hoàn thành đúng thời hạn.\n\nBáo "
                    "cáo kết quả: https://nv.example/tra-loi/") != std::string::npos);
    CHECK(f.decide(app::RefuseExtension{id, "Lần nữa"}, at("2026-09-21T14:05")) ==
          "refused[answer_id]: Đề nghị gia hạn nhiệm vụ I.7 đã bị từ chối (giam.sat lúc 14:00 ngày 21/09/2026); "
          "không quyết định lại được.");
}

TEST_CASE("a status recorded by hand carries the account's name, with refusals in Vietnamese", "[decisions]") {
    Fixture f;
    const sys_seconds now = at("2026-10-06T10:00");
    const int64_t i3 = f.task_id("I.3");
    CHECK(f.decide(app::SetStatus{i3, "done", std::string("2026-10-02"), {}, "Theo công văn 12/STC"}, now) ==
          "Đã ghi trạng thái \"hoàn thành\" cho nhiệm vụ I.3.");
    CHECK(f.last_status() == "done done 2026-10-02 giam.sat 2026-10-06T10:00:00+07:00 | Theo công văn 12/STC");
    CHECK(f.decide(app::SetStatus{i3, "reopen", {}, {}, ""}, now) ==
          "Đã ghi trạng thái \"mở lại, đang thực hiện\" cho nhiệm vụ I.3.");
    CHECK(f.last_status() == "reopen in_progress - giam.sat 2026-10-06T10:00:00+07:00 | ");

    // Table: requests refused, each naming its field.
    const int64_t rows = f.status_rows();
    CHECK(f.decide(app::SetStatus{i3, "finished", {}, {}, ""}, now) ==
          "refused[action]: Trạng thái: không có trạng thái \"finished\".");
    CHECK(f.decide(app::SetStatus{i3, "in-progress", std::string("2026-10-02"), {}, ""}, now) ==
          "refused[date]: Ngày hoàn thành: chỉ ghi khi nhiệm vụ hoàn thành.");
    CHECK(f.decide(app::SetStatus{i3, "done", std::string("02/10/2026"), {}, ""}, now) ==
          "refused[date]: Ngày hoàn thành: \"02/10/2026\" không phải một ngày (YYYY-MM-DD).");
    CHECK(f.decide(app::SetStatus{i3, "done", std::string("2026-10-07"), {}, ""}, now) ==
          "refused[date]: Ngày hoàn thành: 07/10/2026 chưa đến.");
    CHECK(f.decide(app::SetStatus{i3, "done", std::string("2026-03-01"), {}, ""}, now) ==
          "refused[date]: Ngày hoàn thành: 01/03/2026 trước ngày ban hành Kế hoạch số 90/KH-UBND (20/03/2026).");
    CHECK(f.decide(app::SetStatus{i3, "done", {}, std::string("2026-Q3"), ""}, now) ==
          "refused[period]: Kỳ báo cáo: nhiệm vụ I.3 có một thời hạn, không theo kỳ.");
    CHECK(f.decide(app::SetStatus{i3, "waiting", {}, {}, ""}, now) ==
          "refused[action]: Trạng thái: nhiệm vụ I.3 không có điều kiện thực hiện để chờ.");
    CHECK(f.decide(app::SetStatus{i3, "done", {}, {}, "a\tb"}, now).rfind("refused[note]: Ghi chú: ", 0) == 0);
    CHECK(f.status_rows() == rows);
}

namespace {

// The lines of `nhacviec schedule` between two days that name task `code`.
std::string schedule_of(const Fixture& f, const std::string& code, const std::string& from, const std::string& to) {
    const auto run = run_cli({"--db", f.db_path, "schedule", "--from", from, "--to", to});
    REQUIRE(run.status == 0);
    std::string out;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);)
        // "  I.7  → …", or "  I.1 2026-Q4  → …" for a review period.
        if (line.find("  " + code + " ") != std::string::npos) out += line + "\n";
    return out;
}

}  // namespace

TEST_CASE("approving an extension moves the reminders and escalations; the original deadline stays", "[decisions]") {
    Fixture f;
    const int64_t id = f.answer("I.7", "Sở Nội vụ", extension(d("2027-03-31"), "Chờ ý kiến của Bộ Nội vụ"),
                                at("2026-11-20T08:30"));
    const std::string before = schedule_of(f, "I.7", "2026-11-25", "2027-04-30");
    CHECK(before.find("2026-12-31T08:00:00+07:00  reminder -0d  I.7") != std::string::npos);

    // Table: approvals refused, with nothing written.
    CHECK(f.decide(app::ApproveExtension{id, d("2026-12-31"), ""}, at("2026-11-21T09:00")) ==
          "refused[new_due]: Thời hạn mới: ngày 31/12/2026 không sau thời hạn hiện tại (31/12/2026).");
    CHECK(f.decide(app::ApproveExtension{id, d("2037-01-01"), ""}, at("2026-11-21T09:00")) ==
          "refused[new_due]: Thời hạn mới: ngày 01/01/2037 quá xa (muộn nhất 31/12/2036).");
    CHECK(f.decision_of(id) == "open - - | -");
    CHECK(count(*f.db, "SELECT COUNT(*) FROM deadline_changes") == 0);

    // Approved at the proposed date.
    CHECK(f.decide(app::ApproveExtension{id, {}, "Đồng ý theo đề nghị."}, at("2026-11-21T09:00")) ==
          "Đã gia hạn nhiệm vụ I.7 đến ngày 31/03/2027 (thời hạn cũ 31/12/2026).");
    CHECK(f.decision_of(id) == "approved giam.sat 2026-11-21T09:00:00+07:00 | Đồng ý theo đề nghị.");
    CHECK(text_of(*f.db, "SELECT task_id || ' ' || period || '|' || old_due || ' ' || new_due || ' ' || why || ' ' || "
                         "answer_id || ' ' || changed_by || ' ' || changed_at || ' | ' || note FROM deadline_changes") ==
          std::to_string(f.task_id("I.7")) +
              " |2026-12-31 2027-03-31 extension 1 giam.sat 2026-11-21T09:00:00+07:00 | Đồng ý theo đề nghị.");
    f.reload();
    const size_t i7 = f.index("I.7");
    // The plan's text stays; the day moves.
    CHECK(f.state->tasks[i7].task.deadline.text == "Quý IV/2026");
    CHECK(f.state->tasks[i7].task.deadline.due == d("2027-03-31"));
    CHECK(f.state->scheduled[i7].deadline.due == d("2027-03-31"));
    REQUIRE(f.state->scheduled[i7].status.deadline_moved != nullptr);
    CHECK(f.state->scheduled[i7].status.deadline_moved->original_due == d("2026-12-31"));
    CHECK(f.state->scheduled[i7].status.deadline_moved->extension);
    CHECK(f.state->scheduled[i7].status.extensions.empty());

    // `nhacviec schedule` plans the reminders and the escalations from the new date.
    CHECK(schedule_of(f, "I.7", "2026-11-25", "2027-04-30") ==
          "2027-03-01T08:00:00+07:00  reminder -30d  I.7  → Sở Nội vụ\n"
          "2027-03-17T08:00:00+07:00  reminder -14d  I.7  → Sở Nội vụ\n"
          "2027-03-24T08:00:00+07:00  reminder -7d  I.7  → Sở Nội vụ\n"
          "2027-03-26T08:00:00+07:00  reminder -3d  I.7  → Sở Nội vụ\n"
          "2027-03-30T08:00:00+07:00  reminder -1d  I.7  → Sở Nội vụ\n"
          "2027-03-31T08:00:00+07:00  reminder -0d  I.7  → Sở Nội vụ\n"
          "2027-04-01T08:00:00+07:00  escalation 1  I.7  → Sở Nội vụ\n"
          "2027-04-07T08:00:00+07:00  escalation 2  I.7  → Sở Nội vụ\n");

    // The report shows it extended, with its original deadline.
    const auto report = run_cli({"--db", f.db_path, "report", "--as-of", "2026-11-21"});
    REQUIRE(report.status == 0);
    CHECK(report.out.find("\nĐã gia hạn: 1\n") != std::string::npos);
    CHECK(report.out.find("\n  I.7  Quý IV/2026 (hạn 2027-03-31), đã gia hạn từ 2026-12-31\n") != std::string::npos);
    const auto json = run_cli({"--db", f.db_path, "report", "--as-of", "2026-11-21", "--json"});
    REQUIRE(json.status == 0);
    const auto parsed = nlohmann::json::parse(json.out);
    CHECK(parsed["extended"] == 1);
    CHECK(parsed["completions_confirmed"] == 0);
    CHECK(parsed["completions_returned"] == 0);
    for (const auto& category : parsed["categories"])
        for (const auto& task : category["tasks"])
            if (task["id"] == "I.7") {
                CHECK(category["key"] == "in_progress");
                CHECK(task["legal_due"] == "2027-03-31");
                CHECK(task["extended"] == true);
                CHECK(task["original_due"] == "2026-12-31");
            }
}

TEST_CASE("an extension of a task with no deadline, or of a period already done, is refused clearly", "[decisions]") {
    Fixture f;
    // II.5.13 has no deadline: a request for it cannot be approved.
    const int64_t none = f.answer("II.5.13", "Sở Tài chính", extension(d("2027-06-30"), "Chờ đề án"),
                                  at("2026-11-20T08:30"));
    CHECK(f.decide(app::ApproveExtension{none, {}, ""}, at("2026-11-21T09:00")) ==
          "refused[answer_id]: Nhiệm vụ II.5.13 chưa có thời hạn để gia hạn; hãy đặt thời hạn cho nhiệm vụ.");
    // I.1's quarter IV/2026, marked done by hand after the request came: nothing left to extend.
    const int64_t q4 = f.answer("I.1", "Sở Văn hóa, Thể thao và Du lịch", extension(d("2027-01-29"), "Chờ số liệu"),
                                at("2026-11-20T08:30"), "2026-Q4");
    REQUIRE(f.decide(app::SetStatus{f.task_id("I.1"), "done", std::string("2026-11-20"), std::string("2026-Q4"), ""},
                     at("2026-11-20T10:00")) == "Đã ghi trạng thái \"hoàn thành\" cho nhiệm vụ I.1 kỳ quý IV/2026.");
    f.reload();
    CHECK(f.decide(app::ApproveExtension{q4, {}, ""}, at("2026-11-21T09:00")) ==
          "refused[answer_id]: Nhiệm vụ I.1 kỳ quý IV/2026 đã hoàn thành (ngày 20/11/2026); không cần gia hạn.");
    CHECK(count(*f.db, "SELECT COUNT(*) FROM deadline_changes") == 0);
    CHECK(f.decision_of(none) == "open - - | -");
    CHECK(f.decision_of(q4) == "open - - | -");
}

TEST_CASE("approving the extension of one review period moves that period's review only", "[decisions]") {
    Fixture f;
    const std::string lead = "Sở Văn hóa, Thể thao và Du lịch";
    // I.1 ("Thường xuyên") is reviewed every quarter; its lead asks to report quarter IV/2026 by 29/01/2027.
    const int64_t id =
        f.answer("I.1", lead, extension(d("2027-01-29"), "Chờ số liệu quyết toán năm"), at("2026-11-20T08:30"), "2026-Q4");
    // Review reminders 14 and 3 days before, and on the day: quarter IV/2026 due Thursday 31/12/2026, quarter I/2027
    // due Wednesday 31/03/2027 (Sunday 28/03 gives way to Friday 26/03).
    const std::string q1_2027 = "2027-03-17T08:00:00+07:00  review -14d  I.1 2027-Q1  → " + lead + "\n"
                                "2027-03-26T08:00:00+07:00  review -3d  I.1 2027-Q1  → " + lead + "\n"
                                "2027-03-31T08:00:00+07:00  review -0d  I.1 2027-Q1  → " + lead + "\n";
    CHECK(schedule_of(f, "I.1", "2026-12-01", "2027-04-10") ==
          "2026-12-17T08:00:00+07:00  review -14d  I.1 2026-Q4  → " + lead + "\n"
          "2026-12-28T08:00:00+07:00  review -3d  I.1 2026-Q4  → " + lead + "\n"
          "2026-12-31T08:00:00+07:00  review -0d  I.1 2026-Q4  → " + lead + "\n" + q1_2027);

    // Table: approvals refused, with nothing written.
    CHECK(f.decide(app::ApproveExtension{id, d("2026-12-31"), ""}, at("2026-11-21T09:00")) ==
          "refused[new_due]: Thời hạn mới: ngày 31/12/2026 không sau hạn báo cáo hiện tại của kỳ quý IV/2026 "
          "(31/12/2026).");
    CHECK(f.decide(app::ApproveExtension{id, d("2037-01-01"), ""}, at("2026-11-21T09:00")) ==
          "refused[new_due]: Thời hạn mới: ngày 01/01/2037 quá xa (muộn nhất 31/12/2036).");
    CHECK(count(*f.db, "SELECT COUNT(*) FROM deadline_changes") == 0);
    CHECK(f.decision_of(id) == "open - - | -");

    CHECK(f.decide(app::ApproveExtension{id, {}, "Đồng ý."}, at("2026-11-21T09:00")) ==
          "Đã gia hạn nhiệm vụ I.1 kỳ quý IV/2026 đến ngày 29/01/2027 (hạn báo cáo cũ 31/12/2026).");
    CHECK(f.decision_of(id) == "approved giam.sat 2026-11-21T09:00:00+07:00 | Đồng ý.");
    CHECK(text_of(*f.db, "SELECT task_id || ' ' || period || '|' || old_due || ' ' || new_due || ' ' || why || ' ' || "
                         "answer_id || ' ' || changed_by || ' ' || changed_at || ' | ' || note FROM deadline_changes") ==
          std::to_string(f.task_id("I.1")) +
              " 2026-Q4|2026-12-31 2027-01-29 extension " + std::to_string(id) +
              " giam.sat 2026-11-21T09:00:00+07:00 | Đồng ý.");
    f.reload();
    const size_t i1 = f.index("I.1");
    const ScheduledTask& scheduled = f.state->scheduled[i1];
    // The task's own deadline is as written; only the period moved, and it remembers its date before.
    CHECK(scheduled.status.deadline_moved == nullptr);
    CHECK(f.state->tasks[i1].task.deadline.kind == DeadlineKind::recurring);
    REQUIRE(scheduled.status.period_moved("2026-Q4") != nullptr);
    CHECK(scheduled.status.period_moved("2026-Q4")->due == d("2027-01-29"));
    CHECK(scheduled.status.period_moved("2026-Q4")->original_due == d("2026-12-31"));
    CHECK(scheduled.status.period_moved("2026-Q3") == nullptr);
    CHECK(scheduled.status.extensions.empty());

    // `nhacviec schedule`: quarter IV/2026 reviewed before Friday 29/01/2027 (on Friday 15/01, Tuesday 26/01 and
    // the day), quarter I/2027 as before.
    CHECK(schedule_of(f, "I.1", "2026-12-01", "2027-04-10") ==
          "2027-01-15T08:00:00+07:00  review -14d  I.1 2026-Q4  → " + lead + "\n"
          "2027-01-26T08:00:00+07:00  review -3d  I.1 2026-Q4  → " + lead + "\n"
          "2027-01-29T08:00:00+07:00  review -0d  I.1 2026-Q4  → " + lead + "\n" + q1_2027);
    // Other periods keep the rules' dates; the next review is the moved one until it has passed.
    CHECK(review_date(scheduled, *parse_period("2026-Q3"), 0) == d("2026-09-30"));
    CHECK(review_date(scheduled, *parse_period("2026-Q4"), 0) == d("2027-01-29"));
    CHECK(review_date(scheduled, *parse_period("2027-Q1"), 0) == d("2027-03-31"));
    CHECK(next_review(scheduled, f.setup->config.schedule, d("2026-12-01")) == d("2027-01-29"));
    CHECK(next_review(scheduled, f.setup->config.schedule, d("2027-01-30")) == d("2027-03-31"));

    // The report: extended, with the period's date before; quarter III/2026 the latest review that came due.
    const auto report = run_cli({"--db", f.db_path, "report", "--as-of", "2027-01-05"});
    REQUIRE(report.status == 0);
    CHECK(report.out.find("\nĐã gia hạn: 1\n") != std::string::npos);
    CHECK(report.out.find("\n  I.1  Thường xuyên, đã gia hạn kỳ 2026-Q4 từ 2026-12-31 đến 2027-01-29, chưa báo cáo "
                          "kỳ 2026-Q3\n") != std::string::npos);
    const auto json = nlohmann::json::parse(run_cli({"--db", f.db_path, "report", "--as-of", "2027-01-05", "--json"}).out);
    CHECK(json["extended"] == 1);
    for (const auto& category : json["categories"])
        for (const auto& task : category["tasks"])
            if (task["id"] == "I.1") {
                CHECK(category["key"] == "ongoing");
                CHECK(task["latest_review"] == "2026-Q3");
                CHECK(task["extended"] == true);
                CHECK(task["original_due"] == "2026-12-31");
                CHECK(task["extended_period"] == "2026-Q4");
                CHECK(task["extended_due"] == "2027-01-29");
            }

    // Quarter IV/2026 done on 20/01/2027: on time by its moved date, not late by the rules' 31/12/2026.
    REQUIRE(f.decide(app::SetStatus{f.task_id("I.1"), "done", std::string("2027-01-20"), std::string("2026-Q4"), ""},
                     at("2027-02-10T09:00")) == "Đã ghi trạng thái \"hoàn thành\" cho nhiệm vụ I.1 kỳ quý IV/2026.");
    f.reload();
    const StatusReport later =
        build_report(f.state->scheduled, f.setup->config.schedule, f.setup->calendar, d("2027-02-10"));
    CHECK(later.entries[i1].review_period == "2026-Q4");
    CHECK(later.entries[i1].review == ReviewOutcome::on_time);
    CHECK(later.entries[i1].extended_from == d("2026-12-31"));
    CHECK(later.entries[i1].extended_period == pack_period(*parse_period("2026-Q4")));
    CHECK(later.extended() == 1);
    // While quarter IV/2026 runs, quarter III/2026 (nothing moved) is the latest review, judged by its own date; the
    // extension shown is the running quarter's.
    const StatusReport earlier =
        build_report(f.state->scheduled, f.setup->config.schedule, f.setup->calendar, d("2026-10-20"));
    CHECK(earlier.entries[i1].review_period == "2026-Q3");
    CHECK(earlier.entries[i1].review == ReviewOutcome::missing);
    CHECK(earlier.entries[i1].extended_from == d("2026-12-31"));
    CHECK(earlier.entries[i1].extended_period == pack_period(*parse_period("2026-Q4")));

    // The lead's calendar: the quarterly reviews by their rule, and quarter IV/2026's occurrence on its new day; the
    // feed as calendar applications read it.
    auto feed = web::agency_calendar(*f.state, f.setup->config, f.setup->directory, f.setup->calendar, lead,
                                     at("2027-02-10T09:00"));
    REQUIRE(feed.ok());
    CHECK(count_of(*feed, "UID:90-KH-UBND-2026.I.1.review@nhacviec\r\n") == 2);
    CHECK(feed->find("RECURRENCE-ID;VALUE=DATE:20261231\r\nDTSTART;VALUE=DATE:20270129\r\nDTEND;VALUE=DATE:"
                     "20270130\r\n") != std::string::npos);
    const std::string ics = (f.dir / "lead.ics").string();
    write_file(ics, *feed);
    const ProcessResult checked = run_web_script("validate_ics.py", {ics});
    INFO(checked.err);
    CHECK(checked.status == 0);

    // `nhacviec status I.1` tells the period's move.
    const auto status = run_cli({"--db", f.db_path, "status", "I.1"});
    REQUIRE(status.status == 0);
    CHECK(status.out.find("\n  2026-11-21T09:00:00+07:00  giam.sat  extended period 2026-Q4 2026-12-31 -> 2027-01-29 "
                          "(request " + std::to_string(id) + "): Đồng ý.\n") != std::string::npos);
}

TEST_CASE("the yearly progress review of a multi-year period is extended alone; the deadline stays", "[decisions]") {
    Fixture f;
    // II.5.14 ("Giai đoạn 2026 - 2030", due 31/12/2030) has a progress review each year; its lead asks for 2026's
    // to be reported by 29/01/2027.
    const int64_t id = f.answer("II.5.14", "Sở Tài chính", extension(d("2027-01-29"), "Chờ số liệu cả năm"),
                                at("2026-11-20T08:30"), "2026");
    CHECK(schedule_of(f, "II.5.14", "2026-12-01", "2027-02-10") ==
          "2026-12-17T08:00:00+07:00  review -14d  II.5.14 2026  → Sở Tài chính\n"
          "2026-12-28T08:00:00+07:00  review -3d  II.5.14 2026  → Sở Tài chính\n"
          "2026-12-31T08:00:00+07:00  review -0d  II.5.14 2026  → Sở Tài chính\n");
    CHECK(f.decide(app::ApproveExtension{id, {}, ""}, at("2026-11-21T09:00")) ==
          "Đã gia hạn nhiệm vụ II.5.14 kỳ năm 2026 đến ngày 29/01/2027 (hạn báo cáo cũ 31/12/2026).");
    f.reload();
    const ScheduledTask& scheduled = f.state->scheduled[f.index("II.5.14")];
    CHECK(scheduled.status.deadline_moved == nullptr);
    CHECK(scheduled.deadline.due == d("2030-12-31"));
    CHECK(schedule_of(f, "II.5.14", "2026-12-01", "2027-02-10") ==
          "2027-01-15T08:00:00+07:00  review -14d  II.5.14 2026  → Sở Tài chính\n"
          "2027-01-26T08:00:00+07:00  review -3d  II.5.14 2026  → Sở Tài chính\n"
          "2027-01-29T08:00:00+07:00  review -0d  II.5.14 2026  → Sở Tài chính\n");
    CHECK(next_review(scheduled, f.setup->config.schedule, d("2027-01-30")) == d("2027-12-31"));
    // The report keeps its deadline; the task is not counted extended.
    const StatusReport report =
        build_report(f.state->scheduled, f.setup->config.schedule, f.setup->calendar, d("2027-01-05"));
    CHECK(report.entries[f.index("II.5.14")].legal_due == d("2030-12-31"));
    CHECK(report.extended() == 0);
}

TEST_CASE("refusing the extension of one review period tells the agency the period", "[decisions]") {
    Fixture f;
    const std::string lead = "Sở Văn hóa, Thể thao và Du lịch";
    const int64_t id =
        f.answer("I.1", lead, extension(d("2027-01-29"), "Chờ số liệu quyết toán năm"), at("2026-11-20T08:30"), "2026-Q4");
    CHECK(f.decide(app::RefuseExtension{id, "Số liệu quý đã có."}, at("2026-11-21T09:00")) ==
          "Đã từ chối đề nghị gia hạn nhiệm vụ I.1 kỳ quý IV/2026; đã báo cho " + lead + ".");
    const std::string where = " FROM notifications WHERE kind = 'decision'";
    CHECK(text_of(*f.db, "SELECT key" + where) ==
          "90/KH-UBND/2026|I.1|2026-Q4|decision-" + std::to_string(id) + "|" + lead);
    CHECK(text_of(*f.db, "SELECT subject" + where) ==
          "Sở Tài chính không chấp thuận đề nghị gia hạn nhiệm vụ I.1 kỳ quý IV/2026");
    CHECK(count(*f.db, "SELECT COUNT(*) FROM deadline_changes") == 0);
    f.reload();
    CHECK(f.state->scheduled[f.index("I.1")].status.periods_moved == nullptr);
}

TEST_CASE("a deadline set for an undetermined task gets it reminders", "[decisions]") {
    Fixture f;
    const int64_t id = f.task_id("II.5.13");
    CHECK(schedule_of(f, "II.5.13", "2026-11-01", "2027-07-31") == "");
    // Table: refused deadlines.
    CHECK(f.decide(app::SetDeadline{f.task_id("I.3"), d("2027-06-30"), ""}, at("2026-11-21T09:00")) ==
          "refused[task_id]: Nhiệm vụ I.3 đã có thời hạn (Quý I/2026); chỉ đặt thời hạn cho nhiệm vụ chưa xác định "
          "thời hạn.");
    CHECK(f.decide(app::SetDeadline{id, d("2026-11-20"), ""}, at("2026-11-21T09:00")) ==
          "refused[due]: Thời hạn: ngày 20/11/2026 đã qua.");
    CHECK(f.decide(app::SetDeadline{id, d("2027-06-30"), "a\x07"}, at("2026-11-21T09:00")).rfind(
              "refused[note]: Ghi chú: ", 0) == 0);
    CHECK(count(*f.db, "SELECT COUNT(*) FROM deadline_changes") == 0);

    CHECK(f.decide(app::SetDeadline{id, d("2027-06-30"), "Theo Thông báo số 15/TB-UBND"}, at("2026-11-21T09:00")) ==
          "Đã đặt thời hạn nhiệm vụ II.5.13: ngày 30/06/2027.");
    CHECK(text_of(*f.db, "SELECT COALESCE(old_due, '-') || ' ' || new_due || ' ' || why || ' ' || "
                         "COALESCE(answer_id, '-') || ' ' || changed_by || ' | ' || note FROM deadline_changes") ==
          "- 2027-06-30 set - giam.sat | Theo Thông báo số 15/TB-UBND");
    f.reload();
    const size_t index = f.index("II.5.13");
    CHECK(f.state->tasks[index].task.deadline.text == "Trong từng giai đoạn");
    CHECK(f.state->scheduled[index].deadline.kind == DeadlineKind::fixed);
    CHECK(f.state->scheduled[index].deadline.due == d("2027-06-30"));
    CHECK(schedule_of(f, "II.5.13", "2026-11-01", "2027-07-31") ==
          "2027-05-31T08:00:00+07:00  reminder -30d  II.5.13  → Sở Tài chính\n"
          "2027-06-16T08:00:00+07:00  reminder -14d  II.5.13  → Sở Tài chính\n"
          "2027-06-23T08:00:00+07:00  reminder -7d  II.5.13  → Sở Tài chính\n"
          "2027-06-25T08:00:00+07:00  reminder -3d  II.5.13  → Sở Tài chính\n"
          "2027-06-29T08:00:00+07:00  reminder -1d  II.5.13  → Sở Tài chính\n"
          "2027-06-30T08:00:00+07:00  reminder -0d  II.5.13  → Sở Tài chính\n"
          "2027-07-01T08:00:00+07:00  escalation 1  II.5.13  → Sở Tài chính\n"
          "2027-07-07T08:00:00+07:00  escalation 2  II.5.13  → Sở Tài chính\n"
          "2027-07-30T08:00:00+07:00  escalation 3  II.5.13  → Sở Tài chính\n");
    // Not extended: the report puts it among the tasks with a deadline, without the mark.
    const auto report = run_cli({"--db", f.db_path, "report", "--as-of", "2026-11-21"});
    CHECK(report.out.find("\n  II.5.13  Trong từng giai đoạn (hạn 2027-06-30)\n") != std::string::npos);
    CHECK(report.out.find("Đã gia hạn") == std::string::npos);

    // Set once, it may be corrected.
    CHECK(f.decide(app::SetDeadline{id, d("2027-09-30"), ""}, at("2026-11-22T09:00")) ==
          "Đã đặt thời hạn nhiệm vụ II.5.13: ngày 30/09/2027.");
    CHECK(text_of(*f.db, "SELECT COALESCE(old_due, '-') || ' ' || new_due FROM deadline_changes ORDER BY id DESC") ==
          "2027-06-30 2027-09-30");
}

TEST_CASE("paused reminders plan nothing until resumed; pending ones are cancelled", "[decisions]") {
    Fixture f;
    const int64_t id = f.task_id("I.7");
    const std::string planned = schedule_of(f, "I.7", "2026-12-01", "2027-01-31");
    REQUIRE(!planned.empty());
    CHECK(f.decide(app::PauseReminders{id, true, ""}, at("2026-11-21T09:00")) == "refused[note]: Lý do: chưa nhập.");
    CHECK(f.decide(app::PauseReminders{id, false, ""}, at("2026-11-21T09:00")) ==
          "refused[paused]: Nhắc việc của nhiệm vụ I.7 không tạm dừng.");
    CHECK(f.decide(app::PauseReminders{id, true, "Chờ sắp xếp tổ chức bộ máy"}, at("2026-11-21T09:00")) ==
          "Đã tạm dừng nhắc hạn, cảnh báo của nhiệm vụ I.7.");
    f.reload();
    CHECK(f.state->scheduled[f.index("I.7")].status.reminders_paused);
    CHECK(schedule_of(f, "I.7", "2026-12-01", "2027-01-31") == "");
    CHECK(f.decide(app::PauseReminders{id, true, "Lần nữa"}, at("2026-11-21T09:05")) ==
          "refused[paused]: Nhắc việc của nhiệm vụ I.7 đang tạm dừng.");

    CHECK(f.decide(app::PauseReminders{id, false, ""}, at("2026-12-02T09:00")) ==
          "Đã tiếp tục nhắc hạn, cảnh báo của nhiệm vụ I.7.");
    f.reload();
    CHECK(!f.state->scheduled[f.index("I.7")].status.reminders_paused);
    CHECK(schedule_of(f, "I.7", "2026-12-01", "2027-01-31") == planned);
    // Both are kept, with who and when.
    auto history = ReminderPauseStore(*f.db).history(id);
    REQUIRE(history.ok());
    REQUIRE(history->size() == 2);
    CHECK((*history)[0].paused);
    CHECK((*history)[0].note == "Chờ sắp xếp tổ chức bộ máy");
    CHECK((*history)[0].changed_by == "giam.sat");
    CHECK((*history)[0].changed_at == "2026-11-21T09:00:00+07:00");
    CHECK(!(*history)[1].paused);
    CHECK((*history)[1].changed_at == "2026-12-02T09:00:00+07:00");
}

TEST_CASE("the report and the digest count confirmed, returned, extended and awaiting tasks", "[decisions]") {
    Fixture f;
    const int64_t i3 = f.answer("I.3", "Sở Tài chính", completion(d("2026-09-30"), "125/BC-STC", d("2026-10-01")),
                                at("2026-10-05T09:12"));
    const int64_t i7 = f.answer("I.7", "Sở Nội vụ", completion(d("2026-09-28"), "45/BC-SNV", d("2026-09-29")),
                                at("2026-10-05T09:12"));
    f.answer("II.1.1", "Sở Nông nghiệp và Môi trường", completion(d("2026-09-28"), "7/BC-SNNMT", d("2026-09-29")),
             at("2026-10-05T09:12"));
    const int64_t ext = f.answer("I.7", "Sở Nội vụ", extension(d("2027-03-31"), "Chờ ý kiến của Bộ"),
                                 at("2026-10-05T09:20"));
    REQUIRE(f.decide(app::ConfirmCompletion{i3, ""}, at("2026-10-06T10:00")) == "Đã xác nhận hoàn thành nhiệm vụ I.3.");
    REQUIRE(f.decide(app::ReturnCompletion{i7, "Thiếu số liệu"}, at("2026-10-06T10:00")) ==
            "Đã trả lại báo cáo hoàn thành nhiệm vụ I.7; đã báo cho Sở Nội vụ.");
    f.reload();
    REQUIRE(f.decide(app::ApproveExtension{ext, {}, ""}, at("2026-10-06T10:05")) ==
            "Đã gia hạn nhiệm vụ I.7 đến ngày 31/03/2027 (thời hạn cũ 31/12/2026).");
    f.reload();

    const StatusReport report =
        build_report(f.state->scheduled, f.setup->config.schedule, f.setup->calendar, d("2026-10-06"));
    CHECK(report.awaiting_confirmation() == 1);  // II.1.1
    CHECK(report.confirmed() == 1);              // I.3
    CHECK(report.returned() == 1);               // I.7
    CHECK(report.extended() == 1);               // I.7
    const auto text = run_cli({"--db", f.db_path, "report", "--as-of", "2026-10-06"});
    CHECK(text.out.find("\nĐã báo cáo hoàn thành, chờ xác nhận: 1\nĐã xác nhận hoàn thành: 1\nBáo cáo hoàn thành bị "
                        "trả lại: 1\nĐã gia hạn: 1\n") != std::string::npos);
    CHECK(text.out.find("\n  I.7  Quý IV/2026 (hạn 2027-03-31), đã gia hạn từ 2026-12-31, báo cáo hoàn thành bị trả "
                        "lại\n") != std::string::npos);
    const auto json = nlohmann::json::parse(run_cli({"--db", f.db_path, "report", "--as-of", "2026-10-06", "--json"}).out);
    CHECK(json["awaiting_confirmation"] == 1);
    CHECK(json["completions_confirmed"] == 1);
    CHECK(json["completions_returned"] == 1);
    CHECK(json["extended"] == 1);

    // The digest of the next Monday counts them too.
    const Date monday = d("2026-10-12");
    const Timeline timeline = plan_timeline(f.state->scheduled, *f.state->names, f.state->roles,
                                            f.setup->config.schedule, f.setup->calendar, monday, monday);
    const EntryBuilder builder(f.state->tasks, f.state->scheduled, f.setup->config, f.setup->directory,
                               f.setup->calendar, f.setup->templates);
    bool found = false;
    for (const auto& n : timeline.items) {
        if (n.kind != NotificationKind::digest) continue;
        const OutboxEntry entry = builder.build(timeline, n, monday, {});
        CHECK(entry.message.text.find("\nXử lý báo cáo của các cơ quan: 1 nhiệm vụ đã báo cáo hoàn thành, chờ xác nhận; 1 "
                                      "nhiệm vụ đã xác nhận hoàn thành; 1 nhiệm vụ có báo cáo hoàn thành bị trả lại; 1 "
                                      "nhiệm vụ đã gia hạn.\n") !=
              std::string::npos);
        found = true;
    }
    CHECK(found);
}

TEST_CASE("a snapshot takes one decided task again without a full rebuild", "[decisions]") {
    Fixture f;
    const int64_t ext = f.answer("I.7", "Sở Nội vụ", extension(d("2027-03-31"), "Chờ ý kiến của Bộ"),
                                 at("2026-10-05T09:20"));
    auto built = app::build_plan_snapshot(*f.db, f.setup, d("2026-10-06"));
    REQUIRE(built.ok());
    const std::shared_ptr<const app::PlanSnapshot> before = *built;
    const size_t i7 = f.index("I.7");
    REQUIRE(before->report.entries[i7].legal_due == d("2026-12-31"));
    CHECK(f.decide(app::ApproveExtension{ext, {}, ""}, at("2026-10-06T10:05")) ==
          "Đã gia hạn nhiệm vụ I.7 đến ngày 31/03/2027 (thời hạn cũ 31/12/2026).");
    auto version = app::read_plan_version(*f.db);
    REQUIRE(version.ok());
    auto after = app::snapshot_with_task(*f.db, *before, i7, *version);
    REQUIRE(after.ok());
    const app::PlanSnapshot& next = **after;
    CHECK(next.version == *version);
    CHECK(next.state->tasks[i7].task.deadline.due == d("2027-03-31"));
    CHECK(next.state->tasks[i7].task.deadline.text == "Quý IV/2026");
    CHECK(next.state->scheduled[i7].deadline.due == d("2027-03-31"));
    CHECK(next.report.entries[i7].legal_due == d("2027-03-31"));
    CHECK(next.report.entries[i7].extended_from == d("2026-12-31"));
    CHECK(next.report.entries[i7].extensions.empty());
    CHECK(next.counts.open_extensions == 0);
    // The same as a full read.
    auto full = app::build_plan_snapshot(*f.db, f.setup, d("2026-10-06"));
    REQUIRE(full.ok());
    CHECK((*full)->next_notification[i7] == next.next_notification[i7]);
    CHECK((*full)->report.entries[i7].category == next.report.entries[i7].category);
    CHECK((*full)->report.extended() == next.report.extended());
    // The snapshot it came from is as it was.
    CHECK(before->state->scheduled[i7].deadline.due == d("2026-12-31"));
    CHECK(!app::snapshot_with_task(*f.db, *before, 100000, *version).ok());
}

TEST_CASE("a delivery pass cancels what waits for a task whose reminders are paused", "[decisions]") {
    Fixture f;
    const auto deliver = [&](const std::string& now) {
        auto run = run_cli({"--config", (f.dir / "c.toml").string(), "--db", f.db_path, "deliver", "--now", now});
        INFO(run.out << run.err);
        REQUIRE(run.status == 0);
    };
    deliver("2026-10-05T08:00");
    // The latest escalation of I.3 waits for a retry.
    SQLite::Statement retry(f.db->sql(),
                            "UPDATE deliveries SET state = 'retrying', next_attempt_at = ? WHERE notification_id = "
                            "(SELECT MAX(id) FROM notifications WHERE key LIKE '90/KH-UBND/2026|I.3|-|escalation%')");
    retry.bind(1, static_cast<int64_t>(at("2026-10-05T09:30").time_since_epoch().count()));
    const int waiting = retry.exec();
    REQUIRE(waiting > 0);
    f.reload();
    REQUIRE(f.decide(app::PauseReminders{f.task_id("I.3"), true, "Đang rà soát lại nhiệm vụ"}, at("2026-10-05T09:00")) ==
            "Đã tạm dừng nhắc hạn, cảnh báo của nhiệm vụ I.3.");
    deliver("2026-10-05T10:00");
    CHECK(count(*f.db, "SELECT COUNT(*) FROM deliveries WHERE state = 'cancelled' AND last_error = 'the reminders of "
                       "task I.3 are paused by the monitoring agency'") == waiting);
}

TEST_CASE("`nhacviec status TASK` shows the deadline's moves and the pauses, with who and when", "[decisions]") {
    Fixture f;
    const int64_t ext = f.answer("I.7", "Sở Nội vụ", extension(d("2027-03-31"), "Chờ ý kiến của Bộ"),
                                 at("2026-10-05T09:20"));
    REQUIRE(f.decide(app::ApproveExtension{ext, d("2027-02-26"), "Gia hạn một phần"}, at("2026-10-06T10:05")) ==
            "Đã gia hạn nhiệm vụ I.7 đến ngày 26/02/2027 (thời hạn cũ 31/12/2026).");
    f.reload();
    REQUIRE(f.decide(app::PauseReminders{f.task_id("I.7"), true, "Chờ sắp xếp\nbộ máy"}, at("2026-10-07T08:00")) ==
            "Đã tạm dừng nhắc hạn, cảnh báo của nhiệm vụ I.7.");
    const auto run = run_cli({"--db", f.db_path, "status", "I.7"});
    REQUIRE(run.status == 0);
    const std::string shown = run.out.substr(run.out.find("deadline"));
    CHECK(shown ==
          "deadline (as written: Quý IV/2026):\n"
          "  2026-10-06T10:05:00+07:00  giam.sat  extended 2026-12-31 -> 2027-02-26 (request 1): Gia hạn một phần\n"
          "reminders:\n"
          "  2026-10-07T08:00:00+07:00  giam.sat  paused: Chờ sắp xếp\\nbộ máy\n");
}

TEST_CASE("`nhacviec tasks --json` shows a moved deadline with the original, and paused reminders", "[decisions]") {
    Fixture f;
    const auto task = [&](const std::string& code) {
        const auto run = run_cli({"--db", f.db_path, "tasks", "--json", "--as-of", "2026-11-21"});
        REQUIRE(run.status == 0);
        for (const auto& t : nlohmann::json::parse(run.out))
            if (t["id"] == code) return t;
        FAIL("no task " << code);
        return nlohmann::json();
    };
    CHECK(!task("II.5.13")["deadline"].contains("moved"));
    CHECK(!task("II.5.13")["status"].contains("reminders_paused"));
    REQUIRE(f.decide(app::SetDeadline{f.task_id("II.5.13"), d("2027-06-30"), ""}, at("2026-11-21T09:00")) ==
            "Đã đặt thời hạn nhiệm vụ II.5.13: ngày 30/06/2027.");
    f.reload();
    REQUIRE(f.decide(app::PauseReminders{f.task_id("II.5.13"), true, "Chờ đề án"}, at("2026-11-21T09:01")) ==
            "Đã tạm dừng nhắc hạn, cảnh báo của nhiệm vụ II.5.13.");
    const nlohmann::json t = task("II.5.13");
    CHECK(t["deadline"]["text"] == "Trong từng giai đoạn");
    CHECK(t["deadline"]["kind"] == "fixed");
    CHECK(t["deadline"]["due"] == "2027-06-30");
    CHECK(t["deadline"]["moved"] == nlohmann::json({{"why", "set"},
                                                    {"original_due", nullptr},
                                                    {"by", "giam.sat"},
                                                    {"at", "2026-11-21T09:00:00+07:00"}}));
    CHECK(t["status"]["reminders_paused"] == true);
}

TEST_CASE("the outbox of a database made before schema 0013 is kept whole and takes decisions", "[decisions]") {
    TempDir dir;
    const auto path = dir / "old.db";
    {
        // The schema as it was through 0012, with an answer's message, two deliveries and an attempt.
        SQLite::Database old(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        old.exec("PRAGMA foreign_keys = ON");
        old.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "applied_at TEXT NOT NULL)");
        for (const char* name :
             {"schema/0001_initial.sql", "schema/0002_task_status.sql", "schema/0003_outbox.sql",
              "schema/0004_outbox_cancel.sql", "schema/0005_feed_tokens.sql", "schema/0006_delivery_progress.sql",
              "schema/0007_plan_version.sql", "schema/0008_answers.sql", "schema/0009_message_copies.sql",
              "schema/0010_answer_submissions.sql", "schema/0011_answer_notifications.sql",
              "schema/0012_accounts.sql"}) {
            const auto sql = embedded_file(name);
            REQUIRE(sql);
            old.exec(std::string(*sql));
            old.exec(std::string("INSERT INTO schema_migrations VALUES (") + std::string(name).substr(7, 4) + ", '" +
                     name + "', 'then')");
        }
        old.exec("INSERT INTO notifications (key, kind, task_code, agency, due_at, created_at, subject, answer_url) "
                 "VALUES ('90/KH-UBND/2026|I.3|-|answer-1|Sở Tài chính', 'answer', 'I.3', 'Sở Tài chính', 1, 2, "
                 "'Sở Tài chính báo cáo hoàn thành nhiệm vụ I.3', '')");
        old.exec("INSERT INTO deliveries (notification_id, agency, channel, address, state, attempts, next_attempt_at, "
                 "updated_at) VALUES (1, 'Sở Tài chính', 'email', 'so-tai-chinh@haiphong.example', 'sent', 1, 3, 3), "
                 "(1, 'Sở Tài chính', 'webhook', 'https://stc.example/hook', 'retrying', 1, 9, 3)");
        old.exec("INSERT INTO delivery_attempts (delivery_id, started_at, finished_at, outcome, detail) "
                 "VALUES (1, 3, 3, 'sent', '250 OK')");
    }
    auto db = Database::open(path);
    REQUIRE(db.ok());
    CHECK(count(*db, "SELECT COUNT(*) FROM schema_migrations WHERE version = 13") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM notifications WHERE id = 1 AND kind = 'answer' AND subject = 'Sở Tài "
                     "chính báo cáo hoàn thành nhiệm vụ I.3'") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM deliveries WHERE notification_id = 1") == 2);
    CHECK(count(*db, "SELECT COUNT(*) FROM delivery_attempts WHERE delivery_id = 1 AND detail = '250 OK'") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
    CHECK(count(*db, "SELECT COUNT(*) FROM deliveries INDEXED BY deliveries_due WHERE state IN ('pending', "
                     "'retrying') AND next_attempt_at <= 9") == 1);
    // The new kind is taken, an unknown one is not.
    db->sql().exec("INSERT INTO notifications (key, kind, task_code, agency, due_at, created_at) "
                   "VALUES ('90/KH-UBND/2026|I.3|-|decision-1|Sở Tài chính', 'decision', 'I.3', 'Sở Tài chính', 5, 5)");
    CHECK_THROWS(db->sql().exec("INSERT INTO notifications (key, kind, task_code, agency, due_at, created_at) "
                                "VALUES ('k', 'approval', 'I.3', 'Sở Tài chính', 5, 5)"));
    // The new tables move the plan's change counter, and keep their rules.
    db->sql().exec("INSERT INTO plans (id, number, year, title, source_name, imported_at) VALUES "
                   "(1, '90/KH-UBND', 2026, 'x', 'x', 'then')");
    db->sql().exec("INSERT INTO tasks (id, plan_id, code, position, section_title, title, product, deadline_text, "
                   "deadline_kind) VALUES (1, 1, 'I.3', 1, 'x', 'x', 'x', 'Quý I/2026', 'fixed')");
    const int64_t version = count(*db, "SELECT version FROM plan_version");
    db->sql().exec("INSERT INTO deadline_changes (task_id, new_due, why, changed_by, changed_at) VALUES "
                   "(1, '2027-06-30', 'set', 'giam.sat', 'now')");
    db->sql().exec("INSERT INTO reminder_pauses (task_id, paused, changed_by, changed_at) VALUES "
                   "(1, 1, 'giam.sat', 'now')");
    CHECK(count(*db, "SELECT version FROM plan_version") == version + 2);
    // Table: rows the constraints refuse.
    CHECK_THROWS(db->sql().exec("INSERT INTO deadline_changes (task_id, new_due, why, changed_by, changed_at) VALUES "
                                "(1, '2027-06-30', 'extension', 'giam.sat', 'now')"));  // an extension names its request
    CHECK_THROWS(db->sql().exec("INSERT INTO deadline_changes (task_id, new_due, why, changed_by, changed_at) VALUES "
                                "(1, '2027-06-30', 'moved', 'giam.sat', 'now')"));  // an unknown why
    CHECK_THROWS(db->sql().exec("INSERT INTO reminder_pauses (task_id, paused, changed_by, changed_at) VALUES "
                                "(1, 1, '', 'now')"));  // nobody
    CHECK_THROWS(db->sql().exec("INSERT INTO reminder_pauses (task_id, paused, changed_by, changed_at) VALUES "
                                "(1, 2, 'giam.sat', 'now')"));  // not a flag
}

TEST_CASE("a decision that cannot be written in whole writes nothing", "[decisions]") {
    Fixture f;
    const int64_t id = f.answer("I.7", "Sở Nội vụ", completion(d("2026-09-28"), "45/BC-SNV", d("2026-09-29")),
                                at("2026-10-05T09:12"));
    const int64_t rows = f.status_rows(), messages = f.notifications();
    SECTION("the message cannot be written: the report is not returned either") {
        f.db->sql().exec(
            "CREATE TEMP TRIGGER refuse BEFORE INSERT ON notifications BEGIN SELECT RAISE(ABORT, 'full'); END");
        CHECK(f.decide(app::ReturnCompletion{id, "Thiếu số liệu"}, at("2026-10-06T10:00")) ==
              "error: the message to Sở Nội vụ about the decision could not be written to the outbox");
    }
    SECTION("the status row cannot be written: the report stays awaiting") {
        f.db->sql().exec(
            "CREATE TEMP TRIGGER refuse BEFORE INSERT ON status_changes BEGIN SELECT RAISE(ABORT, 'full'); END");
        CHECK(f.decide(app::ConfirmCompletion{id, ""}, at("2026-10-06T10:00")) ==
              "error: " + f.db_path + ": database error: full");
        CHECK(f.decide(app::ReturnCompletion{id, "Thiếu số liệu"}, at("2026-10-06T10:00")) ==
              "error: " + f.db_path + ": database error: full");
    }
    CHECK(f.decision_of(id) == "awaiting - - | -");
    CHECK(f.status_rows() == rows);
    CHECK(f.notifications() == messages);
}

TEST_CASE("a completion of one review period is confirmed or returned for that period", "[decisions]") {
    Fixture f;
    const std::string lead = "Sở Văn hóa, Thể thao và Du lịch";
    const int64_t q3 = f.answer("I.1", lead, completion(d("2026-09-30"), "12/BC-SVHTTDL", d("2026-10-02")),
                                at("2026-10-05T09:12"), "2026-Q3");
    const int64_t q2 = f.answer("I.1", lead, completion(d("2026-06-30"), "8/BC-SVHTTDL", d("2026-07-02")),
                                at("2026-10-05T09:13"), "2026-Q2");
    CHECK(f.decide(app::ConfirmCompletion{q3, ""}, at("2026-10-06T10:00")) ==
          "Đã xác nhận hoàn thành nhiệm vụ I.1 kỳ quý III/2026.");
    CHECK(f.last_status() ==
          "done done 2026-09-30 giam.sat 2026-10-06T10:00:00+07:00 | Xác nhận hoàn thành theo báo cáo số "
          "12/BC-SVHTTDL ngày 02/10/2026 của Sở Văn hóa, Thể thao và Du lịch.");
    CHECK(text_of(*f.db, "SELECT period FROM status_changes ORDER BY id DESC LIMIT 1") == "2026-Q3");
    CHECK(f.decide(app::ReturnCompletion{q2, "Số liệu quý II chưa đủ"}, at("2026-10-06T10:01")) ==
          "Đã trả lại báo cáo hoàn thành nhiệm vụ I.1 kỳ quý II/2026; đã báo cho Sở Văn hóa, Thể thao và Du lịch.");
    CHECK(text_of(*f.db, "SELECT period || ' ' || status FROM status_changes ORDER BY id DESC LIMIT 1") ==
          "2026-Q2 in_progress");
    const std::string where = " FROM notifications WHERE kind = 'decision'";
    CHECK(text_of(*f.db, "SELECT key" + where) == "90/KH-UBND/2026|I.1|2026-Q2|decision-2|" + lead);
    CHECK(text_of(*f.db, "SELECT subject" + where) ==
          "Sở Tài chính trả lại báo cáo hoàn thành nhiệm vụ I.1 kỳ quý II/2026");
    // Its link is for that period.
    const std::string url = text_of(*f.db, "SELECT answer_url" + where);
    auto token = parse_link_token(url.substr(url.size() - 43));
    REQUIRE(token.ok());
    CHECK(token->period == pack_period(*parse_period("2026-Q2")));
    f.reload();
    const TaskStatus& status = f.state->scheduled[f.index("I.1")].status;
    CHECK(status.period("2026-Q3").status == WorkStatus::done);
    CHECK(status.period("2026-Q2").status == WorkStatus::in_progress);
    CHECK(status.completions_confirmed == 1);
    CHECK(status.completions_returned == 1);
}
