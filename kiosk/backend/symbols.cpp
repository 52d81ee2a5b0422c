// libzint and qrcodegen encoders behind one module-matrix type (see symbols.hpp).
#include "backend/symbols.hpp"

#include <qrcodegen/qrcodegen.hpp>
#include <zint.h>

#include <memory>

namespace returnloop::kiosk {
namespace {

struct ZintDeleter {
    void operator()(zint_symbol* symbol) const { ZBarcode_Delete(symbol); }
};

Result<ModuleMatrix> encode_linear(int zint_symbology, Symbology kind, std::string_view text) {
    if (text.empty() || text.size() > 80) return Error{"barcode", "a linear barcode carries 1 to 80 characters"};
    std::unique_ptr<zint_symbol, ZintDeleter> symbol(ZBarcode_Create());
    if (!symbol) return Error{"barcode", "libzint could not allocate a symbol"};
    symbol->symbology = zint_symbology;
    symbol->input_mode = DATA_MODE;
    const int rc = ZBarcode_Encode(symbol.get(), reinterpret_cast<const unsigned char*>(text.data()),
                                   static_cast<int>(text.size()));
    if (rc >= ZINT_ERROR) return Error{"barcode", std::string("libzint: ") + symbol->errtxt};
    ModuleMatrix matrix;
    matrix.symbology = kind;
    matrix.width = symbol->width;
    matrix.height = 1;
    matrix.dark.resize(static_cast<std::size_t>(matrix.width));
    // libzint keeps each row bit-packed, least significant bit first (its module_is_set() in common.h).
    // EAN-13 may have more than one row for add-ons; the bars are in the last row.
    const int row = symbol->rows - 1;
    for (int x = 0; x < matrix.width; ++x) {
        matrix.dark[static_cast<std::size_t>(x)] = (symbol->encoded_data[row][x >> 3] >> (x & 7)) & 1;
    }
    return matrix;
}

}  // namespace

int ModuleMatrix::quiet_left() const {
    switch (symbology) {
        case Symbology::ean13: return 11;  // GS1 General Specifications: 11 modules left of an EAN-13
        case Symbology::code128: return 10;  // ISO/IEC 15417: at least 10 modules
        case Symbology::qr: return 4;  // ISO/IEC 18004: 4 modules all around
    }
    return 10;
}

int ModuleMatrix::quiet_right() const {
    switch (symbology) {
        case Symbology::ean13: return 7;
        case Symbology::code128: return 10;
        case Symbology::qr: return 4;
    }
    return 10;
}

int ModuleMatrix::quiet_vertical() const { return symbology == Symbology::qr ? 4 : 0; }

Result<ModuleMatrix> encode_ean13(std::string_view digits) {
    if (digits.size() != 13) return Error{"ean13", "an EAN-13 has 13 digits"};
    return encode_linear(BARCODE_EANX_CHK, Symbology::ean13, digits);
}

Result<ModuleMatrix> encode_code128(std::string_view text) {
    for (char c : text) {
        if (static_cast<unsigned char>(c) > 0x7e || static_cast<unsigned char>(c) < 0x20) {
            return Error{"code128", "the voucher payload must be printable ASCII"};
        }
    }
    return encode_linear(BARCODE_CODE128, Symbology::code128, text);
}

Result<ModuleMatrix> encode_qr(std::string_view text) {
    if (text.size() > 1000) return Error{"qr", "a voucher QR carries at most 1000 bytes"};
    std::vector<std::uint8_t> bytes(text.begin(), text.end());
    try {
        const qrcodegen::QrCode qr = qrcodegen::QrCode::encodeBinary(bytes, qrcodegen::QrCode::Ecc::MEDIUM);
        ModuleMatrix matrix;
        matrix.symbology = Symbology::qr;
        matrix.width = qr.getSize();
        matrix.height = qr.getSize();
        matrix.dark.resize(static_cast<std::size_t>(matrix.width) * static_cast<std::size_t>(matrix.height));
        for (int y = 0; y < matrix.height; ++y) {
            for (int x = 0; x < matrix.width; ++x) {
                matrix.dark[static_cast<std::size_t>(y * matrix.width + x)] = qr.getModule(x, y) ? 1 : 0;
            }
        }
        return matrix;
    } catch (const std::exception& e) {  // qrcodegen throws data_too_long
        return Error{"qr", std::string("qrcodegen: ") + e.what()};
    }
}

}  // namespace returnloop::kiosk
