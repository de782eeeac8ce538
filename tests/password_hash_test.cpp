#include "common/password_hash.h"

#include <sodium.h>

#include <catch2/catch.hpp>

using namespace nhacviec;

TEST_CASE("password hash: argon2id in libsodium's string form, salted, checked exactly", "[accounts]") {
    auto first = hash_password("đúng mật khẩu 2026");
    auto second = hash_password("đúng mật khẩu 2026");
    REQUIRE(first);
    REQUIRE(second);
    CHECK(first->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
    CHECK(*first != *second);  // a fresh salt each time
    CHECK(verify_password(*first, "đúng mật khẩu 2026"));
    CHECK(verify_password(*second, "đúng mật khẩu 2026"));
    CHECK_FALSE(verify_password(*first, "đúng mật khẩu 2027"));
    CHECK_FALSE(verify_password(*first, ""));
    CHECK_FALSE(verify_password("", "đúng mật khẩu 2026"));
    CHECK_FALSE(verify_password("$argon2id$v=19$not-a-hash", "đúng mật khẩu 2026"));
}

TEST_CASE("password rules: length and control characters", "[accounts]") {
    CHECK(password_problem("0123456789") == "");
    CHECK(password_problem("012345678") == "a password needs at least 10 characters");
    CHECK(password_problem(std::string(1024, 'x')) == "");
    CHECK(password_problem(std::string(1025, 'x')) == "a password may have at most 1024 bytes");
    CHECK(password_problem("0123456789\t") == "a password may not contain control characters");
    CHECK(password_problem(std::string("01234\x7f" "56789")) == "a password may not contain control characters");
}

TEST_CASE("random secrets: base64url of the bytes asked for, never the same", "[accounts]") {
    const std::string password = random_secret(12);
    const std::string session = random_secret(32);
    CHECK(password.size() == 16);
    CHECK(session.size() == 43);
    CHECK(session.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
          std::string::npos);
    CHECK(random_secret(32) != session);
}

TEST_CASE("password hash: a hash made at an earlier cost (64 MiB) still opens with its password", "[accounts]") {
    REQUIRE(sodium_init() >= 0);
    const std::string password = "mật khẩu cũ 2026";
    char earlier[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str(earlier, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0);
    CHECK(std::string(earlier).rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0) == 0);
    CHECK(verify_password(earlier, password));
    CHECK_FALSE(verify_password(earlier, "mật khẩu mới 2026"));
}
