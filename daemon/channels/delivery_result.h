// DeliveryResult: what one attempt to hand a notification to a channel
// (SMTP server, webhook endpoint, mail folder) came to. A plain value
// returned by the channels and recorded by the outbox.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace nhacviec {

struct DeliveryResult {
    enum class Outcome {
        sent,       // the peer accepted it
        retry,      // a transient failure (4xx reply, 408/429/5xx, timeout, connection refused): try again later
        permanent,  // the peer refused it for good (5xx reply, other 4xx status): retrying cannot help
    };
    Outcome outcome = Outcome::retry;
    // One line for the attempts log, e.g. "250 2.0.0 Ok: queued as 4F1A2",
    // "HTTP 503", "connection refused (smtp://127.0.0.1:2525)".
    std::string detail;
    // The earliest time the peer asked to be tried again (HTTP Retry-After).
    std::optional<std::chrono::seconds> retry_after;
};

}  // namespace nhacviec
