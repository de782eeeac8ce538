// WebhookChannel on one libcurl easy handle, and the Retry-After reader.
#include "channels/webhook_channel.h"

#include <curl/curl.h>

#include <array>
#include <charconv>

#include "channels/channel_settings.h"
#include "common/text.h"
#include "channels/curl_global.h"
#include "channels/webhook_signature.h"

namespace nhacviec {

namespace {

constexpr const char* kUserAgent = "nhacviec/0.1";

// What the header callback learns about the last response of one post.
struct ResponseHeaders {
    std::optional<std::string> retry_after;  // the raw Retry-After value, trimmed
};

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

// libcurl calls this once per header line, status lines included. A new
// status line starts a new response (after a 100 Continue, say), so it
// forgets what the previous one said.
size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto& headers = *static_cast<ResponseHeaders*>(user);
    const std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) {
        headers = {};
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
        if (text::ascii_iequals(trim(line.substr(0, colon)), "retry-after")) {
            headers.retry_after = std::string(trim(line.substr(colon + 1)));
        }
    }
    return size * count;
}

// The response body is not needed: read and dropped.
size_t discard_body(char*, size_t size, size_t count, void*) { return size * count; }

// `url` without its password, if it has one, for details that are logged.
std::string url_for_log(const std::string& url) {
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), curl_url_cleanup);
    if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return url;
    char* password = nullptr;
    if (curl_url_get(parsed.get(), CURLUPART_PASSWORD, &password, 0) != CURLUE_OK) return url;
    curl_free(password);
    curl_url_set(parsed.get(), CURLUPART_PASSWORD, nullptr, 0);
    char* redacted = nullptr;
    if (curl_url_get(parsed.get(), CURLUPART_URL, &redacted, 0) != CURLUE_OK) return "(URL with a password)";
    std::string result = redacted;
    curl_free(redacted);
    return result;
}

DeliveryResult classify_status(long status, const ResponseHeaders& headers, std::chrono::sys_seconds now) {
    DeliveryResult result;
    result.detail = "HTTP " + std::to_string(status);
    if (status >= 200 && status <= 299) {
        result.outcome = DeliveryResult::Outcome::sent;
    } else if (status == 408 || status == 429 || (status >= 500 && status <= 599)) {
        result.outcome = DeliveryResult::Outcome::retry;
        if (headers.retry_after) {
            result.detail += ", Retry-After " + *headers.retry_after;
            result.retry_after = parse_retry_after(*headers.retry_after, now);
        }
    } else {
        result.outcome = DeliveryResult::Outcome::permanent;
    }
    return result;
}

// Parses exactly `text` as a non-negative decimal number.
std::optional<int> parse_digits(std::string_view text) {
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// An IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 §5.6.7).
std::optional<std::chrono::sys_seconds> parse_imf_fixdate(std::string_view text) {
    static constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' || text[16] != ' ' ||
        text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
        return std::nullopt;
    }
    bool known_day = false;
    for (auto day : kDays) known_day = known_day || text.substr(0, 3) == day;
    unsigned month = 0;
    for (unsigned m = 0; m < kMonths.size(); ++m) {
        if (text.substr(8, 3) == kMonths[m]) month = m + 1;
    }
    const auto day = parse_digits(text.substr(5, 2));
    const auto year = parse_digits(text.substr(12, 4));
    const auto hour = parse_digits(text.substr(17, 2));
    const auto minute = parse_digits(text.substr(20, 2));
    const auto second = parse_digits(text.substr(23, 2));
    if (!known_day || month == 0 || !day || !year || !hour || !minute || !second) return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year{*year}, std::chrono::month{month},
                                           std::chrono::day{static_cast<unsigned>(*day)}};
    if (!date.ok() || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
    return std::chrono::sys_days{date} + std::chrono::hours{*hour} + std::chrono::minutes{*minute} +
           std::chrono::seconds{*second};
}

}  // namespace

// The easy handle, released with the channel.
struct WebhookChannel::Handle {
    CURL* curl = nullptr;
    ~Handle() {
        if (curl) curl_easy_cleanup(curl);
    }
};

WebhookChannel::WebhookChannel(WebhookSettings settings)
    : settings_(std::move(settings)), handle_(std::make_unique<Handle>()) {
    ensure_curl_initialised();
    handle_->curl = curl_easy_init();
    CURL* curl = handle_->curl;
    if (!curl) return;  // post() reports it
    // The options every post shares; post() sets the rest.
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for DNS timeouts: we run in threads
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeout.count() * 1000));
    curl_easy_setopt(curl, CURLOPT_USERAGENT, kUserAgent);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, settings_.verify_peer ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, settings_.verify_peer ? 2L : 0L);
    if (!settings_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings_.ca_file.c_str());
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard_body);
}

WebhookChannel::~WebhookChannel() = default;
WebhookChannel::WebhookChannel(WebhookChannel&&) noexcept = default;
WebhookChannel& WebhookChannel::operator=(WebhookChannel&&) noexcept = default;

DeliveryResult WebhookChannel::post(const WebhookEndpoint& endpoint, const std::string& id,
                                    std::chrono::sys_seconds timestamp, const std::string& body) {
    if (!handle_ || !handle_->curl) {
        return {DeliveryResult::Outcome::retry, "libcurl could not be initialised (" + url_for_log(endpoint.url) + ")",
                std::nullopt};
    }
    CURL* curl = handle_->curl;
    const long long unix_seconds = timestamp.time_since_epoch().count();

    struct curl_slist* list = nullptr;
    for (const std::string& header : {
             std::string("Content-Type: application/json"),
             "webhook-id: " + id,
             "webhook-timestamp: " + std::to_string(unix_seconds),
             "webhook-signature: " + webhook_signature(endpoint.key, id, unix_seconds, body),
             std::string("Expect:"),  // no "Expect: 100-continue" round trip for large bodies
         }) {
        list = curl_slist_append(list, header.c_str());
    }
    const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(list, curl_slist_free_all);

    ResponseHeaders response;
    char error_text[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, endpoint.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);

    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    if (code == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);

    // Nothing may point into this call's locals once it returns.
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, nullptr);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, nullptr);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);

    if (code == CURLE_OK) return classify_status(status, response, timestamp);

    DeliveryResult failed;
    const bool hopeless = code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL;
    failed.outcome = hopeless ? DeliveryResult::Outcome::permanent : DeliveryResult::Outcome::retry;
    failed.detail = (error_text[0] ? std::string(error_text) : std::string(curl_easy_strerror(code))) + " (" +
                    url_for_log(endpoint.url) + ")";
    return failed;
}

DeliveryResult WebhookChannel::deliver(const ChannelDelivery& delivery, std::chrono::sys_seconds now) {
    const auto key = settings_.keys.find(delivery.address);
    if (key == settings_.keys.end())
        return DeliveryResult{DeliveryResult::Outcome::permanent,
                              "no secret for " + delivery.address +
                                  ": add it as a [[webhook.endpoint]] to the configuration",
                              std::nullopt};
    return post({delivery.address, key->second}, webhook_id(delivery.content.message_id), now,
                webhook_body(delivery.content.payload, delivery.agency, now));
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::chrono::sys_seconds now) {
    value = trim(value);
    if (value.empty()) return std::nullopt;
    if (value[0] == '-' || (value[0] >= '0' && value[0] <= '9')) {
        long long seconds = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (error != std::errc() || end != value.data() + value.size()) return std::nullopt;
        return std::chrono::seconds{seconds < 0 ? 0 : seconds};
    }
    const auto when = parse_imf_fixdate(value);
    if (!when) return std::nullopt;
    return *when > now ? *when - now : std::chrono::seconds{0};
}

}  // namespace nhacviec
