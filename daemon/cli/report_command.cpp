// nhacviec report [--as-of YYYY-MM-DD] [--json]: the tasks by report
// category (domain guide §5), with counts and percentages over the tasks
// that have a deadline.
// nhacviec report --period P [--format json|docx|xlsx] [--output FILE]: the
// periodic report the monitoring office files with the city.
#include <cstdio>
#include <ostream>

#include "cli/command_list.h"
#include "app/period_report_source.h"
#include "app/plan_state.h"
#include "cli/setup.h"
#include "common/text.h"
#include "report/report_file.h"
#include "report/report_period.h"
#include "report/status_report.h"

namespace nhacviec::cli {
namespace {

std::string percent_text(double value) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", value);
    return buffer;
}

nlohmann::json awaiting_json(const AwaitingConfirmation& a) {
    return {{"period", a.period.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.period)},
            {"agency", a.agency},
            {"done_on", format_iso_date(a.done_on)},
            {"document_number", a.document_number},
            {"document_date", format_iso_date(a.document_date)},
            {"reported_at", a.answered_at}};
}

nlohmann::json extension_json(const OpenExtension& x) {
    return {{"period", x.period.empty() ? nlohmann::json(nullptr) : nlohmann::json(x.period)},
            {"agency", x.agency},
            {"proposed_due", format_iso_date(x.proposed_due)},
            {"reason", x.reason},
            {"requested_at", x.answered_at}};
}

nlohmann::json entry_json(const ReportEntry& e, const app::PlanState& state) {
    const Task& t = state.tasks[e.task].task;
    nlohmann::json lead = nlohmann::json::array();
    for (const auto& m : t.lead) lead.push_back(m.name);
    nlohmann::json out = {{"id", t.code},
                          {"plan", t.plan_number},
                          {"title", t.title},
                          {"lead", lead},
                          {"deadline", t.deadline.text},
                          {"status", to_string(state.scheduled[e.task].status.overall.status)}};
    out["legal_due"] = e.legal_due ? nlohmann::json(format_iso_date(*e.legal_due)) : nlohmann::json(nullptr);
    out["done_on"] = e.done_on ? nlohmann::json(format_iso_date(*e.done_on)) : nlohmann::json(nullptr);
    if (e.category == ReportCategory::overdue) out["days_overdue"] = e.days;
    if (e.category == ReportCategory::due_soon || e.category == ReportCategory::in_progress) out["days_left"] = e.days;
    if (e.category == ReportCategory::ongoing) {
        out["latest_review"] = e.review_period.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.review_period);
        out["review"] = to_string(e.review);
    }
    out["waiting"] = e.waiting;
    // Only with answers: a plan without any keeps its output as it was.
    if (e.awaiting) out["awaiting_confirmation"] = awaiting_json(*e.awaiting);
    if (e.extended_from) {
        out["extended"] = true;  // "đã gia hạn"
        out["original_due"] = format_iso_date(*e.extended_from);
        if (e.extended_period != 0) {
            const std::string period = format_period(unpack_period(e.extended_period));
            out["extended_period"] = period;
            if (const DeadlineMove* moved = state.scheduled[e.task].status.period_moved(period))
                out["extended_due"] = format_iso_date(moved->due);
        }
    }
    if (e.confirmed) out["completion_confirmed"] = true;
    if (e.returned) out["completion_returned"] = true;
    if (!e.extensions.empty()) {
        nlohmann::json requests = nlohmann::json::array();
        for (const auto& x : e.extensions) requests.push_back(extension_json(x));
        out["extension_requests"] = requests;
    }
    return out;
}

// report --period: the periodic report, printed (JSON) or written to a file.
int run_period_report(Invocation& inv, const std::string& period_text, const std::optional<std::string>& format_text,
                      const std::optional<std::string>& output) {
    const auto period = parse_report_period(period_text);
    if (!period) return inv.err << "nhacviec: " << period.error().message << "\n", kExitUsage;
    ReportFormat format = ReportFormat::json;
    if (format_text) {
        const auto parsed = report_format_from_string(*format_text);
        if (!parsed)
            return inv.err << "nhacviec: --format: expected json, docx or xlsx, not \""
                           << text::visible(text::shorten(*format_text, 16)) << "\"\n",
                   kExitUsage;
        format = *parsed;
    }
    if (format != ReportFormat::json && !output)
        return inv.err << "nhacviec: --format " << to_string(format) << " writes a file: give --output FILE (e.g. "
                       << "--output bao-cao-" << period->name << "." << to_string(format) << ")\n",
               kExitUsage;
    if (output && output->empty()) return inv.err << "nhacviec: --output: the file name is empty\n", kExitUsage;
    auto workspace = app::open_workspace(inv.options);
    if (!workspace) return inv.err << "nhacviec: " << workspace.error().message << "\n", kExitFailure;
    auto report = app::make_period_report(*workspace->db, workspace->config, workspace->directory,
                                          workspace->calendar, workspace->state, *period, today());
    if (!report) return inv.err << "nhacviec: " << report.error().message << "\n", kExitUsage;
    if (!output) {
        inv.out << to_json(*report).dump(2) << "\n";
        return kExitOk;
    }
    if (auto written = write_report_file(*report, format, *output); !written)
        return inv.err << "nhacviec: " << written.error().message << "\n", kExitFailure;
    return kExitOk;
}

}  // namespace

int run_report(Invocation& inv) {
    bool json = false;
    std::optional<std::string> as_of_text, period, format, output;
    for (size_t i = 0; i < inv.args.size(); ++i) {
        if (inv.args[i] == "--json") json = true;
        else if (inv.args[i] == "--as-of" && i + 1 < inv.args.size()) as_of_text = inv.args[++i];
        else if (inv.args[i] == "--period" && i + 1 < inv.args.size()) period = inv.args[++i];
        else if (inv.args[i] == "--format" && i + 1 < inv.args.size()) format = inv.args[++i];
        else if (inv.args[i] == "--output" && i + 1 < inv.args.size()) output = inv.args[++i];
        else return inv.err << usage("report"), kExitUsage;
    }
    if (period) {
        if (as_of_text || json)
            return inv.err << "nhacviec: --period goes with --format, not with --as-of or --json (a period's report "
                              "is as of its last day)\n",
                   kExitUsage;
        return run_period_report(inv, *period, format, output);
    }
    if (format || output) return inv.err << "nhacviec: --format and --output need --period\n", kExitUsage;
    const auto as_of_date = as_of_option(as_of_text);
    if (!as_of_date) return inv.err << "nhacviec: " << as_of_date.error().message << "\n", kExitUsage;
    const Date as_of = *as_of_date;
    auto workspace = app::open_workspace(inv.options);
    if (!workspace) return inv.err << "nhacviec: " << workspace.error().message << "\n", kExitFailure;
    const Config& config = workspace->config;
    const WorkingCalendar& calendar = workspace->calendar;
    const app::PlanState& state = workspace->state;

    const StatusReport report = build_report(state.scheduled, config.schedule, calendar, as_of);
    if (json) {
        nlohmann::json categories = nlohmann::json::array();
        for (ReportCategory category : kReportCategories) {
            nlohmann::json tasks = nlohmann::json::array();
            for (const auto& e : report.entries)
                if (e.category == category) tasks.push_back(entry_json(e, state));
            const auto percent = report.percent(category);
            categories.push_back({{"key", to_string(category)},
                                  {"label", label(category)},
                                  {"count", report.count(category)},
                                  {"percent", percent ? nlohmann::json(*percent) : nlohmann::json(nullptr)},
                                  {"tasks", tasks}});
        }
        nlohmann::json out = {{"as_of", format_iso_date(as_of)},
                              {"total", report.entries.size()},
                              {"with_deadline", report.with_deadline()},
                              {"categories", categories}};
        if (report.awaiting_confirmation() > 0 || report.open_extensions() > 0) {
            out["awaiting_confirmation"] = report.awaiting_confirmation();
            out["open_extension_requests"] = report.open_extensions();
        }
        // Likewise only once the monitoring agency has decided on something.
        if (report.confirmed() > 0 || report.returned() > 0 || report.extended() > 0) {
            out["completions_confirmed"] = report.confirmed();
            out["completions_returned"] = report.returned();
            out["extended"] = report.extended();
        }
        inv.out << out.dump(2) << "\n";
        return kExitOk;
    }
    inv.out << "Báo cáo tình hình thực hiện nhiệm vụ đến ngày " << format_iso_date(as_of) << "\n"
            << "Tổng số: " << report.entries.size() << " nhiệm vụ, " << report.with_deadline() << " có thời hạn\n";
    if (report.awaiting_confirmation() > 0)
        inv.out << "Đã báo cáo hoàn thành, chờ xác nhận: " << report.awaiting_confirmation() << "\n";
    if (report.open_extensions() > 0) inv.out << "Đề nghị gia hạn chưa xử lý: " << report.open_extensions() << "\n";
    if (report.confirmed() > 0) inv.out << "Đã xác nhận hoàn thành: " << report.confirmed() << "\n";
    if (report.returned() > 0) inv.out << "Báo cáo hoàn thành bị trả lại: " << report.returned() << "\n";
    if (report.extended() > 0) inv.out << "Đã gia hạn: " << report.extended() << "\n";
    for (ReportCategory category : kReportCategories) {
        const auto percent = report.percent(category);
        inv.out << "\n" << label(category) << ": " << report.count(category);
        if (percent) inv.out << " (" << percent_text(*percent) << ")";
        inv.out << "\n";
        for (const auto& e : report.entries) {
            if (e.category != category) continue;
            const Task& t = state.tasks[e.task].task;
            inv.out << "  " << text::visible(t.code) << "  " << text::visible(t.deadline.text);
            if (e.legal_due) inv.out << " (hạn " << format_iso_date(*e.legal_due) << ")";
            if (e.extended_from && e.extended_period != 0) {
                // One review period of an ongoing task: "đã gia hạn kỳ 2026-Q3 từ 2026-09-30 đến 2026-10-30".
                const std::string period = format_period(unpack_period(e.extended_period));
                inv.out << ", đã gia hạn kỳ " << period << " từ " << format_iso_date(*e.extended_from);
                if (const DeadlineMove* moved = state.scheduled[e.task].status.period_moved(period))
                    inv.out << " đến " << format_iso_date(moved->due);
            } else if (e.extended_from) {
                inv.out << ", đã gia hạn từ " << format_iso_date(*e.extended_from);
            }
            if (category == ReportCategory::overdue) inv.out << ", quá hạn " << e.days << " ngày";
            if (category == ReportCategory::due_soon) inv.out << ", còn " << e.days << " ngày";
            if (e.done_on) inv.out << ", hoàn thành " << format_iso_date(*e.done_on);
            if (category == ReportCategory::ongoing) {
                inv.out << ", " << label(e.review);
                if (!e.review_period.empty()) inv.out << " kỳ " << text::visible(e.review_period);
            }
            if (e.waiting) inv.out << ", chờ điều kiện";
            if (e.returned && !e.awaiting && !e.done_on) inv.out << ", báo cáo hoàn thành bị trả lại";
            if (e.awaiting) {
                inv.out << ", đã báo cáo hoàn thành";
                if (!e.awaiting->period.empty()) inv.out << " kỳ " << text::visible(e.awaiting->period);
                inv.out << " ngày " << format_iso_date(e.awaiting->done_on) << " ("
                        << text::visible(e.awaiting->document_number) << "), chờ xác nhận";
            }
            for (const auto& x : e.extensions)
                inv.out << ", đề nghị gia hạn đến " << format_iso_date(x.proposed_due);
            inv.out << "\n";
        }
    }
    return kExitOk;
}

}  // namespace nhacviec::cli
