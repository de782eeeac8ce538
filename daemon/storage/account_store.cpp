#include "storage/account_store.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>

namespace nhacviec {

namespace {

// Ends every console session of the account `name` (in the caller's transaction).
void end_sessions(SQLite::Database& db, std::string_view name) {
    SQLite::Statement end(db, "DELETE FROM console_sessions WHERE account_id = (SELECT id FROM accounts WHERE name = ?)");
    end.bind(1, std::string(name));
    end.exec();
}

}  // namespace

std::string_view to_string(AccountRole role) {
    switch (role) {
        case AccountRole::admin: return "admin";
        case AccountRole::monitor: return "monitor";
        case AccountRole::viewer: return "viewer";
    }
    return "viewer";
}

std::optional<AccountRole> account_role_from_string(std::string_view text) {
    if (text == "admin") return AccountRole::admin;
    if (text == "monitor") return AccountRole::monitor;
    if (text == "viewer") return AccountRole::viewer;
    return std::nullopt;
}

bool Account::covers_plan(std::string_view plan) const {
    if (role == AccountRole::admin || plans.empty()) return true;
    return std::find(plans.begin(), plans.end(), plan) != plans.end();
}

std::string account_name_problem(std::string_view name) {
    if (name.empty() || name.size() > 64) return "an account name has 1 to 64 characters";
    const auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (!allowed(name.front())) return "an account name starts with a lower-case letter (a-z) or a digit";
    for (const char c : name)
        if (!allowed(c) && c != '.' && c != '_' && c != '-')
            return "an account name has only lower-case letters a-z, digits, '.', '_' and '-'";
    return "";
}

Result<int64_t> AccountStore::add(const std::string& name, AccountRole role, const std::vector<std::string>& plans,
                                  const std::string& password_hash, const std::string& now) {
    try {
        SQLite::Transaction transaction(db_.sql());
        SQLite::Statement exists(db_.sql(), "SELECT 1 FROM accounts WHERE name = ?");
        exists.bind(1, name);
        if (exists.executeStep()) return Error{"the account \"" + name + "\" exists already"};
        SQLite::Statement insert(db_.sql(),
                                 "INSERT INTO accounts (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)");
        insert.bind(1, name);
        insert.bind(2, std::string(to_string(role)));
        insert.bind(3, password_hash);
        insert.bind(4, now);
        insert.exec();
        const int64_t id = db_.sql().getLastInsertRowid();
        SQLite::Statement plan(db_.sql(), "INSERT OR IGNORE INTO account_plans (account_id, plan) VALUES (?, ?)");
        for (const auto& p : plans) {
            plan.bind(1, id);
            plan.bind(2, p);
            plan.exec();
            plan.reset();
        }
        transaction.commit();
        return id;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::vector<Account>> AccountStore::select(const std::string& where, const std::string& value) {
    try {
        SQLite::Statement s(db_.sql(), "SELECT id, name, role, disabled, created_at, last_login, password_hash "
                                       "FROM accounts " + where + " ORDER BY name");
        if (!value.empty()) s.bind(1, value);
        std::vector<Account> out;
        while (s.executeStep()) {
            Account a;
            a.id = s.getColumn(0).getInt64();
            a.name = s.getColumn(1).getString();
            a.role = account_role_from_string(s.getColumn(2).getString()).value_or(AccountRole::viewer);
            a.disabled = s.getColumn(3).getInt() != 0;
            a.created_at = s.getColumn(4).getString();
            if (!s.getColumn(5).isNull()) a.last_login = s.getColumn(5).getString();
            a.password_hash = s.getColumn(6).getString();
            out.push_back(std::move(a));
        }
        SQLite::Statement plans(db_.sql(), "SELECT plan FROM account_plans WHERE account_id = ? ORDER BY plan");
        for (Account& a : out) {
            plans.bind(1, a.id);
            while (plans.executeStep()) a.plans.push_back(plans.getColumn(0).getString());
            plans.reset();
        }
        return out;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<std::optional<Account>> AccountStore::find(std::string_view name) {
    auto found = select("WHERE name = ?", std::string(name));
    if (!found) return found.error();
    if (found->empty()) return std::optional<Account>();
    return std::optional<Account>(std::move(found->front()));
}

Result<std::optional<Account>> AccountStore::by_id(int64_t id) {
    auto found = select("WHERE id = ?", std::to_string(id));
    if (!found) return found.error();
    if (found->empty()) return std::optional<Account>();
    return std::optional<Account>(std::move(found->front()));
}

Result<std::vector<Account>> AccountStore::list() { return select("", ""); }

Result<int64_t> AccountStore::count() {
    try {
        SQLite::Statement s(db_.sql(), "SELECT count(*) FROM accounts");
        s.executeStep();
        return s.getColumn(0).getInt64();
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<bool> AccountStore::set_password(std::string_view name, const std::string& password_hash) {
    try {
        SQLite::Transaction transaction(db_.sql());
        SQLite::Statement s(db_.sql(), "UPDATE accounts SET password_hash = ? WHERE name = ?");
        s.bind(1, password_hash);
        s.bind(2, std::string(name));
        if (s.exec() == 0) return false;
        end_sessions(db_.sql(), name);
        transaction.commit();
        return true;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Result<bool> AccountStore::set_disabled(std::string_view name, bool disabled) {
    try {
        SQLite::Transaction transaction(db_.sql());
        SQLite::Statement s(db_.sql(), "UPDATE accounts SET disabled = ? WHERE name = ?");
        s.bind(1, disabled ? 1 : 0);
        s.bind(2, std::string(name));
        if (s.exec() == 0) return false;
        if (disabled) end_sessions(db_.sql(), name);
        transaction.commit();
        return true;
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

Status AccountStore::record_login(int64_t id, const std::string& now) {
    try {
        SQLite::Statement s(db_.sql(), "UPDATE accounts SET last_login = ? WHERE id = ?");
        s.bind(1, now);
        s.bind(2, id);
        s.exec();
        return {};
    } catch (const SQLite::Exception& e) {
        return db_.error(e);
    }
}

}  // namespace nhacviec
