// Channel: the one interface through which the dispatcher hands a delivery
// to the outside world. The mail folder, SMTP and webhook channels implement
// it; ChannelRegistry (channels/channel_registry.h) says which channel
// delivers each ChannelKind. A channel answers with a DeliveryResult: sent,
// retry or permanent.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "channels/delivery_result.h"
#include "channels/mail_message.h"

namespace nhacviec {

// What a channel needs of a notification, shared by its deliveries: the
// email (subject, text, HTML, To, Cc, threading) and the webhook body. A
// plain value, read by the outbox and never changed once a delivery has it.
struct DeliveryContent {
    std::string key;  // the notification's stable key
    std::string subject, text, html;
    std::vector<Mailbox> mail_to, mail_cc;
    std::string payload;  // the webhook body (JSON), before agency and sent_at are added
    std::string message_id, thread_id;
};

// One copy of a notification for one address.
struct ChannelDelivery {
    std::string address;  // an email address or a URL
    std::string agency;   // the agency this copy is for
    const DeliveryContent& content;
};

// A channel delivers one copy at a time. Each instance belongs to the
// worker thread that made it (ChannelRegistry::Factory), unless the
// implementation says it is thread-safe; deliver() blocks for up to the
// channel's timeout.
class Channel {
public:
    virtual ~Channel() = default;
    // Delivers `delivery` as of `now` (the moment of this attempt).
    virtual DeliveryResult deliver(const ChannelDelivery& delivery, std::chrono::sys_seconds now) = 0;
};

}  // namespace nhacviec
