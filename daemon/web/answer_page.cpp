#include "web/answer_page.h"


#include "common/base64.h"
#include "common/clock.h"
#include "common/sha256.h"
#include "common/text.h"
#include "content/notification_context.h"
#include "web/answer_form.h"
#include "web/history_list.h"
#include "web/strict_page.h"

namespace nhacviec::web {
namespace {

const char* const kStyle = R"(
:root { color-scheme: light; --accent: #8b0000; --line: #d0d4da; --muted: #57606a; --error: #b71c1c; --ok: #1b5e20; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; color: #1f2328; background: #f6f7f9; }
header { background: var(--accent); color: #fff; padding: 12px 20px; }
header p { margin: 0; font-size: 14px; opacity: .9; }
header h1 { margin: 2px 0 0; font-size: 21px; line-height: 1.3; }
main { padding: 4px 20px 28px; max-width: 860px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 14px 0; }
h2 { font-size: 18px; margin: 0 0 8px; }
dl { margin: 0; display: grid; grid-template-columns: 11em 1fr; gap: 4px 12px; }
dt { color: var(--muted); }
dd { margin: 0; }
p.who { margin: 0 0 6px; }
p.status { font-weight: 600; margin: 8px 0 0; }
p.recorded { border-left: 4px solid var(--ok); background: #e8f5e9; padding: 8px 12px; margin: 14px 0; font-weight: 600; }
p.error { border-left: 4px solid var(--error); background: #ffebee; color: var(--error); padding: 8px 12px; margin: 0 0 10px; font-weight: 600; }
p.field-error { color: var(--error); margin: 2px 0 0; font-size: 14px; font-weight: 600; }
form { display: flex; flex-direction: column; gap: 10px; }
label { display: flex; flex-direction: column; gap: 3px; font-weight: 600; }
label small { font-weight: normal; color: var(--muted); }
input, textarea, button { font: inherit; }
input[type=text], input[type=date], textarea { width: 100%; padding: 8px 10px; border: 1px solid #8c959f; border-radius: 4px; min-height: 42px; background: #fff; }
input[type=file] { padding: 6px 0; }
textarea { min-height: 6em; resize: vertical; }
[aria-invalid=true] { border-color: var(--error); outline: 2px solid var(--error); }
button { align-self: flex-start; background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: 10px 20px; min-height: 44px; font-weight: 600; }
ol.history { list-style: none; margin: 0; padding: 0; }
ol.history li { border-top: 1px solid var(--line); padding: 8px 0; }
ol.history li:first-child { border-top: 0; }
ol.history .meta { color: var(--muted); font-size: 14px; }
ol.history .detail { white-space: pre-wrap; margin: 2px 0 0; }
ol.history .state { font-weight: 600; }
p.note { color: var(--muted); font-size: 14px; margin: 6px 0 0; }
footer { color: var(--muted); font-size: 13px; padding: 0 20px 24px; max-width: 860px; }
@media (max-width: 640px) { main { padding: 2px 8px 20px; } header { padding: 10px 12px; } header h1 { font-size: 19px; }
  section { padding: 10px 12px; } dl { grid-template-columns: 1fr; gap: 0; } dd { margin-bottom: 6px; }
  button { align-self: stretch; } footer { padding: 0 12px 20px; } }
)";

std::string e(std::string_view s) { return text::html_escape(s); }

std::string day(Date date) { return format_vietnamese_date(date); }

void head(std::string& h, std::string_view title) { strict_page_head(h, title, kStyle); }

void foot(std::string& h, std::string_view contact, std::chrono::sys_seconds now) {
    h += "</main>\n<footer>";
    if (!contact.empty()) h += "Cần hỗ trợ, xin liên hệ " + e(contact) + ". ";
    h += "Trang do hệ thống Nhắc việc tạo lúc " + e(format_vietnamese_moment(now)) + " (giờ Việt Nam).</footer>\n</body>\n</html>\n";
}

// What a refused form of `kind` says of `field`: its value as typed, and its message when it is the one.
struct Refill {
    const std::optional<RefusedForm>& refused;
    AnswerKind kind;

    bool mine() const { return refused && refused->kind == kind; }
    std::string value(std::string_view field) const {
        if (!mine()) return "";
        const auto it = refused->values.find(field);
        return it == refused->values.end() ? "" : it->second;
    }
    bool wrong(std::string_view field) const { return mine() && refused->field == field; }
};

std::string field_id(AnswerKind kind, std::string_view field) {
    return std::string(to_string(kind)) + "-" + std::string(field);
}

// The attributes that tie a field to its error: invalid, described by the message.
std::string error_attributes(const Refill& refill, AnswerKind kind, std::string_view field) {
    if (!refill.wrong(field)) return "";
    return " aria-invalid=\"true\" aria-describedby=\"" + field_id(kind, field) + "-error\"";
}

std::string error_line(const Refill& refill, AnswerKind kind, std::string_view field) {
    if (!refill.wrong(field)) return "";
    return "<p class=\"field-error\" id=\"" + field_id(kind, field) + "-error\">" + e(refill.refused->message) + "</p>";
}

void text_input(std::string& h, const Refill& refill, AnswerKind kind, std::string_view field, std::string_view label,
                std::string_view hint, std::string_view extra) {
    const std::string id = field_id(kind, field);
    h += "<label for=\"" + id + "\">" + e(label);
    if (!hint.empty()) h += " <small>" + e(hint) + "</small>";
    h += "</label>\n<input type=\"text\" id=\"" + id + "\" name=\"" + std::string(field) + "\" value=\"" +
         e(refill.value(field)) + "\"" + std::string(extra) + error_attributes(refill, kind, field) + ">" +
         error_line(refill, kind, field) + "\n";
}

void date_input(std::string& h, const Refill& refill, AnswerKind kind, std::string_view field, std::string_view label,
                std::optional<Date> min, std::optional<Date> max) {
    const std::string id = field_id(kind, field);
    h += "<label for=\"" + id + "\">" + e(label) + "</label>\n<input type=\"date\" id=\"" +
         id + "\" name=\"" + std::string(field) + "\" value=\"" + e(refill.value(field)) + "\" required";
    if (min) h += " min=\"" + format_iso_date(*min) + "\"";
    if (max) h += " max=\"" + format_iso_date(*max) + "\"";
    h += error_attributes(refill, kind, field) + ">" + error_line(refill, kind, field) + "\n";
}

void text_area(std::string& h, const Refill& refill, AnswerKind kind, std::string_view field, std::string_view label,
               bool required) {
    const std::string id = field_id(kind, field);
    h += "<label for=\"" + id + "\">" + e(label) + (required ? "" : " <small>(không bắt buộc)</small>") +
         "</label>\n<textarea id=\"" + id + "\" name=\"" + std::string(field) + "\" maxlength=\"2000\"" +
         (required ? " required" : "") + error_attributes(refill, kind, field) + ">" + e(refill.value(field)) +
         "</textarea>" + error_line(refill, kind, field) + "\n";
}

// The start of one form: its section, its heading, the message of a refusal of the form as a whole, the hidden fields.
void open_form(std::string& h, const AnswerPageView& view, AnswerKind kind, std::string_view heading,
               std::string_view explanation, bool with_file) {
    const Refill refill{view.refused, kind};
    h += "<section id=\"form-" + std::string(to_string(kind)) + "\">\n<h2>" + e(heading) + "</h2>\n";
    if (!explanation.empty()) h += "<p class=\"note\">" + e(explanation) + "</p>\n";
    h += "<form method=\"post\" action=\"" + e(view.action) + "\" accept-charset=\"utf-8\"";
    if (with_file) h += " enctype=\"multipart/form-data\"";
    h += ">\n";
    if (refill.mine()) {
        // The message at the top of the form too, so a screen reader and a small screen meet it first.
        h += "<p class=\"error\" role=\"alert\" id=\"loi\">" + e(refill.refused->message) + "</p>\n";
    }
    h += "<input type=\"hidden\" name=\"kind\" value=\"" + std::string(to_string(kind)) + "\">\n";
    h += "<input type=\"hidden\" name=\"submission\" value=\"" + e(view.form_token) + "\">\n";
}

void close_form(std::string& h, std::string_view button) {
    h += "<button type=\"submit\">" + e(button) + "</button>\n</form>\n</section>\n";
}

void task_section(std::string& h, const AnswerPageView& v) {
    h += "<section id=\"nhiem-vu\">\n<h2>Nhiệm vụ</h2>\n<dl>\n";
    const auto row = [&](std::string_view term, const std::string& value) {
        if (value.empty()) return;
        h += "<dt>" + e(term) + "</dt><dd>" + e(value) + "</dd>\n";
    };
    row("Kế hoạch", v.plan);
    row("Cơ quan chủ trì", v.lead);
    row("Cơ quan phối hợp", v.cooperating);
    row("Sản phẩm", v.product);
    row("Thời hạn", v.deadline_text);
    if (v.due) row("Hạn hoàn thành", day(*v.due));
    if (v.legal_due)
        row("Hạn cuối theo quy định", day(*v.legal_due) +
                                          (v.legal_due != v.due ? " (thời hạn kết thúc vào ngày nghỉ, lùi sang ngày làm "
                                                                  "việc tiếp theo theo Điều 148 Bộ luật Dân sự)"
                                                                : std::string()));
    if (v.next_review) row("Kỳ báo cáo tới", "hạn " + day(*v.next_review));
    row("Điều kiện thực hiện", v.precondition);
    h += "</dl>\n<p class=\"status\" id=\"trang-thai\">Trạng thái: " + e(v.status) + "</p>\n</section>\n";
}

void history_section(std::string& h, const AnswerPageView& v) {
    h += "<section id=\"lich-su\">\n<h2>Lịch sử báo cáo và trạng thái</h2>\n";
    if (v.history.empty()) {
        h += "<p class=\"note\">Chưa có báo cáo hay thay đổi trạng thái nào.</p>\n</section>\n";
        return;
    }
    append_history_list(h, v.history);
    h += "</section>\n";
}

// Whether the page has the form of `kind` (forms() writes them under the same conditions).
bool form_shown(const AnswerPageView& v, AnswerKind kind) {
    if (!v.lead_agency || !v.may_report) return kind == AnswerKind::note;
    switch (kind) {
        case AnswerKind::progress:
        case AnswerKind::extension: return true;
        case AnswerKind::completion: return v.may_complete;
        case AnswerKind::waiting: return v.may_wait;
        case AnswerKind::note: return false;
    }
    return false;
}

void forms(std::string& h, const AnswerPageView& v) {
    const std::string what = v.period.empty() ? "nhiệm vụ" : "kỳ " + v.period;
    if (!v.lead_agency) {
        const Refill refill{v.refused, AnswerKind::note};
        open_form(h, v, AnswerKind::note, "Gửi ý kiến",
                  "Cơ quan phối hợp gửi ý kiến, số liệu hoặc kiến nghị; cơ quan chủ trì báo cáo tiến độ và kết quả.",
                  false);
        text_area(h, refill, AnswerKind::note, answer_field::note, "Nội dung", true);
        close_form(h, "Gửi ý kiến");
        return;
    }
    if (!v.may_report) {
        const Refill refill{v.refused, AnswerKind::note};
        open_form(h, v, AnswerKind::note, "Gửi ý kiến", "Nhiệm vụ đã hoàn thành; chỉ có thể gửi thêm ý kiến.", false);
        text_area(h, refill, AnswerKind::note, answer_field::note, "Nội dung", true);
        close_form(h, "Gửi ý kiến");
        return;
    }
    {
        const Refill refill{v.refused, AnswerKind::progress};
        open_form(h, v, AnswerKind::progress, "Báo cáo tiến độ", "", false);
        text_area(h, refill, AnswerKind::progress, answer_field::note, "Nội dung", true);
        close_form(h, "Gửi báo cáo tiến độ");
    }
    if (v.may_complete) {
        const Refill refill{v.refused, AnswerKind::completion};
        open_form(h, v, AnswerKind::completion, "Báo cáo hoàn thành",
                  "Sau khi gửi, " + what +
                      " chuyển sang “đã báo cáo hoàn thành, chờ xác nhận”; hệ thống ngừng nhắc hạn trong khi chờ "
                      "cơ quan theo dõi xác nhận.",
                  true);
        date_input(h, refill, AnswerKind::completion, answer_field::done_on, "Ngày hoàn thành", v.plan_issued, v.today);
        text_input(h, refill, AnswerKind::completion, answer_field::document_number, "Số, ký hiệu văn bản báo cáo",
                   "ví dụ 125/BC-STC", " required maxlength=\"64\" autocomplete=\"off\"");
        date_input(h, refill, AnswerKind::completion, answer_field::document_date, "Ngày ban hành văn bản",
                   v.plan_issued, v.today);
        const std::string id = field_id(AnswerKind::completion, answer_field::report_file);
        h += "<label for=\"" + id +
             "\">Tệp văn bản báo cáo <small>(không bắt buộc; tệp PDF, tối đa 10 MB)</small></label>\n"
             "<input type=\"file\" id=\"" + id + "\" name=\"report_file\" accept=\"application/pdf,.pdf\"" +
             error_attributes(refill, AnswerKind::completion, answer_field::report_file) + ">" +
             error_line(refill, AnswerKind::completion, answer_field::report_file) + "\n";
        text_area(h, refill, AnswerKind::completion, answer_field::note, "Ghi chú", false);
        close_form(h, "Gửi báo cáo hoàn thành");
    }
    {
        const Refill refill{v.refused, AnswerKind::extension};
        open_form(h, v, AnswerKind::extension, "Đề nghị gia hạn",
                  "Đề nghị chỉ có hiệu lực khi cơ quan theo dõi chấp thuận; đến lúc đó thời hạn vẫn như cũ.", false);
        date_input(h, refill, AnswerKind::extension, answer_field::proposed_due, "Ngày đề nghị gia hạn đến",
                   add_days(v.today, 1), std::nullopt);
        text_area(h, refill, AnswerKind::extension, answer_field::reason, "Lý do", true);
        close_form(h, "Gửi đề nghị gia hạn");
    }
    if (v.may_wait) {
        const Refill refill{v.refused, AnswerKind::waiting};
        open_form(h, v, AnswerKind::waiting, "Báo cáo đang chờ điều kiện thực hiện",
                  "Nhiệm vụ có điều kiện: " + v.precondition, false);
        text_area(h, refill, AnswerKind::waiting, answer_field::note, "Ghi chú", false);
        close_form(h, "Báo cáo đang chờ điều kiện");
    }
}

}  // namespace

std::string render_answer_page(const AnswerPageView& v) {
    std::string h;
    h.reserve(16 * 1024);
    head(h, "Nhiệm vụ " + v.code + " – " + v.agency);
    h += "<header>\n<p>Nhắc việc – trả lời nhiệm vụ</p>\n<h1>Nhiệm vụ " + e(v.code) + ": " + e(v.title) +
         "</h1>\n</header>\n<main>\n";
    if (!v.recorded.empty()) h += "<p class=\"recorded\" role=\"status\" id=\"da-ghi-nhan\">" + e(v.recorded) + "</p>\n";
    // A refusal whose form the page no longer offers (a second completion report, say) is told at the top.
    if (v.refused && !form_shown(v, v.refused->kind))
        h += "<p class=\"error\" role=\"alert\" id=\"loi\">" + e(v.refused->message) + "</p>\n";
    h += "<section id=\"co-quan\">\n<p class=\"who\">Trả lời với tư cách <strong>" + e(v.agency) + "</strong> (" +
         (v.lead_agency ? "cơ quan chủ trì" : "cơ quan phối hợp") + ")" +
         (v.period.empty() ? std::string() : ", cho kỳ báo cáo <strong>" + e(v.period) + "</strong>") + ".</p>\n";
    h += "<p class=\"note\">Đường liên kết này dành riêng cho cơ quan của bạn, dùng được đến hết ngày " +
         day(v.link_expires) + "; xin đừng chuyển tiếp thư cho người ngoài cơ quan.</p>\n</section>\n";
    task_section(h, v);
    forms(h, v);
    history_section(h, v);
    foot(h, v.contact, v.now);
    return h;
}

std::string render_answer_notice(std::string_view heading, std::string_view message, std::string_view contact,
                                 std::chrono::sys_seconds now) {
    std::string h;
    head(h, std::string(heading) + " – Nhắc việc");
    h += "<header>\n<p>Nhắc việc – trả lời nhiệm vụ</p>\n<h1>" + e(heading) + "</h1>\n</header>\n<main>\n";
    h += "<section>\n<p id=\"thong-bao\">" + e(message) + "</p>\n</section>\n";
    foot(h, contact, now);
    return h;
}

const std::string& answer_page_policy() {
    static const std::string policy = strict_page_policy(kStyle);
    return policy;
}

}  // namespace nhacviec::web
