// A task's status in words, as the dashboard's table and the agency's page
// show it: the report category with its days or date ("Quá hạn 12 ngày",
// "Hoàn thành đúng hạn (30/09/2026)"), the review of an ongoing task, and the
// sub-states beside the category: waiting on the precondition, a completion
// reported and awaiting confirmation, open extension requests. Pure.
#pragma once

#include <string>

#include "report/status_report.h"

namespace nhacviec {

// "chưa bắt đầu", "đang thực hiện", "chờ điều kiện thực hiện", "đã hoàn
// thành ngày 30/09/2026": a recorded status, in lower case.
std::string work_status_in_words(const StatusEntry& status);

// "Quá hạn 12 ngày; đã báo cáo hoàn thành ngày 30/09/2026, chờ xác nhận".
std::string status_in_words(const ReportEntry& entry);

}  // namespace nhacviec
