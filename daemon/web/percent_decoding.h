// Percent-decoding (RFC 3986 %XX) of request targets and of
// application/x-www-form-urlencoded bodies. A pure function, used by the
// API's target parser and the form reader.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nhacviec::web {

// `in` with each %XX decoded (and '+' as a space when `plus_is_space`, as in
// query strings and form bodies); nullopt at a '%' not followed by two
// hexadecimal digits.
std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space);

}  // namespace nhacviec::web
