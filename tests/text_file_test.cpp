#include "common/text_file.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace nhacviec;
using nhacviec::testing::TempDir;
using nhacviec::testing::write_file;

TEST_CASE("read_text_file: the bytes of the file, as they are", "[text_file]") {
    TempDir dir;
    const std::string bytes = std::string("Sở Tài chính\r\n\0\xff", 19) + std::string(100'000, 'x');
    write_file(dir / "a.txt", bytes);
    const auto read = read_text_file(dir / "a.txt", kMaxConfigFileBytes);
    REQUIRE(read.ok());
    CHECK(*read == bytes);
    write_file(dir / "empty.txt", "");
    CHECK(read_text_file(dir / "empty.txt", 0).value() == "");
}

TEST_CASE("read_text_file: errors name the file, the failure and the reason", "[text_file]") {
    TempDir dir;
    const std::string missing = (dir / "missing.toml").string();
    CHECK(read_text_file(missing, 10).error().message == missing + ": cannot open: No such file or directory");
    CHECK(read_text_file(dir.path(), 10, "cannot read the holidays file").error().message ==
          dir.path().string() + ": cannot read the holidays file: it is a directory");
    write_file(dir / "big.txt", std::string(11, 'x'));
    CHECK(read_text_file(dir / "big.txt", 10).error().message ==
          (dir / "big.txt").string() + ": cannot open: more than 10 bytes");
    write_file(dir / "ten.txt", std::string(10, 'x'));
    CHECK(read_text_file(dir / "ten.txt", 10).value() == std::string(10, 'x'));
}

TEST_CASE("read_text_file: a file with no size (/proc) is read to its end, within the limit", "[text_file]") {
    const auto status = read_text_file("/proc/self/status", kMaxConfigFileBytes);
    REQUIRE(status.ok());
    CHECK(status->rfind("Name:", 0) == 0);
    CHECK(read_text_file("/proc/self/status", 16).error().message ==
          "/proc/self/status: cannot open: more than 16 bytes");
}
