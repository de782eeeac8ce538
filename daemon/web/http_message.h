// The daemon's HTTP exchange as plain values: the request as a handler sees
// it, the answer it gives, and the limits on what a client may send. Shared
// by HttpServer, RequestReader and the handlers (Api).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/form_data.h"

namespace nhacviec {

// A request as the handler sees it. A plain value.
struct HttpRequest {
    std::string method;         // "GET", "POST", …
    std::string target;         // "/api/tasks/I.3?plan=90%2FKH-UBND"
    std::string authorization;  // the Authorization header, or ""
    std::string content_type;
    std::string body;
    // Where it came from and what the browser says of it, for the forms'
    // cross-site checks and the answers' records.
    std::string client_address;  // the peer's IP address ("203.0.113.7", "::1"); "" when unknown
    std::string host;            // the Host header
    std::string origin;          // the Origin header, or ""
    std::string sec_fetch_site;  // the Sec-Fetch-Site header ("same-origin", "cross-site", …), or ""
    // For answers made once and sent many times (web/cached_body.h): every
    // field of each header, joined by ", "; "" when not sent.
    std::string accept_encoding;
    std::string if_none_match;
    std::string cookie;          // the Cookie header(s), joined by "; ", or "" (the console's session)
};

// The answer. A plain value.
struct HttpResponse {
    unsigned status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // extra headers, in order; a name may come more than once
    // When set, the body sent instead of `body`: bytes kept by a cache (a
    // calendar feed) that every response in flight reads without a copy.
    std::shared_ptr<const std::string> shared_body = nullptr;

    // The bytes sent: `shared_body` when set, `body` otherwise.
    std::string_view bytes() const { return shared_body ? std::string_view(*shared_body) : std::string_view(body); }
};

// Gives a request its answer, once, from any thread: the server writes it
// on the connection's event loop.
using HttpRespond = std::function<void(HttpResponse)>;
// Called on the event loop for each request; answers through `respond`, at
// once or later (an answer computed on another thread). What it throws
// before answering is answered 500.
using HttpHandler = std::function<void(const HttpRequest& request, HttpRespond respond)>;

// A larger body for some requests than HttpLimits::max_body: those whose
// method is `method` and whose target starts with `path_prefix`. A plain value.
struct LargeBodyRule {
    std::string method;       // "POST"
    std::string path_prefix;  // "/tra-loi/", compared with the target as sent
    std::size_t max_body;     // the body, once chunked encoding is undone
    // The time the whole request may take to arrive, from its first byte
    // (its header still has HttpLimits::timeout).
    std::chrono::seconds timeout;
};

// Limits on every request, and on the connections of a server.
struct HttpLimits {
    // The body, once chunked encoding is undone, unless a rule of large_bodies
    // allows more.
    std::size_t max_body = 64 * 1024;
    // Everything else a request carries: request line, headers, chunk sizes
    // and extensions, trailers, line ends.
    std::size_t max_header = 16 * 1024;
    std::chrono::seconds timeout{10};  // to read a request, and to write its answer
    // Connections open at once; more clients wait in the kernel's queue.
    std::size_t max_connections = 256;
    // The requests that may carry more than max_body; the first rule that
    // matches applies, once the request's header has arrived. Default: the
    // answer forms (POST /tra-loi/{token}), whose body may carry a 10 MiB
    // PDF (form::kMaxBodyBytes). They get 180 s to arrive: 10 MiB is 84
    // Mbit, 85 s at 1 Mbit/s and 170 s at 0.5 Mbit/s, what a phone on a weak
    // mobile link sends; longer would let a slow client hold a slot longer.
    // The console's plan upload (POST /quan-ly/nhap-ke-hoach) takes a plan
    // file of the same size, with the same time.
    std::vector<LargeBodyRule> large_bodies = {
        {"POST", "/tra-loi/", form::kMaxBodyBytes, std::chrono::seconds{180}},
        {"POST", "/quan-ly/nhap-ke-hoach", form::kMaxBodyBytes, std::chrono::seconds{180}}};
    // Requests under a rule of large_bodies being read or answered at once,
    // across the server: at most 8 bodies of 10 MiB, 80 MiB of memory. A
    // request past it is answered 503 with Retry-After: large_body_retry_after.
    std::size_t max_large_bodies = 8;
    std::chrono::seconds large_body_retry_after{30};
};

}  // namespace nhacviec
