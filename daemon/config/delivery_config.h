// DeliveryConfig: how notifications leave — [email], [webhook] with its
// [[webhook.endpoint]] secrets, and [delivery] retry rules. Part of Config;
// config/nhacviec.example.toml documents every key.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/toml_fields.h"

namespace nhacviec {

// [email]: the SMTP server, or the mail folder when there is none.
struct EmailConfig {
    std::string server;  // "smtp://host:587", "smtps://host:465"; "" = write to `maildir`
    enum class Security { starttls, tls, none } security = Security::starttls;
    std::string username;  // "" = no authentication
    std::string password;
    std::string from_address = "nhacviec@haiphong.example";
    std::string from_name = "Hệ thống nhắc việc UBND thành phố Hải Phòng";
    std::filesystem::path maildir = "var/mail";  // relative to the working directory
    std::chrono::seconds timeout{30};
    int connections = 2;  // SMTP sessions used at once
    std::string ca_file;  // "" = the system's certificate authorities
};

// [webhook]: how webhooks are posted, and each endpoint's signing secret.
struct WebhookConfig {
    std::chrono::seconds timeout{10};
    int connections = 4;
    std::map<std::string, std::string> keys;  // endpoint URL -> decoded secret bytes
};

// [delivery]: retries of a delivery that failed for a reason that may pass.
struct RetryConfig {
    // The waits after the 1st, 2nd, … failure; the last repeats.
    std::vector<std::chrono::seconds> delays{std::chrono::minutes(1),  std::chrono::minutes(5),
                                             std::chrono::minutes(30), std::chrono::hours(2),
                                             std::chrono::hours(6),    std::chrono::hours(12)};
    std::chrono::seconds give_up_after = std::chrono::hours(72);  // from the first attempt; then dead
    double jitter = 0.1;  // each wait is multiplied by a random factor in [1 - jitter, 1 + jitter]
};

struct DeliveryConfig {
    EmailConfig email;
    WebhookConfig webhook;
    RetryConfig retry;
};

// Reads [email], [webhook] and [delivery] from the configuration's root table.
void read_delivery_config(TomlFields& root, const std::string& source, DeliveryConfig& config);

}  // namespace nhacviec
