#include "web/request_reader.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <optional>
#include <string_view>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

namespace nhacviec {

namespace http = boost::beast::http;

struct RequestReader::Impl {
    Impl(const HttpLimits& l, LargeBodySlots* s) : limits(l), slots(s) {
        for (const auto& rule : limits.large_bodies) largest_body = std::max(largest_body, rule.max_body);
        start();
    }

    void start() {
        slot.reset();
        rule = nullptr;
        header_checked = false;
        large = false;
        parser.emplace();
        parser->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(limits.max_header, UINT32_MAX)));
        // Until the header shows which limit applies, the largest any
        // request may have (the parser checks a Content-Length against it
        // as it reads the header); the request's own once it has arrived.
        parser->body_limit(largest_body);
        parser->eager(true);
        taken = 0;
        stuck_at = 0;
        state = State::need_more;
        request = {};
        forwarded_for.clear();
    }

    // The rule of limits.large_bodies the current request falls under, or
    // nullptr; its request line must have been read.
    const LargeBodyRule* rule_for_request() const {
        const auto& message = parser->get();
        for (const auto& r : limits.large_bodies)
            if (message.method_string() == r.method && message.target().starts_with(r.path_prefix)) return &r;
        return nullptr;
    }

    std::size_t body_limit() const { return rule ? rule->max_body : limits.max_body; }

    State body_too_large() {
        return refuse(413, "the body takes more than " + std::to_string(body_limit()) + " bytes");
    }

    // Once the header has arrived: the limit on this request's body, and a
    // slot for it if it may be larger than max_body.
    State check_header() {
        header_checked = true;
        rule = rule_for_request();
        parser->body_limit(body_limit());  // no body byte has been read yet
        const auto length = parser->content_length();
        if (length && *length > body_limit()) return body_too_large();
        if (!rule || parser->is_done() || (length && *length <= limits.max_body)) return state;
        if (slots) {
            slot = slots->take();
            if (!slot)
                return refuse(503, "requests with a large body being read at once: " +
                                       std::to_string(slots->capacity()) + ", the most allowed");
        }
        large = true;
        return state;
    }

    // What the current request has carried so far besides its body.
    std::size_t framing() const { return taken - parser->get().body().size(); }

    State refuse(unsigned status, std::string reason) {
        state = State::refused;
        refused_status = status;
        refused_reason = std::move(reason);
        pending.clear();
        pending.shrink_to_fit();
        std::string().swap(parser->get().body());
        slot.reset();
        return state;
    }

    State too_large() {
        return refuse(413, "the request line, headers, chunk sizes, extensions and trailers take more than " +
                               std::to_string(limits.max_header) + " bytes");
    }

    // Hands the parser what has been received, never more than it may still
    // take as framing (plus one byte): an element longer than that (a line,
    // a header, the trailers) is refused before the parser holds all of it.
    // Body bytes are taken as they come, so the body goes on through windows.
    State read() {
        while (state == State::need_more && !pending.empty()) {
            const std::size_t room = limits.max_header - framing() + 1;
            std::size_t window = std::min(pending.size(), room);
            if (parser->is_header_done() && stuck_at != 0 && window < 5) {
                // The parser took nothing of a last chunk's whole line ("0\r\n",
                // after the previous chunk's "\r\n"): it now looks for the
                // trailers' end alone, and Boost 1.74's parser asserts that it is handed at
                // least 5 bytes again. Until then there is nothing it could do.
                const std::string_view stuck = std::string_view(pending).substr(0, stuck_at);
                if (stuck.find("\r\n", stuck.starts_with("\r\n") ? 2 : 0) != std::string_view::npos) {
                    if (window == room) return too_large();
                    break;
                }
            }
            if (!parser->is_header_done()) {
                // The header goes to the parser whole, so that what it makes
                // of it does not depend on the reads it came in.
                const std::size_t end = std::string_view(pending).substr(0, window).find("\r\n\r\n");
                if (end == std::string_view::npos) {
                    if (window == room) return too_large();
                    break;
                }
                window = end + 4;
            }
            boost::beast::error_code error;
            const std::size_t n = parser->put(boost::asio::buffer(pending.data(), window), error);
            pending.erase(0, n);
            taken += n;
            stuck_at = n == 0 ? window : 0;
            if (framing() > limits.max_header) return too_large();
            if (error == http::error::header_limit || error == http::error::body_limit) {
                if (error == http::error::header_limit) return too_large();
                // A Content-Length over the largest limit, seen while the
                // header was read; or a body over the request's own limit.
                if (!header_checked) rule = rule_for_request();
                return body_too_large();
            }
            if (error && error != http::error::need_more) return refuse(400, error.message());
            if (!header_checked && parser->is_header_done() && check_header() != State::need_more) return state;
            if (parser->is_done()) return ready();
            if (n == 0) {
                // The header was given whole: if the parser wants more, it is malformed.
                if (!parser->is_header_done()) return refuse(400, "malformed request header");
                // Stuck on an element that the bytes at hand do not complete.
                if (framing() + window > limits.max_header) return too_large();
                break;
            }
        }
        return state;
    }

    State ready() {
        auto& message = parser->get();
        request_size = taken;
        version = message.version();
        keep_alive = message.keep_alive();
        request.method = std::string(message.method_string());
        request.target = std::string(message.target());
        request.authorization = std::string(message[http::field::authorization]);
        request.content_type = std::string(message[http::field::content_type]);
        request.host = std::string(message[http::field::host]);
        request.origin = std::string(message[http::field::origin]);
        request.sec_fetch_site = std::string(message["Sec-Fetch-Site"]);
        // Every field of a list header, in order, as one list (RFC 9110 §5.3).
        const auto joined = [&message](boost::beast::string_view name) {
            std::string out;
            const auto [first, last] = message.equal_range(name);
            for (auto field = first; field != last; ++field) {
                if (!out.empty()) out += ", ";
                out += std::string(field->value());
            }
            return out;
        };
        forwarded_for = joined("X-Forwarded-For");
        request.accept_encoding = joined("Accept-Encoding");
        request.if_none_match = joined("If-None-Match");
        // Every Cookie field as one list (RFC 6265 §5.4 asks for one; HTTP/2 proxies may split it).
        const auto [first_cookie, last_cookie] = message.equal_range(http::field::cookie);
        for (auto field = first_cookie; field != last_cookie; ++field) {
            if (!request.cookie.empty()) request.cookie += "; ";
            request.cookie += std::string(field->value());
        }
        request.body = std::move(message.body());
        state = State::ready;
        return state;
    }

    const HttpLimits limits;
    LargeBodySlots* const slots;  // nullptr: no bound on large bodies at once
    std::size_t largest_body = limits.max_body;  // of max_body and every rule's
    const LargeBodyRule* rule = nullptr;  // the current request's, once its header has arrived
    bool header_checked = false;  // check_header() has run for the current request
    bool large = false;  // the current request may carry more than max_body (and holds `slot`)
    std::optional<LargeBodySlots::Slot> slot;
    std::string forwarded_for;
    std::string pending;  // received, not yet taken by the parser
    std::optional<http::request_parser<http::string_body>> parser;
    std::size_t taken = 0;  // bytes of the current request the parser has taken
    std::size_t stuck_at = 0;  // the bytes the parser was last handed if it took none of them, or 0
    State state = State::need_more;
    HttpRequest request;
    std::size_t request_size = 0;
    unsigned version = 11;
    bool keep_alive = false;
    unsigned refused_status = 0;
    std::string refused_reason;
};

RequestReader::RequestReader(const HttpLimits& limits, LargeBodySlots* slots)
    : impl_(std::make_unique<Impl>(limits, slots)) {}

RequestReader::~RequestReader() = default;

RequestReader::State RequestReader::feed(std::string_view bytes) {
    if (impl_->state == State::refused) return impl_->state;
    try {
        impl_->pending.append(bytes);
        return impl_->read();
    } catch (const std::exception& e) {
        // Beast stores fields in its own containers, which throw (a field over
        // their size, memory); whatever it is, it ends this request only.
        return impl_->refuse(400, std::string("cannot read the request: ") + e.what());
    }
}

RequestReader::State RequestReader::next() {
    if (impl_->state != State::ready) return impl_->state;
    try {
        impl_->start();
        return impl_->read();
    } catch (const std::exception& e) {
        return impl_->refuse(400, std::string("cannot read the request: ") + e.what());
    }
}

RequestReader::State RequestReader::state() const { return impl_->state; }
const HttpRequest& RequestReader::request() const { return impl_->request; }
HttpRequest& RequestReader::request() { return impl_->request; }
unsigned RequestReader::version() const { return impl_->version; }
bool RequestReader::keep_alive() const { return impl_->keep_alive; }
std::size_t RequestReader::request_size() const { return impl_->request_size; }
unsigned RequestReader::refused_status() const { return impl_->refused_status; }
const std::string& RequestReader::refused_reason() const { return impl_->refused_reason; }
std::size_t RequestReader::buffered() const { return impl_->pending.size(); }
const std::string& RequestReader::forwarded_for() const { return impl_->forwarded_for; }
std::chrono::seconds RequestReader::time_limit() const {
    return impl_->large ? impl_->rule->timeout : impl_->limits.timeout;
}

}  // namespace nhacviec
