// ChannelKind: the ways a notification can reach an agency. The outbox stores
// it as text (deliveries.channel: 'email', 'webhook', 'none'); to_string and
// channel_kind_from_string are the one mapping between the two. A plain value.
#pragma once

#include <optional>
#include <string_view>

namespace nhacviec {

enum class ChannelKind {
    email,    // SMTP when a server is configured, the mail folder otherwise
    webhook,  // a signed HTTP POST
    none,     // the agency has no contact: the delivery is dead at once
};

std::string_view to_string(ChannelKind kind);  // "email", "webhook", "none"
std::optional<ChannelKind> channel_kind_from_string(std::string_view text);

}  // namespace nhacviec
