// SHA-256 (OpenSSL's libcrypto), for identifiers derived from a
// notification's stable key: its Message-ID and its webhook id.
#pragma once

#include <string>
#include <string_view>

namespace nhacviec {

// The SHA-256 digest of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace nhacviec
