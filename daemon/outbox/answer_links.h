// AnswerLinks: the answer link of each agency a notification goes to, as its
// message shows it ("BASE/tra-loi/TOKEN"). The base is [api] public_url, or,
// with none and mail written to the mail folder, the daemon's own listen
// address; with neither there are no links (messages say how to report
// instead). A link's expiry counts [api] link_days from the day the
// notification is planned for, not from the moment it is rendered, so the
// same notification rendered again carries the same link. Owned by whoever
// delivers (the daemon, `deliver`); read-only once made, any thread.
#pragma once

#include <optional>
#include <string>

#include "agency/agency_directory.h"
#include "config/config.h"
#include "links/answer_link.h"
#include "schedule/timeline.h"

namespace nhacviec {

// Where answer links point, before any secret is involved: the base URL, or
// "" when messages carry no links under `config`: no public_url, and mail
// goes to real recipients (an SMTP server, or webhooks in `directory`).
std::string answer_link_base(const Config& config, const AgencyDirectory& directory);

// The warning of `nhacviec check` when messages carry no links, or nullopt.
std::optional<std::string> answer_link_warning(const Config& config, const AgencyDirectory& directory);

class AnswerLinks {
public:
    // Links under `base` (answer_link_base()), signed with `secret`, valid `days` days.
    AnswerLinks(LinkSecret secret, std::string base, int days)
        : secret_(std::move(secret)), base_(std::move(base)), days_(days) {}

    // Whether messages carry links at all.
    bool enabled() const { return !base_.empty(); }

    // The link of `agency` for notification `n` of task `task_id`, or "" when
    // links are off or `agency` is none of the task's lead or cooperating agencies.
    std::string url(const Timeline& timeline, const PlannedNotification& n, std::int64_t task_id,
                    const std::string& agency) const;

    // The subject a link for `agency` stands for, when it is one of the task's agencies.
    std::optional<LinkSubject> subject(const Timeline& timeline, const PlannedNotification& n, std::int64_t task_id,
                                       const std::string& agency) const;

    // The link of `agency` for task `task` (row `task_id`, its agencies named
    // by `names`) and review period `period` (pack_period(); 0 for the task as
    // a whole), for a message written on `day` outside any timeline (a
    // decision); "" when links are off or `agency` is none of the task's
    // lead or cooperating agencies.
    std::string url(const ScheduledTask& task, const NameTable& names, std::int64_t task_id, std::uint16_t period,
                    const std::string& agency, Date day) const;

    const LinkSecret& secret() const { return secret_; }

private:
    LinkSecret secret_;
    std::string base_;
    int days_;
};

}  // namespace nhacviec
