// "{name}" placeholders in translated strings, filled with their values: shared by the window's texts and the
// receipts, which read the same i18n files.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace returnloop::kiosk {

// Replaces each "{name}" in pattern with its value, in one pass (a value is never searched again); an unknown name
// stays as written.
std::string fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string_view>> values);

}  // namespace returnloop::kiosk
