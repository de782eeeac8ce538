#include "web/ics_feed.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

#include "common/text.h"
#include "content/status_words.h"
#include "content/notification_context.h"
#include "schedule/review_period.h"

namespace nhacviec::web {
namespace {

// Code points of a summary's task title before it is cut with "…".
constexpr size_t kSummaryTitleWidth = 60;
// RFC 5545 §3.1: content lines are folded at 75 octets, CRLF excluded.
constexpr size_t kLineOctets = 75;

// ---- iCalendar text ---------------------------------------------------------------------------------

// A TEXT value (RFC 5545 §3.3.11): backslash, ';' and ',' escaped, line breaks
// written as \n, other control characters (which TEXT cannot carry) as spaces.
std::string escape_text(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\n': out += "\\n"; break;
            case '\r':
                if (i + 1 < s.size() && s[i + 1] == '\n') break;  // CRLF: the LF writes the break
                out += "\\n";
                break;
            default: {
                const auto b = static_cast<unsigned char>(c);
                out += (b < 0x20 && c != '\t') || b == 0x7F ? ' ' : c;
            }
        }
    }
    return out;
}

// Appends one content line, folded (RFC 5545 §3.1): no physical line longer
// than 75 octets, continuation lines start with a space, and a fold never
// falls inside a UTF-8 sequence. Ends with CRLF.
void append_line(std::string& out, std::string_view line) {
    size_t width = 0;
    for (size_t i = 0; i < line.size();) {
        const size_t len = text::code_point_at(line, i).length;
        if (width + len > kLineOctets) {
            out += "\r\n ";
            width = 1;
        }
        out.append(line.substr(i, len));
        width += len;
        i += len;
    }
    out += "\r\n";
}

// "20260331"
std::string ical_date(Date date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d%02u%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

// "20261015T010000Z": a point in time in UTC.
std::string ical_utc(std::chrono::sys_seconds time) {
    const auto day = std::chrono::floor<std::chrono::days>(time);
    const Date date{day};
    const std::chrono::hh_mm_ss<std::chrono::seconds> clock{time - day};
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%sT%02d%02d%02dZ", ical_date(date).c_str(),
                  static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()));
    return buffer;
}

// "90-KH-UBND-2026": the plan as a UID part: ASCII letters (case kept), digits
// and '.', anything else as '-'.
std::string uid_part(std::string_view text) {
    std::string out;
    for (char32_t c : text::decode_utf8(text)) {
        const char base = text::ascii_base(c);
        if (base != 0) out += c < 0x80 ? static_cast<char>(c) : base;
        else if (c == '.' || c == '-') out += static_cast<char>(c);
        else if (!(c >= 0x0300 && c <= 0x036F)) out += '-';
    }
    return out;
}

// "hằng quý": how often a review comes, in words.
std::string_view cadence_words(Recurrence cadence) {
    switch (cadence) {
        case Recurrence::monthly: return "hằng tháng";
        case Recurrence::quarterly: return "hằng quý";
        case Recurrence::half_yearly: return "6 tháng một lần";
        case Recurrence::yearly:
        case Recurrence::none: break;
    }
    return "hằng năm";
}

bool last_day_of_its_month(Date date) {
    return date ==
           last_day_of_month(static_cast<int>(date.year()), static_cast<int>(static_cast<unsigned>(date.month())));
}

// The recurrence rule of reviews of `cadence` starting on `first`, in the
// order of the Microsoft templates (MS-OXCICAL §2.1.3.2.2) so that Outlook
// maps it to one of its own patterns: FREQ, BYMONTHDAY, BYMONTH, INTERVAL, UNTIL.
std::string review_rrule(Recurrence cadence, Date first, std::optional<Date> until) {
    const std::string last_day = last_day_of_its_month(first) ? ";BYMONTHDAY=-1" : "";
    std::string rule;
    switch (cadence) {
        case Recurrence::monthly: rule = "FREQ=MONTHLY" + last_day; break;
        case Recurrence::quarterly: rule = "FREQ=MONTHLY" + last_day + ";INTERVAL=3"; break;
        case Recurrence::half_yearly: rule = "FREQ=MONTHLY" + last_day + ";INTERVAL=6"; break;
        case Recurrence::yearly:
        case Recurrence::none:
            // Every month but February has the same last day every year, so the
            // date alone repeats; only the end of February needs the rule.
            rule = "FREQ=YEARLY";
            if (!last_day.empty() && first.month() == std::chrono::February) rule += last_day + ";BYMONTH=2";
            break;
    }
    if (until) rule += ";UNTIL=" + ical_date(*until);
    return rule;
}

// The first nominal review date of a recurring task or a multi-year period,
// and for a period the last one; nullopt when it has none.
struct ReviewSpan {
    Recurrence cadence = Recurrence::none;
    Date first;
    std::optional<Date> last;  // a period's last yearly review; open-ended otherwise
};

std::optional<ReviewSpan> review_span(const ScheduledTask& task, const ScheduleRules& rules) {
    const bool is_period = task.deadline.kind == DeadlineKind::period;
    const int months_after = review_rule(task, rules).months_after;
    std::optional<ReviewSpan> span;
    for_each_review(task, rules, [&](const ReviewPeriod& period, Date) {
        // The rule's dates: a period an extension moved is told by an event of its own (RECURRENCE-ID).
        const Date due = review_due(period, months_after);
        if (!span) span = ReviewSpan{period.cadence, due, is_period ? std::optional<Date>(due) : std::nullopt};
        else span->last = due;
        return is_period;  // a recurring task's reviews are open-ended: the first is all the rule needs
    });
    return span;
}

// Writes one calendar, event by event.
class CalendarWriter {
public:
    void line(std::string_view name, std::string_view value) {
        std::string text(name);
        text += ':';
        text += value;
        append_line(out_, text);
    }
    void text_line(std::string_view name, std::string_view value) { line(name, escape_text(value)); }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

// How the agency takes part in a task.
enum class Role { none, lead, cooperating };

// The slugs of `name` and of every group of the directory it belongs to, as a
// member or a member's member: a task given to a group is given to its members.
std::vector<std::string> slugs_taking_part(const AgencyDirectory& directory, const std::string& name) {
    std::vector<std::string> names{name};
    const auto listed = [&](const std::string& n) { return std::find(names.begin(), names.end(), n) != names.end(); };
    for (bool grew = true; grew;) {  // each round adds a group or ends: at most one round per group
        grew = false;
        for (const Agency& group : directory.agencies()) {
            if (group.kind != AgencyKind::group || listed(group.name)) continue;
            for (const auto& member : group.members) {
                const Agency* entry = directory.find(member);
                if (entry && listed(entry->name)) {
                    names.push_back(group.name);
                    grew = true;
                    break;
                }
            }
        }
    }
    std::vector<std::string> slugs;
    for (const auto& n : names) slugs.push_back(agency_slug(n));
    return slugs;
}

Role role_in(const Task& task, const std::vector<std::string>& slugs) {
    const auto named = [&](const std::vector<AgencyMention>& mentions) {
        for (const auto& m : mentions)
            if (std::find(slugs.begin(), slugs.end(), agency_slug(m.name)) != slugs.end()) return true;
        return false;
    };
    if (named(task.lead)) return Role::lead;
    if (named(task.cooperating)) return Role::cooperating;
    return Role::none;
}

// The canonical name of the agency `wanted` names (a slug, a name or an alias), or nullopt.
std::optional<std::string> find_agency(const app::PlanState& state, const AgencyDirectory& directory,
                                       std::string_view wanted) {
    if (const Agency* agency = directory.find(wanted)) return agency->name;
    const std::string slug = agency_slug(wanted);
    if (slug.empty()) return std::nullopt;
    for (const Agency& agency : directory.agencies()) {
        if (agency_slug(agency.name) == slug) return agency.name;
        for (const auto& alias : agency.aliases)
            if (agency_slug(alias) == slug) return agency.name;
    }
    // Names the directory does not know, as the plan writes them.
    for (const auto& row : state.tasks) {
        for (const auto* mentions : {&row.task.lead, &row.task.cooperating})
            for (const auto& m : *mentions)
                if (agency_slug(m.name) == slug) return m.name;
    }
    return std::nullopt;
}

// The lines of a description shared by both kinds of event: the plan, the task, its product, its agencies.
std::string task_description(const Task& task, const ScheduledTask& scheduled, const std::string& deadline_line) {
    std::string d = "Kế hoạch số " + task.plan_number + " ngày " + format_vietnamese_date(scheduled.plan_issued) +
                    ", nhiệm vụ " + task.code + "\n";
    d += "Nhiệm vụ: " + task.title + "\n";
    if (!task.product.empty()) d += "Sản phẩm: " + task.product + "\n";
    d += deadline_line + "\n";
    d += "Cơ quan chủ trì: " + joined_names(task.lead) + "\n";
    if (!task.cooperating.empty()) d += "Cơ quan phối hợp: " + joined_names(task.cooperating) + "\n";
    if (task.precondition) d += "Điều kiện thực hiện: " + *task.precondition + "\n";
    d += "Trạng thái: " + work_status_in_words(scheduled.status.overall);
    return d;
}

// "I.3 – Xây dựng kế hoạch…", with the role and the state around it.
std::string summary(std::string_view prefix, Role role, const Task& task, bool done) {
    std::string s(prefix);
    if (role == Role::cooperating) s += " (phối hợp)";
    s += ": " + task.code + " – " + text::shorten(text::collapse_whitespace(task.title), kSummaryTitleWidth);
    if (done) s += " (đã hoàn thành)";
    return s;
}

}  // namespace

std::string agency_slug(std::string_view name) {
    std::string out;
    bool gap = false;
    for (char32_t c : text::decode_utf8(name)) {
        if (c >= 0x0300 && c <= 0x036F) continue;  // a combining mark of decomposed text
        const char base = text::ascii_base(c);
        if (base == 0) {
            gap = !out.empty();
            continue;
        }
        if (gap) out += '-';
        gap = false;
        out += base;
    }
    return out;
}

Result<std::string> agency_calendar(const app::PlanState& state, const Config& config, const AgencyDirectory& directory,
                                    const WorkingCalendar& calendar, std::string_view agency,
                                    std::chrono::sys_seconds now) {
    const auto name = find_agency(state, directory, agency);
    if (!name) return Error{"unknown agency \"" + std::string(agency) + "\""};
    const std::vector<std::string> slugs = slugs_taking_part(directory, *name);
    const std::string stamp = ical_utc(now);
    const ScheduleRules& rules = config.schedule;

    CalendarWriter w;
    w.line("BEGIN", "VCALENDAR");
    w.line("VERSION", "2.0");
    w.line("PRODID", "-//nhacviec//nhacviec//VI");
    w.line("CALSCALE", "GREGORIAN");
    w.line("METHOD", "PUBLISH");
    w.text_line("X-WR-CALNAME", "Nhắc việc – " + *name);
    w.text_line("X-WR-CALDESC",
                "Thời hạn và kỳ báo cáo của các nhiệm vụ " + *name + " chủ trì hoặc phối hợp thực hiện");
    w.line("X-WR-TIMEZONE", "Asia/Ho_Chi_Minh");
    // Subscribed calendars are fetched again every hour (RFC 7986; Outlook reads X-PUBLISHED-TTL).
    w.line("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
    w.line("X-PUBLISHED-TTL", "PT1H");

    for (size_t i = 0; i < state.tasks.size(); ++i) {
        const Task& task = state.tasks[i].task;
        const ScheduledTask& scheduled = state.scheduled[i];
        const Role role = role_in(task, slugs);
        if (role == Role::none) continue;
        const StatusEntry& overall = scheduled.status.overall;
        const bool done = overall.status == WorkStatus::done;
        const std::string uid = uid_part(task.plan_number) + "-" + std::to_string(task.plan_year) + "." + task.code;
        const DeadlineKind kind = task.deadline.kind;

        if (kind == DeadlineKind::fixed || kind == DeadlineKind::period) {
            const Date legal_end = calendar.legal_end(*task.deadline.due);
            w.line("BEGIN", "VEVENT");
            w.line("UID", uid + ".deadline@nhacviec");
            w.line("DTSTAMP", stamp);
            w.line("DTSTART;VALUE=DATE", ical_date(legal_end));
            w.line("DTEND;VALUE=DATE", ical_date(add_days(legal_end, 1)));
            w.text_line("SUMMARY", summary("Hạn", role, task, done));
            w.text_line("DESCRIPTION", task_description(task, scheduled,
                                                        "Thời hạn: " + task.deadline.text + " (đến hết ngày " +
                                                            format_vietnamese_date(legal_end) + ")"));
            w.line("TRANSP", "TRANSPARENT");
            w.line("END", "VEVENT");
        }

        if (kind == DeadlineKind::recurring || kind == DeadlineKind::period) {
            const auto span = review_span(scheduled, rules);
            if (!span) continue;
            std::optional<Date> until = span->last;
            if (done && overall.done_on) {
                // A task closed for good has no reviews after the day it was done.
                if (*overall.done_on < span->first) continue;
                if (!until || *overall.done_on < *until) until = *overall.done_on;
            }
            const bool is_period = kind == DeadlineKind::period;
            const std::string cadence = std::string(cadence_words(span->cadence));
            // The events carry the nominal review dates: an RRULE cannot move one
            // occurrence off a day off, so the legal end of an occurrence that
            // falls on a weekend or holiday (the next working day) is only stated.
            const std::string note =
                "Lịch ghi ngày hạn báo cáo danh nghĩa của mỗi kỳ; khi ngày đó là ngày nghỉ, hạn báo cáo kéo dài "
                "đến hết ngày làm việc tiếp theo (Điều 148 Bộ luật Dân sự).";
            std::string deadline_line = "Thời hạn: " + task.deadline.text + " – báo cáo " +
                                        (is_period ? "tiến độ " : "") + cadence + ", kỳ đầu hạn ngày " +
                                        format_vietnamese_date(span->first);
            if (span->last) deadline_line += ", kỳ cuối hạn ngày " + format_vietnamese_date(*span->last);
            w.line("BEGIN", "VEVENT");
            w.line("UID", uid + ".review@nhacviec");
            w.line("DTSTAMP", stamp);
            w.line("DTSTART;VALUE=DATE", ical_date(span->first));
            w.line("DTEND;VALUE=DATE", ical_date(add_days(span->first, 1)));
            w.line("RRULE", review_rrule(span->cadence, span->first, until));
            w.text_line("SUMMARY",
                        summary("Báo cáo " + std::string(is_period ? "tiến độ " : "") + cadence, role, task, done));
            w.text_line("DESCRIPTION", task_description(task, scheduled, deadline_line) + "\n" + note);
            w.text_line("COMMENT", note);
            w.line("TRANSP", "TRANSPARENT");
            w.line("END", "VEVENT");
            // A review period an approved extension moved: its occurrence, on the new day.
            if (!scheduled.status.periods_moved) continue;
            const int months_after = review_rule(scheduled, rules).months_after;
            for (const auto& [name, moved] : *scheduled.status.periods_moved) {
                const auto period = parse_period(name);
                if (!period || !moved.extension) continue;
                const Date nominal = review_due(*period, months_after);
                if (nominal < span->first || (until && nominal > *until)) continue;
                w.line("BEGIN", "VEVENT");
                w.line("UID", uid + ".review@nhacviec");
                w.line("DTSTAMP", stamp);
                w.line("RECURRENCE-ID;VALUE=DATE", ical_date(nominal));
                w.line("DTSTART;VALUE=DATE", ical_date(moved.due));
                w.line("DTEND;VALUE=DATE", ical_date(add_days(moved.due, 1)));
                w.text_line("SUMMARY",
                            summary("Báo cáo " + std::string(is_period ? "tiến độ " : "") + cadence, role, task, done));
                w.text_line("DESCRIPTION",
                            task_description(task, scheduled,
                                             "Thời hạn: " + task.deadline.text + " – kỳ " + period_in_words(*period) +
                                                 " đã gia hạn đến ngày " + format_vietnamese_date(moved.due) +
                                                 " (hạn cũ " + format_vietnamese_date(nominal) + ")"));
                w.line("TRANSP", "TRANSPARENT");
                w.line("END", "VEVENT");
            }
        }
    }
    w.line("END", "VCALENDAR");
    return w.take();
}

}  // namespace nhacviec::web
