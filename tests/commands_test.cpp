#include "cli/commands.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace nhacviec;
using nhacviec::testing::run_cli;

TEST_CASE("usage: one text per command, from the command table", "[cli]") {
    CHECK(cli::usage("run") == "usage: nhacviec run [--now YYYY-MM-DDTHH:MM] [--clock-rate N] [--listen ADDRESS:PORT]\n");
    CHECK(cli::usage("feed") ==
          "usage: nhacviec feed AGENCY [--reset | --revoke]\n"
          "       nhacviec feed --list\n");
    CHECK(cli::usage("outbox") ==
          "usage: nhacviec outbox [--state pending|sending|sent|retrying|dead|cancelled|skipped] [--ref NV-XXXXX-XXXXX] "
          "[--json]\n");
    CHECK(cli::usage("no-such-command") == "");
}

TEST_CASE("usage: a wrong command line prints what `nhacviec help COMMAND` shows", "[cli]") {
    // A bad argument for every command that takes options, and too many for the others.
    const std::vector<std::vector<std::string>> wrong = {
        {"import"},          {"tasks", "--bogus"},    {"resolve"},          {"check", "x"},
        {"calendar"},        {"status"},              {"report", "--bogus"}, {"schedule"},
        {"deliver", "--bogus"}, {"outbox", "--bogus"}, {"send-test"},       {"feed"},
        {"run", "--bogus"},  {"backup"},              {"links", "renew"},
        {"user"},
    };
    for (const auto& args : wrong) {
        INFO(args[0]);
        const auto result = run_cli(args);
        CHECK(result.status == cli::kExitUsage);
        CHECK(result.out.empty());
        const std::string usage = cli::usage(args[0]);
        REQUIRE_FALSE(usage.empty());
        CHECK(result.err.size() >= usage.size());
        CHECK(result.err.substr(result.err.size() - usage.size()) == usage);
        const auto help = run_cli({"help", args[0]});
        CHECK(help.status == cli::kExitOk);
        CHECK(help.out.rfind(usage, 0) == 0);
    }
    // Every command of the table is covered.
    CHECK(wrong.size() + 1 == cli::commands().size());  // all but help
}
