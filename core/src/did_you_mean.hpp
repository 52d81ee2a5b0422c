// "Did you mean": the known name nearest a mistyped one, for the data files' unknown-field and unknown-value errors.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace returnloop::detail {

// Case-insensitive edit distance: "maxML" is 0 from "maxMl", "aluminum" 1 from "aluminium".
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest known name, when close enough to be a plausible slip of the keyboard.
std::optional<std::string_view> suggest(std::string_view given, std::span<const std::string_view> known);

// The same as an error argument: the name, or "" when none is close.
inline std::string suggestion(std::string_view given, std::span<const std::string_view> known) {
    const auto hint = suggest(given, known);
    return hint ? std::string(*hint) : std::string();
}

// What follows an unknown name in a message: ` (did you mean "x"?)` when one is close, else ` (one of a, b, c)`.
std::string did_you_mean(std::string_view given, std::span<const std::string_view> known);

// Every id of an enum, by its id function: the names a mistyped one is compared with.
template <class Enum, int Count, class IdOf>
std::array<std::string_view, Count> id_table(IdOf id_of) {
    std::array<std::string_view, Count> ids{};
    for (int i = 0; i < Count; ++i) ids[static_cast<std::size_t>(i)] = id_of(static_cast<Enum>(i));
    return ids;
}

}  // namespace returnloop::detail
