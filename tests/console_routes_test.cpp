// The console's login, logout and home page (/quan-ly/) through Api::handle
// on the real plan at 09:30 on 15 October 2026: sessions, their cookie,
// idle expiry, the CSRF check of the logout form, failed logins slowed down.
#include <catch2/catch.hpp>

#include <regex>

#include "api_fixture.h"
#include "common/password_hash.h"
#include "storage/account_store.h"
#include "web/console_page.h"

using namespace nhacviec;
using namespace nhacviec::testing;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPassword = "mật khẩu đúng 2026";

struct ConsoleFixture : ApiFixture {
    explicit ConsoleFixture(const std::string& config = "") : ApiFixture(config) {
        REQUIRE(AccountStore(*db).add("ttv.stc", AccountRole::monitor, {"90/KH-UBND"}, *hash_password(kPassword),
                                      "2026-10-01T08:00:00+07:00"));
    }

    HttpResponse send(const std::string& method, const std::string& target, const std::string& cookie = "",
                      const std::string& body = "", const std::string& fetch_site = "same-origin",
                      const std::string& address = "203.0.113.7") {
        HttpRequest request;
        request.method = method;
        request.target = target;
        request.cookie = cookie;
        request.content_type = method == "POST" ? "application/x-www-form-urlencoded" : "";
        request.body = body;
        request.sec_fetch_site = fetch_site;
        request.client_address = address;
        request.host = "127.0.0.1:8470";
        return api->handle(request);
    }

    HttpResponse log_in(const std::string& password, const std::string& address = "203.0.113.7") {
        return send("POST", "/quan-ly/dang-nhap", "", "name=ttv.stc&password=" + encode(password), "same-origin",
                    address);
    }

    // The cookie a login's answer sets, as the browser sends it back ("nv_phien=…").
    static std::string cookie_of(const HttpResponse& response) {
        const std::string set = header_of(response, "Set-Cookie");
        return set.substr(0, set.find(';'));
    }

    static std::string csrf_of(const std::string& html) {
        std::smatch m;
        REQUIRE(std::regex_search(html, m, std::regex("name=\"csrf\" value=\"([A-Za-z0-9_.-]+)\"")));
        return m[1];
    }

    static std::string encode(const std::string& text) {
        std::string out;
        const char* hex = "0123456789ABCDEF";
        for (const unsigned char c : text) {
            if (std::isalnum(c) || c == '.' || c == '-' || c == '_') out += static_cast<char>(c);
            else out += std::string("%") + hex[c >> 4] + hex[c & 15];
        }
        return out;
    }
};

}  // namespace

TEST_CASE("console: without a session every page sends the browser to the login form", "[console]") {
    ConsoleFixture f;
    auto home = f.send("GET", "/quan-ly/");
    CHECK(home.status == 303);
    CHECK(header_of(home, "Location") == "/quan-ly/dang-nhap");
    CHECK(header_of(home, "Set-Cookie") == "");
    auto bare = f.send("GET", "/quan-ly");
    CHECK(bare.status == 303);
    CHECK(header_of(bare, "Location") == "/quan-ly/");
    auto unknown = f.send("GET", "/quan-ly/", "nv_phien=" + std::string(43, 'a'));
    CHECK(unknown.status == 303);
    CHECK(header_of(unknown, "Location") == "/quan-ly/dang-nhap");
    CHECK(header_of(unknown, "Set-Cookie") == "nv_phien=; Max-Age=0; Path=/quan-ly/; HttpOnly; SameSite=Strict");
    auto logout = f.send("POST", "/quan-ly/dang-xuat", "", "csrf=x");
    CHECK(logout.status == 303);
    CHECK(header_of(logout, "Location") == "/quan-ly/dang-nhap");

    auto form = f.send("GET", "/quan-ly/dang-nhap");
    CHECK(form.status == 200);
    CHECK(form.content_type == "text/html; charset=utf-8");
    CHECK(header_of(form, "Content-Security-Policy") == web::console_page_policy());
    CHECK(header_of(form, "Cache-Control") == "no-store");
    CHECK(form.body.find("<form class=\"login\" method=\"post\" action=\"/quan-ly/dang-nhap\">") != std::string::npos);
    CHECK(form.body.find("<script") == std::string::npos);
}

TEST_CASE("console: login, home page, logout; the cookie replayed after logout is refused", "[console]") {
    ConsoleFixture f;
    auto wrong = f.log_in("mật khẩu sai 2026");
    CHECK(wrong.status == 200);
    CHECK(header_of(wrong, "Set-Cookie") == "");
    CHECK(wrong.body.find("<p class=\"error\" id=\"login-error\" role=\"alert\">Tên đăng nhập hoặc mật khẩu không "
                          "đúng.</p>") != std::string::npos);
    CHECK(wrong.body.find("value=\"ttv.stc\"") != std::string::npos);

    auto in = f.log_in(kPassword);
    CHECK(in.status == 303);
    CHECK(header_of(in, "Location") == "/quan-ly/");
    const std::string set = header_of(in, "Set-Cookie");
    CHECK(std::regex_match(set, std::regex("nv_phien=[A-Za-z0-9_-]{43}; Path=/quan-ly/; HttpOnly; SameSite=Strict")));
    const std::string cookie = ConsoleFixture::cookie_of(in);

    auto home = f.send("GET", "/quan-ly/", "other=1; " + cookie);
    CHECK(home.status == 200);
    CHECK(home.body.find("<h1>Xin chào ttv.stc</h1>") != std::string::npos);
    CHECK(home.body.find("<dt>Vai trò</dt><dd>Theo dõi, xử lý</dd>") != std::string::npos);
    CHECK(home.body.find("<dt>Kế hoạch</dt><dd>Kế hoạch số 90/KH-UBND</dd>") != std::string::npos);
    CHECK(home.body.find("<dt>Đăng nhập lúc</dt><dd>09:30 15/10/2026</dd>") != std::string::npos);
    CHECK(header_of(home, "Content-Security-Policy") == web::console_page_policy());
    const std::string csrf = ConsoleFixture::csrf_of(home.body);

    // The logout form is refused without its token, with a wrong one, from another session, from another site.
    CHECK(f.send("POST", "/quan-ly/dang-xuat", cookie, "").status == 403);
    CHECK(f.send("POST", "/quan-ly/dang-xuat", cookie, "csrf=" + std::string(45, 'A')).status == 403);
    auto other = ConsoleFixture::cookie_of(f.log_in(kPassword));
    const std::string other_csrf = ConsoleFixture::csrf_of(f.send("GET", "/quan-ly/", other).body);
    auto foreign = f.send("POST", "/quan-ly/dang-xuat", cookie, "csrf=" + other_csrf);
    CHECK(foreign.status == 403);
    CHECK(foreign.body.find("Biểu mẫu này không do phiên làm việc hiện tại tạo ra, hoặc đã cũ.") != std::string::npos);
    CHECK(f.send("POST", "/quan-ly/dang-xuat", cookie, "csrf=" + csrf, "cross-site").status == 403);
    // Still signed in after all of them.
    CHECK(f.send("GET", "/quan-ly/", cookie).status == 200);

    auto out = f.send("POST", "/quan-ly/dang-xuat", cookie, "csrf=" + csrf);
    CHECK(out.status == 303);
    CHECK(header_of(out, "Location") == "/quan-ly/dang-nhap?da-dang-xuat=1");
    CHECK(header_of(out, "Set-Cookie") == "nv_phien=; Max-Age=0; Path=/quan-ly/; HttpOnly; SameSite=Strict");
    auto replayed = f.send("GET", "/quan-ly/", cookie);
    CHECK(replayed.status == 303);
    CHECK(header_of(replayed, "Location") == "/quan-ly/dang-nhap");
    // The other session goes on.
    CHECK(f.send("GET", "/quan-ly/", other).status == 200);
    CHECK(f.send("GET", "/quan-ly/dang-nhap?da-dang-xuat=1").body.find("Bạn đã đăng xuất.") != std::string::npos);
}

TEST_CASE("console: a session ends after [console] session_idle_minutes without a request", "[console]") {
    ConsoleFixture f("[console]\nsession_idle_minutes = 30\n");
    const std::string cookie = ConsoleFixture::cookie_of(f.log_in(kPassword));
    f.clock.advance(29min);
    CHECK(f.send("GET", "/quan-ly/", cookie).status == 200);
    f.clock.advance(29min);
    CHECK(f.send("GET", "/quan-ly/", cookie).status == 200);
    f.clock.advance(30min);
    CHECK(f.send("GET", "/quan-ly/", cookie).status == 303);
}

TEST_CASE("console: a disabled account's session stops once the change is noticed", "[console]") {
    ConsoleFixture f;
    const std::string cookie = ConsoleFixture::cookie_of(f.log_in(kPassword));
    CHECK(f.send("GET", "/quan-ly/", cookie).status == 200);
    REQUIRE(*AccountStore(*f.db).set_disabled("ttv.stc", true));
    // The sessions are held in memory: read again when the database's change counter moves (the daemon's
    // ConsoleSessionKeeper, within half a second).
    REQUIRE(f.api->console_sessions()->refresh(*f.db));
    CHECK(f.send("GET", "/quan-ly/", cookie).status == 303);
    auto refused = f.log_in(kPassword);
    CHECK(refused.status == 200);
    CHECK(refused.body.find("Tài khoản này đã bị khóa. Xin liên hệ người quản trị hệ thống.") != std::string::npos);
}

TEST_CASE("console: failed logins slow down per account and per address", "[console]") {
    ConsoleFixture f;
    for (int i = 0; i < 5; ++i) CHECK(f.log_in("mật khẩu sai 2026").status == 200);
    // The sixth try in 15 minutes is refused, even with the right password, from any address.
    auto limited = f.log_in(kPassword, "198.51.100.9");
    CHECK(limited.status == 429);
    CHECK(header_of(limited, "Retry-After") == "900");
    CHECK(limited.body.find("Đã đăng nhập sai quá nhiều lần. Xin thử lại sau 15 phút.") != std::string::npos);
    f.clock.advance(15min);
    CHECK(f.log_in(kPassword).status == 303);

    // Per address: 20 failures over several names.
    for (int i = 0; i < 20; ++i)
        CHECK(f.send("POST", "/quan-ly/dang-nhap", "", "name=ten" + std::to_string(i) + "&password=sai-sai-sai-sai")
                  .status == 200);
    auto by_address = f.log_in(kPassword);
    CHECK(by_address.status == 429);
    CHECK(f.log_in(kPassword, "198.51.100.9").status == 303);
}

TEST_CASE("console: the cookie is Secure when the public address is https; a cross-site login is refused",
          "[console]") {
    ConsoleFixture f("[api]\npublic_url = \"https://nhacviec.haiphong.example\"\n");
    auto in = f.log_in(kPassword);
    CHECK(std::regex_match(header_of(in, "Set-Cookie"),
                           std::regex("nv_phien=[A-Za-z0-9_-]{43}; Path=/quan-ly/; HttpOnly; SameSite=Strict; Secure")));
    auto cross = f.send("POST", "/quan-ly/dang-nhap", "", "name=ttv.stc&password=x", "cross-site");
    CHECK(cross.status == 403);
}

namespace {

// Every Set-Cookie header of an answer, in order.
std::vector<std::string> set_cookies(const HttpResponse& response) {
    std::vector<std::string> out;
    for (const auto& [name, value] : response.headers)
        if (name == "Set-Cookie") out.push_back(value);
    return out;
}

}  // namespace

TEST_CASE("console: with the dashboard behind the login, one session cookie, under /, whatever the browser keeps",
          "[console]") {
    ConsoleFixture f("[console]\npublic_dashboard = false\n");
    auto in = f.log_in(kPassword);
    CHECK(in.status == 303);
    const auto set = set_cookies(in);
    REQUIRE(set.size() == 1);
    CHECK(std::regex_match(set[0], std::regex("nv_phien=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict")));
    const std::string fresh = ConsoleFixture::cookie_of(in);

    // A session cookie left from when the dashboard was public (Path=/quan-ly/), ended since: the browser sends it
    // first (its path is the more specific), then the fresh one. The fresh one holds; nothing is set.
    const std::string stale = ConsoleFixture::cookie_of(f.log_in(kPassword));
    const std::string stale_csrf = ConsoleFixture::csrf_of(f.send("GET", "/quan-ly/", stale).body);
    auto ended = f.send("POST", "/quan-ly/dang-xuat", stale, "csrf=" + stale_csrf);
    CHECK(ended.status == 303);
    CHECK(set_cookies(ended) == std::vector<std::string>{"nv_phien=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict"});
    const std::string both = stale + "; " + fresh;
    auto dashboard = f.send("GET", "/", both);
    CHECK(dashboard.status == 200);
    CHECK(set_cookies(dashboard).empty());
    auto home = f.send("GET", "/quan-ly/", both);
    CHECK(home.status == 200);
    CHECK(home.body.find("<h1>Xin chào ttv.stc</h1>") != std::string::npos);
    CHECK(set_cookies(home).empty());

    // Logout ends both and makes the browser forget its cookie: one Set-Cookie.
    auto out = f.send("POST", "/quan-ly/dang-xuat", both, "csrf=" + ConsoleFixture::csrf_of(home.body));
    CHECK(out.status == 303);
    CHECK(header_of(out, "Location") == "/quan-ly/dang-nhap?da-dang-xuat=1");
    CHECK(set_cookies(out) == std::vector<std::string>{"nv_phien=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict"});

    // Neither holds now: to the login form, with one Set-Cookie.
    auto replayed = f.send("GET", "/", both);
    CHECK(replayed.status == 303);
    CHECK(header_of(replayed, "Location") == "/quan-ly/dang-nhap");
    CHECK(set_cookies(replayed) ==
          std::vector<std::string>{"nv_phien=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict"});
}
