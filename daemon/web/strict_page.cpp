#include "web/strict_page.h"

#include <utility>

#include "common/base64.h"
#include "common/sha256.h"

namespace nhacviec::web {

std::string strict_page_policy(std::string_view style) {
    const Sha256Digest digest = sha256(style);
    const std::string hash = base64_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
    return "default-src 'none'; style-src 'sha256-" + hash +
           "'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
}

HttpResponse strict_page_response(unsigned status, std::string html, const std::string& policy) {
    HttpResponse r{status, "text/html; charset=utf-8", std::move(html), {}};
    r.headers.emplace_back("Content-Security-Policy", policy);
    r.headers.emplace_back("Cache-Control", "no-store");
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("X-Frame-Options", "DENY");
    return r;
}

}  // namespace nhacviec::web
