// Standard Webhooks signatures, on OpenSSL's HMAC-SHA256.
#include "channels/webhook_signature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "common/base64.h"

namespace nhacviec {

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
