// HttpServer: the daemon's small HTTP/1.1 server (Boost.Asio and Beast) on
// its event loop. It reads one request at a time per connection through a
// RequestReader (every byte counted against the limits, a request it cannot
// read answered 400 or 413 and the connection closed; a large body past
// max_large_bodies at once answered 503 with Retry-After), with a time limit
// on every request (longer for a large body), hands it to a handler as a
// plain HttpRequest and writes back the HttpResponse the handler gives, at
// once or later from another thread (HttpRespond); keep-alive is honoured.
// Behind a trusted reverse proxy the client's address comes from
// X-Forwarded-For (web/client_address.h). Whatever is thrown while serving
// a connection ends that connection only, logged. It keeps at most
// max_connections open, and stops accepting at that bound or while the
// process is out of descriptors (trying again after 50 ms, doubling up to
// 1 s) instead of spinning. Owned by the daemon.
#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "common/result.h"
#include "web/client_address.h"
#include "web/http_message.h"

namespace nhacviec {

class HttpServer {
public:
    HttpServer(boost::asio::io_context& io, HttpHandler handler, HttpLimits limits = {});
    ~HttpServer();
    // Binds and listens; an error names the address.
    Status listen(const std::string& address, unsigned short port);
    // The port it listens on (useful with port 0).
    unsigned short port() const;
    // The reverse proxies whose X-Forwarded-For gives the client's address
    // (HttpRequest::client_address) of the requests they pass on, from then
    // on. Default: none. On the event loop's thread.
    void trust_proxies(TrustedProxies proxies);
    // Stops accepting; connections finish their current request.
    void stop();

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace nhacviec
