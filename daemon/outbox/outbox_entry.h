// OutboxEntry: one notification as the outbox stores it — its stable key,
// the rendered message, the email headers and webhook body, and one delivery
// per channel and address of its recipients — or, for a notification that
// could not be built or recorded, the reason (a dead letter). Built by
// EntryBuilder, written by OutboxStore::add(); a plain value.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "channels/channel_kind.h"
#include "channels/mail_message.h"
#include "content/message_templates.h"
#include "schedule/timeline.h"

namespace nhacviec {

// Where one copy of a notification goes.
struct OutboxDelivery {
    std::string agency;       // canonical name (or the name as the plan wrote it, when unknown)
    ChannelKind channel = ChannelKind::none;  // none when the agency cannot be reached
    std::string address;      // the email address or URL; "" for none
    std::string unreachable;  // for none: why ("no email or webhook in the agency directory")
};

// The message as one agency receives it: its own answer link, and the
// wording for its role. The entry's `message` is the addressee's copy.
struct MessageCopy {
    std::string agency;      // the delivery's agency (OutboxDelivery::agency)
    std::string text, html;  // the bodies of this copy; the subject is the entry's
    std::string answer_url;  // its answer link, or "" for none
};

struct OutboxEntry {
    std::string key;  // Timeline::key()
    NotificationKind kind = NotificationKind::reminder;
    std::string task_code;  // "" for the digest
    std::string agency;     // the addressee of the identity
    std::chrono::sys_seconds due_at{};
    std::string skipped_because;  // catch-up: why it is recorded but not sent; "" when it goes out
    // Why it could not be built or recorded ("could not be built: …"); "" when
    // it could. A dead letter has no message and no deliveries: it is stored
    // with one dead delivery to its addressee that carries the reason.
    std::string dead_letter;
    Message message;
    std::vector<Mailbox> mail_to, mail_cc;
    std::string payload;  // the webhook body (JSON)
    std::string message_id;
    std::string thread_id;
    std::vector<OutboxDelivery> deliveries;
    // One copy per other agency of `deliveries` whose message differs from
    // `message` (its own answer link, or none); empty for the digest.
    std::vector<MessageCopy> copies;
    std::string answer_url;  // the addressee's answer link in `message`, or ""
};

}  // namespace nhacviec
