// ESC/POS bytes for thermal receipt printers: the receipt raster sent as "GS v 0" bit images, then feed and cut.
// Sending the image (rather than the printer's own barcode commands) prints exactly the symbols the PNG shows.
#pragma once

#include <string>

#include "backend/receipt.hpp"

namespace returnloop::kiosk {

// ESC @ (initialise), the raster in bands of at most 256 rows (GS v 0, 1 bit per dot, MSB leftmost, 1 = black),
// ESC d 4 (feed four lines), GS V 66 0 (feed to the cutter and cut).
std::string escpos_receipt(const Raster& raster);

}  // namespace returnloop::kiosk
