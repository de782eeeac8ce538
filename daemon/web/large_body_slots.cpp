#include "web/large_body_slots.h"

namespace nhacviec {

LargeBodySlots::Slot& LargeBodySlots::Slot::operator=(Slot&& other) noexcept {
    if (this != &other) {
        if (used_) --*used_;
        used_ = std::move(other.used_);
    }
    return *this;
}

LargeBodySlots::Slot::~Slot() {
    if (used_) --*used_;
}

LargeBodySlots::LargeBodySlots(std::size_t capacity)
    : capacity_(capacity), used_(std::make_shared<std::atomic<std::size_t>>(0)) {}

std::optional<LargeBodySlots::Slot> LargeBodySlots::take() {
    std::size_t used = used_->load();
    do {
        if (used >= capacity_) return std::nullopt;
    } while (!used_->compare_exchange_weak(used, used + 1));
    return Slot(used_);
}

}  // namespace nhacviec
