// CachedBody and its header readers: Accept-Encoding (RFC 9110 §12.5.3) and
// If-None-Match (§13.1.2), and the answers it gives: the plain bytes, their
// gzip form (inflated again here with zlib and compared), or 304.
#include <catch2/catch.hpp>

#include <zlib.h>

#include <string>

#include "common/gzip.h"
#include "common/sha256.h"
#include "web/cached_body.h"

using namespace nhacviec;
using nhacviec::web::accepts_gzip;
using nhacviec::web::CachedBody;
using nhacviec::web::none_match;

namespace {

std::string gunzip(const std::string& bytes) {
    z_stream stream{};
    REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
    std::string out(1 << 20, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = inflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    inflateEnd(&stream);
    REQUIRE(status == Z_STREAM_END);
    return out;
}

std::string header(const HttpResponse& response, const std::string& name) {
    for (const auto& [key, value] : response.headers)
        if (key == name) return value;
    return "";
}

HttpRequest asking(std::string accept_encoding, std::string if_none_match = "") {
    HttpRequest request;
    request.accept_encoding = std::move(accept_encoding);
    request.if_none_match = std::move(if_none_match);
    return request;
}

}  // namespace

TEST_CASE("accepts_gzip reads Accept-Encoding with its qualities", "[web][cached-body]") {
    CHECK(accepts_gzip("gzip"));
    CHECK(accepts_gzip("gzip, deflate, br"));
    CHECK(accepts_gzip("GZip"));
    CHECK(accepts_gzip("x-gzip"));
    CHECK(accepts_gzip("br;q=1.0, gzip;q=0.8, *;q=0.1"));
    CHECK(accepts_gzip("*"));
    CHECK(accepts_gzip("deflate, *;q=0.5"));
    CHECK(accepts_gzip("gzip;q=0.001"));
    CHECK_FALSE(accepts_gzip(""));
    CHECK_FALSE(accepts_gzip("identity"));
    CHECK_FALSE(accepts_gzip("deflate, br"));
    CHECK_FALSE(accepts_gzip("gzip;q=0"));
    CHECK_FALSE(accepts_gzip("gzip;q=0.000"));
    CHECK_FALSE(accepts_gzip("*;q=1, gzip;q=0"));  // named, refused: the star does not bring it back
    CHECK_FALSE(accepts_gzip("*;q=0"));
    CHECK_FALSE(accepts_gzip("gzip;q=2"));         // not a quality: the element is ignored
    CHECK_FALSE(accepts_gzip("gzip;q=0.5x"));
    CHECK_FALSE(accepts_gzip("gzip;q=1.5"));
    CHECK_FALSE(accepts_gzip("gzip;q="));
    CHECK_FALSE(accepts_gzip("gzipped"));
}

TEST_CASE("none_match reads If-None-Match", "[web][cached-body]") {
    const std::string tag = "\"0123abcd\"";
    CHECK(none_match("\"0123abcd\"", tag));
    CHECK(none_match("W/\"0123abcd\"", tag));
    CHECK(none_match("\"x\", \"0123abcd\"", tag));
    CHECK(none_match("\"a,b\",\"0123abcd\"", tag));  // a comma inside a tag is part of it
    CHECK(none_match(" * ", tag));
    CHECK_FALSE(none_match("", tag));
    CHECK_FALSE(none_match("\"0123abce\"", tag));
    CHECK_FALSE(none_match("0123abcd", tag));        // not quoted: not an entity tag
    CHECK_FALSE(none_match("\"0123abcd", tag));      // not closed
    CHECK_FALSE(none_match("x, \"0123abcd\"", tag));  // nothing after a malformed element is trusted
}

TEST_CASE("a cached body answers plain, gzip or 304, sharing its bytes", "[web][cached-body]") {
    std::string feed;
    for (int i = 0; i < 2000; ++i) feed += "BEGIN:VEVENT\r\nSUMMARY:Nhiệm vụ I." + std::to_string(i) + "\r\nEND:VEVENT\r\n";
    const CachedBody cached(HttpResponse{200, "text/calendar; charset=utf-8", feed, {{"X-Kept", "yes"}}});
    const std::string etag = "\"" + sha256_hex(feed).substr(0, 32) + "\"";
    CHECK(cached.etag() == etag);

    const HttpResponse plain = cached.answer(asking(""));
    CHECK(plain.status == 200);
    CHECK(plain.content_type == "text/calendar; charset=utf-8");
    CHECK(plain.body.empty());
    CHECK(plain.bytes() == feed);
    CHECK(header(plain, "X-Kept") == "yes");
    CHECK(header(plain, "ETag") == etag);
    CHECK(header(plain, "Vary") == "Accept-Encoding");
    CHECK(header(plain, "Content-Encoding") == "");
    // Two answers share the same bytes.
    CHECK(cached.answer(asking("identity")).shared_body == plain.shared_body);

    const HttpResponse compressed = cached.answer(asking("gzip, deflate"));
    CHECK(compressed.status == 200);
    CHECK(header(compressed, "Content-Encoding") == "gzip");
    CHECK(header(compressed, "ETag") == etag);
    CHECK(compressed.bytes().size() < feed.size() / 10);
    CHECK(gunzip(std::string(compressed.bytes())) == feed);

    const HttpResponse unchanged = cached.answer(asking("gzip", "W/" + etag));
    CHECK(unchanged.status == 304);
    CHECK(unchanged.bytes().empty());
    CHECK(header(unchanged, "ETag") == etag);
    CHECK(cached.answer(asking("gzip", "\"other\"")).status == 200);
}

TEST_CASE("a body gzip would not shrink is sent plain whatever the client accepts", "[web][cached-body]") {
    const CachedBody cached(HttpResponse{200, "text/plain; charset=utf-8", "x", {}});
    const HttpResponse out = cached.answer(asking("gzip"));
    CHECK(out.bytes() == "x");
    CHECK(header(out, "Content-Encoding") == "");
    auto zipped = gzip("x");
    REQUIRE(zipped.ok());
    CHECK(zipped->size() == 21);  // 10 bytes of header, 3 of deflate, 8 of trailer
    CHECK(gunzip(*zipped) == "x");
}
