// "{name}" placeholders filled (see placeholders.hpp).
#include "common/placeholders.hpp"

namespace returnloop::kiosk {

std::string fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
    std::string out;
    out.reserve(pattern.size() + 16);
    std::size_t i = 0;
    while (i < pattern.size()) {
        if (pattern[i] == '{') {
            const std::size_t close = pattern.find('}', i);
            if (close != std::string_view::npos) {
                const std::string_view name = pattern.substr(i + 1, close - i - 1);
                bool replaced = false;
                for (const auto& [key, value] : values) {
                    if (key == name) {
                        out += value;
                        replaced = true;
                        break;
                    }
                }
                if (!replaced) out += pattern.substr(i, close - i + 1);
                i = close + 1;
                continue;
            }
        }
        out += pattern[i++];
    }
    return out;
}

}  // namespace returnloop::kiosk
