// AnswerStore: what the agencies answer about their tasks (schema 0008):
// progress notes, completion reports with their report document, extension
// requests, "waiting on the precondition" and notes of cooperating agencies.
// Append-only: an answer is a new row; only the decision columns (filled by
// the monitoring agency's decision) change later. Recording an answer and the
// status change it causes is one transaction. Borrows the Database; used on
// the thread that owns it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "status/task_status.h"
#include "storage/database.h"
#include "storage/report_files.h"
#include "storage/status_store.h"

namespace nhacviec {

enum class AnswerKind { progress, completion, extension, waiting, note };
std::string_view to_string(AnswerKind kind);  // "progress", "completion", "extension", "waiting", "note"
std::optional<AnswerKind> answer_kind_from_string(std::string_view text);

// How an answer came in.
enum class AnswerVia { link, api, cli, console };
std::string_view to_string(AnswerVia via);  // "link", "api", "cli", "console"
std::optional<AnswerVia> answer_via_from_string(std::string_view text);
// "qua đường liên kết", "qua API", "qua dòng lệnh", "qua bảng điều khiển": how an answer came, in words.
std::string_view via_in_words(AnswerVia via);

// One answer, as recorded. A plain value.
struct Answer {
    int64_t id = 0;       // 0 until recorded
    int64_t task_id = 0;  // tasks.id
    std::string period;   // "" for the task as a whole
    std::string agency;   // canonical name
    AnswerKind kind = AnswerKind::note;
    std::string note;
    // completion
    std::optional<Date> done_on;
    std::string document_number;  // số/ký hiệu, "125/BC-STC"
    std::optional<Date> document_date;
    std::optional<ReportFile> report;
    // extension
    std::optional<Date> proposed_due;
    std::string reason;
    // where from
    AnswerVia via = AnswerVia::link;
    std::string client_address;
    std::string answered_at;  // "2026-10-05T09:12:00+07:00"
    std::string submission;   // the form's submission identifier (schema 0010); "" for none
    // the decision: "awaiting", "confirmed", "returned" for a completion;
    // "open", "approved", "refused" for an extension; "" otherwise
    std::string completion_state;
    std::string extension_state;
    std::string decided_by;
    std::string decided_at;
    std::string decision_note;
};

class AnswerStore {
public:
    explicit AnswerStore(Database& db) : db_(db) {}

    // Records `answer` (its decision state set from its kind: a completion
    // awaits, an extension is open) and, when given, the status change it
    // causes, in one transaction. The new answer's id.
    Result<int64_t> record(const Answer& answer, const std::optional<StatusChange>& causes = std::nullopt);
    // The same, for a caller that owns the transaction.
    Result<int64_t> insert(const Answer& answer, const std::optional<StatusChange>& causes = std::nullopt);
    // One task's answers, oldest first.
    Result<std::vector<Answer>> for_task(int64_t task_id);
    // Whether any answer refers to the report file with this SHA-256.
    Result<bool> report_in_use(const std::string& sha256);
    // The answer recorded with submission identifier `submission`, if any.
    Result<std::optional<Answer>> by_submission(const std::string& submission);
    // The answer with id `id`, if any.
    Result<std::optional<Answer>> by_id(int64_t id);
    // Fills the decision columns of answer `id` (schema 0008), for a caller
    // that owns the transaction: `state` is "confirmed" or "returned" for a
    // completion awaiting confirmation, "approved" or "refused" for an open
    // extension request; `note` ("" for none) is kept as its decision note.
    // false, and nothing written, when the answer awaits no such decision
    // (another kind, or decided already).
    Result<bool> record_decision(int64_t id, const std::string& state, const std::string& by, const std::string& at,
                                 const std::string& note);
    // Every completion awaiting confirmation, oldest first.
    Result<std::vector<Answer>> awaiting_confirmation();
    // Every extension request neither approved nor refused, oldest first.
    Result<std::vector<Answer>> open_extensions();

    // Adds the awaiting completions and open extension requests to the
    // statuses of their tasks and periods (a completion of a task or period
    // already done is left out), and counts the completions confirmed and
    // returned (TaskStatus::completions_confirmed, completions_returned).
    // Tasks with only answers get an entry. With
    // `only_task`, the answers of that task alone.
    Status add_pending(std::map<int64_t, TaskStatus>& statuses, std::optional<int64_t> only_task = std::nullopt);

private:
    Result<std::vector<Answer>> select(const std::string& where, std::optional<int64_t> task_id);

    Database& db_;
};

}  // namespace nhacviec
