// Answer links: the capability in every reminder that lets one agency answer
// for one task (and review period) without an account. A link's token packs
// the task's row id, which of the task's agencies it is for (its place among
// the lead and cooperating agencies, not its name), the period and the last
// day it is valid, and a 128-bit HMAC-SHA256 over those and over what they
// stand for (plan, task code, period, agency name, expiry) under the
// daemon's link secret. So nothing identifying the agency is readable in the
// address, a link stops working when its task or agency changes, and all
// links are revoked at once by replacing the secret. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/result.h"

namespace nhacviec {

// What a link stands for; the server finds it again from the token's task
// id and agency slot, then checks the token's MAC against it.
struct LinkSubject {
    std::int64_t task_id = 0;   // tasks.id
    std::string plan_number;    // "90/KH-UBND"
    int plan_year = 0;
    std::string task_code;      // "I.3"
    std::uint16_t period = 0;   // pack_period() of the review period; 0 for the whole task
    std::string agency;         // the agency's canonical name
    std::uint8_t agency_slot = 0;  // its place among the task's lead, then cooperating agencies
    Date expires;               // the last day the link is valid (Vietnam)
};

// What a token carries before anything is checked against the database.
struct LinkToken {
    std::int64_t task_id = 0;
    std::uint8_t agency_slot = 0;
    std::uint16_t period = 0;
    Date expires;
    std::string fields;  // the 16 bytes before the MAC, as the token carries them
    std::string mac;     // 16 bytes
};

// The secret under which links are signed: 32 bytes (link_secret.h keeps it).
struct LinkSecret {
    std::string bytes;
};

// How many characters a token has (32 bytes in unpadded base64url).
inline constexpr std::size_t kLinkTokenLength = 43;

// The token of `subject` under `secret`: 43 characters of [A-Za-z0-9_-].
std::string issue_link_token(const LinkSecret& secret, const LinkSubject& subject);

// The fields of a token, when it has the shape of one (length, alphabet,
// version, canonical encoding); an error otherwise. Says nothing about
// whether it is genuine.
Result<LinkToken> parse_link_token(std::string_view text);

// Why a token was not accepted.
enum class LinkCheck { valid, forged, expired };

// Whether `token` was issued under `secret` for `subject` (compared in
// constant time), and if so whether it is still valid on `today`.
LinkCheck check_link_token(const LinkSecret& secret, const LinkToken& token, const LinkSubject& subject, Date today);

}  // namespace nhacviec
