// How the configuration and a notification's content become what the
// channels take: SMTP and webhook settings, the email of a notification, the
// body and id of each of its webhooks. Pure.
#pragma once

#include <chrono>
#include <string>

#include "channels/channel.h"
#include "channels/mail_message.h"
#include "channels/smtp_channel.h"
#include "channels/webhook_channel.h"
#include "config/delivery_config.h"

namespace nhacviec {

// The SMTP settings of the [email] section; `from` is its sender.
SmtpSettings smtp_settings(const EmailConfig& email);
// The webhook settings of the [webhook] section, with the endpoints' keys.
WebhookSettings webhook_settings(const WebhookConfig& webhook);

// The body of one webhook delivery: the notification's payload (type,
// planned_at, data) with the agency that copy is for and `sent_at`, the
// moment of this attempt ("2026-11-25T08:00:00+07:00": the same second as
// the webhook-timestamp header).
std::string webhook_body(const std::string& payload, const std::string& agency, std::chrono::sys_seconds sent_at);

// "msg_1f0c…": the Standard Webhooks id of the notification `identity`
// names (its Message-ID), the same across repeats, so a receiver can drop a duplicate.
std::string webhook_id(const std::string& identity);

// The email of `content`, dated `now`, from `from`; it carries the
// notification's key in X-Nhacviec-Key.
MailMessage mail_message(const Mailbox& from, const DeliveryContent& content, std::chrono::sys_seconds now);

}  // namespace nhacviec
