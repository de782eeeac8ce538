// The API's one-task answer (web/api.cpp): answered again from the bytes it
// made for the same snapshot and day, and made again for a new status or a
// new day.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "api_fixture.h"

namespace nhacviec {
namespace {

using testing::ApiFixture;

constexpr const char* kAdmin = "Bearer admin-token-0123456789";

nlohmann::json task_of(ApiFixture& f, const std::string& code) {
    const HttpResponse r = f.handle("GET", "/api/tasks/" + code, "", "");
    REQUIRE(r.status == 200);
    REQUIRE(r.content_type == "application/json");
    return nlohmann::json::parse(r.bytes());
}

}  // namespace

TEST_CASE("one task's JSON follows status changes and the day", "[api-task]") {
    ApiFixture f;
    const HttpResponse first = f.handle("GET", "/api/tasks/I.1", "", "");
    const HttpResponse again = f.handle("GET", "/api/tasks/I.1", "", "");
    CHECK(first.bytes() == again.bytes());
    CHECK(first.bytes().back() == '\n');
    CHECK(task_of(f, "I.1")["deadline"]["next_review"] == "2026-12-31");
    CHECK(task_of(f, "I.3")["status"]["state"] == "not_started");

    // A status posted through the API: the next GET shows it.
    const HttpResponse posted =
        f.handle("POST", "/api/tasks/I.3/status", kAdmin, R"({"action": "done", "date": "2026-10-14"})");
    REQUIRE(posted.status == 200);
    CHECK(task_of(f, "I.3")["status"]["state"] == "done");
    CHECK(task_of(f, "I.3")["status"]["done_on"] == "2026-10-14");

    // Another day: the next review moves on.
    f.clock.set(vietnam_time(*parse_iso_date("2027-01-04"), 9 * 60));
    CHECK(task_of(f, "I.1")["deadline"]["next_review"] == "2027-03-31");
}

}  // namespace nhacviec

namespace nhacviec {

TEST_CASE("which requests may write to the database", "[api-task]") {
    struct Case {
        const char* method;
        const char* target;
        bool writes;
    };
    const Case cases[] = {
        {"GET", "/api/tasks/I.3", false},             // a task, from memory
        {"HEAD", "/", false},                         // the dashboard
        {"GET", "/calendar/private/abc.ics", false},  // a secret feed (read off the loop)
        {"GET", "/tra-loi/abc?ghi-nhan=1", false},    // the agency's page reads only
        {"GET", "/quan-ly/", true},                   // the console renews its session
        {"GET", "/quan-ly", true},
        {"GET", "/%71uan-ly/", true},                 // an escape that decodes to the console
        {"GET", "/?q=%20", false},                    // escapes in the query only
        {"POST", "/api/tasks/I.3/status", true},      // a status change
        {"PUT", "/", true},                           // any other method
    };
    for (const Case& c : cases) {
        HttpRequest request;
        request.method = c.method;
        request.target = c.target;
        INFO(c.method << " " << c.target);
        CHECK(Api::may_write(request) == c.writes);
    }
}

}  // namespace nhacviec
