#include "service/daemon.h"

#include <csignal>

#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <systemd/sd-daemon.h>

#include "outbox/delivery_lock.h"
#include "service/delivery_pass.h"
#include "service/log.h"
#include "service/running_clock.h"
#include "service/wall_clock_timer.h"
#include "web/api.h"
#include "web/http_server.h"

namespace nhacviec {

namespace asio = boost::asio;
using std::chrono::sys_seconds;

namespace {

// Nothing planned: the timer still waits (for a change of the wall clock), this far ahead.
constexpr std::chrono::hours kIdleWait{24 * 365};
// After a failed pass (the database was locked, say), try again after this long.
constexpr std::chrono::seconds kRetryAfterError{60};

void notify(const std::string& state) { sd_notify(0, state.c_str()); }

// Everything the loop owns, so the handlers can reach it.
class Service {
public:
    Service(const DaemonOptions& options, ServiceSetup setup, Database db, DeliveryLock lock, RunningClock clock)
        : options_(options),
          setup_(std::make_unique<ServiceSetup>(std::move(setup))),
          current_(setup_.get()),
          db_(std::move(db)),
          lock_(std::move(lock)),
          clock_(clock),
          store_(db_),
          dispatcher_(std::make_unique<Dispatcher>(store_, current_->config.delivery, clock_)),
          timer_(io_),
          signals_(io_, SIGINT, SIGTERM, SIGHUP),
          watchdog_(io_),
          api_(db_, current_, clock_, status_, [this] { asio::post(io_, [this] { pass(); }); }),
          http_(io_, [this](const HttpRequest& request) { return api_.handle(request); }) {}

    int run() {
        const ApiConfig& api = current_->config.api;
        std::string address = api.listen_address;
        unsigned short port = api.listen_port;
        if (options_.listen) {
            const size_t colon = options_.listen->rfind(':');
            address = options_.listen->substr(0, colon);
            port = static_cast<unsigned short>(std::stoi(options_.listen->substr(colon + 1)));
        }
        if (auto listening = http_.listen(address, port); !listening) {
            log::error(listening.error().message);
            return 1;
        }
        const EmailConfig& email = current_->config.delivery.email;
        log::info("database " + db_.path().string() + "; email " +
                  (email.server.empty() ? "into the mail folder " + email.maildir.string() : "via " + email.server) +
                  "; dashboard and API on http://" + address + ":" + std::to_string(http_.port()) + "/");
        if (options_.start_at) log::info("clock started at " + format_vietnam_time(clock_.now()));
        wait_for_signals();
        start_watchdog();
        pass();
        notify("READY=1\nSTATUS=" + status_line());
        io_.run();
        return 0;
    }

private:
    void pass() {
        if (stopping_) return;
        const sys_seconds now = clock_.now();
        status_.last_wake = now;
        auto result = run_delivery_pass(db_, *current_, *dispatcher_, now);
        std::optional<sys_seconds> next;
        if (!result) {
            log::error("delivery: " + result.error().message);
            next = now + kRetryAfterError;
        } else {
            const auto& e = result->enqueued;
            const auto& d = result->delivered;
            if (e.added || e.skipped || d.sent || d.retrying || d.dead || d.recovered)
                log::info(format_vietnam_time(now) + ": " + std::to_string(e.added) + " came due (" +
                          std::to_string(e.skipped) + " skipped by catch-up); " + std::to_string(d.sent) + " sent, " +
                          std::to_string(d.retrying) + " to retry, " + std::to_string(d.dead) + " dead");
            if (d.dead) log::warning(std::to_string(d.dead) + " deliveries failed for good: nhacviec outbox --state dead");
            next = result->next_due;
        }
        status_.next_wake = next;
        notify("STATUS=" + status_line());
        const sys_seconds wake_at = next ? clock_.system_time_of(*next)
                                         : std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) +
                                               kIdleWait;
        timer_.wait_until(wake_at, [this](WallClockTimer::Wake wake) {
            if (wake == WallClockTimer::Wake::cancelled) return;
            if (wake == WallClockTimer::Wake::clock_changed)
                log::warning("the wall clock was set; now " + format_vietnam_time(clock_.now()) + ", planning again");
            pass();
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
            auto next = std::make_unique<ServiceSetup>(std::move(*fresh));
            dispatcher_ = std::make_unique<Dispatcher>(store_, next->config.delivery, clock_);
            setup_ = std::move(next);
            current_ = setup_.get();
            log::info("configuration, directory and templates reloaded from " + current_->config.source);
            pass();
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
            if (!error && !stopping_) ping_watchdog();
        });
    }

    void stop(const char* why) {
        stopping_ = true;
        notify("STOPPING=1");
        log::info(std::string(why) + ": stopping");
        timer_.cancel();
        watchdog_.cancel();
        http_.stop();
        io_.stop();
    }

    const DaemonOptions& options_;
    asio::io_context io_;
    std::unique_ptr<ServiceSetup> setup_;
    const ServiceSetup* current_;
    Database db_;
    DeliveryLock lock_;
    RunningClock clock_;
    OutboxStore store_;
    std::unique_ptr<Dispatcher> dispatcher_;
    WallClockTimer timer_;
    asio::signal_set signals_;
    asio::steady_timer watchdog_;
    std::chrono::microseconds watchdog_interval_{0};
    DaemonStatus status_;
    Api api_;
    HttpServer http_;
    bool stopping_ = false;
};

}  // namespace

int run_daemon(const DaemonOptions& options) {
    auto setup = load_service_setup(options.global);
    if (!setup) return log::error(setup.error().message), 1;
    auto db = Database::open(setup->config.database);
    if (!db) return log::error(db.error().message), 1;
    auto lock = DeliveryLock::acquire(db->path());
    if (!lock) return log::error(lock.error().message), 1;
    const RunningClock clock = options.start_at ? RunningClock(*options.start_at) : RunningClock();
    Service service(options, std::move(*setup), std::move(*db), std::move(*lock), clock);
    return service.run();
}

}  // namespace nhacviec
