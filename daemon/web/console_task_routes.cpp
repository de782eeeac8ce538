// The console's inbox, list of tasks, task pages and report files. Part of
// Api (web/api.h); the pages are web/console_inbox, web/console_task_list and
// web/console_task_page. What grows with the plan (the list's index and the
// inbox's) is made off the loop, once per snapshot (ConsoleCache), and let
// go of when another snapshot is published; a task's page (its answers,
// history, messages and files), a report file and the inbox's dead
// deliveries (counted, the newest 100 read) are read off the loop, on a
// connection of the render threads (ReadConnections). A decision recorded is
// counted for /metrics (DecisionCounts).
#include <algorithm>
#include <fstream>
#include <mutex>

#include "answers/record_answer.h"
#include "app/plan_snapshot.h"
#include "common/clock.h"
#include "common/log.h"
#include "common/text.h"
#include "common/url_encode.h"
#include "content/status_words.h"
#include "outbox/dead_deliveries.h"
#include "outbox/outbox_store.h"
#include "outbox/task_messages.h"
#include "storage/answer_store.h"
#include "storage/deadline_change_store.h"
#include "storage/reminder_pause_store.h"
#include "storage/status_store.h"
#include "web/api.h"
#include "web/console_inbox.h"
#include "web/console_page.h"
#include "web/console_task_list.h"
#include "web/console_task_page.h"
#include "web/decision_counts.h"
#include "web/download_response.h"
#include "web/form_data.h"
#include "web/read_connections.h"
#include "web/task_facts.h"
#include "web/task_history.h"

namespace nhacviec {
namespace {

constexpr std::string_view kFiles = "/quan-ly/tep/";
constexpr size_t kMaxMessages = 200;  // deliveries a task page lists
constexpr size_t kMaxPlanned = 60;    // planned notifications a task page lists
constexpr int kPlannedDays = 400;     // how far ahead

HttpResponse console_unavailable(std::chrono::sys_seconds now) {
    HttpResponse r = Api::console_response(
        503, web::render_console_notice("Tạm thời chưa dùng được",
                                        "Hệ thống đang gặp sự cố khi đọc, ghi dữ liệu. Xin thử lại sau ít phút.", now));
    r.headers.emplace_back("Retry-After", "30");
    return r;
}

HttpResponse not_found(std::chrono::sys_seconds now) {
    return Api::console_response(404, web::render_console_notice(
                                          "Không tìm thấy",
                                          "Không có nhiệm vụ hay tệp nào ở địa chỉ này. Xin mở lại từ danh sách nhiệm vụ.",
                                          now));
}

HttpResponse out_of_reach(std::chrono::sys_seconds now) {
    return Api::console_response(
        403, web::render_console_notice("Không có quyền xem",
                                        "Tài khoản của bạn chỉ được xem, xử lý các kế hoạch được giao; nhiệm vụ này "
                                        "thuộc kế hoạch khác.",
                                        now));
}

// A positive decimal number of at most 18 digits, or nullopt.
std::optional<std::int64_t> positive_number(std::string_view text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::int64_t n = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n > 0 ? std::optional<std::int64_t>(n) : std::nullopt;
}

std::string kind_words(const Timeline& timeline, const PlannedNotification& n) {
    switch (n.kind) {
        case NotificationKind::reminder:
            return n.step == 0 ? "Nhắc hạn vào ngày đến hạn" : "Nhắc hạn trước " + std::to_string(n.step) + " ngày";
        case NotificationKind::review: {
            const std::string period = web::period_words(timeline.period(n));
            return (n.step == 0 ? std::string("Nhắc báo cáo định kỳ vào ngày đến hạn")
                                : "Nhắc báo cáo định kỳ trước " + std::to_string(n.step) + " ngày") +
                   (period.empty() ? std::string() : " (kỳ " + period + ")");
        }
        case NotificationKind::escalation: return "Báo cáo chậm hạn, cấp " + std::to_string(n.level);
        case NotificationKind::digest: return "Bản tổng hợp hằng tuần";
        case NotificationKind::answer: return "Thông báo về báo cáo của cơ quan";
        case NotificationKind::decision: return "Thông báo ý kiến xử lý của cơ quan theo dõi";
    }
    return "";
}

std::string delivery_words(DeliveryState state) {
    switch (state) {
        case DeliveryState::pending: return "chờ gửi";
        case DeliveryState::sending: return "đang gửi";
        case DeliveryState::sent: return "đã gửi";
        case DeliveryState::retrying: return "gửi chưa được, sẽ thử lại";
        case DeliveryState::dead: return "không gửi được";
        case DeliveryState::cancelled: return "đã hủy";
        case DeliveryState::skipped: return "bỏ qua";
    }
    return "";
}

// Why a message was cancelled, in words (the outbox records it in English, for the log): the gist of it.
std::string cancelled_words(std::string_view reason) {
    const auto has = [&](std::string_view part) { return reason.find(part) != std::string_view::npos; };
    constexpr std::string_view kMoved = ": now planned for ";
    if (const size_t at = reason.find(kMoved); at != std::string_view::npos)
        return "Không gửi vì thời điểm gửi đã đổi; nay dự kiến gửi lúc " +
               web::when_text(std::string(reason.substr(at + kMoved.size()))) + ".";
    if (has("awaits confirmation"))
        return "Không gửi vì cơ quan chủ trì đã báo cáo hoàn thành, đang chờ xác nhận.";
    if (has("was marked done")) return "Không gửi vì nhiệm vụ đã được ghi nhận hoàn thành.";
    if (has("are paused")) return "Không gửi vì cơ quan theo dõi đã tạm dừng nhắc việc của nhiệm vụ.";
    if (has("is no longer in plan")) return "Không gửi vì nhiệm vụ không còn trong kế hoạch.";
    if (has("waiting on its precondition")) return "Không gửi vì nhiệm vụ đang chờ điều kiện thực hiện.";
    if (has("the deadline of")) return "Không gửi vì thời hạn của nhiệm vụ đã thay đổi.";
    return "Không gửi vì thư không còn trong kế hoạch nhắc việc hiện tại.";
}

std::string channel_words(const OutboxRow& row) {
    if (!row.channel || row.address.empty()) return "không có địa chỉ";
    return (*row.channel == ChannelKind::webhook ? "webhook " : "thư điện tử ") + row.address;
}

// The name a report file is downloaded under: the one it was sent under, without folders, control characters or
// quotes, at most 100 characters, ending in .pdf; `fallback` when nothing is left.
std::string download_name(const std::string& original, const std::string& fallback) {
    std::string_view name = original;
    if (const size_t slash = name.find_last_of("/\\"); slash != std::string_view::npos) name = name.substr(slash + 1);
    std::string out;
    size_t at = 0, kept = 0;
    while (at < name.size() && kept < 100) {
        const text::CodePoint cp = text::code_point_at(name, at);
        const std::string_view bytes = name.substr(at, cp.length);
        at += cp.length;
        if (!cp.valid || cp.value < 0x20 || cp.value == 0x7f || (cp.value >= 0x80 && cp.value < 0xa0) ||
            cp.value == '"' || cp.value == ';' || cp.value == '\\' || cp.value == 0x2028 || cp.value == 0x2029 ||
            (cp.value >= 0x202a && cp.value <= 0x202e) || (cp.value >= 0x2066 && cp.value <= 0x2069))
            continue;
        out += bytes;
        ++kept;
    }
    out = text::collapse_whitespace(out);
    while (!out.empty() && out.front() == '.') out.erase(0, 1);
    if (out.empty()) return fallback;
    if (out.size() < 4 || text::ascii_lower(out.substr(out.size() - 4)) != ".pdf") out += ".pdf";
    return out;
}

// The page of task `index` of `snapshot` for `account`, its answers, history, messages and files read from `db`
// (on the thread that holds it): `status`, a banner (`done`, "" for none) and a refused decision form shown again.
HttpResponse render_task_page(Database& db, const app::PlanSnapshot& snapshot, const Account& account, size_t index,
                              web::ConsoleFrame frame, std::chrono::sys_seconds now, unsigned status,
                              const std::string& done, std::optional<web::RefusedDecision> refused) {
    const ServiceSetup& setup = *snapshot.setup;
    const Date today = vietnam_date(now);
    const StoredTask& stored = snapshot.state->tasks.at(index);
    const Task& task = stored.task;

    // As the database has it now: what was decided a moment ago shows.
    auto fresh = read_task_status(db, stored.id);
    auto answers = fresh ? AnswerStore(db).for_task(stored.id) : Result<std::vector<nhacviec::Answer>>(fresh.error());
    auto changes = answers ? StatusStore(db).history(stored.id) : Result<std::vector<StatusChange>>(answers.error());
    auto messages = changes ? task_messages(db, task_key_prefix(task.plan_number, task.plan_year, task.code),
                                            kMaxMessages)
                            : Result<std::vector<TaskMessage>>(changes.error());
    if (!messages) {
        log::error("console: the page of task " + task.code + " cannot be shown: " + messages.error().message);
        return console_unavailable(now);
    }
    ScheduledTask scheduled = snapshot.state->scheduled.at(index);
    scheduled.status = std::move(*fresh);
    const ReportEntry entry = build_report({scheduled}, setup.config.schedule, setup.calendar, today).entries.at(0);

    web::ConsoleTaskView view;
    view.frame = std::move(frame);
    view.action = web::task_href(stored.id);
    web::fill_task_facts(view, task, entry, next_review(scheduled, setup.config.schedule, today));
    view.extended_from = entry.extended_from;
    view.paused = scheduled.status.reminders_paused;
    // A deadline the monitoring agency set (not an extension) may be set again.
    view.undetermined = task.deadline.kind == DeadlineKind::undetermined ||
                        (scheduled.status.deadline_moved && !scheduled.status.deadline_moved->extension);
    view.recurring = review_rule(scheduled, setup.config.schedule).cadence != Recurrence::none;
    view.may_decide = account.role != AccountRole::viewer && account.covers_plan(task.plan_number);
    for (const nhacviec::Answer& a : *answers) {
        if (a.completion_state == "awaiting") {
            web::PendingDecision p;
            p.answer = a.id;
            p.what = a.agency + ": " + web::answer_words(a) + ", lúc " + web::when_text(a.answered_at);
            p.detail = a.note;
            view.awaiting.push_back(std::move(p));
        } else if (a.extension_state == "open") {
            web::PendingDecision p;
            p.answer = a.id;
            p.what = a.agency + ": " + web::answer_words(a) + ", lúc " + web::when_text(a.answered_at);
            p.detail = a.reason + (a.note.empty() ? "" : "\n" + a.note);
            p.proposed_due = a.proposed_due;
            view.extensions.push_back(std::move(p));
        }
        if (a.report) {
            view.files.push_back({std::string(kFiles) + std::to_string(stored.id) + "-" + std::to_string(a.id),
                                  a.report->original_name,
                                  a.agency + ", " + web::answer_words(a) + ", lúc " + web::when_text(a.answered_at) +
                                      ", " + web::size_text(a.report->size)});
        }
    }
    // The notifications planned for this task alone, from today on.
    {
        const ScheduledTasks one{scheduled};
        const Timeline timeline = plan_timeline(one, *snapshot.state->names, snapshot.state->roles,
                                                setup.config.schedule, setup.calendar, today,
                                                add_days(today, kPlannedDays));
        for (const PlannedNotification& n : timeline.items) {
            if (n.task < 0) continue;
            if (view.planned.size() >= kMaxPlanned) {
                ++view.more_planned;
                continue;
            }
            std::string to = timeline.name(n.to);
            const auto cc = timeline.cc(n);
            if (!cc.empty()) {
                to += ", đồng gửi ";
                for (size_t i = 0; i < cc.size(); ++i) to += (i ? "; " : "") + cc[i];
            }
            view.planned.push_back({web::when_text(timeline.at(n)), kind_words(timeline, n), std::move(to)});
        }
    }
    for (const TaskMessage& message : *messages) {
        const OutboxRow& row = message.row;
        web::MessageLine line;
        line.when = web::when_text(format_vietnam_time(row.due_at));
        if (row.state == DeliveryState::sent)
            line.sent = web::when_text(format_vietnam_time(message.sent_at.value_or(row.updated_at)));
        line.subject = row.subject.empty() ? row.key : row.subject;
        line.to = row.agency + " – " + channel_words(row);
        line.state = delivery_words(row.state);
        if (row.attempts > 0) line.state += " (" + std::to_string(row.attempts) + " lần gửi)";
        line.detail = row.state == DeliveryState::sent        ? std::string()
                      : row.state == DeliveryState::cancelled ? cancelled_words(row.detail)
                                                              : row.detail;
        line.failed = row.state == DeliveryState::dead;
        view.messages.push_back(std::move(line));
    }
    // The deadline's moves and the reminders' pauses, told in the history when they can be read.
    auto moves = DeadlineChangeStore(db).history(stored.id);
    auto pauses = ReminderPauseStore(db).history(stored.id);
    if (!moves) log::warning("console: the deadline moves of task " + task.code + " cannot be read: " +
                             moves.error().message);
    if (!pauses) log::warning("console: the reminder pauses of task " + task.code + " cannot be read: " +
                              pauses.error().message);
    view.history = web::history_lines(*answers, *changes, web::HistoryReader::console,
                                      moves ? *moves : std::vector<DeadlineChange>{},
                                      pauses ? *pauses : std::vector<ReminderPause>{});
    view.done = done;
    view.refused = std::move(refused);
    view.today = today;
    return Api::console_response(status, web::render_console_task(view));
}


}  // namespace

struct Api::ConsoleCache {
    std::mutex mutex;
    std::shared_ptr<const app::PlanSnapshot> snapshot;  // what the indexes below were made from
    std::shared_ptr<const web::TaskListIndex> list;
    std::shared_ptr<const web::InboxIndex> inbox;
    // The last list index made: the next one takes over its search keys when the titles are the same (building
    // them is most of the work: about 0.6 s for 100,000 tasks). It holds nothing of its snapshot.
    std::shared_ptr<const web::TaskListIndex> last_list;

    void keep_to(const std::shared_ptr<const app::PlanSnapshot>& wanted) {
        if (snapshot == wanted) return;
        snapshot = wanted;
        list.reset();
        inbox.reset();
    }
    std::shared_ptr<const web::TaskListIndex> list_of(const std::shared_ptr<const app::PlanSnapshot>& wanted) {
        std::lock_guard lock(mutex);
        keep_to(wanted);
        if (!list) {
            list = std::make_shared<const web::TaskListIndex>(web::build_task_list_index(*wanted, last_list.get()));
            last_list = list;
        }
        return list;
    }
    std::shared_ptr<const web::InboxIndex> inbox_of(const std::shared_ptr<const app::PlanSnapshot>& wanted) {
        std::lock_guard lock(mutex);
        keep_to(wanted);
        if (!inbox) inbox = std::make_shared<const web::InboxIndex>(web::build_inbox_index(*wanted));
        return inbox;
    }
    // Lets go of the snapshot and indexes kept when they are not of `current`: they are handed back, to be freed
    // by the caller outside the lock.
    struct Released {
        std::shared_ptr<const app::PlanSnapshot> snapshot;
        std::shared_ptr<const web::TaskListIndex> list;
        std::shared_ptr<const web::InboxIndex> inbox;
    };
    Released release_unless(const std::shared_ptr<const app::PlanSnapshot>& current) {
        std::lock_guard lock(mutex);
        if (!snapshot || snapshot == current) return {};
        return {std::move(snapshot), std::move(list), std::move(inbox)};
    }
};

std::shared_ptr<Api::ConsoleCache> Api::make_console_cache() { return std::make_shared<ConsoleCache>(); }

void Api::release_console_older(const std::shared_ptr<const app::PlanSnapshot>& current) {
    auto released = console_cache_->release_unless(current);
}  // freed here, outside the lock

Api::Answer Api::console_home(const Call& call) {
    // The console's address without its last slash: the cookie's path needs it.
    if (!call.request.target.starts_with(web::kConsoleHome)) {
        HttpResponse r = console_response(303, "");
        r.headers.emplace_back("Location", std::string(web::kConsoleHome));
        return r;
    }
    auto checked = console_session(call);
    if (auto* refused = std::get_if<HttpResponse>(&checked)) return std::move(*refused);
    const app::SignedIn& session = std::get<app::SignedIn>(checked);
    auto frame = console_frame(call, session);
    if (!frame) {
        log::error("console: " + frame.error().message);
        return console_unavailable(clock_.now());
    }
    // Read and rendered off the loop, on a connection of the render threads: the dead deliveries are counted,
    // and only the newest of them read.
    return Answer::deferred([cache = console_cache_, readers = readers_, snapshot = call.snapshot,
                             account = session.account, frame = std::move(*frame), now = clock_.now(),
                             logged_in = web::when_text(format_vietnam_time(session.since))]() mutable -> HttpResponse {
        const auto in_reach = [&](std::string_view key) { return web::dead_delivery_in_reach(key, account); };
        auto db = readers->lend();
        auto dead = db ? dead_deliveries(**db, web::kMaxInboxLines, in_reach) : Result<DeadDeliveries>(db.error());
        if (!dead) {
            log::error("console: the dead deliveries cannot be read: " + dead.error().message);
            return console_unavailable(now);
        }
        std::vector<web::InboxDead> lines;
        lines.reserve(dead->newest.size());
        for (OutboxRow& row : dead->newest)
            lines.push_back({std::move(row.key), std::move(row.task_code), std::move(row.subject),
                             std::move(row.agency), std::move(row.address), std::move(row.detail), row.updated_at});
        const auto index = cache->inbox_of(snapshot);
        web::InboxView view = web::inbox_view(*snapshot, *index, account, lines, dead->total, std::move(frame));
        view.logged_in = logged_in;
        return console_response(200, web::render_console_inbox(view));
    });
}

Api::Answer Api::console_task_list(const Call& call) {
    auto checked = console_session(call);
    if (auto* refused = std::get_if<HttpResponse>(&checked)) return std::move(*refused);
    const app::SignedIn& session = std::get<app::SignedIn>(checked);
    const auto now = clock_.now();
    auto parsed = web::parse_task_list_query(call.query);
    if (const auto* problem = std::get_if<web::TaskListQueryProblem>(&parsed))
        return console_response(400, web::render_console_notice("Tham số không hợp lệ", problem->message, now));
    auto frame = console_frame(call, session);
    if (!frame) {
        log::error("console: " + frame.error().message);
        return console_unavailable(now);
    }
    return Answer::deferred([cache = console_cache_, snapshot = call.snapshot, account = session.account,
                             frame = std::move(*frame), query = std::get<web::TaskListQuery>(std::move(parsed))] {
        const auto index = cache->list_of(snapshot);
        const auto selection = web::select_tasks(*snapshot, *index, query, account);
        return console_response(200, web::render_task_list(frame, *snapshot, *index, query, selection, account));
    });
}

Api::Answer Api::console_task(const Call& call) {
    auto checked = console_session(call);
    if (auto* refused = std::get_if<HttpResponse>(&checked)) return std::move(*refused);
    const app::SignedIn& session = std::get<app::SignedIn>(checked);
    const auto now = clock_.now();
    const auto id = positive_number(call.param);
    const auto found = id ? call.snapshot->by_id.find(*id) : call.snapshot->by_id.end();
    if (found == call.snapshot->by_id.end()) return not_found(now);
    const size_t index = found->second;
    if (!session.account.covers_plan(call.snapshot->state->tasks[index].task.plan_number)) return out_of_reach(now);
    if (call.request.method == "POST") {
        return console_decide(call, session, index);
    }
    std::string done;
    if (const auto it = call.query.find("xong"); it != call.query.end()) {
        const std::string& form = it->second;
        if (form == web::decision_form::confirm) done = "Đã xác nhận hoàn thành.";
        else if (form == web::decision_form::give_back) done = "Đã trả lại báo cáo hoàn thành; cơ quan chủ trì được báo ngay.";
        else if (form == web::decision_form::approve) done = "Đã chấp thuận gia hạn; thời hạn mới có hiệu lực.";
        else if (form == web::decision_form::refuse) done = "Đã không chấp thuận gia hạn; cơ quan chủ trì được báo ngay.";
        else if (form == web::decision_form::deadline) done = "Đã đặt thời hạn; thư nhắc hạn được lập theo thời hạn mới.";
        else if (form == web::decision_form::status) done = "Đã ghi nhận trạng thái.";
        else if (form == web::decision_form::pause) done = "Đã ghi nhận việc tạm dừng hoặc tiếp tục nhắc việc.";
    }
    auto frame = console_frame(call, session);
    if (!frame) {
        log::error("console: the page of task " + call.snapshot->state->tasks[index].task.code +
                   " cannot be shown: " + frame.error().message);
        return console_unavailable(now);
    }
    // Read and rendered off the loop, on a connection of the render threads.
    return Answer::deferred([readers = readers_, snapshot = call.snapshot, account = session.account, index,
                             frame = std::move(*frame), done = std::move(done), now]() mutable -> HttpResponse {
        auto db = readers->lend();
        if (!db) {
            log::error("console: the page of task " + snapshot->state->tasks[index].task.code +
                       " cannot be shown: " + db.error().message);
            return console_unavailable(now);
        }
        return render_task_page(**db, *snapshot, account, index, std::move(frame), now, 200, done, std::nullopt);
    });
}

HttpResponse Api::console_task_page(const Call& call, const app::SignedIn& session, size_t index, unsigned status,
                                    const std::string& done, std::optional<web::RefusedDecision> refused) {
    auto frame = console_frame(call, session);
    if (!frame) {
        log::error("console: the page of task " + call.snapshot->state->tasks[index].task.code +
                   " cannot be shown: " + frame.error().message);
        return console_unavailable(clock_.now());
    }
    return render_task_page(db_, *call.snapshot, session.account, index, std::move(*frame), clock_.now(), status,
                            done, std::move(refused));
}

Api::Answer Api::console_report_file(const Call& call) {
    auto checked = console_session(call);
    if (auto* refused = std::get_if<HttpResponse>(&checked)) return std::move(*refused);
    const app::SignedIn& session = std::get<app::SignedIn>(checked);
    const auto now = clock_.now();
    // "TASK-ANSWER": the task's id, and the id of the answer the file came with.
    const size_t dash = call.param.find('-');
    const auto task_id = positive_number(std::string_view(call.param).substr(0, dash));
    const auto answer_id =
        dash == std::string::npos ? std::nullopt : positive_number(std::string_view(call.param).substr(dash + 1));
    if (!task_id || !answer_id) return not_found(now);
    const auto found = call.snapshot->by_id.find(*task_id);
    if (found == call.snapshot->by_id.end()) return not_found(now);
    const Task& task = call.snapshot->state->tasks[found->second].task;
    if (!session.account.covers_plan(task.plan_number)) return out_of_reach(now);
    // Read off the loop, on a connection of the render threads: the answer it came with, then up to 16 MiB from
    // the disk.
    return Answer::deferred([readers = readers_, snapshot = call.snapshot, task_id = *task_id,
                             answer_id = *answer_id, account = session.account.name, now]() -> HttpResponse {
        const Task& task = snapshot->state->tasks[snapshot->by_id.at(task_id)].task;
        auto db = readers->lend();
        auto answers = db ? AnswerStore(**db).for_task(task_id) : Result<std::vector<nhacviec::Answer>>(db.error());
        if (!answers) {
            log::error("console: the answers of task " + task.code + " cannot be read: " + answers.error().message);
            return console_unavailable(now);
        }
        const auto it = std::find_if(answers->begin(), answers->end(),
                                     [&](const nhacviec::Answer& a) { return a.id == answer_id && a.report; });
        if (it == answers->end()) return not_found(now);
        const ReportFile file = *it->report;
        const std::filesystem::path path = snapshot->setup->config.database.parent_path() / file.path;
        const std::string name = download_name(file.original_name, "bao-cao-" + web::search_key(task.code) + ".pdf");
        log::info("console: " + account + " downloads the report file " + file.path + " of task " + task.code);
        std::ifstream in(path, std::ios::binary);
        std::string bytes;
        if (in) {
            in.seekg(0, std::ios::end);
            const auto size = in.tellg();
            in.seekg(0);
            if (size > 0 && size <= 16 * 1024 * 1024) {
                bytes.resize(static_cast<size_t>(size));
                in.read(bytes.data(), size);
                if (!in) bytes.clear();
            }
        }
        if (bytes.empty()) {
            log::error("console: the report file " + path.string() + " cannot be read");
            return not_found(now);
        }
        return web::download_response("application/pdf", std::move(bytes), name);
    });
}

}  // namespace nhacviec
