#include "channels/channel_registry.h"

#include <utility>

#include "channels/channel_settings.h"
#include "channels/maildir_channel.h"
#include "channels/smtp_channel.h"
#include "channels/webhook_channel.h"

namespace nhacviec {

void ChannelRegistry::add(ChannelKind kind, int workers, Factory make) {
    entries_[kind] = Entry{workers, std::move(make)};
}

const ChannelRegistry::Entry* ChannelRegistry::find(ChannelKind kind) const {
    const auto found = entries_.find(kind);
    return found == entries_.end() ? nullptr : &found->second;
}

ChannelRegistry configured_channels(const DeliveryConfig& config) {
    ChannelRegistry registry;
    const EmailConfig& email = config.email;
    if (email.server.empty()) {
        // One folder shared by the email workers: MaildirChannel is thread-safe.
        auto folder = std::make_shared<MaildirChannel>(email.maildir, Mailbox{email.from_name, email.from_address});
        registry.add(ChannelKind::email, email.connections, [folder] { return folder; });
    } else {
        const SmtpSettings settings = smtp_settings(email);
        registry.add(ChannelKind::email, email.connections,
                     [settings] { return std::make_shared<SmtpChannel>(settings); });
    }
    const WebhookSettings settings = webhook_settings(config.webhook);
    registry.add(ChannelKind::webhook, config.webhook.connections,
                 [settings] { return std::make_shared<WebhookChannel>(settings); });
    return registry;
}

}  // namespace nhacviec
