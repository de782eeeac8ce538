#include "storage/answer_store.h"

#include <algorithm>
#include <array>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace nhacviec {
namespace {

constexpr std::array kKinds = {AnswerKind::progress, AnswerKind::completion, AnswerKind::extension,
                               AnswerKind::waiting, AnswerKind::note};
constexpr std::array kVias = {AnswerVia::link, AnswerVia::api, AnswerVia::cli, AnswerVia::console};

constexpr const char* kColumns =
    "id, task_id, period, agency, kind, note, done_on, document_number, document_date, report_path, report_name, "
    "report_size, report_sha256, proposed_due, reason, via, client_address, answered_at, completion_state, "
    "extension_state, decided_by, decided_at, decision_note, submission";

std::string text_or_empty(SQLite::Statement& s, int column) {
    return s.getColumn(column).isNull() ? std::string() : s.getColumn(column).getString();
}

std::optional<Date> date_or_none(SQLite::Statement& s, int column) {
    return s.getColumn(column).isNull() ? std::nullopt : parse_iso_date(s.getColumn(column).getString());
}

Answer read_answer(SQLite::Statement& s) {
    Answer a;
    a.id = s.getColumn(0).getInt64();
    a.task_id = s.getColumn(1).getInt64();
    a.period = s.getColumn(2).getString();
    a.agency = s.getColumn(3).getString();
    a.kind = answer_kind_from_string(s.getColumn(4).getString()).value_or(AnswerKind::note);
    a.note = s.getColumn(5).getString();
    a.done_on = date_or_none(s, 6);
    a.document_number = text_or_empty(s, 7);
    a.document_date = date_or_none(s, 8);
    if (!s.getColumn(9).isNull())
        a.report = ReportFile{s.getColumn(9).getString(), text_or_empty(s, 10), s.getColumn(11).getInt64(),
                              s.getColumn(12).getString()};
    a.proposed_due = date_or_none(s, 13);
    a.reason = text_or_empty(s, 14);
    a.via = answer_via_from_string(s.getColumn(15).getString()).value_or(AnswerVia::link);
    a.client_address = s.getColumn(16).getString();
    a.answered_at = s.getColumn(17).getString();
    a.completion_state = text_or_empty(s, 18);
    a.extension_state = text_or_empty(s, 19);
    a.decided_by = text_or_empty(s, 20);
    a.decided_at = text_or_empty(s, 21);
    a.decision_note = text_or_empty(s, 22);
    a.submission = text_or_empty(s, 23);
    return a;
}

void bind_date(SQLite::Statement& s, int index, const std::optional<Date>& date) {
    if (date) s.bind(index, format_iso_date(*date));
    else s.bind(index);
}

void bind_text(SQLite::Statement& s, int index, const std::string& text, bool present) {
    if (present) s.bind(index, text);
    else s.bind(index);
}

}  // namespace

std::string_view to_string(AnswerKind kind) {
    switch (kind) {
        case AnswerKind::progress: return "progress";
        case AnswerKind::completion: return "completion";
        case AnswerKind::extension: return "extension";
        case AnswerKind::waiting: return "waiting";
        case AnswerKind::note: return "note";
    }
    return "note";
}

std::optional<AnswerKind> answer_kind_from_string(std::string_view text) {
    for (AnswerKind k : kKinds)
        if (to_string(k) == text) return k;
    return std::nullopt;
}

std::string_view to_string(AnswerVia via) {
    switch (via) {
        case AnswerVia::link: return "link";
        case AnswerVia::api: return "api";
        case AnswerVia::cli: return "cli";
        case AnswerVia::console: return "console";
    }
    return "link";
}

std::string_view via_in_words(AnswerVia via) {
    switch (via) {
        case AnswerVia::link: return "qua đường liên kết";
        case AnswerVia::api: return "qua API";
        case AnswerVia::cli: return "qua dòng lệnh";
        case AnswerVia::console: return "qua bảng điều khiển";
    }
    return "";
}

std::optional<AnswerVia> answer_via_from_string(std::string_view text) {
    for (AnswerVia v : kVias)
        if (to_string(v) == text) return v;
    return std::nullopt;
}

Result<int64_t> AnswerStore::record(const Answer& answer, const std::optional<StatusChange>& causes) {
    try {
        SQLite::Transaction transaction(db_.sql(), SQLite::TransactionBehavior::IMMEDIATE);
        auto id = insert(answer, causes);
        if (!id) return id.error();
        transaction.commit();
        return id;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<int64_t> AnswerStore::insert(const Answer& a, const std::optional<StatusChange>& causes) {
    try {
        SQLite::Statement s(db_.sql(),
                            "INSERT INTO answers (task_id, period, agency, kind, note, done_on, document_number, "
                            "document_date, report_path, report_name, report_size, report_sha256, proposed_due, "
                            "reason, via, client_address, answered_at, completion_state, extension_state, submission) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        const bool completion = a.kind == AnswerKind::completion;
        const bool extension = a.kind == AnswerKind::extension;
        s.bind(1, a.task_id);
        s.bind(2, a.period);
        s.bind(3, a.agency);
        s.bind(4, std::string(to_string(a.kind)));
        s.bind(5, a.note);
        bind_date(s, 6, completion ? a.done_on : std::nullopt);
        bind_text(s, 7, a.document_number, completion);
        bind_date(s, 8, completion ? a.document_date : std::nullopt);
        const bool file = completion && a.report.has_value();
        bind_text(s, 9, file ? a.report->path : "", file);
        bind_text(s, 10, file ? a.report->original_name : "", file);
        if (file) s.bind(11, a.report->size);
        else s.bind(11);
        bind_text(s, 12, file ? a.report->sha256 : "", file);
        bind_date(s, 13, extension ? a.proposed_due : std::nullopt);
        bind_text(s, 14, a.reason, extension);
        s.bind(15, std::string(to_string(a.via)));
        s.bind(16, a.client_address);
        s.bind(17, a.answered_at);
        bind_text(s, 18, "awaiting", completion);
        bind_text(s, 19, "open", extension);
        bind_text(s, 20, a.submission, !a.submission.empty());
        s.exec();
        const int64_t id = db_.sql().getLastInsertRowid();
        if (causes)
            if (auto status = StatusStore(db_).record(*causes); !status) return status.error();
        return id;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::vector<Answer>> AnswerStore::select(const std::string& where, std::optional<int64_t> task_id) {
    try {
        SQLite::Statement s(db_.sql(), std::string("SELECT ") + kColumns + " FROM answers WHERE " + where +
                                           " ORDER BY id");
        if (task_id) s.bind(1, *task_id);
        std::vector<Answer> out;
        while (s.executeStep()) out.push_back(read_answer(s));
        return out;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::vector<Answer>> AnswerStore::for_task(int64_t task_id) { return select("task_id = ?", task_id); }

Result<bool> AnswerStore::report_in_use(const std::string& sha256) {
    try {
        SQLite::Statement s(db_.sql(), "SELECT EXISTS (SELECT 1 FROM answers WHERE report_sha256 = ?)");
        s.bind(1, sha256);
        s.executeStep();
        return s.getColumn(0).getInt() != 0;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::optional<Answer>> AnswerStore::by_submission(const std::string& submission) {
    try {
        SQLite::Statement s(db_.sql(), std::string("SELECT ") + kColumns + " FROM answers WHERE submission = ?");
        s.bind(1, submission);
        if (!s.executeStep()) return std::optional<Answer>();
        return std::optional<Answer>(read_answer(s));
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::optional<Answer>> AnswerStore::by_id(int64_t id) {
    auto found = select("id = ?", id);
    if (!found) return found.error();
    if (found->empty()) return std::optional<Answer>();
    return std::optional<Answer>(std::move(found->front()));
}

Result<bool> AnswerStore::record_decision(int64_t id, const std::string& state, const std::string& by,
                                          const std::string& at, const std::string& note) {
    const bool completion = state == "confirmed" || state == "returned";
    if (!completion && state != "approved" && state != "refused") return Error{"no decision \"" + state + "\""};
    try {
        SQLite::Statement s(db_.sql(), completion
                                           ? "UPDATE answers SET completion_state = ?, decided_by = ?, decided_at = ?, "
                                             "decision_note = ? WHERE id = ? AND completion_state = 'awaiting'"
                                           : "UPDATE answers SET extension_state = ?, decided_by = ?, decided_at = ?, "
                                             "decision_note = ? WHERE id = ? AND extension_state = 'open'");
        s.bind(1, state);
        s.bind(2, by);
        s.bind(3, at);
        bind_text(s, 4, note, !note.empty());
        s.bind(5, id);
        return s.exec() == 1;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::vector<Answer>> AnswerStore::awaiting_confirmation() {
    return select("completion_state = 'awaiting'", std::nullopt);
}

Result<std::vector<Answer>> AnswerStore::open_extensions() { return select("extension_state = 'open'", std::nullopt); }

Status AnswerStore::add_pending(std::map<int64_t, TaskStatus>& statuses, std::optional<int64_t> only_task) {
    const std::string pending_rows = "(completion_state = 'awaiting' OR extension_state = 'open')";
    auto pending = only_task ? select(pending_rows + " AND task_id = ?", only_task) : select(pending_rows, std::nullopt);
    if (!pending) return pending.error();
    for (const Answer& a : *pending) {
        TaskStatus& status = statuses[a.task_id];
        if (a.kind == AnswerKind::completion) {
            const StatusEntry& entry = a.period.empty() ? status.overall : status.period(a.period);
            if (entry.status == WorkStatus::done || !a.done_on || !a.document_date) continue;
            status.awaiting[a.period] = AwaitingConfirmation{
                a.id, a.period, a.agency, *a.done_on, a.document_number, *a.document_date, a.answered_at};
        } else if (a.kind == AnswerKind::extension && a.proposed_due) {
            status.extensions.push_back({a.id, a.period, a.agency, *a.proposed_due, a.reason, a.answered_at});
        }
    }
    // The decisions taken on completions, counted per task.
    try {
        SQLite::Statement s(db_.sql(), std::string("SELECT task_id, completion_state, COUNT(*) FROM answers WHERE "
                                                   "completion_state IN ('confirmed', 'returned')") +
                                           (only_task ? " AND task_id = ?" : "") + " GROUP BY task_id, completion_state");
        if (only_task) s.bind(1, *only_task);
        while (s.executeStep()) {
            TaskStatus& status = statuses[s.getColumn(0).getInt64()];
            const auto n = static_cast<std::uint16_t>(std::min<int64_t>(s.getColumn(2).getInt64(), 65535));
            if (s.getColumn(1).getString() == "confirmed") status.completions_confirmed = n;
            else status.completions_returned = n;
        }
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
    return {};
}

}  // namespace nhacviec
