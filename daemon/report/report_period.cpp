#include "report/report_period.h"

#include <algorithm>
#include <optional>

#include "common/text.h"
#include "schedule/review_period.h"

namespace nhacviec {
namespace {

constexpr std::string_view kRoman[] = {"I", "II", "III", "IV"};

}  // namespace

Result<ReportPeriod> parse_report_period(std::string_view text) {
    const auto problem = [&] {
        // At most 16 bytes of what came, cut at a character's start.
        size_t shown = std::min<size_t>(text.size(), 16);
        while (shown < text.size() && shown > 0 && (static_cast<unsigned char>(text[shown]) & 0xC0) == 0x80) --shown;
        // Control characters and bytes that are not UTF-8 shown as escapes.
        return Error{"--period: expected a quarter (2026-Q4), a half year (2026-H2) or a year (2026), not \"" +
                     text::visible(text.substr(0, shown)) + (shown < text.size() ? "…" : "") + "\""};
    };
    if (text.size() > 7) return problem();
    const std::optional<ReviewPeriod> period = parse_period(text);
    if (!period || period->cadence == Recurrence::monthly) return problem();
    ReportPeriod out;
    out.name = format_period(*period);
    out.first = period_first_day(*period);
    out.last = period_last_day(*period);
    const std::string year = std::to_string(period->year);
    switch (period->cadence) {
        case Recurrence::quarterly: out.label = "quý " + std::string(kRoman[period->index - 1]) + " năm " + year; break;
        case Recurrence::half_yearly:
            out.label = (period->index == 1 ? "6 tháng đầu năm " : "6 tháng cuối năm ") + year;
            break;
        default: out.label = "năm " + year; break;
    }
    return out;
}

}  // namespace nhacviec
