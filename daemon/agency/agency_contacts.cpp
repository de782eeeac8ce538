#include "agency/agency_contacts.h"

#include <algorithm>

namespace nhacviec {

namespace {

void add_unique(std::vector<std::string>& to, std::vector<std::string>& owners, const std::vector<std::string>& values,
                const std::string& owner) {
    for (const auto& v : values) {
        if (std::find(to.begin(), to.end(), v) != to.end()) continue;
        to.push_back(v);
        owners.push_back(owner);
    }
}

void collect(const AgencyDirectory& directory, const Agency& agency, AgencyContacts& out,
             std::vector<const Agency*>& seen) {
    if (std::find(seen.begin(), seen.end(), &agency) != seen.end()) return;  // the directory forbids cycles; be safe
    seen.push_back(&agency);
    add_unique(out.emails, out.email_owners, agency.emails, agency.name);
    add_unique(out.webhooks, out.webhook_owners, agency.webhooks, agency.name);
    for (const auto& member : agency.members)
        if (const Agency* m = directory.find(member)) collect(directory, *m, out, seen);
}

}  // namespace

AgencyContacts contacts_of(const AgencyDirectory& directory, std::string_view name) {
    AgencyContacts out;
    const Agency* agency = directory.find(name);
    if (!agency) return out;
    out.known = true;
    std::vector<const Agency*> seen;
    collect(directory, *agency, out, seen);
    return out;
}

std::string unreachable_reason(const AgencyContacts& contacts) {
    if (!contacts.known) return "not in the agency directory";
    if (contacts.empty()) return "no email or webhook in the agency directory";
    return "";
}

}  // namespace nhacviec
