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
    CHECK(config->console.session_idle_minutes == 480);
}

TEST_CASE("the example configuration is valid and states the defaults", "[config]") {
    auto config = load_config(source_dir() / "config/nhacviec.example.toml");
    INFO((config.ok() ? "" : config.error().message));
    REQUIRE(config.ok());
    CHECK(config->database == "var/nhacviec.db");
    CHECK_FALSE(config->agency_directory.has_value());
}

TEST_CASE("configuration values and relative paths", "[config]") {
    auto config = parse_config("[storage]\ndatabase = \"/srv/nv.db\"\n[agencies]\ndirectory = \"dir.toml\"\n"
                               "[console]\nsession_idle_minutes = 60\n",
                               "/etc/nhacviec/nhacviec.toml");
    REQUIRE(config.ok());
    CHECK(config->console.session_idle_minutes == 60);
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

TEST_CASE("delivery settings from the configuration", "[config]") {
    auto defaults = load_config(source_dir() / "config/nhacviec.example.toml");
    REQUIRE(defaults.ok());
    const DeliveryConfig& d = defaults->delivery;
    CHECK(d.email.server.empty());
    CHECK(d.email.maildir == "var/mail");
    CHECK(d.email.from_address == "nhacviec@haiphong.example");
    CHECK(d.email.from_name == "Hệ thống nhắc việc UBND thành phố Hải Phòng");
    CHECK(d.email.connections == 2);
    CHECK(d.webhook.connections == 4);
    CHECK(d.retry.delays == RetryConfig{}.delays);
    CHECK(d.retry.give_up_after == std::chrono::hours(72));
    CHECK(d.retry.jitter == 0.1);

    auto config = parse_config(R"([email]
server = "smtps://mail.haiphong.gov.vn:465"
username = "nhacviec"
password = "bí mật"
from = "nhacviec@haiphong.gov.vn"
timeout_seconds = 20
connections = 4
[webhook]
connections = 16
[[webhook.endpoint]]
url = "https://a.example/hook"
secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"
[delivery]
retry_minutes = [2, 10]
give_up_after_hours = 24
jitter_percent = 0
)",
                               "c.toml");
    INFO((config.ok() ? "" : config.error().message));
    REQUIRE(config.ok());
    const DeliveryConfig& c = config->delivery;
    CHECK(c.email.server == "smtps://mail.haiphong.gov.vn:465");
    CHECK(c.email.security == EmailConfig::Security::tls);  // implied by smtps://
    CHECK(c.email.username == "nhacviec");
    CHECK(c.email.password == "bí mật");
    CHECK(c.email.timeout == std::chrono::seconds(20));
    CHECK(c.email.connections == 4);
    CHECK(c.webhook.connections == 16);
    REQUIRE(c.webhook.keys.size() == 1);
    CHECK(c.webhook.keys.at("https://a.example/hook") == std::string("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b"
                                                                      "\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17",
                                                                      24));
    CHECK(c.retry.delays == std::vector<std::chrono::seconds>{std::chrono::minutes(2), std::chrono::minutes(10)});
    CHECK(c.retry.give_up_after == std::chrono::hours(24));
    CHECK(c.retry.jitter == 0.0);

    auto api = parse_config("[api]\nlisten = \"0.0.0.0:9000\"\ntokens_for_reads = true\n[[api.token]]\n"
                            "token = \"0123456789abcdef\"\nrole = \"agency\"\nagency = \"Sở Tài chính\"\n"
                            "[[api.token]]\ntoken = \"admin-token-0123456789\"\nrole = \"admin\"\n",
                            "c.toml");
    REQUIRE(api.ok());
    CHECK(api->api.listen.address == "0.0.0.0");
    CHECK(api->api.listen.port == 9000);
    CHECK(api->api.tokens_for_reads);
    REQUIRE(api->api.tokens.size() == 2);
    CHECK(api->api.tokens[0].role == ApiConfig::Token::Role::agency);
    CHECK(api->api.tokens[0].agency == "Sở Tài chính");
    CHECK(api->api.tokens[0].where == "c.toml:7:10");
    CHECK(api->api.tokens[1].role == ApiConfig::Token::Role::admin);
    CHECK(api->api.tokens[1].agency == "");
    CHECK(api->api.tokens[1].where == "c.toml:8:1");
    CHECK(api->api.public_url == "");
    CHECK(api->api.link_days == 120);

    // A trailing slash is dropped, so links read BASE/tra-loi/TOKEN.
    auto links = parse_config("[api]\npublic_url = \"https://nhacviec.haiphong.gov.vn/\"\nlink_days = 30\n", "c.toml");
    REQUIRE(links.ok());
    CHECK(links->api.public_url == "https://nhacviec.haiphong.gov.vn");
    CHECK(links->api.link_days == 30);
    CHECK(api->api.answer_requests_per_address == 300);
    CHECK(api->api.answer_posts_per_link == 20);
    auto prefixed = parse_config("[api]\npublic_url = \"http://10.0.0.5:8080/nhacviec\"\n", "c.toml");
    REQUIRE(prefixed.ok());
    CHECK(prefixed->api.public_url == "http://10.0.0.5:8080/nhacviec");

    // No trusted proxy by default; listed ones are kept as written.
    CHECK(api->api.trusted_proxies.empty());
    auto proxies = parse_config("[api]\ntrusted_proxies = [\"127.0.0.1\", \"::1\"]\n", "c.toml");
    REQUIRE(proxies.ok());
    CHECK(proxies->api.trusted_proxies == std::vector<std::string>{"127.0.0.1", "::1"});
}

TEST_CASE("bad delivery settings name the place", "[config]") {
    struct Case {
        const char* what;
        const char* toml;
        const char* error;
    };
    const Case cases[] = {
        {"server scheme", "[email]\nserver = \"mail.example:25\"\n",
         "c.toml:2:10: [email] server: expected \"smtp://HOST:PORT\" or \"smtps://HOST:PORT\", not \"mail.example:25\""},
        {"security", "[email]\nsecurity = \"ssl\"\n",
         "c.toml:2:12: [email] security: expected \"starttls\", \"tls\" or \"none\", not \"ssl\""},
        {"tls without smtps", "[email]\nserver = \"smtp://m.example:587\"\nsecurity = \"tls\"\n",
         "c.toml:3:12: [email] security: \"tls\" (implicit TLS) needs an smtps:// server"},
        {"username without password", "[email]\nusername = \"nv\"\n",
         "c.toml:2:12: [email] username: is set but password is not"},
        {"sender", "[email]\nfrom = \"Nhắc việc\"\n",
         "c.toml:2:8: [email] from: expected an address like \"nhacviec@example.vn\", not \"Nhắc việc\""},
        {"connections", "[email]\nconnections = 0\n",
         "c.toml:2:15: [email] connections: must be between 1 and 32, not 0"},
        {"unknown email key", "[email]\nhost = \"m\"\n", "c.toml:2:1: [email] host: unknown key"},
        {"endpoint url", "[[webhook.endpoint]]\nurl = \"ftp://a\"\nsecret = \"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX\"\n",
         "c.toml:2:7: [[webhook.endpoint]] url: expected an http:// or https:// URL, not \"ftp://a\""},
        {"endpoint secret", "[[webhook.endpoint]]\nurl = \"https://a\"\nsecret = \"abc\"\n",
         "c.toml:3:10: [[webhook.endpoint]] secret: webhook secret must start with \"whsec_\""},
        {"endpoint without secret", "[[webhook.endpoint]]\nurl = \"https://a\"\n",
         "c.toml:1:1: [[webhook.endpoint]] secret: is required"},
        {"retry minutes", "[delivery]\nretry_minutes = [1, 0]\n",
         "c.toml:2:17: [delivery] retry_minutes: expected whole numbers of minutes from 1 to 1440"},
        {"no retry minutes", "[delivery]\nretry_minutes = []\n",
         "c.toml:2:17: [delivery] retry_minutes: must not be empty"},
        {"jitter", "[delivery]\njitter_percent = 80\n",
         "c.toml:2:18: [delivery] jitter_percent: must be between 0 and 50, not 80"},
        {"listen", "[api]\nlisten = \"8470\"\n",
         "c.toml:2:10: [api] listen: expected ADDRESS:PORT such as \"127.0.0.1:8470\", not \"8470\""},
        {"public url scheme", "[api]\npublic_url = \"nhacviec.haiphong.gov.vn\"\n",
         "c.toml:2:14: [api] public_url: expected an http:// or https:// URL such as "
         "\"https://nhacviec.haiphong.gov.vn\", not \"nhacviec.haiphong.gov.vn\""},
        {"public url query", "[api]\npublic_url = \"https://a.example/?x=1\"\n",
         "c.toml:2:14: [api] public_url: must have no query or fragment (\"?\", \"#\"), not \"https://a.example/?x=1\""},
        {"public url fragment", "[api]\npublic_url = \"https://a.example/#top\"\n",
         "c.toml:2:14: [api] public_url: must have no query or fragment (\"?\", \"#\"), not \"https://a.example/#top\""},
        {"public url host", "[api]\npublic_url = \"https:///x\"\n", "c.toml:2:14: [api] public_url: names no host: \"https:///x\""},
        {"public url user", "[api]\npublic_url = \"https://u:p@a.example\"\n",
         "c.toml:2:14: [api] public_url: must not carry a user name or password: \"https://u:p@a.example\""},
        {"public url space", "[api]\npublic_url = \"https://a.example/x y\"\n",
         "c.toml:2:14: [api] public_url: must not contain spaces, quotes or control characters, not \"https://a.example/x y\""},
        {"link days", "[api]\nlink_days = 0\n", "c.toml:2:13: [api] link_days: must be between 1 and 3650, not 0"},
        {"answer requests per address", "[api]\nanswer_requests_per_address = -1\n",
         "c.toml:2:31: [api] answer_requests_per_address: must be between 0 and 1000000, not -1"},
        {"answer posts per link", "[api]\nanswer_posts_per_link = 10001\n",
         "c.toml:2:25: [api] answer_posts_per_link: must be between 0 and 10000, not 10001"},
        {"session idle too short", "[console]\nsession_idle_minutes = 4\n",
         "c.toml:2:24: [console] session_idle_minutes: must be between 5 and 10080, not 4"},
        {"console unknown key", "[console]\nsession_idle = 480\n", "c.toml:2:1: [console] session_idle: unknown key"},
        {"link days too many", "[api]\nlink_days = 3651\n",
         "c.toml:2:13: [api] link_days: must be between 1 and 3650, not 3651"},
        {"short token", "[[api.token]]\ntoken = \"abc\"\nrole = \"admin\"\n",
         "c.toml:2:9: [[api.token]] token: must be at least 16 characters"},
        {"token without a role", "[[api.token]]\ntoken = \"0123456789abcdef\"\nagency = \"Sở Tài chính\"\n",
         "c.toml:1:1: [[api.token]] role: is required"},
        {"an agency token with an empty agency",
         "[[api.token]]\ntoken = \"0123456789abcdef\"\nrole = \"agency\"\nagency = \"\"\n",
         "c.toml:4:10: [[api.token]] agency: must name an agency of the directory, not be empty"},
        {"an agency token with a blank agency",
         "[[api.token]]\ntoken = \"0123456789abcdef\"\nrole = \"agency\"\nagency = \" \u00a0\"\n",
         "c.toml:4:10: [[api.token]] agency: must name an agency of the directory, not be empty"},
        {"an agency token without its agency", "[[api.token]]\ntoken = \"0123456789abcdef\"\nrole = \"agency\"\n",
         "c.toml:3:8: [[api.token]] role: an agency token needs agency = \"…\", an agency of the directory"},
        {"an empty agency without a role", "[[api.token]]\ntoken = \"0123456789abcdef\"\nagency = \"\"\n",
         "c.toml:1:1: [[api.token]] role: is required"},
        {"an unknown role", "[[api.token]]\ntoken = \"0123456789abcdef\"\nrole = \"root\"\n",
         "c.toml:3:8: [[api.token]] role: expected \"admin\" or \"agency\", not \"root\""},
        {"the old admin key", "[[api.token]]\ntoken = \"0123456789abcdef\"\nadmin = true\n",
         "c.toml:3:9: [[api.token]] admin: is no longer read: write role = \"admin\""},
        {"a trusted proxy that is a host name", "[api]\ntrusted_proxies = [\"127.0.0.1\", \"proxy.local\"]\n",
         "c.toml:2:33: [api] trusted_proxies: not an IP address: \"proxy.local\""},
        {"a trusted proxy with a port", "[api]\ntrusted_proxies = [\"127.0.0.1:80\"]\n",
         "c.toml:2:20: [api] trusted_proxies: not an IP address: \"127.0.0.1:80\""},
        {"a trusted proxy as a network", "[api]\ntrusted_proxies = [\"10.0.0.0/8\"]\n",
         "c.toml:2:20: [api] trusted_proxies: not an IP address: \"10.0.0.0/8\""},
        {"a trusted proxy that is not a string", "[api]\ntrusted_proxies = [1]\n",
         "c.toml:2:20: [api] trusted_proxies: expected an array of IP addresses"},
        {"trusted proxies as one string", "[api]\ntrusted_proxies = \"127.0.0.1\"\n",
         "c.toml:2:19: [api] trusted_proxies: expected an array"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto config = parse_config(c.toml, "c.toml");
        REQUIRE_FALSE(config.ok());
        CHECK(config.error().message == c.error);
    }
}
