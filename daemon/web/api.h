// Api: what the daemon answers over HTTP — health, Prometheus metrics, the
// tasks as JSON, status changes (with bearer tokens), each agency's calendar
// feed (at its public address, or at its secret one without a token) and the
// dashboard — as a function from HttpRequest to HttpResponse, so
// tests call it without a socket. Requests are dispatched by a route table
// (method, path pattern, who may call, handler); the handlers parse the
// request and call the application layer (app/). Every answer comes from the
// current plan snapshot (its setup, tasks and statuses), but for the secret
// calendar addresses (kept in memory, checked off the loop against the
// database's write counter so that a revoked one stops working at once) and
// the agency's page of an answer link and the console's pages (a task's
// answers, history and messages, the undeliverable messages: read off the
// loop on a connection of their own); only a status change writes to
// the database, then publishes the snapshot with it (and the console's
// decisions and plan upload, web/console_*_routes.cpp).
// Owned by the daemon, used on its event loop only; the work it hands to
// `offload` runs on other threads over immutable values and the shared,
// locked caches.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "app/answer_access.h"
#include "app/console_sessions.h"
#include "app/console_sessions_table.h"
#include "app/daemon_status.h"
#include "app/setup.h"
#include "app/snapshot_source.h"
#include "common/clock.h"
#include "links/link_secret.h"
#include "storage/database.h"
#include "web/answer_page.h"
#include "web/console_page.h"
#include "web/console_task_page.h"
#include "web/decision_counts.h"
#include "web/http_message.h"

namespace nhacviec {

namespace app {
class PendingPlanUploads;
}
class FeedTokenCache;
class ReadConnections;

class Api {
public:
    // `snapshots` and `status` are read at each request; `db` is written by
    // status changes only; `changed` is called after a status change, so
    // that the daemon plans again.
    Api(Database& db, app::SnapshotSource& snapshots, const Clock& clock, const DaemonStatus& status,
        std::function<void()> changed);

    // Runs a piece of work on another thread (the daemon's pool of workers).
    using Offload = std::function<void(std::function<void()> work)>;

    // Answers `request` through `respond`: what needs the event loop (the
    // database, the daemon's status) runs here; an answer that grows with
    // the plan (all tasks, the dashboard, a calendar feed) is computed by
    // `offload` over the request's snapshot, off the loop, and handed back;
    // work that is slow but whose outcome the loop must finish (a login's
    // password check) runs through `offload`, then its last step through
    // `on_loop` (which runs work on the caller's event loop).
    void handle(const HttpRequest& request, const Offload& offload, HttpRespond respond, const Offload& on_loop);
    // The same, every answer computed on the caller's thread (tests, fuzzing).
    HttpResponse handle(const HttpRequest& request);
    // Whether answering `request` may write to the database: any method but
    // GET and HEAD, and every request of the console (its session's last
    // request, held in memory, is written within a minute).
    static bool may_write(const HttpRequest& request);

    // Lets go of what the dashboard, the feeds and the console's lists kept
    // from a snapshot other than `current` (called when another one is
    // published, off the loop), so that they do not keep an old snapshot
    // alive until the next request.
    void release_older(const std::shared_ptr<const app::PlanSnapshot>& current);

    // A handler's answer: ready now, or work over immutable values (the
    // snapshot, the request's parameters, the time) that gives it later, or
    // work off the loop that gives the step the loop finishes it with.
    struct Answer {
        std::optional<HttpResponse> ready;
        std::function<HttpResponse()> later;
        std::function<std::function<HttpResponse()>()> later_then_on_loop;

        Answer(HttpResponse response) : ready(std::move(response)) {}  // NOLINT: implicit by design
        static Answer deferred(std::function<HttpResponse()> work) {
            Answer out{HttpResponse{}};
            out.ready.reset();
            out.later = std::move(work);
            return out;
        }
        static Answer off_loop_then(std::function<std::function<HttpResponse()>()> work) {
            Answer out{HttpResponse{}};
            out.ready.reset();
            out.later_then_on_loop = std::move(work);
            return out;
        }
    };

    // Who may call a route: anyone; a reader (a bearer token when
    // [api] tokens_for_reads is set, anyone otherwise); a writer (always a
    // bearer token, checked by the handler against the task).
    enum class Caller { anyone, reader, writer };

    // What a handler receives: the request, the value of the pattern's
    // {param} segment (percent-decoded), the query's plan parameter and all its parameters.
    struct Call {
        const HttpRequest& request;
        std::string param;
        std::optional<std::string> plan;
        std::map<std::string, std::string> query;  // the query string's parameters
        std::shared_ptr<const app::PlanSnapshot> snapshot;  // the plan as this request sees it, start to end
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
        Answer (Api::*handler)(const Call&);
    };
    static std::span<const Route> routes();

    // What every console route starts with (web/console_routes.cpp): the
    // session of the request's cookie, checked in memory (idle expiry, a
    // disabled account, a changed password: see console_sessions()), or the
    // answer that sends the browser to the login page.
    std::variant<app::SignedIn, HttpResponse> console_session(const Call& call);
    // What every state-changing console form passes before it acts: posted
    // from this daemon's pages and carrying the CSRF token of `session`;
    // otherwise the 403 page that refuses it (and the refusal is logged).
    std::optional<HttpResponse> refuse_console_form(const Call& call, const app::SignedIn& session,
                                                    const std::string* token);
    // The frame of a console page for `session`, with a fresh CSRF token; an error when none can be made.
    Result<web::ConsoleFrame> console_frame(const Call& call, const app::SignedIn& session);
    // A console page as the console sends it: its policy, nothing cached or passed on.
    static HttpResponse console_response(unsigned status, std::string html);
    // The console's sessions held in memory. Read from the database at the
    // first console request unless the daemon loaded them before (and keeps
    // them refreshed and their last requests written, off the loop).
    const std::shared_ptr<app::ConsoleSessionTable>& console_sessions() const { return console_sessions_; }

private:
    // Routing and the caller's checks; the handler's answer.
    Answer dispatch(const HttpRequest& request);

    Answer healthz(const Call& call);
    Answer metrics(const Call& call);
    Answer all_tasks(const Call& call);
    Answer one_task(const Call& call);
    Answer change_status(const Call& call);
    // GET /calendar/private/TOKEN.ics: the feed of the agency whose secret calendar address it is.
    Answer private_calendar(const Call& call);
    Answer agency_calendar(const Call& call);
    Answer dashboard(const Call& call);
    // GET and POST /tra-loi/TOKEN: the agency's page of an answer link, and
    // an answer sent from it (web/answer_routes.cpp).
    Answer answer_link(const Call& call);
    Answer answer_post(const Call& call, const app::AnswerAccess& access, const LinkSecret& secret);
    // The page of `access` with `status`, a banner for answer `recorded` and a refused form shown again.
    HttpResponse answer_page(const Call& call, const app::AnswerAccess& access, const LinkSecret& secret,
                             unsigned status, std::optional<int64_t> recorded,
                             std::optional<web::RefusedForm> refused);
    // The link secret of the setup's database (loaded again when the file is replaced).
    LinkSecretFile& link_secret(const ServiceSetup& setup);
    // GET /quan-ly/: the console's home; GET, POST /quan-ly/dang-nhap: the
    // login form and a login; POST /quan-ly/dang-xuat: logout
    // (web/console_routes.cpp).
    Answer console_home(const Call& call);
    Answer console_login(const Call& call);
    Answer console_logout(const Call& call);
    // GET /quan-ly/nhiem-vu: the list of tasks with its filters, search and
    // pages; GET, POST /quan-ly/nhiem-vu/{id}: a task's page and the
    // decisions taken on it; GET /quan-ly/tep/{task}-{answer}: an attached
    // report file (web/console_task_routes.cpp).
    Answer console_task_list(const Call& call);
    Answer console_task(const Call& call);
    Answer console_report_file(const Call& call);
    // GET /quan-ly/bao-cao: the periodic report's form, and the report as a
    // download when it names a period and a format (web/console_report_routes.cpp).
    Answer console_report(const Call& call);
    // GET, POST /quan-ly/nhap-ke-hoach: the plan upload page, a file previewed, applied or cancelled; admins
    // only (web/console_plan_routes.cpp).
    Answer console_plan_upload(const Call& call);
    // The plan files previewed there and not yet applied or cancelled, one per session: made by its first request.
    std::shared_ptr<app::PendingPlanUploads> plan_uploads_;
    // POST /quan-ly/nhiem-vu/{id}: a decision on task `index` taken by `session` (web/console_decision_routes.cpp).
    Answer console_decide(const Call& call, const app::SignedIn& session, size_t index);
    // The task page of task `index` for `session` with `status`, a banner
    // (`done`, "" for none) and a refused decision form shown again.
    HttpResponse console_task_page(const Call& call, const app::SignedIn& session, size_t index, unsigned status,
                                   const std::string& done, std::optional<web::RefusedDecision> refused);
    // The console's lists (web::TaskListIndex, the search's folded titles,
    // web::InboxIndex) of one snapshot: built by the first request that
    // needs them, off the loop, and kept until another snapshot is asked
    // for or published (release_older). Made with the Api; locked inside.
    struct ConsoleCache;
    static std::shared_ptr<ConsoleCache> make_console_cache();
    // The console's part of release_older (web/console_task_routes.cpp).
    void release_console_older(const std::shared_ptr<const app::PlanSnapshot>& current);
    std::shared_ptr<ConsoleCache> console_cache_;
    // The decisions taken in the console since the start, for /metrics: counted on the loop as each is recorded.
    std::shared_ptr<web::DecisionCounts> decision_counts_;
    // Failed logins per account name and per client address: past a limit, a login is refused with 429.
    struct LoginLimits;
    std::shared_ptr<LoginLimits> login_limits_;
    // The sessions every console request is checked against; shared with the daemon's ConsoleSessionKeeper.
    std::shared_ptr<app::ConsoleSessionTable> console_sessions_;
    // The configured token a request's bearer token is; nullptr when it has none or an unknown one.
    static const ApiConfig::Token* bearer(const HttpRequest& request, const ServiceSetup& setup);

    // The dashboard's index (what its pages share, see web::DashboardIndex)
    // of one snapshot and day: built by the first request that needs it, on
    // the thread that computes that request's answer, and kept for the next
    // ones until another snapshot or day is asked for.
    struct DashboardCache;

    Database& db_;
    app::SnapshotSource& snapshots_;
    const Clock& clock_;
    const DaemonStatus& status_;
    std::function<void()> changed_;
    std::shared_ptr<DashboardCache> dashboard_cache_;
    std::shared_ptr<FeedTokenCache> feed_tokens_;  // the secret calendar addresses
    std::shared_ptr<ReadConnections> readers_;     // the database, for the reads done off the loop
    // The JSON of single tasks already answered, for the current snapshot and day (on the loop only).
    struct TaskJsonCache;
    std::shared_ptr<TaskJsonCache> task_json_cache_;
    std::unique_ptr<LinkSecretFile> link_secret_;
    // The limits of the agency's page ([api] answer_requests_per_address,
    // answer_posts_per_link, and invalid links per address), made again when
    // the settings change.
    struct AnswerLimits;
    std::shared_ptr<AnswerLimits> answer_limits_;
    // Which limit a request is counted against: every request (per client
    // address), an invalid or expired link (per address), an answer (per link).
    enum class AnswerLimit { request, invalid_link, answer };
    // The refusal of a request past that limit, or nullopt when it may go on (and is counted).
    std::optional<HttpResponse> over_answer_limit(const Call& call, AnswerLimit limit);
};

}  // namespace nhacviec
