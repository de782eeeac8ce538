// DeliveryState: where one delivery of a notification stands. The outbox
// stores it as text (deliveries.state); to_string and
// delivery_state_from_string are the one mapping between the two. A plain value.
#pragma once

#include <optional>
#include <string_view>

namespace nhacviec {

enum class DeliveryState {
    pending,    // waiting for its first attempt
    sending,    // claimed by a dispatcher, attempt under way
    sent,       // the channel accepted it
    retrying,   // failed, to be tried again at its next attempt time
    dead,       // failed for good, given up, or unreachable
    cancelled,  // the notification no longer holds, or the address is no longer a recipient
    skipped,    // not a delivery's state: a notification catch-up recorded without sending (outbox listings)
};

// "pending", "sending", "sent", "retrying", "dead", "cancelled", "skipped".
std::string_view to_string(DeliveryState state);
std::optional<DeliveryState> delivery_state_from_string(std::string_view text);

}  // namespace nhacviec
