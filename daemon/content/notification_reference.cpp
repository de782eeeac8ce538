#include "content/notification_reference.h"

#include <cctype>

#include "common/sha256.h"

namespace nhacviec {
namespace {

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr size_t kLength = 10;

std::string grouped(std::string_view digits) {
    return "NV-" + std::string(digits.substr(0, 5)) + "-" + std::string(digits.substr(5, 5));
}

}  // namespace

std::string notification_reference(std::string_view key) {
    const Sha256Digest digest = sha256(key);
    std::string digits;
    // 50 bits, five at a time, from the first bytes of the digest.
    unsigned buffer = 0;
    int bits = 0;
    for (size_t i = 0; digits.size() < kLength; ++i) {
        buffer = (buffer << 8) | static_cast<unsigned char>(digest[i]);
        bits += 8;
        while (bits >= 5 && digits.size() < kLength) {
            bits -= 5;
            digits += kCrockford[(buffer >> bits) & 0x1f];
        }
    }
    return grouped(digits);
}

std::optional<std::string> normalize_notification_reference(std::string_view text) {
    std::string digits;
    for (const char raw : text) {
        if (raw == '-' || raw == ' ') continue;
        char c = static_cast<char>(std::toupper(static_cast<unsigned char>(raw)));
        if (c == 'O') c = '0';
        if (c == 'I' || c == 'L') c = '1';
        if (kCrockford.find(c) == std::string_view::npos) return std::nullopt;
        digits += c;
    }
    if (digits.size() == kLength + 2 && digits.starts_with("NV")) digits.erase(0, 2);
    if (digits.size() != kLength) return std::nullopt;
    return grouped(digits);
}

}  // namespace nhacviec
