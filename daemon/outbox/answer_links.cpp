#include "outbox/answer_links.h"

namespace nhacviec {

std::string answer_link_base(const Config& config, const AgencyDirectory& directory) {
    if (!config.api.public_url.empty()) return config.api.public_url;
    if (!config.delivery.email.server.empty()) return "";
    for (const auto& agency : directory.agencies())
        if (!agency.webhooks.empty()) return "";
    return "http://" + config.api.listen.address + ":" + std::to_string(config.api.listen.port);
}

std::optional<std::string> answer_link_warning(const Config& config, const AgencyDirectory& directory) {
    if (!answer_link_base(config, directory).empty()) return std::nullopt;
    return config.source +
           ": [api] public_url is not set, so messages to real recipients (SMTP, webhooks) carry no answer links "
           "and ask agencies to report in writing; set it to the address people reach the daemon at";
}

namespace {

// The subject of `agency`'s link for `task` and `period`, valid until `expires`;
// `names.name(id)` gives the agencies' names.
template <class Names>
std::optional<LinkSubject> subject_of(const ScheduledTask& task, const Names& names, std::int64_t task_id,
                                      std::uint16_t period, const std::string& agency, Date expires) {
    std::optional<size_t> slot;
    size_t place = 0;
    for (const auto* ids : {&task.lead, &task.cooperating}) {
        for (const std::uint32_t id : *ids) {
            if (!slot && names.name(id) == agency) slot = place;
            ++place;
        }
    }
    if (!slot || *slot > 255) return std::nullopt;
    LinkSubject s;
    s.task_id = task_id;
    s.plan_number = task.plan_number;
    s.plan_year = task.plan_year;
    s.task_code = task.code;
    s.period = period;
    s.agency = agency;
    s.agency_slot = static_cast<std::uint8_t>(*slot);
    s.expires = expires;
    return s;
}

// Resolves a NameTable id through a Timeline, for subject_of().
struct TimelineNames {
    const Timeline& timeline;
    const std::string& name(std::uint32_t id) const { return timeline.name(id); }
};

}  // namespace

std::optional<LinkSubject> AnswerLinks::subject(const Timeline& timeline, const PlannedNotification& n,
                                                std::int64_t task_id, const std::string& agency) const {
    const ScheduledTask* task = timeline.task(n);
    if (!task) return std::nullopt;
    return subject_of(*task, TimelineNames{timeline}, task_id, n.period, agency, add_days(n.date(), days_));
}

std::string AnswerLinks::url(const ScheduledTask& task, const NameTable& names, std::int64_t task_id,
                             std::uint16_t period, const std::string& agency, Date day) const {
    if (!enabled()) return "";
    const auto s = subject_of(task, names, task_id, period, agency, add_days(day, days_));
    if (!s) return "";
    return base_ + "/tra-loi/" + issue_link_token(secret_, *s);
}

std::string AnswerLinks::url(const Timeline& timeline, const PlannedNotification& n, std::int64_t task_id,
                             const std::string& agency) const {
    if (!enabled()) return "";
    const auto s = subject(timeline, n, task_id, agency);
    if (!s) return "";
    return base_ + "/tra-loi/" + issue_link_token(secret_, *s);
}

}  // namespace nhacviec
