// OutboxStore: the outbox tables of the database (schema 0003). Entries are
// added before anything is sent; deliveries are claimed (state "sending")
// before they go out and their outcome is recorded after, each attempt
// logged. Claiming and recording share one transaction, so a busy outbox
// commits once per round trip to the channels. Borrows the Database; used by
// one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "channels/channel.h"
#include "channels/channel_kind.h"
#include "channels/delivery_result.h"
#include "common/result.h"
#include "content/digest_context.h"
#include "outbox/delivery_state.h"
#include "outbox/outbox_counts.h"
#include "outbox/outbox_entry.h"
#include "storage/database.h"

namespace SQLite {
class Statement;
}

namespace nhacviec {

// One delivery claimed for sending. Owned by the dispatcher until its outcome is recorded.
struct DeliveryJob {
    int64_t delivery_id = 0;
    ChannelKind channel = ChannelKind::email;  // email or webhook
    std::string address;
    std::string agency;
    int attempts = 0;  // before this one
    std::optional<std::chrono::sys_seconds> first_attempt_at;
    std::shared_ptr<const DeliveryContent> content;
};

// The outcome of one attempt, and the state it leaves the delivery in.
struct AttemptRecord {
    int64_t delivery_id = 0;
    std::chrono::sys_seconds started{}, finished{};
    DeliveryResult result;
    DeliveryState state = DeliveryState::dead;  // sent, retrying or dead
    int attempts = 0;                            // including this one
    std::chrono::sys_seconds first_attempt_at{};
    std::chrono::sys_seconds next_attempt_at{};  // for retrying; otherwise `finished`
};

// One line of `nhacviec outbox`.
struct OutboxRow {
    std::string key;
    std::string kind;
    std::string task_code;
    std::chrono::sys_seconds due_at{};
    std::string subject;
    // The delivery; for a notification skipped by catch-up: no channel, state skipped.
    std::string agency;
    std::optional<ChannelKind> channel;
    std::string address;
    DeliveryState state = DeliveryState::pending;
    int attempts = 0;
    std::chrono::sys_seconds next_attempt_at{}, updated_at{};
    std::string detail;  // the last error, or why it was skipped
};

// A notification with deliveries waiting to go out, as the refresh before
// claiming sees it (see Refresher).
struct WaitingNotification {
    int64_t id = 0;
    std::string key;
    std::string kind;
    std::string task_code;
    std::chrono::sys_seconds due_at{};
};

// What the refresh decided for one waiting notification.
struct NotificationCheck {
    int64_t id = 0;
    // Non-empty: it no longer holds; its waiting deliveries are cancelled
    // with this reason and it gives up its key.
    std::string cancelled_because;
    // Non-empty: it could not be built again; its waiting deliveries are dead with this reason.
    std::string failed;
    // Otherwise: its message as the plan now words it. Its waiting deliveries
    // to addresses no longer among the entry's are cancelled.
    OutboxEntry rebuilt;
};

// What OutboxStore::apply() changed.
struct CheckSummary {
    size_t cancelled = 0;  // deliveries
    size_t dead = 0;       // deliveries
    size_t rebuilt = 0;    // notifications
};

// What OutboxStore::add() recorded besides the entries as given.
struct AddSummary {
    size_t dead_lettered = 0;  // entries whose insert broke a constraint: kept as dead letters
    size_t not_recorded = 0;   // entries whose dead letter did not fit either: their key is taken
};

class OutboxStore {
public:
    explicit OutboxStore(Database& db);
    ~OutboxStore();

    // Keeps `counts` up to date with every change this store records from
    // now on (nullptr: none). `counts` outlives the store.
    void count_into(OutboxCounts* counts) { counts_ = counts; }

    // The keys of every notification recorded and not cancelled.
    Result<std::unordered_set<std::string>> keys();
    // Whether a notification with `key` is recorded and not cancelled: one
    // lookup in the unique index on keys.
    Result<bool> recorded(const std::string& key);
    // Records `entries` and their deliveries in one transaction: deliveries
    // pending at `now`, those to unreachable agencies and dead letters dead at
    // once. An entry whose insert breaks a constraint is recorded as a dead
    // letter with the reason instead, and the others as they are.
    Result<AddSummary> add(const std::vector<OutboxEntry>& entries, std::chrono::sys_seconds now);
    // The same, for a caller that owns the transaction (recording an answer
    // and its message together). The counts are not changed: what the entries
    // add to them goes to `change` (when given), for the caller to apply once
    // it has committed (OutboxCounts::apply).
    Result<AddSummary> add_within(const std::vector<OutboxEntry>& entries, std::chrono::sys_seconds now,
                                  OutboxCounts::Values* change);
    // The notifications, not cancelled, with a pending or retrying delivery
    // due in (after, until] (every one due by `until` when `after` is
    // nullopt), up to notification id `up_to_id`, oldest first.
    Result<std::vector<WaitingNotification>> waiting(std::optional<std::chrono::sys_seconds> after,
                                                     std::chrono::sys_seconds until, int64_t up_to_id);
    // The highest notification id so far (0 when none).
    Result<int64_t> last_id();
    // Applies `checks` in one transaction.
    Result<CheckSummary> apply(const std::vector<NotificationCheck>& checks, std::chrono::sys_seconds now);
    // Deliveries left "sending" by a process that stopped mid-send: back to
    // pending, the attempt logged as interrupted (it may have gone out).
    Result<size_t> recover_interrupted(std::chrono::sys_seconds now);
    // Records `done`, gives back `released` (claimed, never attempted: due
    // again as they were), then claims up to `limit` deliveries due at `now`
    // (oldest first) by marking them "sending" — one transaction.
    Result<std::vector<DeliveryJob>> record_and_claim(const std::vector<AttemptRecord>& done,
                                                      const std::vector<int64_t>& released,
                                                      std::chrono::sys_seconds now, size_t limit);
    // The earliest time a pending or retrying delivery is due, if any.
    Result<std::optional<std::chrono::sys_seconds>> next_due();
    // Deliveries (or, for skipped, notifications skipped by catch-up),
    // newest notification first; every delivery when `state` is nullopt.
    Result<std::vector<OutboxRow>> list(std::optional<DeliveryState> state);
    // Deliveries that went dead at or after `since`, for the weekly digest.
    Result<std::vector<UndeliverableNotice>> dead_since(std::chrono::sys_seconds since);

private:
    struct Statements;
    Database& db_;
    std::unique_ptr<Statements> statements_;  // prepared on first use
    std::unique_ptr<SQLite::Statement> recorded_;  // prepared on first use
    OutboxCounts* counts_ = nullptr;
};

}  // namespace nhacviec
