#include "web/strict_page.h"

#include <utility>

#include "common/base64.h"
#include "common/sha256.h"
#include "common/text.h"

namespace nhacviec::web {

std::string strict_page_policy(std::string_view style) {
    const Sha256Digest digest = sha256(style);
    const std::string hash = base64_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
    return "default-src 'none'; style-src 'sha256-" + hash +
           "'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
}

void strict_page_head(std::string& html, std::string_view title, std::string_view style) {
    html += "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>";
    html += text::html_escape(title);
    html += "</title>\n<style>";
    html += style;
    html += "</style>\n</head>\n<body>\n";
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
