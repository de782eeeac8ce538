// RequestReader: every byte a request carries counts against a limit (the
// body against max_body, everything else against max_header), whatever the
// reads it arrives in; a request it cannot read is refused with its status
// and reason, never thrown.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "web/form_data.h"
#include "web/request_reader.h"

using namespace nhacviec;
using namespace std::chrono_literals;

namespace {

const std::string kFramingOver =
    "the request line, headers, chunk sizes, extensions and trailers take more than 16384 bytes";

std::string repeat(const std::string& piece, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += piece;
    return out;
}

// A GET whose bytes besides the body number exactly `size`, padded by one header.
std::string get_of_size(std::size_t size) {
    const std::string head = "GET /p HTTP/1.1\r\nHost: x\r\nX-Pad: ";
    const std::string tail = "\r\n\r\n";
    return head + std::string(size - head.size() - tail.size(), 'p') + tail;
}

std::string chunked(const std::string& chunks_and_trailers) {
    return "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks_and_trailers;
}

// The reproducer: a trailer field of 65,534 bytes.
const std::string kTrailerCrash = "GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                                  "Connection: close\r\n\r\n0\r\nX-T: " +
                                  std::string(65534, 't') + "\r\n\r\n";

struct Outcome {
    RequestReader::State state;
    unsigned status = 0;  // when refused
    std::string reason;   // when refused
    std::string body;     // when ready
    std::size_t size = 0; // when ready
    bool operator==(const Outcome&) const = default;
};

Outcome ready(std::string body, std::size_t size) { return {RequestReader::State::ready, 0, "", std::move(body), size}; }
Outcome refused(unsigned status, std::string reason) {
    return {RequestReader::State::refused, status, std::move(reason), "", 0};
}
const Outcome kNeedMore{RequestReader::State::need_more, 0, "", "", 0};

// Feeds `bytes` in pieces of `piece` bytes (0: all at once) until the reader
// is ready or refuses; checks what it holds on the way.
Outcome read_in_pieces(const std::string& bytes, std::size_t piece) {
    const HttpLimits limits;
    RequestReader reader(limits);
    if (piece == 0) piece = bytes.size();
    RequestReader::State state = RequestReader::State::need_more;
    for (std::size_t at = 0; at < bytes.size() && state == RequestReader::State::need_more; at += piece) {
        state = reader.feed(std::string_view(bytes).substr(at, piece));
        if (state == RequestReader::State::need_more) CHECK(reader.buffered() <= limits.max_header + piece);
    }
    if (state == RequestReader::State::refused) return refused(reader.refused_status(), reader.refused_reason());
    if (state == RequestReader::State::ready) return ready(reader.request().body, reader.request_size());
    return kNeedMore;
}

}  // namespace

TEST_CASE("request reader: every byte against a limit, whatever the reads", "[web]") {
    const std::string body_64k(65536, 'b');
    struct Row {
        const char* what;
        std::string bytes;
        Outcome expected;
    };
    const std::vector<Row> rows = {
        {"a plain GET", "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", ready("", 34)},
        {"a 65,534-byte trailer field (once a crash)", kTrailerCrash, refused(413, kFramingOver)},
        {"a flood of small trailer fields", chunked("0\r\n" + repeat("X-T: tttttttttt\r\n", 1000) + "\r\n"),
         refused(413, kFramingOver)},
        {"trailers within the limit", chunked("3\r\nabc\r\n0\r\nX-T: t\r\n\r\n"),
         ready("abc", 78)},
        {"one chunk extension of 70,000 bytes", chunked("1;" + std::string(70000, 'e') + "\r\nx\r\n0\r\n\r\n"),
         refused(413, kFramingOver)},
        {"chunk extensions over 2,000 small chunks", chunked(repeat("1;e=eeeeeeee\r\nx\r\n", 2000) + "0\r\n\r\n"),
         refused(413, kFramingOver)},
        {"a flood of header fields", "GET / HTTP/1.1\r\n" + repeat("X-H: hhhhhhhhhh\r\n", 1100) + "\r\n",
         refused(413, kFramingOver)},
        {"framing of exactly 16,384 bytes", get_of_size(16384), ready("", 16384)},
        {"framing of 16,385 bytes", get_of_size(16385), refused(413, kFramingOver)},
        {"a body of exactly 65,536 bytes", "POST /b HTTP/1.1\r\nContent-Length: 65536\r\n\r\n" + body_64k,
         ready(body_64k, 43 + 65536)},
        {"a Content-Length over 65,536", "POST /b HTTP/1.1\r\nContent-Length: 65537\r\n\r\n" + body_64k + "b",
         refused(413, "the body takes more than 65536 bytes")},
        {"a chunked body over 65,536 bytes", chunked("10000\r\n" + body_64k + "\r\n1\r\nb\r\n0\r\n\r\n"),
         refused(413, "the body takes more than 65536 bytes")},
        {"a Content-Length that is not a number", "POST /b HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
         refused(400, "bad Content-Length")},
        {"a chunk size that is not hex", chunked("zz\r\nx\r\n0\r\n\r\n"), refused(400, "bad chunk")},
        {"not HTTP at all", std::string("\x00\x01\x02 \r\n\r\n", 8), refused(400, "bad method")},
        {"half a request", "GET /healthz HTTP/1.1\r\nHost:", kNeedMore},
    };
    for (const Row& row : rows) {
        for (const std::size_t piece : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{8192}}) {
            INFO(row.what << ", in pieces of " << piece << " bytes");
            const Outcome got = read_in_pieces(row.bytes, piece);
            CHECK(got.state == row.expected.state);
            CHECK(got.status == row.expected.status);
            CHECK(got.reason == row.expected.reason);
            CHECK(got.body == row.expected.body);
            CHECK(got.size == row.expected.size);
        }
    }
}

TEST_CASE("request reader: requests sent together are read one after the other", "[web]") {
    RequestReader reader{HttpLimits{}};
    const std::string first = "POST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi";
    const std::string second = "GET /b HTTP/1.1\r\nConnection: close\r\n\r\n";
    REQUIRE(reader.feed(first + second + "GET /c") == RequestReader::State::ready);
    CHECK(reader.request().method == "POST");
    CHECK(reader.request().target == "/a");
    CHECK(reader.request().body == "hi");
    CHECK(reader.keep_alive());
    CHECK(reader.version() == 11);
    CHECK(reader.request_size() == first.size());
    REQUIRE(reader.next() == RequestReader::State::ready);
    CHECK(reader.request().target == "/b");
    CHECK_FALSE(reader.keep_alive());
    CHECK(reader.buffered() == 6);
    CHECK(reader.next() == RequestReader::State::need_more);
    // Once refused, nothing more is read or kept.
    RequestReader refused{HttpLimits{}};
    REQUIRE(refused.feed(kTrailerCrash) == RequestReader::State::refused);
    CHECK(refused.feed("GET / HTTP/1.1\r\n\r\n") == RequestReader::State::refused);
    CHECK(refused.buffered() == 0);
}

TEST_CASE("request reader: the headers the forms' checks need are kept", "[web]") {
    RequestReader reader(HttpLimits{});
    const std::string request =
        "POST /tra-loi/x HTTP/1.1\r\nHost: nhacviec.example\r\nOrigin: https://nhacviec.example\r\n"
        "Sec-Fetch-Site: same-origin\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        "Content-Length: 6\r\n\r\nnote=a";
    REQUIRE(reader.feed(request) == RequestReader::State::ready);
    CHECK(reader.request().host == "nhacviec.example");
    CHECK(reader.request().origin == "https://nhacviec.example");
    CHECK(reader.request().sec_fetch_site == "same-origin");
    CHECK(reader.request().content_type == "application/x-www-form-urlencoded");
    CHECK(reader.request().body == "note=a");
    CHECK(reader.request().client_address == "");  // the server adds it
    CHECK(reader.forwarded_for() == "");
}

TEST_CASE("request reader: Cookie fields are kept as one list, in order", "[web]") {
    RequestReader reader(HttpLimits{});
    REQUIRE(reader.feed("GET /quan-ly/ HTTP/1.1\r\nHost: x\r\nCookie: a=1; nv_phien=abc\r\ncookie: b=2\r\n\r\n") ==
            RequestReader::State::ready);
    CHECK(reader.request().cookie == "a=1; nv_phien=abc; b=2");
    REQUIRE(reader.feed("GET / HTTP/1.1\r\n\r\n") == RequestReader::State::ready);
    REQUIRE(reader.next() == RequestReader::State::ready);
    CHECK(reader.request().cookie == "");
}

TEST_CASE("request reader: X-Forwarded-For fields are kept as one list, in order", "[web]") {
    RequestReader reader(HttpLimits{});
    REQUIRE(reader.feed("GET / HTTP/1.1\r\nX-Forwarded-For: 203.0.113.7, 10.0.0.1\r\nHost: x\r\n"
                        "x-forwarded-for: 127.0.0.1\r\n\r\n") == RequestReader::State::ready);
    CHECK(reader.forwarded_for() == "203.0.113.7, 10.0.0.1, 127.0.0.1");
    REQUIRE(reader.feed("GET / HTTP/1.1\r\n\r\n") == RequestReader::State::ready);
    REQUIRE(reader.next() == RequestReader::State::ready);
    CHECK(reader.forwarded_for() == "");
}

TEST_CASE("request reader: the answer forms' POST may carry form::kMaxBodyBytes, others 64 KiB", "[web]") {
    static_assert(form::kMaxBodyBytes == 10551296);
    const std::string form_max(form::kMaxBodyBytes, 'f');
    const std::string over_64k(65537, 'b');
    const auto post = [](const std::string& target, std::size_t length) {
        return "POST " + target + " HTTP/1.1\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n";
    };
    const auto chunked_to = [](const std::string& target, const std::string& chunks) {
        return "POST " + target + " HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
    };
    const std::string form_at_limit = post("/tra-loi/t0k", form_max.size()) + form_max;
    const std::string chunked_at_limit = chunked_to("/tra-loi/t0k", "a10000\r\n" + form_max + "\r\n0\r\n\r\n");
    const std::string form_over_64k = post("/tra-loi/t0k", over_64k.size()) + over_64k;
    const std::string form_over = "the body takes more than 10551296 bytes";
    const std::string other_over = "the body takes more than 65536 bytes";
    struct Row {
        const char* what;
        std::string bytes;
        Outcome expected;
    };
    const std::vector<Row> rows = {
        {"a form body of exactly form::kMaxBodyBytes", form_at_limit, ready(form_max, form_at_limit.size())},
        {"a form Content-Length one byte over", post("/tra-loi/t0k", form_max.size() + 1) + form_max + "f",
         refused(413, form_over)},
        {"a chunked form body of exactly form::kMaxBodyBytes", chunked_at_limit, ready(form_max, chunked_at_limit.size())},
        {"a chunked form body one byte over", chunked_to("/tra-loi/t0k", "a10000\r\n" + form_max + "\r\n1\r\nf\r\n0\r\n\r\n"),
         refused(413, form_over)},
        {"a form Content-Length past any limit", post("/tra-loi/t0k", 99999999999), refused(413, form_over)},
        {"a form body over 64 KiB", form_over_64k, ready(over_64k, form_over_64k.size())},
        {"elsewhere, a Content-Length one byte over 64 KiB", post("/api/status", 65537) + over_64k,
         refused(413, other_over)},
        {"elsewhere, a chunked body one byte over 64 KiB",
         chunked_to("/api/status", "10000\r\n" + over_64k.substr(1) + "\r\n1\r\nb\r\n0\r\n\r\n"), refused(413, other_over)},
        {"elsewhere, a Content-Length past any limit", post("/api/status", 99999999999), refused(413, other_over)},
        {"a GET to a form's address", "GET /tra-loi/t0k HTTP/1.1\r\nContent-Length: 65537\r\n\r\n" + over_64k,
         refused(413, other_over)},
        {"a target that only contains the prefix", post("/api/tra-loi/t0k", 65537) + over_64k, refused(413, other_over)},
        {"a target without the prefix's last slash", post("/tra-loi", 65537) + over_64k, refused(413, other_over)},
    };
    for (const Row& row : rows) {
        for (const std::size_t piece : {std::size_t{0}, std::size_t{8192}}) {
            INFO(row.what << ", in pieces of " << piece << " bytes");
            const Outcome got = read_in_pieces(row.bytes, piece);
            CHECK(got.state == row.expected.state);
            CHECK(got.status == row.expected.status);
            CHECK(got.reason == row.expected.reason);
            CHECK(got.body.size() == row.expected.body.size());
            CHECK(got.body == row.expected.body);
            CHECK(got.size == row.expected.size);
        }
    }
}

TEST_CASE("request reader: large bodies read at once are bounded, and have longer to arrive", "[web]") {
    LargeBodySlots slots(1);
    const HttpLimits limits;
    const std::string head = "POST /tra-loi/t0k HTTP/1.1\r\nContent-Length: 100000\r\n\r\n";
    RequestReader first(limits, &slots);
    CHECK(first.time_limit() == 10s);
    REQUIRE(first.feed(head) == RequestReader::State::need_more);
    CHECK(slots.in_use() == 1);
    CHECK(first.time_limit() == 180s);
    // A second large body: no slot left.
    RequestReader second(limits, &slots);
    REQUIRE(second.feed(head + "partial") == RequestReader::State::refused);
    CHECK(second.refused_status() == 503);
    CHECK(second.refused_reason() == "requests with a large body being read at once: 1, the most allowed");
    CHECK(slots.in_use() == 1);
    // A form body within 64 KiB, and any other request, needs no slot.
    RequestReader small(limits, &slots);
    REQUIRE(small.feed("POST /tra-loi/t0k HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello") ==
            RequestReader::State::ready);
    CHECK(small.time_limit() == 10s);
    // The first is kept, and its slot held, until the next request starts.
    REQUIRE(first.feed(std::string(100000, 'b')) == RequestReader::State::ready);
    CHECK(first.request().body.size() == 100000);
    CHECK(slots.in_use() == 1);
    CHECK(first.next() == RequestReader::State::need_more);
    CHECK(slots.in_use() == 0);
    CHECK(first.time_limit() == 10s);
    // A chunked form body (its size unknown) takes a slot; refused, it gives it back.
    RequestReader chunked_form(limits, &slots);
    REQUIRE(chunked_form.feed("POST /tra-loi/t0k HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") ==
            RequestReader::State::need_more);
    CHECK(slots.in_use() == 1);
    REQUIRE(chunked_form.feed("a10001\r\n") == RequestReader::State::refused);
    CHECK(chunked_form.refused_status() == 413);
    CHECK(chunked_form.refused_reason() == "the body takes more than 10551296 bytes");
    CHECK(slots.in_use() == 0);
    // A reader that goes away gives its slot back.
    {
        RequestReader gone(limits, &slots);
        REQUIRE(gone.feed(head) == RequestReader::State::need_more);
        CHECK(slots.in_use() == 1);
    }
    CHECK(slots.in_use() == 0);
}
