#include "storage/reminder_pause_store.h"

#include <SQLiteCpp/Statement.h>

namespace nhacviec {
namespace {

ReminderPause read_pause(SQLite::Statement& s) {
    return ReminderPause{s.getColumn(0).getInt64(), s.getColumn(1).getInt() != 0, s.getColumn(2).getString(),
                         s.getColumn(3).getString(), s.getColumn(4).getString()};
}

}  // namespace

Status ReminderPauseStore::record(const ReminderPause& p) {
    try {
        SQLite::Statement s(db_.sql(),
                            "INSERT INTO reminder_pauses (task_id, paused, note, changed_by, changed_at) "
                            "VALUES (?, ?, ?, ?, ?)");
        s.bind(1, p.task_id);
        s.bind(2, p.paused ? 1 : 0);
        s.bind(3, p.note);
        s.bind(4, p.changed_by);
        s.bind(5, p.changed_at);
        s.exec();
        return {};
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::vector<ReminderPause>> ReminderPauseStore::history(int64_t task_id) {
    try {
        SQLite::Statement s(db_.sql(),
                            "SELECT task_id, paused, note, changed_by, changed_at FROM reminder_pauses WHERE task_id = ? "
                            "ORDER BY id");
        s.bind(1, task_id);
        std::vector<ReminderPause> out;
        while (s.executeStep()) out.push_back(read_pause(s));
        return out;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Status ReminderPauseStore::add_current(std::map<int64_t, TaskStatus>& statuses, std::optional<int64_t> only_task) {
    try {
        // The newest row of each task decides.
        SQLite::Statement s(db_.sql(), std::string("SELECT task_id, paused FROM reminder_pauses p WHERE id = (SELECT "
                                                   "MAX(id) FROM reminder_pauses WHERE task_id = p.task_id)") +
                                           (only_task ? " AND task_id = ?" : ""));
        if (only_task) s.bind(1, *only_task);
        while (s.executeStep())
            if (s.getColumn(1).getInt() != 0) statuses[s.getColumn(0).getInt64()].reminders_paused = true;
        return {};
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

}  // namespace nhacviec
