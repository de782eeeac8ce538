#include "app/answer_submission.h"

#include "answers/record_answer.h"
#include "outbox/answer_entry.h"
#include "outbox/outbox_store.h"

namespace nhacviec::app {

Result<RecordOutcome> submit_answer(Database& db, const ServiceSetup& setup, const PlanState& state, size_t index,
                                    const std::string& period, const std::string& agency, AgencyRole role,
                                    Answer answer, std::chrono::sys_seconds now, OutboxCounts* counts) {
    if (index >= state.tasks.size() || index >= state.scheduled.size())
        return Error{"no task " + std::to_string(index) + " in the plan state"};
    const StoredTask& stored = state.tasks[index];
    const ScheduledTask& scheduled = state.scheduled[index];
    const AnswerTask task = answer_task(stored, scheduled, setup.config.schedule);
    OutboxCounts::Values change;
    const auto tell_monitoring = [&](Database& within, const Answer& recorded) -> Status {
        const AnsweredTask about{stored.task, scheduled.plan_issued, role == AgencyRole::cooperating};
        OutboxEntry entry;
        try {
            entry = answer_entry(recorded, about, setup.config, setup.directory, setup.calendar, setup.templates, now);
        } catch (const std::exception& e) {
            return Error{std::string("the message about the answer could not be built: ") + e.what()};
        }
        OutboxStore store(within);
        auto added = store.add_within({entry}, now, counts ? &change : nullptr);
        if (!added) return added.error();
        // Nothing lost: an answer whose message cannot be written is not recorded either.
        if (added->dead_lettered || added->not_recorded)
            return Error{"the message to " + entry.agency + " about the answer could not be written to the outbox"};
        return {};
    };
    auto outcome = record_answer(db, task, period, agency, role, std::move(answer), now, tell_monitoring);
    if (outcome && std::holds_alternative<int64_t>(*outcome) && counts) counts->apply(change);
    return outcome;
}

}  // namespace nhacviec::app
