// The monitoring office's console: the login page, logout and the home page,
// with what every console route shares (the session check, the CSRF check
// of its forms, the page frame). Part of Api (web/api.h); the pages are
// web/console_page, the sessions app/console_sessions.
#include <algorithm>
#include <string>
#include <vector>

#include "app/console_sessions.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/log.h"
#include "common/text.h"
#include "links/form_token.h"
#include "links/link_secret.h"
#include "web/api.h"
#include "web/console_page.h"
#include "web/form_data.h"
#include "web/rate_limiter.h"
#include "web/same_origin.h"
#include "web/strict_page.h"

namespace nhacviec {
namespace {

// The session cookie's name.
constexpr std::string_view kSessionCookie = "nv_phien";

// The values of cookie `name` in a Cookie header ("a=1; nv_phien=…"), in order, at most `limit` of them. A browser
// sends the session cookie twice when it keeps one for each path the console's cookie has had ([console]
// public_dashboard changed: /quan-ly/ or /), the more specific path first.
std::vector<std::string> cookie_values(std::string_view header, std::string_view name, size_t limit) {
    std::vector<std::string> out;
    while (!header.empty() && out.size() < limit) {
        const size_t semicolon = header.find(';');
        std::string_view pair = header.substr(0, semicolon);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=')
            out.emplace_back(pair.substr(name.size() + 1));
        header = semicolon == std::string_view::npos ? std::string_view() : header.substr(semicolon + 1);
    }
    return out;
}

// Session cookies of one request looked at, at most: one per path the cookie may have had, and a spare.
constexpr size_t kMaxSessionCookies = 3;

// The cookie's attributes: only the console's paths (and the dashboard's, when it is not public), never to
// scripts or other sites, only over TLS when the public address is https.
std::string cookie_attributes(const ServiceSetup& setup) {
    const std::string_view path = setup.config.console.public_dashboard ? web::kConsoleHome : std::string_view("/");
    std::string out = "; Path=" + std::string(path) + "; HttpOnly; SameSite=Strict";
    if (setup.config.api.public_url.starts_with("https://")) out += "; Secure";
    return out;
}

// The Set-Cookie value that makes the browser forget its session.
std::string forgotten_cookie(const ServiceSetup& setup) {
    std::string out(kSessionCookie);
    out += "=; Max-Age=0";
    out += cookie_attributes(setup);
    return out;
}

// Where logout leads: the login form, saying so.
constexpr std::string_view kLoggedOut = "/quan-ly/dang-nhap?da-dang-xuat=1";

HttpResponse redirect(std::string_view location) {
    HttpResponse r = Api::console_response(303, "");
    r.headers.emplace_back("Location", std::string(location));
    return r;
}

std::string from(const HttpRequest& request) {
    return request.client_address.empty() ? std::string("an unknown address") : request.client_address;
}

HttpResponse unavailable(std::chrono::sys_seconds now) {
    HttpResponse r = Api::console_response(
        503, web::render_console_notice("Tạm thời chưa dùng được",
                                        "Hệ thống đang gặp sự cố khi đọc, ghi dữ liệu. Xin thử lại sau ít phút.", now));
    r.headers.emplace_back("Retry-After", "30");
    return r;
}

const form::FieldLabels& login_labels() {
    static const form::FieldLabels labels = {{"name", "Tên đăng nhập"}, {"password", "Mật khẩu"}};
    return labels;
}

}  // namespace

struct Api::LoginLimits {
    // Failed logins of one account name in any 15 minutes, and from one client address (an office shares one).
    static constexpr RateRule kPerAccount{5, std::chrono::minutes(15)};
    static constexpr RateRule kPerAddress{20, std::chrono::minutes(15)};
    static constexpr std::size_t kMaxKeys = 20000;

    RateLimiter by_account{kPerAccount, kMaxKeys};
    RateLimiter by_address{kPerAddress, kMaxKeys};
    RateLimiter::Clock::time_point last{};  // time never goes back for the limiters
};

HttpResponse Api::console_response(unsigned status, std::string html) {
    return web::strict_page_response(status, std::move(html), web::console_page_policy());
}

std::variant<app::SignedIn, HttpResponse> Api::console_session(const Call& call) {
    const ServiceSetup& setup = *call.snapshot->setup;
    const auto now = clock_.now();
    const auto ids = cookie_values(call.request.cookie, kSessionCookie, kMaxSessionCookies);
    if (ids.empty()) return redirect(web::kConsoleLogin);
    // Without the daemon (which loads them at start), the sessions are read at the first request that needs them.
    if (!console_sessions_->loaded())
        if (auto loaded = console_sessions_->refresh(db_); !loaded) {
            log::error("console: the sessions cannot be read: " + loaded.error().message);
            return unavailable(now);
        }
    // The first that holds: one left under the cookie's other path may have ended. In memory only.
    for (const std::string& id : ids)
        if (auto session =
                console_sessions_->check(id, now, std::chrono::minutes(setup.config.console.session_idle_minutes)))
            return std::move(*session);
    // Ended, expired or unknown: the browser forgets it (under the cookie's path, one Set-Cookie) and goes to the
    // login page.
    HttpResponse r = redirect(web::kConsoleLogin);
    r.headers.emplace_back("Set-Cookie", forgotten_cookie(setup));
    return r;
}

std::optional<HttpResponse> Api::refuse_console_form(const Call& call, const app::SignedIn& session,
                                                     const std::string* token) {
    const ServiceSetup& setup = *call.snapshot->setup;
    const auto now = clock_.now();
    const std::string who = session.account.name + " from " + from(call.request);
    if (!web::same_origin(call.request, setup)) {
        log::warning("console: a cross-site form refused (" + who + ")");
        return console_response(403, web::render_console_notice(
                                         "Không nhận biểu mẫu này",
                                         "Biểu mẫu được gửi từ một trang khác, không phải trang quản lý của hệ thống "
                                         "Nhắc việc, nên không được thực hiện.",
                                         now));
    }
    auto secret = link_secret(setup).current();
    if (!secret) {
        log::error("console: forms cannot be checked: " + secret.error().message);
        return unavailable(now);
    }
    if (!token || !check_form_token(*secret, app::form_binding(session), *token)) {
        log::warning("console: a form without a valid token refused (" + who + ")");
        return console_response(403, web::render_console_notice(
                                         "Không nhận biểu mẫu này",
                                         "Biểu mẫu này không do phiên làm việc hiện tại tạo ra, hoặc đã cũ. Xin mở lại "
                                         "trang quản lý và thực hiện lại.",
                                         now));
    }
    return std::nullopt;
}

Result<web::ConsoleFrame> Api::console_frame(const Call& call, const app::SignedIn& session) {
    auto secret = link_secret(*call.snapshot->setup).current();
    if (!secret) return secret.error();
    auto token = issue_form_token(*secret, app::form_binding(session));
    if (!token) return token.error();
    return web::ConsoleFrame{session.account.name, web::role_in_words(to_string(session.account.role)),
                             std::move(*token), clock_.now()};
}

Api::Answer Api::console_login(const Call& call) {
    const HttpRequest& request = call.request;
    const ServiceSetup& setup = *call.snapshot->setup;
    const auto now = clock_.now();
    web::LoginPageView view;
    view.now = now;
    if (request.method == "GET") {
        if (call.query.count("da-dang-xuat")) view.notice = "Bạn đã đăng xuất.";
        return console_response(200, web::render_login_page(view));
    }
    if (!web::same_origin(request, setup)) {
        log::warning("console: a cross-site login form refused, from " + from(request));
        return console_response(403, web::render_console_notice(
                                         "Không nhận biểu mẫu này",
                                         "Biểu mẫu đăng nhập được gửi từ một trang khác, nên không được thực hiện.", now));
    }
    auto data = form::parse_form(request.content_type, request.body, login_labels());
    if (!data) {
        log::warning("console: a login form refused from " + from(request) + ": " + data.problem().log_message);
        view.error = data.problem().form_message;
        return console_response(400, web::render_login_page(view));
    }
    const std::string name = data->find("name") ? *data->find("name") : "";
    const std::string password = data->find("password") ? *data->find("password") : "";
    view.name = name;
    if (name.empty() || password.empty()) {
        view.error = "Xin nhập tên đăng nhập và mật khẩu.";
        return console_response(400, web::render_login_page(view));
    }

    if (!login_limits_) login_limits_ = std::make_shared<LoginLimits>();
    LoginLimits& limits = *login_limits_;
    const auto at = std::max(limits.last, RateLimiter::Clock::time_point(now.time_since_epoch()));
    limits.last = at;
    const std::string address = request.client_address.empty() ? "-" : request.client_address;
    const std::string account_key = text::visible(name.substr(0, 64));
    const auto wait = std::max(limits.by_account.wait(account_key, at).value_or(std::chrono::seconds{0}),
                               limits.by_address.wait(address, at).value_or(std::chrono::seconds{0}));
    if (wait.count() > 0) {
        log::warning("console: login for account \"" + account_key + "\" from " + address +
                     " refused: too many failed logins; " + std::to_string(wait.count()) + " s to wait");
        view.error = "Đã đăng nhập sai quá nhiều lần. Xin thử lại sau " + std::to_string((wait.count() + 59) / 60) +
                     " phút.";
        HttpResponse r = console_response(429, web::render_login_page(view));
        r.headers.emplace_back("Retry-After", std::to_string(wait.count()));
        return r;
    }

    auto attempt = app::begin_log_in(db_, name, password);
    if (!attempt) {
        log::error("console: a login cannot be checked: " + attempt.error().message);
        return unavailable(now);
    }
    // The password is checked off the loop (argon2id takes a tenth of a second); the session is opened back on it.
    return Answer::off_loop_then([this, attempt = std::move(*attempt), password, snapshot = call.snapshot,
                                  view = std::move(view), now, at, address, account_key]() mutable {
        const bool matched = app::password_matches(attempt, password);
        return std::function<HttpResponse()>([this, attempt = std::move(attempt), matched,
                                              snapshot = std::move(snapshot), view = std::move(view), now, at,
                                              address, account_key]() mutable -> HttpResponse {
            const ServiceSetup& setup = *snapshot->setup;
            LoginLimits& limits = *login_limits_;
            auto outcome = app::finish_log_in(db_, std::move(attempt), matched, now);
            if (!outcome) {
                log::error("console: a login cannot be checked: " + outcome.error().message);
                return unavailable(now);
            }
            if (const auto* refused = std::get_if<app::LoginRefused>(&*outcome)) {
                limits.by_account.take(account_key, at);
                limits.by_address.take(address, at);
                if (*refused == app::LoginRefused::disabled) {
                    log::warning("console: login refused for the disabled account \"" + account_key + "\" from " +
                                 address);
                    view.error = "Tài khoản này đã bị khóa. Xin liên hệ người quản trị hệ thống.";
                } else {
                    log::warning("console: failed login for account \"" + account_key + "\" from " + address);
                    view.error = "Tên đăng nhập hoặc mật khẩu không đúng.";
                }
                return console_response(200, web::render_login_page(view));
            }
            const app::LoggedIn& in = std::get<app::LoggedIn>(*outcome);
            log::info("console: " + in.account.name + " logged in from " + address);
            const std::chrono::minutes idle(setup.config.console.session_idle_minutes);
            // The last requests held in memory first: a session the database has as idle may be in use.
            if (auto written = console_sessions_->flush(db_); !written)
                log::warning("console: the sessions' last requests cannot be written: " + written.error().message);
            console_sessions_->end_idle(now, idle);
            if (auto ended = app::end_idle_sessions(db_, now, idle); !ended)
                log::warning("console: idle sessions cannot be ended: " + ended.error().message);
            if (console_sessions_->loaded()) console_sessions_->opened(in, now);
            HttpResponse r = redirect(web::kConsoleHome);
            r.headers.emplace_back("Set-Cookie",
                                   std::string(kSessionCookie) + "=" + in.session_id + cookie_attributes(setup));
            return r;
        });
    });
}

Api::Answer Api::console_logout(const Call& call) {
    const ServiceSetup& setup = *call.snapshot->setup;
    auto checked = console_session(call);
    if (auto* refused = std::get_if<HttpResponse>(&checked)) return std::move(*refused);
    const app::SignedIn& session = std::get<app::SignedIn>(checked);
    auto data = form::parse_form(call.request.content_type, call.request.body);
    if (auto refused = refuse_console_form(call, session, data ? data->find(web::kConsoleTokenField) : nullptr))
        return std::move(*refused);
    // Every session the request names ends (the one that held and any left under the cookie's other path).
    for (const std::string& id : cookie_values(call.request.cookie, kSessionCookie, kMaxSessionCookies)) {
        if (auto ended = app::log_out(db_, id); !ended) {
            log::error("console: a session cannot be ended: " + ended.error().message);
            return unavailable(clock_.now());
        }
        console_sessions_->closed(id);
    }
    log::info("console: " + session.account.name + " logged out");
    HttpResponse r = redirect(kLoggedOut);
    r.headers.emplace_back("Set-Cookie", forgotten_cookie(setup));
    return r;
}

}  // namespace nhacviec
