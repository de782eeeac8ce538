#include "app/answer_access.h"

#include "schedule/review_period.h"

namespace nhacviec::app {

std::variant<AnswerAccess, RefusedLink> open_answer_link(const PlanSnapshot& snapshot, const LinkSecret& secret,
                                                         std::string_view token, Date today) {
    const RefusedLink invalid{};
    auto parsed = parse_link_token(token);
    if (!parsed) return invalid;
    const auto found = snapshot.by_id.find(parsed->task_id);
    if (found == snapshot.by_id.end()) return invalid;
    const size_t index = found->second;
    const PlanState& state = *snapshot.state;
    const ScheduledTask& task = state.scheduled[index];

    // The agency in the token's slot: the task's lead agencies, then its cooperating ones, as links are issued.
    const size_t slot = parsed->agency_slot;
    const bool lead = slot < task.lead.size();
    if (!lead && slot >= task.lead.size() + task.cooperating.size()) return invalid;
    const std::uint32_t id = lead ? task.lead[slot] : task.cooperating[slot - task.lead.size()];

    LinkSubject subject;
    subject.task_id = parsed->task_id;
    subject.plan_number = task.plan_number;
    subject.plan_year = task.plan_year;
    subject.task_code = task.code;
    subject.period = parsed->period;
    subject.agency = state.names->name(id);
    subject.agency_slot = parsed->agency_slot;
    subject.expires = parsed->expires;
    switch (check_link_token(secret, *parsed, subject, today)) {
        case LinkCheck::forged: return invalid;
        case LinkCheck::expired: return RefusedLink{RefusedLink::Why::expired, parsed->expires, index};
        case LinkCheck::valid: break;
    }
    AnswerAccess access;
    access.index = index;
    access.agency = subject.agency;
    access.role = lead ? AgencyRole::lead : AgencyRole::cooperating;
    access.period = subject.period == 0 ? "" : format_period(unpack_period(subject.period));
    access.expires = subject.expires;
    access.subject = std::move(subject);
    return access;
}

}  // namespace nhacviec::app
