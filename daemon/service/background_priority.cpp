#include "service/background_priority.h"

#include <sys/resource.h>
#include <unistd.h>

namespace nhacviec {

void lower_this_thread_priority() {
    // On Linux the nice value is per thread: PRIO_PROCESS with a thread id sets that thread's.
    thread_local const bool lowered = setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kBackgroundNice) == 0;
    (void)lowered;
}

}  // namespace nhacviec
