// lower_this_thread_priority: the calling thread, and only it, gets the
// background nice value (or keeps a higher one it already had, which an
// unprivileged thread may not lower).
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

#include "service/background_priority.h"

using namespace nhacviec;

namespace {

int nice_of_this_thread() { return getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())); }

}  // namespace

TEST_CASE("a background thread runs below the event loop; the thread that called is the only one changed",
          "[service]") {
    const int before = nice_of_this_thread();
    int in_thread = -100, again = -100;
    std::thread background([&] {
        lower_this_thread_priority();
        in_thread = nice_of_this_thread();
        lower_this_thread_priority();  // a second call changes nothing
        again = nice_of_this_thread();
    });
    background.join();
    CHECK(in_thread == std::max(kBackgroundNice, before));
    CHECK(again == in_thread);
    CHECK(nice_of_this_thread() == before);
}
