// The daemon's HTTP exchange as plain values: the request as a handler sees
// it, the answer it gives, and the limits on what a client may send. Shared
// by HttpServer, RequestReader and the handlers (Api).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

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
};

// The answer. A plain value.
struct HttpResponse {
    unsigned status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

// Gives a request its answer, once, from any thread: the server writes it
// on the connection's event loop.
using HttpRespond = std::function<void(HttpResponse)>;
// Called on the event loop for each request; answers through `respond`, at
// once or later (an answer computed on another thread). What it throws
// before answering is answered 500.
using HttpHandler = std::function<void(const HttpRequest& request, HttpRespond respond)>;

// Limits on every request, and on the connections of a server.
struct HttpLimits {
    // The body, once chunked encoding is undone.
    std::size_t max_body = 64 * 1024;
    // Everything else a request carries: request line, headers, chunk sizes
    // and extensions, trailers, line ends.
    std::size_t max_header = 16 * 1024;
    std::chrono::seconds timeout{10};  // to read a request, and to write its answer
    // Connections open at once; more clients wait in the kernel's queue.
    std::size_t max_connections = 256;
};

}  // namespace nhacviec
