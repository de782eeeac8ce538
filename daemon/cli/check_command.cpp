// nhacviec check: validates the configuration, the agency directory and the
// templates; lists every agency name in the database that the directory does
// not know, every agency that has no contact (its notifications would be
// recorded as undeliverable) and every webhook without a signing secret.
#include <ostream>

#include "agency/agency_contacts.h"
#include "cli/command_list.h"
#include "cli/setup.h"
#include "common/text.h"
#include "outbox/answer_links.h"
#include "storage/database.h"
#include "storage/task_store.h"

namespace nhacviec::cli {

int run_check(Invocation& inv) {
    if (!inv.args.empty()) {
        inv.err << usage("check");
        return kExitUsage;
    }
    auto config = app::load_configuration(inv.options);
    if (!config) return inv.err << "nhacviec: " << config.error().message << "\n", kExitFailure;
    inv.out << "configuration: " << config->source << ": ok\n";
    auto directory = app::load_directory(*config);
    if (!directory) return inv.err << "nhacviec: " << directory.error().message << "\n", kExitFailure;
    inv.out << "agency directory: "
            << (config->agency_directory ? config->agency_directory->string() : std::string("built-in")) << ": "
            << directory->agencies().size() << " agencies: ok\n";
    auto templates = app::load_templates(*config);
    if (!templates) return inv.err << "nhacviec: " << templates.error().message << "\n", kExitFailure;
    inv.out << "message templates: "
            << (config->templates ? config->templates->string() : std::string("built-in")) << ": ok\n";
    const EmailConfig& email = config->delivery.email;
    inv.out << "email: " << (email.server.empty() ? "mail folder " + email.maildir.string() : email.server) << "\n";
    if (const auto warning = answer_link_warning(*config, *directory))
        inv.out << "  warning: " << text::visible(*warning) << "\n";
    bool contacts_ok = true;
    for (const auto& agency : directory->agencies())
        for (const auto& url : agency.webhooks)
            if (!config->delivery.webhook.keys.count(url)) {
                inv.out << "  webhook without a secret: " << text::visible(agency.name) << ": " << text::visible(url)
                        << " (add a [[webhook.endpoint]] to the configuration)\n";
                contacts_ok = false;
            }
    const auto no_contact = [&](const std::string& name) {
        const AgencyContacts contacts = contacts_of(*directory, name);
        if (!contacts.known || !contacts.empty()) return false;
        inv.out << "  agency without a contact: \"" << text::visible(name)
                << "\" (its notifications are recorded as undeliverable)\n";
        return true;
    };
    const AgencyRoles& roles = directory->roles();
    for (const std::string* role : {&roles.monitoring, &roles.city_office, &roles.leadership})
        if (!role->empty() && no_contact(*role)) contacts_ok = false;
    // Agencies the configuration names ([[task]] cc, [[api.token]]) must be in the directory too.
    bool config_names_known = true;
    for (const auto& message : unknown_token_agencies(config->api, *directory)) {
        inv.out << "  " << text::visible(message) << "\n";
        config_names_known = false;
    }
    for (const auto& [task, rules] : config->schedule.tasks) {
        for (const auto& name : rules.cc) {
            if (directory->find(name)) continue;
            inv.out << "  unknown agency in [[task]] " << text::visible(task) << " cc: \"" << text::visible(name) << "\"\n";
            config_names_known = false;
        }
    }

    const auto path = app::database_path(inv.options, *config);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        inv.out << "database: " << path.string() << ": not created yet (no plan imported)\n";
        return config_names_known && contacts_ok ? kExitOk : kExitFailure;
    }
    auto db = Database::open(path);
    if (!db) return inv.err << "nhacviec: " << db.error().message << "\n", kExitFailure;
    TaskStore store(*db);
    auto names = store.agency_names();
    if (!names) return inv.err << "nhacviec: " << names.error().message << "\n", kExitFailure;
    std::vector<std::string> unknown;
    for (const auto& name : *names) {
        const Agency* agency = directory->find(name);
        if (!agency) unknown.push_back(name);
        else if (agency->name != roles.monitoring && agency->name != roles.city_office &&
                 agency->name != roles.leadership && no_contact(agency->name))
            contacts_ok = false;
    }
    inv.out << "database: " << path.string() << ": " << names->size() << " agency names in tasks, " << unknown.size()
            << " not in the directory\n";
    for (const auto& name : unknown) inv.out << "  unknown agency: \"" << text::visible(name) << "\"\n";
    return unknown.empty() && config_names_known && contacts_ok ? kExitOk : kExitFailure;
}

}  // namespace nhacviec::cli
