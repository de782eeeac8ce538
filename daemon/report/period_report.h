// PeriodReport: the periodic report the monitoring office files with the city
// (báo cáo tình hình thực hiện, domain guide §5 and §7) for a quarter, half
// year or year: the counts and percentages of the status report, the tasks of
// each category with their agency's report document, and a summary per lead
// agency. One model that `report --period` prints as JSON and the .docx and
// .xlsx writers render. A plain value built by build_period_report from a
// StatusReport; owned by its caller.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/date.h"
#include "plan/stored_task.h"
#include "report/report_period.h"
#include "report/status_report.h"

namespace nhacviec {

// The report document (số/ký hiệu and date) a lead agency filed for a task:
// the confirmed completion's, or the one awaiting confirmation.
struct FiledDocument {
    std::string number;  // "125/BC-STC"
    Date date;
};

// One plan the report covers.
struct ReportedPlan {
    std::string number;  // "90/KH-UBND"
    int year = 0;
    std::optional<Date> issued_on;
};

// One task's row in a category's table.
struct PeriodReportRow {
    std::string id;             // "I.3"
    std::string plan;           // "90/KH-UBND"
    std::string title;
    std::string lead;           // the lead agencies, joined by "; "
    std::string deadline;       // the deadline as the plan writes it
    std::optional<Date> due;    // the legal end of the deadline; none without one
    std::string status;         // WorkStatus key: "not_started", "in_progress", "waiting", "done"
    std::string status_label;   // in Vietnamese: "Đã hoàn thành ngày 30/03/2026", …
    std::string report_number;  // "" when the agency filed none
    std::optional<Date> report_date;
    std::optional<int> days_late;  // done late or overdue: days past the legal end
};

struct PeriodReportCategory {
    ReportCategory category = ReportCategory::in_progress;
    size_t count = 0;
    std::optional<double> percent;  // over the tasks with a deadline; none for categories without one
    std::vector<PeriodReportRow> rows;
};

// One lead agency's line: the tasks it leads, done on time, done late, overdue.
struct AgencySummary {
    std::string name;
    size_t tasks = 0;
    size_t on_time = 0;
    size_t late = 0;
    size_t overdue = 0;
};

struct PeriodReport {
    ReportPeriod period;
    Date as_of;              // the period's last day, or the day made when the period has not ended
    bool period_ended = false;
    Date made_on;            // the document's date
    std::string authority;   // "UBND thành phố Hải Phòng"
    std::string monitoring;  // "Sở Tài chính"
    std::string place;       // "Hải Phòng"
    std::string number_symbol;            // "BC-STC": "Số:      /BC-STC", the number left blank
    std::string signer_title;             // "GIÁM ĐỐC"; lines separated by line feeds
    std::string signer_name;              // "" leaves the place blank
    std::vector<std::string> recipients;  // the "Nơi nhận:" list, in order
    std::vector<ReportedPlan> plans;
    size_t total = 0;
    size_t with_deadline = 0;
    std::vector<PeriodReportCategory> categories;  // in the order of kReportCategories
    std::vector<AgencySummary> agencies;           // by name, in the order of first appearance
};

// What build_period_report reads besides the status report.
struct PeriodReportInput {
    ReportPeriod period;
    Date made_on;  // today
    std::string authority;
    std::string monitoring;
    std::string place;
    std::string number_symbol;
    std::string signer_title;
    std::string signer_name;
    std::vector<std::string> recipients;
    std::vector<ReportedPlan> plans;
    const std::vector<StoredTask>* tasks = nullptr;             // report.entries[i].task indexes it
    const ScheduledTasks* scheduled = nullptr;                  // parallel to *tasks: their statuses
    const std::vector<std::optional<FiledDocument>>* filed = nullptr;  // parallel to *tasks; may be null
};

// The day a report for `period` is made as of: its last day, or `today` when
// it has not ended yet. An error when the period has not begun by `today`:
//   --period: 2027-Q1 has not begun yet (today is 2026-12-06)
Result<Date> period_report_as_of(const ReportPeriod& period, Date today);

// The report; `status` must have been built as of period_report_as_of(…).
PeriodReport build_period_report(const StatusReport& status, const PeriodReportInput& input);

// The model as `report --period … --format json` prints it (README).
nlohmann::json to_json(const PeriodReport& report);

// "Kế hoạch số 90/KH-UBND ngày 20/3/2026", several joined by ", ".
std::string plans_in_words(const PeriodReport& report);
// "Đã hoàn thành", "Đang thực hiện", …: a row's status words.
std::string status_words(WorkStatus status);

}  // namespace nhacviec
