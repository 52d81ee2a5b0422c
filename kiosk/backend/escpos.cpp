// ESC/POS raster encoding (see escpos.hpp). Command reference: Epson "ESC/POS Application Programming Guide",
// GS v 0 (print raster bit image) and GS V (select cut mode and cut paper).
#include "backend/escpos.hpp"

#include <algorithm>

namespace returnloop::kiosk {
namespace {

constexpr int kBandRows = 256;
constexpr std::uint8_t kDarkBelow = 128;  // grey below this prints as a black dot

void put16(std::string& out, int value) {
    out += static_cast<char>(value & 0xFF);
    out += static_cast<char>((value >> 8) & 0xFF);
}

}  // namespace

std::string escpos_receipt(const Raster& raster) {
    std::string out;
    out += "\x1b@";  // ESC @: initialise
    const int bytes_per_row = (raster.width + 7) / 8;
    for (int band_top = 0; band_top < raster.height; band_top += kBandRows) {
        const int rows = std::min(kBandRows, raster.height - band_top);
        out += "\x1dv0";  // GS v 0
        out += '\0';      // m = 0: normal density
        put16(out, bytes_per_row);
        put16(out, rows);
        for (int y = band_top; y < band_top + rows; ++y) {
            for (int byte = 0; byte < bytes_per_row; ++byte) {
                unsigned bits = 0;
                for (int bit = 0; bit < 8; ++bit) {
                    const int x = byte * 8 + bit;
                    if (x < raster.width && raster.at(x, y) < kDarkBelow) bits |= 0x80u >> bit;
                }
                out += static_cast<char>(bits);
            }
        }
    }
    out += "\x1b" "d" "\x04";       // ESC d 4: feed four lines past the tear bar
    out += "\x1dV" "B";             // GS V 66 n: feed n and cut
    out += '\0';
    return out;
}

}  // namespace returnloop::kiosk
