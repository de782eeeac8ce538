// Tests of the webhook channel: Standard Webhooks secrets and signatures,
// Retry-After, and posts to a real HTTP server (tests/servers/http_server.py)
// started by each test.
#include "channels/webhook_channel.h"
#include "channels/channel_settings.h"
#include "channels/webhook_signature.h"
#include "config/webhook_secret.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <sstream>

#include "common/base64.h"
#include "server_process.h"
#include "test_support.h"

using namespace nhacviec;
using namespace std::chrono_literals;
using nhacviec::testing::ServerProcess;
using nhacviec::testing::TempDir;
using nlohmann::json;
using Outcome = DeliveryResult::Outcome;

namespace {

// The Standard Webhooks reference vector (checked with Python's hmac).
constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr const char* kId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr long long kTimestamp = 1614265330;  // Thu, 25 Feb 2021 15:02:10 GMT
constexpr const char* kBody = R"({"test": 2432232314})";
constexpr const char* kSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

std::chrono::sys_seconds timestamp() { return std::chrono::sys_seconds{std::chrono::seconds{kTimestamp}}; }

WebhookEndpoint endpoint(int port) {
    return {"http://127.0.0.1:" + std::to_string(port) + "/hook", *decode_webhook_secret(kSecret)};
}

// The test server with its request log in a fresh folder.
struct HookServer {
    explicit HookServer(std::vector<std::string> args)
        : server("http_server.py", with_out(std::move(args), dir.path().string())) {}

    static std::vector<std::string> with_out(std::vector<std::string> args, const std::string& out) {
        args.insert(args.end(), {"--out", out, "--secret", kSecret});
        return args;
    }

    // The requests the server received, in order.
    std::vector<json> requests() const {
        std::vector<json> lines;
        std::istringstream in(nhacviec::testing::read_file(dir / "requests.jsonl"));
        for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
        return lines;
    }

    TempDir dir;
    ServerProcess server;
};

// A local port that refuses connections: bound, so nobody else takes it,
// but not listening.
class RefusingPort {
public:
    RefusingPort() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof address;
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) == 0);
        port_ = ntohs(address.sin_port);
    }
    ~RefusingPort() { ::close(fd_); }
    RefusingPort(const RefusingPort&) = delete;
    RefusingPort& operator=(const RefusingPort&) = delete;
    int port() const { return port_; }

private:
    int fd_;
    int port_ = 0;
};

}  // namespace

TEST_CASE("webhook signatures follow Standard Webhooks", "[webhook]") {
    const auto key = decode_webhook_secret(kSecret);
    REQUIRE(key.ok());
    CHECK(key->size() == 24);
    CHECK(base64_encode(*key) == "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    CHECK(webhook_signature(*key, kId, kTimestamp, kBody) == kSignature);
    // Any change to id, timestamp or body changes the signature.
    CHECK(webhook_signature(*key, "msg_other", kTimestamp, kBody) != kSignature);
    CHECK(webhook_signature(*key, kId, kTimestamp + 1, kBody) != kSignature);
    CHECK(webhook_signature(*key, kId, kTimestamp, R"({"test": 2432232315})") != kSignature);
}

TEST_CASE("webhook secrets are checked", "[webhook]") {
    const std::string bytes64(64, 'k');
    // Longest allowed key.
    REQUIRE(decode_webhook_secret("whsec_" + base64_encode(bytes64)).ok());
    CHECK(*decode_webhook_secret("whsec_" + base64_encode(bytes64)) == bytes64);
    // One line per case: configured secret, error message.
    const std::pair<std::string, std::string> cases[] = {
        {"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "webhook secret must start with \"whsec_\""},
        {"WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "webhook secret must start with \"whsec_\""},
        {"", "webhook secret must start with \"whsec_\""},
        {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", "webhook secret is not valid base64 after \"whsec_\""},
        {"whsec_MfKQ9r8GKYqrTwjU*D8ILPZIo2LaLaSw", "webhook secret is not valid base64 after \"whsec_\""},
        {"whsec_", "webhook secret is too short: 0 bytes, at least 24 needed"},
        {"whsec_" + base64_encode(std::string(16, 'k')), "webhook secret is too short: 16 bytes, at least 24 needed"},
        {"whsec_" + base64_encode(std::string(23, 'k')), "webhook secret is too short: 23 bytes, at least 24 needed"},
        {"whsec_" + base64_encode(std::string(65, 'k')), "webhook secret is too long: 65 bytes, at most 64 allowed"},
    };
    for (const auto& [configured, message] : cases) {
        INFO(configured);
        const auto key = decode_webhook_secret(configured);
        REQUIRE_FALSE(key.ok());
        CHECK(key.error().message == message);
    }
}

TEST_CASE("Retry-After is read as seconds or as an HTTP date", "[webhook]") {
    const auto now = timestamp();  // Thu, 25 Feb 2021 15:02:10 GMT
    // One line per case: header value, delay.
    const std::pair<const char*, std::optional<std::chrono::seconds>> cases[] = {
        {"120", 120s},
        {"0", 0s},
        {" 120 ", 120s},                               // optional white space
        {"-5", 0s},                                    // negative: now
        {"Thu, 25 Feb 2021 15:03:40 GMT", 90s},        // IMF-fixdate 90 s after now
        {"Thu, 25 Feb 2021 15:02:10 GMT", 0s},         // exactly now
        {"Thu, 25 Feb 2021 14:02:10 GMT", 0s},         // in the past: now
        {"Sat, 27 Feb 2021 15:02:10 GMT", 172800s},    // two days
        {"soon", std::nullopt},
        {"", std::nullopt},
        {"12a", std::nullopt},
        {"+5", std::nullopt},
        {"1.5", std::nullopt},
        {"99999999999999999999", std::nullopt},       // too large
        {"Thu, 25 Feb 2021 15:03:40 UTC", std::nullopt},
        {"Thu, 30 Feb 2021 15:03:40 GMT", std::nullopt},  // no such day
        {"Thu, 25 Feb 2021 24:03:40 GMT", std::nullopt},
        {"Xyz, 25 Feb 2021 15:03:40 GMT", std::nullopt},
        {"Thursday, 25-Feb-21 15:03:40 GMT", std::nullopt},  // obsolete RFC 850 form
        {"Thu Feb 25 15:03:40 2021", std::nullopt},          // obsolete asctime form
    };
    for (const auto& [value, delay] : cases) {
        INFO(value);
        CHECK(parse_retry_after(value, now) == delay);
    }
}

TEST_CASE("a webhook arrives with its body, headers and a valid signature", "[webhook]") {
    HookServer hook({});
    WebhookChannel channel(WebhookSettings{});
    const std::string body = R"({"task": "I.3", "title": "Xây dựng kế hoạch thực hiện"})";
    const auto result = channel.post(endpoint(hook.server.port()), kId, timestamp(), body);
    CHECK(result.outcome == Outcome::sent);
    CHECK(result.detail == "HTTP 204");
    CHECK_FALSE(result.retry_after.has_value());

    const auto requests = hook.requests();
    REQUIRE(requests.size() == 1);
    const json& r = requests[0];
    CHECK(r["method"] == "POST");
    CHECK(r["path"] == "/hook");
    CHECK(r["body"] == body);
    CHECK(r["signature_ok"] == true);
    const json& h = r["headers"];
    CHECK(h["content-type"] == "application/json");
    CHECK(h["content-length"] == std::to_string(body.size()));
    CHECK(h["webhook-id"] == kId);
    CHECK(h["webhook-timestamp"] == "1614265330");
    CHECK(h["webhook-signature"] == webhook_signature(*decode_webhook_secret(kSecret), kId, kTimestamp, body));
    CHECK(h["user-agent"] == "nhacviec/0.1");
    CHECK_FALSE(h.contains("expect"));
}

TEST_CASE("as a Channel, the webhook posts the body with its agency, signed with its endpoint's key", "[webhook]") {
    HookServer hook({});
    WebhookSettings settings;
    const std::string url = endpoint(hook.server.port()).url;
    settings.keys[url] = *decode_webhook_secret(kSecret);
    WebhookChannel channel(settings);
    DeliveryContent content;
    content.key = "90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính";
    content.payload = R"({"type":"nhacviec.reminder","data":{"task":"I.3"}})";
    content.message_id = "<m1@haiphong.example>";
    Channel& as_channel = channel;
    const auto result = as_channel.deliver({url, "Sở Tài chính", content}, timestamp());
    CHECK(result.outcome == Outcome::sent);

    const auto requests = hook.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0]["signature_ok"] == true);
    CHECK(requests[0]["headers"]["webhook-id"] == webhook_id(content.message_id));
    CHECK(json::parse(requests[0]["body"].get<std::string>()) ==
          json::parse(R"({"type":"nhacviec.reminder","data":{"task":"I.3"},"agency":"Sở Tài chính",)"
                      R"("sent_at":"2021-02-25T22:02:10+07:00"})"));

    // An address without a key is refused for good, without a request.
    const std::string other = "http://127.0.0.1:" + std::to_string(hook.server.port()) + "/other";
    const auto refused = as_channel.deliver({other, "Sở Tài chính", content}, timestamp());
    CHECK(refused.outcome == Outcome::permanent);
    CHECK(refused.detail == "no secret for " + other + ": add it as a [[webhook.endpoint]] to the configuration");
    CHECK(hook.requests().size() == 1);
}

TEST_CASE("posts reuse one keep-alive connection", "[webhook]") {
    HookServer hook({});
    WebhookChannel channel(WebhookSettings{});
    CHECK(channel.post(endpoint(hook.server.port()), "msg_1", timestamp(), "{}").outcome == Outcome::sent);
    CHECK(channel.post(endpoint(hook.server.port()), "msg_2", timestamp(), "[]").outcome == Outcome::sent);
    const auto requests = hook.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0]["headers"]["webhook-id"] == "msg_1");
    CHECK(requests[1]["headers"]["webhook-id"] == "msg_2");
    CHECK(requests[0]["connection"] == 1);
    CHECK(requests[1]["connection"] == 1);
    CHECK(requests[1]["signature_ok"] == true);
}

TEST_CASE("HTTP statuses are classified as sent, retry or permanent", "[webhook]") {
    struct Case {
        std::vector<std::string> server_args;
        Outcome outcome;
        std::string detail;
        std::optional<std::chrono::seconds> retry_after;
    };
    // One line per case: server options, outcome, detail, retry_after.
    const Case cases[] = {
        {{"--status", "200"}, Outcome::sent, "HTTP 200", std::nullopt},
        {{"--status", "202"}, Outcome::sent, "HTTP 202", std::nullopt},
        {{"--status", "500"}, Outcome::retry, "HTTP 500", std::nullopt},
        {{"--status", "503", "--retry-after", "120"}, Outcome::retry, "HTTP 503, Retry-After 120", 120s},
        {{"--status", "429"}, Outcome::retry, "HTTP 429", std::nullopt},
        {{"--status", "429", "--retry-after", "Thu, 25 Feb 2021 15:03:40 GMT"},  // 90 s after the timestamp
         Outcome::retry, "HTTP 429, Retry-After Thu, 25 Feb 2021 15:03:40 GMT", 90s},
        {{"--status", "503", "--retry-after", "later"}, Outcome::retry, "HTTP 503, Retry-After later", std::nullopt},
        {{"--status", "408"}, Outcome::retry, "HTTP 408", std::nullopt},
        {{"--status", "400"}, Outcome::permanent, "HTTP 400", std::nullopt},
        {{"--status", "404"}, Outcome::permanent, "HTTP 404", std::nullopt},
        {{"--status", "410", "--retry-after", "120"}, Outcome::permanent, "HTTP 410", std::nullopt},  // ignored
        {{"--status", "301"}, Outcome::permanent, "HTTP 301", std::nullopt},  // not followed
    };
    WebhookChannel channel(WebhookSettings{});
    for (const auto& c : cases) {
        INFO(c.detail);
        HookServer hook(c.server_args);
        const auto result = channel.post(endpoint(hook.server.port()), kId, timestamp(), kBody);
        CHECK(result.outcome == c.outcome);
        CHECK(result.detail == c.detail);
        CHECK(result.retry_after == c.retry_after);
        CHECK(hook.requests().size() == 1);  // one request: no redirect followed, no retry inside post()
    }
}

TEST_CASE("a server that failed answers again on the same channel", "[webhook]") {
    HookServer hook({"--status", "503", "--fail-times", "2"});
    WebhookChannel channel(WebhookSettings{});
    CHECK(channel.post(endpoint(hook.server.port()), kId, timestamp(), kBody).detail == "HTTP 503");
    CHECK(channel.post(endpoint(hook.server.port()), kId, timestamp(), kBody).detail == "HTTP 503");
    CHECK(channel.post(endpoint(hook.server.port()), kId, timestamp(), kBody).detail == "HTTP 204");
    const auto requests = hook.requests();
    REQUIRE(requests.size() == 3);
    CHECK(requests[2]["connection"] == 1);
}

TEST_CASE("transport failures are retried and name the URL", "[webhook]") {
    WebhookChannel channel(WebhookSettings{});
    const auto key = *decode_webhook_secret(kSecret);

    SECTION("nothing listening") {
        RefusingPort refusing;
        const std::string url = "http://127.0.0.1:" + std::to_string(refusing.port()) + "/hook";
        const auto result = channel.post({url, key}, kId, timestamp(), kBody);
        CHECK(result.outcome == Outcome::retry);
        CHECK_THAT(result.detail, Catch::Matchers::StartsWith("Failed to connect to 127.0.0.1 port " +
                                                              std::to_string(refusing.port())));
        CHECK_THAT(result.detail, Catch::Matchers::EndsWith(": Couldn't connect to server (" + url + ")"));
        CHECK_FALSE(result.retry_after.has_value());
    }
    SECTION("the password in a URL stays out of the detail") {
        RefusingPort refusing;
        const std::string port = std::to_string(refusing.port());
        const auto result = channel.post({"http://nhacviec:s3cret@127.0.0.1:" + port + "/hook", key}, kId,
                                         timestamp(), kBody);
        CHECK(result.outcome == Outcome::retry);
        CHECK_THAT(result.detail, Catch::Matchers::EndsWith("(http://nhacviec@127.0.0.1:" + port + "/hook)"));
        CHECK_THAT(result.detail, !Catch::Matchers::Contains("s3cret"));
    }
    SECTION("a server that never answers times out") {
        HookServer hook({"--hang"});
        WebhookSettings settings;
        settings.timeout = 1s;
        WebhookChannel impatient(settings);
        const auto started = std::chrono::steady_clock::now();
        const auto result = impatient.post(endpoint(hook.server.port()), kId, timestamp(), kBody);
        const auto took = std::chrono::steady_clock::now() - started;
        CHECK(result.outcome == Outcome::retry);
        CHECK_THAT(result.detail, Catch::Matchers::StartsWith("Operation timed out after "));
        CHECK_THAT(result.detail, Catch::Matchers::EndsWith(" (" + endpoint(hook.server.port()).url + ")"));
        CHECK(took >= 900ms);
        CHECK(took < 3s);
        CHECK(hook.requests().size() == 1);  // it did arrive
    }
    SECTION("a scheme other than http and https is refused for good") {
        const auto result = channel.post({"ftp://127.0.0.1/hook", key}, kId, timestamp(), kBody);
        CHECK(result.outcome == Outcome::permanent);
        CHECK_THAT(result.detail, Catch::Matchers::EndsWith(" (ftp://127.0.0.1/hook)"));
    }
}
