// A file answered as a download (the console's report files and periodic
// reports): Content-Disposition "attachment" under a name a browser can
// save, and headers that keep the browser from rendering or sharing it.
// Pure: bytes in, a response out.
#pragma once

#include <string>

#include "web/http_message.h"

namespace nhacviec::web {

// The Content-Disposition of a download named `name`: the name itself when it is plain ASCII (letters, digits,
// '.', '-', '_'), else an ASCII fallback and the UTF-8 name (RFC 6266, 8187).
std::string attachment_header(const std::string& name);

// A 200 answer carrying `bytes` of `media_type` as a download named `name`, never cached or rendered.
HttpResponse download_response(std::string media_type, std::string bytes, const std::string& name);

}  // namespace nhacviec::web
