#include "web/console_inbox.h"

#include <algorithm>
#include <map>

#include "agency/agency_contacts.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/text.h"
#include "web/console_task_list.h"

namespace nhacviec::web {
namespace {

constexpr size_t kMaxLines = kMaxInboxLines;

std::string e(std::string_view s) { return text::html_escape(s); }

std::string title_of(const Task& task) { return task.code + " – " + text::shorten(task.title, 160); }

// The moment of "2026-10-12T09:30:00+07:00" (the project writes every moment in Vietnam's time); `fallback` when
// the text is not one.
std::chrono::sys_seconds moment_of(const std::string& iso, std::chrono::sys_seconds fallback) {
    if (iso.size() != 25 || !iso.ends_with("+07:00")) return fallback;
    return parse_vietnam_time(std::string_view(iso).substr(0, 19)).value_or(fallback);
}

void list(std::string& m, std::string_view id, std::string_view heading, std::string_view empty,
          const std::vector<InboxItem>& items, size_t more) {
    m += "<section id=\"" + std::string(id) + "\">\n<h2>" + e(heading) + " <span class=\"count\">(" +
         std::to_string(items.size() + more) + ")</span></h2>\n";
    if (items.empty()) {
        m += "<p class=\"note\">" + e(empty) + "</p>\n</section>\n";
        return;
    }
    m += "<ul class=\"items\">\n";
    for (const InboxItem& item : items) {
        m += "<li>";
        if (!item.href.empty()) m += "<a href=\"" + e(item.href) + "\">" + e(item.title) + "</a>";
        else m += "<strong>" + e(item.title) + "</strong>";
        if (!item.age.empty()) m += " <span class=\"age\">" + e(item.age) + "</span>";
        if (!item.detail.empty()) m += "<div class=\"meta\">" + e(item.detail) + "</div>";
        m += "</li>\n";
    }
    m += "</ul>\n";
    if (more) m += "<p class=\"note\">Và " + std::to_string(more) + " mục khác.</p>\n";
    m += "</section>\n";
}

}  // namespace

std::string age_in_words(std::chrono::sys_seconds then, std::chrono::sys_seconds now) {
    const auto seconds = (now - then).count();
    if (seconds < 60) return "vừa xong";
    if (seconds < 3600) return std::to_string(seconds / 60) + " phút trước";
    if (seconds < 86400) return std::to_string(seconds / 3600) + " giờ trước";
    return std::to_string(seconds / 86400) + " ngày trước";
}

InboxIndex build_inbox_index(const app::PlanSnapshot& snapshot) {
    InboxIndex index;
    const app::PlanState& state = *snapshot.state;
    const AgencyDirectory& directory = snapshot.setup->directory;
    std::map<std::string, InboxIndex::NoContact, std::less<>> no_contact;
    std::map<std::string, bool, std::less<>> reachable;
    for (size_t i = 0; i < state.tasks.size(); ++i) {
        const TaskStatus& status = state.scheduled[i].status;
        if (!status.awaiting.empty()) index.awaiting.push_back(i);
        if (!status.extensions.empty()) index.extensions.push_back(i);
        if (snapshot.report.entries[i].category == ReportCategory::undetermined) index.undetermined.push_back(i);
        const Task& task = state.tasks[i].task;
        const auto note = [&](const AgencyMention& mention) {
            auto known = reachable.find(mention.name);
            if (known == reachable.end())
                known = reachable.emplace(mention.name, !contacts_of(directory, mention.name).empty()).first;
            if (known->second) return;
            InboxIndex::NoContact& entry = no_contact[mention.name];
            if (entry.agency.empty()) {
                entry.agency = mention.name;
                entry.since = state.scheduled[i].plan_issued;
            }
            entry.since = std::min(entry.since, state.scheduled[i].plan_issued);
            if (std::find(entry.plans.begin(), entry.plans.end(), task.plan_number) == entry.plans.end())
                entry.plans.push_back(task.plan_number);
        };
        for (const AgencyMention& m : task.lead) note(m);
        for (const AgencyMention& m : task.cooperating) note(m);
    }
    for (auto& [name, entry] : no_contact) index.no_contact.push_back(std::move(entry));
    return index;
}

bool dead_delivery_in_reach(std::string_view key, const Account& account) {
    if (account.role == AccountRole::admin || account.plans.empty()) return true;
    const std::string_view plan_year = key.substr(0, key.find('|'));
    const size_t slash = plan_year.rfind('/');
    const std::string_view plan = slash == std::string_view::npos ? plan_year : plan_year.substr(0, slash);
    return std::find(account.plans.begin(), account.plans.end(), plan) != account.plans.end();
}

InboxView inbox_view(const app::PlanSnapshot& snapshot, const InboxIndex& index, const Account& account,
                     const std::vector<InboxDead>& dead, size_t dead_total, ConsoleFrame frame) {
    InboxView view;
    const auto now = frame.now;
    view.frame = std::move(frame);
    if (account.role == AccountRole::monitor) view.plans = account.plans;
    const app::PlanState& state = *snapshot.state;
    const auto covered = [&](size_t i) { return account.covers_plan(state.tasks[i].task.plan_number); };
    for (const size_t i : index.awaiting) {
        if (!covered(i)) continue;
        const StoredTask& stored = state.tasks[i];
        for (const auto& [period, a] : state.scheduled[i].status.awaiting) {
            std::string detail = a.agency + " báo cáo hoàn thành ngày " + format_vietnamese_date(a.done_on) +
                                 ", văn bản số " + a.document_number + " ngày " +
                                 format_vietnamese_date(a.document_date);
            if (!period.empty()) detail += " (kỳ " + period + ")";
            view.awaiting.push_back({task_href(stored.id), title_of(stored.task), std::move(detail),
                                     age_in_words(moment_of(a.answered_at, now), now)});
        }
    }
    for (const size_t i : index.extensions) {
        if (!covered(i)) continue;
        const StoredTask& stored = state.tasks[i];
        for (const OpenExtension& x : state.scheduled[i].status.extensions) {
            std::string detail = x.agency + " đề nghị gia hạn đến ngày " + format_vietnamese_date(x.proposed_due);
            if (!x.period.empty()) detail += " (kỳ " + x.period + ")";
            if (!x.reason.empty()) detail += ": " + text::shorten(x.reason, 200);
            view.extensions.push_back({task_href(stored.id), title_of(stored.task), std::move(detail),
                                       age_in_words(moment_of(x.answered_at, now), now)});
        }
    }
    for (const size_t i : index.undetermined) {
        if (!covered(i)) continue;
        if (view.undetermined.size() >= kMaxLines) {
            ++view.more_undetermined;
            continue;
        }
        const StoredTask& stored = state.tasks[i];
        const Date issued = state.scheduled[i].plan_issued;
        view.undetermined.push_back({task_href(stored.id), title_of(stored.task),
                                     "Thời hạn ghi trong kế hoạch: “" + stored.task.deadline.text + "” · Kế hoạch số " +
                                         stored.task.plan_number + " ban hành ngày " + format_vietnamese_date(issued),
                                     age_in_words(vietnam_time(issued, 0), now)});
    }
    std::map<std::string, std::int64_t, std::less<>> task_ids;  // "PLAN/YEAR|CODE" → tasks.id, for the dead ones
    if (!dead.empty())
        for (const StoredTask& stored : state.tasks)
            task_ids.emplace(stored.task.plan_number + "/" + std::to_string(stored.task.plan_year) + "|" +
                                 stored.task.code,
                             stored.id);
    for (const InboxDead& d : dead) {
        const std::string_view key = d.key;
        const size_t bar = key.find('|');
        const size_t second = bar == std::string_view::npos ? bar : key.find('|', bar + 1);
        if (!dead_delivery_in_reach(key, account)) continue;
        if (view.dead.size() >= kMaxLines) break;
        std::string href;
        if (second != std::string_view::npos)
            if (const auto it = task_ids.find(key.substr(0, second)); it != task_ids.end()) href = task_href(it->second);
        std::string detail = "Gửi " + d.agency + (d.address.empty() ? std::string() : " (" + d.address + ")") +
                             " không được";
        if (!d.error.empty()) detail += ": " + text::shorten(d.error, 200);
        view.dead.push_back({std::move(href), d.subject.empty() ? d.key : d.subject, std::move(detail),
                             age_in_words(d.at, now)});
    }
    view.more_dead = dead_total > view.dead.size() ? dead_total - view.dead.size() : 0;
    for (const InboxIndex::NoContact& n : index.no_contact) {
        std::string plans;
        for (const std::string& plan : n.plans) {
            if (!account.covers_plan(plan)) continue;
            plans += (plans.empty() ? "" : ", ") + plan;
        }
        if (plans.empty()) continue;
        view.no_contact.push_back({"", n.agency,
                                   "Không có địa chỉ thư điện tử hay webhook trong danh bạ cơ quan; được giao nhiệm "
                                   "vụ trong kế hoạch số " + plans,
                                   age_in_words(vietnam_time(n.since, 0), now)});
    }
    return view;
}

std::string render_console_inbox(const InboxView& view) {
    std::string m;
    m.reserve(32 * 1024);
    m += render_console_nav(ConsoleSection::inbox) + "<h1>Xin chào " + e(view.frame.account) +
         "</h1>\n<p class=\"note\" id=\"pham-vi\">Việc cần xử lý ";
    if (view.plans.empty()) {
        m += "trong mọi kế hoạch.";
    } else {
        m += "trong các kế hoạch ";
        for (size_t i = 0; i < view.plans.size(); ++i) m += (i ? ", " : "") + ("số " + e(view.plans[i]));
        m += ".";
    }
    m += "</p>\n";
    list(m, "cho-xac-nhan", "Báo cáo hoàn thành chờ xác nhận", "Không có báo cáo hoàn thành nào chờ xác nhận.",
         view.awaiting, 0);
    list(m, "de-nghi-gia-han", "Đề nghị gia hạn chờ duyệt", "Không có đề nghị gia hạn nào chờ duyệt.",
         view.extensions, 0);
    list(m, "chua-co-han", "Nhiệm vụ chưa xác định thời hạn", "Mọi nhiệm vụ đều đã có thời hạn.", view.undetermined,
         view.more_undetermined);
    list(m, "khong-gui-duoc", "Thư không gửi được", "Không có thư nào không gửi được.", view.dead, view.more_dead);
    list(m, "thieu-dia-chi", "Cơ quan chưa có địa chỉ liên hệ", "Mọi cơ quan đều có địa chỉ liên hệ.",
         view.no_contact, 0);
    m += "<section id=\"tai-khoan\">\n<h2>Tài khoản</h2>\n<dl>\n<dt>Tên đăng nhập</dt><dd>" + e(view.frame.account) +
         "</dd>\n<dt>Vai trò</dt><dd>" + e(view.frame.role) + "</dd>\n<dt>Kế hoạch</dt><dd>";
    if (view.plans.empty()) {
        m += "Tất cả kế hoạch";
    } else {
        for (size_t i = 0; i < view.plans.size(); ++i) m += (i ? ", " : "") + ("Kế hoạch số " + e(view.plans[i]));
    }
    m += "</dd>\n<dt>Đăng nhập lúc</dt><dd>" + e(view.logged_in) + "</dd>\n</dl>\n</section>\n";
    return render_console_page(view.frame, "Việc cần xử lý", m);
}

}  // namespace nhacviec::web
