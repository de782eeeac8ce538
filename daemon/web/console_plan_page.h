// The console's plan upload page (/quan-ly/nhap-ke-hoach): the form that
// uploads a plan file (multipart, at most kMaxPlanUploadBytes), the preview
// of what importing it would do (app/plan_preview) with the forms that apply
// or cancel it, a refusal in Vietnamese (web/plan_message_wording.h), and what an
// import did. Pure: a view goes in, the HTML of the page's main part comes
// out; every text from outside is escaped here.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "app/plan_preview.h"
#include "web/form_data.h"

namespace nhacviec::web {

// The form's fields: the file, the step ("xem-truoc", "ap-dung", "huy") and which preview is applied.
inline constexpr std::string_view kPlanFileField = "tep";
inline constexpr std::string_view kPlanStepField = "buoc";
inline constexpr std::string_view kPlanUploadField = "ban";
inline constexpr std::string_view kPlanStepPreview = "xem-truoc";
inline constexpr std::string_view kPlanStepApply = "ap-dung";
inline constexpr std::string_view kPlanStepCancel = "huy";

// The largest plan file the page takes: the multipart reader's file limit (10 MiB; a plan of 10,000 tasks
// as .docx takes less). The server refuses a larger body from its Content-Length, before reading it.
inline constexpr std::size_t kMaxPlanUploadBytes = form::kMaxFileBytes;

// What the page shows. A plain value; the pointers borrow from the caller for the call.
struct PlanUploadView {
    std::string form_token;                  // the session's CSRF token
    std::string error;                       // Vietnamese, plain text; "" for none
    std::string notice;                      // plain text ("Đã hủy …"); "" for none
    const app::PlanPreview* preview = nullptr;  // a file previewed and pending, or none
    std::uint64_t upload_number = 0;         // which preview the apply form names
    std::chrono::sys_seconds expires{};      // when the pending file is forgotten
    const app::PlanPreview* applied = nullptr;  // a file just imported: its preview, with `applied_report`
    const ImportReport* applied_report = nullptr;
};

// The main part of the page (inside the console's frame).
std::string render_plan_upload(const PlanUploadView& view);

// A changed field in Vietnamese: "deadline: \"a\" → \"b\"" → "Thời hạn: \"a\" → \"b\"".
std::string field_change_in_words(std::string_view change);

}  // namespace nhacviec::web
