// Fuzz target: the daemon's HTTP API (Api::handle) behind the server's own
// request reading. The input is the bytes a client sends on one connection:
// Boost.Beast's request parser reads them with the server's limits
// (apply_limits) and each request goes to the handler as the server hands it
// over (to_http_request), up to a few requests while the client keeps the
// connection alive.
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

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "plan/plan_importer.h"
#include "plan/plan_parser.h"
#include "service/delivery_pass.h"
#include "web/api.h"
#include "web/http_server.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

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

// The bytes a client sent, read as from a socket that the client then closed.
class InputStream {
public:
    explicit InputStream(std::string_view bytes) : rest_(bytes) {}

    template <class MutableBuffers>
    std::size_t read_some(const MutableBuffers& buffers, beast::error_code& error) {
        error = {};
        if (rest_.empty()) {
            error = asio::error::eof;
            return 0;
        }
        const std::size_t n = asio::buffer_copy(buffers, asio::buffer(rest_.data(), rest_.size()));
        rest_.remove_prefix(n);
        return n;
    }

    template <class MutableBuffers>
    std::size_t read_some(const MutableBuffers& buffers) {
        beast::error_code error;
        const std::size_t n = read_some(buffers, error);
        if (error) throw beast::system_error(error);
        return n;
    }

private:
    std::string_view rest_;
};

// The daemon's state for the whole run; the folder goes when the process exits normally.
struct Fixture {
    std::filesystem::path dir;
    std::unique_ptr<nhacviec::ServiceSetup> setup;
    const nhacviec::ServiceSetup* current = nullptr;
    std::unique_ptr<nhacviec::Database> db;
    nhacviec::FakeClock clock{nhacviec::vietnam_time(*nhacviec::parse_iso_date("2026-10-15"), 9 * 60 + 30)};
    nhacviec::DaemonStatus status;
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
        nhacviec::cli::GlobalOptions options;
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
        api = std::make_unique<nhacviec::Api>(*db, current, clock, status, [] {});
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
        db.reset();
        std::filesystem::copy_file(imported_copy, setup->config.database,
                                   std::filesystem::copy_options::overwrite_existing);
        open_database();
        api = std::make_unique<nhacviec::Api>(*db, current, clock, status, [] {});
    }

    ~Fixture() {
        api.reset();
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
        check(nlohmann::json::accept(response.body));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fixture();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Fixture& f = fixture();
    if (++f.inputs % kInputsPerDatabase == 0) f.restore_database();
    InputStream stream(std::string_view(reinterpret_cast<const char*>(data), size));
    beast::flat_buffer buffer;
    for (int i = 0; i < kMaxRequests; ++i) {
        nhacviec::HttpRequestParser parser;
        nhacviec::apply_limits(parser, nhacviec::HttpLimits{});
        beast::error_code error;
        http::read(stream, buffer, parser, error);
        // What the server does then: close, or answer 413 without a handler.
        if (error) break;
        const auto& request = parser.get();
        check_response(f.api->handle(nhacviec::to_http_request(request)));
        if (!request.keep_alive()) break;
    }
    return 0;
}
