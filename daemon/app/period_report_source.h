// The periodic report (báo cáo tình hình thực hiện) from the database: the
// status report as of the period's last day (or today, when the period has
// not ended), the plans it covers and the report documents the lead agencies
// filed. What `nhacviec report --period` and the console's report page share.
// Called on the thread that owns the Database.
#pragma once

#include "agency/agency_directory.h"
#include "app/plan_state.h"
#include "calendar/working_calendar.h"
#include "common/result.h"
#include "config/config.h"
#include "report/period_report.h"
#include "storage/database.h"

namespace nhacviec::app {

// The report of the plans `only_plans` names (plan numbers; empty: every
// plan). An error when the period has not begun by `today`, when it ended
// before the plan was issued, or when the database cannot be read.
Result<PeriodReport> make_period_report(Database& db, const Config& config, const AgencyDirectory& directory,
                                        const WorkingCalendar& calendar, const PlanState& state,
                                        const ReportPeriod& period, Date today,
                                        const std::vector<std::string>& only_plans = {});

}  // namespace nhacviec::app
