// "Did you mean": edit distance and the nearest known name (did_you_mean.hpp).
#include "did_you_mean.hpp"

#include <algorithm>

namespace returnloop::detail {

namespace {
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    constexpr std::size_t kMax = 64;
    if (a.size() > kMax || b.size() > kMax) return kMax;
    std::array<std::size_t, kMax + 1> row{};
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t substitute = diagonal + (ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]) ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string_view> suggest(std::string_view given, std::span<const std::string_view> known) {
    std::optional<std::string_view> best;
    std::size_t best_distance = std::min<std::size_t>(2, given.size() / 3) + 1;
    if (given.size() <= 3) best_distance = 1;  // only a case slip for very short names such as "Id"
    for (std::string_view name : known) {
        const std::size_t distance = edit_distance(given, name);
        if (distance < best_distance) {
            best = name;
            best_distance = distance;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view given, std::span<const std::string_view> known) {
    if (const auto hint = suggest(given, known)) return " (did you mean \"" + std::string(*hint) + "\"?)";
    std::string out = " (one of ";
    for (std::size_t i = 0; i < known.size(); ++i) {
        if (i > 0) out += ", ";
        out += known[i];
    }
    return out + ")";
}

}  // namespace returnloop::detail
