#include "web/console_plan_page.h"

#include "common/clock.h"
#include "common/date.h"
#include "common/text.h"
#include "web/console_page.h"
#include "web/plan_message_wording.h"

namespace nhacviec::web {
namespace {

std::string e(std::string_view s) { return text::html_escape(s); }

std::string plan_heading(const PlanInfo& info) {
    std::string out = "Kế hoạch số " + info.number;
    if (info.issued_on) out += " ngày " + format_vietnamese_date(*info.issued_on);
    return out;
}

// The file's task numbered `code`, or nullptr.
const app::PreviewTask* task_of(const app::PlanPreview& preview, const std::string& code) {
    for (const auto& task : preview.tasks)
        if (task.code == code) return &task;
    return nullptr;
}

// A list of tasks by code, each with its title (from the file, or the stored one for a removed task).
void task_list(std::string& m, std::string_view id, std::string_view heading, const std::vector<std::string>& codes,
               const app::PlanPreview& preview, bool stored_titles) {
    if (codes.empty()) return;
    m += "<h3>" + std::string(heading) + " (" + std::to_string(codes.size()) + ")</h3>\n<ul class=\"changes\" id=\"" +
         std::string(id) + "\">\n";
    for (const auto& code : codes) {
        std::string title;
        if (stored_titles) {
            const auto it = preview.removed_titles.find(code);
            if (it != preview.removed_titles.end()) title = it->second;
        } else if (const auto* task = task_of(preview, code)) {
            title = task->title;
        }
        m += "<li data-code=\"" + e(code) + "\"><strong>" + e(code) + "</strong>" + (title.empty() ? "" : " – " + e(title)) +
             "</li>\n";
    }
    m += "</ul>\n";
}

void what_it_does(std::string& m, const app::PlanPreview& preview, const ImportReport& report, bool done) {
    m += "<dl>\n<dt>Tệp</dt><dd id=\"preview-file\">" + e(preview.file_name) + "</dd>\n";
    m += "<dt>Kế hoạch</dt><dd id=\"preview-plan\">" + e(plan_heading(report.plan)) + "</dd>\n";
    m += "<dt>Số nhiệm vụ</dt><dd id=\"preview-count\">" + std::to_string(report.task_count) + "</dd>\n";
    m += "<dt>Cảnh báo</dt><dd id=\"preview-warning-count\">" + std::to_string(report.warnings.size()) + "</dd>\n</dl>\n";
    if (report.new_plan) {
        m += std::string("<p class=\"status\" id=\"preview-kind\">") +
             (done ? "Đã nhập kế hoạch mới" : "Kế hoạch mới: chưa có trong hệ thống") + "; " +
             std::to_string(report.task_count) + " nhiệm vụ" + (done ? " đã được thêm." : " sẽ được thêm.") + "</p>\n";
    } else if (report.unchanged()) {
        m += "<p class=\"status\" id=\"preview-kind\">Tệp này không thay đổi gì so với kế hoạch đã lưu.</p>\n";
    } else {
        m += std::string("<p class=\"status\" id=\"preview-kind\">") +
             (done ? "Đã cập nhật phiên bản mới của kế hoạch đã lưu." : "Phiên bản mới của kế hoạch đã lưu.") +
             " Trạng thái và lịch sử của các nhiệm vụ được giữ nguyên.</p>\n";
        task_list(m, "preview-added", done ? "Nhiệm vụ đã thêm" : "Nhiệm vụ thêm mới", report.added, preview, false);
        task_list(m, "preview-removed", done ? "Nhiệm vụ đã bỏ" : "Nhiệm vụ bị bỏ", report.removed, preview, true);
        task_list(m, "preview-restored", done ? "Nhiệm vụ đã khôi phục" : "Nhiệm vụ được khôi phục", report.restored,
                  preview, false);
        if (!report.changed.empty()) {
            m += "<h3>" + std::string(done ? "Nhiệm vụ đã thay đổi" : "Nhiệm vụ thay đổi") + " (" +
                 std::to_string(report.changed.size()) + ")</h3>\n<ul class=\"changes\" id=\"preview-changed\">\n";
            for (const auto& change : report.changed) {
                m += "<li data-code=\"" + e(change.code) + "\"><strong>" + e(change.code) + "</strong>";
                for (const auto& field : change.fields) m += "<br>" + e(field_change_in_words(field));
                m += "</li>\n";
            }
            m += "</ul>\n";
        }
    }
    if (!report.warnings.empty()) {
        m += "<h3>Cảnh báo (" + std::to_string(report.warnings.size()) + ")</h3>\n<ul class=\"changes\" id=\"preview-warnings\">\n";
        // Each warning in Vietnamese; the English text only if the two lists ever disagree.
        if (report.warning_messages.size() == report.warnings.size()) {
            for (const auto& warning : report.warning_messages) m += "<li>" + e(warning_in_words(warning)) + "</li>\n";
        } else {
            for (const auto& warning : report.warnings) m += "<li>" + e(warning) + "</li>\n";
        }
        m += "</ul>\n";
    }
}

void upload_form(std::string& m, const PlanUploadView& view) {
    m += "<section>\n<h2>Chọn tệp kế hoạch</h2>\n";
    m += "<p class=\"note\" id=\"upload-limit\">Tệp Word (.docx), Excel (.xlsx) hoặc văn bản (.txt) có bảng phụ lục "
         "nhiệm vụ, tối đa " + std::to_string(kMaxPlanUploadBytes / (1024 * 1024)) +
         " MB. Hệ thống cho xem trước những gì sẽ được nhập; dữ liệu chỉ thay đổi khi bấm “Áp dụng”.</p>\n";
    m += "<form class=\"decision\" method=\"post\" action=\"" + std::string(kConsolePlanUpload) +
         "\" enctype=\"multipart/form-data\">\n";
    m += "<input type=\"hidden\" name=\"" + std::string(kConsoleTokenField) + "\" value=\"" + e(view.form_token) + "\">\n";
    m += "<input type=\"hidden\" name=\"" + std::string(kPlanStepField) + "\" value=\"" + std::string(kPlanStepPreview) +
         "\">\n";
    m += "<label for=\"tep\">Tệp kế hoạch</label>\n<input type=\"file\" id=\"tep\" name=\"" + std::string(kPlanFileField) +
         "\" required" + (view.error.empty() ? "" : " aria-invalid=\"true\" aria-describedby=\"upload-error\"") + ">\n";
    m += "<button type=\"submit\">Xem trước</button>\n</form>\n</section>\n";
}

}  // namespace

std::string field_change_in_words(std::string_view change) {
    static const std::pair<std::string_view, std::string_view> kFields[] = {
        {"title", "Tên nhiệm vụ"}, {"lead", "Cơ quan chủ trì"}, {"cooperating", "Cơ quan phối hợp"},
        {"product", "Sản phẩm"}, {"deadline", "Thời hạn"}, {"precondition", "Điều kiện"},
        {"section", "Mục"}, {"group", "Nhóm"}};
    const size_t colon = change.find(": ");
    if (colon == std::string_view::npos) return std::string(change);
    for (const auto& [field, words] : kFields)
        if (change.substr(0, colon) == field) return std::string(words) + std::string(change.substr(colon));
    return std::string(change);
}

std::string render_plan_upload(const PlanUploadView& view) {
    std::string m;
    m += render_console_nav(ConsoleSection::plan_upload);
    m += "<h1>Nhập kế hoạch</h1>\n";
    if (!view.error.empty()) m += "<p class=\"error\" id=\"upload-error\" role=\"alert\">" + e(view.error) + "</p>\n";
    if (!view.notice.empty()) m += "<p class=\"notice\" id=\"upload-notice\" role=\"status\">" + e(view.notice) + "</p>\n";
    if (view.applied && view.applied_report) {
        m += "<section id=\"applied\">\n<h2>Đã nhập kế hoạch</h2>\n";
        what_it_does(m, *view.applied, *view.applied_report, true);
        m += "<p><a href=\"" + std::string(kConsoleTasks) + "\">Xem danh sách nhiệm vụ</a></p>\n</section>\n";
    }
    if (view.preview) {
        const app::PlanPreview& preview = *view.preview;
        const ImportReport& report = preview.report;
        m += "<section id=\"preview\">\n<h2>Xem trước: " + e(preview.file_name) + "</h2>\n";
        what_it_does(m, preview, report, false);
        if (report.new_plan) {
            m += "<h3>Danh sách nhiệm vụ</h3>\n<ul class=\"items\" id=\"preview-tasks\">\n";
            for (const auto& task : preview.tasks)
                m += "<li data-code=\"" + e(task.code) + "\"><strong>" + e(task.code) + "</strong> " + e(task.title) +
                     "<br><span class=\"meta\">Chủ trì: " + e(task.lead) + " · Thời hạn: " + e(task.deadline) +
                     "</span></li>\n";
            m += "</ul>\n";
        }
        m += "<p class=\"note\">Tệp được giữ đến " + e(format_vietnamese_moment(view.expires)) +
             " (giờ Việt Nam); sau đó cần tải lên lại.</p>\n<div class=\"buttons\">\n";
        const auto step_form = [&](std::string_view step, std::string_view words, bool secondary) {
            m += "<form class=\"decision inline\" method=\"post\" action=\"" + std::string(kConsolePlanUpload) + "\">\n";
            m += "<input type=\"hidden\" name=\"" + std::string(kConsoleTokenField) + "\" value=\"" + e(view.form_token) +
                 "\">\n<input type=\"hidden\" name=\"" + std::string(kPlanStepField) + "\" value=\"" + std::string(step) +
                 "\">\n<input type=\"hidden\" name=\"" + std::string(kPlanUploadField) + "\" value=\"" +
                 std::to_string(view.upload_number) + "\">\n";
            m += std::string("<button type=\"submit\" id=\"") + std::string(step) + "\"" +
                 (secondary ? " class=\"secondary\"" : "") + ">" + std::string(words) + "</button>\n</form>\n";
        };
        if (!report.unchanged()) step_form(kPlanStepApply, "Áp dụng", false);
        step_form(kPlanStepCancel, "Hủy", true);
        m += "</div>\n</section>\n";
    }
    upload_form(m, view);
    return m;
}

}  // namespace nhacviec::web
