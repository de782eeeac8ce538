// SharedChunks (common/shared_chunks.h): a sequence read like a const vector,
// whose copies share the chunks they do not change.
#include <catch2/catch.hpp>

#include <numeric>

#include "common/shared_chunks.h"

namespace nhacviec::testing {

namespace {

SharedChunks<int> numbers(int count) {
    SharedChunks<int> out;
    for (int i = 0; i < count; ++i) out.push_back(i);
    return out;
}

}  // namespace

TEST_CASE("a sequence of chunks reads like a vector", "[shared_chunks]") {
    static_assert(SharedChunks<int>::kChunkSize == 1024);
    const auto s = numbers(2500);
    CHECK(s.size() == 2500);
    CHECK_FALSE(s.empty());
    CHECK(s.chunk_count() == 3);  // 1024 + 1024 + 452
    CHECK(s.chunk(2)->size() == 452);
    CHECK(s[0] == 0);
    CHECK(s[1023] == 1023);
    CHECK(s[1024] == 1024);
    CHECK(s.at(2499) == 2499);
    CHECK(s.front() == 0);
    CHECK(s.back() == 2499);
    CHECK_THROWS_AS(s.at(2500), std::out_of_range);
    CHECK(std::accumulate(s.begin(), s.end(), 0L) == 2500L * 2499 / 2);
    CHECK(s.end() - s.begin() == 2500);
    CHECK(*(s.begin() + 1500) == 1500);
    CHECK(std::find(s.begin(), s.end(), 2048) - s.begin() == 2048);
    long sum = 0;
    for (const int n : s) sum += n;
    CHECK(sum == 2500L * 2499 / 2);
    const SharedChunks<int> none;
    CHECK(none.empty());
    CHECK(none.begin() == none.end());
    const SharedChunks<int> from_vector(std::vector<int>{7, 8, 9});
    CHECK(from_vector.size() == 3);
    CHECK(from_vector[2] == 9);
}

TEST_CASE("a copy shares its chunks until one of its elements changes", "[shared_chunks]") {
    const auto original = numbers(2500);
    auto copy = original;
    for (size_t k = 0; k < 3; ++k) CHECK(copy.chunk(k) == original.chunk(k));
    copy.mutable_at(1500) = -1;
    CHECK(copy[1500] == -1);
    CHECK(original[1500] == 1500);  // the original as it was
    CHECK(copy.chunk(0) == original.chunk(0));
    CHECK(copy.chunk(1) != original.chunk(1));  // only the changed chunk was copied
    CHECK(copy.chunk(2) == original.chunk(2));
    CHECK(copy[1024] == 1024);
    CHECK(copy[2047] == 2047);
    // A chunk nobody else holds is written in place.
    const auto held = copy.chunk(1);
    copy.mutable_at(1501) = -2;
    CHECK(copy.chunk(1) != held);  // `held` shared it: copied again
    const auto* in_place = copy.chunk(1).get();
    copy.mutable_at(1502) = -3;
    CHECK(copy.chunk(1).get() == in_place);
    CHECK(copy[1502] == -3);
    // push_back copies the last chunk when it is shared.
    copy.push_back(2500);
    CHECK(copy.size() == 2501);
    CHECK(original.size() == 2500);
    CHECK(original.chunk(2)->size() == 452);
    CHECK_THROWS_AS(copy.mutable_at(2501), std::out_of_range);
}

TEST_CASE("whole chunks are appended shared, on a chunk boundary only", "[shared_chunks]") {
    const auto original = numbers(2500);
    SharedChunks<int> rebuilt;
    rebuilt.append_chunk(original.chunk(0));
    rebuilt.append_chunk(std::make_shared<std::vector<int>>(std::vector<int>(1024, 5)));
    rebuilt.append_chunk(original.chunk(2));
    CHECK(rebuilt.size() == 2500);
    CHECK(rebuilt.chunk(0) == original.chunk(0));
    CHECK(rebuilt[1024] == 5);
    CHECK(rebuilt[2048] == 2048);
    // The last chunk is short: nothing may follow it, and an empty chunk is refused.
    CHECK_THROWS_AS(rebuilt.append_chunk(original.chunk(0)), std::logic_error);
    SharedChunks<int> fresh;
    CHECK_THROWS_AS(fresh.append_chunk(std::make_shared<std::vector<int>>()), std::logic_error);
    // Writing to an appended chunk that `original` still holds leaves `original` alone.
    rebuilt.mutable_at(3) = 42;
    CHECK(original[3] == 3);
    CHECK(rebuilt[3] == 42);
}

TEST_CASE("a sequence listed in braces holds those elements in one chunk", "[shared_chunks]") {
    const SharedChunks<int> one{7};
    CHECK(one.size() == 1);
    CHECK(one.chunk_count() == 1);
    CHECK(one[0] == 7);
    const SharedChunks<int> three{4, 5, 6};
    CHECK(std::vector<int>(three.begin(), three.end()) == std::vector<int>{4, 5, 6});
    const SharedChunks<int> none{};
    CHECK(none.empty());
    CHECK(none.chunk_count() == 0);
}

}  // namespace nhacviec::testing
