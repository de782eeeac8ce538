#include "app/first_account.h"

#include "common/password_hash.h"
#include "storage/account_store.h"

namespace nhacviec::app {

Result<std::optional<std::string>> make_first_account(Database& db, const std::string& now) {
    AccountStore accounts(db);
    auto count = accounts.count();
    if (!count) return count.error();
    if (*count > 0) return std::optional<std::string>();
    std::string password = random_secret(12);
    auto hash = hash_password(password);
    if (!hash) return hash.error();
    auto added = accounts.add(kFirstAccountName, AccountRole::admin, {}, *hash, now);
    if (!added) return added.error();
    return std::optional<std::string>(std::move(password));
}

}  // namespace nhacviec::app
