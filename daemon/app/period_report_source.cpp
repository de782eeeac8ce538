#include "app/period_report_source.h"

#include <algorithm>

#include "storage/answer_store.h"
#include "storage/status_store.h"
#include "storage/task_store.h"

namespace nhacviec::app {
namespace {

// The report document a task's lead agency filed, as of `as_of`: the one
// awaiting confirmation, else the newest confirmed completion (of the task
// as a whole, or of the latest review period of a recurring task).
Result<std::optional<FiledDocument>> filed_document(AnswerStore& answers, const StoredTask& task,
                                                    const ReportEntry& entry, Date as_of) {
    if (entry.awaiting) return std::optional<FiledDocument>(FiledDocument{entry.awaiting->document_number,
                                                                          entry.awaiting->document_date});
    auto all = answers.for_task(task.id);
    if (!all) return all.error();
    std::optional<FiledDocument> found;
    for (const Answer& a : *all) {
        if (a.kind != AnswerKind::completion || a.completion_state != "confirmed" || !a.document_date) continue;
        if (a.period != "" && a.period != entry.review_period) continue;
        if (*a.document_date > as_of) continue;
        found = FiledDocument{a.document_number, *a.document_date};  // oldest first: the newest wins
    }
    return found;
}

// Whether a time recorded in Vietnam time ("2026-10-02T09:00:00+07:00") falls
// after the end of `day`.
bool recorded_after(const std::string& recorded_at, Date day) {
    return recorded_at.substr(0, 10) > format_iso_date(day);
}

bool changed_after(const TaskStatus& status, Date as_of) {
    if (recorded_after(status.overall.changed_at, as_of)) return true;
    for (const auto& [period, entry] : status.periods)
        if (recorded_after(entry.changed_at, as_of)) return true;
    return false;
}

// The completions of a task reported by the end of `as_of` and decided
// (confirmed or returned) after it: at its end they awaited confirmation.
// Added to `status.awaiting` for the task or period not done by then.
Status awaiting_then(AnswerStore& answers, int64_t task_id, TaskStatus& status, Date as_of) {
    auto all = answers.for_task(task_id);
    if (!all) return all.error();
    for (const Answer& a : *all) {
        if (a.kind != AnswerKind::completion || !a.done_on || *a.done_on > as_of) continue;
        if (a.completion_state != "confirmed" && a.completion_state != "returned") continue;
        if (recorded_after(a.answered_at, as_of) || !recorded_after(a.decided_at, as_of)) continue;
        const auto entry = a.period.empty() ? std::optional<StatusEntry>(status.overall)
                                            : status.periods.contains(a.period)
                                                  ? std::optional<StatusEntry>(status.periods.at(a.period))
                                                  : std::nullopt;
        if (entry && entry->status == WorkStatus::done) continue;
        status.awaiting[a.period] = AwaitingConfirmation{
            a.id, a.period, a.agency, *a.done_on, a.document_number, a.document_date.value_or(*a.done_on),
            a.answered_at};
    }
    return {};
}

// `status` (the task's current status) as it stood at the end of `as_of`:
// from the history, the newest change of the task and of each review period
// recorded by then; a task or period with none by then had not started. A
// change recorded later (a completion reported after the period's end, a
// reopening, a move to waiting) does not count, nor a completion done later;
// a completion reported by then but decided later awaited confirmation. The
// history is read again only for a task changed after `as_of`, the answers
// only for a period that ended before `today`.
Status status_as_of(StatusStore& store, AnswerStore& answers, int64_t task_id, TaskStatus& status, Date as_of,
                    Date today) {
    if (changed_after(status, as_of)) {
        auto history = store.history(task_id);
        if (!history) return history.error();
        status.overall = StatusEntry{};
        status.periods.clear();
        for (StatusChange& c : *history) {  // oldest first: the newest by then wins
            if (recorded_after(c.changed_at, as_of)) continue;
            StatusEntry& entry = c.period.empty() ? status.overall : status.periods[c.period];
            entry = StatusEntry{c.status, c.done_on, std::move(c.note), std::move(c.changed_by), std::move(c.changed_at)};
        }
    }
    if (as_of < today)
        if (auto then = awaiting_then(answers, task_id, status, as_of); !then) return then;
    StatusEntry& overall = status.overall;
    if (overall.status == WorkStatus::done && overall.done_on && *overall.done_on > as_of) {
        overall.status = WorkStatus::in_progress;
        overall.done_on.reset();
    }
    for (auto it = status.awaiting.begin(); it != status.awaiting.end();)
        it = it->second.done_on > as_of || recorded_after(it->second.answered_at, as_of) ? status.awaiting.erase(it)
                                                                                       : std::next(it);
    return {};
}

}  // namespace

Result<PeriodReport> make_period_report(Database& db, const Config& config, const AgencyDirectory& directory,
                                        const WorkingCalendar& calendar, const PlanState& state,
                                        const ReportPeriod& period, Date today,
                                        const std::vector<std::string>& only_plans) {
    const auto as_of = period_report_as_of(period, today);
    if (!as_of) return as_of.error();
    const auto covered = [&](const std::string& plan) {
        return only_plans.empty() || std::find(only_plans.begin(), only_plans.end(), plan) != only_plans.end();
    };
    std::vector<StoredTask> tasks;
    // The statuses as they stood at the end of the day the report is made as
    // of: a completion done or reported after it does not count yet.
    ScheduledTasks scheduled;
    std::optional<Date> issued;
    StatusStore statuses(db);
    AnswerStore answers_then(db);
    for (size_t i = 0; i < state.tasks.size(); ++i) {
        if (!covered(state.tasks[i].task.plan_number)) continue;
        tasks.push_back(state.tasks[i]);
        ScheduledTask task = state.scheduled[i];
        if (!issued || task.plan_issued < *issued) issued = task.plan_issued;
        if (auto then = status_as_of(statuses, answers_then, state.tasks[i].id, task.status, *as_of, today); !then)
            return then.error();
        scheduled.push_back(std::move(task));
    }
    if (issued && period.last < *issued)
        return Error{"--period: " + period.name + " ended before the plan was issued (" + format_iso_date(*issued) +
                     ")"};
    const StatusReport status = build_report(scheduled, config.schedule, calendar, *as_of);

    PeriodReportInput input;
    input.period = period;
    input.made_on = today;
    input.authority = config.report.authority;
    input.monitoring = directory.roles().monitoring;
    input.place = config.report.place;
    input.number_symbol = config.report.number_symbol;
    input.signer_title = config.report.signer_title;
    input.signer_name = config.report.signer_name;
    input.recipients = config.report.recipients;
    auto plans = TaskStore(db).plans();
    if (!plans) return plans.error();
    for (const StoredPlan& p : *plans)
        if (covered(p.info.number)) input.plans.push_back({p.info.number, p.info.year, p.info.issued_on});

    std::vector<std::optional<FiledDocument>> filed(tasks.size());
    AnswerStore answers(db);
    for (const ReportEntry& e : status.entries) {
        auto document = filed_document(answers, tasks[e.task], e, *as_of);
        if (!document) return document.error();
        filed[e.task] = std::move(*document);
    }
    input.tasks = &tasks;
    input.scheduled = &scheduled;
    input.filed = &filed;
    return build_period_report(status, input);
}

}  // namespace nhacviec::app
