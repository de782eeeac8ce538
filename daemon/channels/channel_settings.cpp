#include "channels/channel_settings.h"

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/sha256.h"

namespace nhacviec {

SmtpSettings smtp_settings(const EmailConfig& email) {
    SmtpSettings s;
    s.server = email.server;
    s.security = email.security == EmailConfig::Security::tls        ? SmtpSettings::Security::tls
                 : email.security == EmailConfig::Security::starttls ? SmtpSettings::Security::starttls
                                                                     : SmtpSettings::Security::none;
    s.username = email.username;
    s.password = email.password;
    s.timeout = email.timeout;
    s.ca_file = email.ca_file;
    s.from = {email.from_name, email.from_address};
    return s;
}

WebhookSettings webhook_settings(const WebhookConfig& webhook) {
    WebhookSettings s;
    s.timeout = webhook.timeout;
    s.keys = webhook.keys;
    return s;
}

std::string webhook_body(const std::string& payload, const std::string& agency, std::chrono::sys_seconds sent_at) {
    // Runs on a delivery thread: nothing here may throw. A payload that is
    // not a JSON object (never written so by nhacviec) goes as a string under "data".
    nlohmann::json body = nlohmann::json::parse(payload, nullptr, false);
    if (!body.is_object()) body = nlohmann::json{{"data", payload}};
    body["agency"] = agency;
    body["sent_at"] = format_vietnam_time(sent_at);
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string webhook_id(const std::string& identity) { return "msg_" + sha256_hex(identity).substr(0, 32); }

MailMessage mail_message(const Mailbox& from, const DeliveryContent& content, std::chrono::sys_seconds now) {
    MailMessage m;
    m.from = from;
    m.to = content.mail_to;
    m.cc = content.mail_cc;
    m.subject = content.subject;
    m.text = content.text;
    m.html = content.html;
    m.message_id = content.message_id;
    m.thread_id = content.thread_id;
    m.date = now;
    m.extra_headers = {{"X-Nhacviec-Key", content.key}};
    return m;
}

}  // namespace nhacviec
