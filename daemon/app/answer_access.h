// Opening an answer link: the token of a message's link checked against the
// plan snapshot and the link secret, giving the task, the agency it stands
// for (and its role) and the review period, or why it is refused. A link
// whose task was removed, whose agency is no longer that task's, whose MAC
// does not match (forged, altered, or made under a secret since replaced) is
// invalid; one that matches but is past its last day is expired, and only
// then is its task named. Pure.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "answers/record_answer.h"
#include "app/plan_snapshot.h"
#include "common/date.h"
#include "links/answer_link.h"

namespace nhacviec::app {

// Who a valid link lets answer, and about what. A plain value.
struct AnswerAccess {
    size_t index = 0;       // into snapshot.state->tasks
    std::string agency;     // canonical name (as the timeline names it)
    AgencyRole role = AgencyRole::lead;
    std::string period;     // "2026-Q3"; "" for the task as a whole
    Date expires;           // the link's last valid day
    LinkSubject subject;    // what the token was issued for
};

// Why a link is refused. `expired` says which task and since when; an
// invalid link says nothing of what it claims.
struct RefusedLink {
    enum class Why { invalid, expired } why = Why::invalid;
    Date expired_after;     // expired: its last valid day
    size_t index = 0;       // expired: the task
};

std::variant<AnswerAccess, RefusedLink> open_answer_link(const PlanSnapshot& snapshot, const LinkSecret& secret,
                                                         std::string_view token, Date today);

}  // namespace nhacviec::app
