#include "web/console_task_page.h"

#include "common/text.h"
#include "web/console_task_list.h"
#include "web/history_list.h"

namespace nhacviec::web {
namespace {

std::string e(std::string_view s) { return text::html_escape(s); }

std::string day(Date date) { return format_vietnamese_date(date); }

// What a refused form says of one of its fields.
struct Refill {
    const std::optional<RefusedDecision>& refused;
    std::string_view form;
    std::int64_t answer;

    bool mine() const { return refused && refused->form == form && refused->answer == answer; }
    std::string value(std::string_view field, std::string_view otherwise = "") const {
        if (!mine()) return std::string(otherwise);
        const auto it = refused->values.find(field);
        return it == refused->values.end() ? std::string() : it->second;
    }
    bool wrong(std::string_view field) const { return mine() && refused->field == field; }
    std::string id(std::string_view field) const {
        return std::string(form) + (answer ? "-" + std::to_string(answer) : std::string()) + "-" + std::string(field);
    }
    std::string attributes(std::string_view field) const {
        if (!wrong(field)) return "";
        return " aria-invalid=\"true\" aria-describedby=\"" + id(field) + "-loi\"";
    }
    std::string error(std::string_view field) const {
        if (!wrong(field)) return "";
        return "<p class=\"field-error\" id=\"" + id(field) + "-loi\">" + e(refused->message) + "</p>";
    }
};

void open_form(std::string& h, const ConsoleTaskView& v, const Refill& refill, std::string_view css) {
    h += "<form class=\"decision " + std::string(css) + "\" method=\"post\" action=\"" + e(v.action) +
         "\" accept-charset=\"utf-8\" id=\"form-" + refill.id("form") + "\">\n";
    // A message about no field the form shows (the form as a whole, the answer decided on) goes at its top.
    if (refill.mine()) {
        const std::string_view f = refill.refused->field;
        const bool shown = f == decision_field::note || f == decision_field::reason || f == decision_field::due ||
                           f == decision_field::new_due || f == decision_field::action || f == decision_field::date ||
                           (f == decision_field::period && v.recurring);
        if (!shown) h += "<p class=\"error\" role=\"alert\">" + e(refill.refused->message) + "</p>\n";
    }
    h += "<input type=\"hidden\" name=\"" + std::string(kConsoleTokenField) + "\" value=\"" + e(v.frame.form_token) +
         "\">\n<input type=\"hidden\" name=\"" + std::string(decision_field::form) + "\" value=\"" +
         std::string(refill.form) + "\">\n";
    if (refill.answer)
        h += "<input type=\"hidden\" name=\"" + std::string(decision_field::answer) + "\" value=\"" +
             std::to_string(refill.answer) + "\">\n";
}

void text_area(std::string& h, const Refill& refill, std::string_view field, std::string_view label, bool required,
               std::string_view hint = "(không bắt buộc)") {
    const std::string id = refill.id(field);
    h += "<label for=\"" + id + "\">" + e(label) + (required ? std::string() : " <small>" + e(hint) + "</small>") +
         "</label>\n<textarea id=\"" + id + "\" name=\"" + std::string(field) + "\" maxlength=\"2000\" rows=\"2\"" +
         (required ? " required" : "") + refill.attributes(field) + ">" + e(refill.value(field)) + "</textarea>" +
         refill.error(field) + "\n";
}

void date_input(std::string& h, const Refill& refill, std::string_view field, std::string_view label,
                std::string_view otherwise, bool required) {
    const std::string id = refill.id(field);
    h += "<label for=\"" + id + "\">" + e(label) + (required ? "" : " <small>(không bắt buộc)</small>") +
         "</label>\n<input type=\"date\" id=\"" + id + "\" name=\"" + std::string(field) + "\" value=\"" +
         e(refill.value(field, otherwise)) + "\"" + (required ? " required" : "") + refill.attributes(field) + ">" +
         refill.error(field) + "\n";
}

void task_section(std::string& h, const ConsoleTaskView& v) {
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
    if (v.due)
        row("Hạn hoàn thành",
            day(*v.due) + (v.extended_from ? " (đã gia hạn; thời hạn cũ " + day(*v.extended_from) + ")" : std::string()));
    if (v.legal_due) row("Hạn cuối theo quy định", day(*v.legal_due));
    if (v.next_review) row("Kỳ báo cáo tới", "hạn " + day(*v.next_review));
    row("Điều kiện thực hiện", v.precondition);
    h += "</dl>\n<p class=\"status\" id=\"trang-thai\">Trạng thái: " + e(v.status) + "</p>\n";
    if (v.paused)
        h += "<p class=\"note\" id=\"tam-dung\">Việc nhắc hạn và báo cáo chậm hạn của nhiệm vụ này đang tạm dừng.</p>\n";
    h += "</section>\n";
}

void pending_section(std::string& h, const ConsoleTaskView& v) {
    if (v.awaiting.empty() && v.extensions.empty()) return;
    h += "<section id=\"cho-xu-ly\">\n<h2>Chờ xử lý</h2>\n";
    for (const PendingDecision& p : v.awaiting) {
        h += "<div class=\"pending\">\n<p><strong>" + e(p.what) + "</strong></p>\n";
        if (!p.detail.empty()) h += "<p class=\"detail\">" + e(p.detail) + "</p>\n";
        if (v.may_decide) {
            const Refill confirm{v.refused, decision_form::confirm, p.answer};
            open_form(h, v, confirm, "confirm");
            text_area(h, confirm, decision_field::note, "Ý kiến", false);
            h += "<button type=\"submit\">Xác nhận hoàn thành</button>\n</form>\n";
            const Refill give_back{v.refused, decision_form::give_back, p.answer};
            open_form(h, v, give_back, "return");
            text_area(h, give_back, decision_field::reason, "Lý do trả lại (gửi cho cơ quan chủ trì)", true);
            h += "<button type=\"submit\" class=\"secondary\">Trả lại</button>\n</form>\n";
        }
        h += "</div>\n";
    }
    for (const PendingDecision& p : v.extensions) {
        h += "<div class=\"pending\">\n<p><strong>" + e(p.what) + "</strong></p>\n";
        if (!p.detail.empty()) h += "<p class=\"detail\">" + e(p.detail) + "</p>\n";
        if (v.may_decide) {
            const Refill approve{v.refused, decision_form::approve, p.answer};
            open_form(h, v, approve, "approve");
            date_input(h, approve, decision_field::new_due, "Thời hạn mới",
                       p.proposed_due ? format_iso_date(*p.proposed_due) : std::string(), true);
            text_area(h, approve, decision_field::note, "Ý kiến", false);
            h += "<button type=\"submit\">Chấp thuận gia hạn</button>\n</form>\n";
            const Refill refuse{v.refused, decision_form::refuse, p.answer};
            open_form(h, v, refuse, "refuse");
            text_area(h, refuse, decision_field::reason, "Lý do không chấp thuận (gửi cho cơ quan chủ trì)", true);
            h += "<button type=\"submit\" class=\"secondary\">Không chấp thuận</button>\n</form>\n";
        }
        h += "</div>\n";
    }
    h += "</section>\n";
}

void manage_section(std::string& h, const ConsoleTaskView& v) {
    if (!v.may_decide) return;
    h += "<section id=\"quan-ly\">\n<h2>Điều chỉnh nhiệm vụ</h2>\n";
    if (v.undetermined) {
        const Refill refill{v.refused, decision_form::deadline, 0};
        h += "<h3>Đặt thời hạn</h3>\n";
        open_form(h, v, refill, "deadline");
        date_input(h, refill, decision_field::due, "Thời hạn hoàn thành", "", true);
        text_area(h, refill, decision_field::note, "Căn cứ, ghi chú", false);
        h += "<button type=\"submit\">Đặt thời hạn</button>\n</form>\n";
    }
    {
        const Refill refill{v.refused, decision_form::status, 0};
        h += "<h3>Ghi nhận trạng thái</h3>\n";
        open_form(h, v, refill, "status");
        const std::string id = refill.id(decision_field::action);
        const std::string chosen = refill.value(decision_field::action);
        h += "<label for=\"" + id + "\">Trạng thái</label>\n<select id=\"" + id + "\" name=\"" +
             std::string(decision_field::action) + "\"" + refill.attributes(decision_field::action) + ">\n";
        const std::pair<std::string_view, std::string_view> actions[] = {{"in-progress", "Đang thực hiện"},
                                                                         {"done", "Đã hoàn thành"},
                                                                         {"waiting", "Chờ điều kiện thực hiện"},
                                                                         {"reopen", "Mở lại"}};
        for (const auto& [value, words] : actions)
            h += "<option value=\"" + std::string(value) + "\"" + (chosen == value ? " selected" : "") + ">" +
                 e(words) + "</option>\n";
        h += "</select>" + refill.error(decision_field::action) + "\n";
        date_input(h, refill, decision_field::date, "Ngày hoàn thành (khi đã hoàn thành)", "", false);
        if (v.recurring) {
            const std::string pid = refill.id(decision_field::period);
            h += "<label for=\"" + pid + "\">Kỳ báo cáo <small>(ví dụ 2026-Q3, 2027-H1, 2027, 2026-07)</small></label>\n"
                 "<input type=\"text\" id=\"" + pid + "\" name=\"" + std::string(decision_field::period) +
                 "\" maxlength=\"16\" value=\"" + e(refill.value(decision_field::period)) + "\"" +
                 refill.attributes(decision_field::period) + ">" + refill.error(decision_field::period) + "\n";
        }
        text_area(h, refill, decision_field::note, "Ghi chú", false);
        h += "<button type=\"submit\">Ghi nhận trạng thái</button>\n</form>\n";
    }
    {
        const Refill refill{v.refused, decision_form::pause, 0};
        h += v.paused ? "<h3>Tiếp tục nhắc việc</h3>\n" : "<h3>Tạm dừng nhắc việc</h3>\n";
        open_form(h, v, refill, "pause");
        if (v.paused) {
            text_area(h, refill, decision_field::note, "Ghi chú", false);
            h += "<button type=\"submit\" name=\"paused\" value=\"0\" class=\"secondary\">Tiếp tục nhắc việc</button>\n"
                 "</form>\n";
        } else {
            text_area(h, refill, decision_field::note, "Lý do tạm dừng", true);
            h += "<button type=\"submit\" name=\"paused\" value=\"1\" class=\"secondary\">Tạm dừng nhắc việc</button>\n"
                 "</form>\n";
        }
    }
    h += "</section>\n";
}

void planned_section(std::string& h, const ConsoleTaskView& v) {
    h += "<section id=\"du-kien\">\n<h2>Thông báo dự kiến</h2>\n";
    if (v.planned.empty()) {
        h += "<p class=\"note\">Không có thông báo nào dự kiến gửi trong 400 ngày tới.</p>\n</section>\n";
        return;
    }
    h += "<ul class=\"items\">\n";
    for (const PlannedLine& p : v.planned)
        h += "<li><span class=\"when\">" + e(p.when) + "</span> – " + e(p.what) + "<div class=\"meta\">Gửi " + e(p.to) +
             "</div></li>\n";
    h += "</ul>\n";
    if (v.more_planned) h += "<p class=\"note\">Và " + std::to_string(v.more_planned) + " thông báo khác.</p>\n";
    h += "</section>\n";
}

void messages_section(std::string& h, const ConsoleTaskView& v) {
    h += "<section id=\"thu-da-gui\">\n<h2>Thư đã gửi</h2>\n";
    if (v.messages.empty()) {
        h += "<p class=\"note\">Chưa có thư nào cho nhiệm vụ này.</p>\n</section>\n";
        return;
    }
    h += "<ul class=\"items\">\n";
    for (const MessageLine& m : v.messages) {
        h += "<li><span class=\"when\">" + e(m.when) + "</span>";
        if (!m.sent.empty()) h += " <span class=\"sent\">(gửi lúc " + e(m.sent) + ")</span>";
        h += " – " + e(m.subject) + "<div class=\"meta\">" + e(m.to) +
             " · <span class=\"" + std::string(m.failed ? "bad" : "delivery") + "\">" + e(m.state) + "</span></div>";
        if (!m.detail.empty()) h += "<p class=\"detail\">" + e(m.detail) + "</p>";
        h += "</li>\n";
    }
    h += "</ul>\n</section>\n";
}

void history_section(std::string& h, const ConsoleTaskView& v) {
    h += "<section id=\"lich-su\">\n<h2>Lịch sử</h2>\n";
    if (v.history.empty()) {
        h += "<p class=\"note\">Chưa có báo cáo, quyết định hay thay đổi trạng thái nào.</p>\n</section>\n";
        return;
    }
    append_history_list(h, v.history);
    h += "</section>\n";
}

void files_section(std::string& h, const ConsoleTaskView& v) {
    h += "<section id=\"tep\">\n<h2>Tệp báo cáo</h2>\n";
    if (v.files.empty()) {
        h += "<p class=\"note\">Chưa có tệp nào được gửi kèm.</p>\n</section>\n";
        return;
    }
    h += "<ul class=\"items\">\n";
    for (const AttachedFile& f : v.files)
        h += "<li><a href=\"" + e(f.href) + "\" download>" + e(f.name) + "</a><div class=\"meta\">" + e(f.about) +
             "</div></li>\n";
    h += "</ul>\n</section>\n";
}

}  // namespace

std::string render_console_task(const ConsoleTaskView& v) {
    std::string m;
    m.reserve(32 * 1024);
    m += render_console_nav(ConsoleSection::task);
    m += "<h1>Nhiệm vụ " + e(v.code) + ": " + e(v.title) + "</h1>\n";
    if (!v.done.empty()) m += "<p class=\"notice\" role=\"status\" id=\"da-ghi-nhan\">" + e(v.done) + "</p>\n";
    // A refusal whose form the page no longer shows (the answer was decided meanwhile) is told at the top.
    if (v.refused) {
        bool shown = false;
        if (v.may_decide) {
            const std::string_view form = v.refused->form;
            for (const auto& p : v.awaiting)
                shown = shown || ((form == decision_form::confirm || form == decision_form::give_back) &&
                                  p.answer == v.refused->answer);
            for (const auto& p : v.extensions)
                shown = shown || ((form == decision_form::approve || form == decision_form::refuse) &&
                                  p.answer == v.refused->answer);
            shown = shown || form == decision_form::status || form == decision_form::pause ||
                    (form == decision_form::deadline && v.undetermined);
        }
        if (!shown) m += "<p class=\"error\" role=\"alert\" id=\"loi\">" + e(v.refused->message) + "</p>\n";
    }
    task_section(m, v);
    pending_section(m, v);
    manage_section(m, v);
    planned_section(m, v);
    messages_section(m, v);
    history_section(m, v);
    files_section(m, v);
    return render_console_page(v.frame, "Nhiệm vụ " + v.code, m);
}

}  // namespace nhacviec::web
