// The daemon, `nhacviec run`: one Boost.Asio event loop that sleeps until the
// next notification or retry is due (no polling), delivers through the
// outbox, and plans again; that also serves the HTTP API and dashboard,
// reloads its configuration on SIGHUP (a bad one is refused and the old one
// kept), stops on SIGTERM or SIGINT between deliveries, and speaks systemd's
// notify protocol (READY, STOPPING, STATUS, WATCHDOG).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "app/options.h"
#include "config/config.h"

namespace nhacviec {

struct DaemonOptions {
    app::GlobalOptions global;
    std::optional<std::chrono::sys_seconds> start_at;  // --now: start the clock there and let it run
    int clock_rate = 1;                                 // --clock-rate N: that clock runs N times as fast
    std::optional<ListenAddress> listen;                // --listen ADDRESS:PORT, overrides [api] listen
};

// Runs until stopped; returns the exit status.
int run_daemon(const DaemonOptions& options);

}  // namespace nhacviec
