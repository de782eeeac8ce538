#include "outbox/channel_settings.h"

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
    return s;
}

WebhookSettings webhook_settings(const WebhookConfig& webhook) {
    WebhookSettings s;
    s.timeout = webhook.timeout;
    return s;
}

MailMessage mail_message(const EmailConfig& email, const OutboxContent& content, std::chrono::sys_seconds now) {
    MailMessage m;
    m.from = {email.from_name, email.from_address};
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
