// ensure_curl_initialised(): libcurl's process-wide set-up
// (curl_global_init), done once however many channels (webhook, SMTP) and
// threads ask for it. Every channel calls it before curl_easy_init.
#pragma once

#include <curl/curl.h>

namespace nhacviec {

// Runs curl_global_init(CURL_GLOBAL_DEFAULT) the first time it is called;
// later calls, from any thread, wait for that one and then do nothing.
// curl_global_cleanup is never called: the process exit releases it.
inline void ensure_curl_initialised() {
    // A function-local static: C++ guarantees it is initialised exactly once,
    // thread-safely.
    static const CURLcode initialised = curl_global_init(CURL_GLOBAL_DEFAULT);
    (void)initialised;
}

}  // namespace nhacviec
