// Writes every voucher layout (voucher, its reprint, digital credit) in every kiosk language, as the screen PNG and
// as the thermal printer would print its ESC/POS bytes, plus a crop of each line printed under a barcode and a
// manifest (JSON lines). receipt_ocr_test.py reads the barcodes with zbarimg and the lines with tesseract.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backend/escpos.hpp"
#include "backend/receipt.hpp"
#include "backend/receipt_content.hpp"
#include "common/receipt_words.hpp"
#include "backend/voucher_code.hpp"

using namespace returnloop;
using namespace returnloop::kiosk;

namespace {

constexpr const char* kLanguages[] = {"en", "zh-CN", "es", "de"};
constexpr int kCaptionPad = 8;  // white around the crop, as tesseract likes a margin
constexpr int kCropScale = 2;   // tesseract reads best with digits 30+ pixels tall

// The dots the printer would print: "GS v 0" bands read back from the ESC/POS bytes (1 = black).
Raster printed_dots(const std::string& bytes) {
    Raster out;
    std::size_t i = 2;  // after ESC @
    while (i + 8 <= bytes.size() && bytes.compare(i, 3, "\x1dv0") == 0) {
        const auto u8 = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
        const int width_bytes = u8(i + 4) | (u8(i + 5) << 8);
        const int rows = u8(i + 6) | (u8(i + 7) << 8);
        i += 8;
        out.width = width_bytes * 8;
        for (int r = 0; r < rows; ++r) {
            for (int b = 0; b < width_bytes; ++b) {
                const unsigned char byte = u8(i + static_cast<std::size_t>(r * width_bytes + b));
                for (int bit = 0; bit < 8; ++bit) out.gray.push_back((byte & (0x80 >> bit)) ? 0 : 255);
            }
        }
        out.height += rows;
        i += static_cast<std::size_t>(width_bytes * rows);
    }
    return out;
}

Raster caption_crop(const Raster& page, const SymbolPlacement& s) {
    Raster out;
    out.width = (s.caption_width + 2 * kCaptionPad) * kCropScale;
    out.height = (s.caption_height + 2 * kCaptionPad) * kCropScale;
    out.gray.assign(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height), 255);
    for (int y = 0; y < out.height; ++y) {
        for (int x = 0; x < out.width; ++x) {
            const int px = s.caption_x - kCaptionPad + x / kCropScale, py = s.caption_y - kCaptionPad + y / kCropScale;
            if (px < 0 || py < 0 || px >= page.width || py >= page.height) continue;
            out.gray[static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width) + static_cast<std::size_t>(x)] = page.at(px, py);
        }
    }
    return out;
}

std::string symbology_name(Symbology s) {
    switch (s) {
        case Symbology::ean13: return "EAN-13";
        case Symbology::code128: return "CODE-128";
        case Symbology::qr: return "QR-Code";
    }
    return "";
}

// Vouchers whose digits differ everywhere, the EAN-13 check digit included (seq and amount vary with the language).
PayoutRecord sample_payout(PayoutKind kind, int variant, const VoucherKey& key) {
    PayoutRecord p;
    p.id = variant + 1;
    p.session_id = variant + 1;
    p.kind = kind;
    p.amount = Money{static_cast<std::int64_t>(83 + 1337 * variant), Currency::EUR};
    p.item_count = 3 + variant;
    p.created_date = date_from_ymd(2025, 3 + variant, 14 + variant);
    p.created_ms = 1741953600000 + variant * 86400000LL;
    p.voucher_seq = 12 + 7919 * variant;
    p.expires = Date{p.created_date.days + 90};
    const VoucherId id{421, 1, p.created_date, p.voucher_seq, p.amount};
    if (kind == PayoutKind::voucher) {
        p.codes.code128 = code128_code(id, key);
        p.codes.ean13 = ean13_code(id, "29");
    } else {
        p.codes.qr = qr_code_text(id, key);
    }
    return p;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: returnloop_receipt_samples I18N-FOLDER OUT-FOLDER\n";
        return 2;
    }
    const std::string i18n = argv[1], out_dir = argv[2];
    const VoucherKey key = parse_voucher_key("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f").value();
    KioskSettings settings;
    settings.store = 421;
    settings.machine = 1;
    settings.store_name = "ReturnLoop Markt";
    settings.store_address = "Beispielstraße 1, 10115 Berlin";
    settings.scheme.country = "DE";
    std::ofstream manifest(out_dir + "/manifest.jsonl");
    int variant = 0;
    for (const char* language : kLanguages) {
        Result<ReceiptWords> words = load_receipt_words(i18n, language, "DE");
        if (!words) {
            std::cerr << words.error().path << ": " << words.error().message << "\n";
            return 1;
        }
        struct Layout {
            const char* name;
            PayoutKind kind;
            bool reprint;
        };
        for (const Layout layout : {Layout{"voucher", PayoutKind::voucher, false}, Layout{"reprint", PayoutKind::voucher, true},
                                    Layout{"digital", PayoutKind::digital, false}}) {
            const PayoutRecord payout = sample_payout(layout.kind, variant++, key);
            const std::vector<DepositCount> breakdown{{Money{25, Currency::EUR}, 2}, {Money{8, Currency::EUR}, 1}};
            Result<std::vector<ReceiptBlock>> blocks = payout_receipt(payout, settings, ReceiptContext{&*words, breakdown, layout.reprint});
            if (!blocks) {
                std::cerr << blocks.error().message << "\n";
                return 1;
            }
            for (const char* profile_name : {"screen", "paper"}) {
                const bool paper = std::string(profile_name) == "paper";
                Result<RenderedReceipt> r = render_receipt(*blocks, paper ? printer_profile(576) : screen_profile());
                if (!r) {
                    std::cerr << language << " " << layout.name << " " << profile_name << ": " << r.error().message << "\n";
                    return 1;
                }
                const Raster page = paper ? printed_dots(escpos_receipt(r->raster)) : r->raster;
                const std::string stem = std::string(language) + "-" + layout.name + "-" + profile_name;
                if (!write_png(page, out_dir + "/" + stem + ".png")) return 1;
                nlohmann::json entry{{"png", stem + ".png"}, {"language", language}, {"layout", layout.name}, {"profile", profile_name}};
                entry["symbols"] = nlohmann::json::array();
                for (std::size_t i = 0; i < r->symbols.size(); ++i) {
                    const SymbolPlacement& s = r->symbols[i];
                    const std::string text = s.symbology == Symbology::ean13 ? payout.codes.ean13
                                             : s.symbology == Symbology::code128 ? payout.codes.code128 : payout.codes.qr;
                    nlohmann::json symbol{{"type", symbology_name(s.symbology)}, {"data", text}, {"captionPx", s.caption_px}};
                    if (s.symbology != Symbology::qr) {
                        const std::string crop = stem + "-caption" + std::to_string(i) + ".png";
                        if (!write_png(caption_crop(page, s), out_dir + "/" + crop)) return 1;
                        symbol["caption"] = crop;
                    }
                    entry["symbols"].push_back(symbol);
                }
                manifest << entry.dump() << "\n";
            }
        }
    }
    return manifest.good() ? 0 : 1;
}
