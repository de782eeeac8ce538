#include "outbox/entry_builder.h"

#include <algorithm>

#include "agency/agency_contacts.h"
#include "common/clock.h"
#include "common/sha256.h"
#include "content/notification_context.h"
#include "content/notification_reference.h"

namespace nhacviec {

namespace {

nlohmann::json date_or_null(const std::optional<Date>& date) {
    return date ? nlohmann::json(format_iso_date(*date)) : nlohmann::json(nullptr);
}

nlohmann::json value_or_null(const nlohmann::json& context, const char* name) {
    return context.contains(name) ? context[name] : nlohmann::json(nullptr);
}

std::string mail_domain(const Config& config) {
    const std::string& from = config.delivery.email.from_address;
    return from.substr(from.find('@') + 1);
}

}  // namespace

std::string task_thread_id(const Config& config, const std::string& plan_number, int plan_year,
                           const std::string& code) {
    std::string plan = plan_number;
    std::replace(plan.begin(), plan.end(), '/', '-');
    return "<thread." + plan + "-" + std::to_string(plan_year) + "." + code + "@" + mail_domain(config) + ">";
}

std::string notification_message_id(const Config& config, const std::string& key, std::chrono::sys_seconds planned) {
    return "<" + sha256_hex(key + "|" + format_vietnam_time(planned)).substr(0, 32) + "@" + mail_domain(config) + ">";
}

std::string EntryBuilder::thread_id(const ScheduledTask& task) const {
    return task_thread_id(config_, task.plan_number, task.plan_year, task.code);
}

std::string EntryBuilder::message_id(const std::string& key, std::chrono::sys_seconds planned) const {
    return notification_message_id(config_, key, planned);
}

OutboxEntry EntryBuilder::base(const Timeline& timeline, const PlannedNotification& n) const {
    OutboxEntry entry;
    entry.key = timeline.key(n);
    entry.kind = n.kind;
    if (const ScheduledTask* task = timeline.task(n)) entry.task_code = task->code;
    entry.agency = timeline.name(n.to);
    entry.due_at = vietnam_time(n.date(), timeline.send_minutes(n));
    return entry;
}

OutboxEntry EntryBuilder::skipped(const Timeline& timeline, const PlannedNotification& n, std::string because) const {
    OutboxEntry entry = base(timeline, n);
    entry.skipped_because = std::move(because);
    return entry;
}

OutboxEntry EntryBuilder::dead_letter(const Timeline& timeline, const PlannedNotification& n,
                                      std::string reason) const {
    OutboxEntry entry = base(timeline, n);
    entry.dead_letter = std::move(reason);
    return entry;
}

std::vector<std::pair<std::string, std::string>> EntryBuilder::add_recipients(const Timeline& timeline,
                                                                               const PlannedNotification& n,
                                                                               OutboxEntry& entry) const {
    std::vector<std::pair<std::string, std::string>> listed;
    const auto note = [&](const std::string& owner, const std::string& agency) {
        for (const auto& [o, a] : listed)
            if (o == owner) return;
        listed.emplace_back(owner, agency);
    };
    std::vector<std::string> agencies{timeline.name(n.to)};
    for (auto& name : timeline.cc(n))
        if (std::find(agencies.begin(), agencies.end(), name) == agencies.end()) agencies.push_back(std::move(name));
    const auto has = [&](ChannelKind channel, const std::string& address) {
        return std::any_of(entry.deliveries.begin(), entry.deliveries.end(),
                           [&](const OutboxDelivery& d) { return d.channel == channel && d.address == address; });
    };
    // Each address once, in To for the lead's and in Cc for the others' (To
    // wins), named after the entry it belongs to: a group's member under its
    // own name, not the group's.
    for (size_t i = 0; i < agencies.size(); ++i) {
        const std::string& agency = agencies[i];
        const AgencyContacts contacts = contacts_of(directory_, agency);
        if (contacts.empty()) {
            entry.deliveries.push_back({agency, ChannelKind::none, "", unreachable_reason(contacts)});
            note(agency, agency);
            continue;
        }
        for (size_t k = 0; k < contacts.emails.size(); ++k) {
            const std::string& email = contacts.emails[k];
            if (has(ChannelKind::email, email)) continue;
            (i == 0 ? entry.mail_to : entry.mail_cc).push_back({contacts.email_owners[k], email});
            entry.deliveries.push_back({contacts.email_owners[k], ChannelKind::email, email, ""});
            note(contacts.email_owners[k], agency);
        }
        for (size_t k = 0; k < contacts.webhooks.size(); ++k)
            if (!has(ChannelKind::webhook, contacts.webhooks[k])) {
                entry.deliveries.push_back({contacts.webhook_owners[k], ChannelKind::webhook, contacts.webhooks[k], ""});
                note(contacts.webhook_owners[k], agency);
            }
    }
    return listed;
}

void EntryBuilder::render_copies(const Timeline& timeline, const PlannedNotification& n, nlohmann::json context,
                                 const std::vector<std::pair<std::string, std::string>>& listed,
                                 OutboxEntry& entry) const {
    const ScheduledTask& scheduled = *timeline.task(n);
    const std::int64_t task_id = tasks_[static_cast<size_t>(n.task)].id;
    const auto cooperating = [&](const std::string& agency) {
        for (const std::uint32_t id : scheduled.cooperating)
            if (timeline.name(id) == agency) return true;
        for (const std::uint32_t id : scheduled.lead)
            if (timeline.name(id) == agency) return false;
        return false;
    };
    const bool links_on = links_ && links_->enabled();
    context["answer_by_letter"] = !links_on;
    const auto render_for = [&](const std::string& agency, std::string& url) {
        url = links_on ? links_->url(timeline, n, task_id, agency) : "";
        context["answer_url"] = url;
        context["for_cooperating"] = cooperating(agency);
        return templates_.render(n.kind, context);
    };
    const std::string addressee = timeline.name(n.to);
    entry.message = render_for(addressee, entry.answer_url);
    for (const auto& [owner, agency] : listed) {
        if (agency == addressee || owner == addressee) continue;
        MessageCopy copy;
        copy.agency = owner;
        const Message message = render_for(agency, copy.answer_url);
        if (message.text == entry.message.text && message.html == entry.message.html) continue;
        copy.text = message.text;
        copy.html = message.html;
        entry.copies.push_back(std::move(copy));
    }
}

OutboxEntry EntryBuilder::build(const Timeline& timeline, const PlannedNotification& n, Date sent_on,
                                const std::vector<UndeliverableNotice>& undeliverable) const {
    OutboxEntry entry = base(timeline, n);
    const auto listed = add_recipients(timeline, n, entry);
    nlohmann::json recipients = {{"to", {entry.agency}}, {"cc", timeline.cc(n)}};
    nlohmann::json data;
    if (n.kind == NotificationKind::digest) {
        const nlohmann::json context =
            digest_context(timeline, n, tasks_, scheduled_, config_.schedule, calendar_, undeliverable, sent_on);
        entry.message = templates_.render(n.kind, context);
        data = {{"key", entry.key}, {"week", timeline.period(n)}, {"digest", context}};
    } else {
        const ScheduledTask& scheduled = *timeline.task(n);
        const Task& task = tasks_[static_cast<size_t>(n.task)].task;
        const nlohmann::json context = notification_context(timeline, n, task, config_.schedule, calendar_,
                                                            directory_.roles().monitoring, sent_on);
        render_copies(timeline, n, context, listed, entry);
        entry.thread_id = thread_id(scheduled);
        const std::string period = timeline.period(n);
        std::optional<Date> legal_end;
        if (scheduled.deadline.due) legal_end = calendar_.legal_end(*scheduled.deadline.due);
        data = {{"key", entry.key},
                {"plan", scheduled.plan_number + "/" + std::to_string(scheduled.plan_year)},
                {"task",
                 {{"id", task.code},
                  {"title", task.title},
                  {"product", task.product},
                  {"precondition", task.precondition ? nlohmann::json(*task.precondition) : nlohmann::json(nullptr)}}},
                {"deadline",
                 {{"written", scheduled.deadline.text},
                  {"resolved", date_or_null(scheduled.deadline.due)},
                  {"legal_end", date_or_null(legal_end)}}},
                {"period", period.empty() ? nlohmann::json(nullptr) : nlohmann::json(period)},
                {"level", n.level ? nlohmann::json(n.level) : nlohmann::json(nullptr)},
                {"days_left", value_or_null(context, "days_left")},
                {"days_overdue", value_or_null(context, "days_overdue")},
                {"answer_url", entry.answer_url.empty() ? nlohmann::json(nullptr) : nlohmann::json(entry.answer_url)}};
    }
    data["kind"] = to_string(n.kind);
    data["reference"] = notification_reference(entry.key);
    data["recipients"] = std::move(recipients);
    data["subject"] = entry.message.subject;
    data["text"] = entry.message.text;
    entry.message_id = message_id(entry.key, entry.due_at);
    // Each webhook delivery adds its agency and the moment it is sent (webhook_body()).
    entry.payload = nlohmann::json{{"type", "nhacviec." + std::string(to_string(n.kind))},
                                   {"planned_at", timeline.at(n)},
                                   {"data", std::move(data)}}
                        .dump();
    return entry;
}

}  // namespace nhacviec
