// Where an agency's notifications go: its email addresses and webhook URLs
// from the directory, and for a group those of its members too. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "agency/agency_directory.h"

namespace nhacviec {

// The addresses one agency is reached at. A plain value.
struct AgencyContacts {
    bool known = false;                // the directory has the agency
    std::vector<std::string> emails;   // without duplicates, in directory order
    std::vector<std::string> webhooks;
    // The canonical name of the entry each address belongs to (the agency
    // itself, or the member of a group that lists it): email_owners[i] owns
    // emails[i], webhook_owners[i] owns webhooks[i].
    std::vector<std::string> email_owners, webhook_owners;
    bool empty() const { return emails.empty() && webhooks.empty(); }
};

// The contacts of the agency named `name` (a canonical name or alias); a
// group's own addresses come first, then its members', recursively; an
// address listed twice counts once, for the first entry that lists it.
AgencyContacts contacts_of(const AgencyDirectory& directory, std::string_view name);

// Why an agency cannot be reached, for the outbox and `check`: "not in the
// agency directory", "no email or webhook in the agency directory"; "" when
// it can be.
std::string unreachable_reason(const AgencyContacts& contacts);

}  // namespace nhacviec
