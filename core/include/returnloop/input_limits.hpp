// Limits on what a person types, one value for the core and every face (the web page reads them from the core).
#pragma once

#include <cstdint>

namespace returnloop {

// A household's containers of one kind a week; a line counted per month or per year may hold as many a year.
inline constexpr std::uint32_t kMaxContainersPerWeek = 10'000;
inline constexpr std::uint32_t kMaxContainersPerYear = kMaxContainersPerWeek * 52;

}  // namespace returnloop
