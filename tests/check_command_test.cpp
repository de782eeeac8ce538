// nhacviec check: configuration, directory and the agency names in the database.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

#include "app/delivery_pass.h"
#include "storage/database.h"
#include "test_support.h"

using namespace nhacviec::testing;

TEST_CASE("check on the seed: every agency is known", "[check]") {
    TempDir dir;
    const std::string db = (dir / "nhacviec.db").string();
    auto before = run_cli({"--db", db, "check"});
    CHECK(before.status == 0);
    CHECK(before.out.find("database: " + db + ": not created yet (no plan imported)\n") != std::string::npos);

    REQUIRE(run_cli({"--db", db, "import", seed_plan().string()}).status == 0);
    auto after = run_cli({"--db", db, "check"});
    INFO(after.out << after.err);
    CHECK(after.status == 0);
    CHECK(after.out.rfind("configuration: built-in defaults: ok\nagency directory: built-in: ", 0) == 0);
    CHECK(after.out.find(" not in the directory\n") != std::string::npos);
    CHECK(after.out.find(", 0 not in the directory\n") != std::string::npos);
}

TEST_CASE("check lists agency names the directory does not know", "[check]") {
    TempDir dir;
    const std::string db = (dir / "nhacviec.db").string();
    std::string text = read_file(seed_plan());
    text = replace_once(text, "Quy hoạch điều chỉnh\tQuý III/2026", "Quy hoạch điều chỉnh\tQuý III/2026");
    text = replace_once(text, "\tSở Nội vụ\tSở Tài chính\tVăn bản đề xuất", "\tSở Ngoại vụ\tSở Tài chính\tVăn bản đề xuất");
    const auto plan = dir / "plan.txt";
    write_file(plan, text);
    auto imported = run_cli({"--db", db, "import", plan.string()});
    REQUIRE(imported.status == 0);
    CHECK(imported.err.find("warning: " + plan.string() + ":139: task II.5.9: agency not in the directory: \"Sở Ngoại vụ\"\n") !=
          std::string::npos);
    auto check = run_cli({"--db", db, "check"});
    CHECK(check.status == 1);
    CHECK(check.out.find(", 1 not in the directory\n  unknown agency: \"Sở Ngoại vụ\"\n") != std::string::npos);
}

TEST_CASE("check reports a bad configuration with its place", "[check]") {
    TempDir dir;
    const auto config = dir / "bad.toml";
    write_file(config, "[storage]\ndatabase = \"x.db\"\nfrequency = 3\n");
    auto result = run_cli({"--config", config.string(), "check"});
    CHECK(result.status == 1);
    CHECK(result.err == "nhacviec: " + config.string() + ":3:1: [storage] frequency: unknown key\n");
}

TEST_CASE("check reports agencies in the configuration the directory does not know", "[check]") {
    TempDir dir;
    const auto config = dir / "c.toml";
    write_file(config, "[[task]]\nid = \"I.3\"\ncc = [\"Sở Nội vụ\", \"Sở Ngoại vụ\"]\n"
                       "[[api.token]]\ntoken = \"0123456789abcdef\"\nrole = \"agency\"\nagency = \"Sở Ngoại vụ\"\n");
    auto result = run_cli({"--config", config.string(), "--db", (dir / "nv.db").string(), "check"});
    CHECK(result.status == 1);
    CHECK(result.out.find("  unknown agency in [[task]] I.3 cc: \"Sở Ngoại vụ\"\n") != std::string::npos);
    CHECK(result.out.find("  " + config.string() +
                          ":7:10: [[api.token]] agency: not in the agency directory: \"Sở Ngoại vụ\"\n") !=
          std::string::npos);
    CHECK(result.out.find("Sở Nội vụ\"") == std::string::npos);
}

TEST_CASE("check loads the message templates and reports a broken one with its line", "[check]") {
    TempDir dir;
    std::filesystem::create_directory(dir / "templates");
    for (const char* kind : {"reminder", "review", "escalation", "digest"}) {
        write_file(dir / "templates" / (std::string(kind) + ".subject.txt"), "{{task.code}}");
        write_file(dir / "templates" / (std::string(kind) + ".txt"), "{{to}}");
        write_file(dir / "templates" / (std::string(kind) + ".html"), "{{to}}");
    }
    write_file(dir / "c.toml", "[messages]\ntemplates = \"templates\"\n");
    auto ok = run_cli({"--config", (dir / "c.toml").string(), "--db", (dir / "nv.db").string(), "check"});
    CHECK(ok.status == 0);
    CHECK(ok.out.find("message templates: " + (dir / "templates").string() + ": ok\n") != std::string::npos);

    write_file(dir / "templates" / "escalation.txt", "{{to}}\n{{#level1}}Quá hạn\n");
    auto broken = run_cli({"--config", (dir / "c.toml").string(), "--db", (dir / "nv.db").string(), "check"});
    CHECK(broken.status == 1);
    CHECK(broken.err == "nhacviec: " + (dir / "templates" / "escalation.txt").string() + ":2: unclosed {{#level1}}\n");
}

TEST_CASE("an agency without a contact is reported, and its notifications recorded as undeliverable", "[check]") {
    TempDir dir;
    const std::string db = (dir / "nhacviec.db").string();
    // The directory with no address for the Department of Agriculture and Environment.
    write_file(dir / "agencies.toml",
               replace_once(read_file(source_dir() / "config/agencies.toml"),
                            "name = \"Sở Nông nghiệp và Môi trường\"\nemails = [\"so-nong-nghiep-moi-truong@haiphong.example\"]",
                            "name = \"Sở Nông nghiệp và Môi trường\"\nemails = []"));
    write_file(dir / "c.toml", "[agencies]\ndirectory = \"agencies.toml\"\n[email]\nmaildir = \"" +
                                   (dir / "mail").string() + "\"\n");
    const std::string config = (dir / "c.toml").string();
    REQUIRE(run_cli({"--config", config, "--db", db, "import", seed_plan().string()}).status == 0);

    auto check = run_cli({"--config", config, "--db", db, "check"});
    CHECK(check.status == 1);
    CHECK(check.out.find("  agency without a contact: \"Sở Nông nghiệp và Môi trường\" (its notifications are "
                         "recorded as undeliverable)\n") != std::string::npos);

    // On 25 November 2026 II.1.1, which it leads, is at escalation level 3.
    auto delivered = run_cli({"--config", config, "--db", db, "deliver", "--now", "2026-11-25T08:00"});
    INFO(delivered.out << delivered.err);
    REQUIRE(delivered.status == 0);
    CHECK(delivered.out.find("1 deliveries recorded as undeliverable: the agency has no contact\n") !=
          std::string::npos);
    CHECK(delivered.out.find("deliveries: 22 sent, 0 to retry, 0 dead\n") != std::string::npos);
    auto dead = run_cli({"--config", config, "--db", db, "outbox", "--state", "dead"});
    CHECK(dead.out ==
          "2026-10-30 08:00  dead  90/KH-UBND/2026|II.1.1|-|escalation-3.1|Sở Nông nghiệp và Môi trường  none  "
          "(no email or webhook in the agency directory)\n"
          "1 deliveries dead\n");

    // The next Monday's digest lists it.
    REQUIRE(run_cli({"--config", config, "--db", db, "deliver", "--now", "2026-11-30T08:00"}).status == 0);
    auto opened = nhacviec::Database::open(db);
    REQUIRE(opened.ok());
    SQLite::Statement digest(opened->sql(), "SELECT text_body FROM notifications WHERE key = ?");
    digest.bind(1, "*|*|2026-11-30|digest|Văn phòng UBND thành phố");
    REQUIRE(digest.executeStep());
    CHECK(digest.getColumn(0).getString().find(
              "\nTHÔNG BÁO KHÔNG GỬI ĐƯỢC\n- Sở Nông nghiệp và Môi trường: [Quá hạn kéo dài – báo cáo Lãnh đạo UBND] "
              "Nhiệm vụ II.1.1 quá hạn 56 ngày (Cơ quan chưa có địa chỉ email hoặc webhook trong danh bạ)\n") !=
          std::string::npos);
}

TEST_CASE("an agency token must name an agency of the directory: check, start-up and load say where", "[check]") {
    TempDir dir;
    const std::string db = (dir / "nv.db").string();
    REQUIRE(run_cli({"--db", db, "import", seed_plan().string()}).status == 0);
    const auto config = dir / "c.toml";
    struct Case {
        const char* what;
        std::string toml;
        std::string error;  // after "FILE:"
    };
    const Case cases[] = {
        // Once an admin token in disguise: an agency token whose agency is empty.
        {"empty agency", "[[api.token]]\ntoken = \"0123456789abcdef\"\nrole = \"agency\"\nagency = \"\"\n",
         "4:10: [[api.token]] agency: must name an agency of the directory, not be empty"},
        {"unknown agency",
         "[api]\nlisten = \"127.0.0.1:0\"\n[[api.token]]\ntoken = \"0123456789abcdef\"\nrole = \"agency\"\n"
         "agency = \"Sở Ngoại vụ\"\n",
         "6:10: [[api.token]] agency: not in the agency directory: \"Sở Ngoại vụ\""},
        {"old admin form", "[[api.token]]\ntoken = \"0123456789abcdef\"\nadmin = true\n",
         "3:9: [[api.token]] admin: is no longer read: write role = \"admin\""},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        write_file(config, c.toml);
        const std::string error = config.string() + ":" + c.error;
        // Loading, as the daemon does at start-up and on reload (run_daemon, Service::reload).
        nhacviec::app::GlobalOptions options;
        options.config_path = config.string();
        options.database_path = db;
        const auto setup = nhacviec::load_service_setup(options);
        REQUIRE_FALSE(setup.ok());
        CHECK(setup.error().message == error);
        // `deliver` starts from the same load, and refuses.
        const auto deliver = run_cli({"--config", config.string(), "--db", db, "deliver", "--now", "2026-10-15T09:30"});
        CHECK(deliver.status == 1);
        CHECK(deliver.err == "nhacviec: " + error + "\n");
        // `check` names it too.
        const auto check = run_cli({"--config", config.string(), "--db", db, "check"});
        CHECK(check.status == 1);
        if (std::string(c.what) == "unknown agency") CHECK(check.out.find("\n  " + error + "\n") != std::string::npos);
        else CHECK(check.err == "nhacviec: " + error + "\n");
    }
}
