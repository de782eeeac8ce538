// HttpServer on a real socket: a request it cannot read (the 65,534-byte
// trailer that once threw out of the event loop, floods of trailers, chunk
// extensions or headers, a body over the limit, bytes that are not HTTP) is
// answered 400 or 413 and ends that connection only: the server answers the
// next client. A handler that throws gets a 500, or a closed connection, and
// the loop goes on. At its connection bound it stops accepting until a
// connection closes.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "web/form_data.h"
#include "web/http_server.h"

using namespace nhacviec;
using namespace std::chrono_literals;

namespace {

// 1 MiB of numbered lines, several times the most one write sends.
std::string large_body() {
    std::string out;
    for (int line = 0; out.size() < 1024 * 1024; ++line) out += "line " + std::to_string(line) + "\n";
    return out;
}

// A server with a handler that answers "METHOD TARGET BODY-SIZE" (to /client: the client's address), on its
// own thread.
class RunningServer {
public:
    explicit RunningServer(HttpLimits limits = {}, TrustedProxies proxies = {})
        : server_(io_, [](const HttpRequest& r, const HttpRespond& respond) { respond(answer(r)); }, limits) {
        server_.trust_proxies(std::move(proxies));
        REQUIRE(server_.listen("127.0.0.1", 0).ok());
        port_ = server_.port();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~RunningServer() {
        boost::asio::post(io_, [this] { server_.stop(); });
        work_.reset();
        io_.stop();
        thread_.join();
    }
    unsigned short port() const { return port_; }

private:
    static HttpResponse answer(const HttpRequest& r) {
        if (r.target == "/throw") throw std::runtime_error("boom");
        if (r.target == "/throw-int") throw 42;
        if (r.target == "/client") return {200, "text/plain; charset=utf-8", r.client_address + "\n", {}};
        if (r.target == "/not-modified") return {304, "text/calendar; charset=utf-8", "", {{"ETag", "\"e1\""}}};
        if (r.target == "/two-cookies")
            return {200, "text/plain; charset=utf-8", "", {{"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}}};
        if (r.target == "/shared") {
            // Bytes a cache keeps, larger than one write: sent instead of `body`, whole.
            static const auto kept = std::make_shared<const std::string>(large_body());
            HttpResponse out{200, "text/plain; charset=utf-8", "not sent\n", {}};
            out.shared_body = kept;
            return out;
        }
        return {200, "text/plain; charset=utf-8", r.method + " " + r.target + " " + std::to_string(r.body.size()) + "\n",
                {}};
    }

    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{io_.get_executor()};
    HttpServer server_;
    unsigned short port_ = 0;
    std::thread thread_;
};

// A client connection with a receive time limit.
class Client {
public:
    explicit Client(unsigned short port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        timeval limit{5, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    }
    ~Client() { ::close(fd_); }

    // Sends everything it can; the server may close before it has read it all.
    void send(const std::string& bytes) {
        for (std::size_t at = 0; at < bytes.size();) {
            const ssize_t n = ::send(fd_, bytes.data() + at, bytes.size() - at, MSG_NOSIGNAL);
            if (n <= 0) return;
            at += static_cast<std::size_t>(n);
        }
    }
    // What the server sends until it closes, or until the time limit ("" plus what came).
    std::string until_closed() {
        std::string got;
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) return got;
            got.append(buffer, static_cast<std::size_t>(n));
        }
    }
    // One answer on a kept-alive connection: up to the end of its body (which ends in "\n").
    std::string one_answer() {
        std::string got;
        char c;
        while (::recv(fd_, &c, 1, 0) == 1) {
            got += c;
            const auto head_end = got.find("\r\n\r\n");
            if (head_end != std::string::npos && got.back() == '\n' && got.size() > head_end + 4) return got;
        }
        return got;
    }
    // Whether the server sends anything within `ms` milliseconds.
    bool silent_for(int ms) {
        timeval limit{0, ms * 1000};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
        char c;
        const bool silent = ::recv(fd_, &c, 1, MSG_PEEK) < 0;
        timeval back{5, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &back, sizeof back);
        return silent;
    }

private:
    int fd_ = -1;
};

std::string exchange(unsigned short port, const std::string& request) {
    Client client(port);
    client.send(request);
    return client.until_closed();
}

std::string repeat(const std::string& piece, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += piece;
    return out;
}

std::string chunked(const std::string& chunks_and_trailers) {
    return "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks_and_trailers;
}

const std::string kRefusedTooLarge =
    "HTTP/1.1 413 Payload Too Large\r\nServer: nhacviec\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Connection: close\r\nContent-Length: 18\r\n\r\nrequest too large\n";
const std::string kRefusedBad =
    "HTTP/1.1 400 Bad Request\r\nServer: nhacviec\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Connection: close\r\nContent-Length: 12\r\n\r\nbad request\n";

std::string ok(const std::string& body, bool keep_alive = false) {
    return "HTTP/1.1 200 OK\r\nServer: nhacviec\r\nContent-Type: text/plain; charset=utf-8\r\n" +
           std::string(keep_alive ? "" : "Connection: close\r\n") + "Content-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("http server: a request it cannot read ends that connection only", "[web]") {
    RunningServer server;
    struct Row {
        const char* what;
        std::string request;
        std::string answer;
    };
    const std::vector<Row> rows = {
        {"a 65,534-byte trailer field (the issue's reproducer)",
         "GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\nX-T: " +
             std::string(65534, 't') + "\r\n\r\n",
         kRefusedTooLarge},
        {"a flood of trailer fields", chunked("0\r\n" + repeat("X-T: tttttttttt\r\n", 20000) + "\r\n"),
         kRefusedTooLarge},
        {"a chunk extension of 200,000 bytes", chunked("1;" + std::string(200000, 'e') + "\r\nx\r\n0\r\n\r\n"),
         kRefusedTooLarge},
        {"chunk extensions over many chunks", chunked(repeat("1;e=eeeeeeee\r\nx\r\n", 5000) + "0\r\n\r\n"),
         kRefusedTooLarge},
        {"a flood of header fields", "GET / HTTP/1.1\r\n" + repeat("X-H: hhhhhhhhhh\r\n", 5000) + "\r\n",
         kRefusedTooLarge},
        {"a body over 64 KiB", "POST /b HTTP/1.1\r\nContent-Length: 70000\r\n\r\n" + std::string(70000, 'b'),
         kRefusedTooLarge},
        {"a chunked body over 64 KiB", chunked("10001\r\n" + std::string(65537, 'b') + "\r\n0\r\n\r\n"),
         kRefusedTooLarge},
        {"not HTTP", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15), kRefusedBad},
        {"a bad Content-Length", "POST /b HTTP/1.1\r\nContent-Length: -1\r\n\r\n", kRefusedBad},
        {"trailers within the limit",
         "POST /c HTTP/1.1\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: t\r\n\r\n",
         ok("POST /c 3\n")},
        {"a body of 64 KiB", "POST /b HTTP/1.1\r\nConnection: close\r\nContent-Length: 65536\r\n\r\n" +
                                 std::string(65536, 'b'),
         ok("POST /b 65536\n")},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        CHECK(exchange(server.port(), row.request) == row.answer);
        // The server goes on: the next client is answered.
        CHECK(exchange(server.port(), "GET /after HTTP/1.1\r\nConnection: close\r\n\r\n") == ok("GET /after 0\n"));
    }
}

TEST_CASE("http server: a handler that throws costs its request only", "[web]") {
    RunningServer server;
    CHECK(exchange(server.port(), "GET /throw HTTP/1.1\r\nConnection: close\r\n\r\n") ==
          "HTTP/1.1 500 Internal Server Error\r\nServer: nhacviec\r\nContent-Type: text/plain; charset=utf-8\r\n"
          "Connection: close\r\nContent-Length: 21\r\n\r\ninternal error: boom\n");
    // Not even a std::exception: the connection is closed without an answer.
    CHECK(exchange(server.port(), "GET /throw-int HTTP/1.1\r\nConnection: close\r\n\r\n") == "");
    CHECK(exchange(server.port(), "GET /after HTTP/1.1\r\nConnection: close\r\n\r\n") == ok("GET /after 0\n"));
}

TEST_CASE("http server: a shared body is sent whole, in several writes, to every request that answers with it",
          "[web]") {
    RunningServer server;
    const std::string body = large_body();
    REQUIRE(body.size() == 1048586);
    CHECK(exchange(server.port(), "GET /shared HTTP/1.1\r\n\r\nGET /shared HTTP/1.1\r\nConnection: close\r\n\r\n") ==
          ok(body, true) + ok(body));
}

TEST_CASE("http server: a 304 has neither body nor Content-Length, and the connection goes on", "[web]") {
    RunningServer server;
    CHECK(exchange(server.port(), "GET /not-modified HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nConnection: close\r\n\r\n") ==
          "HTTP/1.1 304 Not Modified\r\nServer: nhacviec\r\nContent-Type: text/calendar; charset=utf-8\r\n"
          "ETag: \"e1\"\r\n\r\n" + ok("GET /b 0\n"));
}

TEST_CASE("http server: a header the answer gives twice is sent twice", "[web]") {
    RunningServer server;
    CHECK(exchange(server.port(), "GET /two-cookies HTTP/1.1\r\nConnection: close\r\n\r\n") ==
          "HTTP/1.1 200 OK\r\nServer: nhacviec\r\nContent-Type: text/plain; charset=utf-8\r\n"
          "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
}

TEST_CASE("http server: requests sent together are answered in order on one connection", "[web]") {
    RunningServer server;
    CHECK(exchange(server.port(), "POST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\nhiGET /b HTTP/1.1\r\n"
                                  "Connection: close\r\n\r\n") == ok("POST /a 2\n", true) + ok("GET /b 0\n"));
}

TEST_CASE("http server: at its connection bound it accepts again once a connection closes", "[web]") {
    HttpLimits limits;
    limits.max_connections = 2;
    RunningServer server(limits);
    const std::string get = "GET /k HTTP/1.1\r\n\r\n";
    auto first = std::make_unique<Client>(server.port());
    Client second(server.port());
    first->send(get);
    second.send(get);
    CHECK(first->one_answer() == ok("GET /k 0\n", true));
    CHECK(second.one_answer() == ok("GET /k 0\n", true));
    // The third waits in the kernel's queue: connected, not served.
    Client third(server.port());
    third.send(get);
    CHECK(third.silent_for(500));
    first.reset();
    CHECK(third.one_answer() == ok("GET /k 0\n", true));
}

TEST_CASE("http server: an answer form's POST may carry form::kMaxBodyBytes, others 64 KiB", "[web]") {
    RunningServer server;
    const std::string form_max(form::kMaxBodyBytes, 'f');
    struct Row {
        const char* what;
        std::string request;
        std::string answer;
    };
    const std::vector<Row> rows = {
        {"a form body of exactly 10,551,296 bytes",
         "POST /tra-loi/t0k HTTP/1.1\r\nConnection: close\r\nContent-Length: 10551296\r\n\r\n" + form_max,
         ok("POST /tra-loi/t0k 10551296\n")},
        {"a form Content-Length of 10,551,297 bytes",
         "POST /tra-loi/t0k HTTP/1.1\r\nConnection: close\r\nContent-Length: 10551297\r\n\r\n", kRefusedTooLarge},
        {"a chunked form body of 10,551,297 bytes",
         "POST /tra-loi/t0k HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\na10001\r\n", kRefusedTooLarge},
        {"a body of 65,537 bytes elsewhere",
         "POST /api/status HTTP/1.1\r\nConnection: close\r\nContent-Length: 65537\r\n\r\n", kRefusedTooLarge},
        {"a form's address with GET", "GET /tra-loi/t0k HTTP/1.1\r\nContent-Length: 65537\r\n\r\n", kRefusedTooLarge},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        CHECK(exchange(server.port(), row.request) == row.answer);
    }
}

TEST_CASE("http server: past max_large_bodies at once, 503 with Retry-After; a large body has longer to arrive",
          "[web]") {
    HttpLimits limits;
    limits.timeout = 1s;
    limits.large_bodies = {{"POST", "/tra-loi/", 200000, 3s}};
    limits.max_large_bodies = 1;
    RunningServer server(limits);
    const std::string head = "POST /tra-loi/t0k HTTP/1.1\r\nConnection: close\r\nContent-Length: 100000\r\n\r\n";
    Client first(server.port());
    first.send(head);
    CHECK(first.silent_for(300));  // its header read, its slot taken
    const std::string busy = "Máy chủ đang nhận quá nhiều tệp cùng lúc, xin gửi lại sau giây lát.\n"
                             "Too many uploads at once; please send again in a moment.\n";
    CHECK(exchange(server.port(), head) ==
          "HTTP/1.1 503 Service Unavailable\r\nServer: nhacviec\r\nContent-Type: text/plain; charset=utf-8\r\n"
          "Retry-After: 30\r\nConnection: close\r\nContent-Length: " +
              std::to_string(busy.size()) + "\r\n\r\n" + busy);
    // Other requests are served meanwhile.
    CHECK(exchange(server.port(), "GET /after HTTP/1.1\r\nConnection: close\r\n\r\n") == ok("GET /after 0\n"));
    // Past the 1 s of an ordinary request, within the 3 s of a large body: the body still counts.
    std::this_thread::sleep_for(1500ms);
    first.send(std::string(100000, 'b'));
    CHECK(first.until_closed() == ok("POST /tra-loi/t0k 100000\n"));
    // Its slot given back, the next large body is read.
    CHECK(exchange(server.port(), head + std::string(100000, 'b')) == ok("POST /tra-loi/t0k 100000\n"));
    // An ordinary request silent past its 1 s is closed without an answer.
    Client slow(server.port());
    slow.send("POST /api/status HTTP/1.1\r\nContent-Length: 10\r\n\r\n");
    std::this_thread::sleep_for(1500ms);
    slow.send("0123456789");
    CHECK(slow.until_closed() == "");
    // A large body past its 3 s is closed without an answer too.
    Client slower(server.port());
    slower.send(head);
    std::this_thread::sleep_for(3500ms);
    slower.send(std::string(100000, 'b'));
    CHECK(slower.until_closed() == "");
}

TEST_CASE("http server: behind a trusted proxy the client's address comes from X-Forwarded-For", "[web][proxy]") {
    const auto client = [](unsigned short port, const std::string& forwarded_for) {
        // A prvalue port: an lvalue would make std::exchange, found by ADL, the better match.
        return exchange(static_cast<unsigned short>(port), "GET /client HTTP/1.1\r\nConnection: close\r\n" +
                                  (forwarded_for.empty() ? "" : "X-Forwarded-For: " + forwarded_for + "\r\n") + "\r\n");
    };
    // The test's client connects from 127.0.0.1.
    RunningServer behind_proxy({}, TrustedProxies({"127.0.0.1", "::1"}));
    CHECK(client(behind_proxy.port(), "198.51.100.1, 203.0.113.7") == ok("203.0.113.7\n"));
    CHECK(client(behind_proxy.port(), "203.0.113.7, 127.0.0.1") == ok("203.0.113.7\n"));
    CHECK(client(behind_proxy.port(), "") == ok("127.0.0.1\n"));
    CHECK(client(behind_proxy.port(), "unknown") == ok("127.0.0.1\n"));
    // Two X-Forwarded-For fields are one list.
    CHECK(exchange(behind_proxy.port(), "GET /client HTTP/1.1\r\nConnection: close\r\nX-Forwarded-For: 203.0.113.7\r\n"
                                        "X-Forwarded-For: 198.51.100.1\r\n\r\n") == ok("198.51.100.1\n"));
    // With no trusted proxy the header is ignored.
    RunningServer direct;
    CHECK(client(direct.port(), "203.0.113.7") == ok("127.0.0.1\n"));
}
