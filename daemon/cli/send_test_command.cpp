// nhacviec send-test AGENCY: sends one test message through each of the
// agency's channels from the directory (email, over SMTP or into the mail
// folder, and webhooks), straight away and outside the outbox, and says what
// each one came to. Exit status 0 only when every channel took it.
#include <ostream>

#include "agency/agency_contacts.h"
#include "channels/channel_settings.h"
#include "channels/maildir_channel.h"
#include "cli/command_list.h"
#include "cli/setup.h"
#include "common/clock.h"
#include "common/sha256.h"
#include "common/text.h"
#include "content/notification_context.h"
#include "content/template.h"

namespace nhacviec::cli {

namespace {

constexpr std::string_view kSubject = "Thử nghiệm kênh nhận thông báo nhắc việc";
constexpr std::string_view kText =
    "Kính gửi: {{agency}}\n"
    "\n"
    "Đây là thông báo thử nghiệm của hệ thống nhắc việc UBND thành phố Hải Phòng, gửi lúc {{time}} ngày "
    "{{date}}, để kiểm tra rằng quý cơ quan nhận được thông báo nhắc việc qua kênh này.\n"
    "\n"
    "Quý cơ quan không cần trả lời thông báo này.\n";
constexpr std::string_view kHtml =
    "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{subject}}</title></head><body>\n"
    "<p>Kính gửi: {{agency}}</p>\n"
    "<p>Đây là thông báo thử nghiệm của hệ thống nhắc việc UBND thành phố Hải Phòng, gửi lúc {{time}} ngày "
    "{{date}}, để kiểm tra rằng quý cơ quan nhận được thông báo nhắc việc qua kênh này.</p>\n"
    "<p>Quý cơ quan không cần trả lời thông báo này.</p>\n</body></html>\n";

std::string render(std::string_view text, Template::Escape escape, const nlohmann::json& values) {
    return Template::parse(text, "send-test", escape)->render(values);
}

const char* outcome_text(DeliveryResult::Outcome outcome) {
    switch (outcome) {
        case DeliveryResult::Outcome::sent: return "sent";
        case DeliveryResult::Outcome::retry: return "failed, may pass";
        case DeliveryResult::Outcome::permanent: return "refused";
    }
    return "failed";
}

}  // namespace

int run_send_test(Invocation& inv) {
    if (inv.args.size() != 1) return inv.err << usage("send-test"), kExitUsage;
    auto config = app::load_configuration(inv.options);
    if (!config) return inv.err << "nhacviec: " << config.error().message << "\n", kExitFailure;
    auto directory = app::load_directory(*config);
    if (!directory) return inv.err << "nhacviec: " << directory.error().message << "\n", kExitFailure;
    const Agency* agency = directory->find(inv.args[0]);
    if (!agency) return inv.err << "nhacviec: unknown agency \"" << inv.args[0] << "\"\n", kExitFailure;
    const AgencyContacts contacts = contacts_of(*directory, agency->name);
    if (contacts.empty())
        return inv.err << "nhacviec: " << agency->name << ": " << unreachable_reason(contacts) << "\n", kExitFailure;

    const auto now = SystemClock().now();
    const std::string iso = format_vietnam_time(now);
    const nlohmann::json values = {{"agency", agency->name},
                                   {"time", iso.substr(11, 5)},
                                   {"date", format_vietnamese_date(vietnam_date(now))},
                                   {"subject", kSubject}};
    const EmailConfig& email = config->delivery.email;
    DeliveryContent content;
    content.key = "test|" + agency->name + "|" + iso;
    content.subject = kSubject;
    content.text = render(kText, Template::Escape::none, values);
    content.html = render(kHtml, Template::Escape::html, values);
    for (const auto& address : contacts.emails) content.mail_to.push_back({agency->name, address});
    content.message_id = "<test." + sha256_hex(content.key).substr(0, 32) + "@" +
                         email.from_address.substr(email.from_address.find('@') + 1) + ">";
    content.payload = nlohmann::json{{"type", "nhacviec.test"},
                                     {"timestamp", iso},
                                     {"data", {{"agency", agency->name}, {"subject", kSubject}, {"text", content.text}}}}
                          .dump();

    bool all_sent = true;
    const auto report = [&](const std::string& channel, const DeliveryResult& result) {
        inv.out << text::visible(channel) << ": " << outcome_text(result.outcome) << " (" << text::visible(result.detail)
                << ")\n";
        all_sent = all_sent && result.outcome == DeliveryResult::Outcome::sent;
    };
    if (!contacts.emails.empty()) {
        const std::string mime = assemble_mime(mail_message({email.from_name, email.from_address}, content, now));
        if (email.server.empty()) {
            MaildirChannel folder(email.maildir);
            for (const auto& address : contacts.emails)
                report("email " + address + " → mail folder " + email.maildir.string(), folder.deliver(address, mime));
        } else {
            SmtpChannel smtp(smtp_settings(email));
            for (const auto& address : contacts.emails)
                report("email " + address + " → " + email.server, smtp.send(email.from_address, {address}, mime));
        }
    }
    if (!contacts.webhooks.empty()) {
        WebhookChannel hook(webhook_settings(config->delivery.webhook));
        for (const auto& url : contacts.webhooks) {
            const auto key = config->delivery.webhook.keys.find(url);
            if (key == config->delivery.webhook.keys.end()) {
                report("webhook " + url, {DeliveryResult::Outcome::permanent,
                                          "no secret: add it as a [[webhook.endpoint]] to the configuration",
                                          std::nullopt});
                continue;
            }
            report("webhook " + url, hook.post({url, key->second}, webhook_id(content.key), now, content.payload));
        }
    }
    return all_sent ? kExitOk : kExitFailure;
}

}  // namespace nhacviec::cli
