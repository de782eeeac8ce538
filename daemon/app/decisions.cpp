#include "app/decisions.h"

#include <SQLiteCpp/Transaction.h>

#include "app/status_change.h"
#include "common/clock.h"
#include "content/notification_context.h"
#include "links/link_secret.h"
#include "outbox/answer_links.h"
#include "outbox/decision_entry.h"
#include "outbox/outbox_store.h"
#include "schedule/review_period.h"
#include "status/answer_fields.h"
#include "storage/answer_store.h"
#include "storage/deadline_change_store.h"
#include "storage/reminder_pause_store.h"
#include "storage/status_store.h"

namespace nhacviec::app {

namespace {

using Outcome = std::variant<DecisionOutcome, DecisionRefusal>;

constexpr answer::FieldName kReasonField{"reason", "Lý do"};
constexpr answer::FieldName kDecisionNoteField{"note", "Ghi chú"};
// The note of a pause, which the pause form labels as its reason ("Lý do tạm dừng").
constexpr answer::FieldName kPauseReasonField{"note", "Lý do"};

DecisionRefusal refuse(std::string message, std::string field = "") {
    return DecisionRefusal{std::move(message), std::move(field), false};
}

DecisionRefusal forbid(std::string message) { return DecisionRefusal{std::move(message), "", true}; }

// Everything one decision reads and writes, for the functions below.
struct Deciding {
    Database& db;
    const ServiceSetup& setup;
    const PlanState& state;
    const Account& account;
    std::chrono::sys_seconds now;
    OutboxCounts* counts;

    Date today() const { return vietnam_date(now); }
    std::string stamp() const { return format_vietnam_time(now); }
};

// The index in `state` of the task stored as row `task_id`, if it is there.
std::optional<size_t> index_of(const PlanState& state, int64_t task_id) {
    for (size_t i = 0; i < state.tasks.size(); ++i)
        if (state.tasks[i].id == task_id) return i;
    return std::nullopt;
}

// Why `account` may not decide on `task`, or nullopt: a viewer reads only; a
// monitor acts on the plans it is given (every plan when none); admin on all.
std::optional<DecisionRefusal> reach_problem(const Account& account, const Task& task) {
    if (account.disabled) return forbid("Tài khoản " + account.name + " đã bị khóa.");
    if (account.role == AccountRole::viewer)
        return forbid("Tài khoản " + account.name + " chỉ có quyền xem, không được quyết định về nhiệm vụ.");
    if (!account.covers_plan(task.plan_number))
        return forbid("Tài khoản " + account.name + " không được giao theo dõi Kế hoạch số " + task.plan_number +
                      ", nên không được quyết định về nhiệm vụ " + task.code + ".");
    return std::nullopt;
}

// " kỳ quý III/2026" for a review period, "" for the task as a whole.
std::string period_phrase(const std::string& period) {
    if (period.empty()) return "";
    const auto parsed = parse_period(period);
    return " kỳ " + (parsed ? period_in_words(*parsed) : period);
}

// "nhiệm vụ I.3 kỳ quý III/2026"
std::string task_phrase(const Task& task, const std::string& period) {
    return "nhiệm vụ " + task.code + period_phrase(period);
}

// The answer a decision is about, with its task, or the refusal.
struct DecidedAnswer {
    Answer answer;
    size_t index = 0;
};

Result<std::variant<DecidedAnswer, DecisionRefusal>> find_answer(Deciding& d, int64_t answer_id, AnswerKind kind) {
    auto found = AnswerStore(d.db).by_id(answer_id);
    if (!found) return found.error();
    const std::string what = kind == AnswerKind::completion ? "báo cáo hoàn thành" : "đề nghị gia hạn";
    if (!*found || (*found)->kind != kind)
        return {refuse("Không có " + what + " số " + std::to_string(answer_id) + ".", "answer_id")};
    const auto index = index_of(d.state, (*found)->task_id);
    if (!index)
        return {refuse("Nhiệm vụ của " + what + " số " + std::to_string(answer_id) + " không còn trong kế hoạch.",
                       "answer_id")};
    return {DecidedAnswer{std::move(**found), *index}};
}

// Why answer `a` no longer awaits a decision, or "" when it does.
std::string decided_already(const Answer& a, const Task& task) {
    const std::string& state = a.kind == AnswerKind::completion ? a.completion_state : a.extension_state;
    if (state == "awaiting" || state == "open") return "";
    std::string done;
    if (state == "confirmed") done = "đã được xác nhận";
    else if (state == "returned") done = "đã bị trả lại";
    else if (state == "approved") done = "đã được chấp thuận";
    else done = "đã bị từ chối";
    const std::string what = a.kind == AnswerKind::completion ? "Báo cáo hoàn thành" : "Đề nghị gia hạn";
    std::string_view local = a.decided_at;  // "2026-10-06T10:00:00+07:00"
    if (local.ends_with("+07:00")) local.remove_suffix(6);
    std::string when;
    if (const auto at = parse_vietnam_time(local)) when = " lúc " + format_vietnamese_moment(*at);
    return what + " " + task_phrase(task, a.period) + " " + done + (a.decided_by.empty() ? "" : " (" + a.decided_by) +
           (a.decided_by.empty() ? "" : when + ")") + "; không quyết định lại được.";
}

// The answer `answer_id` of `kind` that still awaits a decision, on a task
// the account may decide on, or the refusal saying why not.
Result<std::variant<DecidedAnswer, DecisionRefusal>> undecided_answer(Deciding& d, int64_t answer_id,
                                                                      AnswerKind kind) {
    auto read = find_answer(d, answer_id, kind);
    if (!read) return read.error();
    const auto* decided = std::get_if<DecidedAnswer>(&*read);
    if (!decided) return read;
    const Task& task = d.state.tasks[decided->index].task;
    if (auto problem = reach_problem(d.account, task)) return {std::move(*problem)};
    if (std::string done = decided_already(decided->answer, task); !done.empty())
        return {refuse(std::move(done), "answer_id")};
    return read;
}

// The agency's answer link for the task and period of `a`, or "" when messages carry no links.
Result<std::string> answer_url(Deciding& d, const DecidedAnswer& decided) {
    std::string base = answer_link_base(d.setup.config, d.setup.directory);
    if (base.empty()) return std::string();
    auto secret = load_or_create_link_secret(link_secret_path(d.setup.config.database));
    if (!secret) return secret.error();
    const AnswerLinks links(std::move(*secret), std::move(base), d.setup.config.api.link_days);
    std::uint16_t period = 0;
    if (const auto parsed = parse_period(decided.answer.period)) period = pack_period(*parsed);
    return links.url(d.state.scheduled[decided.index], *d.state.names, decided.answer.task_id, period,
                     decided.answer.agency, d.today());
}

// Writes the message of a returned report or a refused request to the outbox,
// within the caller's transaction; an error when it cannot be written.
Status tell_agency(Deciding& d, const DecidedAnswer& decided, AnswerDecision decision, const std::string& reason,
                   const std::string& url, OutboxCounts::Values* change) {
    const StoredTask& stored = d.state.tasks[decided.index];
    const DecisionNotice notice{decided.answer, stored.task, d.state.scheduled[decided.index].plan_issued,
                                decision, reason, url};
    OutboxEntry entry;
    try {
        entry = decision_entry(notice, d.setup.config, d.setup.directory, d.setup.calendar, d.setup.templates, d.now);
    } catch (const std::exception& e) {
        return Error{std::string("the message about the decision could not be built: ") + e.what()};
    }
    auto added = OutboxStore(d.db).add_within({entry}, d.now, change);
    if (!added) return added.error();
    // Nothing lost: a decision whose message cannot be written is not recorded either.
    if (added->dead_lettered || added->not_recorded)
        return Error{"the message to " + entry.agency + " about the decision could not be written to the outbox"};
    return {};
}

// The normalised text of an optional note, or the refusal naming its field.
std::variant<std::string, DecisionRefusal> checked_text(const std::string& text, bool required,
                                                        answer::FieldName field) {
    auto checked = answer::check_note(text, required, field);
    if (!checked) return refuse(checked.problem().form_message, std::string(field.key));
    return std::move(checked).value();
}

// Runs `write` in one transaction; its Error undoes everything.
template <class Write>
Status in_transaction(Database& db, Write&& write) {
    try {
        SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
        if (Status written = write(); !written) return written;
        transaction.commit();
        return {};
    } catch (const std::exception& e) {
        return db.error(e);
    }
}

// In one transaction: records `verdict` with `note` on answer `answer_id`,
// then runs `then`. Sets `raced` and writes nothing when someone else decided
// the answer since it was read.
template <class Then>
Status decide_in_transaction(Deciding& d, int64_t answer_id, const std::string& verdict, const std::string& note,
                             bool& raced, Then&& then) {
    return in_transaction(d.db, [&]() -> Status {
        auto recorded = AnswerStore(d.db).record_decision(answer_id, verdict, d.account.name, d.stamp(), note);
        if (!recorded) return recorded.error();
        if (!*recorded) {
            raced = true;  // decided by someone else since it was read
            return Error{"decided meanwhile"};
        }
        return then();
    });
}

Result<Outcome> confirm(Deciding& d, const ConfirmCompletion& c) {
    auto read = undecided_answer(d, c.answer_id, AnswerKind::completion);
    if (!read) return read.error();
    auto& found = *read;
    if (auto* refusal = std::get_if<DecisionRefusal>(&found)) return Outcome{std::move(*refusal)};
    const DecidedAnswer& decided = std::get<DecidedAnswer>(found);
    const Task& task = d.state.tasks[decided.index].task;
    auto note = checked_text(c.note, false, kDecisionNoteField);
    if (auto* refusal = std::get_if<DecisionRefusal>(&note)) return Outcome{std::move(*refusal)};
    const Answer& a = decided.answer;

    StatusChange change;
    change.task_id = a.task_id;
    change.period = a.period;
    change.action = "done";
    change.status = WorkStatus::done;
    change.done_on = a.done_on;
    change.note = "Xác nhận hoàn thành theo báo cáo số " + a.document_number +
                  (a.document_date ? " ngày " + format_vietnamese_date(*a.document_date) : std::string()) + " của " +
                  a.agency + ".";
    if (!std::get<std::string>(note).empty()) change.note += "\n" + std::get<std::string>(note);
    change.changed_by = d.account.name;
    change.changed_at = d.stamp();

    bool raced = false;
    const Status written = decide_in_transaction(d, a.id, "confirmed", std::get<std::string>(note), raced,
                                                 [&] { return StatusStore(d.db).record(change); });
    if (raced) return Outcome{refuse("Báo cáo hoàn thành này vừa được quyết định; hãy tải lại trang.", "answer_id")};
    if (!written) return written.error();
    return Outcome{DecisionOutcome{decided.index, "Đã xác nhận hoàn thành " + task_phrase(task, a.period) + "."}};
}

// Returns a completion report or refuses an extension request: the decision,
// its status change (a return: back to in progress) and the message to the agency.
Result<Outcome> turn_down(Deciding& d, int64_t answer_id, const std::string& reason_text, AnswerDecision decision) {
    const bool returning = decision == AnswerDecision::returned;
    auto read = undecided_answer(d, answer_id, returning ? AnswerKind::completion : AnswerKind::extension);
    if (!read) return read.error();
    auto& found = *read;
    if (auto* refusal = std::get_if<DecisionRefusal>(&found)) return Outcome{std::move(*refusal)};
    const DecidedAnswer& decided = std::get<DecidedAnswer>(found);
    const Task& task = d.state.tasks[decided.index].task;
    auto checked = checked_text(reason_text, true, kReasonField);
    if (auto* refusal = std::get_if<DecisionRefusal>(&checked)) return Outcome{std::move(*refusal)};
    const std::string& reason = std::get<std::string>(checked);
    const Answer& a = decided.answer;

    auto url = answer_url(d, decided);
    if (!url) return url.error();

    std::optional<StatusChange> change;
    if (returning) {
        change.emplace();
        change->task_id = a.task_id;
        change->period = a.period;
        change->action = "in_progress";
        change->status = WorkStatus::in_progress;
        change->note = "Trả lại báo cáo hoàn thành số " + a.document_number +
                       (a.document_date ? " ngày " + format_vietnamese_date(*a.document_date) : std::string()) +
                       " của " + a.agency + ". Lý do: " + reason;
        change->changed_by = d.account.name;
        change->changed_at = d.stamp();
    }

    OutboxCounts::Values counted;
    bool raced = false;
    const Status written =
        decide_in_transaction(d, a.id, returning ? "returned" : "refused", reason, raced, [&]() -> Status {
            if (change)
                if (Status status = StatusStore(d.db).record(*change); !status) return status;
            return tell_agency(d, decided, decision, reason, *url, d.counts ? &counted : nullptr);
        });
    if (raced)
        return Outcome{refuse(std::string(returning ? "Báo cáo hoàn thành" : "Đề nghị gia hạn") +
                                  " này vừa được quyết định; hãy tải lại trang.",
                              "answer_id")};
    if (!written) return written.error();
    if (d.counts) d.counts->apply(counted);
    const std::string message =
        returning ? "Đã trả lại báo cáo hoàn thành " + task_phrase(task, a.period) + "; đã báo cho " + a.agency + "."
                  : "Đã từ chối đề nghị gia hạn " + task_phrase(task, a.period) + "; đã báo cho " + a.agency + ".";
    return Outcome{DecisionOutcome{decided.index, message}};
}

// The Vietnamese refusal of what make_status_change checks, before it runs,
// so that the console never shows its English messages; nullopt when the
// request passes them.
std::optional<DecisionRefusal> status_problem(const Deciding& d, size_t index, const SetStatus& s) {
    const Task& task = d.state.tasks[index].task;
    const ScheduledTask& scheduled = d.state.scheduled[index];
    const std::string& a = s.action;
    if (a != "done" && a != "in-progress" && a != "waiting" && a != "reopen")
        return refuse("Trạng thái: không có trạng thái \"" + a + "\".", "action");
    if (s.date && a != "done") return refuse("Ngày hoàn thành: chỉ ghi khi nhiệm vụ hoàn thành.", "date");
    Recurrence cadence = Recurrence::none;
    if (scheduled.deadline.kind == DeadlineKind::recurring || scheduled.deadline.kind == DeadlineKind::period)
        cadence = review_rule(scheduled, d.setup.config.schedule).cadence;
    std::string period;
    if (s.period && !s.period->empty()) {
        const auto parsed = parse_period(*s.period);
        if (!parsed) return refuse("Kỳ báo cáo: \"" + *s.period + "\" không phải một kỳ (ví dụ 2026-Q3, 2027-H1, 2027, 2026-07).", "period");
        if (cadence == Recurrence::none)
            return refuse("Kỳ báo cáo: nhiệm vụ " + task.code + " có một thời hạn, không theo kỳ.", "period");
        if (parsed->cadence != cadence)
            return refuse("Kỳ báo cáo: nhiệm vụ " + task.code + " báo cáo theo kỳ như " + example_period(cadence) +
                              ", không phải " + *s.period + ".",
                          "period");
        period = format_period(*parsed);
    } else if (scheduled.deadline.kind == DeadlineKind::recurring && a != "waiting") {
        return refuse("Kỳ báo cáo: nhiệm vụ " + task.code + " thực hiện thường xuyên; hãy chọn kỳ (ví dụ " +
                          example_period(cadence) + ").",
                      "period");
    }
    if (a == "waiting" && !task.precondition)
        return refuse("Trạng thái: nhiệm vụ " + task.code + " không có điều kiện thực hiện để chờ.", "action");
    if (a == "done") {
        Date done_on = d.today();
        if (s.date) {
            const auto date = parse_iso_date(*s.date);
            if (!date) return refuse("Ngày hoàn thành: \"" + *s.date + "\" không phải một ngày (YYYY-MM-DD).", "date");
            if (*date > d.today()) return refuse("Ngày hoàn thành: " + format_vietnamese_date(*date) + " chưa đến.", "date");
            done_on = *date;
        }
        if (done_on < scheduled.plan_issued)
            return refuse("Ngày hoàn thành: " + format_vietnamese_date(done_on) + " trước ngày ban hành Kế hoạch số " +
                              task.plan_number + " (" + format_vietnamese_date(scheduled.plan_issued) + ").",
                          "date");
        if (!period.empty()) {
            const Date first = period_first_day(*parse_period(period));
            if (done_on < first)
                return refuse("Ngày hoàn thành: " + format_vietnamese_date(done_on) + " trước ngày đầu của kỳ " +
                                  period_in_words(*parse_period(period)) + " (" + format_vietnamese_date(first) + ").",
                              "date");
        }
    }
    return std::nullopt;
}

std::string status_words(const std::string& action) {
    if (action == "done") return "hoàn thành";
    if (action == "waiting") return "chờ điều kiện thực hiện";
    if (action == "reopen") return "mở lại, đang thực hiện";
    return "đang thực hiện";
}

Result<Outcome> set_status(Deciding& d, const SetStatus& s) {
    const auto index = index_of(d.state, s.task_id);
    if (!index) return Outcome{refuse("Không có nhiệm vụ số " + std::to_string(s.task_id) + " trong kế hoạch.", "task_id")};
    const Task& task = d.state.tasks[*index].task;
    if (auto problem = reach_problem(d.account, task)) return Outcome{std::move(*problem)};
    auto note = checked_text(s.note, false, kDecisionNoteField);
    if (auto* refusal = std::get_if<DecisionRefusal>(&note)) return Outcome{std::move(*refusal)};
    if (auto problem = status_problem(d, *index, s)) return Outcome{std::move(*problem)};

    StatusRequest request;
    request.action = s.action;
    request.date = s.date;
    if (s.period && !s.period->empty()) request.period = s.period;
    request.note = std::get<std::string>(note);
    request.by = d.account.name;
    request.date_name = "date";
    request.period_name = "period";
    request.note_name = "note";
    auto made = make_status_change(d.state, *index, d.setup.config, request, d.today(), d.stamp());
    if (auto* rejection = std::get_if<StatusRejection>(&made))
        return Outcome{refuse("Không ghi được trạng thái: " + rejection->message + ".")};
    const StatusChange& change = std::get<StatusChange>(made);
    const Status written = in_transaction(d.db, [&] { return StatusStore(d.db).record(change); });
    if (!written) return written.error();
    return Outcome{DecisionOutcome{*index, "Đã ghi trạng thái \"" + status_words(s.action) + "\" cho " +
                                               task_phrase(task, change.period) + "."}};
}

// The last day a moved deadline may take: the end of the tenth year after the plan's.
Date latest_deadline(const Task& task) { return *make_date(task.plan_year + 10, 12, 31); }

// "quý III/2026" for "2026-Q3".
std::string period_words_of(const std::string& period) {
    const auto parsed = parse_period(period);
    return parsed ? period_in_words(*parsed) : period;
}

// The current review date of review period `period` of `scheduled` (moved by
// an earlier extension, or the rules' date), or why it cannot be extended:
// not one of the task's periods, or already done.
std::variant<Date, DecisionRefusal> period_review(const Deciding& d, const ScheduledTask& scheduled,
                                                  const std::string& period) {
    const auto parsed = parse_period(period);
    std::optional<Date> found;
    if (parsed) {
        for_each_review(scheduled, d.setup.config.schedule, [&](const ReviewPeriod& p, Date due) {
            if (p.cadence != parsed->cadence) return false;
            if (p == *parsed) found = due;
            return p < *parsed;
        });
    }
    if (!found)
        return refuse("Kỳ " + period_words_of(period) + " không phải một kỳ báo cáo của nhiệm vụ " + scheduled.code +
                          "; không gia hạn được.",
                      "answer_id");
    const StatusEntry& status = scheduled.status.period(period);
    if (status.status == WorkStatus::done)
        return refuse("Nhiệm vụ " + scheduled.code + " kỳ " + period_words_of(period) + " đã hoàn thành" +
                          (status.done_on ? " (ngày " + format_vietnamese_date(*status.done_on) + ")" : std::string()) +
                          "; không cần gia hạn.",
                      "answer_id");
    return *found;
}

Result<Outcome> approve(Deciding& d, const ApproveExtension& e) {
    auto read = undecided_answer(d, e.answer_id, AnswerKind::extension);
    if (!read) return read.error();
    auto& found = *read;
    if (auto* refusal = std::get_if<DecisionRefusal>(&found)) return Outcome{std::move(*refusal)};
    const DecidedAnswer& decided = std::get<DecidedAnswer>(found);
    const Task& task = d.state.tasks[decided.index].task;
    const ScheduledTask& scheduled = d.state.scheduled[decided.index];
    const Answer& a = decided.answer;
    // A request for one review period moves that period's review date only;
    // one for the task as a whole moves its deadline.
    const bool one_period = !a.period.empty();
    std::optional<Date> due_now;
    if (one_period) {
        auto review = period_review(d, scheduled, a.period);
        if (auto* refusal = std::get_if<DecisionRefusal>(&review)) return Outcome{std::move(*refusal)};
        due_now = std::get<Date>(review);
    } else if (scheduled.deadline.kind == DeadlineKind::recurring) {
        // Answers refuse such a request; one recorded before they did is decided here.
        return Outcome{refuse("Đề nghị gia hạn nhiệm vụ " + task.code +
                                  " không nêu kỳ báo cáo; nhiệm vụ thực hiện thường xuyên chỉ gia hạn được từng kỳ. "
                                  "Có thể từ chối đề nghị.",
                              "answer_id")};
    } else {
        due_now = scheduled.deadline.due;
    }
    if (!due_now)
        return Outcome{refuse("Nhiệm vụ " + task.code + " chưa có thời hạn để gia hạn; hãy đặt thời hạn cho nhiệm vụ.",
                              "answer_id")};
    const Date current = *due_now;
    const Date new_due = e.new_due.value_or(a.proposed_due.value_or(current));
    const std::string current_words = one_period ? "hạn báo cáo hiện tại của kỳ " + period_words_of(a.period)
                                                 : std::string("thời hạn hiện tại");
    if (new_due <= current)
        return Outcome{refuse("Thời hạn mới: ngày " + format_vietnamese_date(new_due) + " không sau " +
                                  current_words + " (" + format_vietnamese_date(current) + ").",
                              "new_due")};
    if (new_due > latest_deadline(task))
        return Outcome{refuse("Thời hạn mới: ngày " + format_vietnamese_date(new_due) + " quá xa (muộn nhất " +
                                  format_vietnamese_date(latest_deadline(task)) + ").",
                              "new_due")};
    auto note = checked_text(e.note, false, kDecisionNoteField);
    if (auto* refusal = std::get_if<DecisionRefusal>(&note)) return Outcome{std::move(*refusal)};

    DeadlineChange change;
    change.task_id = a.task_id;
    change.period = a.period;
    change.old_due = current;
    change.new_due = new_due;
    change.extension = true;
    change.answer_id = a.id;
    change.note = std::get<std::string>(note);
    change.changed_by = d.account.name;
    change.changed_at = d.stamp();
    bool raced = false;
    const Status written = decide_in_transaction(d, a.id, "approved", change.note, raced,
                                                 [&] { return DeadlineChangeStore(d.db).record(change); });
    if (raced) return Outcome{refuse("Đề nghị gia hạn này vừa được quyết định; hãy tải lại trang.", "answer_id")};
    if (!written) return written.error();
    return Outcome{DecisionOutcome{decided.index, "Đã gia hạn " + task_phrase(task, a.period) + " đến ngày " +
                                                      format_vietnamese_date(new_due) +
                                                      (one_period ? " (hạn báo cáo cũ " : " (thời hạn cũ ") +
                                                      format_vietnamese_date(current) + ")."}};
}

Result<Outcome> set_deadline(Deciding& d, const SetDeadline& s) {
    const auto index = index_of(d.state, s.task_id);
    if (!index) return Outcome{refuse("Không có nhiệm vụ số " + std::to_string(s.task_id) + " trong kế hoạch.", "task_id")};
    const Task& task = d.state.tasks[*index].task;
    const ScheduledTask& scheduled = d.state.scheduled[*index];
    if (auto problem = reach_problem(d.account, task)) return Outcome{std::move(*problem)};
    // Undetermined as written (II.5.13 of plan 90), or given its deadline here before (a correction).
    const auto& moved = scheduled.status.deadline_moved;
    const bool set_before = moved && !moved->extension && !moved->original_due;
    if (scheduled.deadline.kind != DeadlineKind::undetermined && !set_before)
        return Outcome{refuse("Nhiệm vụ " + task.code + " đã có thời hạn (" + task.deadline.text +
                                  "); chỉ đặt thời hạn cho nhiệm vụ chưa xác định thời hạn.",
                              "task_id")};
    if (s.due < d.today())
        return Outcome{refuse("Thời hạn: ngày " + format_vietnamese_date(s.due) + " đã qua.", "due")};
    if (s.due > latest_deadline(task))
        return Outcome{refuse("Thời hạn: ngày " + format_vietnamese_date(s.due) + " quá xa (muộn nhất " +
                                  format_vietnamese_date(latest_deadline(task)) + ").",
                              "due")};
    auto note = checked_text(s.note, false, kDecisionNoteField);
    if (auto* refusal = std::get_if<DecisionRefusal>(&note)) return Outcome{std::move(*refusal)};

    DeadlineChange change;
    change.task_id = s.task_id;
    if (set_before) change.old_due = moved->due;
    change.new_due = s.due;
    change.note = std::get<std::string>(note);
    change.changed_by = d.account.name;
    change.changed_at = d.stamp();
    const Status written = in_transaction(d.db, [&] { return DeadlineChangeStore(d.db).record(change); });
    if (!written) return written.error();
    return Outcome{DecisionOutcome{*index, "Đã đặt thời hạn nhiệm vụ " + task.code + ": ngày " +
                                               format_vietnamese_date(s.due) + "."}};
}

Result<Outcome> pause(Deciding& d, const PauseReminders& p) {
    const auto index = index_of(d.state, p.task_id);
    if (!index) return Outcome{refuse("Không có nhiệm vụ số " + std::to_string(p.task_id) + " trong kế hoạch.", "task_id")};
    const Task& task = d.state.tasks[*index].task;
    if (auto problem = reach_problem(d.account, task)) return Outcome{std::move(*problem)};
    const bool paused_now = d.state.scheduled[*index].status.reminders_paused;
    if (p.paused && paused_now)
        return Outcome{refuse("Nhắc việc của nhiệm vụ " + task.code + " đang tạm dừng.", "paused")};
    if (!p.paused && !paused_now)
        return Outcome{refuse("Nhắc việc của nhiệm vụ " + task.code + " không tạm dừng.", "paused")};
    auto note = checked_text(p.note, p.paused, p.paused ? kPauseReasonField : kDecisionNoteField);
    if (auto* refusal = std::get_if<DecisionRefusal>(&note)) return Outcome{std::move(*refusal)};
    const ReminderPause row{p.task_id, p.paused, std::get<std::string>(note), d.account.name, d.stamp()};
    const Status written = in_transaction(d.db, [&] { return ReminderPauseStore(d.db).record(row); });
    if (!written) return written.error();
    return Outcome{DecisionOutcome{*index, p.paused ? "Đã tạm dừng nhắc hạn, cảnh báo của nhiệm vụ " + task.code + "."
                                                    : "Đã tiếp tục nhắc hạn, cảnh báo của nhiệm vụ " + task.code + "."}};
}

}  // namespace

Result<std::variant<DecisionOutcome, DecisionRefusal>> decide(Database& db, const ServiceSetup& setup,
                                                              const PlanState& state, const Account& account,
                                                              const Decision& decision, std::chrono::sys_seconds now,
                                                              OutboxCounts* counts) {
    Deciding d{db, setup, state, account, now, counts};
    return std::visit(
        [&](const auto& taken) -> Result<Outcome> {
            using T = std::decay_t<decltype(taken)>;
            if constexpr (std::is_same_v<T, ConfirmCompletion>) return confirm(d, taken);
            else if constexpr (std::is_same_v<T, ReturnCompletion>)
                return turn_down(d, taken.answer_id, taken.reason, AnswerDecision::returned);
            else if constexpr (std::is_same_v<T, RefuseExtension>)
                return turn_down(d, taken.answer_id, taken.reason, AnswerDecision::refused);
            else if constexpr (std::is_same_v<T, SetStatus>) return set_status(d, taken);
            else if constexpr (std::is_same_v<T, ApproveExtension>) return approve(d, taken);
            else if constexpr (std::is_same_v<T, SetDeadline>) return set_deadline(d, taken);
            else return pause(d, taken);
        },
        decision);
}

}  // namespace nhacviec::app
