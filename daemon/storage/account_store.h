// AccountStore: the accounts of the monitoring office's console (schema
// 0012): name, role, the plans a monitor is limited to, the password's
// argon2id hash, whether it is disabled, its last login. Disabling an
// account or changing its password ends its sessions in the same
// transaction. Borrows the Database; used on the thread that owns it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "storage/database.h"

namespace nhacviec {

// What an account may do: everything (accounts too); decide on reports and
// manage the plan (every plan, or those of Account::plans); read.
enum class AccountRole { admin, monitor, viewer };

std::string_view to_string(AccountRole role);  // "admin", "monitor", "viewer"
std::optional<AccountRole> account_role_from_string(std::string_view text);

// One account. A plain value.
struct Account {
    int64_t id = 0;
    std::string name;                 // "admin", "nguyen.van.a"
    AccountRole role = AccountRole::viewer;
    std::vector<std::string> plans;   // plan numbers a monitor is limited to, sorted; empty: every plan
    bool disabled = false;
    std::string created_at;           // "2026-12-05T09:12:00+07:00"
    std::optional<std::string> last_login;
    std::string password_hash;        // libsodium's argon2id string

    // Whether the account may act on the plan numbered `plan`.
    bool covers_plan(std::string_view plan) const;
};

// What is wrong with `name` as an account name (1 to 64 of a-z, 0-9, '.', '_', '-',
// starting with a letter or digit), in English; "" when nothing.
std::string account_name_problem(std::string_view name);

class AccountStore {
public:
    explicit AccountStore(Database& db) : db_(db) {}

    // Adds an account; an error names an account that exists already.
    Result<int64_t> add(const std::string& name, AccountRole role, const std::vector<std::string>& plans,
                        const std::string& password_hash, const std::string& now);
    Result<std::optional<Account>> find(std::string_view name);
    Result<std::optional<Account>> by_id(int64_t id);
    // Every account, by name.
    Result<std::vector<Account>> list();
    Result<int64_t> count();
    // A new password hash; ends the account's sessions. false: no such account.
    Result<bool> set_password(std::string_view name, const std::string& password_hash);
    // Disables (ending its sessions at once) or enables. false: no such account.
    Result<bool> set_disabled(std::string_view name, bool disabled);
    Status record_login(int64_t id, const std::string& now);

private:
    Result<std::vector<Account>> select(const std::string& where, const std::string& value);

    Database& db_;
};

}  // namespace nhacviec
