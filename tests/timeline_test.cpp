// The notification timeline on the seed plan, walked day by day under a fake
// clock from the plan's issue to 2031, and on small made-up tasks for the
// holiday rules.
#include "schedule/timeline.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "common/clock.h"
#include "seed_fixture.h"
#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;

namespace {

Date d(const char* iso) { return *parse_iso_date(iso); }

// One notification as sent: "2026-03-24 reminder-7 I.3 → Sở Tài chính".
struct Sent {
    std::string day, key;
};

// Walks the clock one day at a time; each morning the timeline of that day is
// what goes out. `on_day` may change statuses before the day is planned.
template <class OnDay>
std::vector<Sent> walk(Seed& seed, Date from, Date to, OnDay on_day) {
    FakeClock clock(vietnam_time(from, 0));
    std::vector<Sent> sent;
    for (Date day = from; day <= to; clock.advance(std::chrono::hours{24}), day = vietnam_date(clock.now())) {
        on_day(day);
        const Timeline t = plan_timeline(seed.state.scheduled, *seed.state.names, seed.state.roles,
                                         seed.config.schedule, seed.calendar, day, day);
        for (const auto& n : t.items) sent.push_back({format_iso_date(n.date()), t.key(n)});
    }
    return sent;
}

std::vector<std::string> sent_for(const std::vector<Sent>& sent, const std::string& prefix) {
    std::vector<std::string> out;
    for (const auto& s : sent)
        if (s.key.rfind(prefix, 0) == 0) out.push_back(s.day + " " + s.key.substr(prefix.size()));
    return out;
}

}  // namespace

TEST_CASE("the seed walked from the plan's issue to 2031", "[schedule]") {
    Seed seed;
    const auto sent = walk(seed, d("2026-03-20"), d("2031-01-01"), [](Date) {});

    // I.3 is due Tuesday 2026-03-31; the plan was issued on 20 March, so the
    // 30- and 14-day reminders never existed; Saturday 28 March moves to Friday.
    const auto i3 = sent_for(sent, "90/KH-UBND/2026|I.3|-|");
    REQUIRE(i3.size() >= 9);
    CHECK(std::vector<std::string>(i3.begin(), i3.begin() + 9) ==
          std::vector<std::string>{
              "2026-03-24 reminder-7|Sở Tài chính",
              "2026-03-27 reminder-3|Sở Tài chính",
              "2026-03-30 reminder-1|Sở Tài chính",
              "2026-03-31 reminder-0|Sở Tài chính",
              "2026-04-01 escalation-1|Sở Tài chính",
              "2026-04-07 escalation-2|Sở Tài chính",
              // 30 April and 1 May are holidays, 2–3 May a weekend.
              "2026-05-04 escalation-3.1|Sở Tài chính",
              "2026-06-01 escalation-3.2|Sở Tài chính",
              "2026-06-29 escalation-3.3|Sở Tài chính",
          });

    // II.1.1 (due Wednesday 2026-09-30), never done: three levels, then level 3 every 30 days.
    const auto ii11 = sent_for(sent, "90/KH-UBND/2026|II.1.1|-|escalation-");
    REQUIRE(ii11.size() >= 4);
    CHECK(std::vector<std::string>(ii11.begin(), ii11.begin() + 4) ==
          std::vector<std::string>{
              "2026-10-01 1|Sở Nông nghiệp và Môi trường",
              "2026-10-07 2|Sở Nông nghiệp và Môi trường",
              "2026-10-30 3.1|Sở Nông nghiệp và Môi trường",
              "2026-11-30 3.2|Sở Nông nghiệp và Môi trường",
          });

    // Every key is unique: nothing planned twice.
    std::set<std::string> keys;
    for (const auto& s : sent) {
        INFO(s.day << " " << s.key);
        CHECK(keys.insert(s.key).second);
    }

    // Nothing goes out on a weekend or a day off.
    for (const auto& s : sent) {
        INFO(s.day << " " << s.key);
        CHECK(seed.calendar.is_working_day(d(s.day.c_str())));
    }

    // II.5.13 has no date: nothing but the digest mentions it.
    CHECK(sent_for(sent, "90/KH-UBND/2026|II.5.13|").empty());

    // The weekly digest: every Monday to the city office, the first on 23 March 2026.
    const auto digests = sent_for(sent, "*|*|");
    // Every Monday from 23 March 2026 to 30 December 2030 (250), but the week of
    // Tết 2029 (Monday 12 – Friday 16 February) merges into the next one.
    REQUIRE(digests.size() == 249);
    CHECK(std::find(digests.begin(), digests.end(), "2029-02-19 2029-02-19|digest|Văn phòng UBND thành phố") !=
          digests.end());
    CHECK(digests[0] == "2026-03-23 2026-03-23|digest|Văn phòng UBND thành phố");
    // Monday 2026-04-27 is the day off for Hùng Kings' day (Sunday 26 April): the digest moves to Tuesday.
    CHECK(std::find(digests.begin(), digests.end(), "2026-04-28 2026-04-27|digest|Văn phòng UBND thành phố") !=
          digests.end());
}

TEST_CASE("a task marked done gets nothing more; a waiting task is not escalated", "[schedule]") {
    Seed seed;
    const auto sent = walk(seed, d("2026-03-20"), d("2027-01-31"), [&](Date day) {
        // II.1.1 is done on 2 October 2026, after its first escalation.
        if (day == d("2026-10-02")) {
            seed.task("II.1.1").status.overall.status = WorkStatus::done;
            seed.task("II.1.1").status.overall.done_on = day;
        }
        // I.7 (due Quý IV/2026) waits on its precondition from 1 December.
        if (day == d("2026-12-01")) seed.task("I.7").status.overall.status = WorkStatus::waiting;
    });
    CHECK(sent_for(sent, "90/KH-UBND/2026|II.1.1|-|escalation-") ==
          std::vector<std::string>{"2026-10-01 1|Sở Nông nghiệp và Môi trường"});
    // I.7 still gets its reminders, but no escalation after 31 December.
    const auto i7 = sent_for(sent, "90/KH-UBND/2026|I.7|-|");
    CHECK(i7 == std::vector<std::string>{
                    "2026-12-01 reminder-30|Sở Nội vụ",
                    "2026-12-17 reminder-14|Sở Nội vụ",
                    "2026-12-24 reminder-7|Sở Nội vụ",
                    "2026-12-28 reminder-3|Sở Nội vụ",
                    "2026-12-30 reminder-1|Sở Nội vụ",
                    "2026-12-31 reminder-0|Sở Nội vụ",
                });
}

TEST_CASE("recurring reviews: quarterly for ongoing tasks, per period, done periods skipped", "[schedule]") {
    Seed seed;
    // I.1 "Thường xuyên": reviews at the end of each quarter from Q1 2026 (ends after the 20 March issue).
    ScheduledTask& i1 = seed.task("I.1");
    i1.status.periods["2026-Q2"].status = WorkStatus::done;
    const Timeline t = plan_timeline(seed.state.scheduled, *seed.state.names, seed.state.roles, seed.config.schedule,
                                     seed.calendar, d("2026-03-20"), d("2026-10-01"));
    std::vector<std::string> reviews;
    for (const auto& n : t.items)
        if (t.task(n) == &i1) reviews.push_back(format_iso_date(n.date()) + " " + t.key(n));
    CHECK(reviews == std::vector<std::string>{
                         "2026-03-27 90/KH-UBND/2026|I.1|2026-Q1|review-3|Sở Văn hóa, Thể thao và Du lịch",
                         "2026-03-31 90/KH-UBND/2026|I.1|2026-Q1|review-0|Sở Văn hóa, Thể thao và Du lịch",
                         // 2026-Q2 is done: no reminders for it.
                         "2026-09-16 90/KH-UBND/2026|I.1|2026-Q3|review-14|Sở Văn hóa, Thể thao và Du lịch",
                         "2026-09-25 90/KH-UBND/2026|I.1|2026-Q3|review-3|Sở Văn hóa, Thể thao và Du lịch",
                         "2026-09-30 90/KH-UBND/2026|I.1|2026-Q3|review-0|Sở Văn hóa, Thể thao và Du lịch",
                     });
    // The 14-day review reminder of Q1 (17 March) predates the plan: it is not sent late.
    CHECK(next_review(i1, seed.config.schedule, d("2026-04-01")) == d("2026-09-30"));
    CHECK(next_review(seed.task("II.1.2"), seed.config.schedule, d("2026-04-01")) == d("2026-12-31"));
    CHECK(next_review(seed.task("I.3"), seed.config.schedule, d("2026-04-01")) == std::nullopt);
}

TEST_CASE("escalation recipients grow with the level", "[schedule]") {
    Seed seed;
    const Timeline t = plan_timeline(seed.state.scheduled, *seed.state.names, seed.state.roles, seed.config.schedule,
                                     seed.calendar, d("2026-10-01"), d("2026-10-30"));
    std::map<int, std::vector<std::string>> cc;
    for (const auto& n : t.items)
        if (t.task(n) && t.task(n)->code == "II.1.1" && n.kind == NotificationKind::escalation) cc[n.level] = t.cc(n);
    CHECK(cc[1] == std::vector<std::string>{"Sở Tài chính", "Trung tâm Phát triển quỹ đất thành phố"});
    CHECK(cc[2] == std::vector<std::string>{"Sở Tài chính", "Trung tâm Phát triển quỹ đất thành phố",
                                            "Văn phòng UBND thành phố"});
    CHECK(cc[3] == std::vector<std::string>{"Sở Tài chính", "Trung tâm Phát triển quỹ đất thành phố",
                                            "Văn phòng UBND thành phố", "Lãnh đạo UBND thành phố"});
}

TEST_CASE("an undetermined task is planned once it gets a date", "[schedule]") {
    Seed seed;
    auto config = parse_config("[[task]]\nid = \"II.5.13\"\ndeadline = \"Quý IV/2027\"\n", "c.toml");
    REQUIRE(config.ok());
    seed.reload(*config);
    const Timeline t = plan_timeline(seed.state.scheduled, *seed.state.names, seed.state.roles, seed.config.schedule,
                                     seed.calendar, d("2027-12-01"), d("2028-01-04"));
    std::vector<std::string> planned;
    for (const auto& n : t.items)
        if (t.task(n) && t.task(n)->code == "II.5.13") planned.push_back(format_iso_date(n.date()) + " " + t.key(n));
    CHECK(planned == std::vector<std::string>{
                         "2027-12-01 90/KH-UBND/2026|II.5.13|-|reminder-30|Sở Tài chính",
                         "2027-12-17 90/KH-UBND/2026|II.5.13|-|reminder-14|Sở Tài chính",
                         "2027-12-24 90/KH-UBND/2026|II.5.13|-|reminder-7|Sở Tài chính",
                         "2027-12-28 90/KH-UBND/2026|II.5.13|-|reminder-3|Sở Tài chính",
                         "2027-12-30 90/KH-UBND/2026|II.5.13|-|reminder-1|Sở Tài chính",
                         "2027-12-31 90/KH-UBND/2026|II.5.13|-|reminder-0|Sở Tài chính",
                         // 1 January 2028 is a holiday on a Saturday: Monday the 3rd is its day off in lieu.
                         "2028-01-04 90/KH-UBND/2026|II.5.13|-|escalation-1|Sở Tài chính",
                     });
}

TEST_CASE("reminders around Tết 2026 move to the working day before", "[schedule]") {
    Seed seed;
    // A made-up task due Friday 20 February 2026, in the middle of the official Tết break (14–22 February).
    ScheduledTask task;
    task.plan_number = "1/KH-TEST";
    task.plan_year = 2026;
    task.plan_issued = d("2026-01-05");
    task.code = "I.1";
    task.deadline = resolve_deadline("ngày 20/02/2026");
    NameTable names;
    task.lead = {names.id("Sở Tài chính")};
    const RoleIds roles{names.id("Sở Tài chính"), names.id("Văn phòng UBND thành phố"), names.id("Lãnh đạo UBND thành phố")};
    const ScheduledTasks tasks{task};
    const Timeline t = plan_timeline(tasks, names, roles, seed.config.schedule, seed.calendar, d("2026-01-01"),
                                     d("2026-02-28"));
    std::vector<std::string> planned;
    for (const auto& n : t.items)
        if (n.kind != NotificationKind::digest) planned.push_back(format_iso_date(n.date()) + " " + t.key(n));
    CHECK(planned == std::vector<std::string>{
                         "2026-01-21 1/KH-TEST/2026|I.1|-|reminder-30|Sở Tài chính",
                         "2026-02-06 1/KH-TEST/2026|I.1|-|reminder-14|Sở Tài chính",
                         // 13 February is the last working day before Tết: the 7-, 3-, 1- and 0-day
                         // reminders all land on it, and only the nearest is kept.
                         "2026-02-13 1/KH-TEST/2026|I.1|-|reminder-0|Sở Tài chính",
                         // The deadline's legal end is Monday 23 February; overdue from the 24th.
                         "2026-02-24 1/KH-TEST/2026|I.1|-|escalation-1|Sở Tài chính",
                     });
}

TEST_CASE("review periods: names, bounds and packing", "[schedule]") {
    // One row per cadence: the name, its first and last day, and the next period.
    struct Case {
        const char* name;
        const char* first;
        const char* last;
        const char* next;
    };
    const Case cases[] = {
        {"2026-07", "2026-07-01", "2026-07-31", "2026-08"},
        {"2026-12", "2026-12-01", "2026-12-31", "2027-01"},
        {"2026-Q3", "2026-07-01", "2026-09-30", "2026-Q4"},
        {"2026-Q4", "2026-10-01", "2026-12-31", "2027-Q1"},
        {"2027-H1", "2027-01-01", "2027-06-30", "2027-H2"},
        {"2027-H2", "2027-07-01", "2027-12-31", "2028-H1"},
        {"2027", "2027-01-01", "2027-12-31", "2028"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        auto period = parse_period(c.name);
        REQUIRE(period.has_value());
        CHECK(format_period(*period) == c.name);
        CHECK(format_iso_date(period_first_day(*period)) == c.first);
        CHECK(format_iso_date(period_last_day(*period)) == c.last);
        CHECK(format_period(next_period(*period)) == c.next);
        CHECK(unpack_period(pack_period(*period)) == *period);
    }
    for (const char* bad : {"2026-Q5", "2026-Q0", "2026-H3", "2026-13", "2026-00", "26-Q1", "2026Q1", "1999"})
        CHECK_FALSE(parse_period(bad).has_value());
    CHECK(format_period(period_containing(Recurrence::quarterly, d("2026-03-20"))) == "2026-Q1");
    CHECK(format_iso_date(review_due(*parse_period("2026"), 3)) == "2027-03-31");
    CHECK(format_iso_date(review_due(*parse_period("2026-Q4"), 2)) == "2027-02-28");
}

TEST_CASE("per-task rules: lead times, ladder, send time and extra copies", "[schedule]") {
    Seed seed;
    auto config = parse_config(R"([[task]]
id = "II.1.1"
reminder_days = [10]
level2_after_days = 3
level3_after_days = 10
level3_repeat_days = 0
send_time = "14:30"
cc = ["Sở Nội vụ", "Văn phòng UBND TP"]
)",
                               "c.toml");
    INFO((config.ok() ? "" : config.error().message));
    REQUIRE(config.ok());
    seed.reload(*config);
    const Timeline t = plan_timeline(seed.state.scheduled, *seed.state.names, seed.state.roles, seed.config.schedule,
                                     seed.calendar, d("2026-09-01"), d("2026-12-31"));
    std::vector<std::string> planned;
    for (const auto& n : t.items) {
        if (!t.task(n) || t.task(n)->code != "II.1.1") continue;
        std::string cc;
        for (const auto& name : t.cc(n)) cc += (cc.empty() ? "" : ", ") + name;
        planned.push_back(t.at(n) + " " + std::string(to_string(n.kind)) + " " + std::to_string(n.level) + " cc " + cc);
    }
    // Due Wednesday 30 September: one reminder 10 days before (Sunday 20th → Friday 18th), level 2 three days
    // after the legal end (Saturday 3 October → Monday 5th), level 3 ten days after, once.
    CHECK(planned == std::vector<std::string>{
                         "2026-09-18T14:30:00+07:00 reminder 0 cc Sở Tài chính, Trung tâm Phát triển quỹ đất thành "
                         "phố, Sở Nội vụ, Văn phòng UBND thành phố",
                         "2026-10-01T14:30:00+07:00 escalation 1 cc Sở Tài chính, Trung tâm Phát triển quỹ đất thành "
                         "phố, Sở Nội vụ, Văn phòng UBND thành phố",
                         "2026-10-05T14:30:00+07:00 escalation 2 cc Sở Tài chính, Trung tâm Phát triển quỹ đất thành "
                         "phố, Sở Nội vụ, Văn phòng UBND thành phố",
                         "2026-10-12T14:30:00+07:00 escalation 3 cc Sở Tài chính, Trung tâm Phát triển quỹ đất thành "
                         "phố, Sở Nội vụ, Văn phòng UBND thành phố, Lãnh đạo UBND thành phố",
                     });
    // On a day with other tasks at 08:00, II.1.1 at 14:30 comes after them.
    std::vector<std::string> on_first_october;
    for (const auto& n : t.items)
        if (format_iso_date(n.date()) == "2026-10-01") on_first_october.push_back(t.at(n).substr(11, 5));
    REQUIRE(on_first_october.size() > 1);
    CHECK(std::is_sorted(on_first_october.begin(), on_first_october.end()));
    CHECK(on_first_october.back() == "14:30");
}
