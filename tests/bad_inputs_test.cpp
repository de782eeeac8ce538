// Bad inputs, one table per family, each row with the exact message a person
// sees: malformed plans through `nhacviec import`, unrecognised deadline
// phrases through `nhacviec resolve`, configurations, message templates,
// agency directories, requests to the HTTP API, and the periodic report's
// period and format. Every expectation is the full text, not a substring, so
// that a changed message is a decision.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include "agency/agency_directory.h"
#include "common/clock.h"
#include "common/date.h"
#include "config/config.h"
#include "content/template.h"
#include "app/delivery_pass.h"
#include "storage/database.h"
#include "api_fixture.h"
#include "test_support.h"
#include "web/api.h"

using namespace nhacviec;
using namespace nhacviec::testing;

namespace {

// Every "{file}" in `text` replaced by `file`.
std::string with_file(std::string text, const std::string& file) {
    for (size_t at = text.find("{file}"); at != std::string::npos; at = text.find("{file}", at + file.size()))
        text.replace(at, 6, file);
    return text;
}

// `text` without the first line that starts with `prefix` (which must exist).
std::string without_line(const std::string& text, const std::string& prefix) {
    const size_t at = text.find("\n" + prefix);
    if (at == std::string::npos) throw std::runtime_error("test data: no line starting with " + prefix);
    const size_t end = text.find('\n', at + 1);
    return text.substr(0, at + 1) + text.substr(end + 1);
}

// The one warning every import of the seed prints: II.5.13 names no date.
const std::string kSeedWarning =
    "warning: {file}:145: task II.5.13: deadline names no date: \"Trong từng giai đoạn\"; the task stays "
    "undetermined until a date is set\n";

}  // namespace

// ---------------------------------------------------------------------------
// 1. Plans: `nhacviec --db DB import FILE`.
// ---------------------------------------------------------------------------

TEST_CASE("bad plans: import rejects them with the file and line, and creates no database", "[bad-input]") {
    const std::string seed = read_file(seed_plan());
    const std::string header =
        "TT\tTên nhiệm vụ\tCơ quan chủ trì\tCơ quan, tổ chức, đơn vị phối hợp thực hiện\tSản phẩm\tThời gian hoàn thành\n";
    struct Row {
        const char* what;
        std::string bytes;
        int status;
        std::string err;  // "{file}" stands for the path of the file
        bool creates_db;
    };
    const Row rows[] = {
        {"empty file", "", 1, "nhacviec: {file}: the file is empty\n", false},
        {"only a byte-order mark and blank lines", "\xEF\xBB\xBF\r\n\r\n", 1, "nhacviec: {file}: the file is empty\n",
         false},
        {"binary bytes (an ELF header)", std::string("\x7F" "ELF\x02\x01\x01\0\0\0", 10), 1,
         "nhacviec: {file}:1: not a text file (a NUL byte at column 8)\n", false},
        {"UTF-16 text (NUL bytes between the letters)", std::string("\xFF\xFES\0\xD1\x1E", 6), 1,
         "nhacviec: {file}:1: UTF-16 text; save the document as UTF-8 first\n", false},
        {"Windows-1258 bytes on line 5 of the seed",
         replace_once(seed, "Hải Phòng, ngày 20 tháng 3", "H\xE1i Ph\xF2ng, ngày 20 tháng 3"), 1,
         "nhacviec: {file}:5:2: not UTF-8 (byte 0xE1); convert legacy encodings (TCVN3, VNI, Windows-1258) to UTF-8 "
         "first\n",
         false},
        {"no appendix table", seed.substr(0, seed.find("TT\tTên nhiệm vụ")), 1,
         "nhacviec: {file}: no appendix table: expected a tab-separated header row starting with \"TT\"\n", false},
        {"no plan number", "Hải Phòng, ngày 20 tháng 3 năm 2026\n" + header, 1,
         "nhacviec: {file}: no plan number: expected a line such as \"Số: 90/KH-UBND\"\n", false},
        {"no date of issue", "Số: 7/KH-UBND\nKẾ HOẠCH\n" + header, 1,
         "nhacviec: {file}: no date of issue: expected \"…, ngày 20 tháng 3 năm 2026\"\n", false},
        {"a header without the product column",
         replace_once(seed, "\tSản phẩm\tThời gian hoàn thành", "\tGhi chú\tThời gian hoàn thành"), 1,
         "nhacviec: {file}:72: the table header has no product column (looked for \"Sản phẩm\", \"Kết quả/sản phẩm\", "
         "\"Sản phẩm/kết quả\", \"Sản phẩm đầu ra\", \"Kết quả đầu ra\", \"Kết quả\", \"Hình thức văn bản/sản phẩm\", "
         "\"Hình thức văn bản\", \"Hình thức sản phẩm\", \"Sản phẩm dự kiến\", \"Dự kiến sản phẩm\")\n",
         false},
        {"a header and no rows", seed.substr(0, seed.find("I. Nhiệm vụ chung (11 nhiệm vụ)")), 1,
         "nhacviec: {file}:72: the appendix table has no tasks\n", false},
        {"a row cut in the middle (task I.3, the last line)",
         seed.substr(0, seed.find("\tSở Tài chính\t- Các Sở, ban, ngành thành phố")), 1,
         "nhacviec: {file}:79: a table row with 2 cells; expected 6 (is the file cut off?)\n", false},
        {"a row with a seventh cell", replace_once(seed, "3\tXây dựng kế hoạch thực hiện", "3\tX\tXây dựng kế hoạch thực hiện"),
         1, "nhacviec: {file}:79: a table row with 7 cells; expected 6\n", false},
        {"a line of text between two rows",
         replace_once(seed, "3\tXây dựng kế hoạch thực hiện", "Ghi chú: xem thêm\n3\tXây dựng kế hoạch thực hiện"), 1,
         "nhacviec: {file}:79: a line without tabs inside the appendix table (\"Ghi chú: xem thêm\"); each row has 6 "
         "cells separated by tabs\n",
         false},
        {"an unrecognised row number", replace_once(seed, "3\tXây dựng kế hoạch thực hiện", "3a\tXây dựng kế hoạch thực hiện"),
         1, "nhacviec: {file}:79: unrecognised row number \"3a\"\n", false},
        {"a task number used twice",
         replace_once(seed, "4\tXây dựng và thực thi chính sách", "3\tXây dựng và thực thi chính sách"), 1,
         "nhacviec: {file}:80: task I.3 appears twice\n", false},
        {"a section number used twice",
         replace_once(seed, "II. Nhiệm vụ, giải pháp cụ thể", "I. Nhiệm vụ, giải pháp cụ thể"), 1,
         "nhacviec: {file}:93: section I appears twice\n", false},
        {"a continuation row before any task",
         replace_once(seed, "I. Nhiệm vụ chung (11 nhiệm vụ)\t\t\t\t\t\n",
                      "I. Nhiệm vụ chung (11 nhiệm vụ)\t\t\t\t\t\n\tPhần tiếp theo\t\t\t\t\n"),
         1, "nhacviec: {file}:74: a row with no number and no task before it to continue\n", false},
        {"a task row before any section row", without_line(seed, "I. Nhiệm vụ chung (11 nhiệm vụ)"), 1,
         "nhacviec: {file}:73: task 1 comes before any section row (\"I. …\")\n", false},
        // Not errors: the import goes ahead and says what disagrees.
        {"a wrong stated task count (a warning)", replace_once(seed, "Tổng số: 51 nhiệm vụ", "Tổng số: 52 nhiệm vụ"), 0,
         "warning: {file}:70: the plan states 52 tasks in total, the table has 51\n" + kSeedWarning, true},
        {"a wrong stated group count (a warning)",
         replace_once(seed, "Đối với đất đai, tài nguyên (05 nhiệm vụ)", "Đối với đất đai, tài nguyên (04 nhiệm vụ)"), 0,
         "warning: {file}:94: group II.1 (Đối với đất đai, tài nguyên) states 4 tasks, the table has 5\n" +
             kSeedWarning,
         true},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        TempDir dir;
        const std::string db = (dir / "nhacviec.db").string();
        const auto file = dir / "plan.txt";
        write_file(file, row.bytes);
        const auto result = run_cli({"--db", db, "import", file.string()});
        CHECK(result.status == row.status);
        CHECK(result.err == with_file(row.err, file.string()));
        if (row.status != 0) CHECK(result.out.empty());
        CHECK(std::filesystem::exists(db) == row.creates_db);
    }

    SECTION("a path that is not there") {
        TempDir dir;
        const std::string db = (dir / "nhacviec.db").string();
        const std::string missing = (dir / "no-such-plan.txt").string();
        const auto result = run_cli({"--db", db, "import", missing});
        CHECK(result.status == 1);
        CHECK(result.err == "nhacviec: " + missing + ": cannot open: No such file or directory\n");
        CHECK_FALSE(std::filesystem::exists(db));
    }
}

// ---------------------------------------------------------------------------
// 2. Deadline phrases: `nhacviec resolve "TEXT"`.
// ---------------------------------------------------------------------------

TEST_CASE("bad deadline phrases: resolve shows them undetermined with the reason", "[bad-input]") {
    struct Row {
        const char* what;
        std::string input;
        std::string shown;    // the text as resolve prints it
        std::string warning;  // the warning line's text
    };
    const Row rows[] = {
        {"unrecognised words", "Theo kế hoạch", "Theo kế hoạch", "unrecognised deadline phrase \"Theo kế hoạch\""},
        {"English", "ASAP", "ASAP", "unrecognised deadline phrase \"ASAP\""},
        {"a month that does not exist", "Tháng 13/2027", "Tháng 13/2027", "no such month in \"Tháng 13/2027\""},
        {"quarter zero", "Quý 0/2027", "Quý 0/2027", "no such quarter in \"Quý 0/2027\""},
        {"30 February", "30/2/2028", "30/2/2028", "no such date in \"30/2/2028\""},
        {"a year too far", "Năm 2101", "Năm 2101", "not a four-digit year from 2000 to 2100 in \"Năm 2101\""},
        {"a period backwards", "Giai đoạn 2031 - 2027", "Giai đoạn 2031 - 2027",
         "period ends before it starts in \"Giai đoạn 2031 - 2027\""},
        {"nothing but spaces", "   ", "", "no deadline text"},
        {"bytes that are not UTF-8", "Qu\xFD I/2026", "Qu\uFFFD I/2026",
         "unrecognised deadline phrase \"Qu\uFFFD I/2026\""},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        const auto result = run_cli({"resolve", row.input});
        CHECK(result.status == 0);
        CHECK(result.err.empty());
        CHECK(result.out == "text:        " + row.shown +
                                "\n"
                                "kind:        undetermined\n"
                                "due:         -\n"
                                "recurrence:  -\n"
                                "legal due:   -\n"
                                "next review: -\n"
                                "warning:     " +
                                row.warning + "\n");
    }
    // As JSON too: bytes that are not UTF-8 used to make resolve --json abort.
    const auto json = run_cli({"resolve", "Qu\xFD I/2026", "--json"});
    CHECK(json.status == 0);
    CHECK(json.out.find("\"text\": \"Qu\uFFFD I/2026\"") != std::string::npos);
}

// ---------------------------------------------------------------------------
// 3. Configurations: parse_config(text, "c.toml").
// ---------------------------------------------------------------------------

TEST_CASE("bad configurations: the error names the file, line, column and key", "[bad-input]") {
    struct Row {
        const char* what;
        std::string toml;
        std::string error;
    };
    const Row rows[] = {
        {"[storage] database as an array", "[storage]\ndatabase = [\"a.db\"]\n",
         "c.toml:2:12: [storage] database: expected a string"},
        {"[agencies] directory empty", "[agencies]\ndirectory = \"\"\n",
         "c.toml:2:13: [agencies] directory: must not be empty"},
        {"[calendar] misspelt key", "[calendar]\nholiday = \"h.toml\"\n", "c.toml:2:1: [calendar] holiday: unknown key"},
        {"[schedule] minute 60", "[schedule]\nsend_time = \"08:60\"\n",
         "c.toml:2:13: [schedule] send_time: expected a time of day \"HH:MM\", not \"08:60\""},
        {"[schedule] due_soon_days too large", "[schedule]\ndue_soon_days = 61\n",
         "c.toml:2:17: [schedule] due_soon_days: must be between 0 and 60, not 61"},
        {"[schedule] weekday as a word", "[schedule]\ndigest_weekday = \"monday\"\n",
         "c.toml:2:18: [schedule] digest_weekday: expected an integer (1 = Monday … 5 = Friday)"},
        {"[escalation] unknown level", "[escalation]\nlevel4_after_days = 60\n",
         "c.toml:2:1: [escalation] level4_after_days: unknown key"},
        {"[review.yearly] months_after too large", "[review.yearly]\nmonths_after = 13\n",
         "c.toml:2:16: [review.yearly] months_after: must be between 0 and 12, not 13"},
        {"[[task]] id as a number", "[[task]]\nid = 3\n", "c.toml:2:6: [[task]] id: expected a string"},
        {"[[task]] escalate as a string", "[[task]]\nid = \"I.1\"\nescalate = \"no\"\n",
         "c.toml:3:12: [[task]] escalate: expected true or false"},
        {"task as a plain table", "[task]\nid = \"I.1\"\n", "c.toml:1:1: task: expected an array of tables: [[…]] with double brackets, not a single [table]"},
        {"[email] empty maildir", "[email]\nmaildir = \"\"\n", "c.toml:2:11: [email] maildir: must not be empty"},
        {"[email] smtps with starttls", "[email]\nserver = \"smtps://m.example:465\"\nsecurity = \"starttls\"\n",
         "c.toml:3:12: [email] security: an smtps:// server uses \"tls\""},
        {"[webhook] too many connections", "[webhook]\nconnections = 100\n",
         "c.toml:2:15: [webhook] connections: must be between 1 and 64, not 100"},
        {"[webhook] url outside an endpoint", "[webhook]\nurl = \"https://a.example\"\n",
         "c.toml:2:1: [webhook] url: unknown key"},
        {"[[webhook.endpoint]] secret not base64",
         "[[webhook.endpoint]]\nurl = \"https://a.example\"\nsecret = \"whsec_!!!\"\n",
         "c.toml:3:10: [[webhook.endpoint]] secret: webhook secret is not valid base64 after \"whsec_\""},
        {"[[webhook.endpoint]] the same url twice",
         "[[webhook.endpoint]]\nurl = \"https://a.example\"\nsecret = \"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX\"\n"
         "[[webhook.endpoint]]\nurl = \"https://a.example\"\nsecret = \"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX\"\n",
         "c.toml:5:7: [[webhook.endpoint]] url: has a secret twice: \"https://a.example\""},
        {"[delivery] a retry as a string", "[delivery]\nretry_minutes = [1, \"5\"]\n",
         "c.toml:2:17: [delivery] retry_minutes: expected whole numbers of minutes from 1 to 1440"},
        {"[delivery] give up at once", "[delivery]\ngive_up_after_hours = 0\n",
         "c.toml:2:23: [delivery] give_up_after_hours: must be between 1 and 720, not 0"},
        {"[api] port out of range", "[api]\nlisten = \"127.0.0.1:70000\"\n",
         "c.toml:2:10: [api] listen: expected ADDRESS:PORT such as \"127.0.0.1:8470\", not \"127.0.0.1:70000\""},
        {"[api] tokens_for_reads as a string", "[api]\ntokens_for_reads = \"yes\"\n",
         "c.toml:2:20: [api] tokens_for_reads: expected true or false"},
        {"[[api.token]] an admin token naming an agency",
         "[[api.token]]\ntoken = \"0123456789abcdef\"\nrole = \"admin\"\nagency = \"Sở Tài chính\"\n",
         "c.toml:4:10: [[api.token]] agency: an admin token names no agency (role = \"admin\")"},
        {"[[api.token]] without a token", "[[api.token]]\nrole = \"agency\"\nagency = \"Sở Tài chính\"\n",
         "c.toml:1:1: [[api.token]] token: is required"},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        const auto config = parse_config(row.toml, "c.toml");
        REQUIRE_FALSE(config.ok());
        CHECK(config.error().message == row.error);
    }
}

// ---------------------------------------------------------------------------
// 4. Templates: Template::parse(text, "x.txt", none).
// ---------------------------------------------------------------------------

TEST_CASE("bad templates: the error names the file and line", "[bad-input]") {
    struct Row {
        const char* what;
        std::string text;
        std::string error;
    };
    const Row rows[] = {
        {"an unclosed inverted section", "a\n{{^waiting}}chưa\n", "x.txt:2: unclosed {{^waiting}}"},
        {"sections closed in the wrong order", "{{#a}}\n{{#b}}\n{{/a}}\n{{/b}}\n", "x.txt:3: {{/a}} closes {{#b}} of line 2"},
        {"an inverted section closed by another name", "{{^a}}\n{{/b}}", "x.txt:2: {{/b}} closes {{^a}} of line 1"},
        {"a closing tag with no name", "{{#rows}}{{/}}", "x.txt:1: not a name: {{/}}"},
        {"a section with no name", "x\n{{#}}", "x.txt:2: not a name: {{#}}"},
        {"a triple mustache", "{{{title}}}",
         "x.txt:1: unescaped values ({{{name}}}, {{&name}}) are not supported: write {{title}}"},
        {"an ampersand tag", "{{&title}}",
         "x.txt:1: unescaped values ({{{name}}}, {{&name}}) are not supported: write {{title}}"},
        {"a dash in a name", "{{task-code}}", "x.txt:1: not a name: {{task-code}}"},
        {"an unclosed comment", "a\nb\n{{! note", "x.txt:3: unclosed {{"},
        {"an outer section left open", "1\n2\n{{#rows}}\n{{#inner}}\n{{/inner}}\n", "x.txt:3: unclosed {{#rows}}"},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        const auto parsed = Template::parse(row.text, "x.txt", Template::Escape::none);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message == row.error);
    }
}

// ---------------------------------------------------------------------------
// 5. Agency directories: AgencyDirectory::parse(text, "a.toml").
// ---------------------------------------------------------------------------

TEST_CASE("bad agency directories: the error names the file, line, agency and key", "[bad-input]") {
    struct Row {
        const char* what;
        std::string toml;
        std::string error;
    };
    const Row rows[] = {
        {"the same name twice", "[[agency]]\nname = \"Sở A\"\n[[agency]]\nname = \"Sở A\"\n",
         "a.toml:4:8: agency \"Sở A\" name: \"Sở A\" is already given at a.toml:2:8; a name or alias stands for one "
         "agency only"},
        {"email instead of emails", "[[agency]]\nname = \"Sở A\"\nemail = \"a@example.vn\"\n",
         "a.toml:3:1: agency \"Sở A\" email: unknown key"},
        {"members of an office", "[[agency]]\nname = \"Sở A\"\n[[agency]]\nname = \"Sở B\"\nkind = \"office\"\nmembers = [\"Sở A\"]\n",
         "a.toml:6:11: agency \"Sở B\" members: only a group (kind = \"group\") has members"},
        {"an email without @", "[[agency]]\nname = \"Sở A\"\nemails = [\"so-a at example.vn\"]\n",
         "a.toml:3:11: agency \"Sở A\" emails: \"so-a at example.vn\" is not an email address (no '@')"},
        {"a name that is a number", "[[agency]]\nname = 5\n", "a.toml:2:8: agency #1 name: expected a string"},
        {"an alias that is a number", "[[agency]]\nname = \"Sở A\"\naliases = [\"SA\", 3]\n",
         "a.toml:3:18: agency \"Sở A\" aliases: expected an array of strings"},
        {"a name of punctuation only", "[[agency]]\nname = \"---\"\n",
         "a.toml:2:8: agency \"---\" name: \"---\" has no letters or digits"},
        {"agency as an array of numbers", "agency = [1]\n", "a.toml:1:11: agency: expected a table ([[agency]])"},
        {"roles as a string", "roles = \"Sở A\"\n", "a.toml:1:9: roles: expected a table"},
        {"a role as a number", "[roles]\ncity_office = 7\n", "a.toml:2:15: [roles] city_office: expected a string"},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        const auto parsed = AgencyDirectory::parse(row.toml, "a.toml");
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message == row.error);
    }
}

// ---------------------------------------------------------------------------
// 6. HTTP API requests: Api::handle, set up as the daemon sets it up.
// ---------------------------------------------------------------------------

TEST_CASE("bad API requests: the status and the exact JSON error", "[bad-input]") {
    ApiFixture f;

    const std::string admin = "Bearer admin-token-0123456789";
    const std::string noi_vu = "Bearer so-noi-vu-token-0123456789";
    struct Row {
        const char* what;
        std::string method;
        std::string target;
        std::string authorization;
        std::string body;
        unsigned status;
        std::string json;                  // the whole body
        std::string header_name = "";      // an extra header the answer must carry
        std::string header_value = "";
    };
    const Row rows[] = {
        {"unknown path", "GET", "/api/task", "", "", 404, "{\n  \"error\": \"not found: /api/task\"\n}\n"},
        {"POST to the task list", "POST", "/api/tasks", admin, "{}", 405,
         "{\n  \"error\": \"method not allowed; use GET\"\n}\n", "Allow", "GET"},
        {"GET of a status", "GET", "/api/tasks/I.3/status", admin, "", 405,
         "{\n  \"error\": \"method not allowed; use POST\"\n}\n", "Allow", "POST"},
        {"POST to /healthz", "POST", "/healthz", "", "", 405, "{\n  \"error\": \"method not allowed; use GET\"\n}\n",
         "Allow", "GET"},
        {"status without a token", "POST", "/api/tasks/I.3/status", "", "{\"action\": \"done\"}", 401,
         "{\n  \"error\": \"a bearer token is required to change a status\"\n}\n", "WWW-Authenticate",
         "Bearer realm=\"nhacviec\""},
        {"status with an unknown token", "POST", "/api/tasks/I.3/status", "Bearer not-a-token-0123456789",
         "{\"action\": \"done\"}", 401, "{\n  \"error\": \"unknown bearer token\"\n}\n",
         "WWW-Authenticate", "Bearer realm=\"nhacviec\""},
        {"status with Basic credentials", "POST", "/api/tasks/I.3/status", "Basic YWRtaW46YWRtaW4=",
         "{\"action\": \"done\"}", 401, "{\n  \"error\": \"a bearer token is required to change a status\"\n}\n",
         "WWW-Authenticate", "Bearer realm=\"nhacviec\""},
        {"an agency that does not lead the task", "POST", "/api/tasks/I.3/status", noi_vu, "{\"action\": \"done\"}", 403,
         "{\n  \"error\": \"Sở Nội vụ does not lead task I.3\"\n}\n"},
        {"an unknown task", "POST", "/api/tasks/IX.9/status", admin, "{\"action\": \"done\"}", 404,
         "{\n  \"error\": \"no task IX.9\"\n}\n"},
        {"a body that is not JSON", "POST", "/api/tasks/I.3/status", admin, "action=done", 400,
         "{\n  \"error\": \"the body must be a JSON object\"\n}\n"},
        {"an empty body", "POST", "/api/tasks/I.3/status", admin, "", 400,
         "{\n  \"error\": \"the body must be a JSON object\"\n}\n"},
        {"a JSON array", "POST", "/api/tasks/I.3/status", admin, "[\"done\"]", 400,
         "{\n  \"error\": \"the body must be a JSON object\"\n}\n"},
        {"an unknown field", "POST", "/api/tasks/I.3/status", admin, "{\"action\": \"done\", \"by\": \"Lan\"}", 400,
         "{\n  \"error\": \"by: unknown field (action, date, period, note)\"\n}\n"},
        {"a non-string value", "POST", "/api/tasks/I.3/status", admin, "{\"action\": true}", 400,
         "{\n  \"error\": \"action: expected a string\"\n}\n"},
        {"a missing action", "POST", "/api/tasks/I.3/status", admin, "{\"note\": \"xong\"}", 400,
         "{\n  \"error\": \"action: is required (done, in-progress, waiting, reopen)\"\n}\n"},
        {"an unknown action", "POST", "/api/tasks/I.3/status", admin, "{\"action\": \"finished\"}", 400,
         "{\n  \"error\": \"unknown status \\\"finished\\\"\"\n}\n"},
        {"a date with another action", "POST", "/api/tasks/I.3/status", admin,
         "{\"action\": \"in-progress\", \"date\": \"2026-10-01\"}", 400,
         "{\n  \"error\": \"date goes with done\"\n}\n"},
        {"a date in the Vietnamese order", "POST", "/api/tasks/I.3/status", admin,
         "{\"action\": \"done\", \"date\": \"15/10/2026\"}", 400,
         "{\n  \"error\": \"date: expected a date YYYY-MM-DD, not \\\"15/10/2026\\\"\"\n}\n"},
        {"a period that is not one", "POST", "/api/tasks/I.1/status", admin,
         "{\"action\": \"done\", \"period\": \"Q3\"}", 400,
         "{\n  \"error\": \"period: not a period: \\\"Q3\\\" (e.g. 2026-Q3, 2027-H1, 2027, 2026-07)\"\n}\n"},
        {"a period for a one-off task", "POST", "/api/tasks/I.3/status", admin,
         "{\"action\": \"done\", \"period\": \"2026-Q3\"}", 422,
         "{\n  \"error\": \"I.3 has a one-off deadline; it takes no period\"\n}\n"},
        {"a future date", "POST", "/api/tasks/I.3/status", admin, "{\"action\": \"done\", \"date\": \"2026-10-16\"}",
         422, "{\n  \"error\": \"date 2026-10-16 is in the future\"\n}\n"},
        {"a note with escape sequences", "POST", "/api/tasks/I.3/status", admin,
         "{\"action\": \"in-progress\", \"note\": \"Xong\\r\\n\\u001b[1A\\u001b[2K\"}", 400,
         "{\n  \"error\": \"note: control character U+001B at character 7; a note may have line breaks but no other "
         "control characters\"\n}\n"},
        {"a note with a C1 control", "POST", "/api/tasks/I.3/status", admin,
         "{\"action\": \"in-progress\", \"note\": \"\\u009b2J\"}", 400,
         "{\n  \"error\": \"note: control character U+009B at character 1; a note may have line breaks but no other "
         "control characters\"\n}\n"},
        {"a date before the plan's issue", "POST", "/api/tasks/I.3/status", admin,
         "{\"action\": \"done\", \"date\": \"0001-01-01\"}", 422,
         "{\n  \"error\": \"date 0001-01-01 is before 2026-03-20, the day plan 90/KH-UBND was issued\"\n}\n"},
        {"a date before the review period", "POST", "/api/tasks/I.1/status", admin,
         "{\"action\": \"done\", \"period\": \"2026-Q3\", \"date\": \"2026-06-30\"}", 422,
         "{\n  \"error\": \"date 2026-06-30 is before 2026-07-01, the first day of period 2026-Q3\"\n}\n"},
        {"a review period still to come, done today", "POST", "/api/tasks/I.1/status", admin,
         "{\"action\": \"done\", \"period\": \"2027-Q1\"}", 422,
         "{\n  \"error\": \"today, 2026-10-15, is before 2027-01-01, the first day of period 2027-Q1\"\n}\n"},
        {"a recurring task without a period", "POST", "/api/tasks/I.1/status", admin, "{\"action\": \"done\"}", 422,
         "{\n  \"error\": \"I.1 is recurring (quarterly): give period, e.g. 2026-Q3\"\n}\n"},
        {"a period of the wrong cadence", "POST", "/api/tasks/I.1/status", admin,
         "{\"action\": \"done\", \"period\": \"2027\"}", 422,
         "{\n  \"error\": \"I.1 is reviewed quarterly: give period like 2026-Q3, not 2027\"\n}\n"},
        {"waiting without a precondition", "POST", "/api/tasks/I.3/status", admin, "{\"action\": \"waiting\"}", 422,
         "{\n  \"error\": \"I.3 has no precondition (\\\"sau khi …\\\") to wait on\"\n}\n"},
        {"a malformed percent escape", "GET", "/api/tasks/I.3%2", "", "", 400,
         "{\n  \"error\": \"malformed request target\"\n}\n"},
        {"a percent escape that is not hex", "GET", "/api/tasks?plan=90%zzKH", "", "", 400,
         "{\n  \"error\": \"malformed request target\"\n}\n"},
        {"an unknown task to read", "GET", "/api/tasks/IX.9", "", "", 404, "{\n  \"error\": \"no task IX.9\"\n}\n"},
        {"a task in another plan", "GET", "/api/tasks/I.3?plan=1%2FKH-UBND", "", "", 404,
         "{\n  \"error\": \"no task I.3 in plan 1/KH-UBND\"\n}\n"},
        {"an unknown calendar agency", "GET", "/calendar/S%E1%BB%9F%20Kh%C3%B4ng%20C%C3%B3.ics", "", "", 404,
         "{\n  \"error\": \"unknown agency \\\"Sở Không Có\\\"\"\n}\n"},
        {"a task code that is not UTF-8", "GET", "/api/tasks/I.%FF3", "", "", 404,
         "{\n  \"error\": \"no task I.\uFFFD" "3\"\n}\n"},
        {"a path that is not UTF-8", "POST", "/api/tasks/%C0%AF/status", admin, "{\"action\": \"done\"}", 404,
         "{\n  \"error\": \"no task \uFFFD\uFFFD\"\n}\n"},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        const HttpResponse response = f.handle(row.method, row.target, row.authorization, row.body);
        CHECK(response.status == row.status);
        CHECK(response.content_type == "application/json");
        CHECK(response.body == row.json);
        if (!row.header_name.empty()) CHECK(header_of(response, row.header_name) == row.header_value);
    }
    CHECK(f.changes == 0);
}

TEST_CASE("a status change while another process holds the database's lock: 503, then 200 once it is free",
          "[bad-input]") {
    ApiFixture f;
    f.db->sql().setBusyTimeout(200);  // the daemon waits 5 s; the test need not
    SQLite::Database holder(f.db_path, SQLite::OPEN_READWRITE);
    holder.exec("BEGIN EXCLUSIVE");
    const std::string admin = "Bearer admin-token-0123456789";
    const std::string done = "{\"action\": \"done\", \"date\": \"2026-10-01\"}";

    const HttpResponse locked = f.handle("POST", "/api/tasks/I.3/status", admin, done);
    CHECK(locked.status == 503);
    CHECK(header_of(locked, "Retry-After") == "5");
    CHECK(locked.body == "{\n  \"error\": \"" + f.db_path + ": database error: database is locked\"\n}\n");
    CHECK(f.changes == 0);

    holder.exec("ROLLBACK");
    const HttpResponse free = f.handle("POST", "/api/tasks/I.3/status", admin, done);
    CHECK(free.status == 200);
    CHECK(nlohmann::json::parse(free.body)["state"] == "done");
    CHECK(f.changes == 1);
}

TEST_CASE("a note's line breaks are kept, and `nhacviec status` shows them escaped", "[bad-input]") {
    ApiFixture f;
    const HttpResponse kept = f.handle("POST", "/api/tasks/I.3/status", "Bearer admin-token-0123456789",
                                       "{\"action\": \"in-progress\", \"note\": \"Đã gửi\\r\\nbáo cáo\\nlần 2\"}");
    CHECK(kept.status == 200);
    const auto shown = f.cli({"status", "I.3"});
    CHECK(shown.status == 0);
    CHECK(shown.out.find("  admin (API)  in_progress: Đã gửi\\r\\nbáo cáo\\nlần 2\n") != std::string::npos);
    CHECK(shown.out.substr(0, shown.out.find("history:\n")) == "I.3 (90/KH-UBND): in_progress\n");
}

// ---------------------------------------------------------------------------
// 7. Report periods and formats: `nhacviec report --period P [--format F]`.
// ---------------------------------------------------------------------------

TEST_CASE("bad report periods and formats: refused before anything is read or written", "[bad-input]") {
    TempDir dir;
    const std::string db = (dir / "nv.db").string();
    const std::string output = (dir / "bao-cao.docx").string();
    const std::string expected_period =
        "nhacviec: --period: expected a quarter (2026-Q4), a half year (2026-H2) or a year (2026), not ";
    const std::string expected_format = "nhacviec: --format: expected json, docx or xlsx, not ";
    struct Row {
        const char* what;
        std::string period;
        std::string format;
        std::string err;
    };
    const Row rows[] = {
        {"a fifth quarter", "2026-Q5", "docx", expected_period + "\"2026-Q5\"\n"},
        {"a third half", "2026-H3", "docx", expected_period + "\"2026-H3\"\n"},
        {"a two-digit year", "26", "docx", expected_period + "\"26\"\n"},
        {"trailing letters", "2026-Q4x", "docx", expected_period + "\"2026-Q4x\"\n"},
        {"a month", "2026-07", "docx", expected_period + "\"2026-07\"\n"},
        {"empty", "", "docx", expected_period + "\"\"\n"},
        {"very long: 16 bytes shown", std::string(10000, '9'), "docx",
         expected_period + "\"" + std::string(16, '9') + "…\"\n"},
        {"a line feed, shown escaped", "2026\n", "docx", expected_period + "\"2026\\n\"\n"},
        {"an escape sequence, shown escaped", "\x1b[2J", "docx", expected_period + "\"\\x1b[2J\"\n"},
        {"an unknown format", "2026-Q3", "pdf", expected_format + "\"pdf\"\n"},
        {"a format in capitals", "2026-Q3", "DOCX", expected_format + "\"DOCX\"\n"},
        {"an empty format", "2026-Q3", "", expected_format + "\"\"\n"},
        {"a very long format: 16 characters at most, the ellipsis included", "2026-Q3", std::string(10000, 'x'),
         expected_format + "\"" + std::string(15, 'x') + "…\"\n"},
        {"a format with a control character", "2026-Q3", "docx\r", expected_format + "\"docx\\r\"\n"},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        const auto r = run_cli({"--db", db, "report", "--period", row.period, "--format", row.format, "--output", output});
        CHECK(r.status == 2);
        CHECK(r.out.empty());
        CHECK(r.err == row.err);
    }
    CHECK_FALSE(std::filesystem::exists(db));
    CHECK_FALSE(std::filesystem::exists(output));
}
