#include "outbox/answer_message_parts.h"

#include "agency/agency_contacts.h"
#include "content/notification_context.h"
#include "schedule/review_period.h"

namespace nhacviec {

std::string date_words_or_empty(const std::optional<Date>& date) {
    return date ? format_vietnamese_date(*date) : "";
}

nlohmann::json iso_date_or_null(const std::optional<Date>& date) {
    return date ? nlohmann::json(format_iso_date(*date)) : nlohmann::json(nullptr);
}

nlohmann::json deadline_in_words(const Task& task, const WorkingCalendar& calendar) {
    nlohmann::json deadline = {{"text", task.deadline.text}, {"due", ""}, {"legal_due", ""}};
    if (task.deadline.due) {
        deadline["due"] = format_vietnamese_date(*task.deadline.due);
        deadline["legal_due"] = format_vietnamese_date(calendar.legal_end(*task.deadline.due));
    }
    return deadline;
}

std::string period_label_of(const std::string& period) {
    if (period.empty()) return "";
    const auto parsed = parse_period(period);
    return parsed ? period_in_words(*parsed) : period;
}

void add_agency_deliveries(const AgencyDirectory& directory, const std::string& agency, OutboxEntry& entry) {
    const AgencyContacts contacts = contacts_of(directory, agency);
    if (contacts.empty()) entry.deliveries.push_back({agency, ChannelKind::none, "", unreachable_reason(contacts)});
    for (size_t k = 0; k < contacts.emails.size(); ++k) {
        entry.mail_to.push_back({contacts.email_owners[k], contacts.emails[k]});
        entry.deliveries.push_back({contacts.email_owners[k], ChannelKind::email, contacts.emails[k], ""});
    }
    for (size_t k = 0; k < contacts.webhooks.size(); ++k)
        entry.deliveries.push_back({contacts.webhook_owners[k], ChannelKind::webhook, contacts.webhooks[k], ""});
}

}  // namespace nhacviec
