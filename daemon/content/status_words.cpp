#include "content/status_words.h"

#include "content/notification_context.h"
#include "schedule/review_period.h"

namespace nhacviec {

std::string work_status_in_words(const StatusEntry& status) {
    switch (status.status) {
        case WorkStatus::not_started: return "chưa bắt đầu";
        case WorkStatus::in_progress: return "đang thực hiện";
        case WorkStatus::waiting: return "chờ điều kiện thực hiện";
        case WorkStatus::done:
            return status.done_on ? "đã hoàn thành ngày " + format_vietnamese_date(*status.done_on) : "đã hoàn thành";
    }
    return "";
}

std::string status_in_words(const ReportEntry& e) {
    std::string out(label(e.category));
    switch (e.category) {
        case ReportCategory::overdue: out += " " + std::to_string(e.days) + " ngày"; break;
        case ReportCategory::due_soon:
        case ReportCategory::in_progress:
            out += e.days == 0 ? ": hôm nay là ngày cuối" : ": còn " + std::to_string(e.days) + " ngày";
            break;
        case ReportCategory::done_on_time:
        case ReportCategory::done_late:
            if (e.done_on) out += " (" + format_vietnamese_date(*e.done_on) + ")";
            break;
        case ReportCategory::ongoing: {
            const auto period = parse_period(e.review_period);
            const std::string words = period ? period_in_words(*period) : e.review_period;
            switch (e.review) {
                case ReviewOutcome::none_yet: out += ": chưa đến kỳ báo cáo"; break;
                case ReviewOutcome::on_time: out += " – " + words + ": báo cáo đúng hạn"; break;
                case ReviewOutcome::late: out += " – " + words + ": báo cáo muộn"; break;
                case ReviewOutcome::missing: out += " – " + words + ": chưa báo cáo"; break;
            }
            break;
        }
        case ReportCategory::undetermined: break;
    }
    if (e.waiting) out += "; chờ điều kiện thực hiện";
    if (e.awaiting) {
        const auto period = parse_period(e.awaiting->period);
        out += "; " + (period ? period_in_words(*period) + " " : std::string()) + "đã báo cáo hoàn thành ngày " +
               format_vietnamese_date(e.awaiting->done_on) + ", chờ xác nhận";
    }
    if (e.extensions.size() == 1)
        out += "; đề nghị gia hạn đến ngày " + format_vietnamese_date(e.extensions.front().proposed_due) + ", chờ duyệt";
    else if (e.extensions.size() > 1)
        out += "; " + std::to_string(e.extensions.size()) + " đề nghị gia hạn chờ duyệt";
    return out;
}

}  // namespace nhacviec
