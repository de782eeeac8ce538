// nhacviec feed AGENCY [--reset | --revoke] | feed --list: the secret
// calendar address of an agency (made on first use), a new one in its place
// (the old one stops working at once), none at all, or every agency's.
#include <ostream>

#include "cli/command_list.h"
#include "cli/setup.h"
#include "common/text.h"
#include "storage/feed_token_store.h"

namespace nhacviec::cli {

namespace {

// The address the service serves a token's calendar at, on its [api] listen address.
std::string feed_address(const Config& config, const std::string& token) {
    return "http://" + config.api.listen.address + ":" + std::to_string(config.api.listen.port) +
           "/calendar/private/" + token + ".ics";
}

}  // namespace

int run_feed(Invocation& inv) {
    std::vector<std::string> names;
    bool list = false, reset = false, revoke = false;
    for (const auto& arg : inv.args) {
        if (arg == "--list") list = true;
        else if (arg == "--reset") reset = true;
        else if (arg == "--revoke") revoke = true;
        else if (!arg.starts_with("-")) names.push_back(arg);
        else return inv.err << usage("feed"), kExitUsage;
    }
    if (list ? !names.empty() || reset || revoke : names.size() != 1 || (reset && revoke))
        return inv.err << usage("feed"), kExitUsage;

    auto config = app::load_configuration(inv.options);
    if (!config) return inv.err << "nhacviec: " << config.error().message << "\n", kExitFailure;
    auto directory = app::load_directory(*config);
    if (!directory) return inv.err << "nhacviec: " << directory.error().message << "\n", kExitFailure;
    auto db = Database::open_existing(app::database_path(inv.options, *config));
    if (!db) return inv.err << "nhacviec: " << db.error().message << "\n", kExitFailure;
    FeedTokenStore store(*db);

    if (list) {
        auto tokens = store.list();
        if (!tokens) return inv.err << "nhacviec: " << tokens.error().message << "\n", kExitFailure;
        for (const auto& t : *tokens)
            inv.out << text::visible(t.agency) << "  " << feed_address(*config, text::visible(t.token)) << "  (since "
                    << text::visible(t.created_at) << ")\n";
        inv.out << tokens->size() << " secret calendar addresses\n";
        return kExitOk;
    }
    const Agency* agency = directory->find(names[0]);
    if (!agency) return inv.err << "nhacviec: unknown agency \"" << names[0] << "\"\n", kExitFailure;
    if (revoke) {
        auto revoked = store.revoke(agency->name);
        if (!revoked) return inv.err << "nhacviec: " << revoked.error().message << "\n", kExitFailure;
        inv.out << agency->name << ": "
                << (*revoked ? "secret calendar address revoked" : "had no secret calendar address") << "\n";
        return kExitOk;
    }
    auto token = reset ? store.replace(agency->name, now_iso8601()) : store.get_or_make(agency->name, now_iso8601());
    if (!token) return inv.err << "nhacviec: " << token.error().message << "\n", kExitFailure;
    inv.out << agency->name << ": " << feed_address(*config, token->token) << "\n";
    if (reset) inv.out << "the previous address no longer works\n";
    return kExitOk;
}

}  // namespace nhacviec::cli
