#include "web/http_server.h"

#include <optional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace nhacviec {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// One connection: read a request, answer it, again while the client keeps it alive.
class Session : public std::enable_shared_from_this<Session> {
public:
    // `owner` keeps the handler and limits alive as long as the session.
    Session(tcp::socket socket, const HttpHandler& handler, const HttpLimits& limits, std::shared_ptr<void> owner)
        : stream_(std::move(socket)), handler_(handler), limits_(limits), owner_(std::move(owner)) {}

    void start() { read(); }

private:
    void read() {
        parser_.emplace();
        apply_limits(*parser_, limits_);
        stream_.expires_after(limits_.timeout);
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_read(error); });
    }

    void on_read(beast::error_code error) {
        if (error == http::error::end_of_stream || error == beast::error::timeout) return close();
        if (error == http::error::body_limit || error == http::error::header_limit) {
            HttpResponse too_large{413, "text/plain; charset=utf-8", "request too large\n", {}};
            return write(too_large, false, 11);
        }
        if (error) return close();
        const auto& request = parser_->get();
        const HttpRequest in = to_http_request(request);
        HttpResponse out;
        try {
            out = handler_(in);
        } catch (const std::exception& e) {
            out = {500, "text/plain; charset=utf-8", std::string("internal error: ") + e.what() + "\n", {}};
        }
        write(out, request.keep_alive(), request.version());
    }

    void write(const HttpResponse& out, bool keep_alive, unsigned version) {
        auto response = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(out.status),
                                                                            version);
        response->set(http::field::server, "nhacviec");
        response->set(http::field::content_type, out.content_type);
        for (const auto& [name, value] : out.headers) response->set(name, value);
        response->body() = out.body;
        response->keep_alive(keep_alive);
        response->prepare_payload();
        stream_.expires_after(limits_.timeout);
        http::async_write(stream_, *response,
                          [self = shared_from_this(), response](beast::error_code error, std::size_t) {
                              if (error || !response->keep_alive()) return self->close();
                              self->read();
                          });
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.close();
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<HttpRequestParser> parser_;
    const HttpHandler& handler_;
    const HttpLimits& limits_;
    std::shared_ptr<void> owner_;
};

}  // namespace

void apply_limits(HttpRequestParser& parser, const HttpLimits& limits) {
    parser.body_limit(limits.max_body);
    parser.header_limit(static_cast<std::uint32_t>(limits.max_header));
}

HttpRequest to_http_request(const http::request<http::string_body>& request) {
    HttpRequest in;
    in.method = std::string(request.method_string());
    in.target = std::string(request.target());
    in.authorization = std::string(request[http::field::authorization]);
    in.content_type = std::string(request[http::field::content_type]);
    in.body = request.body();
    return in;
}

struct HttpServer::Impl : std::enable_shared_from_this<Impl> {
    Impl(asio::io_context& io, HttpHandler h, HttpLimits l) : acceptor(io), handler(std::move(h)), limits(l) {}

    void accept() {
        acceptor.async_accept([self = shared_from_this()](beast::error_code error, tcp::socket socket) {
            if (error == asio::error::operation_aborted || !self->acceptor.is_open()) return;
            if (!error) std::make_shared<Session>(std::move(socket), self->handler, self->limits, self)->start();
            self->accept();
        });
    }

    tcp::acceptor acceptor;
    HttpHandler handler;
    HttpLimits limits;
};

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

unsigned short HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::stop() {
    beast::error_code ignored;
    if (impl_->acceptor.is_open()) impl_->acceptor.close(ignored);
}

}  // namespace nhacviec
