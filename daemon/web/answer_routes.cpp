// The agency's page behind an answer link: GET shows it, POST records an
// answer sent from it. Part of Api (web/api.h); the page itself is
// web/answer_page, the form's fields web/answer_form, the rules
// answers/record_answer.
#include <algorithm>

#include "answers/record_answer.h"
#include "app/answer_access.h"
#include "app/answer_submission.h"
#include "common/clock.h"
#include "common/log.h"
#include "content/notification_context.h"
#include "content/status_words.h"
#include "links/form_token.h"
#include "links/link_secret.h"
#include "schedule/review_period.h"
#include "storage/report_files.h"
#include "storage/status_store.h"
#include "web/answer_form.h"
#include "web/answer_page.h"
#include "web/api.h"
#include "web/rate_limiter.h"
#include "web/read_connections.h"
#include "web/same_origin.h"
#include "web/strict_page.h"
#include "web/task_facts.h"
#include "web/task_history.h"

namespace nhacviec {
namespace {

using web::period_words;
using web::when_text;

// The headers of every answer page: its policy, and nothing kept or passed on (the address is a capability).
HttpResponse page_response(unsigned status, std::string html) {
    return web::strict_page_response(status, std::move(html), web::answer_page_policy());
}

// Whom a person who cannot go on should contact: the monitoring agency, with its addresses.
std::string contact_of(const ServiceSetup& setup) {
    const std::string& name = setup.directory.roles().monitoring;
    if (name.empty()) return "cơ quan theo dõi thực hiện kế hoạch";
    std::string out = name + " (cơ quan theo dõi thực hiện kế hoạch)";
    if (const Agency* agency = setup.directory.find(name); agency && !agency->emails.empty()) {
        out += ", thư điện tử";
        for (size_t i = 0; i < agency->emails.size(); ++i) out += (i ? ", " : " ") + agency->emails[i];
    }
    return out;
}

HttpResponse notice(unsigned status, std::string_view heading, std::string_view message, const ServiceSetup& setup,
                    std::chrono::sys_seconds now) {
    return page_response(status, web::render_answer_notice(heading, message, contact_of(setup), now));
}

HttpResponse unavailable(const ServiceSetup& setup, std::chrono::sys_seconds now) {
    HttpResponse r = notice(503, "Tạm thời chưa trả lời được",
                            "Hệ thống đang gặp sự cố khi đọc, ghi dữ liệu; báo cáo của bạn chưa được ghi nhận. Xin thử lại "
                            "sau ít phút.",
                            setup, now);
    r.headers.emplace_back("Retry-After", "30");
    return r;
}

// What the banner says after an answer was recorded.
std::string recorded_words(const Answer& a) {
    const std::string at = when_text(a.answered_at);
    switch (a.kind) {
        case AnswerKind::progress: return "Đã ghi nhận báo cáo tiến độ lúc " + at + ".";
        case AnswerKind::completion:
            return "Đã ghi nhận báo cáo hoàn thành lúc " + at +
                   ". Nhiệm vụ chờ cơ quan theo dõi xác nhận; trong thời gian chờ, hệ thống không gửi thư nhắc hạn.";
        case AnswerKind::extension:
            return "Đã ghi nhận đề nghị gia hạn lúc " + at +
                   ". Thời hạn chỉ thay đổi khi cơ quan theo dõi chấp thuận.";
        case AnswerKind::waiting: return "Đã ghi nhận: nhiệm vụ đang chờ điều kiện thực hiện (lúc " + at + ").";
        case AnswerKind::note: return "Đã ghi nhận ý kiến lúc " + at + ".";
    }
    return "";
}

// A text field of `data` to show again on the form.
std::map<std::string, std::string, std::less<>> typed_values(const form::FormData& data) {
    std::map<std::string, std::string, std::less<>> out;
    for (const auto& f : data.fields)
        if (f.name != web::answer_field::submission && f.name != web::answer_field::kind) out[f.name] = f.value;
    return out;
}

}  // namespace

struct Api::AnswerLimits {
    // Invalid or expired links one address may try in any 10 minutes: a person mistyping gets there never, a scan soon.
    static constexpr RateRule kInvalidLinks{30, std::chrono::minutes(10)};
    // Keys each limiter keeps (addresses, links); past it the least recently seen is forgotten.
    static constexpr std::size_t kMaxKeys = 20000;

    int per_address = 0;
    int per_link = 0;
    std::optional<RateLimiter> by_address;     // every request, per client address
    std::optional<RateLimiter> posts_by_link;  // answers, per link
    RateLimiter invalid_by_address{kInvalidLinks, kMaxKeys};
    RateLimiter::Clock::time_point last{};     // time never goes back for the limiters

    AnswerLimits(int address_limit, int link_limit) : per_address(address_limit), per_link(link_limit) {
        if (per_address > 0)
            by_address.emplace(RateRule{static_cast<std::size_t>(per_address), std::chrono::minutes(10)}, kMaxKeys);
        if (per_link > 0)
            posts_by_link.emplace(RateRule{static_cast<std::size_t>(per_link), std::chrono::hours(1)}, kMaxKeys);
    }
};

std::optional<HttpResponse> Api::over_answer_limit(const Call& call, AnswerLimit limit) {
    const ServiceSetup& setup = *call.snapshot->setup;
    const ApiConfig& api = setup.config.api;
    if (!answer_limits_ || answer_limits_->per_address != api.answer_requests_per_address ||
        answer_limits_->per_link != api.answer_posts_per_link)
        answer_limits_ = std::make_shared<AnswerLimits>(api.answer_requests_per_address, api.answer_posts_per_link);
    AnswerLimits& limits = *answer_limits_;
    // The daemon's clock (a test's fake one), kept from going back.
    const auto now = std::max(limits.last, RateLimiter::Clock::time_point(clock_.now().time_since_epoch()));
    limits.last = now;
    const std::string address = call.request.client_address.empty() ? "-" : call.request.client_address;
    std::optional<std::chrono::seconds> wait;
    std::string what;
    switch (limit) {
        case AnswerLimit::request:
            if (limits.by_address) wait = limits.by_address->take(address, now);
            what = "requests from " + address;
            break;
        case AnswerLimit::invalid_link:
            wait = limits.invalid_by_address.take(address, now);
            what = "invalid links from " + address;
            break;
        case AnswerLimit::answer:
            if (limits.posts_by_link) wait = limits.posts_by_link->take(call.param, now);
            what = "answers through one link (from " + address + ")";
            break;
    }
    if (!wait) return std::nullopt;
    log::warning("answer page: too many " + what + "; refused for " + std::to_string(wait->count()) + " s");
    const long long minutes = (wait->count() + 59) / 60;
    HttpResponse r = notice(429, "Quá nhiều yêu cầu",
                            "Có quá nhiều yêu cầu trong thời gian ngắn nên hệ thống tạm ngừng nhận. Xin thử lại sau " +
                                std::to_string(minutes) + " phút; những gì đã gửi trước đó vẫn được ghi nhận.",
                            setup, clock_.now());
    r.headers.emplace_back("Retry-After", std::to_string(wait->count()));
    return r;
}

LinkSecretFile& Api::link_secret(const ServiceSetup& setup) {
    const auto path = link_secret_path(setup.config.database);
    if (!link_secret_ || link_secret_->path() != path) link_secret_ = std::make_unique<LinkSecretFile>(path);
    return *link_secret_;
}

namespace {

// The page of `access` (link `link`) at `now`, its task's status, answers
// and history as `db` has them now (with what was just recorded), on the
// thread that holds `db`: the loop's connection after a refused answer, a
// render thread's for a GET.
HttpResponse render_page(Database& db, const app::PlanSnapshot& snapshot, const app::AnswerAccess& access,
                         const LinkSecret& secret, const std::string& link, std::chrono::sys_seconds now,
                         unsigned status, std::optional<int64_t> recorded, std::optional<web::RefusedForm> refused) {
    const ServiceSetup& setup = *snapshot.setup;
    const Date today = vietnam_date(now);
    const StoredTask& stored = snapshot.state->tasks.at(access.index);
    const Task& task = stored.task;

    auto fresh = read_task_status(db, stored.id);
    auto answers = fresh ? AnswerStore(db).for_task(stored.id) : Result<std::vector<nhacviec::Answer>>(fresh.error());
    auto changes = answers ? StatusStore(db).history(stored.id) : Result<std::vector<StatusChange>>(answers.error());
    if (!changes) {
        log::error("the answer page of task " + task.code + " cannot be shown: " + changes.error().message);
        return unavailable(setup, now);
    }
    ScheduledTask scheduled = snapshot.state->scheduled.at(access.index);
    scheduled.status = std::move(*fresh);
    const ReportEntry entry =
        build_report({scheduled}, setup.config.schedule, setup.calendar, today).entries.at(0);

    web::AnswerPageView view;
    web::fill_task_facts(view, task, entry, next_review(scheduled, setup.config.schedule, today));
    view.agency = access.agency;
    view.lead_agency = access.role == AgencyRole::lead;
    view.period = access.period.empty() ? "" : period_words(access.period);
    view.link_expires = access.expires;
    const TaskStatus& now_status = scheduled.status;
    const StatusEntry& current = access.period.empty() ? now_status.overall : now_status.period(access.period);
    const bool done = now_status.overall.status == WorkStatus::done || current.status == WorkStatus::done;
    view.may_report = !done;
    view.may_complete = !done && !now_status.awaiting_for(access.period) && !now_status.awaiting_for("");
    view.may_wait = task.precondition.has_value();
    view.history = web::history_lines(*answers, *changes, web::HistoryReader::agency);
    view.action = link;
    auto form_token = issue_form_token(secret, link);
    if (!form_token) {
        log::error(form_token.error().message);
        return unavailable(setup, now);
    }
    view.form_token = std::move(*form_token);
    view.today = today;
    view.plan_issued = scheduled.plan_issued;
    view.now = now;
    if (recorded) {
        for (const nhacviec::Answer& a : *answers)
            if (a.id == *recorded) view.recorded = recorded_words(a);
    }
    view.refused = std::move(refused);
    view.contact = contact_of(setup);
    return page_response(status, web::render_answer_page(view));
}

}  // namespace

Api::Answer Api::answer_link(const Call& call) {
    const ServiceSetup& setup = *call.snapshot->setup;
    const auto now = clock_.now();
    const Date today = vietnam_date(now);
    const std::string& token = call.param;

    if (auto refused = over_answer_limit(call, AnswerLimit::request)) return std::move(*refused);
    auto secret = link_secret(setup).current();
    if (!secret) {
        log::error("answer links cannot be checked: " + secret.error().message);
        return unavailable(setup, now);
    }
    auto opened = app::open_answer_link(*call.snapshot, *secret, token, today);
    if (const auto* refused = std::get_if<app::RefusedLink>(&opened)) {
        if (auto limited = over_answer_limit(call, AnswerLimit::invalid_link)) return std::move(*limited);
        if (refused->why == app::RefusedLink::Why::expired) {
            const Task& task = call.snapshot->state->tasks.at(refused->index).task;
            return notice(410, "Đường liên kết đã hết hạn",
                          "Đường liên kết trả lời nhiệm vụ " + task.code + " (Kế hoạch số " + task.plan_number +
                              ") chỉ dùng được đến hết ngày " + format_vietnamese_date(refused->expired_after) +
                              ". Thư nhắc việc sau sẽ có đường liên kết mới; nếu cần báo cáo ngay, xin liên hệ cơ "
                              "quan theo dõi.",
                          setup, now);
        }
        log::warning("answer link refused (invalid) from " +
                     (call.request.client_address.empty() ? std::string("an unknown address")
                                                           : call.request.client_address));
        return notice(404, "Đường liên kết không dùng được",
                      "Đường liên kết này không hợp lệ: có thể địa chỉ bị chép thiếu hoặc sai, hoặc đường liên kết đã "
                      "bị thu hồi. Xin mở lại đường liên kết trong thư nhắc việc mới nhất; nếu vẫn không được, xin "
                      "liên hệ cơ quan theo dõi.",
                      setup, now);
    }
    const app::AnswerAccess& access = std::get<app::AnswerAccess>(opened);
    if (call.request.method == "POST") {
        if (auto limited = over_answer_limit(call, AnswerLimit::answer)) return std::move(*limited);
        return answer_post(call, access, *secret);
    }
    std::optional<int64_t> recorded;
    if (const auto it = call.query.find("ghi-nhan"); it != call.query.end()) {
        try {
            size_t used = 0;
            const long long id = std::stoll(it->second, &used);
            if (used == it->second.size() && id > 0) recorded = id;
        } catch (const std::exception&) {
            // Not a number: no banner.
        }
    }
    // Read and rendered off the loop, on a connection of the render threads.
    return Answer::deferred([readers = readers_, snapshot = call.snapshot, access, secret = *secret,
                             link = call.param, now, recorded]() -> HttpResponse {
        auto db = readers->lend();
        if (!db) {
            log::error("the answer page cannot be shown: " + db.error().message);
            return unavailable(*snapshot->setup, now);
        }
        return render_page(**db, *snapshot, access, secret, link, now, 200, recorded, std::nullopt);
    });
}

HttpResponse Api::answer_page(const Call& call, const app::AnswerAccess& access, const LinkSecret& secret,
                              unsigned status, std::optional<int64_t> recorded,
                              std::optional<web::RefusedForm> refused) {
    return render_page(db_, *call.snapshot, access, secret, call.param, clock_.now(), status, recorded,
                       std::move(refused));
}

Api::Answer Api::answer_post(const Call& call, const app::AnswerAccess& access, const LinkSecret& secret) {
    const HttpRequest& request = call.request;
    const app::PlanSnapshot& snapshot = *call.snapshot;
    const ServiceSetup& setup = *snapshot.setup;
    const auto now = clock_.now();
    const Date today = vietnam_date(now);
    const StoredTask& stored = snapshot.state->tasks.at(access.index);
    const std::string who = access.agency + " (task " + stored.task.code + ", from " +
                            (request.client_address.empty() ? std::string("an unknown address") : request.client_address) +
                            ")";

    if (!web::same_origin(request, setup)) {
        log::warning("answer refused: a cross-site form for " + who);
        return notice(403, "Không nhận biểu mẫu này",
                      "Biểu mẫu được gửi từ một trang khác, không phải trang trả lời của hệ thống Nhắc việc, nên "
                      "không được ghi nhận. Xin mở đường liên kết trong thư và gửi lại từ đó.",
                      setup, now);
    }
    auto data = form::parse_form(request.content_type, request.body, web::answer_form_labels());
    if (!data) {
        log::warning("answer form refused for " + who + ": " + data.problem().log_message);
        web::RefusedForm refused;
        refused.field = data.problem().field;
        refused.message = data.problem().form_message;
        // The form is not known when its body cannot be read: only the completion carries a file; any other
        // problem goes on the first form of the page.
        refused.kind = refused.field == web::answer_field::report_file ? AnswerKind::completion
                       : access.role == AgencyRole::lead              ? AnswerKind::progress
                                                                      : AnswerKind::note;
        return answer_page(call, access, secret, 400, std::nullopt, std::move(refused));
    }
    const std::string submission = data->find(web::answer_field::submission) ? *data->find(web::answer_field::submission)
                                                                              : std::string();
    if (!check_form_token(secret, call.param, submission)) {
        log::warning("answer refused: no valid form token, for " + who);
        return notice(403, "Không nhận biểu mẫu này",
                      "Biểu mẫu này không do trang trả lời của đường liên kết này tạo ra, hoặc đã cũ. Xin mở lại "
                      "đường liên kết trong thư và gửi lại.",
                      setup, now);
    }
    // The same form sent again (a double click, a resend): what the first one recorded.
    auto earlier = AnswerStore(db_).by_submission(submission);
    if (!earlier) return unavailable(setup, now);
    if (*earlier) {
        HttpResponse r = page_response(303, "");
        r.headers.emplace_back("Location", call.param + "?ghi-nhan=" + std::to_string((*earlier)->id));
        return r;
    }

    auto typed = typed_values(*data);
    const std::string kind_sent = data->find(web::answer_field::kind) ? *data->find(web::answer_field::kind) : "";
    const AnswerKind shown_kind = answer_kind_from_string(kind_sent).value_or(
        access.role == AgencyRole::lead ? AnswerKind::progress : AnswerKind::note);
    const auto refuse = [&](std::string field, std::string message, const std::string& log_message) {
        log::info("answer refused for " + who + ": " + log_message);
        web::RefusedForm refused{shown_kind, std::move(field), std::move(message), typed};
        return answer_page(call, access, secret, 422, std::nullopt, std::move(refused));
    };
    auto posted = web::read_answer_form(std::move(*data), today, snapshot.state->scheduled.at(access.index).plan_issued);
    if (!posted) return refuse(posted.problem().field, posted.problem().form_message, posted.problem().log_message);

    nhacviec::Answer answer = std::move(posted->answer);
    answer.via = AnswerVia::link;
    answer.client_address = request.client_address;
    answer.submission = submission;
    const AnswerTask task = answer_task(stored, snapshot.state->scheduled.at(access.index), setup.config.schedule);

    // The rules first, on the status as it is now, so that a refused answer leaves no file behind.
    auto status = read_task_status(db_, stored.id);
    if (!status) return unavailable(setup, now);
    auto checked = check_answer(task, *status, access.period, access.agency, access.role, answer, now);
    if (const auto* refusal = std::get_if<AnswerRefusal>(&checked))
        return refuse(refusal->field, refusal->message, refusal->message);

    if (posted->report_file) {
        const form::File& file = *posted->report_file;
        if (const std::string problem = report_file_problem(file.bytes); !problem.empty())
            return refuse(std::string(web::answer_field::report_file), problem,
                          "report file " + std::to_string(file.bytes.size()) + " bytes refused");
        auto stored_file = store_report_file(setup.config.database.parent_path(), file.bytes, file.file_name);
        if (!stored_file) {
            log::error("a report file of " + who + " cannot be stored: " + stored_file.error().message);
            return unavailable(setup, now);
        }
        answer.report = std::move(*stored_file);
    }
    const std::optional<ReportFile> report = answer.report;
    // Recorded with its message to the monitoring agency, in one transaction.
    auto outcome = app::submit_answer(db_, setup, *snapshot.state, access.index, access.period, access.agency,
                                      access.role, std::move(answer), now, status_.outbox.get());
    if (report && (!outcome || std::holds_alternative<AnswerRefusal>(*outcome))) {
        // Not recorded after all: its file goes, unless an earlier answer sent the same bytes.
        auto in_use = AnswerStore(db_).report_in_use(report->sha256);
        if (in_use && !*in_use)
            if (auto removed = remove_report_file(setup.config.database.parent_path(), *report); !removed)
                log::warning(removed.error().message);
    }
    if (!outcome) {
        log::error("an answer of " + who + " cannot be recorded: " + outcome.error().message);
        return unavailable(setup, now);
    }
    if (const auto* refusal = std::get_if<AnswerRefusal>(&*outcome))
        return refuse(refusal->field, refusal->message, refusal->message);
    const int64_t id = std::get<int64_t>(*outcome);
    log::info("answer " + std::to_string(id) + " (" + kind_sent + ") recorded for " + who);

    // Readers and the next delivery pass see the new status at once (reminders stop while a completion awaits).
    if (auto recorded_status = read_task_status(db_, stored.id); recorded_status) {
        snapshots_.publish(app::snapshot_with_status(snapshot, access.index, std::move(*recorded_status),
                                                     app::version_after_own_write(db_, snapshot)));
    }
    if (changed_) changed_();
    HttpResponse r = page_response(303, "");
    r.headers.emplace_back("Location", call.param + "?ghi-nhan=" + std::to_string(id));
    return r;
}

}  // namespace nhacviec
