#include "answers/record_answer.h"

#include <cstdio>

#include <SQLiteCpp/Transaction.h>

#include "common/clock.h"
#include "common/text.h"
#include "schedule/review_period.h"
#include "storage/deadline_change_store.h"
#include "storage/reminder_pause_store.h"

namespace nhacviec {
namespace {

constexpr size_t kMaxNoteCharacters = 4000;
constexpr size_t kMaxDocumentNumberCharacters = 50;

AnswerRefusal refuse(std::string field, std::string message) { return {std::move(field), std::move(message)}; }

// "30/09/2026": how the forms and messages write a date.
std::string day(Date date) { return format_vietnamese_date(date); }

// "theo quý, ví dụ 2026-Q3": how a cadence names its periods.
std::string cadence_words(Recurrence cadence) {
    switch (cadence) {
        case Recurrence::monthly: return "theo tháng, ví dụ 2026-07";
        case Recurrence::quarterly: return "theo quý, ví dụ 2026-Q3";
        case Recurrence::half_yearly: return "theo 6 tháng, ví dụ 2027-H1";
        case Recurrence::yearly: return "theo năm, ví dụ 2027";
        case Recurrence::none: break;
    }
    return "";
}

// Why a text typed by a person cannot be kept, or "": UTF-8, no control
// character (C0, DEL, C1) but line breaks, at most `limit` characters.
std::string text_problem(const std::string& value, size_t limit) {
    if (const auto bad = text::first_invalid_utf8(value))
        return "không phải văn bản UTF-8 (byte " + std::to_string(*bad + 1) + ")";
    const std::u32string characters = text::decode_utf8(value);
    if (characters.size() > limit)
        return "dài quá " + std::to_string(limit) + " ký tự (" + std::to_string(characters.size()) + " ký tự)";
    size_t position = 0;
    for (const char32_t c : characters) {
        ++position;
        if (c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7F) || c > 0x9F) continue;
        char code[8];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
        return "có ký tự điều khiển " + std::string(code) + " ở ký tự thứ " + std::to_string(position) +
               "; chỉ được xuống dòng";
    }
    return "";
}

bool blank(const std::string& value) { return value.find_first_not_of(" \t\r\n") == std::string::npos; }

// A date a person gives for something already done: not after today, not
// before the plan was issued, nor before the period it is for began.
std::optional<AnswerRefusal> past_date_problem(const std::string& field, const std::string& label, Date date,
                                               const AnswerTask& task, const std::optional<ReviewPeriod>& period,
                                               Date today) {
    if (date > today) return refuse(field, label + ": " + day(date) + " là ngày trong tương lai (hôm nay là " + day(today) + ")");
    if (date < task.plan_issued)
        return refuse(field, label + ": " + day(date) + " trước ngày ban hành Kế hoạch " + task.plan_number + " (" +
                                 day(task.plan_issued) + ")");
    if (period && date < period_first_day(*period))
        return refuse(field, label + ": " + day(date) + " trước ngày đầu kỳ " + format_period(*period) + " (" +
                                 day(period_first_day(*period)) + ")");
    return std::nullopt;
}

bool document_letter(char32_t c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == U'Đ' || c == U'đ';
}

}  // namespace

std::string_view to_string(AgencyRole role) {
    switch (role) {
        case AgencyRole::lead: return "lead";
        case AgencyRole::cooperating: return "cooperating";
        case AgencyRole::none: return "none";
    }
    return "none";
}

AgencyRole agency_role(const Task& task, const std::string& agency) {
    for (const auto& m : task.lead)
        if (m.name == agency) return AgencyRole::lead;
    for (const auto& m : task.cooperating)
        if (m.name == agency) return AgencyRole::cooperating;
    return AgencyRole::none;
}

AnswerTask answer_task(const StoredTask& stored, const ScheduledTask& scheduled, const ScheduleRules& rules) {
    AnswerTask t;
    t.id = stored.id;
    t.code = stored.task.code;
    t.plan_number = stored.task.plan_number;
    t.plan_issued = scheduled.plan_issued;
    t.kind = scheduled.deadline.kind;
    if (t.kind == DeadlineKind::recurring || t.kind == DeadlineKind::period)
        t.cadence = review_rule(scheduled, rules).cadence;
    t.due = scheduled.deadline.due;
    t.has_precondition = stored.task.precondition.has_value();
    return t;
}

std::string document_number_problem(const std::string& number) {
    const std::string example = "; ví dụ 125/BC-STC hoặc 12/2026/QĐ-UBND";
    if (blank(number)) return "chưa nhập số, ký hiệu của văn bản báo cáo";
    if (text::first_invalid_utf8(number)) return "không phải văn bản UTF-8";
    const std::u32string s = text::decode_utf8(number);
    if (s.size() > kMaxDocumentNumberCharacters)
        return "dài quá " + std::to_string(kMaxDocumentNumberCharacters) + " ký tự";
    const std::string shown = "\"" + text::visible(number) + "\" không đúng dạng số/ký hiệu";
    // Digits, then "/" and parts of letters, digits, "-" and "."; the last part has a letter.
    size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == 0 || i == s.size() || s[i] != '/') return shown + example;
    bool letter_in_part = false;
    for (++i; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '/') {
            if (s[i - 1] == '/' || s[i - 1] == '-' || s[i - 1] == '.') return shown + example;
            if (i == s.size() && !letter_in_part) return shown + example;
            letter_in_part = false;
            continue;
        }
        const char32_t c = s[i];
        if (document_letter(c)) letter_in_part = true;
        else if (!((c >= '0' && c <= '9') || ((c == '-' || c == '.') && s[i - 1] != '/'))) return shown + example;
    }
    return "";
}

std::variant<AnswerEffect, AnswerRefusal> check_answer(const AnswerTask& task, const TaskStatus& status,
                                                       const std::string& period_text, const std::string& agency,
                                                       AgencyRole role, Answer answer,
                                                       std::chrono::sys_seconds now) {
    const Date today = vietnam_date(now);
    const AnswerKind kind = answer.kind;
    if (role == AgencyRole::none)
        return refuse("agency", "Cơ quan: " + agency + " không chủ trì, không phối hợp thực hiện nhiệm vụ " + task.code);
    if (role == AgencyRole::cooperating && kind != AnswerKind::note)
        return refuse("agency", "Cơ quan: " + agency + " là cơ quan phối hợp thực hiện nhiệm vụ " + task.code +
                                    "; chỉ cơ quan chủ trì báo cáo tiến độ, hoàn thành, đề nghị gia hạn hay chờ "
                                    "điều kiện, cơ quan phối hợp chỉ gửi ý kiến");

    // The period: required for what a recurring task reports period by period.
    std::optional<ReviewPeriod> period;
    if (!period_text.empty()) {
        period = parse_period(period_text);
        if (!period)
            return refuse("period", "Kỳ báo cáo: \"" + text::visible(period_text) +
                                        "\" không phải một kỳ (ví dụ 2026-Q3, 2027-H1, 2027, 2026-07)");
        if (task.cadence == Recurrence::none)
            return refuse("period", "Kỳ báo cáo: nhiệm vụ " + task.code + " có thời hạn một lần, không báo cáo theo kỳ");
        if (period->cadence != task.cadence)
            return refuse("period", "Kỳ báo cáo: nhiệm vụ " + task.code + " báo cáo " + cadence_words(task.cadence) +
                                        ", không phải " + period_text);
        if (period_last_day(*period) <= task.plan_issued)
            return refuse("period", "Kỳ báo cáo: kỳ " + period_text + " đã kết thúc trước ngày ban hành Kế hoạch " +
                                        task.plan_number + " (" + day(task.plan_issued) + ")");
        if (period_first_day(*period) > today)
            return refuse("period", "Kỳ báo cáo: kỳ " + period_text + " chưa bắt đầu (bắt đầu từ ngày " +
                                        day(period_first_day(*period)) + ")");
    } else if (task.kind == DeadlineKind::recurring &&
               (kind == AnswerKind::progress || kind == AnswerKind::completion || kind == AnswerKind::extension)) {
        return refuse("period", "Kỳ báo cáo: nhiệm vụ " + task.code + " thực hiện thường xuyên, báo cáo " +
                                    cadence_words(task.cadence) + "; chọn kỳ báo cáo");
    }
    const std::string name = period ? format_period(*period) : "";
    const std::string what = "Nhiệm vụ " + task.code + (period ? " kỳ " + name : "");

    if (const std::string problem = text_problem(answer.note, kMaxNoteCharacters); !problem.empty())
        return refuse("note", "Nội dung: " + problem);

    // Done (as a whole, or this period): only notes.
    const StatusEntry& current = period ? status.period(name) : status.overall;
    const bool done = status.overall.status == WorkStatus::done || current.status == WorkStatus::done;
    if (done && kind != AnswerKind::note) {
        const StatusEntry& entry = status.overall.status == WorkStatus::done ? status.overall : current;
        return refuse("kind", what + " đã hoàn thành" +
                                  (entry.done_on ? " (ngày " + day(*entry.done_on) + ")" : std::string()) +
                                  "; chỉ có thể gửi ý kiến");
    }

    AnswerEffect effect;
    std::optional<StatusChange> change;
    const auto status_change = [&](const char* action, WorkStatus to) {
        StatusChange c;
        c.task_id = task.id;
        c.period = name;
        c.action = action;
        c.status = to;
        c.note = answer.note;
        c.changed_by = agency;
        c.changed_at = format_vietnam_time(now);
        return c;
    };
    switch (kind) {
        case AnswerKind::note:
            if (blank(answer.note)) return refuse("note", "Nội dung: chưa nhập ý kiến");
            break;
        case AnswerKind::progress:
            if (blank(answer.note)) return refuse("note", "Nội dung: chưa nhập nội dung báo cáo tiến độ");
            if (current.status == WorkStatus::not_started)
                change = status_change("in_progress", WorkStatus::in_progress);
            break;
        case AnswerKind::waiting:
            if (!task.has_precondition)
                return refuse("kind", what + " không có điều kiện (\"sau khi …\") để chờ");
            if (current.status != WorkStatus::waiting) change = status_change("waiting", WorkStatus::waiting);
            break;
        case AnswerKind::completion: {
            // The whole task awaiting covers its periods too.
            const AwaitingConfirmation* waiting = status.awaiting_for(name);
            if (!waiting) waiting = status.awaiting_for("");
            if (waiting)
                return refuse("kind", what + " đã được " + waiting->agency + " báo cáo hoàn thành ngày " +
                                          day(waiting->done_on) + " (văn bản " + waiting->document_number +
                                          "), đang chờ xác nhận; không gửi báo cáo hoàn thành lần thứ hai");
            if (!answer.done_on) return refuse("done_on", "Ngày hoàn thành: chưa nhập");
            if (auto p = past_date_problem("done_on", "Ngày hoàn thành", *answer.done_on, task, period, today))
                return *p;
            if (const std::string problem = document_number_problem(answer.document_number); !problem.empty())
                return refuse("document_number", "Số, ký hiệu văn bản: " + problem);
            if (!answer.document_date) return refuse("document_date", "Ngày ban hành: chưa nhập ngày ban hành văn bản báo cáo");
            if (auto p = past_date_problem("document_date", "Ngày ban hành", *answer.document_date, task, period, today))
                return *p;
            if (*answer.document_date < *answer.done_on)
                return refuse("document_date", "Ngày ban hành: " + day(*answer.document_date) +
                                                   " trước ngày hoàn thành " + day(*answer.done_on));
            break;
        }
        case AnswerKind::extension: {
            if (!answer.proposed_due) return refuse("proposed_due", "Ngày đề nghị gia hạn: chưa nhập");
            if (*answer.proposed_due <= today)
                return refuse("proposed_due", "Ngày đề nghị gia hạn: " + day(*answer.proposed_due) +
                                                  " không sau ngày hôm nay (" + day(today) + ")");
            if (!period && task.due && *answer.proposed_due <= *task.due)
                return refuse("proposed_due", "Ngày đề nghị gia hạn: " + day(*answer.proposed_due) +
                                                  " không sau thời hạn hiện tại (" + day(*task.due) + ")");
            if (blank(answer.reason)) return refuse("reason", "Lý do: chưa nhập lý do đề nghị gia hạn");
            if (const std::string problem = text_problem(answer.reason, kMaxNoteCharacters); !problem.empty())
                return refuse("reason", "Lý do: " + problem);
            break;
        }
    }

    answer.task_id = task.id;
    answer.period = name;
    answer.agency = agency;
    answer.answered_at = format_vietnam_time(now);
    if (kind != AnswerKind::completion) {
        answer.done_on.reset();
        answer.document_number.clear();
        answer.document_date.reset();
        answer.report.reset();
    }
    if (kind != AnswerKind::extension) {
        answer.proposed_due.reset();
        answer.reason.clear();
    }
    effect.answer = std::move(answer);
    effect.status_change = std::move(change);
    return effect;
}

Result<TaskStatus> read_task_status(Database& db, int64_t task_id) {
    auto history = StatusStore(db).history(task_id);
    if (!history) return history.error();
    std::map<int64_t, TaskStatus> statuses;
    TaskStatus& status = statuses[task_id];
    for (auto& c : *history) {
        StatusEntry& entry = c.period.empty() ? status.overall : status.periods[c.period];
        entry.status = c.status;
        entry.done_on = c.done_on;
        entry.note = std::move(c.note);
        entry.changed_by = std::move(c.changed_by);
        entry.changed_at = std::move(c.changed_at);
    }
    if (auto pending = AnswerStore(db).add_pending(statuses, task_id); !pending) return pending.error();
    if (auto moved = DeadlineChangeStore(db).add_current(statuses, task_id); !moved) return moved.error();
    if (auto paused = ReminderPauseStore(db).add_current(statuses, task_id); !paused) return paused.error();
    return std::move(statuses[task_id]);
}

Result<RecordOutcome> record_answer(Database& db, const AnswerTask& task, const std::string& period,
                              const std::string& agency, AgencyRole role, Answer answer,
                              std::chrono::sys_seconds now, const AnswerFollowUp& follow_up) {
    try {
        // Checked and written under one write lock: two answers at once cannot both pass the checks.
        SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
        auto status = read_task_status(db, task.id);
        if (!status) return status.error();
        auto checked = check_answer(task, *status, period, agency, role, std::move(answer), now);
        if (auto* refusal = std::get_if<AnswerRefusal>(&checked)) return RecordOutcome(std::move(*refusal));
        const AnswerEffect& effect = std::get<AnswerEffect>(checked);
        auto id = AnswerStore(db).insert(effect.answer, effect.status_change);
        if (!id) return id.error();
        if (follow_up) {
            Answer recorded = effect.answer;
            recorded.id = *id;
            if (auto written = follow_up(db, recorded); !written) return written.error();
        }
        transaction.commit();
        return RecordOutcome(*id);
    } catch (const SQLite::Exception& e) {
        return db.error(e);
    }
}

}  // namespace nhacviec
