#include "web/console_report_page.h"

#include "common/text.h"
#include "report/report_period.h"
#include "web/console_page.h"
#include "web/console_task_list.h"

namespace nhacviec::web {
namespace {

std::string e(std::string_view s) { return text::html_escape(s); }

// "quý IV năm 2026" → "Quý IV năm 2026"
std::string capitalised(std::string label) {
    if (label.starts_with("quý")) label.replace(0, 1, "Q");
    else if (label.starts_with("năm")) label.replace(0, 1, "N");
    return label;
}

std::string current_quarter(Date today) {
    const unsigned month = static_cast<unsigned>(today.month());
    return std::to_string(static_cast<int>(today.year())) + "-Q" + std::to_string((month - 1) / 3 + 1);
}

}  // namespace

std::vector<std::string> offered_report_periods(Date today, std::optional<Date> plans_from) {
    std::vector<std::string> out;
    const int year = static_cast<int>(today.year());
    for (int y = year; y >= year - 1; --y) {
        const std::string ys = std::to_string(y);
        for (const std::string& name : {ys + "-Q4", ys + "-Q3", ys + "-H2", ys + "-Q2", ys + "-Q1", ys + "-H1", ys}) {
            const auto period = parse_report_period(name);
            if (period && period->first <= today && (!plans_from || period->last >= *plans_from))
                out.push_back(name);
        }
    }
    return out;
}

std::string render_report_form(const ReportFormView& view) {
    const std::string chosen = view.chosen_period.empty() ? current_quarter(view.today) : view.chosen_period;
    const std::string format = view.chosen_format.empty() ? "docx" : view.chosen_format;
    std::string m;
    m += render_console_nav(ConsoleSection::report);
    m += "<h1>Báo cáo tình hình thực hiện</h1>\n<section>\n";
    m += "<p class=\"note\">Báo cáo định kỳ (quý, 6 tháng, năm) gửi Ủy ban nhân dân thành phố: số liệu tổng hợp theo "
         "tình trạng, danh sách nhiệm vụ theo từng tình trạng và tổng hợp theo cơ quan chủ trì. Số liệu tính đến ngày "
         "cuối kỳ; kỳ chưa kết thúc thì tính đến hôm nay.</p>\n";
    if (!view.error.empty()) m += "<p class=\"error\" id=\"report-error\" role=\"alert\">" + e(view.error) + "</p>\n";
    m += "<form class=\"filters\" method=\"get\" action=\"" + std::string(kConsoleReport) + "\">\n";
    m += "<label for=\"ky\">Kỳ báo cáo</label>\n<select id=\"ky\" name=\"" + std::string(kReportPeriodField) + "\">\n";
    for (const std::string& name : offered_report_periods(view.today, view.plans_from)) {
        const auto period = parse_report_period(name);
        m += "<option value=\"" + e(name) + "\"" + (name == chosen ? " selected" : "") + ">" +
             e(capitalised(period->label)) + "</option>\n";
    }
    m += "</select>\n<label for=\"dinh-dang\">Định dạng</label>\n<select id=\"dinh-dang\" name=\"" +
         std::string(kReportFormatField) + "\">\n";
    m += std::string("<option value=\"docx\"") + (format == "docx" ? " selected" : "") + ">Văn bản Word (.docx)</option>\n";
    m += std::string("<option value=\"xlsx\"") + (format == "xlsx" ? " selected" : "") + ">Bảng tính Excel (.xlsx)</option>\n";
    m += "</select>\n<button type=\"submit\">Tải báo cáo</button>\n</form>\n</section>\n";
    return m;
}

}  // namespace nhacviec::web
