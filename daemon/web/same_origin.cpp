#include "web/same_origin.h"

namespace nhacviec::web {

bool same_origin(const HttpRequest& request, const ServiceSetup& setup) {
    // A browser says where a request comes from, in a header no page can set; a request that says nothing (an old
    // browser, a script) is judged by the form token alone.
    if (!request.sec_fetch_site.empty())
        return request.sec_fetch_site == "same-origin" || request.sec_fetch_site == "none";
    // The pages' no-referrer policy makes browsers send "Origin: null" with their own forms: that tells nothing either.
    if (request.origin.empty() || request.origin == "null") return true;
    const std::string& public_url = setup.config.api.public_url;
    if (!public_url.empty()) {
        const size_t scheme_end = public_url.find("://");
        const size_t path = public_url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
        if (request.origin == public_url.substr(0, path)) return true;
    }
    return !request.host.empty() &&
           (request.origin == "http://" + request.host || request.origin == "https://" + request.host);
}

}  // namespace nhacviec::web
