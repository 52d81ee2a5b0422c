// Quoting user text inside error messages: cut on a UTF-8 character boundary so a message is always valid UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace returnloop::detail {

// At most max_bytes of text, never ending inside a multi-byte character, with "…" when something was cut.
inline std::string quoted_prefix(std::string_view text, std::size_t max_bytes) {
    std::size_t end = text.size() <= max_bytes ? text.size() : max_bytes;
    if (end < text.size()) {
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0u) == 0x80u) --end;
    }
    return "\"" + std::string(text.substr(0, end)) + (end < text.size() ? "…" : "") + "\"";
}

}  // namespace returnloop::detail
