// The headers every server-rendered page of people's own (the agency's answer
// page, the console) goes out with: a Content-Security-Policy that lets in
// nothing but the page's one inline style, and nothing kept in caches,
// framed or passed on as a referrer. Plain functions.
#pragma once

#include <string>
#include <string_view>

#include "web/http_message.h"

namespace nhacviec::web {

// The policy of a page whose only style is the inline `style`, allowed by its
// SHA-256; forms post to the page's own origin only.
std::string strict_page_policy(std::string_view style);

// The start of such a page, up to and including <body>: Vietnamese, sized
// for phones, no referrer, not indexed, `title` (escaped) and `style` inline.
void strict_page_head(std::string& html, std::string_view title, std::string_view style);

// `html` as an answer with `policy` and the headers above.
HttpResponse strict_page_response(unsigned status, std::string html, const std::string& policy);

}  // namespace nhacviec::web
