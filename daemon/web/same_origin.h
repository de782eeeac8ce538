// The cross-site check of every form the daemon serves (the agency's page,
// the console): whether a POST comes from a page of this daemon, by what the
// browser says of it (Sec-Fetch-Site, else Origin) against the configured
// public address or the Host the request names. Pure; any thread.
#pragma once

#include "app/setup.h"
#include "web/http_message.h"

namespace nhacviec::web {

// false when the browser says the form was posted from another site; true
// when it says it is ours, or says nothing (an old browser, a script), which
// the form's token alone then decides.
bool same_origin(const HttpRequest& request, const ServiceSetup& setup);

}  // namespace nhacviec::web
