// Standard Webhooks secrets and signatures, on OpenSSL's HMAC-SHA256.
#include "channels/webhook_signature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

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

std::string webhook_signature(std::string_view key, std::string_view id, long long timestamp, std::string_view body) {
    std::string signed_content;
    signed_content.reserve(id.size() + body.size() + 24);
    signed_content.append(id).append(".").append(std::to_string(timestamp)).append(".").append(body);

    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_size = 0;
    // An empty key is valid for HMAC but OpenSSL wants a non-null pointer.
    static constexpr unsigned char kEmpty = 0;
    const void* key_bytes = key.empty() ? static_cast<const void*>(&kEmpty) : key.data();
    HMAC(EVP_sha256(), key_bytes, static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(signed_content.data()), signed_content.size(), mac, &mac_size);
    return "v1," + base64_encode(std::string_view(reinterpret_cast<const char*>(mac), mac_size));
}

}  // namespace nhacviec
