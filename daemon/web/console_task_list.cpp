#include "web/console_task_list.h"

#include <algorithm>
#include <functional>

#include "agency/agency_splitter.h"
#include "common/date.h"
#include "common/text.h"
#include "common/url_encode.h"
#include "content/status_words.h"

namespace nhacviec::web {
namespace {

constexpr size_t kMaxSearch = 200;     // bytes of the search words
constexpr size_t kMaxParameter = 300;  // bytes of any other parameter

std::string e(std::string_view s) { return text::html_escape(s); }

std::optional<ReportCategory> category_from_string(std::string_view text) {
    for (const ReportCategory c : kReportCategories)
        if (to_string(c) == text) return c;
    return std::nullopt;
}

}  // namespace

std::variant<TaskListQuery, TaskListQueryProblem> parse_task_list_query(
    const std::map<std::string, std::string>& query) {
    TaskListQuery out;
    for (const auto& [name, value] : query) {
        const size_t limit = name == "tim" ? kMaxSearch : kMaxParameter;
        if (value.size() > limit)
            return TaskListQueryProblem{name, "Tham số “" + name + "” dài quá " + std::to_string(limit) + " byte."};
        if (text::first_invalid_utf8(value))
            return TaskListQueryProblem{name, "Tham số “" + name + "” không phải là văn bản UTF-8 hợp lệ."};
    }
    const auto get = [&](const char* name) -> std::string {
        const auto it = query.find(name);
        return it == query.end() ? std::string() : it->second;
    };
    out.plan = text::collapse_whitespace(get("ke-hoach"));
    out.lead = text::collapse_whitespace(get("chu-tri"));
    if (const std::string category = get("nhom"); !category.empty()) {
        out.category = category_from_string(category);
        if (!out.category)
            return TaskListQueryProblem{"nhom", "Tham số “nhom” (nhóm nhiệm vụ) không có giá trị “" + category +
                                                    "”; xin chọn trong danh sách."};
    }
    if (const std::string mine = get("cho-xu-ly"); !mine.empty()) {
        if (mine != "1" && mine != "0")
            return TaskListQueryProblem{"cho-xu-ly", "Tham số “cho-xu-ly” (chờ tôi xử lý) chỉ nhận giá trị 1 hoặc 0."};
        out.awaiting_me = mine == "1";
    }
    out.search = text::collapse_whitespace(get("tim"));
    if (const std::string page = get("trang"); !page.empty()) {
        size_t n = 0;
        bool digits = page.size() <= 7;
        for (const char c : page) {
            if (c < '0' || c > '9') digits = false;
            else n = n * 10 + static_cast<size_t>(c - '0');
        }
        if (!digits || n == 0)
            return TaskListQueryProblem{"trang", "Tham số “trang” (số trang) phải là một số nguyên dương."};
        out.page = n;
    }
    return out;
}

std::string search_key(std::string_view text_in) {
    std::string out;
    out.reserve(text_in.size());
    bool space = true;  // no space at the start
    size_t at = 0;
    while (at < text_in.size()) {
        const text::CodePoint cp = text::code_point_at(text_in, at);
        const std::string_view bytes = text_in.substr(at, cp.length);
        at += cp.length;
        if (text::is_white_space(cp.value)) {
            if (!space) out += ' ';
            space = true;
            continue;
        }
        space = false;
        if (const char base = text::ascii_base(cp.value)) {
            out += base;
        } else if (cp.value >= 0x300 && cp.value <= 0x36F) {
            // A combining mark (text not in NFC): dropped with the diacritics.
        } else if (cp.valid) {
            out += bytes;
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// The rest of the index of `snapshot` (its plans and lead agencies, and the tasks of each), `index`'s search keys
// made.
static TaskListIndex finish_index(const app::PlanSnapshot& snapshot, TaskListIndex index) {
    const auto& tasks = snapshot.state->tasks;
    std::map<std::string_view, std::uint32_t, std::less<>> leads;
    std::map<std::string_view, std::uint32_t, std::less<>> plans;
    for (const StoredTask& stored : tasks) {
        plans.emplace(stored.task.plan_number, 0);
        for (const AgencyMention& lead : stored.task.lead) leads.emplace(lead.name, 0);
    }
    for (auto& [name, id] : leads) {
        id = static_cast<std::uint32_t>(index.leads.size());
        index.leads.emplace_back(name);
    }
    for (auto& [plan, id] : plans) {
        id = static_cast<std::uint32_t>(index.plans.size());
        index.plans.emplace_back(plan);
    }
    index.plan_of.reserve(tasks.size());
    index.tasks_of_plan.resize(index.plans.size());
    index.tasks_of_lead.resize(index.leads.size());
    index.leads_of_plan.resize(index.plans.size());
    for (std::uint32_t i = 0; i < tasks.size(); ++i) {
        const Task& task = tasks[i].task;
        const std::uint32_t plan = plans.find(task.plan_number)->second;
        index.plan_of.push_back(plan);
        index.tasks_of_plan[plan].push_back(i);
        for (const AgencyMention& lead : task.lead) {
            const std::uint32_t id = leads.find(lead.name)->second;
            auto& of_lead = index.tasks_of_lead[id];
            if (of_lead.empty() || of_lead.back() != i) of_lead.push_back(i);  // a lead named twice in one task
            index.leads_of_plan[plan].push_back(id);
        }
    }
    for (auto& ids : index.leads_of_plan) {
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    }
    return index;
}

TaskListIndex build_task_list_index(const app::PlanSnapshot& snapshot, const TaskListIndex* before) {
    TaskListIndex index;
    const auto& tasks = snapshot.state->tasks;
    auto hashes = std::make_shared<std::vector<std::uint64_t>>();
    hashes->reserve(tasks.size());
    std::string both;
    for (const StoredTask& stored : tasks) {
        both.assign(stored.task.code).append(1, '\x1f').append(stored.task.title);  // a separator no code holds
        hashes->push_back(std::hash<std::string>{}(both));
    }
    if (before && before->titles && before->title_hashes && *before->title_hashes == *hashes) {
        index.titles = before->titles;
        index.title_hashes = before->title_hashes;
        return finish_index(snapshot, std::move(index));
    }
    auto titles = std::make_shared<std::vector<std::string>>();
    titles->reserve(tasks.size());
    for (const StoredTask& stored : tasks) titles->push_back(search_key(stored.task.code + " " + stored.task.title));
    index.titles = std::move(titles);
    index.title_hashes = std::move(hashes);
    return finish_index(snapshot, std::move(index));
}

bool awaits_decision(const app::PlanSnapshot& snapshot, size_t i) {
    const TaskStatus& status = snapshot.state->scheduled[i].status;
    return !status.awaiting.empty() || !status.extensions.empty();
}

TaskListSelection select_tasks(const app::PlanSnapshot& snapshot, const TaskListIndex& index,
                               const TaskListQuery& query, const Account& account) {
    TaskListSelection out;
    const auto find_in = [](const std::vector<std::string>& sorted, std::string_view name) -> std::optional<std::uint32_t> {
        const auto it = std::lower_bound(sorted.begin(), sorted.end(), name);
        if (it == sorted.end() || *it != name) return std::nullopt;
        return static_cast<std::uint32_t>(it - sorted.begin());
    };
    std::optional<std::uint32_t> lead, plan;
    if (!query.lead.empty() && !(lead = find_in(index.leads, query.lead))) return out;  // no task is led by it
    if (!query.plan.empty() && !(plan = find_in(index.plans, query.plan))) return out;  // no such plan
    // The plans the account may see, by index.
    std::vector<bool> covered(index.plans.size());
    bool covers_all = true;
    for (size_t p = 0; p < index.plans.size(); ++p) {
        covered[p] = account.covers_plan(index.plans[p]);
        covers_all = covers_all && covered[p];
    }
    // The candidates: the tasks of the lead or plan asked for, or every task; then the other conditions.
    const std::vector<std::uint32_t>* candidates = lead ? &index.tasks_of_lead[*lead] : plan ? &index.tasks_of_plan[*plan]
                                                                                             : nullptr;
    const size_t count = candidates ? candidates->size() : snapshot.state->tasks.size();
    const std::string needle = search_key(query.search);
    const bool only_candidates =
        covers_all && !(lead && plan) && !query.category && !query.awaiting_me && needle.empty();
    const size_t first = (query.page - 1) * kTasksPerPage;
    if (only_candidates) {  // every candidate matches: the page is a slice
        out.total = count;
        for (size_t k = first; k < count && out.rows.size() < kTasksPerPage; ++k)
            out.rows.push_back(candidates ? (*candidates)[k] : k);
    } else {
        for (size_t k = 0; k < count; ++k) {
            const size_t i = candidates ? (*candidates)[k] : k;
            if (plan && index.plan_of[i] != *plan) continue;
            if (!covered[index.plan_of[i]]) continue;
            if (query.category && snapshot.report.entries[i].category != *query.category) continue;
            if (query.awaiting_me && !awaits_decision(snapshot, i)) continue;
            if (!needle.empty() && (*index.titles)[i].find(needle) == std::string::npos) continue;
            if (out.total >= first && out.rows.size() < kTasksPerPage) out.rows.push_back(i);
            ++out.total;
        }
    }
    out.pages = std::max<size_t>(1, (out.total + kTasksPerPage - 1) / kTasksPerPage);
    return out;
}

std::string task_list_href(const TaskListQuery& query, std::optional<size_t> page) {
    std::string q;
    const auto add = [&](std::string_view name, std::string_view value) {
        if (value.empty()) return;
        q += (q.empty() ? "?" : "&") + std::string(name) + "=" + url_encode(value);
    };
    add("ke-hoach", query.plan);
    add("chu-tri", query.lead);
    if (query.category) add("nhom", to_string(*query.category));
    if (query.awaiting_me) add("cho-xu-ly", "1");
    add("tim", query.search);
    const size_t p = page.value_or(query.page);
    if (p > 1) add("trang", std::to_string(p));
    return std::string(kConsoleTasks) + q;
}

std::string task_href(std::int64_t task_id) {
    std::string out(kConsoleTasks);
    out += '/';
    out += std::to_string(task_id);
    return out;
}

std::string render_task_list(const ConsoleFrame& frame, const app::PlanSnapshot& snapshot, const TaskListIndex& index,
                             const TaskListQuery& query, const TaskListSelection& selection, const Account& account) {
    std::string m;
    m.reserve(64 * 1024);
    m += render_console_nav(ConsoleSection::tasks) + "<h1>Danh sách nhiệm vụ</h1>\n";
    // The filters: a plain GET form, usable without script.
    m += "<section id=\"loc\">\n<form class=\"filters\" method=\"get\" action=\"" + std::string(kConsoleTasks) + "\">\n";
    m += "<label for=\"tim\">Tìm trong tên nhiệm vụ <small>(không phân biệt chữ hoa, có dấu hay không dấu)</small>"
         "</label>\n<input type=\"search\" id=\"tim\" name=\"tim\" maxlength=\"200\" value=\"" + e(query.search) + "\">\n";
    m += "<label for=\"ke-hoach\">Kế hoạch</label>\n<select id=\"ke-hoach\" name=\"ke-hoach\">\n<option value=\"\">Tất cả"
         "</option>\n";
    for (const std::string& plan : index.plans) {
        if (!account.covers_plan(plan)) continue;
        m += "<option value=\"" + e(plan) + "\"" + (plan == query.plan ? " selected" : "") + ">Kế hoạch số " + e(plan) +
             "</option>\n";
    }
    m += "</select>\n<label for=\"chu-tri\">Cơ quan chủ trì</label>\n<select id=\"chu-tri\" name=\"chu-tri\">\n"
         "<option value=\"\">Tất cả</option>\n";
    // An account limited to some plans is offered only the agencies that lead a task of those plans.
    std::vector<bool> offered(index.leads.size(), account.role == AccountRole::admin || account.plans.empty());
    if (!offered.empty() && !offered.front())
        for (size_t p = 0; p < index.plans.size(); ++p)
            if (account.covers_plan(index.plans[p]))
                for (const std::uint32_t id : index.leads_of_plan[p]) offered[id] = true;
    for (size_t id = 0; id < index.leads.size(); ++id) {
        if (!offered[id]) continue;
        const std::string& lead = index.leads[id];
        m += "<option value=\"" + e(lead) + "\"" + (lead == query.lead ? " selected" : "") + ">" + e(lead) + "</option>\n";
    }
    m += "</select>\n<label for=\"nhom\">Nhóm</label>\n<select id=\"nhom\" name=\"nhom\">\n<option value=\"\">Tất cả"
         "</option>\n";
    for (const ReportCategory c : kReportCategories)
        m += "<option value=\"" + std::string(to_string(c)) + "\"" + (query.category == c ? " selected" : "") + ">" +
             e(label(c)) + "</option>\n";
    m += "</select>\n<label class=\"check\"><input type=\"checkbox\" name=\"cho-xu-ly\" value=\"1\"" +
         std::string(query.awaiting_me ? " checked" : "") +
         "> Chờ tôi xử lý <small>(báo cáo hoàn thành chờ xác nhận, đề nghị gia hạn chờ duyệt)</small></label>\n";
    m += "<div class=\"buttons\"><button type=\"submit\">Lọc</button> <a href=\"" + std::string(kConsoleTasks) +
         "\">Bỏ lọc</a></div>\n</form>\n</section>\n";

    m += "<section id=\"ket-qua\">\n<p class=\"count\" id=\"so-nhiem-vu\">" + std::to_string(selection.total) +
         " nhiệm vụ";
    if (selection.total > kTasksPerPage)
        m += ", trang " + std::to_string(query.page) + "/" + std::to_string(selection.pages);
    m += "</p>\n";
    if (selection.rows.empty()) {
        m += "<p class=\"note\">" +
             std::string(selection.total == 0 ? "Không có nhiệm vụ nào khớp với điều kiện lọc."
                                              : "Trang này không có nhiệm vụ nào; xin về trang đầu.") +
             "</p>\n";
    } else {
        m += "<ul class=\"items tasks\">\n";
        for (const size_t i : selection.rows) {
            const StoredTask& stored = snapshot.state->tasks[i];
            const Task& task = stored.task;
            const ReportEntry& entry = snapshot.report.entries[i];
            m += "<li><a href=\"" + task_href(stored.id) + "\"><strong>" + e(task.code) + "</strong> " + e(task.title) +
                 "</a><div class=\"meta\">Kế hoạch số " + e(task.plan_number) + " · Chủ trì: " +
                 e(joined_names(task.lead)) + " · Thời hạn: " + e(task.deadline.text);
            if (entry.legal_due) m += " (" + format_vietnamese_date(*entry.legal_due) + ")";
            m += "</div><div class=\"state\">" + e(status_in_words(entry));
            if (awaits_decision(snapshot, i)) m += " <span class=\"flag\">Chờ xử lý</span>";
            m += "</div></li>\n";
        }
        m += "</ul>\n";
    }
    if (selection.pages > 1) {
        m += "<nav class=\"pager\" aria-label=\"Trang\">";
        if (query.page > 1)
            m += "<a rel=\"prev\" href=\"" + e(task_list_href(query, query.page - 1)) + "\">‹ Trang trước</a> ";
        m += "<span>Trang " + std::to_string(std::min(query.page, selection.pages)) + "/" +
             std::to_string(selection.pages) + "</span>";
        if (query.page < selection.pages)
            m += " <a rel=\"next\" href=\"" + e(task_list_href(query, query.page + 1)) + "\">Trang sau ›</a>";
        m += "</nav>\n";
    }
    m += "</section>\n";
    return render_console_page(frame, "Danh sách nhiệm vụ", m);
}

}  // namespace nhacviec::web
