// The status report: tasks grouped the way Vietnamese task-tracking reports
// group them (domain guide §5), as of one day. Pure: tasks, statuses, rules
// and the calendar go in, the report comes out.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "calendar/working_calendar.h"
#include "schedule/timeline.h"

namespace nhacviec {

enum class ReportCategory { done_on_time, done_late, in_progress, due_soon, overdue, undetermined, ongoing };
inline constexpr std::array kReportCategories = {
    ReportCategory::done_on_time, ReportCategory::done_late,    ReportCategory::in_progress, ReportCategory::due_soon,
    ReportCategory::overdue,      ReportCategory::undetermined, ReportCategory::ongoing};

std::string_view to_string(ReportCategory category);  // "done_on_time", …
std::string_view label(ReportCategory category);      // "Hoàn thành đúng hạn", …
// Whether the category counts towards "the tasks that have a deadline".
bool has_deadline(ReportCategory category);

// How the latest review of an ongoing task came in.
enum class ReviewOutcome { none_yet, on_time, late, missing };
std::string_view to_string(ReviewOutcome outcome);  // "none_yet", "on_time", "late", "missing"
std::string_view label(ReviewOutcome outcome);      // "chưa đến kỳ báo cáo", "báo cáo đúng hạn", …

// One task's line in the report.
struct ReportEntry {
    size_t task = 0;                 // index into the report's task list
    ReportCategory category = ReportCategory::in_progress;
    std::optional<Date> legal_due;   // the legal end of the deadline (Civil Code Art. 148)
    int days = 0;                    // overdue: days past the legal end; due soon / in progress: days left
    std::optional<Date> done_on;
    bool waiting = false;            // waiting on its precondition
    // A sub-state, not a category: the completion the lead agency reported
    // and the monitoring agency has not confirmed yet, for the task as a
    // whole or (ongoing tasks) for the latest period that came due. Until it
    // is confirmed the task stays in its category, so that the percentages
    // count what the monitoring agency accepted.
    // Held apart (16 bytes here, not 152): few lines have one.
    std::shared_ptr<const AwaitingConfirmation> awaiting;
    std::vector<OpenExtension> extensions;  // open extension requests of the task or its periods
    // Its deadline moved by an approved extension request ("đã gia hạn"):
    // the deadline before it, and the one now (legal_due is the new one's).
    // For an ongoing task, the review date before the extension of one
    // period: the latest that came due if it was extended, else the one
    // whose extension still runs (`extended_period`).
    std::optional<Date> extended_from;
    std::uint16_t extended_period = 0;  // pack_period() of that review period; 0 for the task's deadline
    // The monitoring agency confirmed at least one completion the lead agency
    // reported for it (or one of its periods) / returned at least one.
    bool confirmed = false;
    bool returned = false;
    ReviewOutcome review = ReviewOutcome::none_yet;  // ongoing tasks only
    std::string review_period;       // the latest review period that has come due, e.g. "2026-Q3"
};

// A report's lines, in task order: chunks shared between the reports of
// snapshots whose tasks are the same, so that a snapshot with a few statuses
// changed copies only the chunks of their lines. Owned by its StatusReport;
// read by any thread once its snapshot is published, never written then.
using ReportEntries = SharedChunks<ReportEntry>;

struct StatusReport {
    Date as_of;
    ReportEntries entries;  // in task order
    size_t count(ReportCategory category) const;
    size_t with_deadline() const;      // tasks in a category that has a deadline
    size_t awaiting_confirmation() const;  // entries with a completion awaiting confirmation
    size_t open_extensions() const;        // open extension requests over every entry
    size_t extended() const;               // entries whose deadline an approved extension moved
    size_t confirmed() const;              // entries with a completion confirmed
    size_t returned() const;               // entries with a completion returned
    // count(category) over with_deadline(), in percent with one decimal; nullopt for categories without a deadline.
    std::optional<double> percent(ReportCategory category) const;
};

StatusReport build_report(const ScheduledTasks& tasks, const ScheduleRules& rules,
                          const WorkingCalendar& calendar, Date as_of);

}  // namespace nhacviec
