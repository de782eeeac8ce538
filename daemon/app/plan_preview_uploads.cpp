#include "app/plan_preview_uploads.h"

namespace nhacviec::app {

PendingPlanUploads::PendingPlanUploads(std::size_t max_bytes, std::chrono::seconds lifetime)
    : max_bytes_(max_bytes), lifetime_(lifetime) {}

void PendingPlanUploads::drop_expired(std::chrono::sys_seconds now) {
    for (auto it = by_session_.begin(); it != by_session_.end();) {
        if (it->second->expires <= now) {
            bytes_ -= it->second->bytes.size();
            it = by_session_.erase(it);
        } else {
            ++it;
        }
    }
}

std::shared_ptr<const PendingPlanUploads::Upload> PendingPlanUploads::keep(Upload upload,
                                                                           std::chrono::sys_seconds now) {
    std::lock_guard lock(mutex_);
    drop_expired(now);
    const auto previous = by_session_.find(upload.session);
    const std::size_t replaced = previous == by_session_.end() ? 0 : previous->second->bytes.size();
    if (bytes_ - replaced + upload.bytes.size() > max_bytes_) return nullptr;
    if (previous != by_session_.end()) by_session_.erase(previous);
    bytes_ = bytes_ - replaced + upload.bytes.size();
    upload.number = ++last_number_;
    upload.expires = now + lifetime_;
    auto kept = std::make_shared<const Upload>(std::move(upload));
    by_session_.emplace(kept->session, kept);
    return kept;
}

std::shared_ptr<const PendingPlanUploads::Upload> PendingPlanUploads::find(std::string_view session,
                                                                           std::chrono::sys_seconds now) {
    std::lock_guard lock(mutex_);
    drop_expired(now);
    const auto it = by_session_.find(session);
    return it == by_session_.end() ? nullptr : it->second;
}

std::shared_ptr<const PendingPlanUploads::Upload> PendingPlanUploads::take(std::string_view session,
                                                                           std::uint64_t number,
                                                                           std::chrono::sys_seconds now) {
    std::lock_guard lock(mutex_);
    drop_expired(now);
    const auto it = by_session_.find(session);
    if (it == by_session_.end() || it->second->number != number) return nullptr;
    auto taken = it->second;
    bytes_ -= taken->bytes.size();
    by_session_.erase(it);
    return taken;
}

bool PendingPlanUploads::discard(std::string_view session) {
    std::lock_guard lock(mutex_);
    const auto it = by_session_.find(session);
    if (it == by_session_.end()) return false;
    bytes_ -= it->second->bytes.size();
    by_session_.erase(it);
    return true;
}

std::size_t PendingPlanUploads::bytes_held() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

std::size_t PendingPlanUploads::count() const {
    std::lock_guard lock(mutex_);
    return by_session_.size();
}

}  // namespace nhacviec::app
