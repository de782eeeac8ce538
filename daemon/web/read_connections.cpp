#include "web/read_connections.h"

namespace nhacviec {

Result<Database> open_same_file(const std::filesystem::path& path, const Database::FileId& file) {
    auto opened = Database::open_existing(path);
    if (!opened) return opened.error();
    if (!(opened->file() == file))
        return Error{path.string() + ": the database file was replaced by another file while open"};
    return opened;
}

ReadConnections::ReadConnections(const Database& owner) : path_(owner.path()), file_(owner.file()) {}

ReadConnections::Lease::~Lease() {
    if (db_) pool_->give_back(std::move(db_));
}

Result<ReadConnections::Lease> ReadConnections::lend() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto db = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(db));
        }
    }
    auto opened = open_same_file(path_, file_);
    if (!opened) return opened.error();
    return Lease(*this, std::make_unique<Database>(std::move(*opened)));
}

void ReadConnections::give_back(std::unique_ptr<Database> db) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(db));
}

}  // namespace nhacviec
