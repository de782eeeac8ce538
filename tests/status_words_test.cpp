// A task's status in words, as the dashboard and the agency's page show it:
// the category, and the sub-states beside it (waiting on the precondition,
// a completion awaiting confirmation, open extension requests).
#include <catch2/catch.hpp>

#include "content/status_words.h"

using namespace nhacviec;

namespace {

Date d(const char* iso) { return *parse_iso_date(iso); }

}  // namespace

TEST_CASE("status in words: categories with their days or dates", "[status-words]") {
    ReportEntry e;
    e.category = ReportCategory::overdue;
    e.days = 12;
    CHECK(status_in_words(e) == "Quá hạn 12 ngày");
    e.category = ReportCategory::due_soon;
    e.days = 0;
    CHECK(status_in_words(e) == "Sắp đến hạn: hôm nay là ngày cuối");
    e.category = ReportCategory::done_on_time;
    e.done_on = d("2026-09-30");
    CHECK(status_in_words(e) == "Hoàn thành đúng hạn (30/09/2026)");
    e = ReportEntry{};
    e.category = ReportCategory::ongoing;
    e.review = ReviewOutcome::missing;
    e.review_period = "2026-Q3";
    CHECK(status_in_words(e) == "Không có hạn – quý III/2026: chưa báo cáo");
}

TEST_CASE("status in words: waiting, awaiting confirmation and extension requests", "[status-words]") {
    ReportEntry e;
    e.category = ReportCategory::overdue;
    e.days = 198;
    e.waiting = true;
    AwaitingConfirmation awaiting{1, "", "Sở Tài chính", d("2026-09-30"), "125/BC-STC", d("2026-10-01"), ""};
    e.awaiting = std::make_shared<const AwaitingConfirmation>(awaiting);
    CHECK(status_in_words(e) ==
          "Quá hạn 198 ngày; chờ điều kiện thực hiện; đã báo cáo hoàn thành ngày 30/09/2026, chờ xác nhận");
    e.waiting = false;
    awaiting.period = "2026-Q3";
    e.awaiting = std::make_shared<const AwaitingConfirmation>(awaiting);
    e.extensions.push_back(OpenExtension{2, "", "Sở Tài chính", d("2027-06-30"), "Chờ số liệu", ""});
    CHECK(status_in_words(e) == "Quá hạn 198 ngày; quý III/2026 đã báo cáo hoàn thành ngày 30/09/2026, chờ xác nhận; "
                                "đề nghị gia hạn đến ngày 30/06/2027, chờ duyệt");
    e.awaiting.reset();
    e.extensions.push_back(OpenExtension{3, "2026-Q4", "Sở Tài chính", d("2027-01-31"), "Chờ số liệu", ""});
    CHECK(status_in_words(e) == "Quá hạn 198 ngày; 2 đề nghị gia hạn chờ duyệt");
}

TEST_CASE("status in words: a recorded status", "[status-words]") {
    CHECK(work_status_in_words(StatusEntry{WorkStatus::not_started, {}, "", "", ""}) == "chưa bắt đầu");
    CHECK(work_status_in_words(StatusEntry{WorkStatus::waiting, {}, "", "", ""}) == "chờ điều kiện thực hiện");
    CHECK(work_status_in_words(StatusEntry{WorkStatus::done, d("2026-10-01"), "", "", ""}) ==
          "đã hoàn thành ngày 01/10/2026");
}
