// Base64 (RFC 4648, standard alphabet with padding), for MIME bodies,
// RFC 2047 encoded words and webhook signatures; and its URL-safe alphabet
// without padding (RFC 4648 §5), for tokens in addresses. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nhacviec {

// The base64 text of `bytes`, on one line.
std::string base64_encode(std::string_view bytes);

// The base64url text of `bytes` ('-' and '_' for '+' and '/'), without padding.
std::string base64url_encode(std::string_view bytes);

// The bytes of base64 `text`; nullopt when it is not valid padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace nhacviec
