// HttpServer: the daemon's small HTTP/1.1 server (Boost.Beast) on its event
// loop. It reads one request at a time per connection, with a size limit and
// a time limit on every request, hands it to a handler as a plain HttpRequest
// and writes back the HttpResponse; keep-alive is honoured. Owned by the
// daemon.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "common/result.h"

namespace nhacviec {

// A request as the handler sees it. A plain value.
struct HttpRequest {
    std::string method;         // "GET", "POST", …
    std::string target;         // "/api/tasks/I.3?plan=90%2FKH-UBND"
    std::string authorization;  // the Authorization header, or ""
    std::string content_type;
    std::string body;
};

// The answer. A plain value.
struct HttpResponse {
    unsigned status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

// Limits on every request.
struct HttpLimits {
    std::size_t max_body = 64 * 1024;
    std::size_t max_header = 16 * 1024;
    std::chrono::seconds timeout{10};  // to read a request, and to write its answer
};

// What each connection does with a request, apart from the socket: a parser
// with the limits set, and the parsed request as the handler sees it. Also
// used by the fuzz target of the API (tests/fuzz/http_api_fuzz.cpp).
using HttpRequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;
void apply_limits(HttpRequestParser& parser, const HttpLimits& limits);
HttpRequest to_http_request(const boost::beast::http::request<boost::beast::http::string_body>& request);

class HttpServer {
public:
    HttpServer(boost::asio::io_context& io, HttpHandler handler, HttpLimits limits = {});
    ~HttpServer();
    // Binds and listens; an error names the address.
    Status listen(const std::string& address, unsigned short port);
    // The port it listens on (useful with port 0).
    unsigned short port() const;
    // Stops accepting; connections finish their current request.
    void stop();

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace nhacviec
