// SmtpChannel: hands assembled messages (mail_message.h) to an SMTP server
// with libcurl, over one connection kept open between sends, and says what
// came of each attempt as a DeliveryResult:
//   sent       the server accepted the message (detail: its reply, "250 …")
//   retry      4xx replies; connection refused, reset or timed out; TLS and
//              STARTTLS failures; authentication refused (535/530: the
//              configuration's fault, not the message's); 5xx to the
//              greeting or EHLO
//   permanent  a 5xx reply to MAIL FROM, RCPT TO, DATA or to the message
// Details are one line naming the reply or the error and the server URL,
// e.g. "RCPT TO refused: 550 … (smtp://mail.example:587)"; they never hold
// the password.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "channels/channel.h"
#include "channels/delivery_result.h"
#include "channels/mail_message.h"

namespace nhacviec {

// Where and how to reach the SMTP server. A plain value from the configuration.
struct SmtpSettings {
    // "smtp://mail.example:587", or "smtps://mail.example:465" for implicit TLS.
    std::string server;
    // none: plain text. starttls (the default): upgrade with STARTTLS and
    // refuse to send when the server does not offer it. tls: implicit TLS,
    // needs an smtps:// server (and smtps:// needs tls).
    enum class Security { none, starttls, tls } security = Security::starttls;
    // Empty username (the default) = no authentication.
    std::string username, password;
    // Limit for connecting, and for each whole send (default 30 s; 0 = none).
    std::chrono::seconds timeout{30};
    // The CA certificates to trust (PEM file); empty (the default) = the system's.
    std::string ca_file;
    // Check the server's certificate and name (default true). Turning it off
    // lets anyone on the path read the mail and the password.
    bool verify_peer = true;
    // The name this host gives in EHLO; empty (the default) = its host name.
    std::string helo_name;
    // The sender of deliver(): the From header and the envelope sender.
    Mailbox from;
};

// One SMTP client connection, opened on the first send and reused by the
// following ones (curl reconnects when the server has closed it). Owned by
// one delivery worker; not thread-safe: one SmtpChannel per worker thread.
// Movable, not copyable.
class SmtpChannel : public Channel {
public:
    explicit SmtpChannel(SmtpSettings settings);
    ~SmtpChannel();
    SmtpChannel(SmtpChannel&&) noexcept;
    SmtpChannel& operator=(SmtpChannel&&) noexcept;
    SmtpChannel(const SmtpChannel&) = delete;
    SmtpChannel& operator=(const SmtpChannel&) = delete;

    // Sends `mime` (CRLF line endings) from `envelope_from` to every one of
    // `recipients` (bare addresses, "a@b.example"). All or nothing: when the
    // server refuses one recipient the message goes to none. Blocks for up to
    // the timeout.
    DeliveryResult send(const std::string& envelope_from, const std::vector<std::string>& recipients,
                        const std::string& mime);

    // Channel: sends the email of `delivery` (channel_settings.h, mail_message)
    // from the settings' `from` to its address alone.
    DeliveryResult deliver(const ChannelDelivery& delivery, std::chrono::sys_seconds now) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nhacviec
