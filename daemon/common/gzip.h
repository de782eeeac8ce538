// gzip (RFC 1952) of a byte string with zlib, for HTTP's Content-Encoding.
// Plain functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace nhacviec {

// `bytes` compressed as one gzip member (zlib's default level). An error
// only when zlib cannot work (out of memory).
Result<std::string> gzip(std::string_view bytes);

}  // namespace nhacviec
