// CachedBody: an answer made once and sent to many requests (an agency's
// calendar feed): its bytes shared rather than copied, their gzip form, and
// a strong ETag. It answers each request 200 with the plain or the gzip
// bytes, as the request's Accept-Encoding allows, or 304 when the request's
// If-None-Match names its ETag. Immutable once made; owned by a cache, read
// from any thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "web/http_message.h"

namespace nhacviec::web {

class CachedBody {
public:
    // Keeps `made` (a 200 answer): its body is moved into shared bytes,
    // compressed once, and its ETag computed from them.
    explicit CachedBody(HttpResponse made);

    // The answer to `request`: 304 (no body) when its If-None-Match names
    // this ETag or is "*"; otherwise 200 with the gzip bytes when its
    // Accept-Encoding takes gzip (and they are smaller), else the plain ones.
    // Every answer carries the ETag and "Vary: Accept-Encoding".
    HttpResponse answer(const HttpRequest& request) const;

    const std::string& etag() const { return etag_; }

private:
    HttpResponse plain_;  // the answer as made, its bytes in shared_body
    std::shared_ptr<const std::string> gzipped_;  // nullptr when gzip does not make it smaller
    std::string etag_;  // "\"…\"": quoted, from the SHA-256 of the plain bytes
};

// Whether an Accept-Encoding header (RFC 9110 §12.5.3) takes gzip: named
// (or x-gzip, or "*" without gzip named) with a quality above 0.
bool accepts_gzip(std::string_view accept_encoding);

// Whether an If-None-Match header (RFC 9110 §13.1.2) names `etag` (weakly
// compared: W/ ignored) or is "*".
bool none_match(std::string_view if_none_match, std::string_view etag);

}  // namespace nhacviec::web
