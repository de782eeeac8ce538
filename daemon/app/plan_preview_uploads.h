// PendingPlanUploads: the plan files previewed in the console and neither
// applied nor cancelled yet, held in memory: one per session (a new preview
// replaces the session's previous one), each expiring `lifetime` after its
// preview, and their bytes together bounded by `max_bytes` (a preview past
// it is refused until others are applied, cancelled or expire). Nothing is
// written to disk; a restart forgets them (the person previews again).
// Owned by the Api; locked inside, so any thread may call it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "app/plan_preview.h"

namespace nhacviec::app {

class PendingPlanUploads {
public:
    // A file previewed, kept for the session that previewed it. A plain value.
    struct Upload {
        std::uint64_t number = 0;  // which preview it is (the apply form names it); set by keep()
        std::string session;       // the session's SignedIn::id_hash
        std::string account;       // who previewed it
        std::string bytes;         // the file exactly as uploaded
        PlanPreview preview;
        std::chrono::sys_seconds expires{};  // set by keep()
    };

    // Defaults: 64 MiB in all (six previews of the largest file the upload
    // page takes, 10 MiB), each kept for 30 minutes.
    static constexpr std::size_t kDefaultMaxBytes = std::size_t{64} << 20;
    static constexpr std::chrono::seconds kDefaultLifetime{30 * 60};

    explicit PendingPlanUploads(std::size_t max_bytes = kDefaultMaxBytes,
                                std::chrono::seconds lifetime = kDefaultLifetime);

    // Keeps `upload` for its session at `now`, replacing the session's previous one; the upload as kept
    // (numbered, with its expiry), or nullptr when the bytes held would pass max_bytes.
    std::shared_ptr<const Upload> keep(Upload upload, std::chrono::sys_seconds now);
    // The session's upload when it has one that has not expired at `now`.
    std::shared_ptr<const Upload> find(std::string_view session, std::chrono::sys_seconds now);
    // Removes and gives the session's upload numbered `number`, when it has not expired; nullptr otherwise
    // (none, another one previewed since, expired).
    std::shared_ptr<const Upload> take(std::string_view session, std::uint64_t number, std::chrono::sys_seconds now);
    // Forgets the session's upload; whether there was one.
    bool discard(std::string_view session);

    // The bytes of the files held, and how many (the expired ones still counted until the next call drops them).
    std::size_t bytes_held() const;
    std::size_t count() const;

private:
    // Drops the uploads expired at `now`. Called with mutex_ held.
    void drop_expired(std::chrono::sys_seconds now);

    const std::size_t max_bytes_;
    const std::chrono::seconds lifetime_;
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<const Upload>, std::less<>> by_session_;  // guarded by mutex_
    std::size_t bytes_ = 0;                                                         // guarded by mutex_
    std::uint64_t last_number_ = 0;                                                 // guarded by mutex_
};

}  // namespace nhacviec::app
