#include "web/api.h"

#include <map>
#include <mutex>
#include <unordered_map>

#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

#include "app/plan_preview_uploads.h"
#include "app/plan_snapshot.h"
#include "app/status_change.h"
#include "app/task_view.h"
#include "common/sha256.h"
#include "report/status_report.h"
#include "storage/status_store.h"
#include "web/cached_body.h"
#include "web/dashboard.h"
#include "web/feed_token_cache.h"
#include "web/ics_feed.h"
#include "web/percent_decoding.h"
#include "web/read_connections.h"

namespace nhacviec {

namespace {

constexpr const char* kJson = "application/json";

// Bytes of the request that are not UTF-8 (a percent-decoded path, say) may come back in a message: they are
// sent as U+FFFD rather than making dump() throw.
HttpResponse json_response(unsigned status, const nlohmann::json& body) {
    return {status, kJson, body.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", {}};
}

HttpResponse json_error(unsigned status, const std::string& message) {
    return json_response(status, {{"error", message}});
}

// A failure of the server's own (its database): 503 with a Retry-After when
// it passes by itself, 500 otherwise.
HttpResponse server_error(const Error& error) {
    if (!error.transient) return json_error(500, error.message);
    HttpResponse r = json_error(503, error.message);
    r.headers.emplace_back("Retry-After", "5");
    return r;
}


// The path and the query parameters of a request target.
struct Target {
    std::string path;
    std::map<std::string, std::string> query;
};

std::optional<Target> parse_target(const std::string& target) {
    Target out;
    const size_t question = target.find('?');
    auto path = web::percent_decode(std::string_view(target).substr(0, question), false);
    if (!path) return std::nullopt;
    out.path = *path;
    if (question == std::string::npos) return out;
    std::string_view query = std::string_view(target).substr(question + 1);
    while (!query.empty()) {
        const size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const size_t equals = pair.find('=');
        auto name = web::percent_decode(pair.substr(0, equals), true);
        auto value = web::percent_decode(equals == std::string_view::npos ? "" : pair.substr(equals + 1), true);
        if (!name || !value) return std::nullopt;
        out.query[*name] = *value;
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    }
    return out;
}

HttpResponse method_not_allowed(std::string_view allowed) {
    HttpResponse r = json_error(405, "method not allowed; use " + std::string(allowed));
    r.headers.emplace_back("Allow", std::string(allowed));
    return r;
}

// Whether `method` is one of `methods` ("GET", "GET, POST").
bool allows(std::string_view methods, std::string_view method) {
    while (!methods.empty()) {
        const size_t comma = methods.find(", ");
        if (methods.substr(0, comma) == method) return true;
        methods = comma == std::string_view::npos ? std::string_view() : methods.substr(comma + 2);
    }
    return false;
}

// The value of the {param} segment when `path` matches `pattern`: the whole
// path for a literal pattern ("" as the value), otherwise what lies between
// the literal text before and after {…}, one character at least.
std::optional<std::string> match_pattern(std::string_view pattern, const std::string& path) {
    const size_t open = pattern.find('{');
    if (open == std::string_view::npos) return path == pattern ? std::optional<std::string>("") : std::nullopt;
    const std::string_view prefix = pattern.substr(0, open);
    const std::string_view suffix = pattern.substr(pattern.find('}', open) + 1);
    if (path.size() <= prefix.size() + suffix.size() || !path.starts_with(prefix) || !path.ends_with(suffix))
        return std::nullopt;
    return path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
}

HttpResponse unauthorized(const std::string& message) {
    HttpResponse r = json_error(401, message);
    r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"nhacviec\"");
    return r;
}

// What of a request decides how a cached answer is sent (its encoding, or
// 304), kept for the work done off the loop.
HttpRequest negotiation_of(const HttpRequest& request) {
    HttpRequest out;
    out.accept_encoding = request.accept_encoding;
    out.if_none_match = request.if_none_match;
    return out;
}

std::string prometheus_label(const std::string& value) {
    std::string out;
    for (const char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

}  // namespace

const ApiConfig::Token* Api::bearer(const HttpRequest& request, const ServiceSetup& setup) {
    constexpr std::string_view kBearer = "Bearer ";
    if (request.authorization.rfind(kBearer, 0) != 0) return nullptr;
    const auto& tokens = setup.config.api.tokens;
    std::vector<std::string_view> secrets;
    for (const auto& t : tokens) secrets.push_back(t.token);
    const auto index = find_secret(secrets, std::string_view(request.authorization).substr(kBearer.size()));
    return index ? &tokens[*index] : nullptr;
}

std::span<const Api::Route> Api::routes() {
    // First match wins: the secret calendar address before the agency's
    // public one, a task's status before the task.
    static const Route kRoutes[] = {
        {"GET", "/healthz", Caller::anyone, &Api::healthz},
        // A secret calendar address stands for its agency by itself: no bearer token, as calendar applications send none.
        {"GET", "/calendar/private/{token}.ics", Caller::anyone, &Api::private_calendar},
        {"GET", "/metrics", Caller::reader, &Api::metrics},
        {"GET", "/api/tasks", Caller::reader, &Api::all_tasks},
        {"POST", "/api/tasks/{id}/status", Caller::writer, &Api::change_status},
        {"GET", "/api/tasks/{id}", Caller::reader, &Api::one_task},
        {"GET", "/calendar/{agency}.ics", Caller::reader, &Api::agency_calendar},
        // An answer link stands for its agency and task by itself: no bearer token.
        {"GET, POST", "/tra-loi/{token}", Caller::anyone, &Api::answer_link},
        // The console checks its own sessions (web/console_routes.cpp).
        {"GET", "/quan-ly", Caller::anyone, &Api::console_home},
        {"GET", "/quan-ly/", Caller::anyone, &Api::console_home},
        {"GET, POST", "/quan-ly/dang-nhap", Caller::anyone, &Api::console_login},
        {"POST", "/quan-ly/dang-xuat", Caller::anyone, &Api::console_logout},
        {"GET", "/quan-ly/nhiem-vu", Caller::anyone, &Api::console_task_list},
        {"GET, POST", "/quan-ly/nhiem-vu/{id}", Caller::anyone, &Api::console_task},
        {"GET", "/quan-ly/tep/{file}", Caller::anyone, &Api::console_report_file},
        {"GET", "/quan-ly/bao-cao", Caller::anyone, &Api::console_report},
        {"GET, POST", "/quan-ly/nhap-ke-hoach", Caller::anyone, &Api::console_plan_upload},
        {"GET", "/", Caller::reader, &Api::dashboard},
    };
    return kRoutes;
}

namespace {

HttpResponse internal_error(const std::exception& e) {
    return {500, "text/plain; charset=utf-8", std::string("internal error: ") + e.what() + "\n", {}};
}

}  // namespace

void Api::handle(const HttpRequest& request, const Offload& offload, HttpRespond respond, const Offload& on_loop) {
    Answer answer = dispatch(request);
    if (answer.ready) return respond(std::move(*answer.ready));
    if (answer.later_then_on_loop) {
        return offload([work = std::move(answer.later_then_on_loop), respond = std::move(respond), on_loop] {
            std::function<HttpResponse()> finish;
            try {
                finish = work();
            } catch (const std::exception& e) {
                return respond(internal_error(e));
            }
            on_loop([finish = std::move(finish), respond] {
                try {
                    respond(finish());
                } catch (const std::exception& e) {
                    respond(internal_error(e));
                }
            });
        });
    }
    offload([work = std::move(answer.later), respond = std::move(respond)] {
        try {
            respond(work());
        } catch (const std::exception& e) {
            respond(internal_error(e));
        }
    });
}

HttpResponse Api::handle(const HttpRequest& request) {
    Answer answer = dispatch(request);
    if (answer.ready) return std::move(*answer.ready);
    if (answer.later_then_on_loop) return answer.later_then_on_loop()();
    return answer.later();
}

bool Api::may_write(const HttpRequest& request) {
    if (request.method != "GET" && request.method != "HEAD") return true;
    // A path with percent escapes is taken as one that may lead to the console once decoded.
    const std::string_view target = request.target;
    const std::string_view path = target.substr(0, target.find('?'));
    return path.starts_with("/quan-ly") || path.find('%') != std::string_view::npos;
}

Api::Answer Api::dispatch(const HttpRequest& request) {
    const auto target = parse_target(request.target);
    if (!target) return json_error(400, "malformed request target");
    const std::string& path = target->path;
    // The request sees one snapshot from start to end, whatever is published meanwhile.
    std::shared_ptr<const app::PlanSnapshot> snapshot = snapshots_.current();
    if (!snapshot) return server_error(snapshots_.last_error());
    const ServiceSetup& setup = *snapshot->setup;
    const Route* route = nullptr;
    std::optional<std::string> param;
    for (const Route& candidate : routes()) {
        param = match_pattern(candidate.pattern, path);
        if (param) {
            route = &candidate;
            break;
        }
    }
    // A path no route takes is a reader's question: without the token that reads need, it is not answered either.
    const Caller caller = route ? route->caller : Caller::reader;
    if (caller == Caller::reader && setup.config.api.tokens_for_reads && !bearer(request, setup))
        return unauthorized(request.authorization.rfind("Bearer ", 0) == 0 ? "unknown bearer token"
                                                                           : "a bearer token is required");
    if (!route) return json_error(404, "not found: " + path);
    if (!allows(route->methods, request.method)) return method_not_allowed(route->methods);
    if (caller == Caller::writer && !bearer(request, setup))
        return unauthorized(request.authorization.rfind("Bearer ", 0) == 0 ? "unknown bearer token"
                                                                           : "a bearer token is required to change a status");
    const auto plan = target->query.count("plan") ? std::optional<std::string>(target->query.at("plan")) : std::nullopt;
    return (this->*route->handler)(Call{request, std::move(*param), plan, target->query, std::move(snapshot)});
}

Api::Answer Api::healthz(const Call&) {
    // Failing passes make the service unhealthy: nothing is delivered until they work again.
    nlohmann::json body = {{"status", status_.failing_since ? "failing" : "ok"}};
    body["last_wake"] = status_.last_wake ? nlohmann::json(format_vietnam_time(*status_.last_wake)) : nullptr;
    body["next_wake"] = status_.next_wake ? nlohmann::json(format_vietnam_time(*status_.next_wake)) : nullptr;
    if (status_.failing_since) {
        body["failing_since"] = format_vietnam_time(*status_.failing_since);
        body["error"] = status_.last_error;
    }
    return json_response(status_.failing_since ? 503 : 200, body);
}

namespace {

// An agency's calendar feed from a snapshot; `unknown` is the answer when
// there is none (the public address names the reason, the secret one does not).
HttpResponse calendar_feed(const app::PlanSnapshot& snapshot, const std::string& agency, std::chrono::sys_seconds now,
                           const std::optional<std::string>& unknown) {
    const ServiceSetup& setup = *snapshot.setup;
    auto feed = web::agency_calendar(*snapshot.state, setup.config, setup.directory, setup.calendar, agency, now);
    if (!feed) return json_error(404, unknown.value_or(feed.error().message));
    return {200, "text/calendar; charset=utf-8", *feed, {}};
}

}  // namespace

struct Api::DashboardCache {
    // How many agencies' feeds are kept: past it, the kept ones are dropped.
    static constexpr size_t kMaxFeeds = 64;

    std::mutex mutex;
    std::shared_ptr<const app::PlanSnapshot> snapshot;  // what the values below were made from, kept alive with them
    Date day;
    std::shared_ptr<const web::DashboardIndex> index;
    std::map<std::string, std::shared_ptr<const web::CachedBody>, std::less<>> feeds;  // by the agency as the address names it

    // Forgets what was made from another snapshot or day. Called with `mutex` held.
    void keep_to(const std::shared_ptr<const app::PlanSnapshot>& wanted, Date wanted_day) {
        if (snapshot == wanted && day == wanted_day) return;
        snapshot = wanted;
        day = wanted_day;
        index.reset();
        feeds.clear();
    }

    std::shared_ptr<const web::DashboardIndex> index_of(const std::shared_ptr<const app::PlanSnapshot>& wanted,
                                                        Date wanted_day) {
        std::lock_guard lock(mutex);
        keep_to(wanted, wanted_day);
        if (!index) {
            const ServiceSetup& setup = *wanted->setup;
            index = std::make_shared<const web::DashboardIndex>(
                web::build_dashboard_index(*wanted->state, setup.config, setup.calendar, wanted_day,
                                           wanted->day == wanted_day ? &wanted->report : nullptr));
        }
        return index;
    }

    // The feed of `agency` as `make` answers it, made once per snapshot and
    // day (its DTSTAMP is when it was made), answered to `request` (plain or
    // gzip, or 304 Not Modified).
    HttpResponse feed_of(const std::shared_ptr<const app::PlanSnapshot>& wanted, Date wanted_day,
                         const std::string& agency, const HttpRequest& request,
                         const std::function<HttpResponse()>& make) {
        std::lock_guard lock(mutex);
        keep_to(wanted, wanted_day);
        if (const auto it = feeds.find(agency); it != feeds.end()) return it->second->answer(request);
        HttpResponse made = make();
        if (made.status != 200) return made;
        if (feeds.size() >= kMaxFeeds) feeds.clear();
        return feeds.emplace(agency, std::make_shared<const web::CachedBody>(std::move(made))).first->second->answer(request);
    }
};

Api::Api(Database& db, app::SnapshotSource& snapshots, const Clock& clock, const DaemonStatus& status,
         std::function<void()> changed)
    : console_cache_(make_console_cache()), decision_counts_(std::make_shared<web::DecisionCounts>()),
      console_sessions_(std::make_shared<app::ConsoleSessionTable>()), db_(db),
      snapshots_(snapshots), clock_(clock), status_(status), changed_(std::move(changed)),
      dashboard_cache_(std::make_shared<DashboardCache>()), feed_tokens_(std::make_shared<FeedTokenCache>(db)),
      readers_(std::make_shared<ReadConnections>(db)), task_json_cache_(std::make_shared<TaskJsonCache>()) {}

void Api::release_older(const std::shared_ptr<const app::PlanSnapshot>& current) {
    release_console_older(current);
    std::shared_ptr<const app::PlanSnapshot> older;
    std::shared_ptr<const web::DashboardIndex> index;
    decltype(dashboard_cache_->feeds) feeds;
    {
        std::lock_guard lock(dashboard_cache_->mutex);
        if (!dashboard_cache_->snapshot || dashboard_cache_->snapshot == current) return;
        older = std::move(dashboard_cache_->snapshot);
        index = std::move(dashboard_cache_->index);
        feeds.swap(dashboard_cache_->feeds);
        dashboard_cache_->snapshot.reset();
        dashboard_cache_->index.reset();
    }
}  // freed here, outside the lock

Api::Answer Api::agency_calendar(const Call& call) {
    return Answer::deferred([cache = dashboard_cache_, snapshot = call.snapshot, agency = call.param, now = clock_.now(),
                             request = negotiation_of(call.request)] {
        return cache->feed_of(snapshot, vietnam_date(now), agency, request,
                              [&] { return calendar_feed(*snapshot, agency, now, std::nullopt); });
    });
}

Api::Answer Api::dashboard(const Call& call) {
    // [console] public_dashboard = false: only a console session sees it (its check writes the session's last use).
    if (!call.snapshot->setup->config.console.public_dashboard) {
        auto checked = console_session(call);
        if (auto* refused = std::get_if<HttpResponse>(&checked)) return std::move(*refused);
    }
    const auto now = clock_.now();
    auto query = web::parse_dashboard_query(call.query);
    if (!query)
        return HttpResponse{400, "text/html; charset=utf-8", web::dashboard_refusal(query.error().message, now), {}};
    return Answer::deferred([cache = dashboard_cache_, snapshot = call.snapshot, query = std::move(*query),
                             now]() -> HttpResponse {
        const auto index = cache->index_of(snapshot, vietnam_date(now));
        auto page = web::render_dashboard(*index, query, now);
        return {static_cast<unsigned>(page.status), "text/html; charset=utf-8", std::move(page.html), {}};
    });
}

Api::Answer Api::private_calendar(const Call& call) {
    // The addresses are kept in memory and checked against the database's write counter off the loop, at each
    // request: one made by `nhacviec feed` serves at once, and one replaced or revoked stops working at once.
    return Answer::deferred([cache = dashboard_cache_, tokens = feed_tokens_, snapshot = call.snapshot,
                             token = call.param, now = clock_.now(),
                             request = negotiation_of(call.request)]() -> HttpResponse {
        auto agency = tokens->agency_of(token);
        if (!agency) return server_error(agency.error());
        // An unknown address and a revoked one get the same answer.
        if (!*agency) return json_error(404, "no calendar at this address");
        return cache->feed_of(snapshot, vietnam_date(now), **agency, request, [&] {
            return calendar_feed(*snapshot, **agency, now, std::string("no calendar at this address"));
        });
    });
}

Api::Answer Api::all_tasks(const Call& call) {
    return Answer::deferred([snapshot = call.snapshot, plan = call.plan, today = vietnam_date(clock_.now())] {
        const app::PlanState& state = *snapshot->state;
        const ServiceSetup& setup = *snapshot->setup;
        nlohmann::json out = nlohmann::json::array();
        for (size_t i = 0; i < state.tasks.size(); ++i) {
            if (plan && state.tasks[i].task.plan_number != *plan) continue;
            out.push_back(app::task_json(state.tasks[i].task, state.scheduled[i], setup.config, setup.calendar, today));
        }
        return json_response(200, out);
    });
}

// The JSON of the tasks asked for, as sent, for one snapshot and day: the
// same task asked again is answered from these bytes instead of being
// built and serialised each time. Used on the event loop only; at most
// kMaxTasks kept, then forgotten all at once.
struct Api::TaskJsonCache {
    static constexpr size_t kMaxTasks = 4096;

    const app::PlanSnapshot* snapshot = nullptr;  // what the bodies were made from (compared, never followed)
    std::weak_ptr<const app::PlanSnapshot> alive;   // that it is still that snapshot, not another at its address
    Date day;
    std::unordered_map<size_t, std::shared_ptr<const std::string>> bodies;  // by index into the snapshot's tasks
};

Api::Answer Api::one_task(const Call& call) {
    const app::PlanState& state = *call.snapshot->state;
    const ServiceSetup& setup = *call.snapshot->setup;
    const Date today = vietnam_date(clock_.now());
    auto index = call.snapshot->find(call.param, call.plan);
    if (!index) return json_error(404, index.error().message);
    TaskJsonCache& cache = *task_json_cache_;
    if (cache.snapshot != call.snapshot.get() || cache.alive.expired() || !(cache.day == today) ||
        cache.bodies.size() >= TaskJsonCache::kMaxTasks) {
        cache.bodies.clear();
        cache.snapshot = call.snapshot.get();
        cache.alive = call.snapshot;
        cache.day = today;
    }
    auto& body = cache.bodies[*index];
    if (!body) {
        HttpResponse made = json_response(200, app::task_json(state.tasks[*index].task, state.scheduled[*index],
                                                              setup.config, setup.calendar, today));
        body = std::make_shared<const std::string>(std::move(made.body));
    }
    HttpResponse out{200, kJson, {}, {}};
    out.shared_body = body;
    return out;
}

Api::Answer Api::change_status(const Call& call) {
    const HttpRequest& request = call.request;
    const std::string& code = call.param;
    const std::optional<std::string>& plan = call.plan;
    const app::PlanSnapshot& snapshot = *call.snapshot;
    const ServiceSetup& setup = *snapshot.setup;
    const ApiConfig::Token* token = bearer(request, setup);  // the route lets only writers in
    const app::PlanState* state = snapshot.state.get();
    auto index = snapshot.find(code, plan);
    if (!index) return json_error(404, index.error().message);
    const Task& task = state->tasks[*index].task;
    // An agency token stands for an agency of the directory (checked when the configuration is loaded).
    const bool admin = token->role == ApiConfig::Token::Role::admin;
    const Agency* agency = admin ? nullptr : setup.directory.find(token->agency);
    if (!admin) {
        if (!agency) return json_error(403, "the token's agency is not in the agency directory");
        bool leads = false;
        for (const auto& lead : task.lead) {
            const Agency* known = setup.directory.find(lead.name);
            leads = leads || (known ? known->name : lead.name) == agency->name;
        }
        if (!leads) return json_error(403, agency->name + " does not lead task " + task.code);
    }

    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return json_error(400, "the body must be a JSON object");
    app::StatusRequest wanted;
    for (const auto& [key, value] : body.items()) {
        if (!value.is_string()) return json_error(400, key + ": expected a string");
        const std::string text = value.get<std::string>();
        if (key == "action") wanted.action = text;
        else if (key == "date") wanted.date = text;
        else if (key == "period") wanted.period = text;
        else if (key == "note") wanted.note = text;
        else return json_error(400, key + ": unknown field (action, date, period, note)");
    }
    if (wanted.action.empty()) return json_error(400, "action: is required (done, in-progress, waiting, reopen)");
    wanted.by = admin ? "admin (API)" : agency->name + " (API)";
    wanted.date_name = "date";
    wanted.period_name = "period";
    wanted.note_name = "note";
    const auto now = clock_.now();
    auto made = app::make_status_change(*state, *index, setup.config, wanted, vietnam_date(now),
                                        format_vietnam_time(now));
    if (const auto* rejection = std::get_if<app::StatusRejection>(&made))
        return json_error(rejection->malformed ? 400 : 422, rejection->message);
    const StatusChange& change = std::get<StatusChange>(made);
    if (auto recorded = StatusStore(db_).record(change); !recorded) return server_error(recorded.error());
    // The next request, and the next delivery pass, see the change: published before the answer goes out.
    snapshots_.publish(app::snapshot_with_change(snapshot, *index, change, app::version_after_own_write(db_, snapshot)));
    if (changed_) changed_();
    nlohmann::json out = {{"task", task.code},
                          {"plan", task.plan_number},
                          {"period", change.period.empty() ? nlohmann::json(nullptr) : nlohmann::json(change.period)},
                          {"state", to_string(change.status)},
                          {"done_on", change.done_on ? nlohmann::json(format_iso_date(*change.done_on)) : nullptr},
                          {"changed_by", change.changed_by}};
    return json_response(200, out);
}

Api::Answer Api::metrics(const Call& call) {
    // The outbox as the daemon counts it in memory; without a daemon (tests), counted from the tables.
    OutboxCounts::Values counts;
    if (status_.outbox) {
        counts = status_.outbox->values();
    } else {
        auto counted = OutboxCounts::count(db_);
        if (!counted) return server_error(counted.error());
        counts = std::move(*counted);
    }
    std::string out;
    out += "# HELP nhacviec_deliveries Deliveries in the outbox by notification kind and state.\n"
           "# TYPE nhacviec_deliveries gauge\n";
    for (const auto& [kind_state, n] : counts.deliveries)
        out += "nhacviec_deliveries{kind=\"" + kind_state.first + "\",state=\"" + kind_state.second + "\"} " +
               std::to_string(n) + "\n";
    out += "# HELP nhacviec_notifications_skipped Notifications catch-up recorded without sending, by kind.\n"
           "# TYPE nhacviec_notifications_skipped gauge\n";
    for (const auto& [kind, n] : counts.skipped)
        out += "nhacviec_notifications_skipped{kind=\"" + kind + "\"} " + std::to_string(n) + "\n";
    out += "# HELP nhacviec_delivery_latency_seconds From the planned moment of a notification to its delivery.\n"
           "# TYPE nhacviec_delivery_latency_seconds histogram\n";
    for (size_t i = 0; i < OutboxCounts::kLatencyBuckets.size(); ++i)
        out += "nhacviec_delivery_latency_seconds_bucket{le=\"" + std::to_string(OutboxCounts::kLatencyBuckets[i]) +
               "\"} " + std::to_string(counts.latency_buckets[i]) + "\n";
    out += "nhacviec_delivery_latency_seconds_bucket{le=\"+Inf\"} " + std::to_string(counts.latency_count) + "\n";
    out += "nhacviec_delivery_latency_seconds_sum " + std::to_string(counts.latency_sum) + "\n";
    out += "nhacviec_delivery_latency_seconds_count " + std::to_string(counts.latency_count) + "\n";
    out += "# HELP nhacviec_last_wakeup_timestamp_seconds When the daemon last woke to deliver (Unix time).\n"
           "# TYPE nhacviec_last_wakeup_timestamp_seconds gauge\n";
    out += "nhacviec_last_wakeup_timestamp_seconds " +
           std::to_string(status_.last_wake ? status_.last_wake->time_since_epoch().count() : 0) + "\n";
    out += "# HELP nhacviec_delivery_pass_failures_total Delivery passes that failed (database locked, read-only, "
           "full).\n# TYPE nhacviec_delivery_pass_failures_total counter\n";
    out += "nhacviec_delivery_pass_failures_total " + std::to_string(status_.failed_passes) + "\n";
    out += "# HELP nhacviec_delivery_failing 1 while delivery passes fail, 0 once they work.\n"
           "# TYPE nhacviec_delivery_failing gauge\n";
    out += std::string("nhacviec_delivery_failing ") + (status_.failing_since ? "1" : "0") + "\n";
    out += "# HELP nhacviec_delivery_pass_seconds How long the last delivery pass took.\n"
           "# TYPE nhacviec_delivery_pass_seconds gauge\n";
    out += "nhacviec_delivery_pass_seconds " + std::to_string(status_.last_pass_seconds) + "\n";

    // The report categories of the snapshot's day (derived again at midnight).
    const app::PlanSnapshot::Counts& tasks = call.snapshot->counts;
    out += "# HELP nhacviec_tasks Tasks per report category.\n# TYPE nhacviec_tasks gauge\n";
    for (const ReportCategory category : kReportCategories)
        out += "nhacviec_tasks{category=\"" + prometheus_label(std::string(to_string(category))) + "\"} " +
               std::to_string(tasks.by_category[static_cast<size_t>(category)]) + "\n";
    out += "# HELP nhacviec_tasks_awaiting_confirmation Tasks (or their latest review period) reported done, "
           "awaiting the monitoring agency's confirmation.\n# TYPE nhacviec_tasks_awaiting_confirmation gauge\n";
    out += "nhacviec_tasks_awaiting_confirmation " + std::to_string(tasks.awaiting_confirmation) + "\n";
    out += "# HELP nhacviec_extension_requests_open Extension requests neither approved nor refused.\n"
           "# TYPE nhacviec_extension_requests_open gauge\n";
    out += "nhacviec_extension_requests_open " + std::to_string(tasks.open_extensions) + "\n";
    out += decision_counts_->metrics();
    return HttpResponse{200, "text/plain; version=0.0.4; charset=utf-8", out, {}};
}

}  // namespace nhacviec
