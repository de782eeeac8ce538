#include "service/daemon.h"

#include <algorithm>
#include <csignal>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <nlohmann/json.hpp>
#include <systemd/sd-daemon.h>

#include "app/delivery_pass.h"
#include "app/first_account.h"
#include "common/log.h"
#include "links/link_secret.h"
#include "outbox/delivery_lock.h"
#include "service/background_priority.h"
#include "service/console_session_keeper.h"
#include "service/descriptor_budget.h"
#include "service/delivery_worker.h"
#include "service/file_watch.h"
#include "service/live_state.h"
#include "service/running_clock.h"
#include "service/wall_clock_timer.h"
#include "storage/account_store.h"
#include "web/api.h"
#include "web/http_server.h"

namespace nhacviec {

namespace asio = boost::asio;
using std::chrono::sys_seconds;

namespace {

// Nothing planned: the timer still waits (for a change of the wall clock), this far ahead.
constexpr std::chrono::hours kIdleWait{24 * 365};
// After a failed pass (the database locked, read-only or full), try again
// after 5 s, doubling with each failure in a row, at most every 5 minutes.
constexpr std::chrono::seconds kFirstRetryAfterError{5};
constexpr std::chrono::seconds kMaxRetryAfterError{300};
// Threads that compute the answers growing with the plan, off the event loop,
// at a lower priority than the loop (service/background_priority.h).
constexpr std::size_t kRenderThreads = 2;
// malloc's arenas: the loop's and one that the other threads (the live
// state, the delivery worker, the renderers) share. glibc's default (8 per
// core) lets each thread keep the memory it freed for itself: at 100,000
// tasks a rebuilt snapshot then left the process ~100 MB larger than before.
constexpr int kMallocArenas = 2;
// How often the database file's place is looked at besides its watch (see check_database_every_second).
constexpr std::chrono::seconds kDatabaseCheckPeriod{1};

void notify(const std::string& state) { sd_notify(0, state.c_str()); }


// Everything the loop owns, so the handlers can reach it.
class Service {
public:
    Service(const DaemonOptions& options, ServiceSetup setup, Database db, DeliveryLock lock, RunningClock clock,
            const DescriptorBudget& descriptors, std::shared_ptr<OutboxCounts> outbox_counts)
        : options_(options),
          descriptors_(descriptors),
          setup_(std::make_shared<const ServiceSetup>(std::move(setup))),
          current_(setup_.get()),
          lock_(std::move(lock)),
          db_(std::move(db)),
          clock_(clock),
          timer_(io_),
          signals_(io_, SIGINT, SIGTERM, SIGHUP),
          watchdog_(io_),
          database_watch_(io_),
          live_(io_, db_.path(), clock_, [this] { request_pass(); },
                [this] {
                    // The dashboard's and the feeds' values of the old snapshot, let go of off the loop.
                    asio::post(renderers_, [this, current = live_.current()] { api_.release_older(current); });
                }),
          api_(db_, live_, clock_, status_, [this] { request_pass(); }),
          http_(io_,
                [this](const HttpRequest& request, HttpRespond respond) {
                    // A request that only reads is answered from memory: the watch and the timer keep the
                    // verdict. One that may write checks the file itself first.
                    if (Api::may_write(request) ? !database_in_place() : !database_error_.empty())
                        return respond(database_gone());
                    api_.handle(
                        request,
                        [this](std::function<void()> work) {
                            asio::post(renderers_, [work = std::move(work)] {
                                lower_this_thread_priority();
                                work();
                            });
                        },
                        std::move(respond), [this](std::function<void()> work) { asio::post(io_, std::move(work)); });
                },
                HttpLimits{.max_connections = descriptors.connections}),
          worker_(db_.path(), clock_, [this](Result<PassResult> result, sys_seconds started) {
              // On the worker's thread: hand the outcome to the loop.
              auto shared = std::make_shared<Result<PassResult>>(std::move(result));
              asio::post(io_, [this, shared, started] { pass_done(std::move(*shared), started); });
          }, outbox_counts) {
        status_.outbox = std::move(outbox_counts);
    }

    int run() {
        const ListenAddress listen = options_.listen.value_or(current_->config.api.listen);
        const std::string& address = listen.address;
        http_.trust_proxies(TrustedProxies(current_->config.api.trusted_proxies));
        if (auto listening = http_.listen(address, listen.port); !listening) {
            log::error(listening.error().message);
            worker_.stop();
            return 1;
        }
        // The plan in memory before anything is answered: GET requests never read the database.
        if (auto loaded = live_.start(setup_); !loaded) {
            log::error(loaded.error().message);
            worker_.stop();
            return 1;
        }
        // The console's sessions in memory before anything is answered: their checks never read the database.
        if (auto loaded = sessions_.start(); !loaded) {
            log::error(loaded.error().message);
            worker_.stop();
            return 1;
        }
        // The answer links' secret, made at the first start (mode 0600) and checked at every start.
        if (auto secret = load_or_create_link_secret(link_secret_path(db_.path())); !secret) {
            log::error(secret.error().message);
            worker_.stop();
            return 1;
        }
        const EmailConfig& email = current_->config.delivery.email;
        log::info("database " + db_.path().string() + "; email " +
                  (email.server.empty() ? "into the mail folder " + email.maildir.string() : "via " + email.server) +
                  "; dashboard and API on http://" + address + ":" + std::to_string(http_.port()) + "/");
        log::info(descriptors_.describe());
        if (!console_account(address)) {
            worker_.stop();
            return 1;
        }
        if (options_.start_at || options_.clock_rate != 1)
            log::info("clock started at " + format_vietnam_time(clock_.now()) +
                      (options_.clock_rate != 1 ? ", running " + std::to_string(options_.clock_rate) + " times as fast"
                                                : ""));
        wait_for_signals();
        start_watchdog();
        if (auto fallback = database_watch_.start(db_.path(), [this] { database_in_place(); }))
            log::warning(*fallback);
        check_database_every_second();
        // Storage is open and the API listens: ready. The first pass (catch-up) runs on the worker.
        notify("READY=1\nSTATUS=delivering what is due");
        request_pass();
        // Last resort: whatever a handler throws is logged and the loop goes on.
        for (;;) {
            try {
                io_.run();
                return exit_status_;
            } catch (const std::exception& e) {
                log::error(std::string("event loop: ") + e.what() + "; going on");
            } catch (...) {
                log::error("event loop: an error that is not a std::exception; going on");
            }
        }
    }

private:
    // A new installation is never locked out of its console: on the built-in
    // defaults, the first start with no account makes `admin` with a random
    // password, told once here (the terminal, or the journal) with the
    // console's address. false when the database cannot say or take it.
    bool console_account(const std::string& address) {
        const std::string& public_url = current_->config.api.public_url;
        const std::string console = (public_url.empty() ? "http://" + address + ":" + std::to_string(http_.port())
                                                        : public_url) +
                                    "/quan-ly/";
        if (current_->config.source != Config{}.source) {
            auto accounts = AccountStore(db_).count();
            if (!accounts) return log::error(accounts.error().message), false;
            if (*accounts == 0)
                log::warning("no console account yet: make one with nhacviec user add NAME --role admin (console: " +
                             console + ")");
            return true;
        }
        auto made = app::make_first_account(db_, format_vietnam_time(clock_.now()));
        if (!made) return log::error("the first console account cannot be made: " + made.error().message), false;
        if (*made)
            log::warning(std::string("first start: console account \"") + app::kFirstAccountName +
                         "\" made with the password " + **made + " (shown only this once; nhacviec user passwd " +
                         app::kFirstAccountName + " sets another); console: " + console);
        return true;
    }

    void request_pass() {
        if (!stopping_ && database_in_place()) worker_.request(setup_, live_.current());
    }

    // Whether the database's path still leads to the file this process has
    // open. When it does not (deleted, moved away, a backup put in its place)
    // the daemon stops with an error, before its next pass or write (a
    // request that only reads is refused from the next look on: the watch's
    // event, or the timer's within a second): writing
    // on would go to a file nobody reads, through a write-ahead log that the
    // file now at the path would take for its own. Started again (systemd
    // restarts it after a failure), it opens what is at the path.
    bool database_in_place() {
        if (!database_error_.empty()) return false;
        const Status same = db_.check_file();
        if (same) return true;
        database_error_ = same.error().message;
        log::error(database_error_ + "; stopping without writing to it");
        exit_status_ = 1;
        shut_down();
        empty_log();
        return false;
    }

    // Copies the write-ahead log into the file this process has open and
    // empties it (the other connection is closed now), so that a file put at
    // the path finds nothing of this one's to apply: SQLite does not do it
    // when it closes a file that has moved.
    void empty_log() {
        try {
            db_.sql().exec("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (const SQLite::Exception& e) {
            log::error(db_.error(e).message);
        }
    }

    // Besides the watch (which may miss a change, or fall back to every 10 s): one look a second, so that a
    // request that only reads can trust database_error_ without a stat() of its own.
    void check_database_every_second() {
        database_check_.expires_after(kDatabaseCheckPeriod);
        database_check_.async_wait([this](const boost::system::error_code& error) {
            if (!error && !stopping_ && database_in_place()) check_database_every_second();
        });
    }

    HttpResponse database_gone() const {
        return {503, "application/json", nlohmann::json({{"error", database_error_}}).dump(2) + "\n", {}};
    }

    void pass_done(Result<PassResult> result, sys_seconds started) {
        if (stopping_) return;
        status_.last_wake = started;
        std::optional<sys_seconds> next;
        if (!result) {
            ++status_.failed_passes;
            ++failures_in_a_row_;
            if (!status_.failing_since) status_.failing_since = started;
            status_.last_error = result.error().message;
            auto wait = kFirstRetryAfterError;
            for (int i = 1; i < failures_in_a_row_ && wait < kMaxRetryAfterError; ++i) wait *= 2;
            wait = std::min(wait, kMaxRetryAfterError);
            log::error("delivery: " + result.error().message + "; trying again in " + std::to_string(wait.count()) +
                       " s");
            next = clock_.now() + wait;
        } else {
            if (status_.failing_since)
                log::info("delivery works again, after " + std::to_string(failures_in_a_row_) +
                          " failed passes since " + format_vietnam_time(*status_.failing_since));
            status_.failing_since.reset();
            status_.last_error.clear();
            failures_in_a_row_ = 0;
            status_.last_pass_seconds = result->seconds;
            const auto& e = result->enqueued;
            const auto& d = result->delivered;
            if (d.held)
                log::info(std::to_string(d.held) + " outcomes held since a failed pass are recorded");
            if (e.added || e.skipped || d.sent || d.retrying || d.dead || d.recovered)
                log::info(format_vietnam_time(started) + ": " + std::to_string(e.added) + " came due (" +
                          std::to_string(e.skipped) + " skipped by catch-up); " + std::to_string(d.sent) + " sent, " +
                          std::to_string(d.retrying) + " to retry, " + std::to_string(d.dead) + " dead");
            if (d.dead) log::warning(std::to_string(d.dead) + " deliveries failed for good: nhacviec outbox --state dead");
            next = result->next_due;
        }
        status_.next_wake = next;
        notify("STATUS=" + status_line());
        const std::chrono::system_clock::time_point wake_at =
            next ? clock_.system_time_of(*next) : std::chrono::system_clock::now() + kIdleWait;
        timer_.wait_until(wake_at, [this](WallClockTimer::Wake wake) {
            if (wake == WallClockTimer::Wake::cancelled) return;
            if (wake == WallClockTimer::Wake::clock_changed)
                log::warning("the wall clock was set; now " + format_vietnam_time(clock_.now()) + ", planning again");
            request_pass();
        });
    }

    std::string status_line() const {
        return status_.next_wake ? "next delivery " + format_vietnam_time(*status_.next_wake) : "nothing planned";
    }

    void wait_for_signals() {
        signals_.async_wait([this](const boost::system::error_code& error, int signal) {
            if (error) return;
            if (signal == SIGHUP) {
                reload();
                return wait_for_signals();
            }
            stop(signal == SIGINT ? "SIGINT" : "SIGTERM");
        });
    }

    void reload() {
        notify("RELOADING=1");
        auto fresh = load_service_setup(options_.global);
        if (!fresh) {
            log::error("reload refused, the running configuration stays: " + fresh.error().message);
        } else if (fresh->config.database != current_->config.database) {
            log::error("reload refused: the database cannot change while running (" +
                       fresh->config.database.string() + "); restart to use it");
        } else {
            setup_ = std::make_shared<const ServiceSetup>(std::move(*fresh));
            current_ = setup_.get();
            live_.reload(setup_);  // the tasks in memory under the new configuration, built off the loop
            http_.trust_proxies(TrustedProxies(current_->config.api.trusted_proxies));
            log::info("configuration, directory and templates reloaded from " + current_->config.source);
            request_pass();
        }
        notify("READY=1\nSTATUS=" + status_line());
    }

    void start_watchdog() {
        std::uint64_t usec = 0;
        if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return;
        watchdog_interval_ = std::chrono::microseconds(usec / 2);
        ping_watchdog();
    }

    void ping_watchdog() {
        notify("WATCHDOG=1");
        watchdog_.expires_after(watchdog_interval_);
        watchdog_.async_wait([this](const boost::system::error_code& error) {
            if (!error && !stopping_ && database_in_place()) ping_watchdog();
        });
    }

    void stop(const char* why) {
        log::info(std::string(why) + ": stopping");
        shut_down();
    }

    void shut_down() {
        if (stopping_) return;
        stopping_ = true;
        notify("STOPPING=1");
        timer_.cancel();
        watchdog_.cancel();
        database_check_.cancel();
        http_.stop();
        live_.stop();
        sessions_.stop(database_error_.empty());  // the sessions' last requests written once more, to the same file
        // The deliveries in flight finish and are recorded; nothing more is claimed.
        worker_.stop();
        io_.stop();
    }

    const DaemonOptions& options_;
    const DescriptorBudget descriptors_;
    asio::io_context io_;
    std::shared_ptr<const ServiceSetup> setup_;  // shared with the worker's pass under way
    const ServiceSetup* current_;                 // setup_.get()
    DeliveryLock lock_;                           // before db_: released after its connection closes
    Database db_;                                 // the loop's connection (the API)
    RunningClock clock_;
    WallClockTimer timer_;
    asio::signal_set signals_;
    asio::steady_timer watchdog_;
    std::chrono::microseconds watchdog_interval_{0};
    FileWatch database_watch_;
    asio::steady_timer database_check_{io_};
    std::string database_error_;  // why the database is no longer in place
    int exit_status_ = 0;
    DaemonStatus status_;
    LiveState live_;  // the plan in memory, which the API answers from
    Api api_;
    // The console's sessions held by api_: refreshed and their last requests written off the loop.
    ConsoleSessionKeeper sessions_{api_.console_sessions(), db_.path()};
    HttpServer http_;
    // Answers that grow with the plan (all tasks, the dashboard, calendar
    // feeds) are computed here, off the loop, over the request's snapshot.
    asio::thread_pool renderers_{kRenderThreads};
    bool stopping_ = false;
    int failures_in_a_row_ = 0;
    DeliveryWorker worker_;  // last: its thread starts once everything it reaches exists
};

}  // namespace

int run_daemon(const DaemonOptions& options) {
#ifdef __GLIBC__
    mallopt(M_ARENA_MAX, kMallocArenas);  // before any thread starts
#endif
    auto setup = load_service_setup(options.global);
    if (!setup) return log::error(setup.error().message), 1;
    const DescriptorBudget descriptors = DescriptorBudget::plan(setup->config.delivery, HttpLimits{}.max_connections);
    auto db = Database::open(setup->config.database);
    if (!db) return log::error(db.error().message), 1;
    if (auto writable = db->require_writable(); !writable) return log::error(writable.error().message), 1;
    auto lock = DeliveryLock::acquire(*db);
    if (!lock) return log::error(lock.error().message), 1;
    // The outbox counted once, then kept up to date as the passes record outcomes.
    auto counted = OutboxCounts::count(*db);
    if (!counted) return log::error(counted.error().message), 1;
    auto outbox_counts = std::make_shared<OutboxCounts>(std::move(*counted));
    const RunningClock clock =
        options.start_at || options.clock_rate != 1
            ? RunningClock(options.start_at.value_or(std::chrono::floor<std::chrono::seconds>(
                               std::chrono::system_clock::now())),
                           options.clock_rate)
            : RunningClock();
    Service service(options, std::move(*setup), std::move(*db), std::move(*lock), clock, descriptors,
                    std::move(outbox_counts));
    return service.run();
}

}  // namespace nhacviec
