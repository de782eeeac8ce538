#include "web/cached_body.h"

#include <utility>

#include "common/gzip.h"
#include "common/log.h"
#include "common/sha256.h"
#include "common/text.h"

namespace nhacviec::web {

namespace {

using text::ascii_iequals;
using text::trim_spaces;

// The quality of one Accept-Encoding element's parameters ("q=0.5"): 1 when
// none is given, -1 when it cannot be read (the element is then ignored).
double quality(std::string_view parameters) {
    double q = 1;
    while (!parameters.empty()) {
        const size_t semicolon = parameters.find(';');
        const std::string_view parameter = trim_spaces(parameters.substr(0, semicolon));
        parameters = semicolon == std::string_view::npos ? std::string_view() : parameters.substr(semicolon + 1);
        if (parameter.size() < 2 || !ascii_iequals(parameter.substr(0, 2), "q=")) continue;
        // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
        const std::string_view value = parameter.substr(2);
        if (value.empty() || (value[0] != '0' && value[0] != '1') || value.size() > 5) return -1;
        if (value.size() > 1 && value[1] != '.') return -1;
        double fraction = 0, scale = 0.1;
        for (size_t i = 2; i < value.size(); ++i, scale /= 10) {
            if (value[i] < '0' || value[i] > '9') return -1;
            fraction += (value[i] - '0') * scale;
        }
        if (value[0] == '1' && fraction > 0) return -1;
        q = value[0] - '0' + fraction;
    }
    return q;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
    std::optional<double> gzip_quality, any_quality;
    while (!accept_encoding.empty()) {
        const size_t comma = accept_encoding.find(',');
        const std::string_view element = trim_spaces(accept_encoding.substr(0, comma));
        accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
        const size_t semicolon = element.find(';');
        const std::string_view coding = trim_spaces(element.substr(0, semicolon));
        const double q = quality(semicolon == std::string_view::npos ? std::string_view() : element.substr(semicolon + 1));
        if (q < 0) continue;
        if (ascii_iequals(coding, "gzip") || ascii_iequals(coding, "x-gzip"))
            gzip_quality = std::max(gzip_quality.value_or(0), q);
        else if (coding == "*")
            any_quality = std::max(any_quality.value_or(0), q);
    }
    if (gzip_quality) return *gzip_quality > 0;
    return any_quality && *any_quality > 0;
}

bool none_match(std::string_view if_none_match, std::string_view etag) {
    if (trim_spaces(if_none_match) == "*") return true;
    std::string_view rest = if_none_match;
    while (true) {
        while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t' || rest.front() == ','))
            rest.remove_prefix(1);
        if (rest.empty()) return false;
        if (rest.starts_with("W/")) rest.remove_prefix(2);
        if (rest.empty() || rest.front() != '"') return false;  // not an entity tag: nothing after it is trusted
        const size_t close = rest.find('"', 1);
        if (close == std::string_view::npos) return false;
        if (rest.substr(0, close + 1) == etag) return true;
        rest.remove_prefix(close + 1);
    }
}

CachedBody::CachedBody(HttpResponse made) : plain_(std::move(made)) {
    if (!plain_.shared_body) plain_.shared_body = std::make_shared<const std::string>(std::move(plain_.body));
    plain_.body.clear();
    const std::string& bytes = *plain_.shared_body;
    etag_ = "\"" + sha256_hex(bytes).substr(0, 32) + "\"";
    plain_.headers.emplace_back("ETag", etag_);
    plain_.headers.emplace_back("Vary", "Accept-Encoding");
    if (auto compressed = gzip(bytes); !compressed)
        log::warning(compressed.error().message + "; the answer is sent uncompressed");
    else if (compressed->size() < bytes.size())
        gzipped_ = std::make_shared<const std::string>(std::move(*compressed));
}

HttpResponse CachedBody::answer(const HttpRequest& request) const {
    if (!request.if_none_match.empty() && none_match(request.if_none_match, etag_)) {
        HttpResponse not_modified{304, plain_.content_type, "", {{"ETag", etag_}, {"Vary", "Accept-Encoding"}}};
        return not_modified;
    }
    HttpResponse out = plain_;  // copies the headers and the pointer, not the bytes
    if (gzipped_ && accepts_gzip(request.accept_encoding)) {
        out.shared_body = gzipped_;
        out.headers.emplace_back("Content-Encoding", "gzip");
    }
    return out;
}

}  // namespace nhacviec::web
