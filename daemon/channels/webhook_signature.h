// Webhook signatures as the Standard Webhooks specification defines them
// (https://www.standardwebhooks.com/): the configured secret is "whsec_"
// followed by the base64 of the key, and each request carries
//   webhook-signature: v1,<base64 of HMAC-SHA256(key, id "." timestamp "." body)>
// so that the receiver can check that the message came from us and was not
// altered or replayed. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace nhacviec {

// The key bytes of a secret as configured: "whsec_" followed by the base64
// (standard alphabet, padded) of 24 to 64 random bytes. The error says what
// is wrong (missing prefix, bad base64, too short, too long) and never
// repeats the secret itself.
Result<std::string> decode_webhook_secret(std::string_view configured);

// The webhook-signature header value for one message:
// "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)),
// `timestamp` in unix seconds.
std::string webhook_signature(std::string_view key, std::string_view id, long long timestamp, std::string_view body);

}  // namespace nhacviec
