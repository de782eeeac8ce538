// EntryBuilder: turns a planned notification into an OutboxEntry — renders
// its Vietnamese message from the templates, finds every recipient's email
// addresses and webhooks in the directory, and builds the webhook body and
// the email's Message-ID and thread. Holds references to what it reads; owned
// by the delivery pass that uses it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "agency/agency_directory.h"
#include "calendar/working_calendar.h"
#include "config/config.h"
#include "content/digest_context.h"
#include "content/message_templates.h"
#include "outbox/answer_links.h"
#include "outbox/outbox_entry.h"
#include "schedule/timeline.h"
#include "storage/task_store.h"

namespace nhacviec {

// "<thread.90-KH-UBND-2026.I.3@haiphong.example>": the email thread of every
// message about one task, in the domain of the configured sender.
std::string task_thread_id(const Config& config, const std::string& plan_number, int plan_year,
                           const std::string& code);
// "<1f0c…@haiphong.example>": the Message-ID of the notification with `key`
// planned at `planned` (see EntryBuilder::message_id).
std::string notification_message_id(const Config& config, const std::string& key, std::chrono::sys_seconds planned);

class EntryBuilder {
public:
    // `tasks[i]` is the stored task behind `scheduled[i]`, the timeline's task i.
    // `links`, when given, puts each agency's answer link in its copy;
    // without, messages say how to report instead.
    EntryBuilder(const StoredTaskRows& tasks, const ScheduledTasks& scheduled,
                 const Config& config, const AgencyDirectory& directory, const WorkingCalendar& calendar,
                 const MessageTemplates& templates, const AnswerLinks* links = nullptr)
        : tasks_(tasks), scheduled_(scheduled), config_(config), directory_(directory), calendar_(calendar),
          templates_(templates), links_(links) {}

    // The entry for `n`, to be sent on `sent_on` (its days left or overdue
    // count from then). `undeliverable` feeds the digest.
    OutboxEntry build(const Timeline& timeline, const PlannedNotification& n, Date sent_on,
                      const std::vector<UndeliverableNotice>& undeliverable) const;

    // The entry for `n` recorded as skipped by catch-up, without a message.
    OutboxEntry skipped(const Timeline& timeline, const PlannedNotification& n, std::string because) const;
    // The entry for `n` that could not be built, recorded as a dead letter with `reason`.
    OutboxEntry dead_letter(const Timeline& timeline, const PlannedNotification& n, std::string reason) const;

    // "<thread.90-KH-UBND-2026.I.3@haiphong.example>": the thread of every email about one task.
    std::string thread_id(const ScheduledTask& task) const;
    // "<1f0c…@haiphong.example>": derived from the key and the planned moment,
    // so the same notification keeps its Message-ID, and one that comes due
    // again under the same key on another day (after a deadline moved) has its own.
    std::string message_id(const std::string& key, std::chrono::sys_seconds planned) const;

private:
    OutboxEntry base(const Timeline& timeline, const PlannedNotification& n) const;
    // Adds the deliveries, and returns for each delivery's agency the agency
    // as the notification lists it (a group's member: the group).
    std::vector<std::pair<std::string, std::string>> add_recipients(const Timeline& timeline,
                                                                     const PlannedNotification& n,
                                                                     OutboxEntry& entry) const;
    void render_copies(const Timeline& timeline, const PlannedNotification& n, nlohmann::json context,
                       const std::vector<std::pair<std::string, std::string>>& listed, OutboxEntry& entry) const;

    const StoredTaskRows& tasks_;
    const ScheduledTasks& scheduled_;
    const Config& config_;
    const AgencyDirectory& directory_;
    const WorkingCalendar& calendar_;
    const MessageTemplates& templates_;
    const AnswerLinks* links_;
};

}  // namespace nhacviec
