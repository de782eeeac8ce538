// WebhookChannel: delivers notifications as signed JSON POSTs to HTTP(S)
// endpoints (Standard Webhooks headers, see channels/webhook_signature.h),
// over libcurl, and classifies the answer as sent, retry or permanent.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "channels/channel.h"
#include "channels/delivery_result.h"

namespace nhacviec {

// Where one webhook goes. A value owned by the configuration.
struct WebhookEndpoint {
    std::string url;  // http:// or https://; redirects are not followed
    std::string key;  // the decoded secret bytes (config/webhook_secret.h); never logged
};

// How the channel talks to endpoints. A value owned by the configuration.
struct WebhookSettings {
    // The whole attempt (connect, send, wait for the answer) must finish in
    // this time, or it is a timeout and retried. Default 10 s: long enough
    // for a slow receiver, short enough that one dead endpoint does not hold
    // a worker for long.
    std::chrono::seconds timeout{10};
    // A PEM file of trusted CA certificates for https endpoints; empty: the
    // system's store.
    std::string ca_file;
    // Check the endpoint's certificate and host name (default true). Turning
    // it off is for tests and closed networks only.
    bool verify_peer = true;
    // Endpoint URL -> decoded secret bytes, for deliver(): a URL without a
    // key is refused for good. Never logged.
    std::map<std::string, std::string> keys;
};

// Posts webhooks through one libcurl easy handle, whose keep-alive
// connections are reused across posts to the same host. Owned by one
// delivery worker; not thread-safe: one channel per worker thread. Movable,
// not copyable.
class WebhookChannel : public Channel {
public:
    explicit WebhookChannel(WebhookSettings settings);
    ~WebhookChannel();
    WebhookChannel(WebhookChannel&&) noexcept;
    WebhookChannel& operator=(WebhookChannel&&) noexcept;
    WebhookChannel(const WebhookChannel&) = delete;
    WebhookChannel& operator=(const WebhookChannel&) = delete;

    // POSTs `body` (JSON) to the endpoint with the headers Content-Type:
    // application/json, webhook-id: `id`, webhook-timestamp: `timestamp` in
    // unix seconds, webhook-signature (signed with endpoint.key) and
    // User-Agent: nhacviec/0.1. `timestamp` should be the time of this
    // attempt: receivers reject old ones, and an HTTP-date Retry-After is
    // read relative to it.
    //   2xx                         sent       "HTTP 204"
    //   408, 429, 5xx               retry      "HTTP 503, Retry-After 120" (retry_after set when readable)
    //   any other status (3xx, 4xx) permanent  "HTTP 404"
    //   timeout, refused, reset, DNS and other transport failures:
    //                               retry      "<curl's error text> (<url>)"
    //   malformed URL, unsupported scheme:
    //                               permanent  "<curl's error text> (<url>)"
    // A URL in a detail has its password removed.
    DeliveryResult post(const WebhookEndpoint& endpoint, const std::string& id, std::chrono::sys_seconds timestamp,
                        const std::string& body);

    // Channel: posts the webhook body of `delivery` (with its agency and
    // `now` as sent_at) to its address, signed with that address's key from
    // the settings; permanent when the settings have no key for it.
    DeliveryResult deliver(const ChannelDelivery& delivery, std::chrono::sys_seconds now) override;

private:
    struct Handle;
    WebhookSettings settings_;
    std::unique_ptr<Handle> handle_;
};

// Reads a Retry-After header value (RFC 9110 §10.2.3): delay-seconds ("120"),
// or an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") taken relative to
// `now`. A date in the past or a negative number gives 0; nullopt when the
// value is neither (including the obsolete RFC 850 and asctime date forms,
// and numbers too large to represent). Surrounding spaces are ignored.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::chrono::sys_seconds now);

}  // namespace nhacviec
