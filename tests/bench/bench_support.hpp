// Shared by the benchmark programs: a generated national-size register, file reading, resident memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace returnloop::bench {

// A register of `rows` products in the catalog CSV format, generated deterministically: GTIN-13s under GS1's
// example prefix 952, names of 20 to 45 bytes, 2000 brands, every material and category, some refillables
// and per-product deposits. keys (if given) receives every GTIN key in file order.
std::string generate_register(std::size_t rows, std::vector<std::uint64_t>* keys = nullptr);

// The whole file, or nullopt when it cannot be read.
std::optional<std::string> read_file(const std::string& path);

// Linux /proc/self/status fields in bytes (VmRSS: resident now; VmHWM: resident peak), 0 when unavailable.
std::uint64_t resident_bytes();
std::uint64_t peak_resident_bytes();
// Resets VmHWM to the current VmRSS (writes 5 to /proc/self/clear_refs); false when the kernel refuses.
bool reset_peak_resident();

}  // namespace returnloop::bench
