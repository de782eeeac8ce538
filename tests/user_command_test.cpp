// nhacviec user: the console's accounts from the command line.
#include <catch2/catch.hpp>

#include <sstream>

#include "common/password_hash.h"
#include "storage/account_store.h"
#include "test_support.h"

using namespace nhacviec;
using nhacviec::testing::CommandResult;
using nhacviec::testing::TempDir;

namespace {

CommandResult run_with_input(const std::vector<std::string>& args, const std::string& input) {
    std::istringstream in(input);
    std::ostringstream out, err;
    const int status = cli::run(args, in, out, err);
    return {status, out.str(), err.str()};
}

}  // namespace

TEST_CASE("user add, passwd, disable, enable, list", "[accounts][cli]") {
    TempDir dir;
    const std::string db = (dir / "n.db").string();

    auto added = run_with_input({"--db", db, "user", "add", "ttv.stc", "--role", "monitor", "--plan", "90/KH-UBND"},
                                "mật khẩu rất dài\n");
    CHECK(added.err == "");
    CHECK(added.out == "ttv.stc: account added (monitor, plans 90/KH-UBND)\n");
    CHECK(added.status == cli::kExitOk);
    {
        auto opened = Database::open(db);
        REQUIRE(opened);
        auto account = AccountStore(*opened).find("ttv.stc");
        REQUIRE(*account);
        CHECK(verify_password((*account)->password_hash, "mật khẩu rất dài"));
        CHECK((*account)->password_hash.find("mật khẩu") == std::string::npos);
    }

    auto generated = run_with_input({"--db", db, "user", "add", "xem", "--role", "viewer", "--generate"}, "");
    CHECK(generated.status == cli::kExitOk);
    const std::string prefix = "xem: account added (viewer)\npassword (shown this once): ";
    REQUIRE(generated.out.rfind(prefix, 0) == 0);
    const std::string password = generated.out.substr(prefix.size(), 16);
    CHECK(generated.out.size() == prefix.size() + 17);
    {
        auto opened = Database::open(db);
        CHECK(verify_password((*AccountStore(*opened).find("xem"))->password_hash, password));
    }

    auto twice = run_with_input({"--db", db, "user", "add", "xem", "--role", "viewer"}, "mật khẩu rất dài\n");
    CHECK(twice.status == cli::kExitFailure);
    CHECK(twice.err == "nhacviec: the account \"xem\" exists already\n");

    auto short_password = run_with_input({"--db", db, "user", "add", "ngan", "--role", "viewer"}, "ngắn\n");
    CHECK(short_password.status == cli::kExitFailure);
    CHECK(short_password.err == "nhacviec: a password needs at least 10 characters; nothing changed\n");
    auto no_password = run_with_input({"--db", db, "user", "add", "ngan", "--role", "viewer"}, "");
    CHECK(no_password.err == "nhacviec: no password on standard input (one line is read)\n");
    CHECK(no_password.status == cli::kExitFailure);

    auto passwd = run_with_input({"--db", db, "user", "passwd", "ttv.stc"}, "mật khẩu mới 2027\r\n");
    CHECK(passwd.out == "ttv.stc: password changed; its sessions have ended\n");
    CHECK(passwd.status == cli::kExitOk);
    {
        auto opened = Database::open(db);
        CHECK(verify_password((*AccountStore(*opened).find("ttv.stc"))->password_hash, "mật khẩu mới 2027"));
    }
    auto unknown = run_with_input({"--db", db, "user", "passwd", "khong.co"}, "mật khẩu mới 2027\n");
    CHECK(unknown.err == "nhacviec: no account \"khong.co\"\n");
    CHECK(unknown.status == cli::kExitFailure);

    CHECK(run_with_input({"--db", db, "user", "disable", "xem"}, "").out == "xem: disabled; its sessions have ended\n");
    auto list = run_with_input({"--db", db, "user", "list"}, "");
    CHECK(list.out ==
          "NAME     ROLE     PLANS       DISABLED  LAST LOGIN\n"
          "ttv.stc  monitor  90/KH-UBND  no        never\n"
          "xem      viewer   all         yes       never\n");
    CHECK(run_with_input({"--db", db, "user", "enable", "xem"}, "").out == "xem: enabled\n");
}

TEST_CASE("user: a wrong command line gets the usage, a wrong value names the option", "[accounts][cli]") {
    TempDir dir;
    const std::string db = (dir / "n.db").string();
    const std::string usage = cli::usage("user");
    CHECK(usage ==
          "usage: nhacviec user add NAME --role admin|monitor|viewer [--plan NUMBER]... [--generate]\n"
          "       nhacviec user passwd NAME [--generate]\n"
          "       nhacviec user disable NAME\n"
          "       nhacviec user enable NAME\n"
          "       nhacviec user list\n");
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"user"}, {"user", "add", "a"}, {"user", "remove", "a"}, {"user", "list", "a"},
             {"user", "disable"}, {"user", "passwd", "a", "--role", "admin"}, {"user", "add", "a", "--bogus"}}) {
        std::vector<std::string> full{"--db", db};
        full.insert(full.end(), args.begin(), args.end());
        auto result = run_with_input(full, "");
        CHECK(result.status == cli::kExitUsage);
        CHECK(result.err == usage);
    }
    auto role = run_with_input({"--db", db, "user", "add", "a", "--role", "root"}, "");
    CHECK(role.err == "nhacviec: --role: expected admin, monitor or viewer, not \"root\"\n");
    auto plan = run_with_input({"--db", db, "user", "add", "a", "--role", "viewer", "--plan", "90/KH-UBND"}, "");
    CHECK(plan.err == "nhacviec: --plan: only a monitor is limited to plans\n");
    auto name = run_with_input({"--db", db, "user", "add", "Nguyen", "--role", "viewer"}, "");
    CHECK(name.err == "nhacviec: \"Nguyen\": an account name starts with a lower-case letter (a-z) or a digit\n");
    CHECK(name.status == cli::kExitUsage);
}
