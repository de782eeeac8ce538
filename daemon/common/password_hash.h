// Passwords of the console's accounts, through libsodium: an argon2id hash
// in its string format (salt and parameters inside, "$argon2id$v=19$m=…"),
// checked in constant time; and the random secrets the console hands out (a
// generated password, a session identifier). Hashing takes 19 MiB and
// a few hundredths of a second by design, one computation at a time in the
// process. A password is never logged nor kept. Functions callable from any
// thread.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace nhacviec {

// A password a person may choose: 10 to 1024 bytes, no control characters.
inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 1024;

// What is wrong with `password` as a new one, in English naming the rule; "" when nothing.
std::string password_problem(std::string_view password);

// The argon2id hash of `password` (19 MiB, two passes), in its string form.
Result<std::string> hash_password(std::string_view password);

// Whether `password` is the one `hash` was made from; false for a malformed hash.
bool verify_password(std::string_view hash, std::string_view password);

// `bytes` random bytes from the system's generator, as base64url without
// padding: 12 bytes give a 16-character password, 32 a 43-character session id.
std::string random_secret(std::size_t bytes);

}  // namespace nhacviec
