#include "links/form_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>

#include "common/base64.h"

namespace nhacviec {
namespace {

constexpr std::size_t kIdentifierBytes = 16;
constexpr std::size_t kMacBytes = 16;

std::string to_base64url(std::string_view bytes) {
    std::string out = base64_encode(bytes);
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
    return out;
}

// The MAC of identifier `identifier` (as written in the token) for `link_token`, base64url.
std::string mac_of(const LinkSecret& secret, std::string_view link_token, std::string_view identifier) {
    std::string message = "nhacviec answer form v1\n";
    message.append(link_token);
    message += '\n';
    message.append(identifier);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.bytes.data(), static_cast<int>(secret.bytes.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(), &length);
    return to_base64url(std::string_view(reinterpret_cast<const char*>(digest.data()), kMacBytes));
}

}  // namespace

Result<std::string> issue_form_token(const LinkSecret& secret, std::string_view link_token) {
    std::array<unsigned char, kIdentifierBytes> random{};
    if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1)
        return Error{"cannot draw random bytes for a form token"};
    const std::string identifier = to_base64url(std::string_view(reinterpret_cast<const char*>(random.data()),
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
