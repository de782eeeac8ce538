// Tests for channels/maildir_channel: the file a delivery leaves, the folder
// it creates, concurrent deliveries, and failures named with their path.
#include "channels/maildir_channel.h"
#include "channels/channel_settings.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <set>
#include <thread>

#include "test_support.h"

using namespace nhacviec;
using nhacviec::testing::TempDir;
using Outcome = DeliveryResult::Outcome;

namespace {

std::vector<std::filesystem::path> files_in(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> out;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) out.push_back(entry.path());
    return out;
}

}  // namespace

TEST_CASE("maildir delivery writes one file in new/ with Delivered-To first", "[mail]") {
    TempDir dir;
    const auto folder = dir / "Maildir";  // missing: created with tmp/, new/, cur/
    MaildirChannel channel(folder);
    const std::string mime = "Subject: x\r\n\r\nNhắc việc\r\n";

    const auto result = channel.deliver("so-tai-chinh@haiphong.example", mime);
    CHECK(result.outcome == Outcome::sent);
    const auto fresh = files_in(folder / "new");
    REQUIRE(fresh.size() == 1);
    CHECK(result.detail == "delivered to " + fresh[0].string());
    CHECK(testing::read_file(fresh[0]) == "Delivered-To: so-tai-chinh@haiphong.example\r\n" + mime);
    CHECK(files_in(folder / "tmp").empty());
    CHECK(files_in(folder / "cur").empty());
    // time.MmicroPpidQcounter.host
    const std::string name = fresh[0].filename().string();
    CHECK(name.find(".M") != std::string::npos);
    CHECK(name.find("P" + std::to_string(::getpid()) + "Q") != std::string::npos);
    struct stat st{};
    REQUIRE(::stat(fresh[0].c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("as a Channel, the mail folder writes the email of the content from its sender", "[mail]") {
    TempDir dir;
    MaildirChannel channel(dir / "Maildir", {"Hệ thống nhắc việc", "nhacviec@haiphong.example"});
    DeliveryContent content;
    content.key = "90/KH-UBND/2026|I.3|-|reminder-7|Sở Tài chính";
    content.subject = "Nhắc việc";
    content.text = "Nội dung";
    content.mail_to = {{"Sở Tài chính", "so-tai-chinh@haiphong.example"}};
    content.message_id = "<m1@haiphong.example>";
    const auto now = std::chrono::sys_seconds{std::chrono::seconds{1764032400}};
    Channel& as_channel = channel;
    const auto result = as_channel.deliver({"so-tai-chinh@haiphong.example", "Sở Tài chính", content}, now);
    CHECK(result.outcome == Outcome::sent);
    const auto fresh = files_in(dir / "Maildir" / "new");
    REQUIRE(fresh.size() == 1);
    CHECK(testing::read_file(fresh[0]) ==
          "Delivered-To: so-tai-chinh@haiphong.example\r\n" +
              assemble_mime(mail_message({"Hệ thống nhắc việc", "nhacviec@haiphong.example"}, content, now)));
}

TEST_CASE("maildir deliveries from several threads get distinct files", "[mail]") {
    TempDir temp;
    const auto dir = temp / "Maildir";  // missing: the threads race to create it
    MaildirChannel channel(dir);
    std::atomic<int> sent{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < 4; ++t) {
        workers.emplace_back([&channel, &sent, t] {
            for (int i = 0; i < 25; ++i) {
                const auto result = channel.deliver("w" + std::to_string(t) + "@haiphong.example",
                                                    "Subject: " + std::to_string(i) + "\r\n\r\n");
                if (result.outcome == Outcome::sent) ++sent;
            }
        });
    }
    for (auto& w : workers) w.join();
    CHECK(sent == 100);
    const auto fresh = files_in(dir / "new");
    CHECK(fresh.size() == 100);
    std::set<std::string> contents;
    for (const auto& f : fresh) contents.insert(testing::read_file(f));
    CHECK(contents.size() == 100);
    CHECK(files_in(dir / "tmp").empty());
}

TEST_CASE("a maildir folder left half-made is completed by the next delivery", "[mail]") {
    // tmp/ without new/: what a crash leaves, or what one worker sees while
    // another is still creating the folder.
    TempDir dir;
    std::filesystem::create_directories(dir / "tmp");
    MaildirChannel channel(dir.path());

    const auto result = channel.deliver("a@haiphong.example", "x");
    CHECK(result.outcome == Outcome::sent);
    const auto fresh = files_in(dir / "new");
    REQUIRE(fresh.size() == 1);
    CHECK(result.detail == "delivered to " + fresh[0].string());
    CHECK(testing::read_file(fresh[0]) == "Delivered-To: a@haiphong.example\r\nx");
    CHECK(std::filesystem::is_directory(dir / "cur"));
    CHECK(files_in(dir / "tmp").empty());
}

TEST_CASE("a maildir that cannot be written is retried, naming the path", "[mail]") {
    TempDir dir;
    SECTION("tmp/ is not a folder") {
        testing::write_file(dir / "tmp", "not a folder");
        MaildirChannel channel(dir.path());
        const auto result = channel.deliver("a@haiphong.example", "x");
        CHECK(result.outcome == Outcome::retry);
        CHECK(result.detail.rfind("maildir: cannot create " + (dir / "tmp").string() + "/", 0) == 0);
        CHECK(result.detail.substr(result.detail.size() - 17) == ": Not a directory");
    }
    SECTION("the folder is below a file") {
        testing::write_file(dir / "file", "x");
        MaildirChannel channel(dir / "file" / "Maildir");
        const auto result = channel.deliver("a@haiphong.example", "x");
        CHECK(result.outcome == Outcome::retry);
        CHECK(result.detail == "maildir: cannot create " + (dir / "file" / "Maildir").string() + ": Not a directory");
    }
    SECTION("tmp/ cannot be opened: a symbolic link to itself") {
        // A failure of open() that no privilege bypasses (root ignores permissions, CI runs as root).
        std::filesystem::create_directories(dir / "new");
        std::filesystem::create_directories(dir / "cur");
        std::filesystem::create_symlink("tmp", dir / "tmp");
        MaildirChannel channel(dir.path());
        const auto result = channel.deliver("a@haiphong.example", "x");
        CHECK(result.outcome == Outcome::retry);
        const std::string prefix = "maildir: cannot create " + (dir / "tmp").string() + "/";
        const std::string suffix = ": Too many levels of symbolic links";
        REQUIRE(result.detail.size() > prefix.size() + suffix.size());
        CHECK(result.detail.substr(0, prefix.size()) == prefix);
        CHECK(result.detail.substr(result.detail.size() - suffix.size()) == suffix);
        // Between them, the file's unique name: one path component.
        const std::string name = result.detail.substr(prefix.size(), result.detail.size() - prefix.size() - suffix.size());
        CHECK(name.find('/') == std::string::npos);
        CHECK(files_in(dir / "new").empty());
        CHECK(std::filesystem::is_symlink(dir / "tmp"));
    }
}
