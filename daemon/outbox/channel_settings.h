// How the configuration and a stored notification become what the channels
// take: SMTP and webhook settings, and the email of a notification. Pure.
#pragma once

#include <chrono>

#include "channels/mail_message.h"
#include "channels/smtp_channel.h"
#include "channels/webhook_channel.h"
#include "config/delivery_config.h"
#include "outbox/outbox_store.h"

namespace nhacviec {

SmtpSettings smtp_settings(const EmailConfig& email);
WebhookSettings webhook_settings(const WebhookConfig& webhook);

// The email of `content`, dated `now`, from the configured sender; it carries
// the notification's key in X-Nhacviec-Key.
MailMessage mail_message(const EmailConfig& email, const OutboxContent& content, std::chrono::sys_seconds now);

}  // namespace nhacviec
