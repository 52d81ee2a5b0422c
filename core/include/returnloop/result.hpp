// Errors a user can cause, carried as values: the field they concern and a plain message.
// The core never throws across the WASM boundary and never aborts on bad input.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace returnloop {

struct Error {
    std::string path;     // the field at fault, e.g. "rules[2].maxMl" or "line 17, column volume_ml"; may be empty
    std::string message;  // plain words, e.g. "maxMl (500) is below minMl (1000)"
};

template <class T>
class Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<0>(state_); }
    T& value() & { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    const T* operator->() const { return &std::get<0>(state_); }
    const T& operator*() const& { return std::get<0>(state_); }

    const Error& error() const { return std::get<1>(state_); }

private:
    std::variant<T, Error> state_;
};

}  // namespace returnloop
