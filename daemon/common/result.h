// Result<T> and Status: the return type of every call that can fail.
//
// An Error carries one message a person can act on; it names the place
// (file, line, field) where there is one, e.g.
//   plan.txt:84: unknown deadline phrase "Theo chỉ đạo"
// Exceptions from libraries are caught at module boundaries and turned into
// Errors; none escape into callers.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace nhacviec {

// What went wrong, in words. Owned by the Result that carries it.
struct Error {
    std::string message;
    // The cause passes by itself (the database locked by another process):
    // the same call may succeed when tried again a little later.
    bool transient = false;
};

// Either a value of type T or an Error.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<T>(state_); }
    const T& value() const& { assert(ok()); return std::get<T>(state_); }
    T&& value() && { assert(ok()); return std::get<T>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { assert(!ok()); return std::get<Error>(state_); }

private:
    std::variant<T, Error> state_;
};

// Success, or an Error.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), failed_(true) {}

    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { assert(failed_); return error_; }

private:
    Error error_;
    bool failed_ = false;
};

using Status = Result<void>;

}  // namespace nhacviec
