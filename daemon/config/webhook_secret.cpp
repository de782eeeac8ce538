// Standard Webhooks secrets: the "whsec_" prefix and the base64 of the key.
#include "config/webhook_secret.h"

#include "common/base64.h"

namespace nhacviec {

namespace {

constexpr std::string_view kSecretPrefix = "whsec_";
// The lengths the specification allows for the key, in bytes.
constexpr size_t kMinKeyBytes = 24;
constexpr size_t kMaxKeyBytes = 64;

}  // namespace

Result<std::string> decode_webhook_secret(std::string_view configured) {
    if (!configured.starts_with(kSecretPrefix)) return Error{"webhook secret must start with \"whsec_\""};
    auto key = base64_decode(configured.substr(kSecretPrefix.size()));
    if (!key) return Error{"webhook secret is not valid base64 after \"whsec_\""};
    if (key->size() < kMinKeyBytes) {
        return Error{"webhook secret is too short: " + std::to_string(key->size()) + " bytes, at least " +
                     std::to_string(kMinKeyBytes) + " needed"};
    }
    if (key->size() > kMaxKeyBytes) {
        return Error{"webhook secret is too long: " + std::to_string(key->size()) + " bytes, at most " +
                     std::to_string(kMaxKeyBytes) + " allowed"};
    }
    // Copied, not moved out of the optional: GCC 12 warns (-Warray-bounds) on
    // the short-string branch of the move, which a key this long never takes.
    return std::string(key->data(), key->size());
}

}  // namespace nhacviec
