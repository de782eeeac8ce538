// Standard Webhooks signatures, on OpenSSL's HMAC-SHA256.
#include "channels/webhook_signature.h"

#include "common/base64.h"
#include "common/sha256.h"

namespace nhacviec {

std::string webhook_signature(std::string_view key, std::string_view id, long long timestamp, std::string_view body) {
    std::string signed_content;
    signed_content.reserve(id.size() + body.size() + 24);
    signed_content.append(id).append(".").append(std::to_string(timestamp)).append(".").append(body);

    const Sha256Digest mac = hmac_sha256(key, signed_content);
    return "v1," + base64_encode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
}

}  // namespace nhacviec
