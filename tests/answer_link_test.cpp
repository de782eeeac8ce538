// Answer links (daemon/links/answer_link.cpp) and their secret's file
// (daemon/links/link_secret.cpp): a token is accepted only for what it was
// issued for, under the secret it was issued under, until its last day; any
// byte changed, another task, agency or period, another secret, a day late,
// and the secret's file refused when others may read it.
#include "links/answer_link.h"
#include "links/link_secret.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "common/base64.h"
#include "schedule/review_period.h"
#include "test_support.h"

using namespace nhacviec;
using namespace nhacviec::testing;

namespace {

LinkSecret secret_of(char fill) { return LinkSecret{std::string(32, fill)}; }

LinkSubject subject() {
    LinkSubject s;
    s.task_id = 42;
    s.plan_number = "90/KH-UBND";
    s.plan_year = 2026;
    s.task_code = "I.3";
    s.period = 0;
    s.agency = "Sở Tài chính";
    s.agency_slot = 0;
    s.expires = *make_date(2027, 3, 24);
    return s;
}

LinkCheck check(const LinkSecret& secret, const std::string& text, const LinkSubject& s, Date today) {
    auto token = parse_link_token(text);
    if (!token) return LinkCheck::forged;
    return check_link_token(secret, *token, s, today);
}

}  // namespace

TEST_CASE("an answer link: issued, parsed and accepted until its last day", "[links]") {
    const LinkSecret secret = secret_of('k');
    const std::string token = issue_link_token(secret, subject());
    CHECK(token.size() == kLinkTokenLength);
    CHECK(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
          std::string::npos);
    // Deterministic: the same subject and secret give the same token.
    CHECK(issue_link_token(secret, subject()) == token);

    auto parsed = parse_link_token(token);
    REQUIRE(parsed.ok());
    CHECK(parsed->task_id == 42);
    CHECK(parsed->agency_slot == 0);
    CHECK(parsed->period == 0);
    CHECK(parsed->expires == *make_date(2027, 3, 24));
    CHECK(check_link_token(secret, *parsed, subject(), *make_date(2026, 12, 6)) == LinkCheck::valid);
    CHECK(check_link_token(secret, *parsed, subject(), *make_date(2027, 3, 24)) == LinkCheck::valid);
    CHECK(check_link_token(secret, *parsed, subject(), *make_date(2027, 3, 25)) == LinkCheck::expired);
}

TEST_CASE("an answer link with any character changed is refused", "[links]") {
    const LinkSecret secret = secret_of('k');
    const std::string token = issue_link_token(secret, subject());
    const Date today = *make_date(2026, 12, 6);
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t tried = 0;
    for (size_t i = 0; i < token.size(); ++i) {
        for (char c : alphabet) {
            if (c == token[i]) continue;
            std::string changed = token;
            changed[i] = c;
            INFO("character " << i << " changed to " << c);
            CHECK(check(secret, changed, subject(), today) == LinkCheck::forged);
            ++tried;
        }
    }
    CHECK(tried == 43 * 63);
    // Each bit of each byte of the token flipped, re-encoded as a link would carry it.
    const std::string bytes = [&] {
        std::string t = token;
        for (char& c : t) c = c == '-' ? '+' : c == '_' ? '/' : c;
        return *base64_decode(t + "=");
    }();
    REQUIRE(bytes.size() == 32);
    for (size_t i = 0; i < bytes.size(); ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            std::string flipped = bytes;
            flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
            std::string text = base64_encode(flipped);
            while (text.back() == '=') text.pop_back();
            for (char& c : text) c = c == '+' ? '-' : c == '/' ? '_' : c;
            INFO("byte " << i << " bit " << bit);
            CHECK(check(secret, text, subject(), today) == LinkCheck::forged);
        }
    }
}

TEST_CASE("an answer link is refused for another task, agency, period or plan, or under another secret", "[links]") {
    const LinkSecret secret = secret_of('k');
    const std::string token = issue_link_token(secret, subject());
    const Date today = *make_date(2026, 12, 6);
    // Each line: what differs between the link and what the server finds.
    std::vector<LinkSubject> others(7, subject());
    others[0].task_id = 43;                      // another task's row
    others[1].agency_slot = 1;                   // the task's second agency
    others[2].agency = "Sở Nội vụ";              // the slot now names another agency (the plan was re-imported)
    others[3].task_code = "I.4";                 // the row now holds another task
    others[4].plan_number = "91/KH-UBND";        // … of another plan
    others[5].plan_year = 2027;
    others[6].period = pack_period(*parse_period("2026-Q3"));  // a period of a recurring task
    for (const auto& other : others) CHECK(check(secret, token, other, today) == LinkCheck::forged);
    CHECK(check(secret_of('r'), token, subject(), today) == LinkCheck::forged);

    // A period's link is its own.
    LinkSubject quarterly = subject();
    quarterly.period = pack_period(*parse_period("2026-Q3"));
    const std::string period_token = issue_link_token(secret, quarterly);
    CHECK(check(secret, period_token, quarterly, today) == LinkCheck::valid);
    CHECK(check(secret, period_token, subject(), today) == LinkCheck::forged);
}

TEST_CASE("parse_link_token refuses what is not a token's shape", "[links]") {
    const std::string token = issue_link_token(secret_of('k'), subject());
    for (const std::string& text : {std::string(), token.substr(1), token + "A", token.substr(0, 42) + "=",
                                    token.substr(0, 42) + ".", std::string(43, 'A'), std::string(43, '\0')}) {
        const auto r = parse_link_token(text);
        REQUIRE(!r.ok());
        CHECK(r.error().message == "not an answer link");
    }
}

TEST_CASE("the link secret's file: made once with mode 0600, kept, rotated, refused when others may read it",
          "[links]") {
    TempDir dir;
    const auto path = link_secret_path(dir / "nhacviec.db");
    CHECK(path == dir / "links.key");
    const auto missing = load_link_secret(path);
    REQUIRE(!missing.ok());
    CHECK(missing.error().message == path.string() + ": no link secret; the daemon makes one at its first start");

    auto first = load_or_create_link_secret(path);
    REQUIRE(first.ok());
    CHECK(first->bytes.size() == 32);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    auto again = load_or_create_link_secret(path);
    REQUIRE(again.ok());
    CHECK(again->bytes == first->bytes);

    auto rotated = rotate_link_secret(path);
    REQUIRE(rotated.ok());
    CHECK(rotated->bytes != first->bytes);
    CHECK(load_link_secret(path)->bytes == rotated->bytes);
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(!std::filesystem::exists(path.string() + ".new"));

    REQUIRE(::chmod(path.c_str(), 0640) == 0);
    const auto open = load_link_secret(path);
    REQUIRE(!open.ok());
    CHECK(open.error().message == path.string() + ": the link secret must be readable by its owner only (chmod 600)");
    REQUIRE(::chmod(path.c_str(), 0600) == 0);
    write_file(path, "c2hvcnQ=\n");
    REQUIRE(::chmod(path.c_str(), 0600) == 0);
    const auto short_secret = load_link_secret(path);
    REQUIRE(!short_secret.ok());
    CHECK(short_secret.error().message == path.string() + ": the link secret is not the base64 of 32 bytes on one line");
}
