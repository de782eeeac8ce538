#include "storage/deadline_change_store.h"

#include <SQLiteCpp/Statement.h>

namespace nhacviec {
namespace {

constexpr const char* kColumns =
    "task_id, period, old_due, new_due, why, answer_id, note, changed_by, changed_at";

DeadlineChange read_change(SQLite::Statement& s) {
    DeadlineChange c;
    c.task_id = s.getColumn(0).getInt64();
    c.period = s.getColumn(1).getString();
    if (!s.getColumn(2).isNull()) c.old_due = parse_iso_date(s.getColumn(2).getString());
    c.new_due = parse_iso_date(s.getColumn(3).getString()).value_or(Date{});
    c.extension = s.getColumn(4).getString() == "extension";
    c.answer_id = s.getColumn(5).isNull() ? 0 : s.getColumn(5).getInt64();
    c.note = s.getColumn(6).getString();
    c.changed_by = s.getColumn(7).getString();
    c.changed_at = s.getColumn(8).getString();
    return c;
}

}  // namespace

Status DeadlineChangeStore::record(const DeadlineChange& c) {
    try {
        SQLite::Statement s(db_.sql(), std::string("INSERT INTO deadline_changes (") + kColumns +
                                           ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        s.bind(1, c.task_id);
        s.bind(2, c.period);
        if (c.old_due) s.bind(3, format_iso_date(*c.old_due));
        else s.bind(3);
        s.bind(4, format_iso_date(c.new_due));
        s.bind(5, c.extension ? "extension" : "set");
        if (c.extension) s.bind(6, c.answer_id);
        else s.bind(6);
        s.bind(7, c.note);
        s.bind(8, c.changed_by);
        s.bind(9, c.changed_at);
        s.exec();
        return {};
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::vector<DeadlineChange>> DeadlineChangeStore::history(int64_t task_id) {
    try {
        SQLite::Statement s(db_.sql(), std::string("SELECT ") + kColumns +
                                           " FROM deadline_changes WHERE task_id = ? ORDER BY id");
        s.bind(1, task_id);
        std::vector<DeadlineChange> out;
        while (s.executeStep()) out.push_back(read_change(s));
        return out;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Status DeadlineChangeStore::add_current(std::map<int64_t, TaskStatus>& statuses, std::optional<int64_t> only_task) {
    try {
        // Moves of the task as a whole and of its periods, in id order: the
        // first of each gives the original date, the last the current one.
        SQLite::Statement s(db_.sql(), std::string("SELECT ") + kColumns + " FROM deadline_changes " +
                                           (only_task ? "WHERE task_id = ? " : "") + "ORDER BY id");
        if (only_task) s.bind(1, *only_task);
        std::map<int64_t, std::map<std::string, DeadlineMove>> periods;
        const auto moved = [](const DeadlineMove* before, DeadlineChange& c) {
            DeadlineMove move;
            move.original_due = before ? before->original_due : c.old_due;
            move.extension = c.extension || (before && before->extension);
            move.due = c.new_due;
            move.answer_id = c.answer_id;
            move.note = std::move(c.note);
            move.changed_by = std::move(c.changed_by);
            move.changed_at = std::move(c.changed_at);
            return move;
        };
        while (s.executeStep()) {
            DeadlineChange c = read_change(s);
            if (!c.period.empty()) {
                auto& of_task = periods[c.task_id];
                auto it = of_task.find(c.period);
                DeadlineMove move = moved(it == of_task.end() ? nullptr : &it->second, c);
                of_task[c.period] = std::move(move);
                continue;
            }
            TaskStatus& status = statuses[c.task_id];
            status.deadline_moved = std::make_shared<const DeadlineMove>(moved(status.deadline_moved.get(), c));
        }
        for (auto& [task_id, moves] : periods)
            statuses[task_id].periods_moved =
                std::make_shared<const std::map<std::string, DeadlineMove>>(std::move(moves));
        return {};
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

}  // namespace nhacviec
