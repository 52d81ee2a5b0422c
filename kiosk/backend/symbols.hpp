// Barcode symbols as module matrices, encoded by libzint (EAN-13, Code 128) and nayuki's qrcodegen (QR).
// Nothing here knows a symbology's rules: the libraries encode, this file only copies their modules out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"

namespace returnloop::kiosk {

enum class Symbology : std::uint8_t { ean13, code128, qr };

struct ModuleMatrix {
    Symbology symbology = Symbology::code128;
    int width = 0;   // modules
    int height = 0;  // 1 for linear symbols: one row, drawn as tall bars
    std::vector<std::uint8_t> dark;  // row-major, 1 = dark module
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)] != 0; }

    // Light margin each side, in modules, that the symbology's standard requires around the symbol.
    int quiet_left() const;
    int quiet_right() const;
    int quiet_vertical() const;  // QR only; linear symbols get theirs from the receipt layout
};

Result<ModuleMatrix> encode_ean13(std::string_view thirteen_digits);  // the check digit must be right
Result<ModuleMatrix> encode_code128(std::string_view text);           // ASCII
Result<ModuleMatrix> encode_qr(std::string_view text);                // byte mode, error correction M

}  // namespace returnloop::kiosk
