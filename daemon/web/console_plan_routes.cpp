// GET, POST /quan-ly/nhap-ke-hoach: the console's plan upload. An admin
// uploads a plan file; it is read, parsed and its import computed without
// writing (app::preview_plan_file, a dry run on a connection of the render
// threads, off the loop), and kept pending for the session
// (app::PendingPlanUploads); "Áp dụng" imports exactly those bytes, refused
// when the import no longer does what the preview showed, and publishes the
// new snapshot; "Hủy" forgets them. Monitors and viewers get a 403 page: a
// plan's tasks are the administrator's to change. Part of Api (web/api.h);
// the page is web/console_plan_page.
#include "app/plan_preview.h"
#include "app/plan_preview_uploads.h"
#include "app/plan_snapshot.h"
#include "common/clock.h"
#include "common/log.h"
#include "web/api.h"
#include "web/console_page.h"
#include "web/console_plan_page.h"
#include "web/form_data.h"
#include "web/plan_message_wording.h"
#include "web/read_connections.h"
#include "web/same_origin.h"

namespace nhacviec {
namespace {

HttpResponse upload_unavailable(std::chrono::sys_seconds now, std::string_view what) {
    HttpResponse r = Api::console_response(
        503, web::render_console_notice("Tạm thời chưa dùng được",
                                        "Hệ thống đang gặp sự cố khi đọc, ghi dữ liệu; " + std::string(what) +
                                            " Xin thử lại sau ít phút.",
                                        now));
    r.headers.emplace_back("Retry-After", "30");
    return r;
}

HttpResponse upload_page(const web::ConsoleFrame& frame, unsigned status, web::PlanUploadView view) {
    view.form_token = frame.form_token;
    return Api::console_response(status, web::render_console_page(frame, "Nhập kế hoạch", web::render_plan_upload(view)));
}

const form::FieldLabels& upload_labels() {
    static const form::FieldLabels labels = {{std::string(web::kPlanFileField), "Tệp kế hoạch"}};
    return labels;
}

// The preview number an apply form names, or 0.
std::uint64_t number_of(const std::string* text) {
    if (!text || text->empty() || text->size() > 18) return 0;
    std::uint64_t out = 0;
    for (const char c : *text) {
        if (c < '0' || c > '9') return 0;
        out = out * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return out;
}

std::string summary(const ImportReport& report) {
    return report.plan.number + ": " + std::to_string(report.task_count) + " tasks, " +
           std::to_string(report.added.size()) + " added, " + std::to_string(report.removed.size()) + " removed, " +
           std::to_string(report.restored.size()) + " restored, " + std::to_string(report.changed.size()) +
           " changed, " + std::to_string(report.warnings.size()) + " warnings";
}

}  // namespace

Api::Answer Api::console_plan_upload(const Call& call) {
    auto checked = console_session(call);
    if (auto* refused = std::get_if<HttpResponse>(&checked)) return std::move(*refused);
    const app::SignedIn& session = std::get<app::SignedIn>(checked);
    const ServiceSetup& setup = *call.snapshot->setup;
    const auto now = clock_.now();
    if (!plan_uploads_) plan_uploads_ = std::make_shared<app::PendingPlanUploads>();
    const auto not_admin = [&] {
        log::warning("console: " + session.account.name + " may not import a plan (role " +
                     std::string(to_string(session.account.role)) + ")");
        return console_response(403, web::render_console_notice(
                                         "Không có quyền nhập kế hoạch",
                                         "Chỉ tài khoản quản trị được nhập kế hoạch. Xin liên hệ người quản trị hệ "
                                         "thống nếu cần nhập một kế hoạch mới hoặc một phiên bản mới.",
                                         now));
    };
    const auto make_frame = [&]() -> std::optional<web::ConsoleFrame> {
        auto made = console_frame(call, session);
        if (!made) {
            log::error("console: " + made.error().message);
            return std::nullopt;
        }
        return std::move(*made);
    };
    const auto with_pending = [&](web::PlanUploadView& view, const app::PendingPlanUploads::Upload& upload) {
        view.preview = &upload.preview;
        view.upload_number = upload.number;
        view.expires = upload.expires;
    };

    if (call.request.method == "GET") {
        if (session.account.role != AccountRole::admin) return not_admin();
        auto f = make_frame();
        if (!f) return upload_unavailable(now, "trang chưa mở được.");
        web::PlanUploadView view;
        const auto pending = plan_uploads_->find(session.id_hash, now);
        if (pending) with_pending(view, *pending);
        return upload_page(*f, 200, std::move(view));
    }

    auto data = form::parse_form(call.request.content_type, call.request.body, upload_labels());
    if (!data) {
        // A body it cannot read (a file over the limit) carries no token it can trust: only a form of this
        // origin is told why, and nothing is done.
        if (!web::same_origin(call.request, setup)) return std::move(*refuse_console_form(call, session, nullptr));
        if (session.account.role != AccountRole::admin) return not_admin();
        log::warning("console: a plan upload refused (" + session.account.name + "): " + data.problem().log_message);
        auto f = make_frame();
        if (!f) return upload_unavailable(now, "trang chưa mở được.");
        web::PlanUploadView view;
        view.error = data.problem().form_message;
        return upload_page(*f, 400, std::move(view));
    }
    if (auto refused = refuse_console_form(call, session, data->find(web::kConsoleTokenField)))
        return std::move(*refused);
    if (session.account.role != AccountRole::admin) return not_admin();
    auto f = make_frame();
    if (!f) return upload_unavailable(now, "chưa có gì thay đổi.");
    const std::string* step_field = data->find(web::kPlanStepField);
    const std::string step = step_field ? *step_field : std::string();
    const std::string& who = session.account.name;

    if (step == web::kPlanStepCancel) {
        web::PlanUploadView view;
        const auto pending = plan_uploads_->find(session.id_hash, now);
        if (pending && plan_uploads_->discard(session.id_hash)) {
            log::info("console: " + who + " cancelled the import of " + pending->preview.file_name);
            view.notice = "Đã hủy việc nhập tệp " + pending->preview.file_name + "; dữ liệu không thay đổi.";
        } else {
            view.notice = "Không có tệp nào đang chờ áp dụng; dữ liệu không thay đổi.";
        }
        return upload_page(*f, 200, std::move(view));
    }

    if (step == web::kPlanStepApply) {
        const auto upload = plan_uploads_->take(session.id_hash, number_of(data->find(web::kPlanUploadField)), now);
        if (!upload) {
            web::PlanUploadView view;
            view.error = "Không còn tệp nào chờ áp dụng ở biểu mẫu này (tệp đã được áp dụng, đã hủy, đã quá thời "
                         "gian giữ hoặc đã có tệp khác được xem trước sau đó). Xin tải tệp lên và xem trước lại.";
            const auto pending = plan_uploads_->find(session.id_hash, now);
            if (pending) with_pending(view, *pending);
            return upload_page(*f, 409, std::move(view));
        }
        return Answer::off_loop_then([this, readers = readers_, snapshot = call.snapshot, upload, who, now,
                                      frame = std::move(*f)]() -> std::function<HttpResponse()> {
            Result<app::ApplyOutcome> outcome = Error{""};
            std::shared_ptr<const app::PlanSnapshot> published;
            if (auto db = readers->lend(); !db) {
                outcome = db.error();
            } else {
                outcome = app::apply_plan_file(**db, snapshot->setup->directory, upload->bytes,
                                               upload->preview.file_name, who, upload->preview.report,
                                               format_vietnam_time(now));
                if (outcome && std::holds_alternative<ImportReport>(*outcome)) {
                    // The snapshot with the import, read off the loop as the live state would read it.
                    auto built = app::build_plan_snapshot(**db, snapshot->setup, vietnam_date(now), snapshot.get());
                    if (built) published = std::move(*built);
                    else log::warning("console: the plan cannot be read again after an import: " + built.error().message);
                }
            }
            return [this, outcome = std::move(outcome), published = std::move(published), upload, who, now,
                    frame = std::move(frame)]() -> HttpResponse {
                const std::string& file = upload->preview.file_name;
                if (!outcome) {
                    log::error("console: " + who + "'s import of " + file + " failed: " + outcome.error().message);
                    return upload_unavailable(now, "kế hoạch chưa được nhập, dữ liệu không thay đổi.");
                }
                web::PlanUploadView view;
                if (const auto* refusal = std::get_if<app::PlanRefusal>(&*outcome)) {
                    view.error = web::refusal_in_words(refusal->why);
                    return upload_page(frame, 422, std::move(view));
                }
                if (std::holds_alternative<app::ChangedSincePreview>(*outcome)) {
                    log::info("console: " + who + "'s import of " + file + " refused: the stored plan changed since its preview");
                    view.error = "Kế hoạch đã lưu đã thay đổi kể từ khi xem trước tệp " + file +
                                 ", nên tệp chưa được áp dụng và dữ liệu không thay đổi. Xin tải tệp lên và xem trước lại.";
                    return upload_page(frame, 409, std::move(view));
                }
                const ImportReport& report = std::get<ImportReport>(*outcome);
                log::info("console: " + who + " imported " + file + ": " + summary(report));
                // Readers and the next delivery pass see the import at once, unless a newer snapshot came meanwhile.
                if (published) {
                    const auto current = snapshots_.current();
                    if (!current || current->version <= published->version) snapshots_.publish(published);
                }
                if (changed_) changed_();
                view.applied = &upload->preview;
                view.applied_report = &report;
                view.notice = "Đã nhập kế hoạch " + report.plan.number + " từ tệp " + file + ".";
                return upload_page(frame, 200, std::move(view));
            };
        });
    }

    if (step != web::kPlanStepPreview) {
        web::PlanUploadView view;
        view.error = "Biểu mẫu không rõ bước cần làm (trường “" + std::string(web::kPlanStepField) + "”).";
        return upload_page(*f, 400, std::move(view));
    }
    if (!data->file) {
        web::PlanUploadView view;
        view.error = "Chưa chọn tệp: xin chọn tệp kế hoạch (.docx, .xlsx hoặc .txt) rồi bấm “Xem trước”.";
        return upload_page(*f, 422, std::move(view));
    }
    // A new upload replaces the session's pending one, whatever becomes of it.
    plan_uploads_->discard(session.id_hash);
    form::File file = std::move(*data->file);
    return Answer::off_loop_then([this, readers = readers_, snapshot = call.snapshot, file = std::move(file),
                                  session_hash = session.id_hash, who, now,
                                  frame = std::move(*f)]() mutable -> std::function<HttpResponse()> {
        Result<app::PreviewOutcome> outcome = Error{""};
        if (auto db = readers->lend(); !db) outcome = db.error();
        else outcome = app::preview_plan_file(**db, snapshot->setup->directory, file.bytes, file.file_name,
                                              format_vietnam_time(now));
        return [this, outcome = std::move(outcome), bytes = std::move(file.bytes), file_name = file.file_name,
                session_hash, who, now, frame = std::move(frame)]() mutable -> HttpResponse {
            if (!outcome) {
                log::error("console: " + who + "'s preview of " + file_name + " failed: " + outcome.error().message);
                return upload_unavailable(now, "tệp chưa được xem trước.");
            }
            web::PlanUploadView view;
            if (auto* refusal = std::get_if<app::PlanRefusal>(&*outcome)) {
                log::info("console: " + who + "'s plan file refused: " + refusal->message);
                view.error = web::refusal_in_words(refusal->why);
                return upload_page(frame, 422, std::move(view));
            }
            app::PendingPlanUploads::Upload upload;
            upload.session = session_hash;
            upload.account = who;
            upload.bytes = std::move(bytes);
            upload.preview = std::move(std::get<app::PlanPreview>(*outcome));
            const auto kept = plan_uploads_->keep(std::move(upload), now);
            if (!kept) {
                log::warning("console: " + who + "'s preview of " + file_name + " not kept: too many pending uploads");
                HttpResponse r = console_response(
                    503, web::render_console_notice("Tạm thời chưa xem trước được",
                                                    "Đang có quá nhiều tệp kế hoạch chờ áp dụng. Xin thử lại sau ít "
                                                    "phút; dữ liệu không thay đổi.",
                                                    now));
                r.headers.emplace_back("Retry-After", "60");
                return r;
            }
            log::info("console: " + who + " previewed " + file_name + ": " + summary(kept->preview.report));
            view.preview = &kept->preview;
            view.upload_number = kept->number;
            view.expires = kept->expires;
            return upload_page(frame, 200, std::move(view));
        };
    });
}

}  // namespace nhacviec
