#include "outbox/outbox_store.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <map>
#include <tuple>

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>
#include <SQLiteCpp/Transaction.h>
#include <nlohmann/json.hpp>

#include "outbox/delivery_rows.h"

namespace nhacviec {

namespace {

using std::chrono::sys_seconds;

int64_t seconds_of(sys_seconds t) { return t.time_since_epoch().count(); }
sys_seconds time_of(int64_t seconds) { return sys_seconds{std::chrono::seconds{seconds}}; }

std::string mailboxes_json(const std::vector<Mailbox>& boxes) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& b : boxes) out.push_back({{"name", b.name}, {"address", b.address}});
    return out.dump();
}

std::vector<Mailbox> mailboxes_from(const std::string& text) {
    std::vector<Mailbox> out;
    for (const auto& b : nlohmann::json::parse(text)) out.push_back({b.at("name"), b.at("address")});
    return out;
}

std::string outcome_name(DeliveryResult::Outcome outcome) {
    switch (outcome) {
        case DeliveryResult::Outcome::sent: return "sent";
        case DeliveryResult::Outcome::retry: return "retry";
        case DeliveryResult::Outcome::permanent: return "permanent";
    }
    return "retry";
}

// One delivery as /metrics counts it: its notification's kind, its state and,
// once sent, how long after its planned moment it went.
constexpr const char* kCountedDelivery =
    "SELECT n.kind, d.state, MAX(d.updated_at - n.due_at, 0) FROM deliveries d "
    "JOIN notifications n ON n.id = d.notification_id WHERE d.id = ?";

// Adds delivery `id` as it stands now, `sign` times, to `change` (see OutboxCounts).
void tally(SQLite::Statement& counted, int64_t id, int sign, OutboxCounts::Values& change) {
    counted.bind(1, id);
    if (counted.executeStep())
        change.delivery(counted.getColumn(0).getString(), counted.getColumn(1).getString(),
                        counted.getColumn(2).getInt64(), sign);
    counted.reset();
}

// What writing `e` adds to the counts (see EntryWriter::write).
void count_entry(const OutboxEntry& e, OutboxCounts::Values& change) {
    const std::string kind(to_string(e.kind));
    if (!e.skipped_because.empty()) ++change.skipped[kind];
    if (!e.dead_letter.empty()) return change.delivery(kind, "dead", 0, 1);
    for (const auto& d : e.deliveries) change.delivery(kind, d.channel == ChannelKind::none ? "dead" : "pending", 0, 1);
}

}  // namespace

Result<std::unordered_set<std::string>> OutboxStore::keys() {
    try {
        std::unordered_set<std::string> out;
        SQLite::Statement s(db_.sql(), "SELECT key FROM notifications WHERE cancelled_because IS NULL");
        while (s.executeStep()) out.insert(s.getColumn(0).getString());
        return out;
    } catch (const std::exception& e) {
        return db_.error(e);
    }
}

Result<bool> OutboxStore::recorded(const std::string& key) {
    try {
        if (!recorded_)
            recorded_ = std::make_unique<SQLite::Statement>(
                db_.sql(), "SELECT 1 FROM notifications WHERE key = ? AND cancelled_because IS NULL");
        recorded_->reset();
        recorded_->bind(1, key);
        const bool found = recorded_->executeStep();
        recorded_->reset();
        return found;
    } catch (const std::exception& e) {
        if (recorded_) recorded_->tryReset();
        return db_.error(e);
    }
}

namespace {

// Binds what a notification says — subject, text, HTML, To, Cc, webhook
// body — to the six parameters of `s` from `first` on.
void bind_message(SQLite::Statement& s, int first, const OutboxEntry& e) {
    s.bind(first, e.message.subject);
    s.bind(first + 1, e.message.text);
    s.bind(first + 2, e.message.html);
    s.bind(first + 3, mailboxes_json(e.mail_to));
    s.bind(first + 4, mailboxes_json(e.mail_cc));
    s.bind(first + 5, e.payload);
}

// Writes the copies of `e` for notification `id` with `insert` (notification_copies).
void write_copies(SQLite::Statement& insert, int64_t id, const OutboxEntry& e) {
    for (const auto& c : e.copies) {
        insert.bind(1, id);
        insert.bind(2, c.agency);
        insert.bind(3, c.text);
        insert.bind(4, c.html);
        insert.bind(5, c.answer_url);
        insert.exec();
        insert.reset();
    }
}

// The statements that write one entry, prepared once per add().
struct EntryWriter {
    explicit EntryWriter(SQLite::Database& db)
        : db(db),
          notification(db,
                       "INSERT INTO notifications (key, kind, task_code, agency, due_at, created_at, skipped_because, "
                       "subject, text_body, html_body, mail_to, mail_cc, payload, message_id, thread_id, answer_url) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          copy(db,
               "INSERT INTO notification_copies (notification_id, agency, text_body, html_body, answer_url) "
               "VALUES (?, ?, ?, ?, ?)"),
          delivery(db,
                   "INSERT INTO deliveries (notification_id, agency, channel, address, state, next_attempt_at, "
                   "last_error, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
          undeliverable(db,
                        "INSERT INTO delivery_attempts (delivery_id, started_at, finished_at, outcome, detail) "
                        "VALUES (?, ?, ?, 'undeliverable', ?)") {}

    // Writes `e`: the notification and its deliveries, or for a dead letter
    // the notification and one dead delivery to its addressee with the reason.
    void write(const OutboxEntry& e, int64_t at) {
        notification.bind(1, e.key);
        notification.bind(2, std::string(to_string(e.kind)));
        notification.bind(3, e.task_code);
        notification.bind(4, e.agency);
        notification.bind(5, seconds_of(e.due_at));
        notification.bind(6, at);
        if (e.skipped_because.empty()) notification.bind(7);
        else notification.bind(7, e.skipped_because);
        bind_message(notification, 8, e);
        notification.bind(14, e.message_id);
        notification.bind(15, e.thread_id);
        notification.bind(16, e.answer_url);
        notification.exec();
        notification.reset();
        const int64_t id = db.getLastInsertRowid();
        write_copies(copy, id, e);
        if (!e.dead_letter.empty()) {
            dead(id, {e.agency, ChannelKind::none, "", e.dead_letter}, at);
            return;
        }
        for (const auto& d : e.deliveries) {
            if (d.channel == ChannelKind::none) {
                dead(id, d, at);
                continue;
            }
            insert_delivery(id, d, DeliveryState::pending, at);
        }
    }

    void insert_delivery(int64_t notification_id, const OutboxDelivery& d, DeliveryState state, int64_t at) {
        delivery.bind(1, notification_id);
        delivery.bind(2, d.agency);
        delivery.bind(3, std::string(to_string(d.channel)));
        delivery.bind(4, d.address);
        delivery.bind(5, std::string(to_string(state)));
        delivery.bind(6, at);
        delivery.bind(7, d.unreachable);
        delivery.bind(8, at);
        delivery.exec();
        delivery.reset();
    }

    // A delivery dead at once (the agency has no contact, or a dead letter), its attempt logged.
    void dead(int64_t notification_id, const OutboxDelivery& d, int64_t at) {
        insert_delivery(notification_id, d, DeliveryState::dead, at);
        undeliverable.bind(1, db.getLastInsertRowid());
        undeliverable.bind(2, at);
        undeliverable.bind(3, at);
        undeliverable.bind(4, d.agency + ": " + d.unreachable);
        undeliverable.exec();
        undeliverable.reset();
    }

    void reset() {
        copy.tryReset();
        notification.tryReset();
        delivery.tryReset();
        undeliverable.tryReset();
    }

    SQLite::Database& db;
    SQLite::Statement notification, copy, delivery, undeliverable;
};

}  // namespace

Result<AddSummary> OutboxStore::add(const std::vector<OutboxEntry>& entries, sys_seconds now) {
    try {
        SQLite::Transaction transaction(db_.sql(), SQLite::TransactionBehavior::IMMEDIATE);
        OutboxCounts::Values change;
        auto summary = add_within(entries, now, counts_ ? &change : nullptr);
        if (!summary) return summary;
        transaction.commit();
        if (counts_) counts_->apply(change);
        return summary;
    } catch (const std::exception& e) {
        return db_.error(e);
    }
}

Result<AddSummary> OutboxStore::add_within(const std::vector<OutboxEntry>& entries, sys_seconds now,
                                           OutboxCounts::Values* change) {
    try {
        EntryWriter writer(db_.sql());
        const int64_t at = seconds_of(now);
        AddSummary summary;
        for (const auto& e : entries) {
            // Each entry under its own savepoint: one that breaks a constraint
            // (or cannot be written at all, e.g. a name that is not UTF-8) is
            // undone alone and kept as a dead letter with the reason; the
            // others are recorded. A failure of the database itself (locked,
            // full, read-only) fails the whole call.
            db_.sql().exec("SAVEPOINT entry");
            try {
                writer.write(e, at);
                db_.sql().exec("RELEASE entry");
                if (change) count_entry(e, *change);
                continue;
            } catch (const std::exception& failure) {
                writer.reset();
                db_.sql().exec("ROLLBACK TO entry");
                const auto* sql = dynamic_cast<const SQLite::Exception*>(&failure);
                const bool constraint = !sql || (sql->getErrorCode() & 0xff) == SQLITE_CONSTRAINT;
                if (!constraint || !e.dead_letter.empty()) {
                    db_.sql().exec("RELEASE entry");
                    throw;
                }
                OutboxEntry letter;
                letter.key = e.key;
                letter.kind = e.kind;
                letter.task_code = e.task_code;
                letter.agency = e.agency;
                letter.due_at = e.due_at;
                letter.dead_letter = std::string("could not be recorded: ") + failure.what();
                try {
                    writer.write(letter, at);
                    ++summary.dead_lettered;
                    if (change) count_entry(letter, *change);
                } catch (const SQLite::Exception& again) {
                    // Not even the letter fits: its key is taken, so the
                    // notification is in the outbox already.
                    writer.reset();
                    db_.sql().exec("ROLLBACK TO entry");
                    if ((again.getErrorCode() & 0xff) != SQLITE_CONSTRAINT) {
                        db_.sql().exec("RELEASE entry");
                        throw;
                    }
                    ++summary.not_recorded;
                }
                db_.sql().exec("RELEASE entry");
            }
        }
        return summary;
    } catch (const std::exception& e) {
        return db_.error(e);
    }
}

Result<std::vector<WaitingNotification>> OutboxStore::waiting(std::optional<sys_seconds> after, sys_seconds until,
                                                               int64_t up_to_id) {
    try {
        std::vector<WaitingNotification> out;
        SQLite::Statement s(db_.sql(),
                            "SELECT n.id, n.key, n.kind, n.task_code, n.due_at FROM notifications n "
                            "WHERE n.id IN (SELECT notification_id FROM deliveries INDEXED BY deliveries_due "
                            "WHERE state IN ('pending', 'retrying') AND next_attempt_at > ? AND next_attempt_at <= ?) "
                            "AND n.id <= ? AND n.cancelled_because IS NULL ORDER BY n.id");
        s.bind(1, after ? seconds_of(*after) : std::numeric_limits<int64_t>::min());
        s.bind(2, seconds_of(until));
        s.bind(3, up_to_id);
        while (s.executeStep())
            out.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                           s.getColumn(3).getString(), time_of(s.getColumn(4).getInt64())});
        return out;
    } catch (const std::exception& e) {
        return db_.error(e);
    }
}

Result<int64_t> OutboxStore::last_id() {
    try {
        SQLite::Statement s(db_.sql(), "SELECT COALESCE(MAX(id), 0) FROM notifications");
        s.executeStep();
        return s.getColumn(0).getInt64();
    } catch (const std::exception& e) {
        return db_.error(e);
    }
}

Result<CheckSummary> OutboxStore::apply(const std::vector<NotificationCheck>& checks, sys_seconds now) {
    try {
        CheckSummary summary;
        if (checks.empty()) return summary;
        SQLite::Transaction transaction(db_.sql(), SQLite::TransactionBehavior::IMMEDIATE);
        const int64_t at = seconds_of(now);
        SQLite::Statement waiting(db_.sql(),
                                  "SELECT id, channel, address FROM deliveries "
                                  "WHERE notification_id = ? AND state IN ('pending', 'retrying')");
        SQLite::Statement end(db_.sql(),
                              "UPDATE deliveries SET state = ?, last_error = ?, next_attempt_at = ?, updated_at = ? "
                              "WHERE id = ?");
        SQLite::Statement cancel(db_.sql(), "UPDATE notifications SET cancelled_because = ? WHERE id = ?");
        SQLite::Statement content(db_.sql(),
                                  "UPDATE notifications SET subject = ?, text_body = ?, html_body = ?, mail_to = ?, "
                                  "mail_cc = ?, payload = ?, thread_id = ?, answer_url = ? WHERE id = ?");
        SQLite::Statement drop_copies(db_.sql(), "DELETE FROM notification_copies WHERE notification_id = ?");
        SQLite::Statement copy(db_.sql(),
                               "INSERT INTO notification_copies (notification_id, agency, text_body, html_body, "
                               "answer_url) VALUES (?, ?, ?, ?, ?)");
        OutboxCounts::Values change;
        std::optional<SQLite::Statement> counted;
        if (counts_) counted.emplace(db_.sql(), kCountedDelivery);
        const auto end_delivery = [&](int64_t id, DeliveryState state, const std::string& reason) {
            if (counted) tally(*counted, id, -1, change);
            end.bind(1, std::string(to_string(state)));
            end.bind(2, reason);
            end.bind(3, at);
            end.bind(4, at);
            end.bind(5, id);
            end.exec();
            end.reset();
            if (counted) tally(*counted, id, 1, change);
        };
        for (const auto& c : checks) {
            waiting.bind(1, c.id);
            std::vector<std::tuple<int64_t, ChannelKind, std::string>> deliveries;
            while (waiting.executeStep())
                deliveries.emplace_back(
                    waiting.getColumn(0).getInt64(),
                    channel_kind_from_string(waiting.getColumn(1).getString()).value_or(ChannelKind::none),
                    waiting.getColumn(2).getString());
            waiting.reset();
            if (!c.cancelled_because.empty()) {
                for (const auto& d : deliveries) end_delivery(std::get<0>(d), DeliveryState::cancelled, c.cancelled_because);
                summary.cancelled += deliveries.size();
                cancel.bind(1, c.cancelled_because);
                cancel.bind(2, c.id);
                cancel.exec();
                cancel.reset();
                continue;
            }
            if (!c.failed.empty()) {
                for (const auto& d : deliveries) end_delivery(std::get<0>(d), DeliveryState::dead, c.failed);
                summary.dead += deliveries.size();
                continue;
            }
            const OutboxEntry& e = c.rebuilt;
            bind_message(content, 1, e);
            content.bind(7, e.thread_id);
            content.bind(8, e.answer_url);
            content.bind(9, c.id);
            content.exec();
            content.reset();
            drop_copies.bind(1, c.id);
            drop_copies.exec();
            drop_copies.reset();
            write_copies(copy, c.id, e);
            ++summary.rebuilt;
            for (const auto& delivery : deliveries) {
                const auto& [id, channel, address] = delivery;
                // Clang 14 cannot capture a structured binding: the lambda reads the tuple.
                const bool still = std::any_of(e.deliveries.begin(), e.deliveries.end(), [&](const OutboxDelivery& d) {
                    return d.channel == std::get<1>(delivery) && d.address == std::get<2>(delivery);
                });
                if (still) continue;
                end_delivery(id, DeliveryState::cancelled, "no longer a recipient of this notification");
                ++summary.cancelled;
            }
        }
        transaction.commit();
        if (counts_) counts_->apply(change);
        return summary;
    } catch (const std::exception& e) {
        return db_.error(e);
    }
}

Result<size_t> OutboxStore::recover_interrupted(sys_seconds now) {
    try {
        SQLite::Transaction transaction(db_.sql(), SQLite::TransactionBehavior::IMMEDIATE);
        const int64_t at = seconds_of(now);
        SQLite::Statement log(db_.sql(),
                              "INSERT INTO delivery_attempts (delivery_id, started_at, finished_at, outcome, detail) "
                              "SELECT id, updated_at, ?, 'interrupted', "
                              "'the process stopped during this attempt; it may have been delivered' "
                              "FROM deliveries WHERE state = 'sending'");
        log.bind(1, at);
        log.exec();
        OutboxCounts::Values change;
        if (counts_) {
            SQLite::Statement sending(db_.sql(),
                                      "SELECT n.kind, COUNT(*) FROM deliveries d JOIN notifications n "
                                      "ON n.id = d.notification_id WHERE d.state = 'sending' GROUP BY 1");
            while (sending.executeStep()) {
                const std::string kind = sending.getColumn(0).getString();
                const int64_t n = sending.getColumn(1).getInt64();
                change.deliveries[{kind, "sending"}] -= n;
                change.deliveries[{kind, "pending"}] += n;
            }
        }
        SQLite::Statement reset(db_.sql(),
                                "UPDATE deliveries SET state = 'pending', next_attempt_at = ?, updated_at = ?, "
                                "last_error = 'interrupted' WHERE state = 'sending'");
        reset.bind(1, at);
        reset.bind(2, at);
        const int changed = reset.exec();
        transaction.commit();
        if (counts_) counts_->apply(change);
        return static_cast<size_t>(changed);
    } catch (const std::exception& e) {
        return db_.error(e);
    }
}

// The webhook body `payload` as one agency's copy: its text and its answer link.
static std::string payload_for_copy(const std::string& payload, const std::string& text, const std::string& answer_url) {
    nlohmann::json body = nlohmann::json::parse(payload, nullptr, false);
    if (!body.is_object() || !body.contains("data") || !body["data"].is_object()) return payload;
    body["data"]["text"] = text;
    body["data"]["answer_url"] = answer_url.empty() ? nlohmann::json(nullptr) : nlohmann::json(answer_url);
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The statements of the delivery loop, prepared once: they run on every round trip.
struct OutboxStore::Statements {
    explicit Statements(SQLite::Database& db)
        : update(db,
                 "UPDATE deliveries SET state = ?, attempts = ?, first_attempt_at = ?, next_attempt_at = ?, "
                 "last_error = ?, updated_at = ? WHERE id = ?"),
          log(db,
              "INSERT INTO delivery_attempts (delivery_id, started_at, finished_at, outcome, detail) "
              "VALUES (?, ?, ?, ?, ?)"),
          // The due deliveries come from the partial index in its order, so a
          // claim reads only the rows it takes, however long the queue; and
          // only the columns its channel sends.
          due(db,
              "WITH due AS (SELECT id FROM deliveries INDEXED BY deliveries_due "
              "WHERE state IN ('pending', 'retrying') AND next_attempt_at <= ? "
              "ORDER BY next_attempt_at, id LIMIT ?) "
              "SELECT d.id, d.channel, d.address, d.agency, d.attempts, d.first_attempt_at, n.id, n.key, n.subject, "
              "COALESCE(c.text_body, n.text_body), CASE d.channel WHEN 'email' THEN COALESCE(c.html_body, n.html_body) END, "
              "CASE d.channel WHEN 'email' THEN n.mail_to END, CASE d.channel WHEN 'email' THEN n.mail_cc END, "
              "CASE d.channel WHEN 'webhook' THEN n.payload END, n.message_id, n.thread_id, "
              "c.agency, COALESCE(c.answer_url, n.answer_url) "
              "FROM due JOIN deliveries d ON d.id = due.id JOIN notifications n ON n.id = d.notification_id "
              "LEFT JOIN notification_copies c ON c.notification_id = n.id AND c.agency = d.agency "
              "ORDER BY d.next_attempt_at, d.id"),
          claim(db, "UPDATE deliveries SET state = 'sending', updated_at = ? WHERE id = ?"),
          release(db,
                  "UPDATE deliveries SET state = CASE attempts WHEN 0 THEN 'pending' ELSE 'retrying' END, "
                  "updated_at = ? WHERE id = ? AND state = 'sending'") {}
    SQLite::Statement update, log, due, claim, release;
};

OutboxStore::OutboxStore(Database& db) : db_(db) {}
OutboxStore::~OutboxStore() = default;

Result<std::vector<DeliveryJob>> OutboxStore::record_and_claim(const std::vector<AttemptRecord>& done,
                                                               const std::vector<int64_t>& released,
                                                               sys_seconds now, size_t limit) {
    try {
        if (!statements_) statements_ = std::make_unique<Statements>(db_.sql());
        Statements& st = *statements_;
        SQLite::Transaction transaction(db_.sql(), SQLite::TransactionBehavior::IMMEDIATE);
        OutboxCounts::Values change;
        std::optional<SQLite::Statement> counted;
        if (counts_) counted.emplace(db_.sql(), kCountedDelivery);
        for (const auto& r : done) {
            if (counted) tally(*counted, r.delivery_id, -1, change);
            st.update.bind(1, std::string(to_string(r.state)));
            st.update.bind(2, r.attempts);
            st.update.bind(3, seconds_of(r.first_attempt_at));
            st.update.bind(4, seconds_of(r.next_attempt_at));
            st.update.bind(5, r.state == DeliveryState::sent ? std::string() : r.result.detail);
            st.update.bind(6, seconds_of(r.finished));
            st.update.bind(7, r.delivery_id);
            st.update.exec();
            st.update.reset();
            if (counted) tally(*counted, r.delivery_id, 1, change);
            st.log.bind(1, r.delivery_id);
            st.log.bind(2, seconds_of(r.started));
            st.log.bind(3, seconds_of(r.finished));
            st.log.bind(4, outcome_name(r.result.outcome));
            st.log.bind(5, r.result.detail);
            st.log.exec();
            st.log.reset();
        }
        for (const int64_t id : released) {
            if (counted) tally(*counted, id, -1, change);
            st.release.bind(1, seconds_of(now));
            st.release.bind(2, id);
            st.release.exec();
            st.release.reset();
            if (counted) tally(*counted, id, 1, change);
        }
        std::vector<DeliveryJob> jobs;
        if (limit > 0) {
            st.due.bind(1, seconds_of(now));
            st.due.bind(2, static_cast<int64_t>(limit));
            // One content per notification, channel and copy, shared by its deliveries.
            std::map<std::tuple<int64_t, ChannelKind, std::string>, std::shared_ptr<const DeliveryContent>> contents;
            while (st.due.executeStep()) {
                DeliveryJob job;
                job.delivery_id = st.due.getColumn(0).getInt64();
                job.channel = channel_kind_from_string(st.due.getColumn(1).getString()).value_or(ChannelKind::none);
                job.address = st.due.getColumn(2).getString();
                job.agency = st.due.getColumn(3).getString();
                job.attempts = st.due.getColumn(4).getInt();
                if (!st.due.getColumn(5).isNull()) job.first_attempt_at = time_of(st.due.getColumn(5).getInt64());
                const bool copied = !st.due.getColumn(16).isNull();
                auto& content =
                    contents[{st.due.getColumn(6).getInt64(), job.channel, copied ? job.agency : std::string()}];
                if (!content) {
                    auto c = std::make_shared<DeliveryContent>();
                    c->key = st.due.getColumn(7).getString();
                    c->subject = st.due.getColumn(8).getString();
                    if (job.channel == ChannelKind::email) {
                        c->text = st.due.getColumn(9).getString();
                        c->html = st.due.getColumn(10).getString();
                        c->mail_to = mailboxes_from(st.due.getColumn(11).getString());
                        c->mail_cc = mailboxes_from(st.due.getColumn(12).getString());
                    } else if (copied) {
                        c->payload = payload_for_copy(st.due.getColumn(13).getString(), st.due.getColumn(9).getString(),
                                                      st.due.getColumn(17).getString());
                    } else {
                        c->payload = st.due.getColumn(13).getString();
                    }
                    c->message_id = st.due.getColumn(14).getString();
                    c->thread_id = st.due.getColumn(15).getString();
                    content = std::move(c);
                }
                job.content = content;
                jobs.push_back(std::move(job));
            }
            st.due.reset();
            for (const auto& job : jobs) {
                if (counted) tally(*counted, job.delivery_id, -1, change);
                st.claim.bind(1, seconds_of(now));
                st.claim.bind(2, job.delivery_id);
                st.claim.exec();
                st.claim.reset();
                if (counted) tally(*counted, job.delivery_id, 1, change);
            }
        }
        transaction.commit();
        if (counts_) counts_->apply(change);
        return jobs;
    } catch (const std::exception& e) {
        if (statements_) {
            statements_->due.tryReset();
            statements_->update.tryReset();
            statements_->log.tryReset();
            statements_->claim.tryReset();
            statements_->release.tryReset();
        }
        return db_.error(e);
    }
}

Result<std::optional<sys_seconds>> OutboxStore::next_due() {
    try {
        SQLite::Statement s(db_.sql(),
                            "SELECT MIN(next_attempt_at) FROM deliveries WHERE state IN ('pending', 'retrying')");
        s.executeStep();
        if (s.getColumn(0).isNull()) return std::optional<sys_seconds>{};
        return std::optional<sys_seconds>{time_of(s.getColumn(0).getInt64())};
    } catch (const std::exception& e) {
        return db_.error(e);
    }
}

Result<std::vector<OutboxRow>> OutboxStore::list(std::optional<DeliveryState> state) {
    try {
        std::vector<OutboxRow> out;
        if (state == DeliveryState::skipped) {
            SQLite::Statement s(db_.sql(),
                                "SELECT key, kind, task_code, due_at, agency, created_at, skipped_because "
                                "FROM notifications WHERE skipped_because IS NOT NULL ORDER BY due_at DESC, id DESC");
            while (s.executeStep()) {
                OutboxRow row;
                row.key = s.getColumn(0).getString();
                row.kind = s.getColumn(1).getString();
                row.task_code = s.getColumn(2).getString();
                row.due_at = time_of(s.getColumn(3).getInt64());
                row.agency = s.getColumn(4).getString();
                row.state = DeliveryState::skipped;
                row.updated_at = row.next_attempt_at = time_of(s.getColumn(5).getInt64());
                row.detail = s.getColumn(6).getString();
                out.push_back(std::move(row));
            }
            return out;
        }
        SQLite::Statement s(db_.sql(),
                            select_delivery_rows(" FROM deliveries d JOIN notifications n ON n.id = d.notification_id "
                                                 "WHERE ? = '' OR d.state = ? ORDER BY n.due_at DESC, n.id DESC, d.id"));
        const std::string wanted = state ? std::string(to_string(*state)) : std::string();
        s.bind(1, wanted);
        s.bind(2, wanted);
        while (s.executeStep()) out.push_back(delivery_row(s));
        return out;
    } catch (const std::exception& e) {
        return db_.error(e);
    }
}

Result<std::vector<UndeliverableNotice>> OutboxStore::dead_since(sys_seconds since) {
    try {
        std::vector<UndeliverableNotice> out;
        SQLite::Statement s(db_.sql(),
                            "SELECT d.agency, d.channel, d.address, n.subject, d.last_error, n.key "
                            "FROM deliveries d JOIN notifications n ON n.id = d.notification_id "
                            "WHERE d.state = 'dead' AND d.updated_at >= ? ORDER BY d.updated_at, d.id");
        s.bind(1, seconds_of(since));
        while (s.executeStep()) {
            const std::string agency = s.getColumn(0).getString();
            const auto channel = channel_kind_from_string(s.getColumn(1).getString()).value_or(ChannelKind::none);
            const std::string address = s.getColumn(2).getString();
            const std::string error = s.getColumn(4).getString();
            std::string reason;  // in Vietnamese: the digest goes to the city office
            if (channel != ChannelKind::none) reason = "Gửi không thành công: " + error;
            else if (error == "not in the agency directory") reason = "Cơ quan chưa có trong danh bạ";
            else if (error == "no email or webhook in the agency directory")
                reason = "Cơ quan chưa có địa chỉ email hoặc webhook trong danh bạ";
            else reason = "Không lập được thông báo: " + error;  // a dead letter
            std::string subject = s.getColumn(3).getString();
            if (subject.empty()) subject = s.getColumn(5).getString();  // a dead letter has no message: its key
            out.push_back({address.empty() ? agency : agency + " (" + address + ")", std::move(subject),
                           std::move(reason)});
        }
        return out;
    } catch (const std::exception& e) {
        return db_.error(e);
    }
}

}  // namespace nhacviec
