// RequestReader: turns the bytes a client sends on one connection into
// requests, one at a time, with every byte counted against HttpLimits: the
// body (once chunked encoding is undone) against max_body, everything else a
// request carries (request line, headers, chunk sizes and extensions,
// trailers, line ends) against max_header. Nothing a client sends can throw
// out of it: a request it cannot read is refused with the status to answer
// (400, or 413 over a limit) and the reason. Owned by a connection of
// HttpServer, and by the fuzz targets of tests/fuzz/.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "web/http_message.h"

namespace nhacviec {

class RequestReader {
public:
    enum class State { need_more, ready, refused };

    explicit RequestReader(const HttpLimits& limits);
    ~RequestReader();
    RequestReader(const RequestReader&) = delete;
    RequestReader& operator=(const RequestReader&) = delete;

    // Takes bytes the client sent and reads the current request as far as
    // they go. Bytes past the end of a request are kept for the next one;
    // once refused, nothing more is read.
    State feed(std::string_view bytes);
    // After a request was ready: starts the next one, on the bytes already
    // received past it (a client may send several requests at once).
    State next();
    State state() const;

    // Once ready: the request, the HTTP version (10 or 11) and whether the
    // client keeps the connection open.
    const HttpRequest& request() const;
    HttpRequest& request();  // for the server to add what it knows of the connection (client_address)
    unsigned version() const;
    bool keep_alive() const;
    // Bytes the ready request took, all of it (up to max_header + max_body).
    std::size_t request_size() const;

    // Once refused: the status to answer (400 or 413), and why.
    unsigned refused_status() const;
    const std::string& refused_reason() const;

    // Bytes received and not yet read as part of a request.
    std::size_t buffered() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nhacviec
