// The console's report page (/quan-ly/bao-cao): a form choosing the period
// (a quarter, half year or year that has begun) and the format (Word or
// Excel) of the periodic report, which the browser then downloads. Pure: a
// view goes in, the HTML of the page's main part comes out; every text from
// outside is escaped here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "web/console_page.h"

namespace nhacviec::web {

// The form's fields: the period ("2026-Q4") and the format ("docx", "xlsx").
inline constexpr std::string_view kReportPeriodField = "ky";
inline constexpr std::string_view kReportFormatField = "dinh-dang";

// What the form shows. A plain value.
struct ReportFormView {
    Date today;
    std::optional<Date> plans_from;  // the day the earliest plan was issued; none without a plan
    std::string chosen_period;  // preselected; "" for the current quarter
    std::string chosen_format;  // "docx" or "xlsx"; "" for docx
    std::string error;          // Vietnamese, plain text; "" for none
};

// The periods the form offers, newest first: this year's and last year's
// quarters, half years and years that have begun by `today` and not ended
// before `plans_from`, as "2026-Q4".
std::vector<std::string> offered_report_periods(Date today, std::optional<Date> plans_from);

// The main part of the page (inside the console's frame).
std::string render_report_form(const ReportFormView& view);

}  // namespace nhacviec::web
