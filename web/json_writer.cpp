// JsonOut: the web module's JSON answers. Strings are escaped as RFC 8259 requires; numbers use RapidJSON's
// Grisu2 (shortest round-trip digits), so a rate such as 0.905 reaches JavaScript as exactly 0.905.
#include "json_writer.hpp"

#include <cmath>

#include <rapidjson/internal/dtoa.h>

namespace returnloop::web {

void JsonOut::clear() {
    text_.clear();
    first_ = true;
}

void JsonOut::separate() {
    if (!first_) text_ += ',';
    first_ = false;
}

JsonOut& JsonOut::object() {
    separate();
    text_ += '{';
    first_ = true;
    return *this;
}

JsonOut& JsonOut::array() {
    separate();
    text_ += '[';
    first_ = true;
    return *this;
}

JsonOut& JsonOut::end_object() {
    text_ += '}';
    first_ = false;
    return *this;
}

JsonOut& JsonOut::end_array() {
    text_ += ']';
    first_ = false;
    return *this;
}

JsonOut& JsonOut::key(const char* name) {
    string(name);
    text_ += ':';
    first_ = true;
    return *this;
}

JsonOut& JsonOut::string(std::string_view value) {
    separate();
    text_ += '"';
    for (char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            text_ += '\\';
            text_ += c;
        } else if (byte < 0x20u) {
            static constexpr char kHex[] = "0123456789abcdef";
            text_ += "\\u00";
            text_ += kHex[byte >> 4];
            text_ += kHex[byte & 15u];
        } else {
            text_ += c;
        }
    }
    text_ += '"';
    return *this;
}

JsonOut& JsonOut::integer(std::int64_t value) {
    separate();
    // Digits from the right, in unsigned arithmetic so INT64_MIN needs no special case.
    char buffer[20];
    char* end = buffer + sizeof buffer;
    char* p = end;
    std::uint64_t magnitude = value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    do {
        *--p = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (value < 0) text_ += '-';
    text_.append(p, end);
    return *this;
}

JsonOut& JsonOut::number(double value) {
    if (!std::isfinite(value)) return null();
    separate();
    char buffer[32];
    text_.append(buffer, rapidjson::internal::dtoa(value, buffer));
    return *this;
}

JsonOut& JsonOut::boolean(bool value) {
    separate();
    text_ += value ? "true" : "false";
    return *this;
}

JsonOut& JsonOut::null() {
    separate();
    text_ += "null";
    return *this;
}

}  // namespace returnloop::web
