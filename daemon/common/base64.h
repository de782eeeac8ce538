// Base64 (RFC 4648, standard alphabet with padding), for MIME bodies,
// RFC 2047 encoded words and webhook signatures. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nhacviec {

// The base64 text of `bytes`, on one line.
std::string base64_encode(std::string_view bytes);

// The bytes of base64 `text`; nullopt when it is not valid padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace nhacviec
