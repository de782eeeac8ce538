// The dashboard (daemon/web/dashboard.cpp) on the seed plan as of 15/10/2026,
// with the statuses of tests/status_report_test.cpp: the category table, the
// order of the tasks, the next notifications, the SVG timeline, escaping;
// well-formed HTML by tests/web/check_html.py, and the page as headless
// Chromium shows it by tests/web/dashboard_browser_test.py.
#include "web/dashboard.h"

#include "common/text.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_support.h"
#include "web_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;
using nlohmann::json;

namespace {

constexpr auto npos = std::string::npos;

// The values of attribute `name` on the elements whose start tag begins with `start`, in page order.
std::vector<std::string> attribute_values(const std::string& page, const std::string& start, const std::string& name) {
    std::vector<std::string> out;
    for (size_t at = page.find(start); at != npos; at = page.find(start, at + 1)) {
        const size_t end = page.find('>', at);
        const size_t value = page.find(name + "=\"", at);
        if (value == npos || value > end) continue;
        const size_t begin = value + name.size() + 2;
        out.push_back(page.substr(begin, page.find('"', begin) - begin));
    }
    return out;
}

// The row of the task table for task `code`.
std::string task_row(const std::string& page, const std::string& code) {
    const size_t at = page.find("<tr data-task=\"" + code + "\"");
    REQUIRE(at != npos);
    return page.substr(at, page.find("</tr>", at) + 5 - at);
}

// Runs tests/web/check_html.py on `page`; its complaints, one a line.
std::string html_errors(const std::string& page) {
    TempDir dir;
    write_file(dir / "page.html", page);
    const ProcessResult r = run_web_script("check_html.py", {(dir / "page.html").string()});
    INFO(r.err);
    CHECK((r.status == 0 || r.status == 1));
    return r.out;
}

std::string render(Seed& seed, std::chrono::sys_seconds now = kNow) {
    return web::render_dashboard(seed.state, seed.config, seed.calendar, now);
}

}  // namespace

TEST_CASE("the dashboard: the plan and the categories of the report", "[web]") {
    Statuses seed;
    const std::string page = render(seed);
    CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n", 0) == 0);
    CHECK(page.find("<title>Nhắc việc – Tình hình thực hiện nhiệm vụ đến ngày 15/10/2026</title>") != npos);
    CHECK(page.find("<p class=\"as-of\">Số liệu đến 09:30 ngày 15/10/2026 (giờ Việt Nam)</p>") != npos);
    CHECK(page.find("<li data-plan=\"90/KH-UBND\">Kế hoạch số <b>90/KH-UBND</b> ngày 20/03/2026 (năm 2026): 51 nhiệm "
                    "vụ</li>") != npos);
    // The counts and percentages of `nhacviec report --as-of 2026-10-15`, over the 13 tasks with a deadline;
    // each category links to the table of its tasks.
    const char* rows[] = {
        R"(<tr data-category="done_on_time" class="done-on-time"><th scope="row"><a href="./?category=done_on_time">Hoàn thành đúng hạn</a></th>)"
        R"(<td class="count">1</td><td class="percent">7,7%</td>)"
        R"(<td class="bar"><span style="width:7.7%"></span></td></tr>)",
        R"(<tr data-category="done_late" class="done-late"><th scope="row"><a href="./?category=done_late">Hoàn thành quá hạn</a></th>)"
        R"(<td class="count">1</td><td class="percent">7,7%</td>)",
        R"(<tr data-category="in_progress" class="in-progress"><th scope="row"><a href="./?category=in_progress">Đang thực hiện trong hạn</a></th>)"
        R"(<td class="count">9</td><td class="percent">69,2%</td>)",
        R"(<tr data-category="due_soon" class="due-soon"><th scope="row"><a href="./?category=due_soon">Sắp đến hạn</a></th>)"
        R"(<td class="count">0</td><td class="percent">0,0%</td>)",
        R"(<tr data-category="overdue" class="overdue"><th scope="row"><a href="./?category=overdue">Quá hạn</a></th>)"
        R"(<td class="count">2</td><td class="percent">15,4%</td>)",
        R"(<tr data-category="undetermined" class="undetermined"><th scope="row"><a href="./?category=undetermined">Chưa xác định thời hạn</a></th>)"
        R"(<td class="count">1</td><td class="percent">–</td><td class="bar"></td></tr>)",
        R"(<tr data-category="ongoing" class="ongoing"><th scope="row"><a href="./?category=ongoing">Không có hạn</a></th>)"
        R"(<td class="count">37</td><td class="percent">–</td>)",
        R"(<tr data-category="total"><th scope="row">Tổng số</th>)"
        R"(<td class="count">51</td><td class="percent" colspan="2">13 nhiệm vụ có thời hạn</td></tr>)",
    };
    size_t previous = 0;
    for (const char* row : rows) {
        INFO(row);
        const size_t at = page.find(row);
        CHECK(at != npos);
        CHECK(at > previous);  // in the report's order
        previous = at;
    }
    CHECK(html_errors(page) == "");
}

TEST_CASE("the dashboard: overdue tasks first, then due soon, in progress, undetermined, ongoing, done", "[web]") {
    Statuses seed;
    const std::string page = render(seed);
    const auto ids = attribute_values(page, "<tr data-task=", "data-task");
    REQUIRE(ids.size() == 51);
    // Overdue by 15 days each (document order), in progress by nearest deadline: 31/12/2026, 30/06/2027,
    // 31/12/2027, 31/12/2030; then the undetermined task, the 37 ongoing ones in document order, the two done.
    const std::vector<std::string> first(ids.begin(), ids.begin() + 14);
    CHECK(first == std::vector<std::string>{"II.4.1", "II.5.1", "I.7", "I.8", "II.5.12", "II.7.1", "II.7.2", "II.7.3",
                                            "II.5.14", "II.7.5", "II.7.6", "II.5.13", "I.1", "I.2"});
    CHECK(ids[49] == "I.3");
    CHECK(ids[50] == "II.1.1");

    CHECK(task_row(page, "II.4.1") ==
          "<tr data-task=\"II.4.1\" class=\"overdue\"><td class=\"id\">II.4.1</td><td class=\"title\"><span "
          "class=\"task-title\" title=\"Rà soát, sáp nhập, giải thể các quỹ ngoài ngân sách trùng lặp, kém hiệu quả, "
          "không phù hợp với yêu cầu phát triển; giảm đầu mồi để tăng quy mô, nâng cao hiệu quả sử dụng vốn của các "
          "quỹ; tăng cường kiểm tra, giám sát tình hình quản lý, sử dụng các quỹ. Xây dựng và thực hiện kế hoạch cải "
          "cách quỹ tài chính nhà nước ngoài ngân sách.\">Rà soát, sáp nhập, giải thể các quỹ ngoài ngân sách trùng "
          "lặp, kém hiệu quả, không phù hợ…</span></td><td class=\"lead\">Sở Tài chính</td><td class=\"deadline\">Quý "
          "III/2026</td>"
          "<td class=\"date\">30/09/2026</td><td class=\"state\"><span class=\"status\">Quá hạn 15 ngày</span></td>"
          "<td class=\"next\">30/10/2026 – Cảnh báo cấp 3</td></tr>");
    // Status and next notification of each kind of task.
    struct Case {
        const char* code;
        const char* cells;  // from the deadline to the end of the row
    };
    const Case cases[] = {
        // Waiting on its precondition: reminders still go out, escalations would not.
        {"I.7",
         "<td class=\"deadline\">Quý IV/2026</td><td class=\"date\">31/12/2026</td><td class=\"state\"><span "
         "class=\"status\">Đang thực hiện trong hạn: còn 77 ngày; chờ điều kiện thực hiện</span></td><td "
         "class=\"next\">01/12/2026 – Nhắc hạn (còn 30 ngày)</td></tr>"},
        {"II.7.1",
         "<td class=\"deadline\">Quý II năm 2027</td><td class=\"date\">30/06/2027</td><td class=\"state\">"
         "<span class=\"status\">Đang thực hiện trong hạn: còn 258 ngày</span></td><td class=\"next\">"
         "31/05/2027 – Nhắc hạn (còn 30 ngày)</td></tr>"},
        // A period: its yearly progress review comes first.
        {"II.5.14",
         "<td class=\"deadline\">Giai đoạn 2026 - 2030</td><td class=\"date\">31/12/2030</td><td "
         "class=\"state\"><span class=\"status\">Đang thực hiện trong hạn: còn 1538 ngày</span></td><td "
         "class=\"next\">17/12/2026 – Nhắc báo cáo năm 2026</td></tr>"},
        {"II.5.13",
         "<td class=\"deadline\">Trong từng giai đoạn</td><td class=\"date\">–</td><td class=\"state\">"
         "<span class=\"status\">Chưa xác định thời hạn</span></td><td class=\"next\">–</td></tr>"},
        {"I.1",
         "<td class=\"deadline\">Thường xuyên</td><td class=\"date\">kỳ tới: 31/12/2026</td><td "
         "class=\"state\"><span class=\"status\">Không có hạn – quý III/2026: báo cáo đúng hạn</span></td><td "
         "class=\"next\">17/12/2026 – Nhắc báo cáo quý IV/2026</td></tr>"},
        {"I.2", "<span class=\"status\">Không có hạn – quý III/2026: báo cáo muộn</span>"},
        {"I.4", "<span class=\"status\">Không có hạn – quý III/2026: chưa báo cáo</span>"},
        {"I.3",
         "<td class=\"deadline\">Quý I/2026</td><td class=\"date\">31/03/2026</td><td class=\"state\"><span "
         "class=\"status\">Hoàn thành đúng hạn (30/03/2026)</span></td><td class=\"next\">–</td></tr>"},
        {"II.1.1", "<span class=\"status\">Hoàn thành quá hạn (02/10/2026)</span></td><td class=\"next\">–</td></tr>"},
    };
    for (const auto& c : cases) {
        INFO(c.code);
        CHECK(task_row(page, c.code).find(c.cells) != npos);
    }
}

TEST_CASE("the dashboard: the next notification is the first one still to go out", "[web]") {
    Statuses seed;
    seed.task("II.1.1").status.overall = {};
    const auto next_of = [&](const char* code, std::chrono::sys_seconds now) {
        const std::string row = task_row(render(seed, now), code);
        const size_t at = row.find("<td class=\"next\">") + 17;
        return row.substr(at, row.find("</td>", at) - at);
    };
    const Date sept30 = d("2026-09-30"), oct1 = d("2026-10-01");
    CHECK(next_of("II.1.1", vietnam_time(sept30, 7 * 60)) == "30/09/2026 – Nhắc hạn (hôm nay đến hạn)");
    CHECK(next_of("II.1.1", vietnam_time(sept30, 9 * 60)) == "01/10/2026 – Cảnh báo cấp 1");
    CHECK(next_of("II.1.1", vietnam_time(oct1, 7 * 60 + 59)) == "01/10/2026 – Cảnh báo cấp 1");
    CHECK(next_of("II.1.1", vietnam_time(oct1, 8 * 60)) == "07/10/2026 – Cảnh báo cấp 2");  // 08:00: gone out
    // 7 days before 31/12/2026 is Thursday 24/12; 1 day before, 30/12.
    CHECK(next_of("I.8", vietnam_time(d("2026-12-20"), 9 * 60)) == "24/12/2026 – Nhắc hạn (còn 7 ngày)");
}

TEST_CASE("the dashboard: the SVG timeline by quarter, one row per lead agency", "[web]") {
    Statuses seed;
    const std::string page = render(seed);
    const size_t svg = page.find("<svg class=\"timeline\"");
    REQUIRE(svg != npos);
    const std::string timeline = page.substr(svg, page.find("</svg>", svg) + 6 - svg);

    std::vector<std::string> leads;
    for (const auto& row : seed.state.tasks)
        for (const auto& m : row.task.lead)
            if (std::find(leads.begin(), leads.end(), m.name) == leads.end()) leads.push_back(m.name);
    CHECK(leads.size() == 17);
    CHECK(attribute_values(timeline, "<g class=\"agency-row\"", "data-agency") == leads);

    // Eight quarters: the year is past its half.
    CHECK(timeline.find(">Quý I/2026</text>") != npos);
    CHECK(timeline.find(">Quý IV/2027</text>") != npos);
    CHECK(timeline.find("Quý I/2028") == npos);
    // Ten deadlines fall in 2026–2027 (one lead each), the three of 2030 do not.
    CHECK(attribute_values(timeline, "<circle class=\"mk ", "data-task") ==
          std::vector<std::string>{"I.3", "I.7", "I.8", "II.1.1", "II.4.1", "II.5.1", "II.5.12", "II.7.1", "II.7.2",
                                   "II.7.3"});
    CHECK(page.find("3 thời hạn nằm ngoài khoảng 01/01/2026 – 31/12/2027 không hiển thị.") != npos);
    // I.3: Sở Tài chính's row (the second), inside the column of Quý I/2026, green (done).
    CHECK(timeline.find("<circle class=\"mk done-on-time\" data-task=\"I.3\" cx=\"403\" cy=\"87.5\" r=\"5.5\"><title>"
                        "I.3 – hạn 31/03/2026: Hoàn thành đúng hạn (30/03/2026)</title></circle>") != npos);
    // The two overdue deadlines of Sở Tài chính on 30/09/2026, side by side in Quý III/2026.
    CHECK(timeline.find("<circle class=\"mk overdue\" data-task=\"II.4.1\" cx=\"643\" cy=\"87.5\" r=\"5.5\">") != npos);
    CHECK(timeline.find("<circle class=\"mk overdue\" data-task=\"II.5.1\" cx=\"631\" cy=\"87.5\" r=\"5.5\">") != npos);
    // A review date of the first row: 31/12/2026, for I.1 and I.2, in the lower lane.
    CHECK(timeline.find("<path class=\"rv\" d=\"M764 67l4.5 4.5l-4.5 4.5l-4.5 -4.5z\"><title>Hạn báo cáo 31/12/2026: "
                        "I.1, I.2</title></path>") != npos);
    // 30/09/2026: I.1's review is done but I.2's was late and is done too: green.
    CHECK(timeline.find("<title>Hạn báo cáo 30/09/2026: I.1, I.2</title>") != npos);
    CHECK(timeline.find("<path class=\"rv done\" d=\"M644 67") != npos);
    // Today: 15/10/2026, the middle of day 15 of the 92 of Quý IV/2026: 650 + 14.5 / 92 * 120.
    CHECK(timeline.find(
              "<line class=\"today\" x1=\"668.9\" y1=\"52\" x2=\"668.9\" y2=\"494\"/><text "
              "class=\"today-label\" x=\"668.9\" y=\"44\" text-anchor=\"middle\">Hôm nay 15/10/2026</text>") != npos);
}

TEST_CASE("the dashboard escapes every text", "[web]") {
    Statuses seed;
    const size_t i3 = *app::find_task(seed.state, "I.3", std::nullopt);
    seed.state.tasks.mutable_at(i3).task.title = "Lập \"kế hoạch\" <b>R&D</b> của 'Sở'";
    seed.state.tasks.mutable_at(i3).task.lead[0].name = "Sở <Tài> & \"chính\"";
    const std::string page = render(seed);
    CHECK(page.find("<span class=\"task-title\" title=\"Lập &quot;kế hoạch&quot; &lt;b&gt;R&amp;D&lt;/b&gt; của "
                    "&#39;Sở&#39;\">Lập &quot;kế hoạch&quot; &lt;b&gt;R&amp;D&lt;/b&gt; của &#39;Sở&#39;</span>") !=
          npos);
    CHECK(page.find("<td class=\"lead\">Sở &lt;Tài&gt; &amp; &quot;chính&quot;</td>") != npos);
    CHECK(page.find("<g class=\"agency-row\" data-agency=\"Sở &lt;Tài&gt; &amp; &quot;chính&quot;\">") != npos);
    CHECK(page.find("<b>R&D") == npos);
    CHECK(page.find("<Tài>") == npos);
    CHECK(html_errors(page) == "");
    CHECK(text::html_escape("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
}

TEST_CASE("the dashboard of an empty database", "[web]") {
    app::PlanState empty;
    const WorkingCalendar calendar;
    const std::string page = web::render_dashboard(empty, Config{}, calendar, kNow);
    CHECK(page.find("<p>Chưa có kế hoạch nào được nhập.</p>") != npos);
    CHECK(page.find("<td class=\"count\">0</td>") != npos);
    CHECK(html_errors(page) == "");
}

TEST_CASE("the dashboard in headless Chromium: no console error, the counts shown", "[web][browser]") {
    Statuses seed;
    TempDir dir;
    write_file(dir / "dashboard.html", render(seed));
    write_file(dir / "expected.json", json({{"done_on_time", 1},
                                            {"done_late", 1},
                                            {"in_progress", 9},
                                            {"due_soon", 0},
                                            {"overdue", 2},
                                            {"undetermined", 1},
                                            {"ongoing", 37},
                                            {"total", 51},
                                            {"tasks", 51},
                                            {"timeline_rows", 17},
                                            {"timeline_markers", 10}})
                                          .dump());
    const ProcessResult r = run_web_script(
        "dashboard_browser_test.py",
        {"file://" + (dir / "dashboard.html").string(), "--expect-json", (dir / "expected.json").string()});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    const json report = json::parse(r.out);
    CHECK(report["ok"] == true);
    CHECK(report["shown"]["first_tasks"] == json({"II.4.1", "II.5.1", "I.7", "I.8", "II.5.12"}));
    CHECK(report["shown"]["title"] == "Nhắc việc – Tình hình thực hiện nhiệm vụ đến ngày 15/10/2026");

    // And it notices when the page shows something else.
    const ProcessResult wrong = run_web_script(
        "dashboard_browser_test.py", {"file://" + (dir / "dashboard.html").string(), "--expect", "overdue=3"});
    CHECK(wrong.status == 1);
    CHECK(wrong.err.find("overdue (Quá hạn): shows '2', expected 3") != npos);
}

namespace {

// The seed with its statuses, and two copies of its tasks as plans 91/KH-UBND
// and 92/KH-UBND: 153 tasks, two pages of the task table.
struct ThreePlans : Statuses {
    ThreePlans() {
        const size_t n = state.tasks.size();
        for (const char* number : {"91/KH-UBND", "92/KH-UBND"}) {
            for (size_t i = 0; i < n; ++i) {
                StoredTask copy = state.tasks[i];
                copy.task.plan_number = number;
                ScheduledTask scheduled = state.scheduled[i];
                scheduled.plan_number = number;
                state.tasks.push_back(std::move(copy));
                state.scheduled.push_back(std::move(scheduled));
            }
        }
    }
};

web::DashboardPage page_for(ThreePlans& seed, const std::map<std::string, std::string>& parameters) {
    const auto index = web::build_dashboard_index(seed.state, seed.config, seed.calendar, vietnam_date(kNow));
    auto query = web::parse_dashboard_query(parameters);
    REQUIRE(query.ok());
    return web::render_dashboard(index, *query, kNow);
}

// The codes of the task table's rows, with the plan each row shows.
std::vector<std::string> row_codes(const std::string& page) {
    return attribute_values(page, "<tr data-task=", "data-task");
}

size_t count_of(const std::string& page, const std::string& needle) {
    size_t n = 0;
    for (size_t at = page.find(needle); at != npos; at = page.find(needle, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("the dashboard's query string: what is accepted and what is refused", "[web]") {
    using Q = std::map<std::string, std::string>;
    auto ok = web::parse_dashboard_query(Q{{"agency", "so-tai-chinh"}, {"category", "overdue"},
                                            {"plan", "90/KH-UBND"}, {"page", "3"}});
    REQUIRE(ok.ok());
    CHECK(ok->agency == "so-tai-chinh");
    CHECK(ok->category == ReportCategory::overdue);
    CHECK(ok->plan == "90/KH-UBND");
    CHECK(ok->page == 3);
    // Empty values, as the filter form sends for "all", mean no filter.
    auto empty = web::parse_dashboard_query(Q{{"agency", ""}, {"category", ""}, {"plan", ""}, {"page", ""}});
    REQUIRE(empty.ok());
    CHECK(empty->agency.empty());
    CHECK(!empty->category);
    CHECK(empty->page == 1);

    const std::vector<std::pair<Q, std::string>> refused = {
        {{{"page", "0"}}, "Tham số “page”: “0” không phải là số trang (1, 2, 3…)."},
        {{{"page", "-1"}}, "Tham số “page”: “-1” không phải là số trang (1, 2, 3…)."},
        {{{"page", "1000000000"}}, "Tham số “page”: “1000000000” không phải là số trang (1, 2, 3…)."},
        {{{"category", "late"}}, "Tham số “category”: không có tình trạng “late”."},
        {{{"sort", "title"}}, "Tham số “sort” không dùng cho trang này (chỉ có agency, category, plan, page)."},
    };
    for (const auto& [parameters, message] : refused) {
        const auto r = web::parse_dashboard_query(parameters);
        REQUIRE(!r.ok());
        CHECK(r.error().message == message);
    }
}

TEST_CASE("the dashboard pages the task table: 100 rows a page, in the order of the whole table", "[web]") {
    ThreePlans seed;
    const auto first = page_for(seed, {});
    const auto second = page_for(seed, {{"page", "2"}});
    REQUIRE(first.status == 200);
    REQUIRE(second.status == 200);
    const auto rows1 = row_codes(first.html), rows2 = row_codes(second.html);
    CHECK(rows1.size() == 100);
    CHECK(rows2.size() == 53);
    // Overdue first: the seed's two overdue tasks (as many days overdue), in task order, plan by plan.
    CHECK(std::vector<std::string>(rows1.begin(), rows1.begin() + 6) ==
          std::vector<std::string>{"II.4.1", "II.5.1", "II.4.1", "II.5.1", "II.4.1", "II.5.1"});
    CHECK(first.html.find("<p class=\"note shown\">Nhiệm vụ 1–100 trong 153 nhiệm vụ phù hợp.</p>") != npos);
    CHECK(second.html.find("<p class=\"note shown\">Nhiệm vụ 101–153 trong 153 nhiệm vụ phù hợp.</p>") != npos);
    CHECK(first.html.find("<span class=\"current\" aria-current=\"page\">Trang 1/2</span><a href=\"./?page=2\" "
                          "rel=\"next\">Trang sau ›</a>") != npos);
    CHECK(second.html.find("<a href=\"./\" rel=\"first\">« Trang đầu</a><a href=\"./\" rel=\"prev\">‹ Trang "
                           "trước</a><span class=\"current\" aria-current=\"page\">Trang 2/2</span>") != npos);
    // The category table counts every task, whatever the page.
    CHECK(task_row(second.html, "I.3").find("done-on-time") != npos);
    CHECK(first.html.find("<tr data-category=\"total\"><th scope=\"row\">Tổng số</th><td class=\"count\">153</td>") !=
          npos);
    // The timeline shows the tasks of the page only: done tasks come last, on page 2
    // (the legend has one such circle on each page).
    CHECK(count_of(first.html, "<circle class=\"mk done-") == 1);
    CHECK(count_of(second.html, "<circle class=\"mk done-") == 7);
    CHECK(html_errors(first.html) == "");
    CHECK(html_errors(second.html) == "");

    const auto past = page_for(seed, {{"page", "3"}});
    CHECK(past.status == 404);
    CHECK(past.html.find("<p class=\"error\">Không có trang 3: danh sách chỉ có 2 trang.</p>") != npos);
    CHECK(html_errors(past.html) == "");
}

TEST_CASE("the dashboard filters by category, plan and agency", "[web]") {
    ThreePlans seed;
    const auto overdue = page_for(seed, {{"category", "overdue"}});
    REQUIRE(overdue.status == 200);
    CHECK(row_codes(overdue.html) ==
          std::vector<std::string>{"II.4.1", "II.5.1", "II.4.1", "II.5.1", "II.4.1", "II.5.1"});
    CHECK(overdue.html.find("<option value=\"overdue\" selected>Quá hạn</option>") != npos);
    CHECK(overdue.html.find("<p class=\"note shown\">Nhiệm vụ 1–6 trong 6 nhiệm vụ phù hợp.</p>") != npos);
    CHECK(overdue.html.find("<nav class=\"pages\"") == npos);

    const auto plan = page_for(seed, {{"plan", "91/KH-UBND"}});
    REQUIRE(plan.status == 200);
    const auto plan_rows = row_codes(plan.html);
    CHECK(plan_rows.size() == 51);
    CHECK(count_of(plan.html, "<small>91/KH-UBND</small>") == 51);
    CHECK(plan.html.find("<tr data-category=\"total\"><th scope=\"row\">Tổng số</th><td class=\"count\">51</td>") !=
          npos);
    CHECK(plan.html.find("<tr data-category=\"overdue\" class=\"overdue\"><th scope=\"row\"><a "
                         "href=\"./?category=overdue&amp;plan=91%2FKH-UBND\">Quá hạn</a></th><td "
                         "class=\"count\">2</td>") != npos);

    // Sở Nội vụ leads or cooperates on 23 of the seed's tasks (23 rows of the plan's table name it).
    const auto agency = page_for(seed, {{"agency", "so-noi-vu"}, {"plan", "90/KH-UBND"}});
    REQUIRE(agency.status == 200);
    CHECK(row_codes(agency.html).size() == 23);
    CHECK(agency.html.find("<option value=\"so-noi-vu\" selected>Sở Nội vụ</option>") != npos);
    CHECK(html_errors(agency.html) == "");

    const auto unknown = page_for(seed, {{"agency", "so-khong-co"}});
    CHECK(unknown.status == 400);
    CHECK(unknown.html.find("<p class=\"error\">Tham số “agency”: không có cơ quan “so-khong-co” trong các kế "
                            "hoạch.</p>") != npos);
    const auto no_plan = page_for(seed, {{"plan", "1/KH-UBND"}});
    CHECK(no_plan.status == 400);
    CHECK(no_plan.html.find("<p class=\"error\">Tham số “plan”: không có kế hoạch số “1/KH-UBND”.</p>") != npos);
}
