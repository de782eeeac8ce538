#include "links/form_token.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <array>

#include "common/base64.h"
#include "common/sha256.h"

namespace nhacviec {
namespace {

constexpr std::size_t kIdentifierBytes = 16;
constexpr std::size_t kMacBytes = 16;

// The MAC of identifier `identifier` (as written in the token) for `link_token`, base64url.
std::string mac_of(const LinkSecret& secret, std::string_view link_token, std::string_view identifier) {
    std::string message = "nhacviec answer form v1\n";
    message.append(link_token);
    message += '\n';
    message.append(identifier);
    const Sha256Digest digest = hmac_sha256(secret.bytes, message);
    return base64url_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), kMacBytes));
}

}  // namespace

Result<std::string> issue_form_token(const LinkSecret& secret, std::string_view link_token) {
    std::array<unsigned char, kIdentifierBytes> random{};
    if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1)
        return Error{"cannot draw random bytes for a form token"};
    const std::string identifier = base64url_encode(std::string_view(reinterpret_cast<const char*>(random.data()),
                                                                 random.size()));
    return identifier + "." + mac_of(secret, link_token, identifier);
}

bool check_form_token(const LinkSecret& secret, std::string_view link_token, std::string_view form_token) {
    if (form_token.size() != kFormTokenLength || form_token[22] != '.') return false;
    for (const char c : form_token.substr(0, 22))
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    const std::string expected = mac_of(secret, link_token, form_token.substr(0, 22));
    const std::string_view sent = form_token.substr(23);
    return sent.size() == expected.size() && CRYPTO_memcmp(sent.data(), expected.data(), expected.size()) == 0;
}

}  // namespace nhacviec
