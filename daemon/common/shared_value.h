// SharedValue<T>: an immutable T behind a shared_ptr, read through the
// lookups of a container (find, at, end …), so that copies of what holds it
// (a plan snapshot's task indexes) share one T instead of copying it. Owned
// by value; the T is never written once made, and is read from any thread.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>

namespace nhacviec {

template <class T>
class SharedValue {
public:
    SharedValue() : value_(std::make_shared<const T>()) {}
    explicit SharedValue(T value) : value_(std::make_shared<const T>(std::move(value))) {}

    const T& operator*() const { return *value_; }
    const T* operator->() const { return value_.get(); }
    // Whether both hold the very same T.
    bool same(const SharedValue& other) const { return value_ == other.value_; }

    template <class Key>
    auto find(const Key& key) const { return value_->find(key); }
    template <class Key>
    decltype(auto) at(const Key& key) const { return value_->at(key); }
    template <class Key>
    std::size_t count(const Key& key) const { return value_->count(key); }
    auto begin() const { return value_->begin(); }
    auto end() const { return value_->end(); }
    std::size_t size() const { return value_->size(); }
    bool empty() const { return value_->empty(); }

private:
    std::shared_ptr<const T> value_;
};

}  // namespace nhacviec
