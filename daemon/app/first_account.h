// The first account: on a database with no account at all, an `admin`
// account with a random password, so that a new installation is never
// locked out of its console. The daemon makes it at its start on the
// built-in defaults and prints the password once; `nhacviec user passwd
// admin` replaces it. A function over a borrowed Database.
#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "storage/database.h"

namespace nhacviec::app {

// The name of the first account.
inline constexpr const char* kFirstAccountName = "admin";

// Makes the `admin` account when there is no account; its password, or nullopt when there were accounts.
Result<std::optional<std::string>> make_first_account(Database& db, const std::string& now);

}  // namespace nhacviec::app
