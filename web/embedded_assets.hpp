// The JSON assets compiled into the web module (see tools/embed-assets.mjs): name relative to assets/, and text.
#pragma once

#include <span>
#include <string_view>

namespace returnloop::web {

struct EmbeddedFile {
    std::string_view name;  // "schemes/de.json", "factors/warm-v16.json", ...
    std::string_view text;  // the file with whitespace outside strings removed
};

std::span<const EmbeddedFile> embedded_files();  // sorted by name

}  // namespace returnloop::web
