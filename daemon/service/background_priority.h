// The scheduling priority of the daemon's background threads (the render
// threads, the delivery worker): below the event loop's, so that signals,
// the watchdog, /healthz and every request's reading and writing get a core
// first when the background work wants both. Plain functions.
#pragma once

namespace nhacviec {

// The nice value of a background thread; the event loop keeps 0.
inline constexpr int kBackgroundNice = 5;

// Gives the calling thread kBackgroundNice, once per thread (later calls cost
// nothing). Raising one's own nice value needs no privilege; if it fails
// anyway, the thread runs as it was.
void lower_this_thread_priority();

}  // namespace nhacviec
