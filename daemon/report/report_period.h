// ReportPeriod: the quarter, half year or year a periodic report covers
// ("2026-Q4", "2026-H2", "2026"), as `nhacviec report --period` and the
// console's report page take it. A plain value.
#pragma once

#include <string>
#include <string_view>

#include "common/date.h"
#include "common/result.h"

namespace nhacviec {

struct ReportPeriod {
    std::string name;  // "2026-Q4", "2026-H2", "2026"
    Date first;        // its first day
    Date last;         // its last day
    std::string label; // "quý IV năm 2026", "6 tháng cuối năm 2026", "năm 2026"
};

// Parses a report period; anything else (a month, "2026-Q5", " 2026") is an
// error naming the value:
//   --period: expected a quarter (2026-Q4), a half year (2026-H2) or a year (2026), not "2026-07"
Result<ReportPeriod> parse_report_period(std::string_view text);

}  // namespace nhacviec
