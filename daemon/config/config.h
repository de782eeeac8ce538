// Config: the validated configuration, read from one TOML file
// (config/nhacviec.example.toml documents every key). With no file at all the
// defaults below apply. A value passed to whatever needs it; never global.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "config/delivery_config.h"
#include "schedule/schedule_rules.h"

namespace nhacviec {

// Where the HTTP server listens. A plain value.
struct ListenAddress {
    std::string address;  // "127.0.0.1"
    unsigned short port;  // 0: any free port
};

// "127.0.0.1:8470" → {"127.0.0.1", 8470}; nullopt when it is not ADDRESS:PORT.
std::optional<ListenAddress> parse_listen_address(std::string_view text);

// [api]: the HTTP API and dashboard of `nhacviec run`.
struct ApiConfig {
    ListenAddress listen{"127.0.0.1", 8470};
    // Whether GET requests need a token too (default: reads are public on the
    // address the service listens on).
    bool tokens_for_reads = false;
    // Bearer tokens ([[api.token]]), each with an explicit role: an agency's
    // token may change the status of the tasks that agency leads; an admin
    // token, of every task.
    struct Token {
        enum class Role { admin, agency };
        std::string token;
        Role role = Role::agency;
        std::string agency;  // role agency: the agency as configured, never empty; role admin: ""
        std::string where;   // "file:line:col" of the token's agency (or table), for messages
    };
    std::vector<Token> tokens;
    // The address people reach the daemon at, usually through a reverse proxy
    // with TLS ("https://nhacviec.haiphong.gov.vn", no query or fragment; a
    // trailing "/" is dropped). Answer links in messages start with it. Empty
    // (the default): mail written to the mail folder links to `listen`, and
    // mail to real recipients carries no link (`nhacviec check` warns).
    std::string public_url;
    // How many days an answer link stays valid after the day its message is
    // planned for (1..3650, default 120). Longer keeps old mail useful;
    // shorter limits what a forwarded or leaked mail allows.
    int link_days = 120;
    // Limits on the agency's page (/tra-loi/…): requests from one client
    // address in any 10 minutes (default 300; an office behind one address
    // shares it), and answers sent through one link in any hour (default 20).
    // 0 turns a limit off (a proxy in front limits already).
    int answer_requests_per_address = 300;
    int answer_posts_per_link = 20;
    // The reverse proxies in front of the daemon, as IP addresses
    // (["127.0.0.1", "::1"]). A request that comes from one of them has the
    // client address X-Forwarded-For gives: its right-most address that is
    // not itself a trusted proxy. From any other peer X-Forwarded-For is
    // ignored, since anyone can write it. Default: none, the peer is the client.
    std::vector<std::string> trusted_proxies;
};

// [console]: the monitoring office's console under /quan-ly/ of `nhacviec run`.
struct ConsoleConfig {
    // How long a console session lasts without a request (5..10080 minutes,
    // default 480: a working day). Shorter protects a forgotten browser,
    // longer asks for the password less often.
    int session_idle_minutes = 8 * 60;
    // Whether the dashboard (/) is open to anyone who can reach the service
    // (default true, as before the console) or only to a console session
    // (false: a browser without one is sent to the login page). The calendar
    // feeds keep their own addresses and tokens either way.
    bool public_dashboard = true;
};

// [report]: the heading of the periodic report document the monitoring
// office files with the city (báo cáo tình hình thực hiện, `nhacviec report
// --period`). The monitoring agency itself is the directory's role. A plain
// value, part of Config.
struct ReportConfig {
    // The body the monitoring agency belongs to, printed above it in the
    // heading's left block ("UBND THÀNH PHỐ HẢI PHÒNG" over "SỞ TÀI CHÍNH").
    // Default "UBND thành phố Hải Phòng", the city of the built-in directory.
    std::string authority = "UBND thành phố Hải Phòng";
    // The place written before the date ("Hải Phòng, ngày 06 tháng 12 năm
    // 2026"). Default "Hải Phòng".
    std::string place = "Hải Phòng";
    // The document's symbol after its number in the heading's "Số:" line
    // ("Số:      /BC-STC"); the number itself is left blank for the office's
    // registry to fill in. Default "BC-STC", the report of the built-in
    // directory's monitoring agency (Sở Tài chính). Up to 40 characters.
    std::string number_symbol = "BC-STC";
    // The signer's title over the signature ("GIÁM ĐỐC", or "KT. GIÁM ĐỐC" and
    // "PHÓ GIÁM ĐỐC" as two lines separated by a line feed). Default "GIÁM
    // ĐỐC". Up to 4 lines of 100 characters.
    std::string signer_title = "GIÁM ĐỐC";
    // The signer's name under the signature; "" (the default) leaves the
    // place blank, to be written in by hand. Up to 100 characters.
    std::string signer_name;
    // The "Nơi nhận:" list closing the document, one entry each, in order.
    // Default: "UBND thành phố (để báo cáo)", "Lưu: VT". 1 to 20 entries of up to
    // 200 characters.
    std::vector<std::string> recipients = {"UBND thành phố (để báo cáo)", "Lưu: VT"};
};

// Whether `text` is an http(s) URL with a host and no query, fragment or
// user information; the reason when it is not.
std::optional<std::string> public_url_problem(std::string_view text);

struct Config {
    // [storage] database: the SQLite file. Default "var/nhacviec.db", taken
    // relative to the working directory (like every relative path given on the
    // command line); the folder is created when missing.
    std::filesystem::path database = "var/nhacviec.db";

    // [agencies] directory: the agency directory (TOML). Relative paths are
    // taken from the configuration file's folder. Default: none, meaning the
    // built-in Hải Phòng directory (config/agencies.toml compiled in).
    std::optional<std::filesystem::path> agency_directory;

    // [calendar] holidays: the official holiday schedules (TOML). Relative
    // paths are taken from the configuration file's folder. Default: none,
    // meaning the built-in schedules (config/holidays.toml compiled in).
    std::optional<std::filesystem::path> holidays;

    // [messages] templates: the folder of message templates (reminder.*,
    // review.*, escalation.*, digest.*). Relative paths are taken from the
    // configuration file's folder. Default: none, meaning the built-in
    // templates (config/templates/ compiled in).
    std::optional<std::filesystem::path> templates;

    // [schedule], [escalation], [review.*], [[task]]: when notifications go out.
    ScheduleRules schedule;
    // [email], [webhook], [delivery]: how notifications leave.
    DeliveryConfig delivery;
    // [api]: the HTTP API of the daemon.
    ApiConfig api;
    // [console]: the console's sessions.
    ConsoleConfig console;
    // [report]: the heading of the periodic report document.
    ReportConfig report;

    // Where the configuration came from, for messages: a path or "built-in defaults".
    std::string source = "built-in defaults";
};

class AgencyDirectory;

// The [[api.token]] agency tokens whose agency `directory` does not know, one
// message each, naming the file, line and key:
//   nhacviec.toml:7:10: [[api.token]] agency: not in the agency directory: "Sở Ngoại vụ"
std::vector<std::string> unknown_token_agencies(const ApiConfig& api, const AgencyDirectory& directory);

// Parses configuration text; errors name `source`, line, column and key.
Result<Config> parse_config(std::string_view toml_text, const std::filesystem::path& source);

// Reads the file at `path`, or returns the defaults when `path` is empty.
Result<Config> load_config(const std::optional<std::filesystem::path>& path);

}  // namespace nhacviec
