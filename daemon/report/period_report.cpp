#include "report/period_report.h"

#include <map>

namespace nhacviec {
namespace {

int days_between(Date from, Date to) {
    return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

std::string lead_names(const Task& task) {
    std::string out;
    for (const auto& m : task.lead) {
        if (!out.empty()) out += "; ";
        out += m.name;
    }
    return out;
}

std::string status_label(const ReportEntry& e, WorkStatus status) {
    std::string out = status_words(status);
    if (e.done_on) out += " ngày " + format_vietnamese_date(*e.done_on);
    if (e.category == ReportCategory::ongoing) {
        out += "; ";
        out += label(e.review);
        if (!e.review_period.empty()) out += " kỳ " + e.review_period;
    }
    if (e.awaiting) out += "; đã báo cáo hoàn thành, chờ xác nhận";
    if (e.extended_from) out += "; đã gia hạn từ " + format_vietnamese_date(*e.extended_from);
    return out;
}

nlohmann::json date_or_null(const std::optional<Date>& d) {
    return d ? nlohmann::json(format_iso_date(*d)) : nlohmann::json(nullptr);
}

}  // namespace

std::string status_words(WorkStatus status) {
    switch (status) {
        case WorkStatus::not_started: return "Chưa thực hiện";
        case WorkStatus::in_progress: return "Đang thực hiện";
        case WorkStatus::waiting: return "Chờ điều kiện thực hiện";
        case WorkStatus::done: return "Đã hoàn thành";
    }
    return "";
}

Result<Date> period_report_as_of(const ReportPeriod& period, Date today) {
    if (today < period.first)
        return Error{"--period: " + period.name + " has not begun yet (today is " + format_iso_date(today) + ")"};
    return period.last < today ? period.last : today;
}

PeriodReport build_period_report(const StatusReport& status, const PeriodReportInput& input) {
    PeriodReport out;
    out.period = input.period;
    out.as_of = status.as_of;
    out.period_ended = status.as_of == input.period.last;
    out.made_on = input.made_on;
    out.authority = input.authority;
    out.monitoring = input.monitoring;
    out.place = input.place;
    out.number_symbol = input.number_symbol;
    out.signer_title = input.signer_title;
    out.signer_name = input.signer_name;
    out.recipients = input.recipients;
    out.plans = input.plans;
    out.total = status.entries.size();
    out.with_deadline = status.with_deadline();
    std::map<std::string, size_t> agency_index;
    for (ReportCategory category : kReportCategories) {
        PeriodReportCategory c;
        c.category = category;
        c.count = status.count(category);
        c.percent = status.percent(category);
        out.categories.push_back(std::move(c));
    }
    for (const ReportEntry& e : status.entries) {
        const StoredTask& stored = (*input.tasks)[e.task];
        const Task& t = stored.task;
        const WorkStatus work = (*input.scheduled)[e.task].status.overall.status;
        PeriodReportRow row;
        row.id = t.code;
        row.plan = t.plan_number;
        row.title = t.title;
        row.lead = lead_names(t);
        row.deadline = t.deadline.text;
        row.due = e.legal_due;
        row.status = std::string(to_string(work));
        row.status_label = status_label(e, work);
        if (input.filed && e.task < input.filed->size() && (*input.filed)[e.task]) {
            row.report_number = (*input.filed)[e.task]->number;
            row.report_date = (*input.filed)[e.task]->date;
        }
        if (e.category == ReportCategory::overdue) row.days_late = e.days;
        if (e.category == ReportCategory::done_late && e.done_on && e.legal_due)
            row.days_late = days_between(*e.legal_due, *e.done_on);
        for (auto& c : out.categories)
            if (c.category == e.category) c.rows.push_back(std::move(row));
        for (const auto& m : t.lead) {
            auto [it, added] = agency_index.try_emplace(m.name, out.agencies.size());
            if (added) out.agencies.push_back(AgencySummary{m.name});
            AgencySummary& a = out.agencies[it->second];
            ++a.tasks;
            a.on_time += e.category == ReportCategory::done_on_time ? 1 : 0;
            a.late += e.category == ReportCategory::done_late ? 1 : 0;
            a.overdue += e.category == ReportCategory::overdue ? 1 : 0;
        }
    }
    return out;
}

nlohmann::json to_json(const PeriodReport& report) {
    nlohmann::json plans = nlohmann::json::array();
    for (const auto& p : report.plans)
        plans.push_back({{"number", p.number}, {"year", p.year}, {"issued_on", date_or_null(p.issued_on)}});
    nlohmann::json categories = nlohmann::json::array();
    for (const auto& c : report.categories) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& r : c.rows)
            rows.push_back({{"id", r.id},
                            {"plan", r.plan},
                            {"title", r.title},
                            {"lead", r.lead},
                            {"deadline", r.deadline},
                            {"due", date_or_null(r.due)},
                            {"status", r.status},
                            {"status_label", r.status_label},
                            {"report_number", r.report_number},
                            {"report_date", date_or_null(r.report_date)},
                            {"days_late", r.days_late ? nlohmann::json(*r.days_late) : nlohmann::json(nullptr)}});
        categories.push_back({{"key", to_string(c.category)},
                              {"label", label(c.category)},
                              {"count", c.count},
                              {"percent", c.percent ? nlohmann::json(*c.percent) : nlohmann::json(nullptr)},
                              {"tasks", rows}});
    }
    nlohmann::json agencies = nlohmann::json::array();
    for (const auto& a : report.agencies)
        agencies.push_back({{"name", a.name},
                            {"tasks", a.tasks},
                            {"on_time", a.on_time},
                            {"late", a.late},
                            {"overdue", a.overdue}});
    return {{"period",
             {{"name", report.period.name},
              {"label", report.period.label},
              {"first", format_iso_date(report.period.first)},
              {"last", format_iso_date(report.period.last)},
              {"ended", report.period_ended}}},
            {"as_of", format_iso_date(report.as_of)},
            {"made_on", format_iso_date(report.made_on)},
            {"authority", report.authority},
            {"monitoring", report.monitoring},
            {"place", report.place},
            {"number_symbol", report.number_symbol},
            {"signer_title", report.signer_title},
            {"signer_name", report.signer_name},
            {"recipients", report.recipients},
            {"plans", plans},
            {"total", report.total},
            {"with_deadline", report.with_deadline},
            {"categories", categories},
            {"agencies", agencies}};
}

std::string plans_in_words(const PeriodReport& report) {
    std::string out;
    for (const auto& p : report.plans) {
        if (!out.empty()) out += ", ";
        out += "Kế hoạch số " + p.number;
        if (p.issued_on) out += " ngày " + format_vietnamese_date(*p.issued_on);
    }
    return out;
}

}  // namespace nhacviec
