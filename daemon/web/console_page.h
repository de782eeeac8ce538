// The pages of the monitoring office's console (/quan-ly/): the login form,
// and the frame every console page shares (the account's name and role, a
// logout button carrying the session's CSRF token) around its content (the
// console's own pages: web/console_inbox, web/console_task_list,
// web/console_task_page). Complete HTML5 pages in Vietnamese:
// inline CSS only (its hash is in the Content-Security-Policy), no script,
// no external asset, usable at 390 px wide. Pure: a view goes in, the page
// comes out; every text from outside is escaped here.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace nhacviec::web {

// The console's paths.
inline constexpr std::string_view kConsoleHome = "/quan-ly/";
inline constexpr std::string_view kConsoleLogin = "/quan-ly/dang-nhap";
inline constexpr std::string_view kConsoleLogout = "/quan-ly/dang-xuat";
inline constexpr std::string_view kConsoleTasks = "/quan-ly/nhiem-vu";
inline constexpr std::string_view kConsoleReport = "/quan-ly/bao-cao";
inline constexpr std::string_view kConsolePlanUpload = "/quan-ly/nhap-ke-hoach";
// The hidden field of every state-changing console form: the session's CSRF token.
inline constexpr std::string_view kConsoleTokenField = "csrf";

// The login form. A plain value.
struct LoginPageView {
    std::string name;    // the name typed, shown again after a refusal
    std::string error;   // Vietnamese, plain text; "" for none
    std::string notice;  // plain text above the form ("Bạn đã đăng xuất."); "" for none
    std::chrono::sys_seconds now{};
};

// What the frame of a console page shows of the signed-in account. A plain value.
struct ConsoleFrame {
    std::string account;     // the account's name
    std::string role;        // its role in words ("Quản trị")
    std::string form_token;  // the session's CSRF token, for the logout button and every form
    std::chrono::sys_seconds now{};
};

std::string render_login_page(const LoginPageView& view);
// A console page: the frame around `main_html` (already escaped HTML), titled `title` (plain text).
std::string render_console_page(const ConsoleFrame& frame, std::string_view title, std::string_view main_html);
// Where a console page belongs, for the links at its top.
enum class ConsoleSection { inbox, tasks, task, report, plan_upload };
// The links at the top of every console page (the inbox, the task list, the tasks awaiting a decision, the
// periodic report, the plan upload: admins only, the others are told so there), the page's own section in bold
// instead of a link.
std::string render_console_nav(ConsoleSection here);
// A page that only says why nothing can be done (a refused form), with a link back to the console.
std::string render_console_notice(std::string_view heading, std::string_view message, std::chrono::sys_seconds now);

// The role in words: "Quản trị", "Theo dõi, xử lý", "Chỉ xem" (admin, monitor, viewer).
std::string role_in_words(std::string_view role);

// The Content-Security-Policy of these pages: nothing but their own inline
// style (by its hash), forms posting to the same origin, no framing.
const std::string& console_page_policy();

}  // namespace nhacviec::web
