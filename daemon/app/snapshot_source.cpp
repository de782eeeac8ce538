#include "app/snapshot_source.h"

namespace nhacviec::app {

std::shared_ptr<const PlanSnapshot> ReadingSnapshotSource::current() {
    const Date today = vietnam_date(clock_.now());
    auto version = read_plan_version(db_);
    if (!version) {
        error_ = version.error();
        return nullptr;
    }
    if (current_ && current_->setup == setup_ && current_->version == *version) {
        if (current_->day != today) current_ = snapshot_for_day(*current_, today);
        return current_;
    }
    auto built = build_plan_snapshot(db_, setup_, today);
    if (!built) {
        error_ = built.error();
        return nullptr;
    }
    current_ = std::move(*built);
    return current_;
}

}  // namespace nhacviec::app
