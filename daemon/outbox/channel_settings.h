// How the configuration and a stored notification become what the channels
// take: SMTP and webhook settings, the email of a notification and the body
// of each of its webhooks. Pure.
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

// The body of one webhook delivery: the notification's payload (type,
// planned_at, data) with the agency that copy is for and `sent_at`, the
// moment of this attempt ("2026-11-25T08:00:00+07:00": the same second as
// the webhook-timestamp header).
std::string webhook_body(const std::string& payload, const std::string& agency, std::chrono::sys_seconds sent_at);

// The email of `content`, dated `now`, from the configured sender; it carries
// the notification's key in X-Nhacviec-Key.
MailMessage mail_message(const EmailConfig& email, const OutboxContent& content, std::chrono::sys_seconds now);

}  // namespace nhacviec
