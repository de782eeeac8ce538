#include "common/password_hash.h"

#include <sodium.h>

#include <mutex>
#include <vector>

#include "common/base64.h"

namespace nhacviec {
namespace {

// sodium_init() before anything else of libsodium; safe to call again and from any thread.
bool sodium_ready() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

// The cost of a new hash: argon2id with 19 MiB and two passes (OWASP's
// recommended minimum for argon2id). A hash made earlier keeps the cost
// written in it (libsodium reads it back from the string).
constexpr unsigned long long kHashPasses = 2;
constexpr std::size_t kHashMemoryBytes = 19 * 1024 * 1024;

// One password computation at a time in the process: each holds its memory
// cost for about a tenth of a second, and logins arriving together must not
// add those up in the daemon's resident memory.
std::mutex& hashing_turn() {
    static std::mutex turn;
    return turn;
}

}  // namespace

std::string password_problem(std::string_view password) {
    if (password.size() < kMinPasswordLength)
        return "a password needs at least " + std::to_string(kMinPasswordLength) + " characters";
    if (password.size() > kMaxPasswordLength)
        return "a password may have at most " + std::to_string(kMaxPasswordLength) + " bytes";
    for (const char c : password) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) return "a password may not contain control characters";
    }
    return "";
}

Result<std::string> hash_password(std::string_view password) {
    if (!sodium_ready()) return Error{"libsodium cannot be initialised"};
    char out[crypto_pwhash_STRBYTES];
    const std::lock_guard turn(hashing_turn());
    if (crypto_pwhash_str(out, password.data(), password.size(), kHashPasses, kHashMemoryBytes) != 0)
        return Error{"cannot hash a password: out of memory"};
    return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
    if (!sodium_ready() || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    const std::string terminated(hash);  // libsodium reads a C string
    const std::lock_guard turn(hashing_turn());
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::string random_secret(std::size_t bytes) {
    sodium_ready();
    std::vector<unsigned char> buffer(bytes);
    randombytes_buf(buffer.data(), buffer.size());
    return base64url_encode(std::string_view(reinterpret_cast<const char*>(buffer.data()), buffer.size()));
}

}  // namespace nhacviec
