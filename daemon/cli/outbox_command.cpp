// nhacviec outbox [--state S] [--ref REF] [--json]: the outbox's deliveries,
// newest notification first — state, attempts, the next attempt of those to
// retry and the last error — or, with --state skipped, the notifications
// catch-up recorded without sending; --ref keeps those of the notification
// whose reference ("Số tham chiếu: NV-XXXXX-XXXXX") a person quotes.
#include <optional>
#include <vector>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/command_list.h"
#include "cli/setup.h"
#include "common/clock.h"
#include "common/text.h"
#include "content/notification_reference.h"
#include "outbox/outbox_store.h"
#include "storage/database.h"

namespace nhacviec::cli {

namespace {

// "2026-12-01 08:00", for the table.
std::string short_time(std::chrono::sys_seconds time) {
    const std::string iso = format_vietnam_time(time);
    return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

}  // namespace

int run_outbox(Invocation& inv) {
    std::string state_text;
    std::string reference_text;
    bool json = false;
    for (size_t i = 0; i < inv.args.size(); ++i) {
        if (inv.args[i] == "--json") json = true;
        else if (inv.args[i] == "--ref" && i + 1 < inv.args.size()) reference_text = inv.args[++i];
        else if (inv.args[i] == "--state" && i + 1 < inv.args.size()) state_text = inv.args[++i];
        else return inv.err << usage("outbox"), kExitUsage;
    }
    std::optional<std::string> reference;
    if (!reference_text.empty()) {
        reference = normalize_notification_reference(reference_text);
        if (!reference)
            return inv.err << "nhacviec: --ref: expected a reference such as NV-7K3QD-M9XTA, not \""
                           << text::visible(reference_text) << "\"\n",
                   kExitUsage;
    }
    std::optional<DeliveryState> state;
    if (!state_text.empty()) {
        state = delivery_state_from_string(state_text);
        if (!state)
            return inv.err << "nhacviec: --state: expected pending, sending, sent, retrying, dead, cancelled or skipped, "
                              "not \""
                           << state_text << "\"\n",
                   kExitUsage;
    }

    auto config = app::load_configuration(inv.options);
    if (!config) return inv.err << "nhacviec: " << config.error().message << "\n", kExitFailure;
    auto db = Database::open_existing(app::database_path(inv.options, *config));
    if (!db) return inv.err << "nhacviec: " << db.error().message << "\n", kExitFailure;
    OutboxStore store(*db);
    auto rows = store.list(state);
    if (!rows) return inv.err << "nhacviec: " << rows.error().message << "\n", kExitFailure;
    if (reference)
        std::erase_if(*rows, [&](const OutboxRow& r) { return notification_reference(r.key) != *reference; });

    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& r : *rows) {
            nlohmann::json row = {{"key", r.key},           {"reference", notification_reference(r.key)},
                                  {"kind", r.kind},
                                  {"task", r.task_code},    {"due_at", format_vietnam_time(r.due_at)},
                                  {"agency", r.agency},     {"channel", r.channel ? to_string(*r.channel) : ""},
                                  {"address", r.address},   {"state", to_string(r.state)},
                                  {"attempts", r.attempts}, {"updated_at", format_vietnam_time(r.updated_at)},
                                  {"detail", r.detail}};
            if (r.state == DeliveryState::retrying || r.state == DeliveryState::pending)
                row["next_attempt_at"] = format_vietnam_time(r.next_attempt_at);
            out.push_back(std::move(row));
        }
        inv.out << out.dump(2) << "\n";
        return kExitOk;
    }
    for (const auto& r : *rows) {
        inv.out << short_time(r.due_at) << "  " << to_string(r.state) << "  " << text::visible(r.key);
        if (r.channel)
            inv.out << "  " << to_string(*r.channel) << (r.address.empty() ? "" : " " + text::visible(r.address));
        if (r.attempts) inv.out << "  " << r.attempts << (r.attempts == 1 ? " attempt" : " attempts");
        if (r.state == DeliveryState::retrying) inv.out << ", next " << short_time(r.next_attempt_at);
        if (!r.detail.empty()) inv.out << "  (" << text::visible(r.detail) << ")";
        inv.out << "\n";
    }
    inv.out << rows->size() << (state == DeliveryState::skipped ? " notifications" : " deliveries")
            << (state ? " " + std::string(to_string(*state)) : std::string()) << "\n";
    return kExitOk;
}

}  // namespace nhacviec::cli
