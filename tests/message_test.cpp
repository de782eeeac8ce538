// Messages rendered from the built-in templates for notifications of the seed plan.
#include "content/message_templates.h"

#include <catch2/catch.hpp>

#include "content/digest_context.h"
#include "content/notification_context.h"
#include "seed_fixture.h"
#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;

namespace {

Date d(const char* iso) { return *parse_iso_date(iso); }

// The seed plan's notifications over a window, with the built-in templates.
struct Rendered : Seed {
    MessageTemplates templates = *MessageTemplates::load_embedded();

    // The message of the notification with this key, planned in [from, to].
    Message message(const std::string& key, Date from, Date to) {
        const Timeline t = plan_timeline(state.scheduled, *state.names, state.roles, config.schedule, calendar, from, to);
        for (const auto& n : t.items) {
            if (t.key(n) != key) continue;
            const Task& task = state.tasks[static_cast<size_t>(n.task)].task;
            return templates.render(n.kind, notification_context(t, n, task, config.schedule, calendar,
                                                                 directory.roles().monitoring));
        }
        FAIL("no notification " << key);
        return {};
    }
};

}  // namespace

TEST_CASE("the reminder of I.3, seven days before its deadline", "[content]") {
    Rendered r;
    const Message m = r.message("90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính", d("2026-03-24"), d("2026-03-24"));
    CHECK(m.subject == "[Nhắc việc] Nhiệm vụ I.3 – hạn 31/03/2026 (còn 7 ngày)");
    CHECK(m.text == R"(Kính gửi: Sở Tài chính
Đồng gửi: Các Sở, ban, ngành thành phố; UBND xã, phường, đặc khu

Thực hiện Kế hoạch số 90/KH-UBND ngày 20/03/2026, Sở Tài chính được giao chủ trì nhiệm vụ sau:

Nhiệm vụ I.3: Xây dựng kế hoạch thực hiện trên cơ sở rà soát các chương trình, kế hoạch thực hiện các Nghị quyết của Đảng, Chương trình hành động của Chính phủ liên quan đến phát triển kinh tế nhà nước để điều chỉnh đồng bộ thống nhất.
Sản phẩm: Kế hoạch thực hiện
Thời hạn: Quý I/2026 (đến hết ngày 31/03/2026)
Còn 7 ngày đến hạn hoàn thành.
Cơ quan chủ trì: Sở Tài chính
Cơ quan phối hợp: Các Sở, ban, ngành thành phố; UBND xã, phường, đặc khu

Đề nghị đơn vị khẩn trương triển khai, hoàn thành đúng thời hạn và báo cáo kết quả về Sở Tài chính (cơ quan theo dõi, đôn đốc thực hiện Kế hoạch).

--
Thư nhắc việc tự động của hệ thống nhắc việc nhacviec. Số tham chiếu: NV-MSK91-C1W64
)");
    CHECK(m.html.rfind("<p>Kính gửi: <b>Sở Tài chính</b><br>Đồng gửi: Các Sở, ban, ngành thành phố; UBND xã, phường, "
                       "đặc khu</p>\n",
                       0) == 0);
    CHECK(m.html.find("<tr><th align=\"left\">Thời hạn</th><td>Quý I/2026 (đến hết ngày 31/03/2026): <b>còn 7 ngày</b>"
                      "</td></tr>\n") != std::string::npos);
}

TEST_CASE("on the due day, the reminder says it is the last day", "[content]") {
    Rendered r;
    const Message m = r.message("90/KH-UBND/2026|I.3|-|reminder-0|Sở Tài chính", d("2026-03-31"), d("2026-03-31"));
    CHECK(m.subject == "[Nhắc việc] Nhiệm vụ I.3 – hạn 31/03/2026 (hôm nay đến hạn)");
    CHECK(m.text.find("Thời hạn: Quý I/2026 (đến hết ngày 31/03/2026)\nHôm nay là ngày cuối cùng của thời hạn.\n") !=
          std::string::npos);
}

TEST_CASE("a reminder carries the task's precondition", "[content]") {
    Rendered r;
    const Message m = r.message("90/KH-UBND/2026|I.7|-|reminder-30|Sở Nội vụ", d("2026-12-01"), d("2026-12-01"));
    CHECK(m.subject == "[Nhắc việc] Nhiệm vụ I.7 – hạn 31/12/2026 (còn 30 ngày)");
    CHECK(m.text.find("\nĐiều kiện thực hiện: sau khi cấp có thẩm quyền ban hành chính sách cụ thể\n") !=
          std::string::npos);
    CHECK(m.html.find("<tr><th align=\"left\">Điều kiện thực hiện</th><td>sau khi cấp có thẩm quyền ban hành chính "
                      "sách cụ thể</td></tr>") != std::string::npos);
}

TEST_CASE("escalations step up their wording by level", "[content]") {
    Rendered r;
    const std::string key = "90/KH-UBND/2026|II.1.1|-|escalation-";
    const Message level1 = r.message(key + "1|Sở Nông nghiệp và Môi trường", d("2026-10-01"), d("2026-10-01"));
    const Message level2 = r.message(key + "2|Sở Nông nghiệp và Môi trường", d("2026-10-07"), d("2026-10-07"));
    const Message level3 = r.message(key + "3.1|Sở Nông nghiệp và Môi trường", d("2026-10-30"), d("2026-10-30"));
    CHECK(level1.subject == "[Quá hạn] Nhiệm vụ II.1.1 quá hạn 1 ngày");
    CHECK(level2.subject == "[Quá hạn – báo cáo Văn phòng UBND] Nhiệm vụ II.1.1 quá hạn 7 ngày");
    CHECK(level3.subject == "[Quá hạn kéo dài – báo cáo Lãnh đạo UBND] Nhiệm vụ II.1.1 quá hạn 30 ngày");
    CHECK(level1.text.find("Đồng gửi: Sở Tài chính; Trung tâm Phát triển quỹ đất thành phố\n") != std::string::npos);
    CHECK(level1.text.find("\nĐề nghị Sở Nông nghiệp và Môi trường khẩn trương hoàn thành nhiệm vụ và báo cáo kết quả, "
                           "nêu rõ lý do chậm trễ, về Sở Tài chính.\n") != std::string::npos);
    CHECK(level2.text.find("thông báo này được gửi đồng thời Văn phòng UBND thành phố.") != std::string::npos);
    CHECK(level2.text.find("Đồng gửi: Sở Tài chính; Trung tâm Phát triển quỹ đất thành phố; Văn phòng UBND thành "
                           "phố\n") != std::string::npos);
    CHECK(level3.text.find("Đề nghị người đứng đầu Sở Nông nghiệp và Môi trường trực tiếp chỉ đạo") != std::string::npos);
    CHECK(level1.text.find("Lãnh đạo") == std::string::npos);
}

TEST_CASE("a review reminder names its period in words", "[content]") {
    Rendered r;
    const Message m = r.message("90/KH-UBND/2026|I.1|2026-Q3|review-14|Sở Văn hóa, Thể thao và Du lịch",
                                d("2026-09-16"), d("2026-09-16"));
    CHECK(m.subject == "[Nhắc báo cáo định kỳ] Nhiệm vụ I.1 – quý III/2026, hạn báo cáo 30/09/2026");
    CHECK(m.text.find("\nHạn báo cáo quý III/2026: ngày 30/09/2026 (còn 14 ngày)\n") != std::string::npos);
    CHECK(period_in_words(*parse_period("2027-H1")) == "6 tháng đầu năm 2027");
    CHECK(period_in_words(*parse_period("2027-H2")) == "6 tháng cuối năm 2027");
    CHECK(period_in_words(*parse_period("2027")) == "năm 2027");
    CHECK(period_in_words(*parse_period("2026-07")) == "tháng 7/2026");
}

TEST_CASE("templates from a folder: the city's wording, and errors with file and line", "[content]") {
    TempDir dir;
    for (const char* kind : {"reminder", "review", "escalation", "digest"}) {
        write_file(dir / (std::string(kind) + ".subject.txt"), "Nhắc {{task.code}}");
        write_file(dir / (std::string(kind) + ".txt"), "Gửi {{to}}");
        write_file(dir / (std::string(kind) + ".html"), "<p>{{to}}</p>");
    }
    auto templates = MessageTemplates::load_folder(dir.path());
    REQUIRE(templates.ok());
    const nlohmann::json context = {{"task", {{"code", "I.3"}}}, {"to", "Sở <Tài> chính"}};
    const Message m = templates->render(NotificationKind::reminder, context);
    CHECK(m.subject == "Nhắc I.3");
    CHECK(m.text == "Gửi Sở <Tài> chính");
    CHECK(m.html == "<p>Sở &lt;Tài&gt; chính</p>");

    write_file(dir / "review.txt", "Gửi {{to}}\n{{#precondition}}\nĐiều kiện\n");
    auto broken = MessageTemplates::load_folder(dir.path());
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().message == (dir / "review.txt").string() + ":2: unclosed {{#precondition}}");

    std::filesystem::remove(dir / "escalation.html");
    write_file(dir / "review.txt", "Gửi {{to}}");
    auto missing = MessageTemplates::load_folder(dir.path());
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == (dir / "escalation.html").string() + ": cannot open: No such file or directory");
}

TEST_CASE("the weekly digest of the seed", "[content]") {
    Rendered r;
    const auto digest = [&](const char* day, const std::vector<UndeliverableNotice>& failed) {
        const Timeline t = plan_timeline(r.state.scheduled, *r.state.names, r.state.roles, r.config.schedule,
                                         r.calendar, d(day), d(day));
        for (const auto& n : t.items)
            if (n.kind == NotificationKind::digest)
                return r.templates.render(n.kind, digest_context(t, n, r.state.tasks, r.state.scheduled,
                                                                 r.config.schedule, r.calendar, failed));
        FAIL("no digest on " << day);
        return Message{};
    };
    // Monday 5 October 2026: I.3 is long overdue, II.1.1, II.4.1 and II.5.1 five days; nothing is due within
    // 30 days.
    const Message m = digest("2026-10-05", {{"Sở Ngoại vụ", "[Nhắc việc] Nhiệm vụ I.3", "không có địa chỉ"}});
    CHECK(m.subject == "[Tổng hợp tuần] Tình hình thực hiện nhiệm vụ đến ngày 05/10/2026: 4 nhiệm vụ quá hạn");
    CHECK(m.text.rfind("Kính gửi: Văn phòng UBND thành phố\nĐồng gửi: Sở Tài chính\n\n"
                       "TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐẾN NGÀY 05/10/2026\n"
                       "Tổng số 51 nhiệm vụ, 13 nhiệm vụ có thời hạn.\n\n"
                       "- Hoàn thành đúng hạn: 0 (0,0%)\n- Hoàn thành quá hạn: 0 (0,0%)\n"
                       "- Đang thực hiện trong hạn: 9 (69,2%)\n- Sắp đến hạn: 0 (0,0%)\n- Quá hạn: 4 (30,8%)\n"
                       "- Chưa xác định thời hạn: 1\n- Không có hạn: 37\n\nNHIỆM VỤ QUÁ HẠN\n- I.3 (Sở Tài chính): ",
                       0) == 0);
    CHECK(m.text.find("– hạn 31/03/2026, quá hạn 188 ngày\n") != std::string::npos);
    CHECK(m.text.find("\n- II.1.1 (Sở Nông nghiệp và Môi trường): Rà soát chính xác các loại đất") != std::string::npos);
    CHECK(m.text.find("– hạn 30/09/2026, quá hạn 5 ngày\n") != std::string::npos);
    CHECK(m.text.find("\nBÁO CÁO ĐỊNH KỲ ĐẾN HẠN TRONG QUÝ\n- I.1 (Sở Văn hóa, Thể thao và Du lịch): báo cáo quý "
                      "IV/2026, hạn 31/12/2026\n") != std::string::npos);
    CHECK(m.text.find("\nNHIỆM VỤ CHƯA XÁC ĐỊNH THỜI HẠN\n- II.5.13 (Sở Tài chính): ") != std::string::npos);
    CHECK(m.text.find("– \"Trong từng giai đoạn\"\n") != std::string::npos);
    CHECK(m.text.find("\nTHÔNG BÁO KHÔNG GỬI ĐƯỢC\n- Sở Ngoại vụ: [Nhắc việc] Nhiệm vụ I.3 (không có địa chỉ)\n") !=
          std::string::npos);
    CHECK(m.text.find("NHIỆM VỤ ĐẾN HẠN TRONG 30 NGÀY TỚI") == std::string::npos);
    // Each heading once, whatever the length of its list.
    for (const char* heading : {"NHIỆM VỤ QUÁ HẠN\n", "BÁO CÁO ĐỊNH KỲ ĐẾN HẠN TRONG QUÝ\n",
                                "NHIỆM VỤ CHƯA XÁC ĐỊNH THỜI HẠN\n", "THÔNG BÁO KHÔNG GỬI ĐƯỢC\n"}) {
        INFO(heading);
        CHECK(m.text.find(heading) == m.text.rfind(heading));
    }
    // The whole text, as reviewed: tests/data/digest-2026-10-05.txt.
    CHECK(m.text == read_file(source_dir() / "tests/data/digest-2026-10-05.txt"));
    for (const char* heading : {"<h3>Nhiệm vụ quá hạn</h3>", "<h3>Báo cáo định kỳ đến hạn trong quý</h3>",
                                "<h3>Nhiệm vụ chưa xác định thời hạn</h3>", "<h3>Thông báo không gửi được</h3>"}) {
        INFO(heading);
        REQUIRE(m.html.find(heading) != std::string::npos);
        CHECK(m.html.find(heading) == m.html.rfind(heading));
    }
    CHECK(m.text.find("Không có nhiệm vụ quá hạn") == std::string::npos);
    CHECK(m.html.find("<tr><td>Quá hạn</td><td align=\"right\">4</td><td align=\"right\">30,8%</td></tr>") !=
          std::string::npos);
    CHECK(m.html.find("<tr><td>II.5.1</td><td>Sở Tài chính</td>") != std::string::npos);

    // Three weeks before the end of the year, the Q4 deadlines are within 30 days.
    const Message december = digest("2026-12-07", {});
    CHECK(december.text.find("\nNHIỆM VỤ ĐẾN HẠN TRONG 30 NGÀY TỚI\n- I.7 (Sở Nội vụ): ") != std::string::npos);
    CHECK(december.text.find("– hạn 31/12/2026, còn 24 ngày\n") != std::string::npos);
}

TEST_CASE("a digest with nothing to report says so", "[content]") {
    Rendered r;
    // Every task done: only the counts and the all-clear line remain.
    ScheduledTasks done;
    for (ScheduledTask task : r.state.scheduled) {
        if (task.deadline.kind == DeadlineKind::undetermined) continue;
        task.status.overall.status = WorkStatus::done;
        task.status.overall.done_on = d("2026-03-25");
        done.push_back(std::move(task));
    }
    r.state.scheduled = std::move(done);
    // Keep tasks and scheduled tasks aligned: drop II.5.13 from both.
    StoredTaskRows kept;
    for (const StoredTask& t : r.state.tasks)
        if (t.task.code != "II.5.13") kept.push_back(t);
    r.state.tasks = std::move(kept);
    const Timeline t = plan_timeline(r.state.scheduled, *r.state.names, r.state.roles, r.config.schedule, r.calendar,
                                     d("2026-10-05"), d("2026-10-05"));
    REQUIRE(t.items.size() == 1);
    const Message m = r.templates.render(
        NotificationKind::digest,
        digest_context(t, t.items[0], r.state.tasks, r.state.scheduled, r.config.schedule, r.calendar, {}));
    CHECK(m.subject == "[Tổng hợp tuần] Tình hình thực hiện nhiệm vụ đến ngày 05/10/2026");
    CHECK(m.text.find("\nKhông có nhiệm vụ quá hạn, sắp đến hạn, chưa xác định thời hạn hay thông báo không gửi "
                      "được.\n") != std::string::npos);
    CHECK(m.html.find("<p>Không có nhiệm vụ quá hạn") != std::string::npos);
}
