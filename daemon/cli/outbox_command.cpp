// nhacviec outbox [--state S] [--json]: the outbox's deliveries, newest
// notification first — state, attempts, the next attempt of those to retry
// and the last error — or, with --state skipped, the notifications catch-up
// recorded without sending.
#include <array>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/command_list.h"
#include "cli/setup.h"
#include "common/clock.h"
#include "common/text.h"
#include "outbox/outbox_store.h"
#include "storage/database.h"

namespace nhacviec::cli {

namespace {

constexpr std::array<std::string_view, 7> kStates = {"pending", "sending",   "sent",   "retrying",
                                                    "dead",    "cancelled", "skipped"};

// "2026-12-01 08:00", for the table.
std::string short_time(std::chrono::sys_seconds time) {
    const std::string iso = format_vietnam_time(time);
    return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

}  // namespace

int run_outbox(Invocation& inv) {
    std::string state;
    bool json = false;
    for (size_t i = 0; i < inv.args.size(); ++i) {
        if (inv.args[i] == "--json") json = true;
        else if (inv.args[i] == "--state" && i + 1 < inv.args.size()) state = inv.args[++i];
        else return inv.err << usage("outbox"), kExitUsage;
    }
    if (!state.empty() && std::find(kStates.begin(), kStates.end(), state) == kStates.end())
        return inv.err << "nhacviec: --state: expected pending, sending, sent, retrying, dead, cancelled or skipped, not \""
                       << state << "\"\n",
               kExitUsage;

    auto config = app::load_configuration(inv.options);
    if (!config) return inv.err << "nhacviec: " << config.error().message << "\n", kExitFailure;
    auto db = Database::open_existing(app::database_path(inv.options, *config));
    if (!db) return inv.err << "nhacviec: " << db.error().message << "\n", kExitFailure;
    OutboxStore store(*db);
    auto rows = store.list(state);
    if (!rows) return inv.err << "nhacviec: " << rows.error().message << "\n", kExitFailure;

    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& r : *rows) {
            nlohmann::json row = {{"key", r.key},           {"kind", r.kind},
                                  {"task", r.task_code},    {"due_at", format_vietnam_time(r.due_at)},
                                  {"agency", r.agency},     {"channel", r.channel},
                                  {"address", r.address},   {"state", r.state},
                                  {"attempts", r.attempts}, {"updated_at", format_vietnam_time(r.updated_at)},
                                  {"detail", r.detail}};
            if (r.state == "retrying" || r.state == "pending")
                row["next_attempt_at"] = format_vietnam_time(r.next_attempt_at);
            out.push_back(std::move(row));
        }
        inv.out << out.dump(2) << "\n";
        return kExitOk;
    }
    for (const auto& r : *rows) {
        inv.out << short_time(r.due_at) << "  " << text::visible(r.state) << "  " << text::visible(r.key);
        if (!r.channel.empty())
            inv.out << "  " << text::visible(r.channel) << (r.address.empty() ? "" : " " + text::visible(r.address));
        if (r.attempts) inv.out << "  " << r.attempts << (r.attempts == 1 ? " attempt" : " attempts");
        if (r.state == "retrying") inv.out << ", next " << short_time(r.next_attempt_at);
        if (!r.detail.empty()) inv.out << "  (" << text::visible(r.detail) << ")";
        inv.out << "\n";
    }
    inv.out << rows->size() << (state == "skipped" ? " notifications" : " deliveries")
            << (state.empty() ? std::string() : " " + state) << "\n";
    return kExitOk;
}

}  // namespace nhacviec::cli
