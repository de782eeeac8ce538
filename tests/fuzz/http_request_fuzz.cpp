// Fuzz target: the daemon's HTTP request reading (RequestReader, as each
// connection of HttpServer uses it) on raw bytes, with the daemon's limits
// (HttpLimits' defaults). The input is the bytes a client sends on one
// connection, exactly: a reproducer can be replayed with
// `nc 127.0.0.1 8470 < FILE`. They are read twice: all at once, and in
// pieces of 1 to 4,096 bytes (sizes drawn from a generator seeded by the
// input), as reads from a socket would bring them; requests sent together
// are read one after the other.
//
// Checks: nothing is thrown (libFuzzer reports it as a crash); both readings
// give the same requests and the same refusals; a request read keeps to the
// limits (its body to max_body, the rest of its bytes to max_header); a
// refusal is 400 or 413 with a reason; while it waits for more, the reader
// holds at most max_header + 1 bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "web/request_reader.h"

namespace {

using nhacviec::RequestReader;

void check(bool condition) {
    if (!condition) std::abort();
}

// What the reader made of one request.
struct Outcome {
    RequestReader::State state;
    unsigned status = 0;
    std::string reason;
    nhacviec::HttpRequest request;
    unsigned version = 0;
    bool keep_alive = false;
    std::size_t size = 0;

    bool operator==(const Outcome& o) const {
        return state == o.state && status == o.status && reason == o.reason && request.method == o.request.method &&
               request.target == o.request.target && request.authorization == o.request.authorization &&
               request.content_type == o.request.content_type && request.body == o.request.body &&
               version == o.version && keep_alive == o.keep_alive && size == o.size;
    }
};

// Reads `bytes` in pieces of the sizes `piece` gives; the outcomes in order.
template <class Piece>
std::vector<Outcome> read_all(std::string_view bytes, Piece piece) {
    const nhacviec::HttpLimits limits;
    RequestReader reader(limits);
    std::vector<Outcome> outcomes;
    RequestReader::State state = RequestReader::State::need_more;
    while (!bytes.empty() && state != RequestReader::State::refused) {
        const std::size_t n = std::min(bytes.size(), piece());
        state = reader.feed(bytes.substr(0, n));
        bytes.remove_prefix(n);
        while (state == RequestReader::State::ready) {
            const auto& request = reader.request();
            check(request.body.size() <= limits.max_body);
            check(reader.request_size() >= request.body.size());
            check(reader.request_size() - request.body.size() <= limits.max_header);
            check(reader.version() == 10 || reader.version() == 11);
            outcomes.push_back({state, 0, "", request, reader.version(), reader.keep_alive(), reader.request_size()});
            state = reader.next();
        }
        if (state == RequestReader::State::need_more) check(reader.buffered() <= limits.max_header + 1);
    }
    if (state == RequestReader::State::refused) {
        check(reader.refused_status() == 400 || reader.refused_status() == 413);
        check(!reader.refused_reason().empty());
        check(reader.buffered() == 0);
        outcomes.push_back({state, reader.refused_status(), reader.refused_reason(), {}, 0, false, 0});
    }
    return outcomes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto at_once = read_all(bytes, [&] { return bytes.size(); });
    std::minstd_rand pieces(static_cast<std::uint32_t>(std::hash<std::string_view>{}(bytes)));
    std::uniform_int_distribution<std::size_t> piece_size(1, 4096);
    const auto in_pieces = read_all(bytes, [&] { return piece_size(pieces); });
    check(at_once == in_pieces);
    return 0;
}
