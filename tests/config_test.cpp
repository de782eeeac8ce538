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

TEST_CASE("schedule rules from the configuration", "[config]") {
    auto config = parse_config(R"([schedule]
send_time = "07:30"
reminder_days = [10, 0]
[escalation]
level2_after_days = 5
level3_after_days = 20
level3_repeat_days = 0
[review.yearly]
months_after = 3
[review.period]
months_after = 1
[[task]]
plan = "90/KH-UBND"
id = "II.5.11"
review = "yearly"
months_after = 3
escalate = false
[[task]]
id = "II.5.13"
deadline = "Quý IV/2027"
)",
                               "c.toml");
    INFO((config.ok() ? "" : config.error().message));
    REQUIRE(config.ok());
    const ScheduleRules& r = config->schedule;
    CHECK(r.send_minutes == 7 * 60 + 30);
    CHECK(r.reminder_days == std::vector<int>{10, 0});
    CHECK(r.review_days == std::vector<int>{14, 3, 0});
    CHECK(r.level2_after_days == 5);
    CHECK(r.level3_after_days == 20);
    CHECK(r.level3_repeat_days == 0);
    CHECK(r.months_after.at(Recurrence::yearly) == 3);
    CHECK(r.period_months_after == 1);
    const TaskRules* t = r.task_rules("90/KH-UBND", "II.5.11");
    REQUIRE(t != nullptr);
    CHECK(t->review == Recurrence::yearly);
    CHECK(t->months_after == 3);
    CHECK(t->escalate == false);
    CHECK(r.task_rules("12/KH-UBND", "II.5.11") == nullptr);
    const TaskRules* u = r.task_rules("12/KH-UBND", "II.5.13");
    REQUIRE(u != nullptr);
    CHECK(format_iso_date(*u->deadline->due) == "2027-12-31");
}

TEST_CASE("bad schedule rules name the place", "[config]") {
    struct Case {
        const char* what;
        const char* toml;
        const char* error;
    };
    const Case cases[] = {
        {"time of day", "[schedule]\nsend_time = \"25:00\"\n",
         "c.toml:2:13: [schedule] send_time: expected a time of day \"HH:MM\", not \"25:00\""},
        {"negative lead time", "[schedule]\nreminder_days = [7, -1]\n",
         "c.toml:2:17: [schedule] reminder_days: expected whole numbers of days from 0 to 366"},
        {"repeated lead time", "[schedule]\nreminder_days = [7, 7]\n",
         "c.toml:2:17: [schedule] reminder_days: lists 7 twice"},
        {"weekday", "[schedule]\ndigest_weekday = 6\n",
         "c.toml:2:18: [schedule] digest_weekday: must be between 1 and 5, not 6"},
        {"levels out of order", "[escalation]\nlevel2_after_days = 30\nlevel3_after_days = 7\n",
         "c.toml:3:21: [escalation] level3_after_days: must be later than level2_after_days"},
        {"unknown family", "[review.weekly]\nmonths_after = 1\n", "c.toml:1:9: [review] weekly: unknown key"},
        {"task without id", "[[task]]\nreview = \"yearly\"\n", "c.toml:1:1: [[task]] id: is required"},
        {"unknown cadence", "[[task]]\nid = \"I.1\"\nreview = \"weekly\"\n",
         "c.toml:3:10: [[task]] review: expected \"monthly\", \"quarterly\", \"half_yearly\" or \"yearly\", not \"weekly\""},
        {"undetermined deadline", "[[task]]\nid = \"I.1\"\ndeadline = \"Theo chỉ đạo\"\n",
         "c.toml:3:12: [[task]] deadline: unrecognised deadline phrase \"Theo chỉ đạo\""},
        {"same task twice", "[[task]]\nid = \"I.1\"\n[[task]]\nid = \"I.1\"\n",
         "c.toml:4:6: [[task]] id: has rules twice: \"I.1\""},
        {"unknown task key", "[[task]]\nid = \"I.1\"\nlead_days = [1]\n", "c.toml:3:1: [[task]] lead_days: unknown key"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto config = parse_config(c.toml, "c.toml");
        REQUIRE_FALSE(config.ok());
        CHECK(config.error().message == c.error);
    }
}
