// The outbox: the retry schedule, catch-up after downtime, delivery passes
// on the seed into a real mail folder and against a closed port, walked with
// a fake clock; dead letters, and the migration of an older outbox.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "common/embedded.h"
#include "outbox/catch_up.h"
#include "outbox/dispatcher.h"
#include "outbox/enqueue.h"
#include "seed_fixture.h"

using namespace nhacviec;
using namespace nhacviec::testing;
using namespace std::chrono_literals;
using std::chrono::sys_seconds;

namespace {

sys_seconds at(const std::string& text) { return *parse_vietnam_time(text); }

size_t files_in(const std::filesystem::path& folder) {
    if (!std::filesystem::exists(folder)) return 0;
    return static_cast<size_t>(std::distance(std::filesystem::directory_iterator(folder), {}));
}

int64_t count(Database& db, const std::string& sql) {
    SQLite::Statement s(db.sql(), sql);
    s.executeStep();
    return s.getColumn(0).getInt64();
}

// Makes the database refuse every attempt's record with `error`, as a full
// or locked one would (a trigger on this connection only).
void refuse_attempt_records(Database& db, const std::string& error) {
    db.sql().exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON delivery_attempts BEGIN SELECT RAISE(ABORT, '" +
                  error + "'); END");
}

// The seed in a database, with what a delivery pass needs around it.
struct DeliveryFixture {
    Seed seed;
    MessageTemplates templates = *MessageTemplates::load_embedded();
    std::unique_ptr<Database> db;

    DeliveryFixture() {
        Config config = seed.config;
        config.delivery.email.maildir = seed.dir / "mail";
        seed.reload(config);
        auto opened = Database::open(seed.dir / "nv.db");
        REQUIRE(opened.ok());
        db = std::make_unique<Database>(std::move(*opened));
    }

    Timeline timeline(sys_seconds now) const {
        const auto& s = seed.state;
        return plan_timeline(s.scheduled, *s.names, s.roles, seed.config.schedule, seed.calendar,
                             app::first_plan_day(s, vietnam_date(now)), vietnam_date(now));
    }

    EnqueueSummary enqueue(sys_seconds now) {
        const Timeline t = timeline(now);
        const EntryBuilder builder(seed.state.tasks, seed.state.scheduled, seed.config, seed.directory, seed.calendar,
                                   templates);
        OutboxStore store(*db);
        auto summary = enqueue_due(store, t, builder, seed.config.schedule, now);
        REQUIRE(summary.ok());
        return *summary;
    }
};

}  // namespace

TEST_CASE("retry waits grow from a minute to twelve hours and give up after three days", "[outbox]") {
    const RetryPolicy policy{RetryConfig{}};
    const sys_seconds first = at("2026-12-01T08:00");
    std::vector<std::chrono::seconds> offsets;
    sys_seconds now = first;
    int failures = 0;
    while (auto next = policy.next_attempt(++failures, first, now, 0.5)) {
        now = *next;
        offsets.push_back(now - first);
    }
    const std::vector<std::chrono::seconds> expected{1min,         6min,         36min,        2h + 36min,
                                                     8h + 36min,   20h + 36min,  32h + 36min,  44h + 36min,
                                                     56h + 36min,  68h + 36min};
    CHECK(offsets == expected);
    CHECK(failures == 11);  // the 11th failure is given up: 80 h 36 min would pass the 72 h limit

    // Jitter stretches each wait by up to 10 % either way.
    CHECK(policy.next_attempt(1, first, first, 0.0) == first + 54s);
    CHECK(policy.next_attempt(1, first, first, 0.75) == first + 63s);
    CHECK(policy.next_attempt(3, first, first, 0.0) == first + 27min);
    // A peer's Retry-After wins when it asks for longer, not when shorter.
    CHECK(policy.next_attempt(1, first, first, 0.5, 120s) == first + 120s);
    CHECK(policy.next_attempt(1, first, first, 0.5, 10s) == first + 60s);
    // A custom schedule: the last wait repeats.
    RetryConfig two;
    two.delays = {2min, 10min};
    two.give_up_after = 1h;
    two.jitter = 0;
    const RetryPolicy short_policy{two};
    CHECK(short_policy.next_attempt(5, first, first + 30min, 0.9) == first + 40min);
    CHECK(short_policy.next_attempt(6, first, first + 55min, 0.9) == std::nullopt);
}

TEST_CASE("catch-up after downtime sends only the latest missed step of each ladder", "[outbox]") {
    Seed seed;
    const sys_seconds now = at("2026-11-25T08:00");
    const auto& s = seed.state;
    const Timeline timeline = plan_timeline(s.scheduled, *s.names, s.roles, seed.config.schedule, seed.calendar,
                                            app::first_plan_day(s, vietnam_date(now)), vietnam_date(now));

    SECTION("nothing recorded: the plan's first start, in late November") {
        const auto due = select_due(timeline, now, seed.config.schedule, [](const std::string&) { return false; });
        std::vector<std::string> sent;
        std::map<std::string, std::string> skipped;
        for (const auto& d : due) {
            const std::string key = timeline.key(timeline.items[d.item]);
            if (d.send) sent.push_back(key);
            else skipped[key] = d.skipped_because;
        }
        CHECK(sent == std::vector<std::string>{
                          "90/KH-UBND/2026|I.3|-|escalation-3.7|Sở Tài chính",
                          "90/KH-UBND/2026|II.1.1|-|escalation-3.1|Sở Nông nghiệp và Môi trường",
                          "90/KH-UBND/2026|II.4.1|-|escalation-3.1|Sở Tài chính",
                          "90/KH-UBND/2026|II.5.1|-|escalation-3.1|Sở Tài chính",
                          "*|*|2026-11-23|digest|Văn phòng UBND thành phố",
                      });
        CHECK(skipped.size() == 391);
        // A reminder whose deadline has passed gives way to the escalation.
        CHECK(skipped.at("90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính") == "deadline passed on 2026-03-31");
        // Earlier escalations and digests are superseded by the latest.
        CHECK(skipped.at("90/KH-UBND/2026|I.3|-|escalation-1|Sở Tài chính") ==
              "superseded by 90/KH-UBND/2026|I.3|-|escalation-3.7|Sở Tài chính");
        CHECK(skipped.at("*|*|2026-11-16|digest|Văn phòng UBND thành phố") ==
              "superseded by *|*|2026-11-23|digest|Văn phòng UBND thành phố");
        // A review reminder whose review date has passed is no longer sent.
        CHECK(skipped.at("90/KH-UBND/2026|I.1|2026-Q3|review-0|Sở Văn hóa, Thể thao và Du lịch") ==
              "review date passed on 2026-09-30");
    }
    SECTION("a later step already recorded supersedes an earlier one that was never sent") {
        const std::set<std::string> recorded{"90/KH-UBND/2026|I.3|-|escalation-3.7|Sở Tài chính"};
        const auto due = select_due(timeline, now, seed.config.schedule,
                                    [&](const std::string& key) { return recorded.count(key) > 0; });
        for (const auto& d : due) {
            const std::string key = timeline.key(timeline.items[d.item]);
            if (key == "90/KH-UBND/2026|I.3|-|escalation-3.6|Sở Tài chính")
                CHECK(d.skipped_because == "superseded by 90/KH-UBND/2026|I.3|-|escalation-3.7|Sở Tài chính");
            CHECK(key != "90/KH-UBND/2026|I.3|-|escalation-3.7|Sở Tài chính");
        }
        CHECK(due.size() == 395);
    }
    SECTION("in normal running, one step at a time") {
        // The day before, everything up to then recorded: on 2026-11-26 only I.3's next level-3 repeat is new.
        const sys_seconds before = at("2026-11-25T08:00");
        std::set<std::string> recorded;
        for (const auto& n : timeline.items) recorded.insert(timeline.key(n));
        const sys_seconds next_day = at("2026-11-26T08:00");
        const Timeline later = plan_timeline(s.scheduled, *s.names, s.roles, seed.config.schedule, seed.calendar,
                                             app::first_plan_day(s, vietnam_date(next_day)), vietnam_date(next_day));
        const auto due = select_due(later, next_day, seed.config.schedule,
                                    [&](const std::string& key) { return recorded.count(key) > 0; });
        REQUIRE(due.size() == 1);
        CHECK(due[0].send);
        CHECK(later.key(later.items[due[0].item]) == "90/KH-UBND/2026|I.3|-|escalation-3.8|Sở Tài chính");
        CHECK(before < next_day);
    }
}

TEST_CASE("a delivery pass writes each due notification once into the mail folder", "[outbox]") {
    DeliveryFixture f;
    FakeClock clock(at("2026-11-25T08:00"));
    const EnqueueSummary enqueued = f.enqueue(clock.now());
    CHECK(enqueued.added == 5);
    CHECK(enqueued.skipped == 391);
    CHECK(enqueued.unreachable == 0);

    OutboxStore store(*f.db);
    Dispatcher dispatcher(store, f.seed.config.delivery, clock, [] { return 0.5; });
    auto summary = dispatcher.deliver_due();
    REQUIRE(summary.ok());
    CHECK(summary->sent == 23);
    CHECK(summary->retrying == 0);
    CHECK(summary->dead == 0);
    CHECK(files_in(f.seed.dir / "mail/new") == 23);
    CHECK(files_in(f.seed.dir / "mail/tmp") == 0);
    CHECK(count(*f.db, "SELECT COUNT(*) FROM delivery_attempts WHERE outcome = 'sent'") == 23);

    // The I.3 escalation reaches the lead, the cooperating agencies, the
    // monitoring agency, the city office and the leadership.
    CHECK(count(*f.db, "SELECT COUNT(*) FROM deliveries d JOIN notifications n ON n.id = d.notification_id "
                       "WHERE n.key = '90/KH-UBND/2026|I.3|-|escalation-3.7|Sở Tài chính'") == 5);

    // Running again, an hour later, finds nothing new and sends nothing.
    clock.advance(1h);
    CHECK(f.enqueue(clock.now()).added == 0);
    auto again = dispatcher.deliver_due();
    REQUIRE(again.ok());
    CHECK(again->sent == 0);
    CHECK(files_in(f.seed.dir / "mail/new") == 23);
    CHECK(count(*f.db, "SELECT COUNT(*) FROM notifications") == 396);
}

TEST_CASE("deliveries left in flight by a crash are sent again after a restart", "[outbox]") {
    DeliveryFixture f;
    FakeClock clock(at("2026-11-25T08:00"));
    f.enqueue(clock.now());
    OutboxStore store(*f.db);
    auto claimed = store.record_and_claim({}, {}, clock.now(), 3);  // claimed, then the process "died"
    REQUIRE(claimed.ok());
    CHECK(claimed->size() == 3);
    CHECK(count(*f.db, "SELECT COUNT(*) FROM deliveries WHERE state = 'sending'") == 3);

    Dispatcher restarted(store, f.seed.config.delivery, clock, [] { return 0.5; });
    auto summary = restarted.deliver_due();
    REQUIRE(summary.ok());
    CHECK(summary->recovered == 3);
    CHECK(summary->sent == 23);
    CHECK(count(*f.db, "SELECT COUNT(*) FROM delivery_attempts WHERE outcome = 'interrupted'") == 3);
    CHECK(count(*f.db, "SELECT COUNT(*) FROM deliveries WHERE state <> 'sent'") == 0);
}

TEST_CASE("outcomes the database cannot take are held and recorded once it can, nothing sent twice", "[outbox]") {
    DeliveryFixture f;
    FakeClock clock(at("2026-11-25T08:00"));
    f.enqueue(clock.now());
    OutboxStore store(*f.db);
    // One connection per channel: the dispatcher claims 16 deliveries at a time.
    DeliveryConfig delivery = f.seed.config.delivery;
    delivery.email.connections = delivery.webhook.connections = 1;
    // The database refuses every attempt's record, as a full disk would.
    refuse_attempt_records(*f.db, "database or disk is full");
    Dispatcher dispatcher(store, delivery, clock, [] { return 0.5; });
    auto failed = dispatcher.deliver_due();
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message.find("database or disk is full") != std::string::npos);
    // The first window of deliveries went out; their outcomes are held, the deliveries still "sending".
    CHECK(dispatcher.held() == 16);
    CHECK(files_in(f.seed.dir / "mail/new") == 16);
    CHECK(count(*f.db, "SELECT COUNT(*) FROM deliveries WHERE state = 'sending'") == 16);
    CHECK(count(*f.db, "SELECT COUNT(*) FROM delivery_attempts") == 0);
    // Still failing: nothing more is claimed or sent, and nothing is lost.
    REQUIRE_FALSE(dispatcher.deliver_due().ok());
    CHECK(dispatcher.held() == 16);
    CHECK(files_in(f.seed.dir / "mail/new") == 16);

    // A new configuration replaces the dispatcher; it takes over what is held.
    f.db->sql().exec("DROP TRIGGER refuse");
    Dispatcher reloaded(store, delivery, clock, [] { return 0.5; });
    reloaded.take_over(dispatcher);
    CHECK(dispatcher.held() == 0);
    auto summary = reloaded.deliver_due();
    REQUIRE(summary.ok());
    CHECK(summary->held == 16);
    CHECK(summary->recovered == 0);  // not taken for a crash: those 16 are not sent again
    CHECK(summary->sent == 23);
    CHECK(reloaded.held() == 0);
    CHECK(files_in(f.seed.dir / "mail/new") == 23);
    CHECK(count(*f.db, "SELECT COUNT(*) FROM delivery_attempts WHERE outcome = 'sent'") == 23);
    CHECK(count(*f.db, "SELECT COUNT(*) FROM delivery_attempts") == 23);
    CHECK(count(*f.db, "SELECT COUNT(*) FROM deliveries WHERE state <> 'sent'") == 0);
}

TEST_CASE("held outcomes are recorded before a stop", "[outbox]") {
    DeliveryFixture f;
    FakeClock clock(at("2026-11-25T08:00"));
    f.enqueue(clock.now());
    OutboxStore store(*f.db);
    DeliveryConfig delivery = f.seed.config.delivery;
    delivery.email.connections = delivery.webhook.connections = 1;
    refuse_attempt_records(*f.db, "database is locked");
    Dispatcher dispatcher(store, delivery, clock, [] { return 0.5; });
    REQUIRE_FALSE(dispatcher.deliver_due().ok());
    CHECK(dispatcher.held() == 16);
    auto refused = dispatcher.record_held();
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("database is locked") != std::string::npos);
    CHECK(dispatcher.held() == 16);
    f.db->sql().exec("DROP TRIGGER refuse");
    REQUIRE(dispatcher.record_held().ok());
    CHECK(dispatcher.held() == 0);
    CHECK(count(*f.db, "SELECT COUNT(*) FROM deliveries WHERE state = 'sent'") == 16);
    CHECK(count(*f.db, "SELECT COUNT(*) FROM deliveries WHERE state = 'pending'") == 7);
    CHECK(count(*f.db, "SELECT COUNT(*) FROM deliveries WHERE state = 'sending'") == 0);
}

TEST_CASE("a failing endpoint is retried on its own schedule until it is given up", "[outbox]") {
    TempDir dir;
    auto db = Database::open(dir / "nv.db");
    REQUIRE(db.ok());
    OutboxStore store(*db);
    DeliveryConfig config;
    config.email.maildir = dir / "mail";
    const std::string closed = "http://127.0.0.1:1/hook";  // nothing listens on port 1
    config.webhook.keys[closed] = "0123456789abcdef01234567";
    const sys_seconds start = at("2026-12-01T08:00");

    OutboxEntry entry;
    entry.key = "90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính";
    entry.task_code = "I.3";
    entry.agency = "Sở Tài chính";
    entry.due_at = start;
    entry.message = {"Nhắc việc", "Nội dung", "<p>Nội dung</p>"};
    entry.mail_to = {{"Sở Tài chính", "so-tai-chinh@haiphong.example"}};
    entry.payload = R"({"type":"nhacviec.reminder"})";
    entry.message_id = "<m1@haiphong.example>";
    entry.deliveries = {{"Sở Tài chính", ChannelKind::email, "so-tai-chinh@haiphong.example", ""},
                        {"Sở Tài chính", ChannelKind::webhook, closed, ""},
                        {"Sở Xây dựng", ChannelKind::none, "", "no email or webhook in the agency directory"}};
    REQUIRE(store.add({entry}, start).ok());

    FakeClock clock(start);
    Dispatcher dispatcher(store, config, clock, [] { return 0.5; });
    auto first = dispatcher.deliver_due();
    REQUIRE(first.ok());
    CHECK(first->sent == 1);  // the email went; only the webhook is retried
    CHECK(first->retrying == 1);

    std::vector<std::chrono::seconds> attempts_at{0s};
    for (;;) {
        auto next = store.next_due();
        REQUIRE(next.ok());
        if (!*next) break;
        clock.set(**next);
        attempts_at.push_back(**next - start);
        REQUIRE(dispatcher.deliver_due().ok());
    }
    CHECK(attempts_at == std::vector<std::chrono::seconds>{0s, 1min, 6min, 36min, 2h + 36min, 8h + 36min,
                                                           20h + 36min, 32h + 36min, 44h + 36min, 56h + 36min,
                                                           68h + 36min});
    auto dead = store.list(DeliveryState::dead);
    REQUIRE(dead.ok());
    REQUIRE(dead->size() == 2);
    CHECK(dead->at(0).channel == ChannelKind::webhook);
    CHECK(dead->at(0).attempts == 11);
    CHECK(dead->at(0).detail.find("(given up after 11 attempts)") != std::string::npos);
    CHECK(dead->at(0).detail.find(closed) != std::string::npos);
    CHECK(dead->at(1).channel == ChannelKind::none);
    CHECK(dead->at(1).detail == "no email or webhook in the agency directory");
    CHECK(count(*db, "SELECT COUNT(*) FROM delivery_attempts") == 1 + 11 + 1);

    // Both appear in the next weekly digest, in Vietnamese.
    auto notices = store.dead_since(start);
    REQUIRE(notices.ok());
    REQUIRE(notices->size() == 2);
    CHECK(notices->at(0).recipient == "Sở Xây dựng");
    CHECK(notices->at(0).reason == "Cơ quan chưa có địa chỉ email hoặc webhook trong danh bạ");
    CHECK(notices->at(1).recipient == "Sở Tài chính (" + closed + ")");
    CHECK(notices->at(1).subject == "Nhắc việc");
    CHECK(notices->at(1).reason.rfind("Gửi không thành công: ", 0) == 0);
}

TEST_CASE("a notification that cannot be built is a dead letter and the others go out", "[outbox]") {
    DeliveryFixture f;
    // I.3's product is not UTF-8 (a row written by another tool): its webhook body cannot be written.
    auto i3 = app::find_task(f.seed.state, "I.3", std::nullopt);
    REQUIRE(i3.ok());
    f.seed.state.tasks.mutable_at(*i3).task.product = "K\xff hoạch";
    FakeClock clock(at("2026-11-25T08:00"));
    const EnqueueSummary enqueued = f.enqueue(clock.now());
    CHECK(enqueued.added == 4);
    CHECK(enqueued.dead_lettered == 1);
    CHECK(enqueued.skipped == 391);

    OutboxStore store(*f.db);
    Dispatcher dispatcher(store, f.seed.config.delivery, clock, [] { return 0.5; });
    auto summary = dispatcher.deliver_due();
    REQUIRE(summary.ok());
    CHECK(summary->sent == 18);  // 23 less I.3's five
    CHECK(files_in(f.seed.dir / "mail/new") == 18);

    const std::string reason =
        "could not be built: [json.exception.type_error.316] invalid UTF-8 byte at index 1: 0xFF";
    auto dead = store.list(DeliveryState::dead);
    REQUIRE(dead.ok());
    REQUIRE(dead->size() == 1);
    CHECK(dead->at(0).key == "90/KH-UBND/2026|I.3|-|escalation-3.7|Sở Tài chính");
    CHECK(dead->at(0).agency == "Sở Tài chính");
    CHECK(dead->at(0).channel == ChannelKind::none);
    CHECK(dead->at(0).detail == reason);
    // The key is taken: the next pass does not try it again.
    clock.advance(1h);
    CHECK(f.enqueue(clock.now()).dead_lettered == 0);
    // The next digest lists it, in Vietnamese, under its key.
    auto notices = store.dead_since(clock.now() - 24h);
    REQUIRE(notices.ok());
    REQUIRE(notices->size() == 1);
    CHECK(notices->at(0).recipient == "Sở Tài chính");
    CHECK(notices->at(0).subject == "90/KH-UBND/2026|I.3|-|escalation-3.7|Sở Tài chính");
    CHECK(notices->at(0).reason == "Không lập được thông báo: " + reason);
}

TEST_CASE("each unreachable agency has its own record, and an entry that breaks a constraint is a dead letter",
          "[outbox]") {
    TempDir dir;
    auto db = Database::open(dir / "nv.db");
    REQUIRE(db.ok());
    OutboxStore store(*db);
    const sys_seconds now = at("2026-12-01T08:00");
    const auto entry = [&](const std::string& key) {
        OutboxEntry e;
        e.key = key;
        e.task_code = "I.3";
        e.agency = "Sở Tài chính";
        e.due_at = now;
        e.message = {"Nhắc việc", "Nội dung", ""};
        e.deliveries = {{"Sở Tài chính", ChannelKind::email, "so-tai-chinh@haiphong.example", ""},
                        {"Sở Không Có A", ChannelKind::none, "", "not in the agency directory"},
                        {"Sở Không Có B", ChannelKind::none, "", "not in the agency directory"}};
        return e;
    };
    OutboxEntry twice = entry("k2");  // the same address twice: UNIQUE (notification, channel, address)
    twice.deliveries.push_back(twice.deliveries[0]);
    auto added = store.add({entry("k1"), twice, entry("k3")}, now);
    REQUIRE(added.ok());
    CHECK(added->dead_lettered == 1);

    auto rows = store.list(std::nullopt);
    REQUIRE(rows.ok());
    std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string>> got;
    for (const auto& r : *rows)
        got.emplace_back(r.key, r.agency, std::string(to_string(*r.channel)), std::string(to_string(r.state)), r.detail);
    using Row = std::tuple<std::string, std::string, std::string, std::string, std::string>;
    const std::string unique = "could not be recorded: UNIQUE constraint failed: deliveries.notification_id, "
                               "deliveries.channel, deliveries.address";
    CHECK(got == std::vector<Row>{
                     {"k3", "Sở Tài chính", "email", "pending", ""},
                     {"k3", "Sở Không Có A", "none", "dead", "not in the agency directory"},
                     {"k3", "Sở Không Có B", "none", "dead", "not in the agency directory"},
                     {"k2", "Sở Tài chính", "none", "dead", unique},
                     {"k1", "Sở Tài chính", "email", "pending", ""},
                     {"k1", "Sở Không Có A", "none", "dead", "not in the agency directory"},
                     {"k1", "Sở Không Có B", "none", "dead", "not in the agency directory"},
                 });
    // An agency without contact is still recorded once per notification.
    OutboxEntry again = entry("k4");
    again.deliveries.push_back(again.deliveries[1]);
    auto second = store.add({again}, now);
    REQUIRE(second.ok());
    CHECK(second->dead_lettered == 1);
}

TEST_CASE("the outbox of a database made before schema 0004 is kept whole", "[outbox]") {
    TempDir dir;
    const auto path = dir / "old.db";
    {
        // The schema as it was through 0003, with one notification, two deliveries and an attempt.
        SQLite::Database old(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        old.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "applied_at TEXT NOT NULL)");
        for (const char* name : {"schema/0001_initial.sql", "schema/0002_task_status.sql", "schema/0003_outbox.sql"}) {
            const auto sql = embedded_file(name);
            REQUIRE(sql);
            old.exec(std::string(*sql));
            old.exec(std::string("INSERT INTO schema_migrations VALUES (") + name[10] + ", '" + name + "', 'then')");
        }
        old.exec("INSERT INTO notifications (key, kind, task_code, agency, due_at, created_at, subject) "
                 "VALUES ('90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính', 'reminder', 'I.3', 'Sở Tài chính', 1, 2, "
                 "'Nhắc việc')");
        old.exec("INSERT INTO deliveries (notification_id, agency, channel, address, state, attempts, next_attempt_at, "
                 "updated_at) VALUES (1, 'Sở Tài chính', 'email', 'so-tai-chinh@haiphong.example', 'sent', 1, 3, 3), "
                 "(1, 'Sở Không Có A', 'none', '', 'dead', 0, 2, 2)");
        old.exec("INSERT INTO delivery_attempts (delivery_id, started_at, finished_at, outcome, detail) "
                 "VALUES (1, 3, 3, 'sent', '250 OK')");
    }
    auto db = Database::open(path);
    REQUIRE(db.ok());
    CHECK(count(*db, "SELECT COUNT(*) FROM schema_migrations WHERE version = 4") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM notifications WHERE cancelled_because IS NULL AND subject = 'Nhắc việc'") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM deliveries WHERE notification_id = 1") == 2);
    CHECK(count(*db, "SELECT COUNT(*) FROM delivery_attempts WHERE delivery_id = 1 AND detail = '250 OK'") == 1);
    CHECK(count(*db, "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
    // The new rules hold: a second agency without contact, a cancelled delivery.
    db->sql().exec("INSERT INTO deliveries (notification_id, agency, channel, address, state, next_attempt_at, "
                   "updated_at) VALUES (1, 'Sở Không Có B', 'none', '', 'dead', 2, 2)");
    db->sql().exec("UPDATE deliveries SET state = 'cancelled' WHERE id = 1");
    CHECK_THROWS(db->sql().exec("INSERT INTO deliveries (notification_id, agency, channel, address, state, "
                                "next_attempt_at, updated_at) VALUES (9, 'X', 'none', '', 'dead', 2, 2)"));
    OutboxStore store(*db);
    auto keys = store.keys();
    REQUIRE(keys.ok());
    CHECK(*keys == std::unordered_set<std::string>{"90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính"});
}
