// File access at the kiosk's edge: bounded reads (a settings or catalog file is never slurped without a cap) and
// atomic, fsync'ed replacement so a power cut leaves either the old settings file or the new one, never half of each.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace returnloop::kiosk {

// Reads a whole file of at most max_bytes; a bigger file, a directory or a missing file is an error naming the path.
Result<std::string> read_file(const std::string& path, std::size_t max_bytes);

inline constexpr unsigned kSharedFileMode = 0640;
inline constexpr unsigned kSecretFileMode = 0600;  // settings (they name the key and hold the PIN hash)

// Writes bytes to path through a temporary file in the same folder: write, fsync, rename, fsync the folder. The
// file gets `mode` exactly (the umask does not widen or narrow it).
Status write_file_atomic(const std::string& path, std::string_view bytes, unsigned mode = kSharedFileMode);

// The folder part of a path ("" -> "."), and a path resolved against a folder unless it is absolute.
std::string parent_folder(const std::string& path);
std::string resolve_path(const std::string& folder, const std::string& path);

}  // namespace returnloop::kiosk
