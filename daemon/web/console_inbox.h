// The console's home page (/quan-ly/), its inbox: what waits for the
// monitoring office, within the account's plans — completions awaiting
// confirmation, open extension requests, tasks with no deadline yet,
// deliveries that could not be delivered, agencies with no contact — each
// with its age ("3 ngày trước"). The inbox's task lists are made once per
// snapshot (InboxIndex); the page is pure: a view goes in, the page comes
// out; any thread.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "app/plan_snapshot.h"
#include "storage/account_store.h"
#include "web/console_page.h"

namespace nhacviec::web {

// Lines of one list of the inbox at most; the rest are counted ("và 12 mục khác").
inline constexpr size_t kMaxInboxLines = 100;

// How long ago `then` was at `now`, in words: "vừa xong", "5 phút trước", "3 giờ trước", "3 ngày trước".
std::string age_in_words(std::chrono::sys_seconds then, std::chrono::sys_seconds now);

// The tasks of one snapshot that belong in the inbox, in task order. Immutable once built.
struct InboxIndex {
    std::vector<size_t> awaiting;      // a completion awaits confirmation
    std::vector<size_t> extensions;    // an extension request is open
    std::vector<size_t> undetermined;  // no deadline yet
    // Agencies named by tasks (lead or cooperating) that have no email or webhook, with the
    // plan numbers that name them and the day the earliest of those plans was issued.
    struct NoContact {
        std::string agency;
        std::vector<std::string> plans;
        Date since;
    };
    std::vector<NoContact> no_contact;
};
InboxIndex build_inbox_index(const app::PlanSnapshot& snapshot);

// One line of the inbox. Plain text but for `href`.
struct InboxItem {
    std::string href;    // the task's page; "" for none
    std::string title;   // "I.3 – Xây dựng kế hoạch …"
    std::string detail;  // "Sở Tài chính báo cáo hoàn thành ngày 30/09/2026, văn bản 125/BC-STC"
    std::string age;     // "3 ngày trước"
};

// A dead delivery as the inbox shows it (read from the outbox by the caller).
struct InboxDead {
    std::string key;  // the notification's key: "90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính"
    std::string task_code;
    std::string subject;
    std::string agency;
    std::string address;
    std::string error;
    std::chrono::sys_seconds at{};
};

struct InboxView {
    ConsoleFrame frame;
    std::vector<std::string> plans;  // the account's plans; empty: every plan
    std::string logged_in;           // when this session began: "08:00 07/12/2026"
    std::vector<InboxItem> awaiting, extensions, undetermined, dead, no_contact;
    size_t more_undetermined = 0;    // lines left out of each list (it shows the first 100)
    size_t more_dead = 0;
};

// Whether `account` sees the dead delivery of the notification keyed `key` ("PLAN/YEAR|CODE|…"): one of its plans.
bool dead_delivery_in_reach(std::string_view key, const Account& account);

// The view of `index` for `account` at `frame.now`, with the dead deliveries `dead` (newest first, those the
// account sees, at most kMaxInboxLines of them) out of `dead_total` it sees.
InboxView inbox_view(const app::PlanSnapshot& snapshot, const InboxIndex& index, const Account& account,
                     const std::vector<InboxDead>& dead, size_t dead_total, ConsoleFrame frame);

std::string render_console_inbox(const InboxView& view);

}  // namespace nhacviec::web
