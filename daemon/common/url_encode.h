// Percent-encoding of URL parts (RFC 3986): for query string values and the
// UTF-8 file names of Content-Disposition (RFC 8187). Pure.
#pragma once

#include <string>
#include <string_view>

namespace nhacviec {

// `value` with every byte but the unreserved characters (ASCII letters and
// digits, '-', '.', '_', '~') written as "%XX" in upper-case hex.
std::string url_encode(std::string_view value);

}  // namespace nhacviec
