#include "links/answer_link.h"

#include <openssl/crypto.h>

#include <array>
#include <chrono>

#include "common/base64.h"
#include "common/sha256.h"

namespace nhacviec {
namespace {

constexpr unsigned char kVersion = 1;
constexpr std::size_t kMacBytes = 16;
constexpr std::uint32_t kLastDay = 200000;  // days since 1970: no link is valid past the year 2517
constexpr std::size_t kTokenBytes = 1 + 8 + 1 + 2 + 4 + kMacBytes;  // version, task, slot, period, expiry, MAC

std::uint32_t day_number(Date d) {
    return static_cast<std::uint32_t>(std::chrono::sys_days{d}.time_since_epoch().count());
}

// The fields before the MAC, big-endian.
std::string packed_fields(std::int64_t task_id, std::uint8_t slot, std::uint16_t period, Date expires) {
    std::string out;
    out += static_cast<char>(kVersion);
    const auto id = static_cast<std::uint64_t>(task_id);
    for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((id >> shift) & 0xff);
    out += static_cast<char>(slot);
    out += static_cast<char>(period >> 8);
    out += static_cast<char>(period & 0xff);
    const std::uint32_t day = day_number(expires);
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((day >> shift) & 0xff);
    return out;
}

// HMAC-SHA256 of the packed fields and of what they stand for, cut to 16 bytes.
std::string mac_of(const LinkSecret& secret, const std::string& fields, const LinkSubject& s) {
    std::string message = "nhacviec answer link v1\n" + fields + "\n" + s.plan_number + "\n" +
                          std::to_string(s.plan_year) + "\n" + s.task_code + "\n" + s.agency + "\n";
    const Sha256Digest digest = hmac_sha256(secret.bytes, message);
    return std::string(reinterpret_cast<const char*>(digest.data()), kMacBytes);
}

}  // namespace

std::string issue_link_token(const LinkSecret& secret, const LinkSubject& subject) {
    const std::string fields = packed_fields(subject.task_id, subject.agency_slot, subject.period, subject.expires);
    return base64url_encode(fields + mac_of(secret, fields, subject));
}

Result<LinkToken> parse_link_token(std::string_view text) {
    const Error malformed{"not an answer link"};
    if (text.size() != kLinkTokenLength) return malformed;
    std::string standard(text);
    for (char& c : standard) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return malformed;
        c = c == '-' ? '+' : c == '_' ? '/' : c;
    }
    const auto bytes = base64_decode(standard + "=");
    // The last character has two bits to spare: only the encoding with them clear is a token.
    if (!bytes || bytes->size() != kTokenBytes || base64url_encode(*bytes) != text) return malformed;
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>((*bytes)[i]); };
    if (byte(0) != kVersion) return malformed;
    LinkToken token;
    std::uint64_t id = 0;
    for (std::size_t i = 1; i <= 8; ++i) id = id << 8 | byte(i);
    token.task_id = static_cast<std::int64_t>(id);
    token.agency_slot = byte(9);
    token.period = static_cast<std::uint16_t>(byte(10) << 8 | byte(11));
    std::uint32_t day = 0;
    for (std::size_t i = 12; i < 16; ++i) day = day << 8 | byte(i);
    if (day > kLastDay) return malformed;
    token.expires = Date{std::chrono::sys_days{std::chrono::days{day}}};
    token.fields = bytes->substr(0, 16);
    token.mac = bytes->substr(16);
    return token;
}

LinkCheck check_link_token(const LinkSecret& secret, const LinkToken& token, const LinkSubject& subject, Date today) {
    // The MAC covers the token's own bytes and the names of what the server found for them.
    const std::string expected = mac_of(secret, token.fields, subject);
    if (token.mac.size() != expected.size() ||
        CRYPTO_memcmp(token.mac.data(), expected.data(), expected.size()) != 0 || subject.task_id != token.task_id ||
        subject.agency_slot != token.agency_slot || subject.period != token.period)
        return LinkCheck::forged;
    if (today > token.expires) return LinkCheck::expired;
    return LinkCheck::valid;
}

}  // namespace nhacviec
