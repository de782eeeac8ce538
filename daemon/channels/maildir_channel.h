// MaildirChannel: the default channel when no SMTP server is configured.
// Each message becomes one file in a Maildir folder (tmp/, new/, cur/; see
// https://cr.yp.to/proto/maildir.html) that a mail client such as mutt or
// Thunderbird can open, so reminders can be read and checked before any mail
// server is set up.
#pragma once

#include <filesystem>
#include <string>

#include "channels/channel.h"
#include "channels/delivery_result.h"
#include "channels/mail_message.h"

namespace nhacviec {

// Delivers into one Maildir folder, creating it (and whichever of tmp/, new/,
// cur/ is missing) when needed. Owned by the delivery service; thread-safe:
// several workers may deliver at once.
class MaildirChannel : public Channel {
public:
    // `from` is the sender of the emails deliver() writes.
    explicit MaildirChannel(std::filesystem::path folder, Mailbox from = {});

    // Writes "Delivered-To: recipient\r\n" then `mime` to tmp/NAME, syncs it,
    // renames it to new/NAME and syncs new/, NAME being unique as the Maildir
    // spec asks ("1764032400.M123456P4242Q7.host"). Sent: detail names the
    // file. Any failure (folder not writable, disk full) is a retry whose
    // detail names the path and the system's words for the error.
    DeliveryResult deliver(const std::string& recipient, const std::string& mime);

    // Channel: writes the email of `delivery` (channel_settings.h,
    // mail_message) for its address, as above.
    DeliveryResult deliver(const ChannelDelivery& delivery, std::chrono::sys_seconds now) override;

    const std::filesystem::path& folder() const { return folder_; }

private:
    std::filesystem::path folder_;
    Mailbox from_;
};

}  // namespace nhacviec
