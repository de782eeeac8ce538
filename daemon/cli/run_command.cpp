// nhacviec run [--now YYYY-MM-DDTHH:MM] [--clock-rate N] [--listen ADDRESS:PORT]:
// the daemon (see service/daemon.h). --now starts its clock at another moment
// and lets it run, --clock-rate makes it run N times as fast: for tests,
// trials of the retry schedule and demonstrations.
#include <charconv>
#include <ostream>

#include "cli/command_list.h"
#include "cli/setup.h"
#include "service/daemon.h"

namespace nhacviec::cli {

int run_run(Invocation& inv) {
    constexpr int kMaxClockRate = 3600;
    DaemonOptions options;
    options.global = inv.options;
    for (size_t i = 0; i < inv.args.size(); ++i) {
        if (inv.args[i] == "--now" && i + 1 < inv.args.size()) {
            auto now = time_option("--now", inv.args[++i]);
            if (!now) return inv.err << "nhacviec: " << now.error().message << "\n", kExitUsage;
            options.start_at = *now;
        } else if (inv.args[i] == "--clock-rate" && i + 1 < inv.args.size()) {
            const std::string& rate = inv.args[++i];
            int value = 0;
            const auto [end, error] = std::from_chars(rate.data(), rate.data() + rate.size(), value);
            if (error != std::errc() || end != rate.data() + rate.size() || value < 1 || value > kMaxClockRate)
                return inv.err << "nhacviec: --clock-rate: expected a whole number from 1 to " << kMaxClockRate
                               << ", not \"" << rate << "\"\n",
                       kExitUsage;
            options.clock_rate = value;
        } else if (inv.args[i] == "--listen" && i + 1 < inv.args.size()) {
            const std::string& listen = inv.args[++i];
            options.listen = parse_listen_address(listen);
            if (!options.listen)
                return inv.err << "nhacviec: --listen: expected ADDRESS:PORT, not \"" << listen << "\"\n", kExitUsage;
        } else {
            return inv.err << usage("run"), kExitUsage;
        }
    }
    return run_daemon(options) == 0 ? kExitOk : kExitFailure;
}

}  // namespace nhacviec::cli
