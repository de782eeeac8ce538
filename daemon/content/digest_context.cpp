#include "content/digest_context.h"
#include "content/notification_reference.h"

#include <cstdio>

#include "common/text.h"
#include "content/notification_context.h"

namespace nhacviec {
namespace {

constexpr size_t kTitleWidth = 120;
constexpr int kUpcomingDays = 30;

std::string lead_text(const Task& task) {
    std::string out;
    for (const auto& m : task.lead) out += (out.empty() ? "" : "; ") + m.name;
    return out;
}

// "15,4%": Vietnamese writes a decimal comma.
std::string percent_text(double value) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", value);
    std::string out = buffer;
    for (char& c : out)
        if (c == '.') c = ',';
    return out;
}

// "quý III năm 2026" for a period's name; "" for the task as a whole.
std::string period_label(const std::string& period) {
    if (period.empty()) return "";
    const auto parsed = parse_period(period);
    return parsed ? period_in_words(*parsed) : period;
}

// "05/10/2026" from "2026-10-05T09:12:00+07:00"; the text itself when it is not one.
std::string reported_on(const std::string& answered_at) {
    const auto date = parse_iso_date(std::string_view(answered_at).substr(0, 10));
    return date ? format_vietnamese_date(*date) : answered_at;
}

}  // namespace

nlohmann::json digest_context(const Timeline& timeline, const PlannedNotification& n,
                              const StoredTaskRows& tasks, const ScheduledTasks& scheduled,
                              const ScheduleRules& rules, const WorkingCalendar& calendar,
                              const std::vector<UndeliverableNotice>& undeliverable, std::optional<Date> sent_on) {
    const Date today = sent_on.value_or(n.date());
    const StatusReport report = build_report(scheduled, rules, calendar, today);
    nlohmann::json c;
    c["key"] = timeline.key(n);
    c["reference"] = notification_reference(timeline.key(n));
    c["to"] = timeline.name(n.to);
    std::string cc;
    for (const auto& name : timeline.cc(n)) cc += (cc.empty() ? "" : "; ") + name;
    c["cc_text"] = cc;
    c["as_of"] = format_vietnamese_date(today);
    c["total"] = report.entries.size();
    c["with_deadline"] = report.with_deadline();

    nlohmann::json counts = nlohmann::json::array();
    for (ReportCategory category : kReportCategories) {
        const auto percent = report.percent(category);
        counts.push_back(
            {{"label", label(category)}, {"count", report.count(category)}, {"percent", percent ? percent_text(*percent) : ""}});
    }
    c["counts"] = counts;

    const ReviewPeriod quarter = period_containing(Recurrence::quarterly, today);
    const Date quarter_end = period_last_day(quarter);
    nlohmann::json overdue = nlohmann::json::array(), upcoming = nlohmann::json::array(),
                   reviews = nlohmann::json::array(), undetermined = nlohmann::json::array(),
                   awaiting = nlohmann::json::array(), extensions = nlohmann::json::array();
    for (const auto& e : report.entries) {
        const Task& task = tasks[e.task].task;
        const nlohmann::json row = {{"code", task.code},
                                    {"title", text::shorten(task.title, kTitleWidth)},
                                    {"lead_text", lead_text(task)}};
        if (e.category == ReportCategory::overdue) {
            nlohmann::json r = row;
            r["legal_due"] = format_vietnamese_date(*e.legal_due);
            r["days"] = e.days;
            r["waiting"] = e.waiting;
            r["reported_done"] = e.awaiting != nullptr;
            r["extended"] = e.extended_from.has_value();
            overdue.push_back(r);
        } else if ((e.category == ReportCategory::due_soon || e.category == ReportCategory::in_progress) &&
                   e.days <= kUpcomingDays) {
            nlohmann::json r = row;
            r["legal_due"] = format_vietnamese_date(*e.legal_due);
            r["days"] = e.days;
            r["extended"] = e.extended_from.has_value();
            upcoming.push_back(r);
        } else if (e.category == ReportCategory::undetermined) {
            nlohmann::json r = row;
            r["deadline_text"] = task.deadline.text;
            undetermined.push_back(r);
        }
        const ScheduledTask& s = scheduled[e.task];
        for (const auto& [period, a] : s.status.awaiting) {
            nlohmann::json r = row;
            r["period_label"] = period_label(period);
            r["agency"] = a.agency;
            r["done_on"] = format_vietnamese_date(a.done_on);
            r["document_number"] = a.document_number;
            r["document_date"] = format_vietnamese_date(a.document_date);
            r["reported_on"] = reported_on(a.answered_at);
            awaiting.push_back(r);
        }
        for (const auto& x : s.status.extensions) {
            nlohmann::json r = row;
            r["period_label"] = period_label(x.period);
            r["agency"] = x.agency;
            r["legal_due"] = e.legal_due ? format_vietnamese_date(*e.legal_due) : "";
            r["proposed_due"] = format_vietnamese_date(x.proposed_due);
            r["reason"] = text::shorten(x.reason, kTitleWidth);
            r["reported_on"] = reported_on(x.answered_at);
            extensions.push_back(r);
        }
        if (auto review = next_review_period(s, rules, today); review && review->due <= quarter_end) {
            nlohmann::json r = row;
            r["period_label"] = period_in_words(review->period);
            r["review_due"] = format_vietnamese_date(review->due);
            reviews.push_back(r);
        }
    }
    nlohmann::json failed = nlohmann::json::array();
    for (const auto& u : undeliverable)
        failed.push_back({{"recipient", u.recipient}, {"subject", u.subject}, {"reason", u.reason}});
    // The monitoring agency's decisions, counted by task: shown once there is any.
    c["decisions"] = {{"awaiting", report.awaiting_confirmation()},
                      {"confirmed", report.confirmed()},
                      {"returned", report.returned()},
                      {"extended", report.extended()}};
    c["has_decisions"] = report.awaiting_confirmation() + report.confirmed() + report.returned() + report.extended() > 0;
    c["overdue_count"] = overdue.size();
    c["all_clear"] = overdue.empty() && upcoming.empty() && reviews.empty() && undetermined.empty() &&
                     failed.empty() && awaiting.empty() && extensions.empty();
    c["overdue"] = overdue;
    c["upcoming"] = upcoming;
    c["reviews"] = reviews;
    c["undetermined"] = undetermined;
    c["undeliverable"] = failed;
    c["awaiting"] = awaiting;
    c["extension_requests"] = extensions;
    for (const char* list :
         {"overdue", "upcoming", "reviews", "undetermined", "undeliverable", "awaiting", "extension_requests"})
        c[std::string("has_") + list] = !c[list].empty();
    return c;
}

}  // namespace nhacviec
