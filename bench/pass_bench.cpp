// pass_bench: the delivery pass benchmark (a benchmark, not a test; see
// bench/RESULTS.md and bench/run-api.sh).
//
//   nhacviec_pass_bench --db FILE [--config FILE] --at YYYY-MM-DDTHH:MM [--reps N]
//
// Does what the daemon does at start and then while it waits: loads the
// setup, builds the plan snapshot of the day of --at, runs one delivery pass
// at --at without an earlier snapshot (the first pass after a start: it plans
// from the last moment recorded in the database, and catches up whatever is
// due), then --reps passes (default 20) one second apart over the same
// snapshot, each with nothing new due. Prints one "key value" per line: the
// first pass's time and what it wrote and sent, then the minimum, median and
// largest time of a pass with nothing due, and the peak RSS of the process.
//
// It writes to the database and the channels of the configuration as the
// daemon would: run it on a copy.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/delivery_pass.h"
#include "app/plan_snapshot.h"
#include "app/setup.h"
#include "common/clock.h"
#include "outbox/dispatcher.h"
#include "outbox/outbox_store.h"
#include "storage/database.h"

namespace nv = nhacviec;
namespace app = nhacviec::app;

namespace {

using Steady = std::chrono::steady_clock;

double ms_since(Steady::time_point start) {
    return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

int usage() {
    std::cerr << "usage: nhacviec_pass_bench --db FILE [--config FILE] --at YYYY-MM-DDTHH:MM [--reps N]\n";
    return 2;
}

int fail(const std::string& what, const nv::Error& error) {
    std::cerr << "nhacviec_pass_bench: " << what << ": " << error.message << "\n";
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    app::GlobalOptions options;
    std::optional<std::chrono::sys_seconds> at;
    int reps = 20;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) return usage();
        const std::string value = argv[++i];
        if (arg == "--db") options.database_path = value;
        else if (arg == "--config") options.config_path = value;
        else if (arg == "--at") at = nv::parse_vietnam_time(value);
        else if (arg == "--reps") reps = std::atoi(value.c_str());
        else return usage();
    }
    if (!options.database_path || !at || reps < 1) return usage();

    auto loaded = nv::load_service_setup(options);
    if (!loaded) return fail("setup", loaded.error());
    const auto setup = std::make_shared<const nv::ServiceSetup>(std::move(*loaded));
    auto opened = nv::Database::open_existing(*options.database_path);
    if (!opened) return fail("database", opened.error());
    nv::Database db = std::move(*opened);

    auto start = Steady::now();
    auto built = app::build_plan_snapshot(db, setup, nv::vietnam_date(*at));
    if (!built) return fail("plan snapshot", built.error());
    const std::shared_ptr<const app::PlanSnapshot> snapshot = *built;
    std::cout << "snapshot_ms " << ms_since(start) << "\n";

    nv::FakeClock clock(*at);
    nv::OutboxStore store(db);
    nv::Dispatcher dispatcher(store, setup->config.delivery, clock);

    start = Steady::now();
    auto first = nv::run_delivery_pass(db, *setup, dispatcher, *at, nullptr, nv::PassPlan{snapshot, nullptr});
    if (!first) return fail("first pass", first.error());
    std::cout << "first_pass_ms " << ms_since(start) << "\n"
              << "first_pass_enqueued " << first->enqueued.added << "\n"
              << "first_pass_sent " << first->delivered.sent << "\n";

    std::vector<double> times;
    size_t planned = 0, enqueued = 0, sent = 0;
    for (int i = 1; i <= reps; ++i) {
        const auto now = *at + std::chrono::seconds(i);
        clock.set(now);
        start = Steady::now();
        auto pass = nv::run_delivery_pass(db, *setup, dispatcher, now, nullptr, nv::PassPlan{snapshot, snapshot});
        times.push_back(ms_since(start));
        if (!pass) return fail("pass " + std::to_string(i), pass.error());
        planned += pass->planned ? 1 : 0;
        enqueued += pass->enqueued.added;
        sent += pass->delivered.sent;
    }
    std::sort(times.begin(), times.end());
    std::cout << "idle_passes " << reps << "\n"
              << "idle_passes_that_planned " << planned << "\n"
              << "idle_enqueued " << enqueued << "\n"
              << "idle_sent " << sent << "\n"
              << "idle_pass_min_ms " << times.front() << "\n"
              << "idle_pass_median_ms " << times[times.size() / 2] << "\n"
              << "idle_pass_max_ms " << times.back() << "\n"
              << "peak_rss_kib " << peak_rss_kib() << "\n";
    return 0;
}
