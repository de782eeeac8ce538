#include "web/console_page.h"

#include "common/base64.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/sha256.h"
#include "common/text.h"
#include "web/strict_page.h"

namespace nhacviec::web {
namespace {

const char* const kStyle = R"(
:root { color-scheme: light; --accent: #0b3d6e; --line: #d0d4da; --muted: #57606a; --error: #b71c1c; --ok: #1b5e20; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; color: #1f2328; background: #f6f7f9; }
header { background: var(--accent); color: #fff; padding: 10px 20px; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; }
header .brand { margin: 0; font-size: 19px; font-weight: 700; flex: 1 1 auto; }
header .who { margin: 0; font-size: 15px; }
header form { margin: 0; }
header button { background: #fff; color: var(--accent); border: 0; border-radius: 4px; padding: 8px 14px; min-height: 40px; font: inherit; font-weight: 600; }
main { padding: 4px 20px 28px; max-width: 860px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 16px; margin: 14px 0; }
h1 { font-size: 22px; margin: 14px 0 6px; }
h2 { font-size: 18px; margin: 0 0 8px; }
dl { margin: 0; display: grid; grid-template-columns: 11em 1fr; gap: 4px 12px; }
dt { color: var(--muted); }
dd { margin: 0; }
p.error { border-left: 4px solid var(--error); background: #ffebee; color: var(--error); padding: 8px 12px; margin: 0 0 12px; font-weight: 600; }
p.notice { border-left: 4px solid var(--ok); background: #e8f5e9; padding: 8px 12px; margin: 0 0 12px; font-weight: 600; }
form.login { display: flex; flex-direction: column; gap: 12px; max-width: 420px; }
label { display: flex; flex-direction: column; gap: 3px; font-weight: 600; }
input { font: inherit; width: 100%; padding: 8px 10px; border: 1px solid #8c959f; border-radius: 4px; min-height: 44px; background: #fff; }
[aria-invalid=true] { border-color: var(--error); outline: 2px solid var(--error); }
form.login button { align-self: flex-start; background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: 10px 22px; min-height: 44px; font: inherit; font-weight: 600; }
footer { color: var(--muted); font-size: 13px; padding: 0 20px 24px; max-width: 860px; }
a { color: var(--accent); }
nav.crumbs { margin: 12px 0 0; font-size: 15px; }
h3 { font-size: 16px; margin: 14px 0 6px; }
p.note { color: var(--muted); font-size: 14px; margin: 4px 0; }
p.detail { white-space: pre-wrap; margin: 2px 0 0; overflow-wrap: anywhere; }
p.field-error { color: var(--error); margin: 2px 0 0; font-size: 14px; font-weight: 600; }
span.count, span.age, .meta { color: var(--muted); font-size: 14px; font-weight: normal; }
.meta { overflow-wrap: anywhere; }
span.flag { background: #fff3cd; border: 1px solid #e0b400; border-radius: 3px; padding: 0 5px; font-size: 13px; }
span.bad { color: var(--error); font-weight: 600; }
ul.items, ol.history { list-style: none; margin: 0; padding: 0; }
ul.items li, ol.history li { border-top: 1px solid var(--line); padding: 8px 0; overflow-wrap: anywhere; }
ul.items li:first-child, ol.history li:first-child { border-top: 0; }
ol.history .state { font-weight: 600; }
form.filters, form.decision { display: flex; flex-direction: column; gap: 8px; margin: 8px 0; }
form.decision { border-top: 1px dashed var(--line); padding-top: 8px; }
select, textarea { font: inherit; width: 100%; padding: 8px 10px; border: 1px solid #8c959f; border-radius: 4px; min-height: 44px; background: #fff; }
textarea { min-height: 4em; resize: vertical; }
label small { font-weight: normal; color: var(--muted); }
label.check { flex-direction: row; align-items: center; gap: 8px; font-weight: normal; }
input[type=checkbox] { width: 22px; min-height: 22px; margin: 0; flex: none; }
.buttons { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
form.filters button, form.decision button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: 10px 20px; min-height: 44px; font: inherit; font-weight: 600; align-self: flex-start; }
form.decision button.secondary { background: #fff; color: var(--accent); border: 2px solid var(--accent); }
div.pending { border-top: 1px solid var(--line); padding: 6px 0; }
div.pending:first-of-type { border-top: 0; }
nav.pager { display: flex; gap: 16px; align-items: center; margin-top: 10px; }
p.status { font-weight: 600; margin: 8px 0 0; }
input[type=file] { padding: 6px; }
ul.changes { margin: 4px 0 8px; padding-left: 20px; }
ul.changes li { overflow-wrap: anywhere; }
form.decision.inline { display: inline-block; margin: 0; border-top: 0; padding-top: 0; }
@media (max-width: 640px) { main { padding: 2px 10px 20px; } header { padding: 10px 12px; } section { padding: 10px 12px; }
  dl { grid-template-columns: 1fr; gap: 0; } dd { margin-bottom: 6px; } form.login button { align-self: stretch; }
  form.filters button, form.decision button { align-self: stretch; } .buttons button { flex: 1 1 100%; }
  footer { padding: 0 12px 20px; } }
)";

std::string e(std::string_view s) { return text::html_escape(s); }

void head(std::string& h, std::string_view title) {
    strict_page_head(h, std::string(title) + " – Nhắc việc", kStyle);
}

void foot(std::string& h, std::chrono::sys_seconds now) {
    h += "</main>\n<footer>Trang quản lý của hệ thống Nhắc việc, tạo lúc " + e(format_vietnamese_moment(now)) +
         " (giờ Việt Nam).</footer>\n</body>\n</html>\n";
}

}  // namespace

std::string role_in_words(std::string_view role) {
    if (role == "admin") return "Quản trị";
    if (role == "monitor") return "Theo dõi, xử lý";
    return "Chỉ xem";
}

std::string render_login_page(const LoginPageView& view) {
    std::string h;
    head(h, "Đăng nhập");
    h += "<header><p class=\"brand\">Nhắc việc – Trang quản lý</p></header>\n<main>\n<h1>Đăng nhập</h1>\n<section>\n";
    if (!view.notice.empty()) h += "<p class=\"notice\" role=\"status\">" + e(view.notice) + "</p>\n";
    if (!view.error.empty()) h += "<p class=\"error\" id=\"login-error\" role=\"alert\">" + e(view.error) + "</p>\n";
    const std::string invalid = view.error.empty() ? "" : " aria-invalid=\"true\" aria-describedby=\"login-error\"";
    h += "<form class=\"login\" method=\"post\" action=\"" + std::string(kConsoleLogin) + "\">\n";
    h += "<label for=\"name\">Tên đăng nhập</label>\n<input type=\"text\" id=\"name\" name=\"name\" value=\"" +
         e(view.name) + "\" autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" maxlength=\"64\" required" +
         invalid + ">\n";
    h += "<label for=\"password\">Mật khẩu</label>\n<input type=\"password\" id=\"password\" name=\"password\" "
         "autocomplete=\"current-password\" maxlength=\"1024\" required" + invalid + ">\n";
    h += "<button type=\"submit\">Đăng nhập</button>\n</form>\n</section>\n";
    foot(h, view.now);
    return h;
}

std::string render_console_nav(ConsoleSection here) {
    const auto item = [here](ConsoleSection section, std::string_view href, std::string_view words) {
        if (section == here) return "<strong>" + std::string(words) + "</strong>";
        return "<a href=\"" + std::string(href) + "\">" + std::string(words) + "</a>";
    };
    return "<nav class=\"crumbs\">" + item(ConsoleSection::inbox, kConsoleHome, "Việc cần xử lý") + " · " +
           item(ConsoleSection::tasks, kConsoleTasks, "Danh sách nhiệm vụ") + " · <a href=\"" +
           std::string(kConsoleTasks) + "?cho-xu-ly=1\">Chờ tôi xử lý</a> · " +
           item(ConsoleSection::report, kConsoleReport, "Báo cáo định kỳ") + " · " +
           item(ConsoleSection::plan_upload, kConsolePlanUpload, "Nhập kế hoạch") + "</nav>\n";
}

std::string render_console_page(const ConsoleFrame& frame, std::string_view title, std::string_view main_html) {
    std::string h;
    head(h, title);
    h += "<header><p class=\"brand\">Nhắc việc – Trang quản lý</p>\n<p class=\"who\">" + e(frame.account) + " (" +
         e(frame.role) + ")</p>\n<form method=\"post\" action=\"" + std::string(kConsoleLogout) +
         "\"><input type=\"hidden\" name=\"" + std::string(kConsoleTokenField) + "\" value=\"" + e(frame.form_token) +
         "\"><button type=\"submit\">Đăng xuất</button></form></header>\n<main>\n";
    h += main_html;
    foot(h, frame.now);
    return h;
}

std::string render_console_notice(std::string_view heading, std::string_view message, std::chrono::sys_seconds now) {
    std::string h;
    head(h, heading);
    h += "<header><p class=\"brand\">Nhắc việc – Trang quản lý</p></header>\n<main>\n<h1>" + e(heading) +
         "</h1>\n<section>\n<p>" + e(message) + "</p>\n<p><a href=\"" + std::string(kConsoleHome) +
         "\">Về trang quản lý</a></p>\n</section>\n";
    foot(h, now);
    return h;
}

const std::string& console_page_policy() {
    static const std::string policy = strict_page_policy(kStyle);
    return policy;
}

}  // namespace nhacviec::web
