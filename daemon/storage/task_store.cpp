#include "storage/task_store.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include <SQLiteCpp/Statement.h>

namespace nhacviec {
namespace {

std::optional<std::string> optional_text(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return column.getString();
}

void bind_optional(SQLite::Statement& statement, int index, const std::optional<std::string>& value) {
    if (value) statement.bind(index, *value);
    else statement.bind(index);
}

constexpr const char* kTaskColumns =
    "section_title, group_title, title, product, deadline_text, deadline_kind, deadline_due,"
    " deadline_recurrence, deadline_first_year, precondition, position";

// Binds the task's columns in the order of kTaskColumns, from `first`.
void bind_task(SQLite::Statement& s, int first, const Task& task) {
    const Deadline& d = task.deadline;
    s.bind(first, task.section_title);
    if (task.group_title.empty()) s.bind(first + 1);
    else s.bind(first + 1, task.group_title);
    s.bind(first + 2, task.title);
    s.bind(first + 3, task.product);
    s.bind(first + 4, d.text);
    s.bind(first + 5, std::string(to_string(d.kind)));
    bind_optional(s, first + 6, d.due ? std::optional(format_iso_date(*d.due)) : std::nullopt);
    bind_optional(s, first + 7,
                  d.recurrence == Recurrence::none ? std::nullopt : std::optional(std::string(to_string(d.recurrence))));
    if (d.first_year) s.bind(first + 8, *d.first_year);
    else s.bind(first + 8);
    bind_optional(s, first + 9, task.precondition);
    s.bind(first + 10, task.position);
}

}  // namespace

SQLite::Statement& TaskStore::prepared(std::unique_ptr<SQLite::Statement>& slot, const std::string& sql) {
    if (!slot) {
        slot = std::make_unique<SQLite::Statement>(db_.sql(), sql);
    } else {
        slot->reset();
        slot->clearBindings();
    }
    return *slot;
}

Result<std::optional<StoredPlan>> TaskStore::find_plan(const std::string& number, int year) {
    auto all = plans();
    if (!all) return all.error();
    for (auto& plan : *all)
        if (plan.info.number == number && plan.info.year == year) return std::optional(std::move(plan));
    return std::optional<StoredPlan>{};
}

Result<std::vector<StoredPlan>> TaskStore::plans() {
    try {
        SQLite::Statement s(db_.sql(),
                            "SELECT id, number, year, issued_on, title, source_name, imported_at FROM plans"
                            " ORDER BY year, number");
        std::vector<StoredPlan> out;
        while (s.executeStep()) {
            StoredPlan plan;
            plan.id = s.getColumn(0).getInt64();
            plan.info.number = s.getColumn(1).getString();
            plan.info.year = s.getColumn(2).getInt();
            if (auto issued = optional_text(s.getColumn(3))) plan.info.issued_on = parse_iso_date(*issued);
            plan.info.title = s.getColumn(4).getString();
            plan.source_name = s.getColumn(5).getString();
            plan.imported_at = s.getColumn(6).getString();
            out.push_back(std::move(plan));
        }
        return out;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::vector<StoredTask>> TaskStore::tasks(int64_t plan_id, bool include_removed) {
    std::vector<StoredTask> out;
    // Counted first: the rows are large, and a vector grown by doubling holds up to twice what it needs.
    auto count = count_tasks(plan_id, include_removed);
    if (!count) return count.error();
    out.reserve(*count);
    auto read = each_task_batch(plan_id, include_removed, kTaskBatch, [&out](std::vector<StoredTask>& batch) -> Status {
        for (auto& row : batch) out.push_back(std::move(row));
        return {};
    });
    if (!read) return read.error();
    return out;
}

Result<size_t> TaskStore::count_tasks(int64_t plan_id, bool include_removed) {
    try {
        std::string sql = "SELECT count(*) FROM tasks WHERE (? = 0 OR plan_id = ?)";
        if (!include_removed) sql += " AND removed_at IS NULL";
        SQLite::Statement count(db_.sql(), sql);
        count.bind(1, plan_id);
        count.bind(2, plan_id);
        return count.executeStep() ? static_cast<size_t>(count.getColumn(0).getInt64()) : size_t{0};
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Status TaskStore::each_task_batch(int64_t plan_id, bool include_removed, size_t batch_size,
                                  const std::function<Status(std::vector<StoredTask>&)>& visit) {
    try {
        std::string sql =
            "SELECT t.id, p.number, p.year, t.code, t.section_title, t.group_title, t.title, t.product,"
            " t.deadline_text, t.deadline_kind, t.deadline_due, t.deadline_recurrence, t.deadline_first_year,"
            " t.precondition, t.position, t.removed_at FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE (? = 0 OR t.plan_id = ?)";
        if (!include_removed) sql += " AND t.removed_at IS NULL";
        sql += " ORDER BY p.year, p.number, t.position";
        SQLite::Statement s(db_.sql(), sql);
        s.bind(1, plan_id);
        s.bind(2, plan_id);
        // A batch's agencies: the rows of its range of ids (those of other tasks in the range are skipped).
        SQLite::Statement a(db_.sql(),
                            "SELECT task_id, role, name, known FROM task_agencies WHERE task_id BETWEEN ? AND ?"
                            " ORDER BY task_id, role, position");
        std::vector<StoredTask> batch;
        std::unordered_map<int64_t, size_t> index;
        batch_size = std::max<size_t>(batch_size, 1);
        batch.reserve(batch_size);
        auto flush = [&]() -> Status {
            if (batch.empty()) return {};
            int64_t low = batch.front().id, high = low;
            for (const auto& row : batch) {
                low = std::min(low, row.id);
                high = std::max(high, row.id);
            }
            a.reset();
            a.bind(1, low);
            a.bind(2, high);
            while (a.executeStep()) {
                auto it = index.find(a.getColumn(0).getInt64());
                if (it == index.end()) continue;
                Task& t = batch[it->second].task;
                AgencyMention mention{a.getColumn(2).getString(), a.getColumn(3).getInt() != 0};
                (a.getColumn(1).getString() == "lead" ? t.lead : t.cooperating).push_back(std::move(mention));
            }
            auto visited = visit(batch);
            batch.clear();
            index.clear();
            return visited;
        };
        while (s.executeStep()) {
            StoredTask row;
            row.id = s.getColumn(0).getInt64();
            Task& t = row.task;
            t.plan_number = s.getColumn(1).getString();
            t.plan_year = s.getColumn(2).getInt();
            t.code = s.getColumn(3).getString();
            t.section_title = s.getColumn(4).getString();
            t.group_title = optional_text(s.getColumn(5)).value_or("");
            t.title = s.getColumn(6).getString();
            t.product = s.getColumn(7).getString();
            t.deadline.text = s.getColumn(8).getString();
            t.deadline.kind = deadline_kind_from_string(s.getColumn(9).getString()).value_or(DeadlineKind::undetermined);
            if (auto due = optional_text(s.getColumn(10))) t.deadline.due = parse_iso_date(*due);
            t.deadline.recurrence =
                recurrence_from_string(optional_text(s.getColumn(11)).value_or("")).value_or(Recurrence::none);
            if (!s.getColumn(12).isNull()) t.deadline.first_year = s.getColumn(12).getInt();
            t.precondition = optional_text(s.getColumn(13));
            t.position = s.getColumn(14).getInt();
            row.removed_at = optional_text(s.getColumn(15));
            index[row.id] = batch.size();
            batch.push_back(std::move(row));
            if (batch.size() == batch_size) {
                if (auto visited = flush(); !visited) return visited;
            }
        }
        return flush();
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<int64_t> TaskStore::insert_plan(const PlanInfo& info, const std::string& source_name, const std::string& now) {
    try {
        SQLite::Statement s(db_.sql(),
                            "INSERT INTO plans (number, year, issued_on, title, source_name, imported_at)"
                            " VALUES (?, ?, ?, ?, ?, ?)");
        s.bind(1, info.number);
        s.bind(2, info.year);
        bind_optional(s, 3, info.issued_on ? std::optional(format_iso_date(*info.issued_on)) : std::nullopt);
        s.bind(4, info.title);
        s.bind(5, source_name);
        s.bind(6, now);
        s.exec();
        return db_.sql().getLastInsertRowid();
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Status TaskStore::update_plan(int64_t plan_id, const PlanInfo& info, const std::string& source_name,
                              const std::string& now) {
    try {
        SQLite::Statement s(db_.sql(),
                            "UPDATE plans SET issued_on = ?, title = ?, source_name = ?, imported_at = ? WHERE id = ?");
        bind_optional(s, 1, info.issued_on ? std::optional(format_iso_date(*info.issued_on)) : std::nullopt);
        s.bind(2, info.title);
        s.bind(3, source_name);
        s.bind(4, now);
        s.bind(5, plan_id);
        s.exec();
        return {};
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<int64_t> TaskStore::insert_task(int64_t plan_id, const Task& task) {
    try {
        SQLite::Statement& s = prepared(insert_task_, std::string("INSERT INTO tasks (plan_id, code, ") + kTaskColumns +
                                                          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        s.bind(1, plan_id);
        s.bind(2, task.code);
        bind_task(s, 3, task);
        s.exec();
        const int64_t id = db_.sql().getLastInsertRowid();
        if (auto status = write_agencies(id, task); !status) return status.error();
        return id;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Status TaskStore::update_task(int64_t task_id, const Task& task) {
    try {
        SQLite::Statement s(db_.sql(),
                            "UPDATE tasks SET section_title = ?, group_title = ?, title = ?, product = ?,"
                            " deadline_text = ?, deadline_kind = ?, deadline_due = ?, deadline_recurrence = ?,"
                            " deadline_first_year = ?, precondition = ?, position = ?, removed_at = NULL WHERE id = ?");
        bind_task(s, 1, task);
        s.bind(12, task_id);
        s.exec();
        return write_agencies(task_id, task);
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Status TaskStore::write_agencies(int64_t task_id, const Task& task) {
    SQLite::Statement& clear = prepared(clear_agencies_, "DELETE FROM task_agencies WHERE task_id = ?");
    clear.bind(1, task_id);
    clear.exec();
    SQLite::Statement& insert = prepared(
        insert_agency_, "INSERT INTO task_agencies (task_id, role, position, name, known) VALUES (?, ?, ?, ?, ?)");
    const auto write = [&](const std::vector<AgencyMention>& mentions, const char* role) {
        int position = 0;
        for (const auto& mention : mentions) {
            insert.bind(1, task_id);
            insert.bind(2, role);
            insert.bind(3, ++position);
            insert.bind(4, mention.name);
            insert.bind(5, mention.known ? 1 : 0);
            insert.exec();
            insert.reset();
        }
    };
    write(task.lead, "lead");
    write(task.cooperating, "cooperating");
    return {};
}

Status TaskStore::mark_removed(int64_t task_id, const std::string& now) {
    try {
        SQLite::Statement s(db_.sql(), "UPDATE tasks SET removed_at = ? WHERE id = ?");
        s.bind(1, now);
        s.bind(2, task_id);
        s.exec();
        return {};
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Status TaskStore::record_change(int64_t task_id, const std::string& change, const std::string& detail,
                                const std::string& now) {
    try {
        SQLite::Statement& s =
            prepared(insert_change_, "INSERT INTO task_changes (task_id, changed_at, change, detail) VALUES (?, ?, ?, ?)");
        s.bind(1, task_id);
        s.bind(2, now);
        s.bind(3, change);
        s.bind(4, detail);
        s.exec();
        return {};
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::vector<std::string>> TaskStore::agency_names() {
    try {
        SQLite::Statement s(db_.sql(),
                            "SELECT DISTINCT a.name FROM task_agencies a JOIN tasks t ON t.id = a.task_id"
                            " WHERE t.removed_at IS NULL ORDER BY a.name");
        std::vector<std::string> out;
        while (s.executeStep()) out.push_back(s.getColumn(0).getString());
        return out;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

}  // namespace nhacviec
