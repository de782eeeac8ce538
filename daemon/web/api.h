// Api: what the daemon answers over HTTP — health, Prometheus metrics, the
// tasks as JSON, status changes (with bearer tokens), each agency's calendar
// feed (at its public address, or at its secret one without a token) and the
// dashboard — as a function from HttpRequest to HttpResponse, so
// tests call it without a socket. Requests are dispatched by a route table
// (method, path pattern, who may call, handler); the handlers parse the
// request and call the application layer (app/). Every answer comes from the
// current plan snapshot (its setup, tasks and statuses), but for the secret
// calendar addresses, checked against the database so that a revoked one
// stops working at once; only a status change writes to the database, then
// publishes the snapshot with it.
// Owned by the daemon, used on its event loop only.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "app/daemon_status.h"
#include "app/setup.h"
#include "app/snapshot_source.h"
#include "common/clock.h"
#include "storage/database.h"
#include "web/http_message.h"

namespace nhacviec {

class Api {
public:
    // `snapshots` and `status` are read at each request; `db` is written by
    // status changes only; `changed` is called after a status change, so
    // that the daemon plans again.
    Api(Database& db, app::SnapshotSource& snapshots, const Clock& clock, const DaemonStatus& status,
        std::function<void()> changed)
        : db_(db), snapshots_(snapshots), clock_(clock), status_(status), changed_(std::move(changed)) {}

    HttpResponse handle(const HttpRequest& request);

    // Who may call a route: anyone; a reader (a bearer token when
    // [api] tokens_for_reads is set, anyone otherwise); a writer (always a
    // bearer token, checked by the handler against the task).
    enum class Caller { anyone, reader, writer };

    // What a handler receives: the request, the value of the pattern's
    // {param} segment (percent-decoded), and the query's plan parameter.
    struct Call {
        const HttpRequest& request;
        std::string param;
        std::optional<std::string> plan;
        const std::map<std::string, std::string>& query;  // the query string's parameters
        const app::PlanSnapshot& snapshot;  // the plan as this request sees it, start to end
    };

    // One row of the route table. `pattern` is a literal path ("/metrics") or
    // one with a single {param}, which matches one or more characters
    // ("/api/tasks/{id}/status", "/calendar/{agency}.ics"); the first row
    // whose pattern matches takes the request. `methods` is what the Allow
    // header of a 405 names.
    struct Route {
        std::string_view methods;
        std::string_view pattern;
        Caller caller;
        HttpResponse (Api::*handler)(const Call&);
    };
    static std::span<const Route> routes();

private:
    HttpResponse healthz(const Call& call);
    HttpResponse metrics(const Call& call);
    HttpResponse all_tasks(const Call& call);
    HttpResponse one_task(const Call& call);
    HttpResponse change_status(const Call& call);
    // GET /calendar/private/TOKEN.ics: the feed of the agency whose secret calendar address it is.
    HttpResponse private_calendar(const Call& call);
    HttpResponse agency_calendar(const Call& call);
    HttpResponse dashboard(const Call& call);
    // The configured token a request's bearer token is; nullptr when it has none or an unknown one.
    static const ApiConfig::Token* bearer(const HttpRequest& request, const ServiceSetup& setup);

    Database& db_;
    app::SnapshotSource& snapshots_;
    const Clock& clock_;
    const DaemonStatus& status_;
    std::function<void()> changed_;
};

}  // namespace nhacviec
