// The channel registry, the one mapping of channel kinds and delivery states
// to the outbox's strings, and a dispatcher that asks the registry for the
// channel of each delivery (a fake channel, a kind nobody delivers).
#include <catch2/catch.hpp>

#include <algorithm>
#include <mutex>

#include "channels/channel_kind.h"
#include "channels/channel_registry.h"
#include "outbox/delivery_state.h"
#include "outbox/dispatcher.h"
#include "storage/database.h"
#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;
using std::chrono::sys_seconds;

namespace {

// Records what it is given; refuses for good the addresses starting "refuse".
class RecordingChannel : public Channel {
public:
    DeliveryResult deliver(const ChannelDelivery& delivery, sys_seconds) override {
        std::lock_guard lock(mutex_);
        seen_.push_back(delivery.agency + " " + delivery.address + " " + delivery.content.subject);
        if (delivery.address.starts_with("refuse"))
            return {DeliveryResult::Outcome::permanent, "550 refused", std::nullopt};
        return {DeliveryResult::Outcome::sent, "250 ok", std::nullopt};
    }
    std::vector<std::string> seen() const {
        std::lock_guard lock(mutex_);
        return seen_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> seen_;
};

}  // namespace

TEST_CASE("channel kinds and delivery states map one to one to the outbox's strings", "[channels]") {
    // Each kind, its string, and back.
    for (const auto& [kind, text] : std::vector<std::pair<ChannelKind, std::string>>{
             {ChannelKind::email, "email"}, {ChannelKind::webhook, "webhook"}, {ChannelKind::none, "none"}}) {
        CHECK(to_string(kind) == text);
        CHECK(channel_kind_from_string(text) == kind);
    }
    // Each state, its string, and back.
    for (const auto& [state, text] : std::vector<std::pair<DeliveryState, std::string>>{
             {DeliveryState::pending, "pending"},
             {DeliveryState::sending, "sending"},
             {DeliveryState::sent, "sent"},
             {DeliveryState::retrying, "retrying"},
             {DeliveryState::dead, "dead"},
             {DeliveryState::cancelled, "cancelled"},
             {DeliveryState::skipped, "skipped"}}) {
        CHECK(to_string(state) == text);
        CHECK(delivery_state_from_string(text) == state);
    }
    // Unknown or differently written names are not guessed.
    CHECK_FALSE(channel_kind_from_string("Email").has_value());
    CHECK_FALSE(channel_kind_from_string("").has_value());
    CHECK_FALSE(delivery_state_from_string("done").has_value());
    CHECK_FALSE(delivery_state_from_string("SENT").has_value());
}

TEST_CASE("the configured channels deliver email and webhooks, nothing for none", "[channels]") {
    DeliveryConfig config;
    config.email.connections = 3;
    config.webhook.connections = 5;
    const ChannelRegistry registry = configured_channels(config);
    REQUIRE(registry.find(ChannelKind::email) != nullptr);
    CHECK(registry.find(ChannelKind::email)->workers == 3);
    REQUIRE(registry.find(ChannelKind::webhook) != nullptr);
    CHECK(registry.find(ChannelKind::webhook)->workers == 5);
    CHECK(registry.find(ChannelKind::none) == nullptr);
    // Without an SMTP server, every email worker shares the one mail folder.
    const auto& email = *registry.find(ChannelKind::email);
    CHECK(email.make() == email.make());
    // With one, each worker has its own SMTP connection.
    config.email.server = "smtp://127.0.0.1:2525";
    const ChannelRegistry smtp = configured_channels(config);
    CHECK(smtp.find(ChannelKind::email)->make() != smtp.find(ChannelKind::email)->make());
}

TEST_CASE("the dispatcher delivers through the registered channel and kills a kind nobody delivers", "[channels]") {
    TempDir dir;
    auto db = Database::open(dir / "nv.db");
    REQUIRE(db.ok());
    OutboxStore store(*db);
    const sys_seconds start = *parse_vietnam_time("2026-12-01T08:00");

    OutboxEntry entry;
    entry.key = "90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính";
    entry.task_code = "I.3";
    entry.agency = "Sở Tài chính";
    entry.due_at = start;
    entry.message = {"Nhắc việc", "Nội dung", "<p>Nội dung</p>"};
    entry.payload = R"({"type":"nhacviec.reminder"})";
    entry.message_id = "<m1@haiphong.example>";
    entry.deliveries = {{"Sở Tài chính", ChannelKind::email, "so-tai-chinh@haiphong.example", ""},
                        {"Sở Xây dựng", ChannelKind::email, "refuse@haiphong.example", ""},
                        {"Sở Tài chính", ChannelKind::webhook, "http://127.0.0.1:1/hook", ""}};
    REQUIRE(store.add({entry}, start).ok());

    auto channel = std::make_shared<RecordingChannel>();
    ChannelRegistry registry;
    registry.add(ChannelKind::email, 2, [channel] { return channel; });
    DeliveryConfig config;
    FakeClock clock(start);
    Dispatcher dispatcher(store, config, std::move(registry), clock, [] { return 0.5; });
    auto summary = dispatcher.deliver_due();
    REQUIRE(summary.ok());
    CHECK(summary->sent == 1);
    CHECK(summary->dead == 2);
    CHECK(summary->retrying == 0);

    auto seen = channel->seen();
    std::sort(seen.begin(), seen.end());
    CHECK(seen == std::vector<std::string>{"Sở Tài chính so-tai-chinh@haiphong.example Nhắc việc",
                                           "Sở Xây dựng refuse@haiphong.example Nhắc việc"});
    auto dead = store.list(DeliveryState::dead);
    REQUIRE(dead.ok());
    REQUIRE(dead->size() == 2);
    std::vector<std::string> details;
    for (const auto& row : *dead) details.push_back(std::string(to_string(*row.channel)) + ": " + row.detail);
    std::sort(details.begin(), details.end());
    CHECK(details == std::vector<std::string>{"email: 550 refused", "webhook: no channel delivers webhook"});
}
