// The HTTP API of the daemon for tests, without a socket: the seed imported
// into a database, and the Api over it set up as the daemon sets it up, with
// an admin token and one for Sở Nội vụ, at 09:30 in Vietnam on 15 October
// 2026. Used by the tests of bad requests and of the calendar feeds.
#pragma once

#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "common/clock.h"
#include "common/date.h"
#include "app/delivery_pass.h"
#include "app/snapshot_source.h"
#include "storage/database.h"
#include "test_support.h"
#include "web/api.h"

namespace nhacviec::testing {

struct ApiFixture {
    TempDir dir;
    std::string db_path = (dir / "nv.db").string();
    std::string config_path = (dir / "nhacviec.toml").string();
    std::optional<ServiceSetup> setup;
    std::optional<Database> db;
    const ServiceSetup* current = nullptr;
    FakeClock clock{vietnam_time(*parse_iso_date("2026-10-15"), 9 * 60 + 30)};
    DaemonStatus status;
    int changes = 0;
    std::optional<app::ReadingSnapshotSource> snapshots;  // the plan snapshot, as the daemon's LiveState has it
    std::optional<Api> api;

    // `config` is added to the configuration after the two tokens ("[api]\ntokens_for_reads = true\n", …).
    explicit ApiFixture(const std::string& config = "") {
        REQUIRE(run_cli({"--db", db_path, "import", seed_plan().string()}).status == 0);
        write_file(config_path,
                   "[[api.token]]\ntoken = \"admin-token-0123456789\"\nrole = \"admin\"\n"
                   "[[api.token]]\ntoken = \"so-noi-vu-token-0123456789\"\nrole = \"agency\"\nagency = \"Sở Nội vụ\"\n" +
                       config);
        app::GlobalOptions options;
        options.config_path = config_path;
        options.database_path = db_path;
        auto loaded = load_service_setup(options);
        if (!loaded) FAIL(loaded.error().message);
        setup.emplace(std::move(*loaded));
        auto opened = Database::open(db_path);
        if (!opened) FAIL(opened.error().message);
        db.emplace(std::move(*opened));
        current = &*setup;
        snapshots.emplace(*db, std::shared_ptr<const ServiceSetup>(std::shared_ptr<void>(), current), clock);
        api.emplace(*db, *snapshots, clock, status, [this] { ++changes; });
    }

    // Api::handle of one request; a body is sent as JSON.
    HttpResponse handle(const std::string& method, const std::string& target, const std::string& authorization,
                        const std::string& body) {
        HttpRequest request;
        request.method = method;
        request.target = target;
        request.authorization = authorization;
        request.content_type = body.empty() ? "" : "application/json";
        request.body = body;
        return api->handle(request);
    }

    // The command line on the same configuration and database.
    CommandResult cli(std::vector<std::string> args) {
        args.insert(args.begin(), {"--config", config_path, "--db", db_path});
        return run_cli(args);
    }
};

// The value of header `name` in `response`; "" when it has none.
inline std::string header_of(const HttpResponse& response, const std::string& name) {
    for (const auto& [header, value] : response.headers)
        if (header == name) return value;
    return "";
}

}  // namespace nhacviec::testing
