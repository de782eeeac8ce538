#include "web/task_history.h"

#include <algorithm>

#include "common/date.h"
#include "content/notification_context.h"
#include "content/status_words.h"
#include "schedule/review_period.h"

namespace nhacviec::web {
namespace {

std::string decision_words(const Answer& a) {
    if (a.completion_state == "awaiting") return "chờ xác nhận";
    if (a.completion_state == "confirmed") return "đã xác nhận";
    if (a.completion_state == "returned") return "đã trả lại";
    if (a.extension_state == "open") return "chờ duyệt";
    if (a.extension_state == "approved") return "đã chấp thuận";
    if (a.extension_state == "refused") return "không chấp thuận";
    return "";
}

std::string change_words(const StatusChange& c, bool first = true) {
    StatusEntry entry{c.status, c.done_on, c.note, c.changed_by, c.changed_at};
    std::string out = (first ? "Trạng thái: " : "trạng thái: ") + work_status_in_words(entry);
    if (!c.period.empty()) out += " – kỳ " + period_words(c.period);
    return out;
}

// A move of the deadline (or of one period's review date), in one line.
std::string move_words(const DeadlineChange& m, bool first = true) {
    std::string what;
    if (m.extension) {
        // Appended piece by piece: g++ 12 warns wrongly of a chain of + on a temporary here.
        what = first ? "Gia" : "gia";
        // One review period: its report is due later ("Gia hạn báo cáo kỳ quý IV/2026 từ … đến …").
        what += m.period.empty() ? " hạn thời hạn hoàn thành" : " hạn báo cáo kỳ " + period_words(m.period);
        if (m.old_due) what += " từ " + format_vietnamese_date(*m.old_due);
        what += " đến " + format_vietnamese_date(m.new_due);
    } else if (m.old_due) {
        what = "Đặt lại thời hạn hoàn thành từ " + format_vietnamese_date(*m.old_due) + " thành " +
               format_vietnamese_date(m.new_due);
    } else {
        what = "Đặt thời hạn hoàn thành: " + format_vietnamese_date(m.new_due);
    }
    if (!m.period.empty() && !m.extension) what += " (kỳ " + period_words(m.period) + ")";
    return what;
}

// The status change written with the decision on `a` (a confirmed or
// returned completion), told by the decision's line.
bool caused_by_decision(const StatusChange& c, const Answer& a) {
    return !a.decided_at.empty() && a.kind == AnswerKind::completion && c.changed_at == a.decided_at &&
           c.changed_by == a.decided_by && c.period == a.period;
}

// The move written with the approval of `a`, told by the decision's line.
bool caused_by_decision(const DeadlineChange& m, const Answer& a) {
    return m.extension && m.answer_id == a.id && !a.decided_at.empty();
}

// What the monitoring office decided on an answer, in one line.
std::string decided_words(const Answer& a) {
    const std::string what = a.kind == AnswerKind::completion
                                 ? "báo cáo hoàn thành của " + a.agency
                                 : "đề nghị gia hạn của " + a.agency;
    if (a.completion_state == "confirmed") return "Xác nhận " + what;
    if (a.completion_state == "returned") return "Trả lại " + what;
    if (a.extension_state == "approved") return "Chấp thuận " + what;
    if (a.extension_state == "refused") return "Không chấp thuận " + what;
    return "Xử lý " + what;
}

}  // namespace

std::string when_text(const std::string& iso) {
    if (iso.size() < 16) return iso;
    const auto date = parse_iso_date(std::string_view(iso).substr(0, 10));
    return iso.substr(11, 5) + " " + (date ? format_vietnamese_date(*date) : iso.substr(0, 10));
}

std::string period_words(const std::string& period) {
    const auto parsed = parse_period(period);
    return parsed ? period_in_words(*parsed) : period;
}

std::string size_text(int64_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + " byte";
    if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " KB";
    const int64_t tenths = (bytes * 10 + 1024 * 1024 - 1) / (1024 * 1024);
    return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " MB";
}

std::string answer_words(const Answer& a) {
    std::string out;
    switch (a.kind) {
        case AnswerKind::progress: out = "Báo cáo tiến độ"; break;
        case AnswerKind::completion:
            out = "Báo cáo hoàn thành ngày " + (a.done_on ? format_vietnamese_date(*a.done_on) : std::string("?")) +
                  ", văn bản số " + a.document_number + " ngày " +
                  (a.document_date ? format_vietnamese_date(*a.document_date) : std::string("?"));
            if (a.report) out += ", kèm tệp " + a.report->original_name + " (" + size_text(a.report->size) + ")";
            break;
        case AnswerKind::extension:
            out = "Đề nghị gia hạn đến ngày " + (a.proposed_due ? format_vietnamese_date(*a.proposed_due) : std::string("?"));
            break;
        case AnswerKind::waiting: out = "Báo cáo đang chờ điều kiện thực hiện"; break;
        case AnswerKind::note: out = "Ý kiến"; break;
    }
    if (!a.period.empty()) out += " – kỳ " + period_words(a.period);
    return out + " (" + std::string(via_in_words(a.via)) + ")";
}

std::vector<AnswerHistoryLine> history_lines(const std::vector<Answer>& answers,
                                             const std::vector<StatusChange>& changes, HistoryReader reader,
                                             const std::vector<DeadlineChange>& moves,
                                             const std::vector<ReminderPause>& pauses) {
    struct Dated {
        std::string at;
        int order;  // among equal times: the later row first
        AnswerHistoryLine line;
    };
    std::vector<Dated> all;
    int order = 0;
    for (const Answer& a : answers) {
        std::string detail = a.kind == AnswerKind::extension ? a.reason : a.note;
        if (a.kind == AnswerKind::extension && !a.note.empty()) detail += "\n" + a.note;
        if (!a.decision_note.empty()) detail += (detail.empty() ? "" : "\n") + ("Ý kiến xử lý: " + a.decision_note);
        std::string who = a.agency;
        if (reader == HistoryReader::console && !a.client_address.empty()) who += " (từ địa chỉ " + a.client_address + ")";
        all.push_back({a.answered_at, order++, {when_text(a.answered_at), who, answer_words(a), detail,
                                                decision_words(a)}});
        if (reader == HistoryReader::console && !a.decided_at.empty()) {
            // One line for one act: the decision with what it changed (the
            // status, the deadline), who took it, when and where.
            std::string what = decided_words(a);
            for (const StatusChange& c : changes)
                if (caused_by_decision(c, a)) what += " – " + change_words(c, false);
            for (const DeadlineChange& m : moves)
                if (caused_by_decision(m, a)) what += " – " + move_words(m, false);
            all.push_back({a.decided_at, order++, {when_text(a.decided_at), a.decided_by + " (trang quản lý)",
                                                   std::move(what), a.decision_note, ""}});
        }
    }
    for (const StatusChange& c : changes) {
        // A change an answer caused is told by that answer's line; on the
        // console's page, one a decision caused by the decision's line.
        const bool caused = std::any_of(answers.begin(), answers.end(), [&](const Answer& a) {
            return (a.answered_at == c.changed_at && a.agency == c.changed_by && a.period == c.period) ||
                   (reader == HistoryReader::console && caused_by_decision(c, a));
        });
        if (caused) continue;
        all.push_back({c.changed_at, order++, {when_text(c.changed_at), c.changed_by, change_words(c), c.note, ""}});
    }
    if (reader == HistoryReader::console) {
        for (const DeadlineChange& m : moves) {
            // An approved request's move is told by its decision's line.
            if (std::any_of(answers.begin(), answers.end(), [&](const Answer& a) { return caused_by_decision(m, a); }))
                continue;
            all.push_back({m.changed_at, order++, {when_text(m.changed_at), m.changed_by, move_words(m),
                                                   m.extension ? std::string() : m.note, ""}});
        }
        for (const ReminderPause& p : pauses)
            all.push_back({p.changed_at, order++, {when_text(p.changed_at), p.changed_by,
                                                   p.paused ? "Tạm dừng nhắc việc" : "Tiếp tục nhắc việc", p.note,
                                                   ""}});
    }
    std::stable_sort(all.begin(), all.end(), [](const Dated& a, const Dated& b) {
        return a.at != b.at ? a.at > b.at : a.order > b.order;
    });
    std::vector<AnswerHistoryLine> out;
    out.reserve(all.size());
    for (auto& d : all) out.push_back(std::move(d.line));
    return out;
}


}  // namespace nhacviec::web
