// Form tokens: the hidden field of every answer form on the agency's page. A
// token is a fresh random identifier and a MAC binding it to the answer link
// the page was served for, under the link secret. Only a page the daemon
// served for that link can post to it (a cross-site form cannot make one),
// and the identifier names the submission, so that the same form sent twice
// is recorded once. Replacing the secret revokes them with the links. Pure
// but for the random bytes of a new token.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "links/answer_link.h"

namespace nhacviec {

// How many characters a form token has: 22 for the identifier, a dot, 22 for the MAC.
inline constexpr std::size_t kFormTokenLength = 45;

// A new token for a form of the page of `link_token`.
Result<std::string> issue_form_token(const LinkSecret& secret, std::string_view link_token);

// Whether `form_token` was issued under `secret` for `link_token` (compared in constant time).
bool check_form_token(const LinkSecret& secret, std::string_view link_token, std::string_view form_token);

}  // namespace nhacviec
