// Webhook signatures as the Standard Webhooks specification defines them
// (https://www.standardwebhooks.com/): the key is the decoded configured
// secret (config/webhook_secret.h), and each request carries
//   webhook-signature: v1,<base64 of HMAC-SHA256(key, id "." timestamp "." body)>
// so that the receiver can check that the message came from us and was not
// altered or replayed. Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace nhacviec {

// The webhook-signature header value for one message:
// "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)),
// `timestamp` in unix seconds.
std::string webhook_signature(std::string_view key, std::string_view id, long long timestamp, std::string_view body);

}  // namespace nhacviec
