// SmtpChannel over one libcurl easy handle. See smtp_channel.h.
//
// libcurl keeps the connection of a finished transfer in the easy handle's
// cache and sends the next MAIL FROM on it without a new greeting or EHLO.
// What the server said is followed through the debug callback: the last
// reply line (CURLINFO_HEADER_IN) for the details, and the last command
// (CURLINFO_HEADER_OUT, only its verb: AUTH lines carry credentials) to tell
// a refused message from a refused session.
#include "channels/smtp_channel.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <string_view>

#include <curl/curl.h>

#include "channels/channel_settings.h"
#include "channels/curl_global.h"

namespace nhacviec {

namespace {

// The server URL as it may be shown: without "user:password@".
std::string redacted_url(const std::string& url) {
    const size_t scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return url;
    const size_t authority = scheme_end + 3;
    const size_t authority_end = std::min(url.find('/', authority), url.size());
    const size_t at = url.rfind('@', authority_end - 1);
    if (at == std::string::npos || at < authority) return url;
    return url.substr(0, authority) + url.substr(at + 1);
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
    return true;
}

// An address as it may go into MAIL FROM / RCPT TO.
bool valid_envelope_address(std::string_view address) {
    return address.find_first_of("\r\n<> ") == std::string_view::npos;
}

// `text` for a one-line detail: control characters as '?'.
std::string printable(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return out;
}

// The SMTP commands whose verb is worth remembering; anything else sent
// (AUTH continuation lines) is not recorded.
constexpr std::string_view kVerbs[] = {"EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "RSET", "QUIT", "NOOP"};

}  // namespace

struct SmtpChannel::Impl {
    SmtpSettings settings;
    std::string url;           // with the EHLO name as its path
    std::string shown_url;     // for details: no credentials
    std::string config_error;  // set when the settings cannot work
    CURL* curl = nullptr;
    char error_buffer[CURL_ERROR_SIZE] = {};

    // Per send.
    std::string last_reply;    // the server's last reply line, e.g. "250 2.0.0 Ok: queued"
    std::string last_command;  // the verb of the last command sent: "MAIL", "RCPT", "DATA", …
    bool quitting = false;     // QUIT sent: what follows is the goodbye
    const std::string* body = nullptr;
    size_t body_offset = 0;

    explicit Impl(SmtpSettings s) : settings(std::move(s)) {
        ensure_curl_initialised();  // shared with the webhook channel: one curl_global_init per process
        shown_url = redacted_url(settings.server);
        const bool smtps = starts_with_nocase(settings.server, "smtps://");
        if (!smtps && !starts_with_nocase(settings.server, "smtp://")) {
            config_error = "SMTP server must be an smtp:// or smtps:// URL: " + shown_url;
        } else if (smtps != (settings.security == SmtpSettings::Security::tls)) {
            config_error = smtps ? "an smtps:// server needs security = tls (" + shown_url + ")"
                                 : "security = tls needs an smtps:// server (" + shown_url + ")";
        }
        curl = curl_easy_init();
        if (!curl) {
            config_error = "cannot initialise libcurl";
            return;
        }
        url = settings.server;
        while (url.size() > 8 && url.back() == '/') url.pop_back();
        if (!settings.helo_name.empty()) {
            char* escaped = curl_easy_escape(curl, settings.helo_name.data(), static_cast<int>(settings.helo_name.size()));
            if (escaped) url += "/" + std::string(escaped);
            curl_free(escaped);
        }
        const long seconds = static_cast<long>(settings.timeout.count());
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, seconds);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, seconds);
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
        curl_easy_setopt(curl, CURLOPT_USE_SSL, settings.security == SmtpSettings::Security::starttls
                                                    ? static_cast<long>(CURLUSESSL_ALL)
                                                    : static_cast<long>(CURLUSESSL_NONE));
        if (!settings.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings.ca_file.c_str());
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, settings.verify_peer ? 1L : 0L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, settings.verify_peer ? 2L : 0L);
        if (!settings.username.empty()) {
            curl_easy_setopt(curl, CURLOPT_USERNAME, settings.username.c_str());
            curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str());
        }
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, &Impl::on_read);
        curl_easy_setopt(curl, CURLOPT_READDATA, this);
        // The debug callback only runs in verbose mode; it prints nothing.
        curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
        curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, &Impl::on_debug);
        curl_easy_setopt(curl, CURLOPT_DEBUGDATA, this);
    }

    ~Impl() {
        if (curl) curl_easy_cleanup(curl);  // says QUIT on an open connection
    }

    static size_t on_read(char* buffer, size_t size, size_t count, void* user) {
        auto* self = static_cast<Impl*>(user);
        const size_t n = std::min(size * count, self->body->size() - self->body_offset);
        std::memcpy(buffer, self->body->data() + self->body_offset, n);
        self->body_offset += n;
        return n;
    }

    static int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
        auto* self = static_cast<Impl*>(user);
        const std::string_view text(data, size);
        // curl closes a connection after a failed transfer with QUIT; its "221"
        // must not hide the reply that failed.
        if (self->quitting) return 0;
        if (type == CURLINFO_HEADER_IN) {
            // One or more reply lines; keep the last one.
            size_t end = text.size();
            while (end > 0 && (text[end - 1] == '\r' || text[end - 1] == '\n')) --end;
            const std::string_view lines = text.substr(0, end);
            const size_t newline = lines.find_last_of("\r\n");
            const std::string_view line = newline == std::string_view::npos ? lines : lines.substr(newline + 1);
            if (!line.empty()) self->last_reply = std::string(line);
        } else if (type == CURLINFO_HEADER_OUT) {
            const std::string_view verb = text.substr(0, text.find_first_of(" :\r\n"));
            if (verb == "QUIT") self->quitting = true;
            else
                for (const std::string_view known : kVerbs)
                    if (verb == known) self->last_command = std::string(verb);
        }
        return 0;
    }

    // One attempt with curl_easy_perform; the result code.
    CURLcode perform(const std::string& envelope_from, curl_slist* rcpt, const std::string& mime) {
        last_reply.clear();
        last_command.clear();
        quitting = false;
        error_buffer[0] = '\0';
        body = &mime;
        body_offset = 0;
        const std::string from = "<" + envelope_from + ">";
        curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
        curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
        curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mime.size()));
        const CURLcode rc = curl_easy_perform(curl);
        curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, static_cast<curl_slist*>(nullptr));
        body = nullptr;
        return rc;
    }

    long reply_code() const {
        long code = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
        return code;
    }

    // Whether the last transfer ran on a connection kept from an earlier one.
    bool reused_connection() const {
        long connects = 0;
        curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
        return connects == 0;
    }

    // curl's words for a failure: its error buffer, or the code's description.
    std::string curl_words(CURLcode rc) const {
        return printable(error_buffer[0] ? std::string_view(error_buffer) : std::string_view(curl_easy_strerror(rc)));
    }

    // The server's reply, or its code when the line was not seen.
    std::string reply_words(long code) const { return last_reply.empty() ? std::to_string(code) : printable(last_reply); }

    DeliveryResult classify(CURLcode rc) const {
        using Outcome = DeliveryResult::Outcome;
        const std::string where = " (" + shown_url + ")";
        const long code = reply_code();
        if (rc == CURLE_OK) return {Outcome::sent, last_reply.empty() ? "250" : printable(last_reply), std::nullopt};
        switch (rc) {
            case CURLE_COULDNT_RESOLVE_HOST:
                return {Outcome::retry, "cannot resolve host: " + curl_words(rc) + where, std::nullopt};
            case CURLE_COULDNT_CONNECT: {
                long os_errno = 0;
                curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_errno);
                if (os_errno == ECONNREFUSED) return {Outcome::retry, "connection refused" + where, std::nullopt};
                return {Outcome::retry, "cannot connect: " + curl_words(rc) + where, std::nullopt};
            }
            case CURLE_OPERATION_TIMEDOUT:
                return {Outcome::retry,
                        "timed out after " + std::to_string(settings.timeout.count()) + " s" +
                            (last_command.empty() ? "" : " (after " + last_command + ")") + where,
                        std::nullopt};
            case CURLE_SSL_CONNECT_ERROR:
            case CURLE_PEER_FAILED_VERIFICATION:
            case CURLE_SSL_CERTPROBLEM:
            case CURLE_SSL_CIPHER:
            case CURLE_SSL_CACERT_BADFILE:
            case CURLE_SSL_ISSUER_ERROR:
            case CURLE_SSL_CRL_BADFILE:
                return {Outcome::retry, "TLS failed: " + curl_words(rc) + where, std::nullopt};
            case CURLE_USE_SSL_FAILED:
                // curl sends STARTTLS only when EHLO offers it.
                if (last_command == "STARTTLS")
                    return {Outcome::retry, "STARTTLS refused, not sending in clear: " + reply_words(code) + where,
                            std::nullopt};
                return {Outcome::retry, "server offers no STARTTLS, not sending in clear" + where, std::nullopt};
            case CURLE_LOGIN_DENIED:
                return {Outcome::retry,
                        "authentication failed: " + (code ? reply_words(code) : curl_words(rc)) + where,
                        std::nullopt};
            default:
                break;
        }
        if (code >= 400 && code < 600) {
            const bool about_message = last_command == "MAIL" || last_command == "RCPT" || last_command == "DATA";
            // 530 (authentication or STARTTLS required) and 535 are the configuration's fault.
            const bool permanent = code >= 500 && about_message && code != 530 && code != 535;
            std::string what;
            if (last_command == "DATA" && rc == CURLE_WEIRD_SERVER_REPLY) what = "message refused";
            else if (last_command == "MAIL") what = "MAIL FROM refused";
            else if (last_command == "RCPT") what = "RCPT TO refused";
            else if (last_command.empty()) what = "server refused the session";
            else what = last_command + " refused";
            return {permanent ? Outcome::permanent : Outcome::retry, what + ": " + reply_words(code) + where,
                    std::nullopt};
        }
        return {Outcome::retry, "connection failed: " + curl_words(rc) + where, std::nullopt};
    }
};

SmtpChannel::SmtpChannel(SmtpSettings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {}
SmtpChannel::~SmtpChannel() = default;
SmtpChannel::SmtpChannel(SmtpChannel&&) noexcept = default;
SmtpChannel& SmtpChannel::operator=(SmtpChannel&&) noexcept = default;

DeliveryResult SmtpChannel::send(const std::string& envelope_from, const std::vector<std::string>& recipients,
                                 const std::string& mime) {
    using Outcome = DeliveryResult::Outcome;
    if (!impl_) return {Outcome::retry, "SMTP channel was moved from", std::nullopt};
    if (!impl_->config_error.empty()) return {Outcome::retry, impl_->config_error, std::nullopt};
    if (recipients.empty()) return {Outcome::permanent, "no recipients", std::nullopt};
    if (!valid_envelope_address(envelope_from))
        return {Outcome::permanent, "invalid sender address: " + printable(envelope_from), std::nullopt};

    curl_slist* rcpt = nullptr;
    for (const auto& recipient : recipients) {
        if (recipient.empty() || !valid_envelope_address(recipient)) {
            curl_slist_free_all(rcpt);
            return {Outcome::permanent, "invalid recipient address: " + printable(recipient), std::nullopt};
        }
        rcpt = curl_slist_append(rcpt, ("<" + recipient + ">").c_str());
    }

    CURLcode rc = impl_->perform(envelope_from, rcpt, mime);
    // A kept connection that the server dropped after curl last looked at it
    // fails on the first command with no reply (or with 421): try once more,
    // on a fresh connection. (curl itself notices connections closed earlier.)
    const bool connection_lost = rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING ||
                                 rc == CURLE_WEIRD_SERVER_REPLY;
    const long code = impl_->reply_code();
    if (connection_lost && (code == 0 || code == 421) && impl_->reused_connection())
        rc = impl_->perform(envelope_from, rcpt, mime);
    DeliveryResult result = impl_->classify(rc);
    curl_slist_free_all(rcpt);
    return result;
}

DeliveryResult SmtpChannel::deliver(const ChannelDelivery& delivery, std::chrono::sys_seconds now) {
    const Mailbox& from = impl_->settings.from;
    return send(from.address, {delivery.address}, assemble_mime(mail_message(from, delivery.content, now)));
}

}  // namespace nhacviec
