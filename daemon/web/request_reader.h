// RequestReader: turns the bytes a client sends on one connection into
// requests, one at a time, with every byte counted against HttpLimits: the
// body (once chunked encoding is undone) against max_body, or the limit of
// the rule of large_bodies its method and target fall under (known once its
// header has arrived), everything else a request carries (request line,
// headers, chunk sizes and extensions, trailers, line ends) against
// max_header. A request that may carry more than max_body holds a slot of
// LargeBodySlots until the next request starts, and has its rule's time to
// arrive. Nothing a client sends can throw out of it: a request it cannot
// read is refused with the status to answer (400, 413 over a limit, 503 when
// no slot is free) and the reason. Owned by a connection of HttpServer, and
// by the fuzz targets of tests/fuzz/.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "web/http_message.h"
#include "web/large_body_slots.h"

namespace nhacviec {

class RequestReader {
public:
    enum class State { need_more, ready, refused };

    // `slots` bounds the large bodies read at once across the connections
    // that share it (it must outlive the reader); nullptr: no bound.
    explicit RequestReader(const HttpLimits& limits, LargeBodySlots* slots = nullptr);
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
    // Bytes the ready request took, all of it (up to max_header plus its body limit).
    std::size_t request_size() const;

    // Once ready: the X-Forwarded-For fields, joined with ", " in the order
    // sent, or "". For the server to find the client behind a trusted proxy.
    const std::string& forwarded_for() const;

    // The time the current request may take to arrive, from its first byte:
    // HttpLimits::timeout, or the timeout of its large_bodies rule once its
    // header has shown it may carry more than max_body.
    std::chrono::seconds time_limit() const;

    // Once refused: the status to answer (400, 413 or 503), and why.
    unsigned refused_status() const;
    const std::string& refused_reason() const;

    // Bytes received and not yet read as part of a request.
    std::size_t buffered() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nhacviec
