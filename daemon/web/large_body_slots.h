// LargeBodySlots: how many requests with a large body (HttpLimits::
// large_bodies) a server holds at once, bounded by max_large_bodies, so that
// their memory is bounded. A request takes a Slot once its header shows it is
// one of them and keeps it until its answer is written (its body stays in
// memory until then) or it is refused or its connection closes. Owned by
// HttpServer; the slots are taken and given back on its event loop's thread
// (the count is atomic all the same, and a Slot may outlive the server).
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>

namespace nhacviec {

class LargeBodySlots {
public:
    // A slot held: given back when destroyed. Move-only.
    class Slot {
    public:
        Slot(Slot&& other) noexcept = default;
        Slot& operator=(Slot&& other) noexcept;
        ~Slot();

    private:
        friend class LargeBodySlots;
        explicit Slot(std::shared_ptr<std::atomic<std::size_t>> used) : used_(std::move(used)) {}
        std::shared_ptr<std::atomic<std::size_t>> used_;  // null once moved from
    };

    explicit LargeBodySlots(std::size_t capacity);

    // A slot, or nullopt when all `capacity` are taken.
    std::optional<Slot> take();
    std::size_t capacity() const { return capacity_; }
    std::size_t in_use() const { return used_->load(); }

private:
    std::size_t capacity_;
    std::shared_ptr<std::atomic<std::size_t>> used_;
};

}  // namespace nhacviec
