// DecisionCounts: what /metrics reports of the decisions taken in the
// console since the daemon started — completions confirmed and returned,
// extensions approved and refused, deadlines set, statuses recorded,
// reminders paused and resumed — counted in memory as each decision is
// recorded, so that a scrape reads no table. Owned by the Api; counted and
// read on the event loop (atomic all the same, so that any thread may read).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "app/decisions.h"

namespace nhacviec::web {

// One kind of decision, as /metrics labels it.
enum class DecisionKind {
    confirmed,
    returned,
    extension_approved,
    extension_refused,
    deadline_set,
    status_set,
    reminders_paused,
    reminders_resumed,
};
inline constexpr std::array<DecisionKind, 8> kDecisionKinds{
    DecisionKind::confirmed,          DecisionKind::returned,     DecisionKind::extension_approved,
    DecisionKind::extension_refused,  DecisionKind::deadline_set, DecisionKind::status_set,
    DecisionKind::reminders_paused,   DecisionKind::reminders_resumed,
};

// The label of `kind`: "confirmed", "extension_approved", …
std::string_view to_string(DecisionKind kind);

// The kind of `decision`, as /metrics counts it once it is recorded.
DecisionKind kind_of(const app::Decision& decision);

class DecisionCounts {
public:
    // One decision of `kind` recorded.
    void count(DecisionKind kind) { counts_[static_cast<size_t>(kind)].fetch_add(1, std::memory_order_relaxed); }
    // The decisions of `kind` recorded since the start.
    std::uint64_t of(DecisionKind kind) const {
        return counts_[static_cast<size_t>(kind)].load(std::memory_order_relaxed);
    }
    // The metric's lines (HELP, TYPE and one line per kind, zeros too), in the Prometheus text format.
    std::string metrics() const;

private:
    std::array<std::atomic<std::uint64_t>, kDecisionKinds.size()> counts_{};
};

}  // namespace nhacviec::web
