// GET /quan-ly/bao-cao: the console's report page, and the periodic report
// it answers as a download (Content-Disposition) when the form names a
// period and a format. Part of Api (web/api.h); the page is
// web/console_report_page. Any signed-in account may read it (admin,
// monitor, viewer); a monitor limited to some plans gets the report of
// those. The report is made off the loop, on a connection of the render
// threads, into a temporary folder that is removed before the answer goes.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "app/period_report_source.h"
#include "app/plan_snapshot.h"
#include "common/clock.h"
#include "common/log.h"
#include "report/report_file.h"
#include "report/report_period.h"
#include "web/api.h"
#include "web/console_page.h"
#include "web/console_report_page.h"
#include "web/download_response.h"
#include "web/read_connections.h"

namespace nhacviec {
namespace {

HttpResponse report_unavailable(std::chrono::sys_seconds now) {
    HttpResponse r = Api::console_response(
        503, web::render_console_notice("Tạm thời chưa lập được báo cáo",
                                        "Hệ thống đang gặp sự cố khi đọc, ghi dữ liệu. Xin thử lại sau ít phút.", now));
    r.headers.emplace_back("Retry-After", "30");
    return r;
}

// The file's bytes, written through write_report_file into a fresh temporary folder removed afterwards.
Result<std::string> report_bytes(const PeriodReport& report, ReportFormat format) {
    std::string pattern = (std::filesystem::temp_directory_path() / "nhacviec-report-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) return Error{"cannot make a temporary folder under " + pattern};
    const std::filesystem::path folder = pattern;
    const std::filesystem::path file = folder / ("bao-cao." + std::string(to_string(format)));
    Result<std::string> out = Error{""};
    if (auto written = write_report_file(report, format, file); !written) {
        out = written.error();
    } else {
        std::ifstream in(file, std::ios::binary);
        out = std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof()) out = Error{file.string() + ": cannot be read back"};
    }
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
    return out;
}

}  // namespace

Api::Answer Api::console_report(const Call& call) {
    auto checked = console_session(call);
    if (auto* refused = std::get_if<HttpResponse>(&checked)) return std::move(*refused);
    const app::SignedIn& session = std::get<app::SignedIn>(checked);
    const auto now = clock_.now();
    const Date today = vietnam_date(now);
    const auto field = [&](std::string_view name) {
        const auto it = call.query.find(std::string(name));
        return it == call.query.end() ? std::optional<std::string>() : std::optional<std::string>(it->second);
    };
    const auto period_text = field(web::kReportPeriodField);
    const auto format_text = field(web::kReportFormatField);

    const app::PlanState& state = *call.snapshot->state;
    web::ReportFormView view{today, std::nullopt, "", "", ""};
    if (!state.tasks.empty()) view.plans_from = app::first_plan_day(state, today);
    std::optional<ReportPeriod> period;
    ReportFormat format = ReportFormat::docx;  // the console offers the documents only
    bool format_known = false;
    if (period_text) {
        auto parsed = parse_report_period(*period_text);
        if (!parsed) {
            view.error = "Kỳ báo cáo không hợp lệ: xin chọn một quý, 6 tháng hoặc một năm trong danh sách.";
        } else if (parsed->first > today) {
            view.error = "Kỳ báo cáo " + parsed->label + " chưa bắt đầu: xin chọn một kỳ đã bắt đầu.";
        } else if (view.plans_from && parsed->last < *view.plans_from) {
            view.error = "Kỳ báo cáo " + parsed->label + " đã kết thúc trước khi kế hoạch được ban hành: xin chọn "
                         "một kỳ sau đó.";
        } else {
            view.chosen_period = parsed->name;
            period = std::move(*parsed);
        }
        const std::string wanted = format_text.value_or("docx");
        format_known = wanted == "docx" || wanted == "xlsx";
        if (format_known) {
            format = wanted == "xlsx" ? ReportFormat::xlsx : ReportFormat::docx;
            view.chosen_format = wanted;
        } else if (view.error.empty()) {
            view.error = "Định dạng không hợp lệ: xin chọn Word (.docx) hoặc Excel (.xlsx).";
        }
    }
    if (!period || !format_known) {
        auto frame = console_frame(call, session);
        if (!frame) {
            log::error("console: " + frame.error().message);
            return report_unavailable(now);
        }
        return console_response(view.error.empty() ? 200 : 400,
                                web::render_console_page(*frame, "Báo cáo định kỳ", web::render_report_form(view)));
    }
    return Answer::deferred([readers = readers_, snapshot = call.snapshot, period = std::move(*period), format,
                             today, now, plans = session.account.plans]() -> HttpResponse {
        auto db = readers->lend();
        if (!db) {
            log::error("console: the report cannot be made: " + db.error().message);
            return report_unavailable(now);
        }
        const ServiceSetup& setup = *snapshot->setup;
        auto report = app::make_period_report(**db, setup.config, setup.directory, setup.calendar, *snapshot->state,
                                              period, today, plans);
        if (!report) {
            log::error("console: the report of " + period.name + " cannot be made: " + report.error().message);
            return report_unavailable(now);
        }
        auto bytes = report_bytes(*report, format);
        if (!bytes) {
            log::error("console: the report of " + period.name + " cannot be written: " + bytes.error().message);
            return report_unavailable(now);
        }
        const std::string name = "bao-cao-" + period.name + "." + std::string(to_string(format));
        return web::download_response(std::string(media_type(format)), std::move(*bytes), name);
    });
}

}  // namespace nhacviec
