// Answer links in messages (outbox/answer_links.h, EntryBuilder): each
// agency's copy of a reminder, review reminder and escalation carries its own
// link and no other agency's; where links point under each configuration;
// the short reference; `nhacviec links rotate` and the warning of `check`.
#include <catch2/catch.hpp>

#include <fstream>

#include <SQLiteCpp/Statement.h>

#include "content/notification_reference.h"
#include "links/link_secret.h"
#include "outbox/answer_links.h"
#include "outbox/entry_builder.h"
#include "outbox/outbox_store.h"
#include "seed_fixture.h"

using namespace nhacviec;
using namespace nhacviec::testing;

namespace {

Date d(const char* iso) { return *parse_iso_date(iso); }

const LinkSecret kSecret{std::string(32, 'k')};

// The seed's notifications with links under https://nv.example, valid 120 days.
struct Linked {
    Seed seed;
    MessageTemplates templates = *MessageTemplates::load_embedded();
    AnswerLinks links{kSecret, "https://nv.example", 120};

    // The entry of the notification with `key`, the first planned in [from,
    // to], and the subject of the link of each of its task's agencies.
    struct Built {
        OutboxEntry entry;
        std::vector<LinkSubject> subjects;  // lead, then cooperating agencies
        Date planned;
    };
    Built build(const std::string& key, Date from, Date to) {
        const auto& s = seed.state;
        const Timeline t = plan_timeline(s.scheduled, *s.names, s.roles, seed.config.schedule, seed.calendar, from, to);
        const EntryBuilder builder(s.tasks, s.scheduled, seed.config, seed.directory, seed.calendar, templates, &links);
        for (const auto& n : t.items) {
            if (t.key(n) != key) continue;
            Built b;
            b.entry = builder.build(t, n, n.date(), {});
            b.planned = n.date();
            const ScheduledTask& task = *t.task(n);
            std::vector<std::uint32_t> agencies = task.lead;
            agencies.insert(agencies.end(), task.cooperating.begin(), task.cooperating.end());
            for (const std::uint32_t id : agencies) {
                auto subject = links.subject(t, n, s.tasks[static_cast<size_t>(n.task)].id, t.name(id));
                REQUIRE(subject);
                b.subjects.push_back(*subject);
            }
            return b;
        }
        FAIL("no notification " << key);
        return {};
    }
};

// The token of a link "https://nv.example/tra-loi/TOKEN".
LinkToken token_of(const std::string& url) {
    const std::string prefix = "https://nv.example/tra-loi/";
    REQUIRE(url.rfind(prefix, 0) == 0);
    auto token = parse_link_token(url.substr(prefix.size()));
    REQUIRE(token.ok());
    return *token;
}

// Which of `subjects` the link `url` was issued for; checks that it is exactly one.
size_t issued_for(const std::string& url, const std::vector<LinkSubject>& subjects, Date today) {
    const LinkToken token = token_of(url);
    std::optional<size_t> found;
    for (size_t i = 0; i < subjects.size(); ++i) {
        if (check_link_token(kSecret, token, subjects[i], today) != LinkCheck::valid) continue;
        REQUIRE_FALSE(found);
        found = i;
    }
    REQUIRE(found);
    return *found;
}

// Checks every copy of `b`: the lead's message carries the lead's link, each
// cooperating agency's copy its own and the wording for a note; no copy has
// another agency's link.
void check_copies(const Linked::Built& b, const char* lead_line, const char* cooperating_line) {
    const OutboxEntry& e = b.entry;
    REQUIRE_FALSE(e.answer_url.empty());
    CHECK(issued_for(e.answer_url, b.subjects, b.planned) == 0);
    CHECK(e.message.text.find(lead_line + e.answer_url + "\n") != std::string::npos);
    CHECK(e.message.html.find("<a href=\"" + e.answer_url + "\">") != std::string::npos);
    CHECK(e.message.text.find(cooperating_line) == std::string::npos);
    std::vector<std::string> urls{e.answer_url};
    size_t with_links = 0;
    for (const auto& copy : e.copies) {
        for (const auto& url : urls) CHECK(copy.text.find(url) == std::string::npos);
        if (copy.answer_url.empty()) {
            CHECK(copy.text.find("/tra-loi/") == std::string::npos);
            continue;
        }
        ++with_links;
        CHECK(issued_for(copy.answer_url, b.subjects, b.planned) > 0);
        CHECK(copy.text.find(cooperating_line + copy.answer_url + "\n") != std::string::npos);
        CHECK(copy.text.find(lead_line) == std::string::npos);
        CHECK(e.message.text.find(copy.answer_url) == std::string::npos);
        urls.push_back(copy.answer_url);
    }
    CHECK(with_links > 0);
    // The webhook body carries the addressee's link; each copy's is set when it is claimed.
    const auto payload = nlohmann::json::parse(e.payload);
    CHECK(payload["data"]["answer_url"] == e.answer_url);
    CHECK(payload["data"]["reference"] == notification_reference(e.key));
}

constexpr const char* kLead = "Báo cáo kết quả, đề nghị gia hạn: ";
constexpr const char* kCooperating = "Cơ quan phối hợp gửi ý kiến về nhiệm vụ (nếu có): ";

}  // namespace

TEST_CASE("the short reference of a notification", "[links]") {
    // Ten characters of Crockford base32 of the key's SHA-256 (tests/delivery computes the same in Python).
    CHECK(notification_reference("90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính") == "NV-MSK91-C1W64");
    CHECK(notification_reference("90/KH-UBND/2026|I.3|-|escalation-3.8|Sở Tài chính") == "NV-QH61X-3XD4P");
    CHECK(notification_reference("*|*|2026-10-05|digest|Văn phòng UBND thành phố") == "NV-1HYDR-68D1H");
    // As a person may type it back.
    CHECK(normalize_notification_reference("nv-msk91-c1w64") == "NV-MSK91-C1W64");
    CHECK(normalize_notification_reference("MSK91 C1W64") == "NV-MSK91-C1W64");
    CHECK(normalize_notification_reference("NV-MSK9I-CIW64") == "NV-MSK91-C1W64");  // I read as 1
    CHECK(normalize_notification_reference("NV-MSK91-C1W6") == std::nullopt);
    CHECK(normalize_notification_reference("NV-MSK91-C1W6U") == std::nullopt);  // U is not Crockford
}

TEST_CASE("a reminder gives the lead and each cooperating agency its own link", "[links]") {
    Linked l;
    const auto b = l.build("90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính", d("2026-03-24"), d("2026-03-24"));
    check_copies(b, kLead, kCooperating);
    // Valid for 120 days from the planned day, whenever the message is rendered.
    const LinkToken token = token_of(b.entry.answer_url);
    CHECK(token.expires == d("2026-07-22"));
    CHECK(check_link_token(kSecret, token, b.subjects[0], d("2026-07-22")) == LinkCheck::valid);
    CHECK(check_link_token(kSecret, token, b.subjects[0], d("2026-07-23")) == LinkCheck::expired);
    CHECK(b.entry.message.text.find("\n--\nThư nhắc việc tự động của hệ thống nhắc việc nhacviec. "
                                    "Số tham chiếu: NV-MSK91-C1W64\n") != std::string::npos);
}

TEST_CASE("an escalation gives the lead and each cooperating agency its own link", "[links]") {
    Linked l;
    const auto b = l.build("90/KH-UBND/2026|I.3|-|escalation-3.8|Sở Tài chính", d("2026-11-01"), d("2027-01-31"));
    check_copies(b, kLead, kCooperating);
}

TEST_CASE("a review reminder links to its period", "[links]") {
    Linked l;
    const auto b = l.build("90/KH-UBND/2026|I.1|2026-Q4|review-14|Sở Văn hóa, Thể thao và Du lịch", d("2026-10-01"),
                            d("2027-03-31"));
    REQUIRE_FALSE(b.entry.answer_url.empty());
    CHECK(issued_for(b.entry.answer_url, b.subjects, b.planned) == 0);
    CHECK(token_of(b.entry.answer_url).period == b.subjects[0].period);
    CHECK(b.subjects[0].period != 0);
    LinkSubject whole_task = b.subjects[0];
    whole_task.period = 0;
    CHECK(check_link_token(kSecret, token_of(b.entry.answer_url), whole_task, b.planned) == LinkCheck::forged);
}

TEST_CASE("each delivery is claimed with its agency's copy", "[links]") {
    Linked l;
    auto b = l.build("90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính", d("2026-03-24"), d("2026-03-24"));
    REQUIRE_FALSE(b.entry.copies.empty());
    // One webhook for a cooperating agency, to see its body too.
    const MessageCopy& copy = b.entry.copies.front();
    b.entry.deliveries.push_back({copy.agency, ChannelKind::webhook, "https://hook.example/x", ""});
    auto db = Database::open(l.seed.dir / "outbox.db");
    REQUIRE(db.ok());
    OutboxStore store(*db);
    const auto now = b.entry.due_at;
    REQUIRE(store.add({b.entry}, now).ok());
    auto jobs = store.record_and_claim({}, {}, now, 1000);
    REQUIRE(jobs.ok());
    size_t lead = 0, copies = 0, hooks = 0;
    for (const auto& job : *jobs) {
        const DeliveryContent& c = *job.content;
        if (job.channel == ChannelKind::webhook) {
            ++hooks;
            const auto data = nlohmann::json::parse(c.payload)["data"];
            CHECK(data["answer_url"] == copy.answer_url);
            CHECK(data["text"] == copy.text);
            CHECK(data["key"] == b.entry.key);
            continue;
        }
        if (job.agency == "Sở Tài chính") {
            ++lead;
            CHECK(c.text == b.entry.message.text);
            continue;
        }
        const auto it = std::find_if(b.entry.copies.begin(), b.entry.copies.end(),
                                     [&](const MessageCopy& m) { return m.agency == job.agency; });
        if (it == b.entry.copies.end()) continue;
        ++copies;
        CHECK(c.text == it->text);
        CHECK(c.html == it->html);
        CHECK(c.subject == b.entry.message.subject);
    }
    CHECK(lead == 1);
    CHECK(copies > 0);
    CHECK(hooks == 1);
}

TEST_CASE("rendering the same notification again gives the same link", "[links]") {
    Linked l;
    const auto first = l.build("90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính", d("2026-03-24"), d("2026-03-24"));
    const auto again = l.build("90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính", d("2026-03-24"), d("2026-03-24"));
    CHECK(first.entry.answer_url == again.entry.answer_url);
    CHECK(first.entry.message.text == again.entry.message.text);
}

TEST_CASE("without links, messages say how to report", "[links]") {
    Seed seed;
    const MessageTemplates templates = *MessageTemplates::load_embedded();
    const auto& s = seed.state;
    const Date day = d("2026-03-24");
    const Timeline t = plan_timeline(s.scheduled, *s.names, s.roles, seed.config.schedule, seed.calendar, day, day);
    const EntryBuilder builder(s.tasks, s.scheduled, seed.config, seed.directory, seed.calendar, templates);
    for (const auto& n : t.items) {
        if (t.key(n) != "90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính") continue;
        const OutboxEntry e = builder.build(t, n, day, {});
        CHECK(e.answer_url.empty());
        CHECK(e.copies.empty());
        CHECK(e.message.text.find("Báo cáo kết quả, đề nghị gia hạn: bằng văn bản gửi Sở Tài chính.\n\n--\n") !=
              std::string::npos);
        CHECK(nlohmann::json::parse(e.payload)["data"]["answer_url"].is_null());
        return;
    }
    FAIL("no reminder");
}

TEST_CASE("where links point", "[links]") {
    Seed seed;
    Config config;
    // No public URL, mail to the mail folder: the daemon's own address.
    CHECK(answer_link_base(config, seed.directory) == "http://127.0.0.1:8470");
    CHECK(answer_link_warning(config, seed.directory) == std::nullopt);
    // A public URL wins, whatever the channels.
    config.api.public_url = "https://nhacviec.haiphong.gov.vn";
    config.delivery.email.server = "smtp://mail.example:587";
    CHECK(answer_link_base(config, seed.directory) == "https://nhacviec.haiphong.gov.vn");
    CHECK(answer_link_warning(config, seed.directory) == std::nullopt);
    // Real recipients and no public URL: no links, and a warning.
    config.api.public_url.clear();
    CHECK(answer_link_base(config, seed.directory) == "");
    CHECK(answer_link_warning(config, seed.directory) ==
          "built-in defaults: [api] public_url is not set, so messages to real recipients (SMTP, webhooks) carry no "
          "answer links and ask agencies to report in writing; set it to the address people reach the daemon at");
}

TEST_CASE("check warns when mail to real recipients carries no links", "[links]") {
    TempDir dir;
    const auto config = dir / "nv.toml";
    std::ofstream(config) << "[email]\nserver = \"smtp://mail.example:587\"\n";
    const auto result = run_cli({"--config", config.string(), "--db", (dir / "nv.db").string(), "check"});
    CHECK(result.out.find("  warning: " + config.string() +
                          ": [api] public_url is not set, so messages to real recipients (SMTP, webhooks) carry no "
                          "answer links and ask agencies to report in writing; set it to the address people reach "
                          "the daemon at\n") != std::string::npos);
    std::ofstream(config) << "[email]\nserver = \"smtp://mail.example:587\"\n[api]\npublic_url = \"https://nv.example\"\n";
    CHECK(run_cli({"--config", config.string(), "--db", (dir / "nv.db").string(), "check"}).out.find("warning:") ==
          std::string::npos);
}

TEST_CASE("links rotate replaces the secret, and the links change", "[links]") {
    TempDir dir;
    const auto db = dir / "nv.db";
    auto before = load_or_create_link_secret(link_secret_path(db));
    REQUIRE(before.ok());
    const auto result = run_cli({"--db", db.string(), "links", "rotate"});
    CHECK(result.status == 0);
    CHECK(result.out == link_secret_path(db).string() +
                            ": link secret replaced; every answer link issued before no longer works\n");
    auto after = load_link_secret(link_secret_path(db));
    REQUIRE(after.ok());
    CHECK(after->bytes != before->bytes);

    LinkSubject subject;
    subject.task_id = 3;
    subject.plan_number = "90/KH-UBND";
    subject.plan_year = 2026;
    subject.task_code = "I.3";
    subject.agency = "Sở Tài chính";
    subject.expires = d("2026-07-22");
    const std::string old_token = issue_link_token(*before, subject);
    CHECK(issue_link_token(*after, subject) != old_token);
    CHECK(check_link_token(*after, *parse_link_token(old_token), subject, d("2026-03-24")) == LinkCheck::forged);
    CHECK(run_cli({"--db", db.string(), "links"}).status != 0);
}

TEST_CASE("mail to the mail folder links to the daemon's own address; outbox --ref finds it", "[links]") {
    TempDir dir;
    const std::string db = (dir / "nv.db").string();
    const auto mail = dir / "mail";
    write_file(dir / "c.toml", "[email]\nmaildir = \"" + mail.string() + "\"\n");
    const std::string config = (dir / "c.toml").string();
    REQUIRE(run_cli({"--config", config, "--db", db, "import", seed_plan().string()}).status == 0);
    const auto delivered = run_cli({"--config", config, "--db", db, "deliver", "--now", "2026-11-25T08:00"});
    INFO(delivered.out << delivered.err);
    REQUIRE(delivered.status == 0);
    // The secret was made next to the database.
    REQUIRE(load_link_secret(link_secret_path(db)).ok());
    // (Mail bodies are base64 in the folder: the outbox shows the links.)
    auto opened = Database::open(db);
    REQUIRE(opened.ok());
    SQLite::Statement linked(opened->sql(),
                             "SELECT COUNT(*) FROM notifications WHERE answer_url LIKE 'http://127.0.0.1:8470/tra-loi/%' "
                             "AND instr(text_body, answer_url) > 0");
    REQUIRE(linked.executeStep());
    CHECK(linked.getColumn(0).getInt() > 0);
    SQLite::Statement copies(opened->sql(),
                             "SELECT COUNT(*) FROM notification_copies WHERE answer_url LIKE 'http://127.0.0.1:8470/tra-loi/%'");
    REQUIRE(copies.executeStep());
    CHECK(copies.getColumn(0).getInt() > 0);
    const auto found = run_cli({"--config", config, "--db", db, "outbox", "--ref", "nv-842p8-cgye5", "--json"});
    REQUIRE(found.status == 0);
    const auto rows = nlohmann::json::parse(found.out);
    REQUIRE_FALSE(rows.empty());
    for (const auto& row : rows) {
        CHECK(row["key"] == "90/KH-UBND/2026|I.3|-|escalation-3.7|Sở Tài chính");
        CHECK(row["reference"] == "NV-842P8-CGYE5");
    }
    const auto bad = run_cli({"--config", config, "--db", db, "outbox", "--ref", "NV-1"});
    CHECK(bad.status == cli::kExitUsage);
    CHECK(bad.err == "nhacviec: --ref: expected a reference such as NV-7K3QD-M9XTA, not \"NV-1\"\n");
}
