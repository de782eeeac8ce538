#include "config/delivery_config.h"

#include "config/webhook_secret.h"

namespace nhacviec {

namespace {

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

void read_email(TomlFields& f, EmailConfig& email) {
    if (auto server = f.string("server")) {
        if (!server->empty() && !starts_with(*server, "smtp://") && !starts_with(*server, "smtps://"))
            f.fail("server", "expected \"smtp://HOST:PORT\" or \"smtps://HOST:PORT\", not \"" + *server + "\"");
        else email.server = *server;
    }
    const bool implicit_tls = starts_with(email.server, "smtps://");
    email.security = implicit_tls ? EmailConfig::Security::tls : EmailConfig::Security::starttls;
    if (auto security = f.string("security")) {
        if (*security == "starttls") email.security = EmailConfig::Security::starttls;
        else if (*security == "tls") email.security = EmailConfig::Security::tls;
        else if (*security == "none") email.security = EmailConfig::Security::none;
        else f.fail("security", "expected \"starttls\", \"tls\" or \"none\", not \"" + *security + "\"");
        if ((email.security == EmailConfig::Security::tls) != implicit_tls && !email.server.empty())
            f.fail("security", implicit_tls ? "an smtps:// server uses \"tls\""
                                            : "\"tls\" (implicit TLS) needs an smtps:// server");
    }
    if (auto username = f.string("username")) email.username = *username;
    if (auto password = f.string("password")) email.password = *password;
    if (!email.username.empty() && email.password.empty()) f.fail("username", "is set but password is not");
    if (auto from = f.string("from")) {
        if (from->find('@') == std::string::npos || from->find_first_of(" <>\"") != std::string::npos)
            f.fail("from", "expected an address like \"nhacviec@example.vn\", not \"" + *from + "\"");
        else email.from_address = *from;
    }
    if (auto name = f.string("from_name")) email.from_name = *name;
    if (auto maildir = f.string("maildir")) {
        if (maildir->empty()) f.fail("maildir", "must not be empty");
        else email.maildir = *maildir;
    }
    if (auto seconds = f.integer("timeout_seconds", 1, 600)) email.timeout = std::chrono::seconds(*seconds);
    if (auto count = f.integer("connections", 1, 32)) email.connections = static_cast<int>(*count);
    if (auto ca_file = f.string("ca_file")) email.ca_file = *ca_file;
}

void read_webhook(TomlFields& f, const std::string& source, WebhookConfig& webhook) {
    if (auto seconds = f.integer("timeout_seconds", 1, 600)) webhook.timeout = std::chrono::seconds(*seconds);
    if (auto count = f.integer("connections", 1, 64)) webhook.connections = static_cast<int>(*count);
    const toml::array* endpoints = f.array("endpoint");
    if (!endpoints) return;
    for (const auto& element : *endpoints) {
        const toml::table* table = element.as_table();
        if (!table) {
            f.fail("endpoint", "expected [[webhook.endpoint]] tables");
            continue;
        }
        TomlFields e(*table, source, "[[webhook.endpoint]]");
        const auto url = e.string("url", true);
        const auto secret = e.string("secret", true);
        if (url && !starts_with(*url, "http://") && !starts_with(*url, "https://"))
            e.fail("url", "expected an http:// or https:// URL, not \"" + *url + "\"");
        else if (url && secret) {
            if (auto key = decode_webhook_secret(*secret); !key) e.fail("secret", key.error().message);
            else if (!webhook.keys.emplace(*url, *key).second) e.fail("url", "has a secret twice: \"" + *url + "\"");
        }
        f.merge(e.finish());
    }
}

void read_retry(TomlFields& f, RetryConfig& retry) {
    if (const toml::array* minutes = f.array("retry_minutes")) {
        std::vector<std::chrono::seconds> delays;
        for (const auto& element : *minutes) {
            const auto* value = element.as_integer();
            if (!value || value->get() < 1 || value->get() > 1440) {
                f.fail("retry_minutes", "expected whole numbers of minutes from 1 to 1440");
                return;
            }
            delays.push_back(std::chrono::minutes(value->get()));
        }
        if (delays.empty()) f.fail("retry_minutes", "must not be empty");
        else retry.delays = std::move(delays);
    }
    if (auto hours = f.integer("give_up_after_hours", 1, 720)) retry.give_up_after = std::chrono::hours(*hours);
    if (auto percent = f.integer("jitter_percent", 0, 50)) retry.jitter = static_cast<double>(*percent) / 100.0;
}

}  // namespace

void read_delivery_config(TomlFields& root, const std::string& source, DeliveryConfig& config) {
    if (const toml::table* table = root.table("email")) {
        TomlFields f(*table, source, "[email]");
        read_email(f, config.email);
        root.merge(f.finish());
    }
    if (const toml::table* table = root.table("webhook")) {
        TomlFields f(*table, source, "[webhook]");
        read_webhook(f, source, config.webhook);
        root.merge(f.finish());
    }
    if (const toml::table* table = root.table("delivery")) {
        TomlFields f(*table, source, "[delivery]");
        read_retry(f, config.retry);
        root.merge(f.finish());
    }
}

}  // namespace nhacviec
