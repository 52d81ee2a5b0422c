// The scheme parser's error list and the hand-rolled text helpers its messages are built from.
#include <charconv>

#include "scheme_detail.hpp"

namespace returnloop::detail {

void ErrorList::add(std::string path, ErrorCode code, std::vector<ErrorArg> args, std::string message) {
    if (errors_.size() < kLimit)
        errors_.push_back(Error{std::move(path), std::move(message), code, std::move(args)});
    else
        ++left_out_;
}

std::vector<Error> ErrorList::take() {
    if (left_out_ > 0)
        errors_.push_back(coded("", ErrorCode::more_errors, {{"count", int_text(static_cast<std::int64_t>(left_out_))}},
                                "and " + int_text(static_cast<std::int64_t>(left_out_)) +
                                    " more problems not listed (fix the first ones and parse again)"));
    left_out_ = 0;
    return std::move(errors_);
}

std::string int_text(std::int64_t value) {
    char buffer[24];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    return std::string(buffer, end);
}

std::string index_path(std::string_view array_path, std::size_t index) {
    std::string path(array_path);
    path += '[';
    path += int_text(static_cast<std::int64_t>(index));
    path += ']';
    return path;
}

std::string field_path(std::string_view object_path, std::string_view name) {
    std::string path(object_path);
    if (!path.empty()) path += '.';
    path += name;
    return path;
}

}  // namespace returnloop::detail
