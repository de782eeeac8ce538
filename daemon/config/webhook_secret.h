// Webhook secrets as the configuration holds them, in the form the Standard
// Webhooks specification (https://www.standardwebhooks.com/) defines:
// "whsec_" followed by the base64 of the key. The loader decodes each
// [[webhook.endpoint]] secret once; the webhook channel signs with the key
// bytes (channels/webhook_signature.h). Pure functions.
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

}  // namespace nhacviec
