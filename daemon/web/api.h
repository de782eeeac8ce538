// Api: what the daemon answers over HTTP — health, Prometheus metrics, the
// tasks as JSON, status changes (with bearer tokens), each agency's calendar
// feed (at its public address, or at its secret one without a token) and the
// dashboard — as a function from HttpRequest to HttpResponse, so
// tests call it without a socket. Reads the database and the current setup it
// is given; owned by the daemon, used on its event loop only.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/clock.h"
#include "outbox/outbox_counts.h"
#include "service/delivery_pass.h"
#include "storage/database.h"
#include "web/http_server.h"

namespace nhacviec {

// What the daemon knows about itself, for /healthz and /metrics.
struct DaemonStatus {
    std::optional<std::chrono::sys_seconds> last_wake;  // the last delivery pass
    std::optional<std::chrono::sys_seconds> next_wake;  // when the next one is due
    // While delivery passes fail (the database locked, read-only or full):
    // since when, and the last error.
    std::optional<std::chrono::sys_seconds> failing_since;
    std::string last_error;
    std::uint64_t failed_passes = 0;  // since the start
    double last_pass_seconds = 0;     // how long the last pass that worked took; 0 before the first
    // The outbox counted in memory, kept up to date by the delivery thread;
    // nullptr: /metrics counts it from the tables.
    std::shared_ptr<const OutboxCounts> outbox;
};

class Api {
public:
    // `setup` and `status` are read at each request (the daemon replaces the
    // setup on reload); `changed` is called after a status change, so that the
    // daemon plans again.
    Api(Database& db, const ServiceSetup* const& setup, const Clock& clock, const DaemonStatus& status,
        std::function<void()> changed)
        : db_(db), setup_(setup), clock_(clock), status_(status), changed_(std::move(changed)) {}

    HttpResponse handle(const HttpRequest& request);

private:
    HttpResponse metrics();
    // GET /calendar/private/TOKEN.ics: the feed of the agency whose secret calendar address it is.
    HttpResponse private_calendar(const std::string& token);
    HttpResponse tasks(const std::optional<std::string>& code, const std::optional<std::string>& plan);
    HttpResponse change_status(const HttpRequest& request, const std::string& code,
                               const std::optional<std::string>& plan);
    // The configured token a request's bearer token is; nullptr when it has none or an unknown one.
    const ApiConfig::Token* bearer(const HttpRequest& request) const;

    Database& db_;
    const ServiceSetup* const& setup_;
    const Clock& clock_;
    const DaemonStatus& status_;
    std::function<void()> changed_;
};

}  // namespace nhacviec
