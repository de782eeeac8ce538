// The console's inbox (/quan-ly/), list of tasks (/quan-ly/nhiem-vu), task
// pages and report files, and the dashboard behind the console's login,
// through Api::handle on the real plan at 09:30 on 15 October 2026: what each
// shows, its filters, search and pages, the account's reach, text from the
// agencies escaped.
#include <catch2/catch.hpp>

#include <regex>

#include <SQLiteCpp/Statement.h>

#include "api_fixture.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/password_hash.h"
#include "outbox/dead_deliveries.h"
#include "storage/account_store.h"
#include "storage/answer_store.h"
#include "storage/report_files.h"
#include "web/console_inbox.h"
#include "web/console_page.h"
#include "web/console_task_list.h"

using namespace nhacviec;
using namespace nhacviec::testing;

namespace {

constexpr const char* kPassword = "mật khẩu đúng 2026";

struct TasksFixture : ApiFixture {
    explicit TasksFixture(const std::string& config = "") : ApiFixture(config) {
        AccountStore accounts(*db);
        REQUIRE(accounts.add("ttv.stc", AccountRole::monitor, {"90/KH-UBND"}, *hash_password(kPassword),
                             "2026-10-01T08:00:00+07:00"));
        REQUIRE(accounts.add("xem", AccountRole::viewer, {}, *hash_password(kPassword), "2026-10-01T08:00:00+07:00"));
        REQUIRE(accounts.add("khac", AccountRole::monitor, {"99/KH-UBND"}, *hash_password(kPassword),
                             "2026-10-01T08:00:00+07:00"));
    }

    HttpResponse send(const std::string& method, const std::string& target, const std::string& cookie = "",
                      const std::string& body = "") {
        HttpRequest request;
        request.method = method;
        request.target = target;
        request.cookie = cookie;
        request.content_type = method == "POST" ? "application/x-www-form-urlencoded" : "";
        request.body = body;
        request.sec_fetch_site = "same-origin";
        request.client_address = "203.0.113.7";
        request.host = "127.0.0.1:8470";
        return api->handle(request);
    }

    // The session cookie of `name`, as the browser sends it back.
    std::string log_in(const std::string& name) {
        auto in = send("POST", "/quan-ly/dang-nhap", "", "name=" + name + "&password=m%E1%BA%ADt%20kh%E1%BA%A9u%20%C4%91%C3%BAng%202026");
        REQUIRE(in.status == 303);
        const std::string set = header_of(in, "Set-Cookie");
        return set.substr(0, set.find(';'));
    }

    int64_t task_id(const std::string& code) {
        auto snapshot = snapshots->current();
        return snapshot->state->tasks.at(*snapshot->find(code, std::nullopt)).id;
    }

    // A completion of task `code` reported by Sở Tài chính on 12 October, with what an agency may write.
    int64_t report_completion(const std::string& code, const std::optional<ReportFile>& report = std::nullopt) {
        Answer a;
        a.task_id = task_id(code);
        a.agency = "Sở Tài chính";
        a.kind = AnswerKind::completion;
        a.note = "<script>alert(1)</script> xong";
        a.done_on = parse_iso_date("2026-10-10");
        a.document_number = "125/BC-STC<b>";
        a.document_date = parse_iso_date("2026-10-11");
        a.report = report;
        a.via = AnswerVia::link;
        a.client_address = "198.51.100.4";
        a.answered_at = "2026-10-12T09:30:00+07:00";
        auto id = AnswerStore(*db).record(a);
        REQUIRE(id);
        return *id;
    }
};

std::string csrf_of(const std::string& html) {
    std::smatch m;
    REQUIRE(std::regex_search(html, m, std::regex("name=\"csrf\" value=\"([A-Za-z0-9_.-]+)\"")));
    return m[1];
}

size_t count_of(const std::string& html, const std::string& part) {
    size_t n = 0;
    for (size_t at = html.find(part); at != std::string::npos; at = html.find(part, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("console tasks: the search key drops case and diacritics", "[console]") {
    CHECK(web::search_key("  Đẩy mạnh   CHUYỂN đổi số ") == "day manh chuyen doi so");
    CHECK(web::search_key("Xây dựng kế hoạch") == "xay dung ke hoach");
    CHECK(web::search_key("Xa\u0302y du\u031bng") == "xay dung");  // not NFC
    CHECK(web::search_key("II.5.13 – “Thủ tướng”") == "ii.5.13 – “thu tuong”");
}

TEST_CASE("console tasks: ages in words", "[console]") {
    const auto now = vietnam_time(*parse_iso_date("2026-10-15"), 9 * 60 + 30);
    CHECK(web::age_in_words(now - std::chrono::seconds(20), now) == "vừa xong");
    CHECK(web::age_in_words(now - std::chrono::minutes(5), now) == "5 phút trước");
    CHECK(web::age_in_words(now - std::chrono::hours(3), now) == "3 giờ trước");
    CHECK(web::age_in_words(now - std::chrono::hours(72), now) == "3 ngày trước");
}

TEST_CASE("console tasks: every new page sends a browser without a session to the login form", "[console]") {
    TasksFixture f;
    for (const std::string target : {"/quan-ly/nhiem-vu", "/quan-ly/nhiem-vu/1", "/quan-ly/tep/1-1",
                                     "/quan-ly/nhiem-vu?tim=x"}) {
        auto r = f.send("GET", target);
        CHECK(r.status == 303);
        CHECK(header_of(r, "Location") == "/quan-ly/dang-nhap");
    }
}

TEST_CASE("console tasks: the inbox lists what waits, with its age, escaped, within the account's plans",
          "[console]") {
    TasksFixture f;
    f.report_completion("I.3");
    const std::string cookie = f.log_in("ttv.stc");
    auto home = f.send("GET", "/quan-ly/", cookie);
    REQUIRE(home.status == 200);
    CHECK(header_of(home, "Content-Security-Policy") == web::console_page_policy());
    CHECK(home.body.find("<h1>Xin chào ttv.stc</h1>") != std::string::npos);
    CHECK(home.body.find("<p class=\"note\" id=\"pham-vi\">Việc cần xử lý trong các kế hoạch số 90/KH-UBND.</p>") !=
          std::string::npos);
    const std::string awaiting = "<li><a href=\"" + web::task_href(f.task_id("I.3")) + "\">I.3 – ";
    CHECK(home.body.find(awaiting) != std::string::npos);
    CHECK(home.body.find("<span class=\"age\">3 ngày trước</span><div class=\"meta\">Sở Tài chính báo cáo hoàn "
                         "thành ngày 10/10/2026, văn bản số 125/BC-STC&lt;b&gt; ngày 11/10/2026</div>") !=
          std::string::npos);
    CHECK(home.body.find("<b>") == std::string::npos);
    CHECK(home.body.find("Báo cáo hoàn thành chờ xác nhận <span class=\"count\">(1)</span>") != std::string::npos);
    CHECK(home.body.find("<a href=\"" + web::task_href(f.task_id("II.5.13")) + "\">II.5.13 – ") != std::string::npos);
    CHECK(home.body.find("<dt>Kế hoạch</dt><dd>Kế hoạch số 90/KH-UBND</dd>") != std::string::npos);

    // A monitor of another plan sees none of it.
    auto other = f.send("GET", "/quan-ly/", f.log_in("khac"));
    REQUIRE(other.status == 200);
    CHECK(other.body.find("Báo cáo hoàn thành chờ xác nhận <span class=\"count\">(0)</span>") != std::string::npos);
    CHECK(other.body.find("Nhiệm vụ chưa xác định thời hạn <span class=\"count\">(0)</span>") != std::string::npos);
}

TEST_CASE("console tasks: the list filters, searches and pages; a bad parameter is named", "[console]") {
    TasksFixture f;
    f.report_completion("I.3");
    const std::string cookie = f.log_in("ttv.stc");
    auto all = f.send("GET", "/quan-ly/nhiem-vu", cookie);
    REQUIRE(all.status == 200);
    CHECK(all.body.find("<p class=\"count\" id=\"so-nhiem-vu\">51 nhiệm vụ</p>") != std::string::npos);
    CHECK(count_of(all.body, "<li><a href=\"/quan-ly/nhiem-vu/") == 51);

    // No diacritics, another case: the same tasks as the words as written.
    auto plain = f.send("GET", "/quan-ly/nhiem-vu?tim=CO+CAU+LAI+VON", cookie);
    auto written = f.send("GET", "/quan-ly/nhiem-vu?tim=c%C6%A1%20c%E1%BA%A5u%20l%E1%BA%A1i%20v%E1%BB%91n", cookie);
    CHECK(plain.body.find("<p class=\"count\" id=\"so-nhiem-vu\">1 nhiệm vụ</p>") != std::string::npos);
    CHECK(plain.body.find(">II.5.13</strong>") != std::string::npos);
    CHECK(written.body.find("<p class=\"count\" id=\"so-nhiem-vu\">1 nhiệm vụ</p>") != std::string::npos);

    auto mine = f.send("GET", "/quan-ly/nhiem-vu?cho-xu-ly=1", cookie);
    CHECK(mine.body.find("<p class=\"count\" id=\"so-nhiem-vu\">1 nhiệm vụ</p>") != std::string::npos);
    CHECK(mine.body.find("<strong>I.3</strong>") != std::string::npos);
    CHECK(mine.body.find("<span class=\"flag\">Chờ xử lý</span>") != std::string::npos);

    auto undetermined = f.send("GET", "/quan-ly/nhiem-vu?nhom=undetermined", cookie);
    CHECK(undetermined.body.find("<strong>II.5.13</strong>") != std::string::npos);
    CHECK(undetermined.body.find("<strong>I.3</strong>") == std::string::npos);

    auto led = f.send("GET", "/quan-ly/nhiem-vu?chu-tri=S%E1%BB%9F%20T%C3%A0i%20ch%C3%ADnh&tim=II.5.13", cookie);
    CHECK(led.body.find("<p class=\"count\" id=\"so-nhiem-vu\">1 nhiệm vụ</p>") != std::string::npos);
    CHECK(led.body.find("<option value=\"Sở Tài chính\" selected>Sở Tài chính</option>") != std::string::npos);
    auto nobody = f.send("GET", "/quan-ly/nhiem-vu?chu-tri=Kh%C3%B4ng%20ai", cookie);
    CHECK(nobody.body.find("<p class=\"count\" id=\"so-nhiem-vu\">0 nhiệm vụ</p>") != std::string::npos);

    auto page2 = f.send("GET", "/quan-ly/nhiem-vu?trang=2", cookie);
    CHECK(page2.status == 200);
    CHECK(page2.body.find("Trang này không có nhiệm vụ nào; xin về trang đầu.") != std::string::npos);

    auto bad = f.send("GET", "/quan-ly/nhiem-vu?nhom=moi", cookie);
    CHECK(bad.status == 400);
    CHECK(bad.body.find("Tham số “nhom” (nhóm nhiệm vụ) không có giá trị “moi”; xin chọn trong danh sách.") !=
          std::string::npos);
    auto page0 = f.send("GET", "/quan-ly/nhiem-vu?trang=0", cookie);
    CHECK(page0.status == 400);
    CHECK(page0.body.find("Tham số “trang” (số trang) phải là một số nguyên dương.") != std::string::npos);
    auto long_search = f.send("GET", "/quan-ly/nhiem-vu?tim=" + std::string(201, 'a'), cookie);
    CHECK(long_search.status == 400);
    CHECK(long_search.body.find("Tham số “tim” dài quá 200 byte.") != std::string::npos);

    // Another plan's monitor sees no task of plan 90.
    auto other = f.send("GET", "/quan-ly/nhiem-vu", f.log_in("khac"));
    CHECK(other.body.find("<p class=\"count\" id=\"so-nhiem-vu\">0 nhiệm vụ</p>") != std::string::npos);
}

TEST_CASE("console tasks: one page of the selection, and the list's addresses", "[console]") {
    TasksFixture f;
    auto snapshot = f.snapshots->current();
    web::TaskListIndex index = web::build_task_list_index(*snapshot);
    Account admin;
    admin.role = AccountRole::admin;
    web::TaskListQuery query;
    auto first = web::select_tasks(*snapshot, index, query, admin);
    CHECK(first.total == 51);
    CHECK(first.pages == 1);
    CHECK(first.rows.size() == 51);
    query.page = 2;
    query.search = "ke hoach";
    auto second = web::select_tasks(*snapshot, index, query, admin);
    CHECK(second.rows.empty());
    CHECK(web::task_list_href(query) == "/quan-ly/nhiem-vu?tim=ke%20hoach&trang=2");
    CHECK(web::task_list_href(query, 1) == "/quan-ly/nhiem-vu?tim=ke%20hoach");

    // The plan three times over (153 tasks): two pages, of 100 and 53.
    auto big = std::make_shared<app::PlanSnapshot>(*snapshot);
    auto state = std::make_shared<app::PlanState>();
    state->names = std::make_unique<NameTable>(*snapshot->state->names);
    big->report.entries = {};
    for (int copy = 0; copy < 3; ++copy) {
        for (size_t i = 0; i < snapshot->state->tasks.size(); ++i) {
            state->tasks.push_back(snapshot->state->tasks[i]);
            state->tasks.mutable_at(state->tasks.size() - 1).id += copy * 1000;
            state->scheduled.push_back(snapshot->state->scheduled[i]);
            big->report.entries.push_back(snapshot->report.entries[i]);
        }
    }
    big->state = state;
    const web::TaskListIndex big_index = web::build_task_list_index(*big);
    web::TaskListQuery pages;
    auto one = web::select_tasks(*big, big_index, pages, admin);
    CHECK(one.total == 153);
    CHECK(one.pages == 2);
    CHECK(one.rows.size() == 100);
    CHECK(one.rows.front() == 0);
    pages.page = 2;
    auto two = web::select_tasks(*big, big_index, pages, admin);
    CHECK(two.rows.size() == 53);
    CHECK(two.rows.front() == 100);
    const std::string html = web::render_task_list(web::ConsoleFrame{"admin", "Quản trị", "t", {}}, *big, big_index,
                                                   pages, two, admin);
    CHECK(html.find("<p class=\"count\" id=\"so-nhiem-vu\">153 nhiệm vụ, trang 2/2</p>") != std::string::npos);
    CHECK(html.find("<a rel=\"prev\" href=\"/quan-ly/nhiem-vu\">‹ Trang trước</a>") != std::string::npos);
    CHECK(html.find("rel=\"next\"") == std::string::npos);

    // A filter by lead agency or plan walks that agency's or plan's tasks only, and finds what a scan of every
    // task finds, in task order.
    std::vector<size_t> led_by_finance;
    for (size_t i = 0; i < big->state->tasks.size(); ++i)
        for (const AgencyMention& lead : big->state->tasks[i].task.lead)
            if (lead.name == "Sở Tài chính") led_by_finance.push_back(i);
    CHECK(led_by_finance.size() == 3 * 20);
    web::TaskListQuery by_lead;
    by_lead.lead = "Sở Tài chính";
    CHECK(web::select_tasks(*big, big_index, by_lead, admin).rows == led_by_finance);
    by_lead.plan = "90/KH-UBND";
    CHECK(web::select_tasks(*big, big_index, by_lead, admin).rows == led_by_finance);
    by_lead.category = ReportCategory::in_progress;
    by_lead.search = "ke hoach";
    const auto narrowed = web::select_tasks(*big, big_index, by_lead, admin);
    for (const size_t i : narrowed.rows) {
        CHECK(big->report.entries[i].category == ReportCategory::in_progress);
        CHECK(big_index.titles->at(i).find("ke hoach") != std::string::npos);
    }
    CHECK(narrowed.total == narrowed.rows.size());
    CHECK(narrowed.total == 3);
    by_lead.plan = "1/KH-UBND";  // no such plan
    CHECK(web::select_tasks(*big, big_index, by_lead, admin).total == 0);
    web::TaskListQuery by_plan;
    by_plan.plan = "90/KH-UBND";
    by_plan.page = 2;
    const auto plan_page = web::select_tasks(*big, big_index, by_plan, admin);
    CHECK(plan_page.total == 153);
    CHECK(plan_page.rows.size() == 53);
    CHECK(plan_page.rows.front() == 100);
    Account elsewhere;
    elsewhere.role = AccountRole::monitor;
    elsewhere.plans = {"7/KH-UBND"};
    CHECK(web::select_tasks(*big, big_index, by_plan, elsewhere).total == 0);
    CHECK(web::select_tasks(*big, big_index, web::TaskListQuery{}, elsewhere).total == 0);

    // The next snapshot with the same titles shares their search keys; one with a title changed does not.
    auto next = std::make_shared<app::PlanSnapshot>(*big);
    auto next_state = std::make_shared<app::PlanState>();
    next_state->tasks = state->tasks;
    next_state->scheduled = state->scheduled;
    next->state = next_state;
    CHECK(web::build_task_list_index(*next, &big_index).titles == big_index.titles);
    next_state->tasks.mutable_at(7).task.title = "Đẩy mạnh";
    const web::TaskListIndex changed = web::build_task_list_index(*next, &big_index);
    CHECK(changed.titles != big_index.titles);
    CHECK(changed.titles->at(7) == web::search_key(next_state->tasks[7].task.code) + " day manh");
}

TEST_CASE("console tasks: the task page, its report file, and who may see and decide", "[console]") {
    TasksFixture f;
    const std::string pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
    auto stored = store_report_file(f.dir.path(), pdf, "../Báo cáo \"quý\"\r\n.pdf");
    REQUIRE(stored);
    const int64_t answer = f.report_completion("I.3", *stored);
    const int64_t id = f.task_id("I.3");
    const std::string cookie = f.log_in("ttv.stc");
    auto page = f.send("GET", web::task_href(id), cookie);
    REQUIRE(page.status == 200);
    CHECK(page.body.find("<h1>Nhiệm vụ I.3: ") != std::string::npos);
    CHECK(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt; xong") != std::string::npos);
    CHECK(page.body.find("<script") == std::string::npos);
    CHECK(page.body.find("Sở Tài chính (từ địa chỉ 198.51.100.4)") != std::string::npos);
    CHECK(page.body.find("<input type=\"hidden\" name=\"quyet-dinh\" value=\"xac-nhan\">") != std::string::npos);
    CHECK(page.body.find("<input type=\"hidden\" name=\"answer\" value=\"" + std::to_string(answer) + "\">") !=
          std::string::npos);
    CHECK(page.body.find("id=\"du-kien\"") != std::string::npos);
    CHECK(page.body.find("id=\"thu-da-gui\"") != std::string::npos);
    const std::string href = "/quan-ly/tep/" + std::to_string(id) + "-" + std::to_string(answer);
    CHECK(page.body.find("<a href=\"" + href + "\" download>") != std::string::npos);

    auto file = f.send("GET", href, cookie);
    REQUIRE(file.status == 200);
    CHECK(file.content_type == "application/pdf");
    CHECK(file.body == pdf);
    CHECK(header_of(file, "Content-Disposition") ==
          "attachment; filename=\"bao_cao_quy.pdf\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD.pdf");
    CHECK(header_of(file, "Cache-Control") == "no-store");
    CHECK(f.send("GET", "/quan-ly/tep/" + std::to_string(id) + "-" + std::to_string(answer + 1), cookie).status == 404);
    CHECK(f.send("GET", "/quan-ly/tep/x", cookie).status == 404);
    CHECK(f.send("GET", "/quan-ly/nhiem-vu/999999", cookie).status == 404);
    CHECK(f.send("GET", "/quan-ly/nhiem-vu/1x", cookie).status == 404);

    // A viewer sees the page without a form; another plan's monitor neither the page nor the file.
    auto viewer = f.send("GET", web::task_href(id), f.log_in("xem"));
    CHECK(viewer.status == 200);
    CHECK(viewer.body.find("quyet-dinh") == std::string::npos);
    const std::string other = f.log_in("khac");
    CHECK(f.send("GET", web::task_href(id), other).status == 403);
    CHECK(f.send("GET", href, other).status == 403);
}

TEST_CASE("console tasks: with public_dashboard = false the dashboard needs a console session", "[console]") {
    TasksFixture f("[console]\npublic_dashboard = false\n");
    auto refused = f.send("GET", "/");
    CHECK(refused.status == 303);
    CHECK(header_of(refused, "Location") == "/quan-ly/dang-nhap");
    auto in = f.send("POST", "/quan-ly/dang-nhap", "",
                     "name=xem&password=m%E1%BA%ADt%20kh%E1%BA%A9u%20%C4%91%C3%BAng%202026");
    const std::string set = header_of(in, "Set-Cookie");
    CHECK(set.substr(set.find(';')) == "; Path=/; HttpOnly; SameSite=Strict");
    auto shown = f.send("GET", "/", set.substr(0, set.find(';')));
    CHECK(shown.status == 200);
    // The calendar feeds keep their own rules.
    CHECK(f.send("GET", "/calendar/so-tai-chinh.ics").status == 200);

    TasksFixture open;
    CHECK(open.send("GET", "/").status == 200);
}

TEST_CASE("console tasks: decisions from the task page, their refusals, and who may take them", "[console]") {
    TasksFixture f;
    const int64_t answer = f.report_completion("I.3");
    const int64_t id = f.task_id("I.3");
    const std::string page = web::task_href(id);
    const std::string cookie = f.log_in("ttv.stc");
    const std::string csrf = csrf_of(f.send("GET", page, cookie).body);
    const std::string about = "&answer=" + std::to_string(answer);

    // Without the token, with a wrong one, from another site: refused, nothing decided.
    CHECK(f.send("POST", page, cookie, "quyet-dinh=xac-nhan" + about).status == 403);
    CHECK(f.send("POST", page, cookie, "quyet-dinh=xac-nhan" + about + "&csrf=" + std::string(45, 'A')).status == 403);
    // A viewer and a monitor of another plan may not decide.
    const std::string viewer = f.log_in("xem");
    const std::string viewer_csrf = csrf_of(f.send("GET", page, viewer).body);
    CHECK(f.send("POST", page, viewer, "quyet-dinh=xac-nhan" + about + "&csrf=" + viewer_csrf).status == 403);
    const std::string other = f.log_in("khac");
    const std::string other_csrf = csrf_of(f.send("GET", "/quan-ly/", other).body);
    CHECK(f.send("POST", page, other, "quyet-dinh=xac-nhan" + about + "&csrf=" + other_csrf).status == 403);

    // Returning it needs a reason: the form comes back with the field named and marked.
    auto no_reason = f.send("POST", page, cookie, "quyet-dinh=tra-lai" + about + "&reason=&csrf=" + csrf);
    CHECK(no_reason.status == 422);
    const std::string field = "tra-lai-" + std::to_string(answer) + "-reason";
    CHECK(no_reason.body.find("id=\"" + field + "\" name=\"reason\" maxlength=\"2000\" rows=\"2\" required "
                              "aria-invalid=\"true\" aria-describedby=\"" + field + "-loi\">") != std::string::npos);
    CHECK(no_reason.body.find("<p class=\"field-error\" id=\"" + field + "-loi\">") != std::string::npos);
    auto unknown = f.send("POST", page, cookie, "quyet-dinh=xoa&csrf=" + csrf);
    CHECK(unknown.status == 400);
    CHECK(unknown.body.find("Biểu mẫu không rõ loại quyết định (trường “quyet-dinh”).") != std::string::npos);

    // Confirmed: a 303 to the page with its banner; the history names the account; the inbox has it no more.
    auto confirmed = f.send("POST", page, cookie, "quyet-dinh=xac-nhan" + about + "&note=&csrf=" + csrf);
    REQUIRE(confirmed.status == 303);
    CHECK(header_of(confirmed, "Location") == page + "?xong=xac-nhan");
    auto after = f.send("GET", page + "?xong=xac-nhan", cookie);
    CHECK(after.body.find("<p class=\"notice\" role=\"status\" id=\"da-ghi-nhan\">Đã xác nhận hoàn thành.</p>") !=
          std::string::npos);
    CHECK(after.body.find("ttv.stc (trang quản lý)</div><div>Xác nhận báo cáo hoàn thành của Sở Tài chính") !=
          std::string::npos);
    CHECK(after.body.find("name=\"quyet-dinh\" value=\"xac-nhan\"") == std::string::npos);
    auto home = f.send("GET", "/quan-ly/", cookie);
    CHECK(home.body.find("Báo cáo hoàn thành chờ xác nhận <span class=\"count\">(0)</span>") != std::string::npos);
    // The same form again: the answer is decided already, told at the top of the page.
    auto again = f.send("POST", page, cookie, "quyet-dinh=xac-nhan" + about + "&csrf=" + csrf);
    CHECK(again.status == 422);
    CHECK(again.body.find("<p class=\"error\" role=\"alert\" id=\"loi\">") != std::string::npos);

    // A deadline for II.5.13: its reminders are planned.
    const std::string open = web::task_href(f.task_id("II.5.13"));
    CHECK(f.send("GET", open, cookie).body.find("Không có thông báo nào dự kiến gửi") != std::string::npos);
    auto past = f.send("POST", open, cookie, "quyet-dinh=dat-han&due=2026-10-01&csrf=" + csrf);
    CHECK(past.status == 422);
    CHECK(past.body.find("aria-describedby=\"dat-han-due-loi\"") != std::string::npos);
    auto set = f.send("POST", open, cookie, "quyet-dinh=dat-han&due=2026-12-31&note=Theo+v%C4%83n+b%E1%BA%A3n&csrf=" + csrf);
    REQUIRE(set.status == 303);
    auto planned = f.send("GET", open, cookie);
    CHECK(planned.body.find("<dt>Hạn hoàn thành</dt><dd>31/12/2026</dd>") != std::string::npos);
    CHECK(planned.body.find("Nhắc hạn trước 30 ngày") != std::string::npos);

    // Paused with its reason, then the page says so and offers to resume.
    CHECK(f.send("POST", open, cookie, "quyet-dinh=tam-dung&paused=1&note=&csrf=" + csrf).status == 422);
    REQUIRE(f.send("POST", open, cookie, "quyet-dinh=tam-dung&paused=1&note=Ch%E1%BB%9D&csrf=" + csrf).status == 303);
    auto paused = f.send("GET", open, cookie);
    CHECK(paused.body.find("đang tạm dừng.</p>") != std::string::npos);
    CHECK(paused.body.find("<button type=\"submit\" name=\"paused\" value=\"0\"") != std::string::npos);
    CHECK(paused.body.find("Không có thông báo nào dự kiến gửi") != std::string::npos);
}

namespace {

// The seconds of `date` at `hh:mm` in Vietnam.
int64_t vietnam_seconds(const char* date, int hours, int minutes = 0) {
    return vietnam_time(*parse_iso_date(date), hours * 60 + minutes).time_since_epoch().count();
}

// A notification of `key` planned at `due` with one delivery by email in `state`; its id.
int64_t add_message(Database& db, const std::string& key, int64_t due, const std::string& state,
                    const std::string& error = "", const char* cancelled_because = nullptr) {
    SQLite::Statement n(db.sql(),
                        "INSERT INTO notifications (key, kind, task_code, agency, due_at, created_at, subject, "
                        "cancelled_because) VALUES (?, 'reminder', 'I.3', 'Sở Tài chính', ?, ?, ?, ?)");
    n.bind(1, key);
    n.bind(2, due);
    n.bind(3, due);
    n.bind(4, "Nhắc việc " + key.substr(key.rfind('|') + 1));
    if (cancelled_because) n.bind(5, cancelled_because);
    else n.bind(5);
    n.exec();
    const int64_t id = db.sql().getLastInsertRowid();
    SQLite::Statement d(db.sql(),
                        "INSERT INTO deliveries (notification_id, agency, channel, address, state, attempts, "
                        "next_attempt_at, updated_at, last_error) VALUES (?, 'Sở Tài chính', 'email', "
                        "'stc@haiphong.example', ?, ?, ?, ?, ?)");
    d.bind(1, id);
    d.bind(2, state);
    d.bind(3, state == "sent" || state == "dead" ? 1 : 0);
    d.bind(4, due);
    d.bind(5, due + 60);
    d.bind(6, error);
    d.exec();
    return db.sql().getLastInsertRowid();
}

}  // namespace

TEST_CASE("console tasks: the task page lists cancelled messages, and when a message late was sent", "[console]") {
    TasksFixture f;
    const int64_t sent = add_message(*f.db, "90/KH-UBND/2026|I.3|-|reminder-3|x", vietnam_seconds("2026-10-13", 8),
                                     "sent");
    f.db->sql().exec("INSERT INTO delivery_attempts (delivery_id, started_at, finished_at, outcome, detail) VALUES (" +
                     std::to_string(sent) + ", " + std::to_string(vietnam_seconds("2026-10-13", 9, 14)) + ", " +
                     std::to_string(vietnam_seconds("2026-10-13", 9, 15)) + ", 'sent', '250 OK')");
    const std::string moved =
        "no longer planned for 2026-10-14T08:00:00+07:00: now planned for 2026-10-20T08:00:00+07:00";
    add_message(*f.db, "90/KH-UBND/2026|I.3|-|reminder-1|x", vietnam_seconds("2026-10-14", 8), "cancelled", moved,
                moved.c_str());
    add_message(*f.db, "90/KH-UBND/2026|I.4|-|reminder-1|x", vietnam_seconds("2026-10-14", 8), "cancelled",
                "task I.4 was marked done", "task I.4 was marked done");

    auto page = f.send("GET", web::task_href(f.task_id("I.3")), f.log_in("ttv.stc"));
    REQUIRE(page.status == 200);
    const size_t section = page.body.find("<section id=\"thu-da-gui\">");
    REQUIRE(section != std::string::npos);
    const std::string messages = page.body.substr(section, page.body.find("</section>", section) - section);
    CHECK(messages ==
          "<section id=\"thu-da-gui\">\n<h2>Thư đã gửi</h2>\n<ul class=\"items\">\n"
          "<li><span class=\"when\">08:00 14/10/2026</span> – Nhắc việc x<div class=\"meta\">Sở Tài chính – thư "
          "điện tử stc@haiphong.example · <span class=\"delivery\">đã hủy</span></div><p class=\"detail\">Không gửi "
          "vì thời điểm gửi đã đổi; nay dự kiến gửi lúc 08:00 20/10/2026.</p></li>\n"
          "<li><span class=\"when\">08:00 13/10/2026</span> <span class=\"sent\">(gửi lúc 09:15 13/10/2026)</span> – "
          "Nhắc việc x<div class=\"meta\">Sở Tài chính – thư điện tử stc@haiphong.example · <span "
          "class=\"delivery\">đã gửi (1 lần gửi)</span></div></li>\n</ul>\n");
}

TEST_CASE("console tasks: the inbox counts every dead delivery and lists the newest 100", "[console]") {
    TasksFixture f;
    for (int i = 0; i < 105; ++i)
        add_message(*f.db, "90/KH-UBND/2026|I.3|-|reminder-" + std::to_string(i) + "|x",
                    vietnam_seconds("2026-10-01", 8) + i * 60, "dead", "550 no such user");
    for (int i = 0; i < 2; ++i)
        add_message(*f.db, "99/KH-UBND/2026|I.1|-|reminder-" + std::to_string(i) + "|x",
                    vietnam_seconds("2026-10-01", 8) + i * 60, "dead", "550 no such user");

    auto home = f.send("GET", "/quan-ly/", f.log_in("ttv.stc"));
    REQUIRE(home.status == 200);
    CHECK(home.body.find("Thư không gửi được <span class=\"count\">(105)</span>") != std::string::npos);
    CHECK(home.body.find("<p class=\"note\">Và 5 mục khác.</p>") != std::string::npos);
    // The newest first: reminder-104 down to reminder-5.
    const size_t section = home.body.find("<section id=\"khong-gui-duoc\">");
    REQUIRE(section != std::string::npos);
    const std::string dead = home.body.substr(section, home.body.find("</section>", section) - section);
    size_t lines = 0;
    for (size_t at = dead.find("<li>"); at != std::string::npos; at = dead.find("<li>", at + 1)) ++lines;
    CHECK(lines == 100);
    CHECK(dead.find("Nhắc việc x") != std::string::npos);
    CHECK(dead.find("Gửi Sở Tài chính (stc@haiphong.example) không được: 550 no such user") != std::string::npos);

    auto other = f.send("GET", "/quan-ly/", f.log_in("khac"));
    REQUIRE(other.status == 200);
    CHECK(other.body.find("Thư không gửi được <span class=\"count\">(2)</span>") != std::string::npos);
    CHECK(other.body.find("mục khác") == std::string::npos);

    const auto got = dead_deliveries(*f.db, 3, {});
    REQUIRE(got);
    CHECK(got->total == 107);
    REQUIRE(got->newest.size() == 3);
    CHECK(got->newest[0].key == "90/KH-UBND/2026|I.3|-|reminder-104|x");
    CHECK(got->newest[1].key == "90/KH-UBND/2026|I.3|-|reminder-103|x");
    CHECK(got->newest[2].key == "90/KH-UBND/2026|I.3|-|reminder-102|x");
}

TEST_CASE("console tasks: a snapshot published lets go of the console's lists of the one before", "[console]") {
    TasksFixture f;
    const std::string cookie = f.log_in("ttv.stc");
    std::weak_ptr<const app::PlanSnapshot> first = f.snapshots->current();
    std::weak_ptr<const app::PlanState> first_state = first.lock()->state;
    REQUIRE(f.send("GET", "/quan-ly/", cookie).status == 200);
    auto list = f.send("GET", "/quan-ly/nhiem-vu?tim=ke+hoach", cookie);
    REQUIRE(list.status == 200);
    // The live state and the console's lists hold it.
    CHECK(first.use_count() == 2);

    // A decision's snapshot: the state copied, one task's status replaced.
    std::shared_ptr<const app::PlanSnapshot> second;
    {
        const auto current = first.lock();
        second = app::snapshot_with_status(*current, 0, current->state->scheduled[0].status, current->version);
    }
    f.snapshots->publish(second);
    CHECK(first.use_count() == 1);  // the console's lists only
    f.api->release_older(second);
    CHECK(first.expired());
    CHECK(first_state.expired());

    // The lists are made again for the new one, the same.
    auto again = f.send("GET", "/quan-ly/nhiem-vu?tim=ke+hoach", cookie);
    REQUIRE(again.status == 200);
    std::smatch count;
    REQUIRE(std::regex_search(list.body, count, std::regex("<p class=\"count\" id=\"so-nhiem-vu\">[^<]*</p>")));
    CHECK(again.body.find(count.str()) != std::string::npos);
    CHECK(f.send("GET", "/quan-ly/", cookie).status == 200);
    // Releasing for the snapshot the lists were made from keeps them.
    f.api->release_older(second);
    CHECK(second.use_count() == 3);  // this test, the live state, the console's lists
}

TEST_CASE("console tasks: /metrics counts the decisions recorded, by decision", "[console]") {
    TasksFixture f;
    const int64_t answer = f.report_completion("I.3");
    const std::string page = web::task_href(f.task_id("I.3"));
    const std::string open = web::task_href(f.task_id("II.5.13"));
    const std::string cookie = f.log_in("ttv.stc");
    const std::string csrf = csrf_of(f.send("GET", page, cookie).body);
    const auto decisions = [&] {
        const std::string body = f.send("GET", "/metrics").body;
        const size_t at = body.find("# HELP nhacviec_decisions_total");
        return at == std::string::npos ? std::string() : body.substr(at);
    };
    const std::string none =
        "# HELP nhacviec_decisions_total Decisions recorded in the console since the daemon started, by decision.\n"
        "# TYPE nhacviec_decisions_total counter\n"
        "nhacviec_decisions_total{decision=\"confirmed\"} 0\n"
        "nhacviec_decisions_total{decision=\"returned\"} 0\n"
        "nhacviec_decisions_total{decision=\"extension_approved\"} 0\n"
        "nhacviec_decisions_total{decision=\"extension_refused\"} 0\n"
        "nhacviec_decisions_total{decision=\"deadline_set\"} 0\n"
        "nhacviec_decisions_total{decision=\"status_set\"} 0\n"
        "nhacviec_decisions_total{decision=\"reminders_paused\"} 0\n"
        "nhacviec_decisions_total{decision=\"reminders_resumed\"} 0\n";
    CHECK(decisions() == none);

    // Refused forms count for nothing.
    CHECK(f.send("POST", page, cookie, "quyet-dinh=xac-nhan&answer=" + std::to_string(answer)).status == 403);
    CHECK(f.send("POST", open, cookie, "quyet-dinh=dat-han&due=2026-10-01&csrf=" + csrf).status == 422);
    CHECK(decisions() == none);

    REQUIRE(f.send("POST", page, cookie, "quyet-dinh=xac-nhan&answer=" + std::to_string(answer) + "&csrf=" + csrf)
                .status == 303);
    REQUIRE(f.send("POST", open, cookie, "quyet-dinh=dat-han&due=2026-12-31&csrf=" + csrf).status == 303);
    REQUIRE(f.send("POST", open, cookie, "quyet-dinh=tam-dung&paused=1&note=Ch%E1%BB%9D&csrf=" + csrf).status == 303);
    REQUIRE(f.send("POST", open, cookie, "quyet-dinh=tam-dung&paused=0&note=Ti%E1%BA%BFp&csrf=" + csrf).status == 303);
    REQUIRE(f.send("POST", open, cookie, "quyet-dinh=tam-dung&paused=1&note=L%E1%BA%A1i&csrf=" + csrf).status == 303);
    CHECK(decisions() ==
          "# HELP nhacviec_decisions_total Decisions recorded in the console since the daemon started, by decision.\n"
          "# TYPE nhacviec_decisions_total counter\n"
          "nhacviec_decisions_total{decision=\"confirmed\"} 1\n"
          "nhacviec_decisions_total{decision=\"returned\"} 0\n"
          "nhacviec_decisions_total{decision=\"extension_approved\"} 0\n"
          "nhacviec_decisions_total{decision=\"extension_refused\"} 0\n"
          "nhacviec_decisions_total{decision=\"deadline_set\"} 1\n"
          "nhacviec_decisions_total{decision=\"status_set\"} 0\n"
          "nhacviec_decisions_total{decision=\"reminders_paused\"} 2\n"
          "nhacviec_decisions_total{decision=\"reminders_resumed\"} 1\n");
}
