#include "web/download_response.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "common/url_encode.h"
#include "web/console_task_list.h"

namespace nhacviec::web {
namespace {

bool plain(unsigned char c) { return std::isalnum(c) || c == '.' || c == '-' || c == '_'; }

}  // namespace

std::string attachment_header(const std::string& name) {
    if (!name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return plain(static_cast<unsigned char>(c)); }))
        return "attachment; filename=\"" + name + "\"";
    std::string ascii;
    for (const unsigned char c : search_key(name)) ascii += plain(c) ? static_cast<char>(c) : '_';
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + url_encode(name);
}

HttpResponse download_response(std::string media_type, std::string bytes, const std::string& name) {
    HttpResponse r{200, std::move(media_type), std::move(bytes), {}};
    r.headers.emplace_back("Content-Disposition", attachment_header(name));
    r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
    r.headers.emplace_back("Cache-Control", "no-store");
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return r;
}

}  // namespace nhacviec::web
