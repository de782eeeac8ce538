#include "storage/status_store.h"

#include <SQLiteCpp/Statement.h>

#include "storage/answer_store.h"
#include "storage/deadline_change_store.h"
#include "storage/reminder_pause_store.h"

namespace nhacviec {
namespace {

StatusChange read_change(SQLite::Statement& s) {
    StatusChange c;
    c.task_id = s.getColumn(0).getInt64();
    c.period = s.getColumn(1).getString();
    c.action = s.getColumn(2).getString();
    c.status = work_status_from_string(s.getColumn(3).getString()).value_or(WorkStatus::not_started);
    if (!s.getColumn(4).isNull()) c.done_on = parse_iso_date(s.getColumn(4).getString());
    c.note = s.getColumn(5).getString();
    c.changed_by = s.getColumn(6).getString();
    c.changed_at = s.getColumn(7).getString();
    return c;
}

constexpr const char* kColumns = "task_id, period, action, status, done_on, note, changed_by, changed_at";

}  // namespace

Status StatusStore::record(const StatusChange& c) {
    try {
        SQLite::Statement s(db_.sql(), std::string("INSERT INTO status_changes (") + kColumns +
                                           ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        s.bind(1, c.task_id);
        s.bind(2, c.period);
        s.bind(3, c.action);
        s.bind(4, std::string(to_string(c.status)));
        if (c.done_on) s.bind(5, format_iso_date(*c.done_on));
        else s.bind(5);
        s.bind(6, c.note);
        s.bind(7, c.changed_by);
        s.bind(8, c.changed_at);
        s.exec();
        return {};
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::map<int64_t, TaskStatus>> StatusStore::current() {
    try {
        // Rows in id order: a later row for the same (task, period) replaces an earlier one.
        SQLite::Statement s(db_.sql(), std::string("SELECT ") + kColumns + " FROM status_changes ORDER BY id");
        std::map<int64_t, TaskStatus> out;
        while (s.executeStep()) {
            StatusChange c = read_change(s);
            StatusEntry entry;
            entry.status = c.status;
            entry.done_on = c.done_on;
            entry.note = std::move(c.note);
            entry.changed_by = std::move(c.changed_by);
            entry.changed_at = std::move(c.changed_at);
            TaskStatus& status = out[c.task_id];
            if (c.period.empty()) status.overall = std::move(entry);
            else status.periods[c.period] = std::move(entry);
        }
        s.reset();
        if (auto pending = AnswerStore(db_).add_pending(out); !pending) return pending.error();
        if (auto moved = DeadlineChangeStore(db_).add_current(out); !moved) return moved.error();
        if (auto paused = ReminderPauseStore(db_).add_current(out); !paused) return paused.error();
        return out;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::vector<StatusChange>> StatusStore::history(int64_t task_id) {
    try {
        SQLite::Statement s(db_.sql(),
                            std::string("SELECT ") + kColumns + " FROM status_changes WHERE task_id = ? ORDER BY id");
        s.bind(1, task_id);
        std::vector<StatusChange> out;
        while (s.executeStep()) out.push_back(read_change(s));
        return out;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

}  // namespace nhacviec
