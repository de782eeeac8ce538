// The deliveries that could not be delivered (state dead), as the console's
// inbox lists them: how many there are among those a reader may see, and the
// newest few of them, so that the read stays bounded however many pile up.
// A function over a borrowed Database, on the thread that owns it (the
// console reads it on a render thread's connection).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "outbox/outbox_store.h"
#include "storage/database.h"

namespace nhacviec {

// The dead deliveries a reader sees. A plain value.
struct DeadDeliveries {
    size_t total = 0;             // every dead delivery `wanted` keeps
    std::vector<OutboxRow> newest;  // the newest of them (by when they were given up on), at most the limit asked
};

// The dead deliveries whose notification key `wanted` keeps (every one when
// `wanted` is empty), counted, and the newest `limit` of them read in full.
Result<DeadDeliveries> dead_deliveries(Database& db, size_t limit,
                                       const std::function<bool(std::string_view key)>& wanted);

}  // namespace nhacviec
