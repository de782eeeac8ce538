// The iCalendar feed of an agency (daemon/web/ics_feed.cpp) on the seed plan:
// slugs, the exact events, recurrence rules, folding and escaping, and every
// agency's feed checked and expanded by Python's icalendar and dateutil
// (tests/web/validate_ics.py), as calendar clients read it.
#include "web/ics_feed.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "test_support.h"
#include "web_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;
using nlohmann::json;

namespace {

// The calendar of `agency` as of kNow.
std::string calendar_of(Seed& seed, std::string_view agency) {
    auto feed = web::agency_calendar(seed.state, seed.config, seed.directory, seed.calendar, agency, kNow);
    REQUIRE(feed.ok());
    return *feed;
}

// The physical text of the VEVENT with this UID, from BEGIN to END and its CRLF.
std::string event_text(const std::string& ics, const std::string& uid) {
    const size_t at = ics.find("\r\nUID:" + uid + "\r\n");
    REQUIRE(at != std::string::npos);
    const size_t begin = ics.rfind("BEGIN:VEVENT\r\n", at);
    const size_t end = ics.find("END:VEVENT\r\n", at);
    return ics.substr(begin, end + 12 - begin);
}

// RFC 5545 unfolding: CRLF followed by a space disappears.
std::string unfolded(std::string text) {
    for (size_t at; (at = text.find("\r\n ")) != std::string::npos;) text.erase(at, 3);
    return text;
}

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// Runs tests/web/validate_ics.py on `files`; the parsed report, after checking that it found no error.
json validated(const std::vector<std::string>& files) {
    const ProcessResult r = run_web_script("validate_ics.py", files);
    INFO(r.err);
    REQUIRE(r.status == 0);
    return json::parse(r.out);
}

}  // namespace

TEST_CASE("agency slugs: lower-case ASCII words joined by '-'", "[web]") {
    struct Case {
        std::string name;
        std::string slug;
    };
    const Case cases[] = {
        {"Sở Tài chính", "so-tai-chinh"},                        // diacritics removed
        {"UBND xã, phường, đặc khu", "ubnd-xa-phuong-dac-khu"},  // punctuation is a separator; đ → d
        {"Sở Văn hóa, Thể thao và Du lịch", "so-van-hoa-the-thao-va-du-lich"},
        {"Ngân hàng Nhà nước Việt Nam - Chi nhánh Khu vực 6", "ngan-hang-nha-nuoc-viet-nam-chi-nhanh-khu-vuc-6"},
        {"Doanh nghiệp do UBND thành phố nắm giữ từ 50% vốn", "doanh-nghiep-do-ubnd-thanh-pho-nam-giu-tu-50-von"},
        {"So\u031B\u0309 Ta\u0300i chi\u0301nh", "so-tai-chinh"},  // decomposed (NFD) input
        {"  ĐỒ SƠN – Đặc khu  ", "do-son-dac-khu"},                // capitals, dashes, spaces at the ends
        {"so-tai-chinh", "so-tai-chinh"},                          // a slug is its own slug
        {"– … –", ""},                                             // nothing left
    };
    for (const auto& c : cases) {
        INFO(c.name);
        CHECK(web::agency_slug(c.name) == c.slug);
    }
}

TEST_CASE("Sở Tài chính's calendar: the deadline of I.3, exactly", "[web]") {
    Statuses seed;
    const std::string ics = calendar_of(seed, "so-tai-chinh");
    CHECK(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//nhacviec//nhacviec//VI\r\nCALSCALE:GREGORIAN\r\n"
                    "METHOD:PUBLISH\r\nX-WR-CALNAME:Nhắc việc – Sở Tài chính\r\n",
                    0) == 0);
    CHECK(unfolded(ics).find("\r\nX-WR-TIMEZONE:Asia/Ho_Chi_Minh\r\n") != std::string::npos);
    CHECK(ics.size() >= 15);
    CHECK(ics.substr(ics.size() - 15) == "END:VCALENDAR\r\n");
    // All day on the legal end (31/03/2026 is a Tuesday), done and so marked; the summary and the
    // description folded at 75 octets, their commas and semicolons escaped.
    CHECK(event_text(ics, "90-KH-UBND-2026.I.3.deadline@nhacviec") ==
          "BEGIN:VEVENT\r\n"
          "UID:90-KH-UBND-2026.I.3.deadline@nhacviec\r\n"
          "DTSTAMP:20261015T023000Z\r\n"
          "DTSTART;VALUE=DATE:20260331\r\n"
          "DTEND;VALUE=DATE:20260401\r\n"
          "SUMMARY:Hạn: I.3 – Xây dựng kế hoạch thực hiện trên cơ s\r\n"
          " ở rà soát các chương t… (đã hoàn thành)\r\n"
          "DESCRIPTION:Kế hoạch số 90/KH-UBND ngày 20/03/2026\\, nhiệm vụ I.\r\n"
          " 3\\nNhiệm vụ: Xây dựng kế hoạch thực hiện trên cơ sở rà\r\n"
          "  soát các chương trình\\, kế hoạch thực hiện các Nghị quy\r\n"
          " ết của Đảng\\, Chương trình hành động của Chính phủ liê\r\n"
          " n quan đến phát triển kinh tế nhà nước để điều chỉnh \r\n"
          " đồng bộ thống nhất.\\nSản phẩm: Kế hoạch thực hiện\\nTh\r\n"
          " ời hạn: Quý I/2026 (đến hết ngày 31/03/2026)\\nCơ quan chủ tr\r\n"
          " ì: Sở Tài chính\\nCơ quan phối hợp: Các Sở\\, ban\\, ngành thà\r\n"
          " nh phố\\; UBND xã\\, phường\\, đặc khu\\nTrạng thái: đã hoàn th\r\n"
          " ành ngày 30/03/2026\r\n"
          "TRANSP:TRANSPARENT\r\n"
          "END:VEVENT\r\n");
}

TEST_CASE("Sở Tài chính's calendar: which tasks, and how", "[web]") {
    Statuses seed;
    const std::string ics = calendar_of(seed, "so-tai-chinh");
    // 11 deadlines (6 as lead, 5 cooperating) and 30 reviews: 41 events. Undetermined II.5.13 has none.
    CHECK(count(ics, "BEGIN:VEVENT\r\n") == 41);
    CHECK(count(ics, ".deadline@nhacviec\r\n") == 11);
    CHECK(count(ics, ".review@nhacviec\r\n") == 30);
    CHECK(count(ics, "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;INTERVAL=3\r\n") == 23);
    CHECK(count(ics, "RRULE:FREQ=YEARLY\r\n") == 4);
    CHECK(count(ics, "RRULE:FREQ=YEARLY;UNTIL=20291231\r\n") == 3);
    CHECK(ics.find("II.5.13") == std::string::npos);
    const std::string text = unfolded(ics);
    CHECK(count(text, "\r\nSUMMARY:Hạn (phối hợp): ") == 5);
    // Done late, II.1.1 stays too; Sở Tài chính only cooperates on it.
    CHECK(text.find("\r\nSUMMARY:Hạn (phối hợp): II.1.1 – Rà soát chính xác các loại đất để có phương án điều "
                    "chỉnh q… (đã hoàn thành)\r\n") != std::string::npos);

    // A quarterly review: the first quarter that ends after the plan's issue (20/03/2026), on the last day of
    // every third month; the note on days off as a COMMENT.
    const std::string i4 = unfolded(event_text(ics, "90-KH-UBND-2026.I.4.review@nhacviec"));
    CHECK(i4.find(
              "\r\nDTSTART;VALUE=DATE:20260331\r\nDTEND;VALUE=DATE:20260401\r\n"
              "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;INTERVAL=3\r\n"
              "SUMMARY:Báo cáo hằng quý: I.4 – Xây dựng và thực thi chính sách\\, pháp luật công bằng\\, minh…\r\n") !=
          std::string::npos);
    CHECK(i4.find("\\nThời hạn: Thường xuyên – báo cáo hằng quý\\, kỳ đầu hạn ngày 31/03/2026\\n") !=
          std::string::npos);
    CHECK(i4.find("\r\nCOMMENT:Lịch ghi ngày hạn báo cáo danh nghĩa của mỗi kỳ\\; khi ngày đó là ngày nghỉ\\, hạn "
                  "báo cáo kéo dài đến hết ngày làm việc tiếp theo (Điều 148 Bộ luật Dân sự).\r\n") !=
          std::string::npos);
    // A yearly review, and the yearly progress review of a period, which stops before the period's last year.
    CHECK(unfolded(event_text(ics, "90-KH-UBND-2026.II.1.2.review@nhacviec"))
              .find("\r\nDTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\nRRULE:FREQ=YEARLY\r\n") !=
          std::string::npos);
    const std::string ii514 = unfolded(event_text(ics, "90-KH-UBND-2026.II.5.14.review@nhacviec"));
    CHECK(ii514.find(
              "\r\nDTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\nRRULE:FREQ=YEARLY;UNTIL=20291231\r\n"
              "SUMMARY:Báo cáo tiến độ hằng năm: II.5.14 – ") != std::string::npos);
    CHECK(ii514.find("Thời hạn: Giai đoạn 2026 - 2030 – báo cáo tiến độ hằng năm\\, kỳ đầu hạn ngày 31/12/2026\\, kỳ "
                     "cuối hạn ngày 31/12/2029\\n") != std::string::npos);
    CHECK(unfolded(event_text(ics, "90-KH-UBND-2026.II.5.14.deadline@nhacviec"))
              .find("\r\nDTSTART;VALUE=DATE:20301231\r\nDTEND;VALUE=DATE:20310101\r\n") != std::string::npos);
}

TEST_CASE("an agency is found by slug, name, alias or other spelling; an unknown one is an error", "[web]") {
    Statuses seed;
    const std::string by_slug = calendar_of(seed, "so-tai-chinh");
    CHECK(calendar_of(seed, "Sở Tài chính") == by_slug);
    CHECK(calendar_of(seed, "sở tài  chính") == by_slug);
    CHECK(calendar_of(seed, "So\u031B\u0309 Ta\u0300i chi\u0301nh") == by_slug);  // NFD
    // A group, by its alias.
    CHECK(calendar_of(seed, "UBND các xã, phường, đặc khu") == calendar_of(seed, "ubnd-xa-phuong-dac-khu"));
    // An agency of the directory that no task names has an empty, valid calendar.
    const std::string empty = calendar_of(seed, "thue-thanh-pho");
    CHECK(count(empty, "BEGIN:VEVENT") == 0);
    CHECK(empty.find("X-WR-CALNAME:Nhắc việc – Thuế thành phố\r\n") != std::string::npos);

    for (const char* unknown : {"so-ngoai-vu", "Sở Ngoại vụ", "", "so-tai-chinh-x"}) {
        auto feed = web::agency_calendar(seed.state, seed.config, seed.directory, seed.calendar, unknown, kNow);
        REQUIRE_FALSE(feed.ok());
        CHECK(feed.error().message == "unknown agency \"" + std::string(unknown) + "\"");
    }
}

TEST_CASE("a recurring task done for good ends its reviews; a deadline on a day off ends the next working day",
          "[web]") {
    Statuses seed;
    Config config;
    // 31/05/2026 is a Sunday: the deadline ends on Monday 01/06/2026.
    config.schedule.tasks["I.3"].deadline = resolve_deadline("Tháng 5/2026");
    seed.reload(config);
    seed.set_statuses();
    seed.task("I.3").status.overall = {};
    seed.task("I.4").status.overall = {WorkStatus::done, d("2026-11-20"), "", "", ""};
    const std::string ics = unfolded(calendar_of(seed, "so-tai-chinh"));
    const std::string i3 = event_text(ics, "90-KH-UBND-2026.I.3.deadline@nhacviec");
    CHECK(i3.find("\r\nDTSTART;VALUE=DATE:20260601\r\nDTEND;VALUE=DATE:20260602\r\n") != std::string::npos);
    CHECK(i3.find("\\nThời hạn: Tháng 5/2026 (đến hết ngày 01/06/2026)\\n") != std::string::npos);
    CHECK(i3.find("(đã hoàn thành)") == std::string::npos);
    const std::string i4 = event_text(ics, "90-KH-UBND-2026.I.4.review@nhacviec");
    CHECK(i4.find("\r\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1;INTERVAL=3;UNTIL=20261120\r\n") != std::string::npos);
    CHECK(i4.find("… (đã hoàn thành)\r\n") != std::string::npos);
    CHECK(i4.find("\\nTrạng thái: đã hoàn thành ngày 20/11/2026\\n") != std::string::npos);
}

TEST_CASE("lines are folded at 75 octets between UTF-8 sequences; TEXT values are escaped", "[web]") {
    Statuses seed;
    // A title with every character TEXT escapes: backslash, semicolon, comma, line breaks.
    seed.state.tasks.mutable_at(*app::find_task(seed.state, "I.3", std::nullopt)).task.title =
        "Rà soát; sắp xếp, \\ kiểm tra\r\nbáo cáo\nđịnh kỳ";
    const std::string ics = calendar_of(seed, "so-tai-chinh");
    size_t lines = 0, folded = 0, previous = 0;
    for (size_t begin = 0; begin < ics.size();) {
        const size_t end = ics.find("\r\n", begin);
        REQUIRE(end != std::string::npos);  // every line ends with CRLF
        const std::string line = ics.substr(begin, end - begin);
        INFO(line);
        CHECK(line.size() <= 75);
        CHECK(line.find('\n') == std::string::npos);
        CHECK(line.find('\r') == std::string::npos);
        if (!line.empty() && line[0] == ' ') {
            ++folded;
            // A continuation never starts inside a UTF-8 sequence, and the line before it was full: the
            // sequence it starts with did not fit.
            const auto lead = static_cast<unsigned char>(line[1]);
            CHECK((lead & 0xC0) != 0x80);
            const size_t sequence = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            CHECK(previous + sequence > 75);
        }
        previous = line.size();
        ++lines;
        begin = end + 2;
    }
    CHECK(lines == 1045);
    CHECK(folded == 605);
    const std::string i3 = unfolded(event_text(ics, "90-KH-UBND-2026.I.3.deadline@nhacviec"));
    CHECK(i3.find("\r\nSUMMARY:Hạn: I.3 – Rà soát\\; sắp xếp\\, \\\\ kiểm tra báo cáo định kỳ (đã hoàn thành)\r\n") !=
          std::string::npos);
    CHECK(i3.find("\\nNhiệm vụ: Rà soát\\; sắp xếp\\, \\\\ kiểm tra\\nbáo cáo\\nđịnh kỳ\\n") != std::string::npos);

    // What a client reads back is the text as it was.
    TempDir dir;
    write_file(dir / "stc.ics", ics);
    const json report = validated({(dir / "stc.ics").string()});
    for (const auto& event : report["files"][0]["events"]) {
        if (event["uid"] != "90-KH-UBND-2026.I.3.deadline@nhacviec") continue;
        CHECK(event["summary"] == "Hạn: I.3 – Rà soát; sắp xếp, \\ kiểm tra báo cáo định kỳ (đã hoàn thành)");
        CHECK(event["description"].get<std::string>().find("\nNhiệm vụ: Rà soát; sắp xếp, \\ kiểm tra\nbáo cáo\nđịnh "
                                                           "kỳ\n") != std::string::npos);
    }
}

TEST_CASE("every agency's calendar passes validate_ics.py (Python icalendar)", "[web]") {
    Statuses seed;
    // Review due dates that move the rules onto February, whose last day changes with the year.
    Config config;
    config.schedule.months_after[Recurrence::yearly] = 2;  // the yearly reviews: end of February
    config.schedule.tasks["II.4.3"].months_after = 2;      // a quarterly one: end of May, August, …
    seed.reload(config);
    seed.set_statuses();

    // Every agency the directory knows, and every name the plan uses that it does not.
    std::vector<std::string> names;
    for (const auto& agency : seed.directory.agencies()) names.push_back(agency.name);
    for (const auto& row : seed.state.tasks)
        for (const auto* mentions : {&row.task.lead, &row.task.cooperating})
            for (const auto& m : *mentions)
                if (!m.known && std::find(names.begin(), names.end(), m.name) == names.end()) names.push_back(m.name);
    CHECK(names.size() == 29);

    TempDir dir;
    std::vector<std::string> files;
    size_t events = 0;
    for (const auto& name : names) {
        const std::string ics = calendar_of(seed, name);
        events += count(ics, "BEGIN:VEVENT\r\n");
        files.push_back((dir / (web::agency_slug(name) + ".ics")).string());
        write_file(files.back(), ics);
    }
    // 194 before the groups' tasks reached their members' feeds; 14 more: one event each for the 7 tasks of "Các
    // Sở, ngành, đơn vị có liên quan" in its member's feed, II.2.4 for its group's three members, II.3.3 – II.3.5
    // of "Các Ban Quản lý" for Ban Quản lý Khu kinh tế, and I.2 for the member of the media group.
    CHECK(events == 208);
    const json report = validated(files);
    REQUIRE(report["files"].size() == names.size());
    CHECK(report["errors"].empty());

    std::map<std::string, json> stc;
    for (const auto& file : report["files"]) {
        CHECK(file["timezone"] == "Asia/Ho_Chi_Minh");
        if (file["calname"] == "Nhắc việc – Sở Tài chính")
            for (const auto& event : file["events"]) stc[event["uid"]] = event;
    }
    REQUIRE(stc.size() == 41);
    // The dates clients compute from the rules.
    const auto occurrences = [&](const std::string& uid) {
        return stc.at(uid)["occurrences"].get<std::vector<std::string>>();
    };
    CHECK(occurrences("90-KH-UBND-2026.I.4.review@nhacviec") ==
          std::vector<std::string>{"2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31", "2027-03-31", "2027-06-30",
                                   "2027-09-30", "2027-12-31"});
    CHECK(stc.at("90-KH-UBND-2026.II.4.3.review@nhacviec")["rrule"] == "FREQ=MONTHLY;BYMONTHDAY=-1;INTERVAL=3");
    CHECK(occurrences("90-KH-UBND-2026.II.4.3.review@nhacviec") ==
          std::vector<std::string>{"2026-05-31", "2026-08-31", "2026-11-30", "2027-02-28", "2027-05-31", "2027-08-31",
                                   "2027-11-30", "2028-02-29"});
    CHECK(stc.at("90-KH-UBND-2026.II.1.2.review@nhacviec")["rrule"] == "FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2");
    CHECK(occurrences("90-KH-UBND-2026.II.1.2.review@nhacviec") ==
          std::vector<std::string>{"2027-02-28", "2028-02-29", "2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29",
                                   "2033-02-28", "2034-02-28"});
    // The period's progress reviews under [review.period] (no months after): four, then the deadline.
    CHECK(occurrences("90-KH-UBND-2026.II.5.14.review@nhacviec") ==
          std::vector<std::string>{"2026-12-31", "2027-12-31", "2028-12-31", "2029-12-31"});
    CHECK(stc.at("90-KH-UBND-2026.II.5.14.deadline@nhacviec")["start"] == "2030-12-31");
    CHECK(stc.at("90-KH-UBND-2026.II.5.14.deadline@nhacviec")["end"] == "2031-01-01");
    CHECK(stc.at("90-KH-UBND-2026.I.3.deadline@nhacviec")["summary"] ==
          "Hạn: I.3 – Xây dựng kế hoạch thực hiện trên cơ sở rà soát các chương t… (đã hoàn thành)");
}

namespace {

// The UIDs of a calendar's events, in order.
std::vector<std::string> uids(const std::string& ics) {
    std::vector<std::string> out;
    for (size_t at = ics.find("\r\nUID:"); at != std::string::npos; at = ics.find("\r\nUID:", at + 1))
        out.push_back(ics.substr(at + 6, ics.find("\r\n", at + 6) - at - 6));
    return out;
}

// The task codes of a calendar's events, each once, in order.
std::vector<std::string> task_codes(const std::string& ics) {
    std::vector<std::string> out;
    for (const auto& uid : uids(ics)) {
        const std::string prefix = "90-KH-UBND-2026.";
        REQUIRE(uid.rfind(prefix, 0) == 0);
        const std::string code = uid.substr(prefix.size(), uid.rfind('.', uid.find('@')) - prefix.size());
        if (out.empty() || out.back() != code) out.push_back(code);
    }
    return out;
}

}  // namespace

TEST_CASE("a member of a group has the group's tasks in its calendar", "[web]") {
    Statuses seed;
    struct Case {
        const char* agency;
        std::vector<std::string> tasks;
    };
    const Case cases[] = {
        // Its own 26, and the 7 of "Các Sở, ngành, đơn vị có liên quan", whose member it is: II.2.4 (cooperating),
        // II.3.1, II.3.2, II.5.2 – II.5.5.
        {"Các Sở, ban, ngành thành phố",
         {"I.1", "I.2", "I.3", "I.4", "I.5", "I.6", "I.7", "I.8", "I.9.1", "I.9.2", "I.9.3", "II.1.2", "II.1.3", "II.1.4", "II.1.5", "II.2.4", "II.2.5", "II.3.1", "II.3.2", "II.3.3", "II.3.4", "II.3.5", "II.5.2", "II.5.3", "II.5.4", "II.5.5", "II.6.1", "II.7.2", "II.7.3", "II.7.4", "II.7.5", "II.7.6", "II.7.7"}},
        // A member of the group that leads II.2.4.
        {"Sở Văn hóa, Thể thao và Du lịch", {"I.1", "I.2", "II.2.4"}},
        // A member of two groups: "Các Ban Quản lý" (II.3.3 – II.3.5) and the one that leads II.2.4.
        {"Ban Quản lý Khu kinh tế", {"I.9.3", "II.2.1", "II.2.2", "II.2.4", "II.3.3", "II.3.4", "II.3.5"}},
        // A member that is a group itself: II.2.4 through the group that lists it.
        {"UBND xã, phường, đặc khu",
         {"I.1", "I.2", "I.3", "I.4", "I.5", "I.6", "I.7", "I.8", "I.9.1", "I.9.2", "I.9.3", "II.1.2", "II.1.3", "II.1.4", "II.1.5", "II.2.1", "II.2.2", "II.2.3", "II.2.4", "II.2.5", "II.3.1", "II.3.2", "II.3.3", "II.3.4", "II.3.5"}},
        // A member of no group: as before.
        {"Sở Tài chính",
         {"I.3", "I.4", "I.9.1", "I.9.2", "I.9.3", "II.1.1", "II.1.2", "II.2.1", "II.2.2", "II.2.3", "II.2.5", "II.3.1", "II.3.2", "II.3.3", "II.3.4", "II.3.5", "II.4.1", "II.4.3", "II.5.1", "II.5.2", "II.5.3", "II.5.4", "II.5.5", "II.5.6", "II.5.7", "II.5.8", "II.5.9", "II.5.10", "II.5.11", "II.5.12", "II.5.14", "II.7.1", "II.7.2", "II.7.3", "II.7.4", "II.7.5", "II.7.6", "II.7.7"}},
    };
    for (const auto& c : cases) {
        INFO(c.agency);
        CHECK(task_codes(calendar_of(seed, c.agency)) == c.tasks);
    }
}

TEST_CASE("a secret calendar address serves the feed without a token; a replaced, revoked or unknown one is refused "
          "alike",
          "[web]") {
    ApiFixture f("[api]\ntokens_for_reads = true\n");
    const std::string refused = "{\n  \"error\": \"no calendar at this address\"\n}\n";
    const auto get = [&](const std::string& target) { return f.handle("GET", target, "", ""); };
    // The agency's calendar as the public address serves it with a token.
    const HttpResponse with_token = f.handle("GET", "/calendar/so-tai-chinh.ics", "Bearer admin-token-0123456789", "");
    REQUIRE(with_token.status == 200);

    // Without a token the public address is closed, as before.
    const HttpResponse closed = get("/calendar/so-tai-chinh.ics");
    CHECK(closed.status == 401);
    CHECK(closed.bytes() == "{\n  \"error\": \"a bearer token is required\"\n}\n");

    // `nhacviec feed` makes the address on first use, and shows the same one after.
    const auto address = [&](const std::string& agency, const CommandResult& r) {
        INFO(r.err);
        const std::string prefix = agency + ": http://127.0.0.1:8470/calendar/private/";
        REQUIRE(r.status == 0);
        REQUIRE(r.out.rfind(prefix, 0) == 0);
        return r.out.substr(prefix.size(), r.out.find(".ics\n") - prefix.size());
    };
    const std::string prefix = "Sở Tài chính: http://127.0.0.1:8470/calendar/private/";
    const auto first = f.cli({"feed", "Sở Tài chính"});
    const std::string token = address("Sở Tài chính", first);
    CHECK(first.out == prefix + token + ".ics\n");
    CHECK(token.size() == 32);  // 192 bits, base64url
    CHECK(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
          std::string::npos);
    CHECK(address("Sở Tài chính", f.cli({"feed", "sở tài  chính"})) == token);  // by another spelling too
    const std::string other = address("Sở Nội vụ", f.cli({"feed", "Sở Nội vụ"}));
    CHECK(other != token);

    // The secret address needs no header; it is the agency's calendar, byte for byte.
    const HttpResponse secret = get("/calendar/private/" + token + ".ics");
    CHECK(secret.status == 200);
    CHECK(secret.content_type == "text/calendar; charset=utf-8");
    CHECK(secret.bytes() == with_token.bytes());
    CHECK(get("/calendar/private/" + other + ".ics").bytes().find("X-WR-CALNAME:Nhắc việc – Sở Nội vụ\r\n") !=
          std::string::npos);
    const HttpResponse post = f.handle("POST", "/calendar/private/" + token + ".ics", "", "");
    CHECK(post.status == 405);

    // Replaced: the old address stops working, the new one works.
    const auto reset = f.cli({"feed", "Sở Tài chính", "--reset"});
    const std::string fresh = address("Sở Tài chính", reset);
    CHECK(reset.out == prefix + fresh + ".ics\nthe previous address no longer works\n");
    CHECK(fresh != token);
    const HttpResponse old = get("/calendar/private/" + token + ".ics");
    CHECK(old.status == 404);
    CHECK(old.bytes() == refused);
    CHECK(get("/calendar/private/" + fresh + ".ics").bytes() == with_token.bytes());

    // An unknown token, one of another length, a near miss and an empty one: the same answer.
    std::string near = fresh;
    near.back() = near.back() == 'A' ? 'B' : 'A';
    for (const std::string& unknown : {std::string("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), std::string("x"), near,
                                       fresh.substr(0, 31), fresh + "A", std::string("so-tai-chinh")}) {
        INFO(unknown);
        const HttpResponse r = get("/calendar/private/" + unknown + ".ics");
        CHECK(r.status == 404);
        CHECK(r.bytes() == refused);
    }

    // The list, then revoked: nothing serves the agency's calendar without a token any more.
    const auto listed = f.cli({"feed", "--list"});
    CHECK(listed.status == 0);
    CHECK(listed.out.find("Sở Tài chính  http://127.0.0.1:8470/calendar/private/" + fresh + ".ics  (since ") !=
          std::string::npos);
    CHECK(listed.out.find(token) == std::string::npos);
    CHECK(listed.out.substr(listed.out.size() - 28) == "2 secret calendar addresses\n");
    CHECK(f.cli({"feed", "Sở Tài chính", "--revoke"}).out == "Sở Tài chính: secret calendar address revoked\n");
    CHECK(f.cli({"feed", "Sở Tài chính", "--revoke"}).out == "Sở Tài chính: had no secret calendar address\n");
    CHECK(get("/calendar/private/" + fresh + ".ics").bytes() == refused);

    // Errors of the command.
    const auto unknown = f.cli({"feed", "Sở Ngoại vụ"});
    CHECK(unknown.status == 1);
    CHECK(unknown.err == "nhacviec: unknown agency \"Sở Ngoại vụ\"\n");
    CHECK(f.cli({"feed"}).status == 2);
    CHECK(f.cli({"feed", "--list", "Sở Tài chính"}).status == 2);
    CHECK(f.cli({"feed", "Sở Tài chính", "--reset", "--revoke"}).status == 2);
}

TEST_CASE("a calendar feed is sent gzip to a client that takes it, and 304 to one that has it", "[web][cached-body]") {
    ApiFixture f;
    const auto get = [&](const std::string& accept_encoding, const std::string& if_none_match) {
        HttpRequest request;
        request.method = "GET";
        request.target = "/calendar/so-tai-chinh.ics";
        request.accept_encoding = accept_encoding;
        request.if_none_match = if_none_match;
        return f.api->handle(request);
    };
    const HttpResponse plain = get("", "");
    REQUIRE(plain.status == 200);
    const std::string etag = header_of(plain, "ETag");
    CHECK(etag.size() == 34);
    CHECK(header_of(plain, "Vary") == "Accept-Encoding");
    CHECK(header_of(plain, "Content-Encoding") == "");
    CHECK(plain.bytes().starts_with("BEGIN:VCALENDAR\r\n"));

    const HttpResponse compressed = get("gzip, deflate, br", "");
    CHECK(compressed.status == 200);
    CHECK(header_of(compressed, "Content-Encoding") == "gzip");
    CHECK(header_of(compressed, "ETag") == etag);
    CHECK(compressed.bytes().substr(0, 2) == "\x1f\x8b");
    CHECK(compressed.bytes().size() * 5 < plain.bytes().size());

    const HttpResponse unchanged = get("gzip", etag);
    CHECK(unchanged.status == 304);
    CHECK(unchanged.bytes().empty());
    CHECK(header_of(unchanged, "ETag") == etag);
    CHECK(get("", "\"stale\"").bytes() == plain.bytes());
}
