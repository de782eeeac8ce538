#include "web/http_server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <exception>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "common/log.h"
#include "common/text.h"
#include "web/request_reader.h"

namespace nhacviec {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// Out of descriptors: accept again after this, doubling up to the most.
constexpr std::chrono::milliseconds kFirstAcceptRetry{50};
constexpr std::chrono::milliseconds kMaxAcceptRetry{1000};
// After a refusal the client may still be sending: what it sends is read and
// dropped for this long at most, up to this many bytes, so that closing does
// not reset the connection before the answer is read.
constexpr std::chrono::seconds kLinger{2};
constexpr std::size_t kLingerBytes = 1024 * 1024;
// The answer when too many large bodies are being read: the people who send
// them (an agency's report file) read Vietnamese.
constexpr const char* kBusyBody =
    "Máy chủ đang nhận quá nhiều tệp cùng lúc, xin gửi lại sau giây lát.\n"
    "Too many uploads at once; please send again in a moment.\n";
// The connection bound reached is logged at most this often.
constexpr std::chrono::seconds kBoundLogEvery{60};

bool out_of_descriptors(const beast::error_code& error) {
    return error == asio::error::no_descriptors || error == asio::error::no_buffer_space ||
           error == asio::error::no_memory || error == beast::error_code(ENFILE, beast::system_category());
}

// The most bytes one write hands the socket: a few dozen microseconds of
// copying, after which the loop serves whoever else is waiting.
constexpr std::size_t kWriteChunk = 128 * 1024;

// An answer being written: the response (whose bytes it owns or shares),
// the message Beast writes, pointing at those bytes, and its serializer.
struct Outgoing {
    Outgoing(HttpResponse out, bool keep_alive, unsigned version)
        : response(std::move(out)), message(static_cast<http::status>(response.status), version), serializer(message) {
        message.set(http::field::server, "nhacviec");
        message.set(http::field::content_type, response.content_type);
        // Inserted, not set: a header may come more than once (two Set-Cookie fields).
        for (const auto& [name, value] : response.headers) message.insert(name, value);
        const std::string_view bytes = response.bytes();
        message.body() = http::span_body<const char>::value_type(bytes.data(), bytes.size());
        message.keep_alive(keep_alive);
        message.prepare_payload();
        // A 304 names no length (RFC 9110 §8.6: it would have to be the 200's); Beast writes 0.
        if (response.status == 304) message.erase(http::field::content_length);
        serializer.limit(kWriteChunk);
    }
    Outgoing(const Outgoing&) = delete;
    Outgoing& operator=(const Outgoing&) = delete;

    HttpResponse response;
    http::response<http::span_body<const char>> message;
    http::response_serializer<http::span_body<const char>> serializer;
};

}  // namespace

struct HttpServer::Impl : std::enable_shared_from_this<Impl> {
    class Session;

    Impl(asio::io_context& io, HttpHandler h, HttpLimits l)
        : acceptor(io), retry(io), handler(std::move(h)), limits(std::move(l)), large_bodies(limits.max_large_bodies) {}

    void accept();
    void accept_failed(const beast::error_code& error);
    void closed();

    tcp::acceptor acceptor;
    asio::steady_timer retry;
    HttpHandler handler;
    HttpLimits limits;
    LargeBodySlots large_bodies;      // shared by the sessions' readers
    TrustedProxies proxies;
    std::size_t open = 0;             // connections open
    bool accepting = false;           // an accept is under way, or waiting on `retry`
    std::chrono::milliseconds wait{0};  // the next wait after a failed accept; 0 while accepting works
    int failed_accepts = 0;
    std::optional<std::chrono::steady_clock::time_point> bound_logged;
};

// One connection: read a request, answer it, again while the client keeps it alive.
class HttpServer::Impl::Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, std::shared_ptr<Impl> owner)
        : stream_(std::move(socket)), owner_(std::move(owner)), reader_(owner_->limits, &owner_->large_bodies) {
        beast::error_code error;
        const auto peer = stream_.socket().remote_endpoint(error);
        if (!error) address_ = peer.address().to_string();
        peer_ = error ? "an unknown peer" : address_ + ":" + std::to_string(peer.port());
    }

    ~Session() { owner_->closed(); }

    void start() { guarded([&] { start_request(RequestReader::State::need_more); }); }

private:
    // Runs a step; anything thrown ends this connection only, logged.
    template <class Step>
    void guarded(Step&& step) {
        try {
            step();
        } catch (const std::exception& e) {
            log::error("HTTP connection from " + peer_ + " closed after an error: " + e.what());
            close();
        } catch (...) {
            log::error("HTTP connection from " + peer_ + " closed after an error that is not a std::exception");
            close();
        }
    }

    void start_request(RequestReader::State state) {
        // For the whole request, however it trickles in.
        request_started_ = std::chrono::steady_clock::now();
        time_limit_ = reader_.time_limit();
        stream_.expires_at(request_started_ + time_limit_);
        on_state(state);
    }

    // Once the header shows a large body may follow, the request has its
    // rule's time (from its first byte) rather than the header's.
    void extend_time_limit() {
        if (reader_.time_limit() == time_limit_) return;
        time_limit_ = reader_.time_limit();
        stream_.expires_at(request_started_ + time_limit_);
    }

    void read_more() {
        stream_.async_read_some(asio::buffer(chunk_), [self = shared_from_this()](beast::error_code error,
                                                                                  std::size_t n) {
            self->guarded([&] {
                // The client closed, went silent past the time limit or reset: nothing to answer.
                if (error) return self->close();
                self->on_state(self->reader_.feed({self->chunk_.data(), n}));
            });
        });
    }

    void on_state(RequestReader::State state) {
        switch (state) {
            case RequestReader::State::need_more: extend_time_limit(); return read_more();
            case RequestReader::State::refused: return refuse();
            case RequestReader::State::ready: return answer();
        }
    }

    // Hands the request to the handler; its answer, given now or later from
    // any thread, comes back to this session on its executor and is written.
    void answer() {
        auto answered = std::make_shared<std::atomic<bool>>(false);
        HttpRespond respond = [self = shared_from_this(), answered](HttpResponse out) {
            if (answered->exchange(true)) return;  // one answer per request
            asio::post(self->stream_.get_executor(), [self, out = std::move(out)]() mutable {
                self->guarded([&] { self->send(std::move(out)); });
            });
        };
        try {
            const ClientAddress client = client_address(address_, reader_.forwarded_for(), owner_->proxies);
            if (client.malformed_forwarded_for && !forwarded_for_logged_) {
                forwarded_for_logged_ = true;
                log::warning("HTTP request from " + peer_ + ", a trusted proxy: cannot read X-Forwarded-For \"" +
                             text::visible(reader_.forwarded_for().substr(0, 200)) +
                             "\"; the proxy's address stands for the client's (logged once per connection)");
            }
            reader_.request().client_address = client.address;
            owner_->handler(reader_.request(), respond);
        } catch (const std::exception& e) {
            respond({500, "text/plain; charset=utf-8", std::string("internal error: ") + e.what() + "\n", {}});
        }
    }

    void send(HttpResponse out) {
        write(std::move(out), reader_.keep_alive(), reader_.version(), [this] {
            if (!reader_.keep_alive()) return close();
            start_request(reader_.next());
        });
    }

    void refuse() {
        const unsigned status = reader_.refused_status();
        log::warning("HTTP request from " + peer_ + " refused (" + std::to_string(status) +
                     "): " + reader_.refused_reason());
        HttpResponse out{status, "text/plain; charset=utf-8", status == 413 ? "request too large\n" : "bad request\n", {}};
        if (status == 503) {
            out.body = kBusyBody;
            out.headers.emplace_back("Retry-After", std::to_string(owner_->limits.large_body_retry_after.count()));
        }
        write(std::move(out), false, 11, [this] { linger(); });
    }

    // Writes the answer, then runs `then` on this session (guarded). The
    // body is written from where it lies (a cache's shared bytes are not
    // copied), at most kWriteChunk bytes per write, so that a large body
    // (a calendar feed) shares the loop with the other connections.
    template <class Then>
    void write(HttpResponse out, bool keep_alive, unsigned version, Then then) {
        auto outgoing = std::make_shared<Outgoing>(std::move(out), keep_alive, version);
        stream_.expires_after(owner_->limits.timeout);
        http::async_write(stream_, outgoing->serializer,
                          [self = shared_from_this(), outgoing, then](beast::error_code error, std::size_t) {
                              self->guarded([&] {
                                  if (error) return self->close();
                                  then();
                              });
                          });
    }

    // After a refusal: no more to send; read and drop what the client still
    // sends, for a bounded time and number of bytes, then close.
    void linger() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(kLinger);
        drop_input(0);
    }

    void drop_input(std::size_t dropped) {
        if (dropped > kLingerBytes) return close();
        stream_.async_read_some(asio::buffer(chunk_), [self = shared_from_this(), dropped](beast::error_code error,
                                                                                           std::size_t n) {
            self->guarded([&] {
                if (error) return self->close();
                self->drop_input(dropped + n);
            });
        });
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.close();
    }

    beast::tcp_stream stream_;
    std::shared_ptr<Impl> owner_;  // the handler and the limits, as long as the session
    RequestReader reader_;
    std::array<char, 8192> chunk_{};
    std::string peer_;
    std::string address_;  // the peer's IP address, "" when unknown
    std::chrono::steady_clock::time_point request_started_;
    std::chrono::seconds time_limit_{0};  // the current request's, as its expiry was set
    bool forwarded_for_logged_ = false;  // a malformed X-Forwarded-For was logged on this connection
};

void HttpServer::Impl::accept() {
    if (accepting || !acceptor.is_open()) return;
    if (open >= limits.max_connections) {
        // The kernel's queue holds the next clients; closed() accepts again.
        const auto now = std::chrono::steady_clock::now();
        if (!bound_logged || now - *bound_logged >= kBoundLogEvery) {
            bound_logged = now;
            log::warning("HTTP: " + std::to_string(open) +
                         " connections open, the most allowed; the next clients wait until one closes");
        }
        return;
    }
    accepting = true;
    acceptor.async_accept([self = shared_from_this()](beast::error_code error, tcp::socket socket) {
        self->accepting = false;
        if (error == asio::error::operation_aborted || !self->acceptor.is_open()) return;
        if (out_of_descriptors(error)) return self->accept_failed(error);
        if (self->failed_accepts)
            log::info("HTTP: accepting connections again after " + std::to_string(self->failed_accepts) +
                      " failed attempts");
        self->failed_accepts = 0;
        self->wait = std::chrono::milliseconds(0);
        if (!error) {
            ++self->open;
            try {
                std::make_shared<Session>(std::move(socket), self)->start();
            } catch (...) {
                log::error("HTTP: cannot serve a new connection (out of memory?)");
            }
        }
        self->accept();
    });
}

void HttpServer::Impl::accept_failed(const beast::error_code& error) {
    wait = wait.count() == 0 ? kFirstAcceptRetry : std::min(wait * 2, kMaxAcceptRetry);
    if (failed_accepts++ == 0)
        log::warning("HTTP: cannot accept a connection: " + error.message() + "; trying again in " +
                     std::to_string(wait.count()) + " ms, then less often, up to every " +
                     std::to_string(kMaxAcceptRetry.count()) + " ms");
    accepting = true;
    retry.expires_after(wait);
    retry.async_wait([self = shared_from_this()](const beast::error_code& e) {
        self->accepting = false;
        if (!e) self->accept();
    });
}

void HttpServer::Impl::closed() {
    --open;
    accept();
}

HttpServer::HttpServer(asio::io_context& io, HttpHandler handler, HttpLimits limits)
    : impl_(std::make_shared<Impl>(io, std::move(handler), limits)) {}

HttpServer::~HttpServer() { stop(); }

Status HttpServer::listen(const std::string& address, unsigned short port) {
    const std::string where = address + ":" + std::to_string(port);
    beast::error_code error;
    const auto ip = asio::ip::make_address(address, error);
    if (error) return Error{"[api] listen: not an IP address: \"" + address + "\""};
    const tcp::endpoint endpoint(ip, port);
    auto& acceptor = impl_->acceptor;
    acceptor.open(endpoint.protocol(), error);
    if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor.bind(endpoint, error);
    if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
    if (error) return Error{"cannot listen on " + where + ": " + error.message()};
    impl_->accept();
    return {};
}

void HttpServer::trust_proxies(TrustedProxies proxies) { impl_->proxies = std::move(proxies); }

unsigned short HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::stop() {
    beast::error_code ignored;
    if (impl_->acceptor.is_open()) impl_->acceptor.close(ignored);
    impl_->retry.cancel();
}

}  // namespace nhacviec
