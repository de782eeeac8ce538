// Tests for channels/smtp_channel against a real SMTP server
// (tests/servers/smtp_server.py, aiosmtpd) started by each test: what
// arrives, connection reuse, and how replies and failures are classified.
#include "channels/smtp_channel.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <thread>

#include <nlohmann/json.hpp>

#include "channels/mail_message.h"
#include "server_process.h"
#include "test_support.h"

using namespace nhacviec;
using nhacviec::testing::ServerProcess;
using nhacviec::testing::TempDir;
using Outcome = DeliveryResult::Outcome;

namespace {

std::string url(int port, const char* scheme = "smtp") {
    return std::string(scheme) + "://127.0.0.1:" + std::to_string(port);
}

SmtpSettings plain_settings(int port) {
    SmtpSettings s;
    s.server = url(port);
    s.security = SmtpSettings::Security::none;
    s.timeout = std::chrono::seconds{3};
    s.helo_name = "nhacviec.test";
    return s;
}

std::string sample_mime(const std::string& message_id = "<reminder-7.I.3@nhacviec.haiphong.example>") {
    MailMessage m;
    m.from = {"Nhắc việc Hải Phòng", "nhacviec@haiphong.example"};
    m.to = {{"Sở Tài chính", "so-tai-chinh@haiphong.example"}};
    m.cc = {{"Sở Nội vụ", "so-noi-vu@haiphong.example"}};
    m.subject = "Nhắc việc: nhiệm vụ I.3 đến hạn ngày 31/03/2026";
    m.message_id = message_id;
    m.date = std::chrono::sys_seconds{std::chrono::seconds{1774314000}};
    m.text = "Kính gửi Sở Tài chính,\n.\nMột dòng bắt đầu bằng dấu chấm ở trên.\n";
    m.html = "<p>Kính gửi Sở Tài chính,</p>\n";
    return assemble_mime(m);
}

const std::vector<std::string> kRecipients = {"so-tai-chinh@haiphong.example", "so-noi-vu@haiphong.example"};

// The messages the server recorded, one JSON object each.
std::vector<nlohmann::json> received(const std::filesystem::path& dir) {
    std::vector<nlohmann::json> out;
    std::istringstream lines(testing::read_file(dir / "messages.jsonl"));
    for (std::string line; std::getline(lines, line);) out.push_back(nlohmann::json::parse(line));
    return out;
}

// A port on 127.0.0.1 where nothing listens (bound, then closed).
int closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

// A self-signed certificate for 127.0.0.1, made with the openssl command.
struct Certificate {
    std::string cert, key;
};
Certificate make_certificate(const TempDir& dir) {
    Certificate c{(dir / "cert.pem").string(), (dir / "key.pem").string()};
    const std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1"
        " -addext subjectAltName=IP:127.0.0.1 -keyout " + c.key + " -out " + c.cert + " >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    return c;
}

}  // namespace

TEST_CASE("a message sent over SMTP arrives with its envelope and exact bytes", "[mail]") {
    TempDir dir;
    ServerProcess server("smtp_server.py", {"--out", dir.path().string()});
    SmtpChannel channel(plain_settings(server.port()));
    const std::string mime = sample_mime();

    const DeliveryResult result = channel.send("nhacviec@haiphong.example", kRecipients, mime);
    CHECK(result.outcome == Outcome::sent);
    CHECK(result.detail == "250 2.0.0 Ok: queued");
    CHECK_FALSE(result.retry_after);

    const auto messages = received(dir.path());
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["mail_from"] == "nhacviec@haiphong.example");
    CHECK(messages[0]["rcpt_tos"] == nlohmann::json(kRecipients));
    CHECK(messages[0]["data"] == mime);  // a line of one "." in the text survives the dot-stuffing
    CHECK(messages[0]["helo"] == "nhacviec.test");
}

TEST_CASE("sends on one SmtpChannel share one connection", "[mail]") {
    TempDir dir;
    ServerProcess server("smtp_server.py", {"--out", dir.path().string()});
    {
        SmtpChannel channel(plain_settings(server.port()));
        for (int i = 0; i < 3; ++i) {
            const auto result = channel.send("nhacviec@haiphong.example", {kRecipients[0]}, sample_mime());
            CHECK(result.outcome == Outcome::sent);
        }
    }
    SmtpChannel another(plain_settings(server.port()));
    CHECK(another.send("nhacviec@haiphong.example", {kRecipients[0]}, sample_mime()).outcome == Outcome::sent);

    const auto messages = received(dir.path());
    REQUIRE(messages.size() == 4);
    // One line per message: the connection it came on.
    CHECK(messages[0]["peer_connection"] == 1);
    CHECK(messages[1]["peer_connection"] == 1);
    CHECK(messages[2]["peer_connection"] == 1);
    CHECK(messages[3]["peer_connection"] == 2);
    CHECK(testing::read_file(dir / "connections.txt") == "2\n");
}

TEST_CASE("a connection the server closed while idle is replaced", "[mail]") {
    TempDir dir;
    ServerProcess server("smtp_server.py", {"--out", dir.path().string(), "--idle-timeout", "0.5"});
    SmtpChannel channel(plain_settings(server.port()));
    CHECK(channel.send("nhacviec@haiphong.example", {kRecipients[0]}, sample_mime()).outcome == Outcome::sent);
    std::this_thread::sleep_for(std::chrono::milliseconds(900));
    const auto result = channel.send("nhacviec@haiphong.example", {kRecipients[0]}, sample_mime());
    CHECK(result.outcome == Outcome::sent);
    CHECK(result.detail == "250 2.0.0 Ok: queued");
    const auto messages = received(dir.path());
    REQUIRE(messages.size() == 2);
    CHECK(messages[0]["peer_connection"] == 1);
    CHECK(messages[1]["peer_connection"] == 2);
}

TEST_CASE("a kept connection that fails before any reply is retried once on a new one", "[mail]") {
    TempDir dir;
    // The server drops each connection, without a word, at the second MAIL FROM on it.
    ServerProcess server("smtp_server.py", {"--out", dir.path().string(), "--close-after", "1"});
    SmtpChannel channel(plain_settings(server.port()));
    for (int i = 0; i < 3; ++i) {
        const auto result = channel.send("nhacviec@haiphong.example", {kRecipients[0]}, sample_mime());
        CHECK(result.outcome == Outcome::sent);
        CHECK(result.detail == "250 2.0.0 Ok: queued");
    }
    const auto messages = received(dir.path());
    REQUIRE(messages.size() == 3);
    CHECK(messages[0]["peer_connection"] == 1);
    CHECK(messages[1]["peer_connection"] == 2);
    CHECK(messages[2]["peer_connection"] == 3);
}

TEST_CASE("SMTP replies are classified: 4xx retry, 5xx to the message permanent", "[mail]") {
    SECTION("RCPT TO 450: retry") {
        ServerProcess server("smtp_server.py", {"--fail-rcpt", "450"});
        SmtpChannel channel(plain_settings(server.port()));
        const auto result = channel.send("nhacviec@haiphong.example", kRecipients, sample_mime());
        CHECK(result.outcome == Outcome::retry);
        CHECK(result.detail == "RCPT TO refused: 450 recipient refused by test server: so-tai-chinh@haiphong.example (" +
                                   url(server.port()) + ")");
    }
    SECTION("RCPT TO 550: permanent") {
        ServerProcess server("smtp_server.py", {"--fail-rcpt", "550"});
        SmtpChannel channel(plain_settings(server.port()));
        const auto result = channel.send("nhacviec@haiphong.example", kRecipients, sample_mime());
        CHECK(result.outcome == Outcome::permanent);
        CHECK(result.detail == "RCPT TO refused: 550 recipient refused by test server: so-tai-chinh@haiphong.example (" +
                                   url(server.port()) + ")");
    }
    SECTION("the message refused after its data: 554 permanent, 451 retry, then accepted") {
        TempDir dir;
        ServerProcess server("smtp_server.py", {"--out", dir.path().string(), "--fail-data-times", "1", "554"});
        SmtpChannel channel(plain_settings(server.port()));
        const auto refused = channel.send("nhacviec@haiphong.example", kRecipients, sample_mime());
        CHECK(refused.outcome == Outcome::permanent);
        CHECK(refused.detail == "message refused: 554 message refused by test server (" + url(server.port()) + ")");
        const auto accepted = channel.send("nhacviec@haiphong.example", kRecipients, sample_mime());
        CHECK(accepted.outcome == Outcome::sent);
        const auto messages = received(dir.path());
        REQUIRE(messages.size() == 1);
        CHECK(messages[0]["peer_connection"] == 1);  // curl keeps the connection after a refused message

        ServerProcess busy("smtp_server.py", {"--fail-data-times", "1", "451"});
        SmtpChannel busy_channel(plain_settings(busy.port()));
        const auto later = busy_channel.send("nhacviec@haiphong.example", kRecipients, sample_mime());
        CHECK(later.outcome == Outcome::retry);
        CHECK(later.detail == "message refused: 451 message refused by test server (" + url(busy.port()) + ")");
    }
}

TEST_CASE("connection failures are retried and name the server", "[mail]") {
    SECTION("nothing listening") {
        const int port = closed_port();
        SmtpChannel channel(plain_settings(port));
        const auto result = channel.send("nhacviec@haiphong.example", kRecipients, sample_mime());
        CHECK(result.outcome == Outcome::retry);
        CHECK(result.detail == "connection refused (" + url(port) + ")");
    }
    SECTION("a server that never answers: the timeout") {
        ServerProcess server("smtp_server.py", {"--hang"});
        SmtpSettings settings = plain_settings(server.port());
        settings.timeout = std::chrono::seconds{2};
        SmtpChannel channel(settings);
        const auto start = std::chrono::steady_clock::now();
        const auto result = channel.send("nhacviec@haiphong.example", kRecipients, sample_mime());
        const auto took = std::chrono::steady_clock::now() - start;
        CHECK(result.outcome == Outcome::retry);
        CHECK(result.detail == "timed out after 2 s (" + url(server.port()) + ")");
        CHECK(took >= std::chrono::milliseconds(1900));
        CHECK(took < std::chrono::milliseconds(3500));
    }
}

TEST_CASE("STARTTLS and authentication", "[mail]") {
    TempDir dir;
    const Certificate certificate = make_certificate(dir);
    ServerProcess server("smtp_server.py", {"--out", (dir / "out").string(), "--starttls", certificate.cert,
                                            certificate.key, "--auth", "nhacviec:mật-khẩu"});
    SmtpSettings settings = plain_settings(server.port());
    settings.security = SmtpSettings::Security::starttls;
    settings.ca_file = certificate.cert;
    settings.username = "nhacviec";

    SECTION("the right password: sent") {
        settings.password = "mật-khẩu";
        SmtpChannel channel(settings);
        const std::string mime = sample_mime();
        const auto result = channel.send("nhacviec@haiphong.example", kRecipients, mime);
        CHECK(result.outcome == Outcome::sent);
        CHECK(result.detail == "250 2.0.0 Ok: queued");
        const auto messages = received(dir / "out");
        REQUIRE(messages.size() == 1);
        CHECK(messages[0]["data"] == mime);
    }
    SECTION("a wrong password: retry (the configuration's fault), the password not shown") {
        settings.password = "sai-mật-khẩu";
        SmtpChannel channel(settings);
        const auto result = channel.send("nhacviec@haiphong.example", kRecipients, sample_mime());
        CHECK(result.outcome == Outcome::retry);
        CHECK(result.detail ==
              "authentication failed: 535 5.7.8 Authentication credentials invalid (" + url(server.port()) + ")");
        CHECK(result.detail.find("mật-khẩu") == std::string::npos);
    }
    SECTION("a certificate the channel does not trust: retry") {
        settings.password = "mật-khẩu";
        settings.ca_file = (dir / "missing-ca.pem").string();
        SmtpChannel channel(settings);
        const auto result = channel.send("nhacviec@haiphong.example", kRecipients, sample_mime());
        CHECK(result.outcome == Outcome::retry);
        CHECK(result.detail.rfind("TLS failed: error setting certificate file: ", 0) == 0);
        CHECK(result.detail.find("(" + url(server.port()) + ")") != std::string::npos);
    }
}

TEST_CASE("security = starttls never sends in clear", "[mail]") {
    TempDir dir;
    ServerProcess server("smtp_server.py", {"--out", dir.path().string()});  // offers no STARTTLS
    SmtpSettings settings = plain_settings(server.port());
    settings.security = SmtpSettings::Security::starttls;
    SmtpChannel channel(settings);
    const auto result = channel.send("nhacviec@haiphong.example", kRecipients, sample_mime());
    CHECK(result.outcome == Outcome::retry);
    CHECK(result.detail == "server offers no STARTTLS, not sending in clear (" + url(server.port()) + ")");
    CHECK(received(dir.path()).empty());
}

TEST_CASE("implicit TLS with an smtps:// server", "[mail]") {
    TempDir dir;
    const Certificate certificate = make_certificate(dir);
    ServerProcess server("smtp_server.py",
                         {"--out", (dir / "out").string(), "--tls", certificate.cert, certificate.key, "--auth", "u:p"});
    SmtpSettings settings = plain_settings(server.port());
    settings.server = url(server.port(), "smtps");
    settings.security = SmtpSettings::Security::tls;
    settings.ca_file = certificate.cert;
    settings.username = "u";
    settings.password = "p";
    SmtpChannel channel(settings);
    const auto result = channel.send("nhacviec@haiphong.example", kRecipients, sample_mime());
    CHECK(result.outcome == Outcome::sent);
    CHECK(result.detail == "250 2.0.0 Ok: queued");
}

TEST_CASE("settings and addresses that cannot work are reported before connecting", "[mail]") {
    // One line per case: server, security, expected detail.
    const std::tuple<const char*, SmtpSettings::Security, const char*> cases[] = {
        {"smtp://127.0.0.1:1", SmtpSettings::Security::tls, "security = tls needs an smtps:// server (smtp://127.0.0.1:1)"},
        {"smtps://127.0.0.1:1", SmtpSettings::Security::starttls,
         "an smtps:// server needs security = tls (smtps://127.0.0.1:1)"},
        {"http://127.0.0.1:1", SmtpSettings::Security::none,
         "SMTP server must be an smtp:// or smtps:// URL: http://127.0.0.1:1"},
        {"smtp://user:secret@127.0.0.1:1", SmtpSettings::Security::tls,
         "security = tls needs an smtps:// server (smtp://127.0.0.1:1)"},
    };
    for (const auto& [server, security, expected] : cases) {
        INFO(server);
        SmtpSettings settings;
        settings.server = server;
        settings.security = security;
        SmtpChannel channel(settings);
        const auto result = channel.send("nhacviec@haiphong.example", kRecipients, "x");
        CHECK(result.outcome == Outcome::retry);
        CHECK(result.detail == expected);
    }
    SmtpChannel channel(plain_settings(closed_port()));
    CHECK(channel.send("nhacviec@haiphong.example", {}, "x").detail == "no recipients");
    const auto bad = channel.send("nhacviec@haiphong.example", {"a@b.example>\r\nDATA"}, "x");
    CHECK(bad.outcome == Outcome::permanent);
    CHECK(bad.detail == "invalid recipient address: a@b.example>??DATA");
}
