// Fuzz target: the daemon's HTTP API (Api::handle) behind the server's own
// request reading. The input is the bytes a client sends on one connection:
// the server's RequestReader reads them with the daemon's limits and each
// request goes to the handler as the server hands it over, up to a few
// requests while the client keeps the connection alive. (The reading itself,
// on inputs up to past the limits, is http_request_fuzz.)
//
// Set up once per process as `nhacviec run` sets itself up: a configuration
// file (with an admin token and a token of Sở Tài chính, so that
// POST /api/tasks/ID/status gets past the tokens) read by load_service_setup,
// a fresh SQLite database in a temporary folder with the bundled plan
// imported, and a clock fixed at 2026-10-15 09:30 in Vietnam. Status changes
// are written to that database and stay there for the next inputs; an input
// may therefore answer differently later in a run (a repeated "done" is
// refused once the task is done), which libFuzzer tolerates. Every
// kInputsPerDatabase inputs the database goes back to the copy taken after the
// import, so that a long run does not slow down as status history piles up.
//
// Checks: the handler throws nothing (the server would answer 500), never
// answers 5xx (an internal error; 503 would mean a database locked, and
// nothing else holds this one) and its JSON answers are valid JSON.
#include <stdlib.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "storage/plan_importer.h"
#include "plan/plan_parser.h"
#include "app/delivery_pass.h"
#include "app/snapshot_source.h"
#include "web/api.h"
#include "web/request_reader.h"

namespace {

constexpr int kMaxRequests = 4;  // per input, on one kept-alive connection
constexpr int kInputsPerDatabase = 1000;

void check(bool condition) {
    if (!condition) std::abort();
}

void require(bool condition, const std::string& message) {
    if (condition) return;
    std::fprintf(stderr, "http_api_fuzz: set-up failed: %s\n", message.c_str());
    std::abort();
}

// The daemon's state for the whole run; the folder goes when the process exits normally.
struct Fixture {
    std::filesystem::path dir;
    std::unique_ptr<nhacviec::ServiceSetup> setup;
    const nhacviec::ServiceSetup* current = nullptr;
    std::unique_ptr<nhacviec::Database> db;
    nhacviec::FakeClock clock{nhacviec::vietnam_time(*nhacviec::parse_iso_date("2026-10-15"), 9 * 60 + 30)};
    nhacviec::DaemonStatus status;
    std::unique_ptr<nhacviec::app::ReadingSnapshotSource> snapshots;
    std::unique_ptr<nhacviec::Api> api;
    std::filesystem::path imported_copy;
    int inputs = 0;

    Fixture() {
        std::string pattern = (std::filesystem::temp_directory_path() / "nhacviec-fuzz-XXXXXX").string();
        require(::mkdtemp(pattern.data()) != nullptr, "mkdtemp");
        dir = pattern;
        const std::filesystem::path config_path = dir / "nhacviec.toml";
        std::ofstream(config_path) << "[storage]\n"
                                      "database = \"" << (dir / "nhacviec.db").string() << "\"\n"
                                      "[[api.token]]\n"
                                      "token = \"fuzz-admin-token-0123456789\"\n"
                                      "role = \"admin\"\n"
                                      "[[api.token]]\n"
                                      "token = \"fuzz-so-tai-chinh-token-0123\"\n"
                                      "role = \"agency\"\n"
                                      "agency = \"Sở Tài chính\"\n";
        nhacviec::app::GlobalOptions options;
        options.config_path = config_path.string();
        auto loaded = nhacviec::load_service_setup(options);
        require(loaded.ok(), loaded ? "" : loaded.error().message);
        setup = std::make_unique<nhacviec::ServiceSetup>(std::move(*loaded));
        current = setup.get();

        open_database();
        const std::string plan_file = NHACVIEC_SOURCE_DIR "/config/plans/hai-phong-90-KH-UBND-2026.txt";
        auto plan = nhacviec::read_plan_file(plan_file);
        require(plan.ok(), plan ? "" : plan.error().message);
        auto imported = nhacviec::import_plan(*db, *plan, setup->directory, plan_file, "2026-03-20T08:00:00+07:00");
        require(imported.ok(), imported ? "" : imported.error().message);
        db.reset();
        imported_copy = dir / "imported.db";
        std::filesystem::copy_file(setup->config.database, imported_copy);
        open_database();

        status.last_wake = clock.now() - std::chrono::minutes(90);
        status.next_wake = nhacviec::vietnam_time(*nhacviec::parse_iso_date("2026-10-16"), 8 * 60);
        make_api();
    }

    // The handler over the database as the daemon has it: answering from the plan snapshot.
    void make_api() {
        snapshots = std::make_unique<nhacviec::app::ReadingSnapshotSource>(
            *db, std::shared_ptr<const nhacviec::ServiceSetup>(std::shared_ptr<void>(), current), clock);
        api = std::make_unique<nhacviec::Api>(*db, *snapshots, clock, status, [] {});
    }

    void open_database() {
        // A closed database in WAL mode has its log checkpointed and removed; a copy of the file is all of it.
        require(!std::filesystem::exists(setup->config.database.string() + "-wal"), "a write-ahead log is left");
        auto opened = nhacviec::Database::open(setup->config.database);
        require(opened.ok(), opened ? "" : opened.error().message);
        db = std::make_unique<nhacviec::Database>(std::move(*opened));
    }

    // Puts the database back as it was after the import, with a new handler on it.
    void restore_database() {
        api.reset();
        snapshots.reset();
        db.reset();
        std::filesystem::copy_file(imported_copy, setup->config.database,
                                   std::filesystem::copy_options::overwrite_existing);
        open_database();
        make_api();
    }

    ~Fixture() {
        api.reset();
        snapshots.reset();
        db.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
};

Fixture& fixture() {
    static Fixture instance;
    return instance;
}

void check_response(const nhacviec::HttpResponse& response) {
    check(response.status >= 200 && response.status < 500);
    if (response.content_type == "application/json")
        check(nlohmann::json::accept(response.bytes()));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fixture();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Fixture& f = fixture();
    if (++f.inputs % kInputsPerDatabase == 0) f.restore_database();
    nhacviec::RequestReader reader{nhacviec::HttpLimits{}};
    auto state = reader.feed(std::string_view(reinterpret_cast<const char*>(data), size));
    // What the server does with a refused request: answer 400 or 413 without a handler, and close.
    for (int i = 0; i < kMaxRequests && state == nhacviec::RequestReader::State::ready; ++i) {
        check_response(f.api->handle(reader.request()));
        if (!reader.keep_alive()) break;
        state = reader.next();
    }
    return 0;
}
