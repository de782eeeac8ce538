// SHA-256 (OpenSSL's libcrypto), for identifiers derived from a
// notification's stable key (its Message-ID and its webhook id), for
// comparing secrets (bearer tokens, calendar addresses) in constant time,
// and HMAC-SHA256 for what the daemon signs (answer links, form tokens,
// webhook bodies).
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace nhacviec {

// The SHA-256 digest of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

// The raw SHA-256 digest of `bytes`.
using Sha256Digest = std::array<unsigned char, 32>;
Sha256Digest sha256(std::string_view bytes);

// HMAC-SHA256 (RFC 2104) of `message` under `key` (an empty key is allowed).
Sha256Digest hmac_sha256(std::string_view key, std::string_view message);

// The index of the secret in `secrets` equal to `presented`, or nullopt.
// Compares the digests (all the same length) of every secret with
// CRYPTO_memcmp, without stopping at a match, so that the time taken says
// nothing about the secrets' lengths or contents, nor which one matched.
std::optional<size_t> find_secret(std::span<const std::string_view> secrets, std::string_view presented);

}  // namespace nhacviec
