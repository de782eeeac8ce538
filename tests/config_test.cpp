#include "config/config.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;

TEST_CASE("no configuration file: the defaults", "[config]") {
    auto config = load_config(std::nullopt);
    REQUIRE(config.ok());
    CHECK(config->database == "var/nhacviec.db");
    CHECK_FALSE(config->agency_directory.has_value());
    CHECK(config->source == "built-in defaults");
}

TEST_CASE("the example configuration is valid and states the defaults", "[config]") {
    auto config = load_config(source_dir() / "config/nhacviec.example.toml");
    INFO((config.ok() ? "" : config.error().message));
    REQUIRE(config.ok());
    CHECK(config->database == "var/nhacviec.db");
    CHECK_FALSE(config->agency_directory.has_value());
}

TEST_CASE("configuration values and relative paths", "[config]") {
    auto config = parse_config("[storage]\ndatabase = \"/srv/nv.db\"\n[agencies]\ndirectory = \"dir.toml\"\n",
                               "/etc/nhacviec/nhacviec.toml");
    REQUIRE(config.ok());
    CHECK(config->database == "/srv/nv.db");
    CHECK(*config->agency_directory == "/etc/nhacviec/dir.toml");
}

TEST_CASE("bad configurations name the file, line, column and key", "[config]") {
    struct Case {
        const char* what;
        const char* toml;
        const char* error;
    };
    const Case cases[] = {
        {"unknown section", "[storag]\ndatabase = \"x\"\n", "c.toml:1:2: storag: unknown key"},
        {"unknown key", "[storage]\ndatabse = \"x\"\n", "c.toml:2:1: [storage] databse: unknown key"},
        {"wrong type", "[storage]\ndatabase = 5\n", "c.toml:2:12: [storage] database: expected a string"},
        {"empty path", "[storage]\ndatabase = \"\"\n", "c.toml:2:12: [storage] database: must not be empty"},
        {"section as a value", "storage = 1\n", "c.toml:1:11: storage: expected a table"},
        {"syntax error", "[storage\n", "c.toml:1:9: Error while parsing table header: expected ']', saw '\\n'"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto config = parse_config(c.toml, "c.toml");
        REQUIRE_FALSE(config.ok());
        CHECK(config.error().message == c.error);
    }
}

TEST_CASE("a missing configuration file is an error naming it", "[config]") {
    auto config = load_config(std::filesystem::path("/nonexistent/nhacviec.toml"));
    REQUIRE_FALSE(config.ok());
    CHECK(config.error().message == "/nonexistent/nhacviec.toml: cannot open: No such file or directory");
}
