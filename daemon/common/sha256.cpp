#include "common/sha256.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

namespace nhacviec {

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * SHA256_DIGEST_LENGTH);
    for (unsigned char b : digest) {
        out += kHex[b >> 4];
        out += kHex[b & 15];
    }
    return out;
}

Sha256Digest sha256(std::string_view bytes) {
    Sha256Digest digest;
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest.data());
    return digest;
}

Sha256Digest hmac_sha256(std::string_view key, std::string_view message) {
    Sha256Digest digest{};
    unsigned int length = 0;
    // An empty key is valid for HMAC, but OpenSSL wants a pointer that is not null.
    static constexpr unsigned char kEmpty = 0;
    const void* key_bytes = key.empty() ? static_cast<const void*>(&kEmpty) : key.data();
    HMAC(EVP_sha256(), key_bytes, static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
         message.size(), digest.data(), &length);
    return digest;
}

std::optional<size_t> find_secret(std::span<const std::string_view> secrets, std::string_view presented) {
    const Sha256Digest wanted = sha256(presented);
    size_t found = secrets.size();
    for (size_t i = 0; i < secrets.size(); ++i) {
        const Sha256Digest digest = sha256(secrets[i]);
        const int differs = CRYPTO_memcmp(digest.data(), wanted.data(), digest.size());
        // The first match is kept; every secret is hashed and compared all the same.
        found = differs == 0 && found == secrets.size() ? i : found;
    }
    if (found == secrets.size()) return std::nullopt;
    return found;
}

}  // namespace nhacviec
