// Every printed symbol is read back by an external decoder (zbarimg) and must equal what was issued: single
// symbols, whole voucher and digital receipts as PNG, and the ESC/POS raster a thermal printer receives over TCP.
// Quiet zones and module size are checked pixel by pixel, since zbarimg is lenient about them.
#include <doctest/doctest.h>

#include <chrono>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <set>
#include <thread>

#include "backend/escpos.hpp"
#include "backend/receipt_font.hpp"
#include "common/receipt_words.hpp"
#include "backend/receipt.hpp"
#include "backend/receipt_content.hpp"
#include "backend/symbols.hpp"
#include "kiosk_fixtures.hpp"

using namespace kiosk_test;

namespace {

std::set<std::string> decoded_set(const std::string& png) {
    const std::vector<std::string> lines = zbar_decode(png);
    return std::set<std::string>(lines.begin(), lines.end());
}

void check_quiet_zones(const RenderedReceipt& receipt, int min_module) {
    for (const SymbolPlacement& s : receipt.symbols) {
        CHECK(s.module >= min_module);
        CHECK(s.x - s.quiet_left >= 0);
        CHECK(s.x + s.width + s.quiet_right <= receipt.raster.width);
        bool quiet = true;
        for (int y = s.y; y < s.y + s.height; ++y) {
            for (int x = s.x - s.quiet_left; x < s.x; ++x) quiet = quiet && receipt.raster.at(x, y) == 255;
            for (int x = s.x + s.width; x < s.x + s.width + s.quiet_right; ++x) quiet = quiet && receipt.raster.at(x, y) == 255;
        }
        CHECK(quiet);
        // the symbol's first and last module are dark: the quiet zone is measured from the real edge
        CHECK(receipt.raster.at(s.x, s.y) == 0);
        CHECK(receipt.raster.at(s.x + s.width - 1, s.y) == 0);
    }
}

std::string png_of(const TempDir& dir, const std::string& name, const Raster& raster) {
    const std::string path = dir.file(name);
    REQUIRE(write_png(raster, path).ok());
    return path;
}

// Reads "GS v 0" raster bands back from ESC/POS bytes into an image, as a printer would print them.
Raster raster_from_escpos(const std::string& bytes) {
    Raster out;
    REQUIRE(bytes.substr(0, 2) == "\x1b@");
    std::size_t i = 2;
    while (i + 8 <= bytes.size() && bytes.compare(i, 3, "\x1dv0") == 0) {
        const auto u8 = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
        const int width_bytes = u8(i + 4) | (u8(i + 5) << 8);
        const int rows = u8(i + 6) | (u8(i + 7) << 8);
        i += 8;
        REQUIRE(i + static_cast<std::size_t>(width_bytes * rows) <= bytes.size());
        if (out.width == 0) out.width = width_bytes * 8;
        REQUIRE(out.width == width_bytes * 8);
        for (int r = 0; r < rows; ++r) {
            for (int b = 0; b < width_bytes; ++b) {
                const unsigned char byte = u8(i + static_cast<std::size_t>(r * width_bytes + b));
                for (int bit = 0; bit < 8; ++bit) out.gray.push_back((byte & (0x80 >> bit)) ? 0 : 255);
            }
        }
        out.height += rows;
        i += static_cast<std::size_t>(width_bytes * rows);
    }
    CHECK(bytes.substr(i) == std::string("\x1b" "d" "\x04" "\x1dV" "B") + '\0');  // feed, then cut
    return out;
}

// A one-connection TCP server on 127.0.0.1 that keeps what it receives, standing in for a printer's port 9100.
struct LoopbackPrinter {
    int listener = -1;
    int port = 0;
    std::string received;
    std::thread thread;

    LoopbackPrinter() {
        listener = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(listener >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(listener, 1) == 0);
        socklen_t length = sizeof address;
        ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
        port = ntohs(address.sin_port);
        thread = std::thread([this] {
            const int connection = ::accept(listener, nullptr, nullptr);
            if (connection < 0) return;
            char buffer[65536];
            ssize_t n = 0;
            while ((n = ::read(connection, buffer, sizeof buffer)) > 0) received.append(buffer, static_cast<std::size_t>(n));
            ::close(connection);
        });
    }
    std::string wait() {
        thread.join();
        return received;
    }
    ~LoopbackPrinter() {
        if (thread.joinable()) {
            ::shutdown(listener, SHUT_RDWR);
            thread.join();
        }
        ::close(listener);
    }
};

}  // namespace

TEST_SUITE("barcodes") {
TEST_CASE("zbarimg reads each symbology back as issued") {
    TempDir dir;
    SUBCASE("EAN-13") {
        const Result<ModuleMatrix> m = encode_ean13("2910012003006");
        REQUIRE(m.ok());
        CHECK(m->width == 95);  // 3 + 42 + 5 + 42 + 3 modules (GS1 General Specifications)
        const auto receipt = render_receipt({ReceiptSymbol{*m, ""}}, screen_profile());
        REQUIRE(receipt.ok());
        CHECK(zbar_decode(png_of(dir, "ean.png", receipt->raster)) == std::vector<std::string>{"2910012003006"});
        check_quiet_zones(*receipt, 3);
    }
    SUBCASE("Code 128, 40 digits in set C fit 255 modules") {
        const std::string digits = "1042112503140001200300978123456789012345";
        const Result<ModuleMatrix> m = encode_code128(digits);
        REQUIRE(m.ok());
        CHECK(m->width == 255);  // start C + 20 pairs + check (11 each) + stop (13)
        const auto receipt = render_receipt({ReceiptSymbol{*m, digits}}, screen_profile());
        REQUIRE(receipt.ok());
        CHECK(zbar_decode(png_of(dir, "c128.png", receipt->raster)) == std::vector<std::string>{digits});
        check_quiet_zones(*receipt, 3);
    }
    SUBCASE("QR") {
        const std::string text = "RL1.0421.1.20250314.00012.300EUR.AbCdEfGhIjKlMnOpQrSt-_";
        const Result<ModuleMatrix> m = encode_qr(text);
        REQUIRE(m.ok());
        const auto receipt = render_receipt({ReceiptSymbol{*m, ""}}, screen_profile());
        REQUIRE(receipt.ok());
        CHECK(zbar_decode(png_of(dir, "qr.png", receipt->raster)) == std::vector<std::string>{text});
        check_quiet_zones(*receipt, 3);
    }
    SUBCASE("a wrong EAN-13 check digit is refused by libzint, not printed") {
        CHECK_FALSE(encode_ean13("2910012003001").ok());
    }
    SUBCASE("a blank PNG decodes to nothing: the decoder can say no") {
        const auto receipt = render_receipt({ReceiptText{"no barcode here", false}}, screen_profile());
        REQUIRE(receipt.ok());
        CHECK(zbar_decode(png_of(dir, "blank.png", receipt->raster)).empty());
    }
}

TEST_CASE("a voucher receipt's EAN-13 and Code 128 decode to the codes in the ledger") {
    Machine m;
    const KioskTime t = day(2025, 3, 14, 10, 30);
    for (int i = 0; i < 3; ++i) REQUIRE(m.backend->scan("9520000000011", later(t, i * 3000)).accepted());
    REQUIRE(m.backend->scan("9520000000219", later(t, 10000)).accepted());
    const Result<Delivery> d = m.backend->finish(PayoutKind::voucher, later(t, 20000));
    REQUIRE(d.ok());
    CHECK(d->payout.amount == Money{83, Currency::EUR});
    REQUIRE_FALSE(d->png_path.empty());
    CHECK(decoded_set(d->png_path) == std::set<std::string>{d->payout.codes.ean13, d->payout.codes.code128});
    // The PNG is greyscale without alpha (colour type 0): opaque, as zbarimg and printers need.
    const std::string png = read_text(d->png_path);
    REQUIRE(png.size() > 26);
    CHECK(png.substr(1, 3) == "PNG");
    CHECK(static_cast<int>(png[25]) == 0);

    const auto blocks = payout_receipt(d->payout, m.backend->settings());
    REQUIRE(blocks.ok());
    const auto receipt = render_receipt(*blocks, screen_profile());
    REQUIRE(receipt.ok());
    CHECK(receipt->symbols.size() == 2);
    check_quiet_zones(*receipt, 3);
}

TEST_CASE("a digital credit's QR decodes to the code in the ledger") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    REQUIRE(m.backend->scan("9520000000042", t).accepted());
    const Result<Delivery> d = m.backend->finish(PayoutKind::digital, later(t, 1000));
    REQUIRE(d.ok());
    CHECK(zbar_decode(d->png_path) == std::vector<std::string>{d->payout.codes.qr});
}

TEST_CASE("a donation receipt carries no barcode") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    REQUIRE(m.backend->scan("9520000000042", t).accepted());
    const Result<Delivery> d = m.backend->finish(PayoutKind::donation, later(t, 1000));
    REQUIRE(d.ok());
    CHECK(zbar_decode(d->png_path).empty());
}

TEST_CASE("the thermal printer gets ESC/POS over TCP whose raster decodes to the same codes") {
    LoopbackPrinter printer;
    ConfigOptions options;
    options.printer = "tcp://127.0.0.1:" + std::to_string(printer.port);
    Machine m(options);
    const KioskTime t = day(2025, 3, 14);
    REQUIRE(m.backend->scan("9520000000011", t).accepted());
    const Result<Delivery> d = m.backend->finish(PayoutKind::voucher, later(t, 1000));
    REQUIRE(d.ok());
    CHECK(d->print_queued);  // the printer's worker sends it; finish() does not wait
    CHECK_FALSE(d->print_error.has_value());
    const Raster paper = raster_from_escpos(printer.wait());
    REQUIRE(m.backend->wait_for_printer(std::chrono::seconds(30)));
    const std::vector<PrintResult> results = m.backend->take_print_results(t);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status.ok());
    CHECK(results[0].payout_id == d->payout.id);
    CHECK(paper.width == 576);  // 80 mm at 203 dpi
    CHECK(decoded_set(png_of(m.dir, "paper.png", paper)) == std::set<std::string>{d->payout.codes.ean13, d->payout.codes.code128});

    // The printer layout keeps the quiet zones too, at 2 dots per Code 128 module and 3 per EAN-13 module.
    const auto receipt = render_receipt(payout_receipt(d->payout, m.backend->settings()).value(), printer_profile(576));
    REQUIRE(receipt.ok());
    check_quiet_zones(*receipt, 2);
}

TEST_CASE("a receipt written to a printer file holds the same ESC/POS stream") {
    TempDir dir;
    ConfigOptions options;
    options.printer = "file:" + dir.file("lp0");
    Machine m(options);
    const KioskTime t = day(2025, 3, 14);
    REQUIRE(m.backend->scan("9520000000011", t).accepted());
    const Result<Delivery> d = m.backend->finish(PayoutKind::voucher, later(t, 1000));
    REQUIRE(d.ok());
    CHECK(d->print_queued);
    REQUIRE(m.backend->wait_for_printer(std::chrono::seconds(30)));
    CHECK(m.backend->take_print_results(t).at(0).status.ok());
    const Raster paper = raster_from_escpos(read_text(dir.file("lp0")));
    CHECK(decoded_set(png_of(dir, "paper.png", paper)) == std::set<std::string>{d->payout.codes.ean13, d->payout.codes.code128});
}

TEST_CASE("a dead printer is reported and the voucher still exists") {
    int port = 0;
    {
        LoopbackPrinter closed;  // take a free port, then close it
        port = closed.port;
    }
    ConfigOptions options;
    options.printer = "tcp://127.0.0.1:" + std::to_string(port);
    Machine m(options);
    const KioskTime t = day(2025, 3, 14);
    REQUIRE(m.backend->scan("9520000000011", t).accepted());
    const Result<Delivery> d = m.backend->finish(PayoutKind::voucher, later(t, 1000));
    REQUIRE(d.ok());
    CHECK_FALSE(d->printed);
    CHECK(d->print_queued);
    CHECK_FALSE(d->png_path.empty());
    REQUIRE(m.backend->wait_for_printer(std::chrono::seconds(30)));
    const std::vector<PrintResult> results = m.backend->take_print_results(t);
    REQUIRE(results.size() == 1);
    REQUIRE_FALSE(results[0].status.ok());
    CHECK(results[0].status.error().message.find("cannot connect") != std::string::npos);
    CHECK(m.backend->ledger().events("receipt_print_failed").value().size() == 1);
}

TEST_CASE("a receipt that cannot be delivered is retried on a few starts, then given up and recorded") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    REQUIRE(m.backend->scan("9520000000011", t).accepted());
    fs::remove_all(m.vouchers);  // the receipt cannot be written
    const Result<Delivery> d = m.backend->finish(PayoutKind::voucher, later(t, 1000));
    REQUIRE(d.ok());
    CHECK(d->render_error.has_value());
    for (int start = 1; start <= kMaxDeliveryAttempts; ++start) {
        m.crash_and_restart();
        const std::vector<Delivery> again = m.backend->redeliver(later(t, 2000));
        REQUIRE(again.size() == 1);
        CHECK(again[0].render_error.has_value());
    }
    m.crash_and_restart();
    CHECK(m.backend->redeliver(later(t, 3000)).empty());
    const auto abandoned = m.backend->ledger().events("receipt_abandoned").value();
    REQUIRE(abandoned.size() == 1);
    CHECK(abandoned[0].detail == "{\"payout\":1,\"attempts\":3}");
    m.crash_and_restart();
    CHECK(m.backend->redeliver(later(t, 4000)).empty());
    CHECK(m.backend->ledger().verify().value().problems.empty());
}

TEST_CASE("receipt text is drawn in the kiosk's fonts: Chinese, accents and the euro sign are glyphs") {
    const Result<const ReceiptFont*> font = ReceiptFont::shared();
    REQUIRE(font.ok());
    CHECK(decode_utf8("M\xc3\xbcnchen \xe4\xb8\xad\xe2\x82\xac") == U"M\u00fcnchen \u4e2d\u20ac");
    CHECK(decode_utf8("\xff!") == U"\ufffd!");
    // A character the fonts lack would be drawn as '?'; these must each look different from it.
    const auto drawn = [&](const std::string& text) {
        Raster r{64, 64, std::vector<std::uint8_t>(64 * 64, 255)};
        (*font)->draw(r, text, 4, 4, 40, false);
        return r.gray;
    };
    const auto question = drawn("?");
    for (const char* text : {"\xe4\xb8\xad", "\xc3\xbc", "\xe2\x82\xac", "\xc3\x97"}) {
        const auto glyph = drawn(text);
        CHECK(glyph != question);
        CHECK(std::count_if(glyph.begin(), glyph.end(), [](std::uint8_t v) { return v < 128; }) > 10);
    }
    CHECK(plain_amount(Money{300, Currency::EUR}) == "3.00 EUR");  // the CSV export's form, never a receipt's
    CHECK(plain_amount(Money{250, Currency::JPY}) == "250 JPY");
}

TEST_CASE("a receipt is in the shopper's language, with the store and the containers by deposit value") {
    ConfigOptions options;
    options.extra = "  \"store\": {\"name\": \"Markt Mitte\", \"address\": \"Hauptstra\u00dfe 5, 10115 Berlin\"},\n";
    Machine m(options);
    const KioskTime t = day(2025, 3, 14);
    for (int i = 0; i < 4; ++i) REQUIRE(m.backend->scan(i % 2 ? "9520000000028" : "9520000000011", later(t, i * 3000)).accepted());
    REQUIRE(m.backend->scan("9520000000059", later(t, 20'000)).accepted());
    REQUIRE(m.backend->set_receipt_language("de").ok());
    CHECK_FALSE(m.backend->set_receipt_language("xx").ok());
    CHECK(m.backend->receipt_language() == "de");
    const Result<Delivery> d = m.backend->finish(PayoutKind::voucher, later(t, 30'000));
    REQUIRE(d.ok());
    const std::vector<DepositCount> breakdown = m.backend->ledger().deposit_breakdown(d->payout.session_id).value();
    REQUIRE(breakdown.size() == 2);
    CHECK(breakdown[0] == DepositCount{Money{25, Currency::EUR}, 4});
    CHECK(breakdown[1].count == 1);
    const auto texts = [&](const std::string& language, bool reprint) {
        const ReceiptWords words = load_receipt_words(asset("i18n"), language, "DE").value();
        std::vector<std::string> out;
        const std::vector<ReceiptBlock> blocks = payout_receipt(d->payout, m.backend->settings(), ReceiptContext{&words, breakdown, reprint}).value();
        for (const ReceiptBlock& b : blocks) {
            if (const auto* text = std::get_if<ReceiptText>(&b)) out.push_back(text->text);
        }
        return out;
    };
    const auto has = [](const std::vector<std::string>& lines, const std::string& line) {
        return std::find(lines.begin(), lines.end(), line) != lines.end();
    };
    const std::vector<std::string> de = texts("de", false);
    CHECK(has(de, "PFANDBON"));
    CHECK(has(de, "Markt Mitte"));
    CHECK(has(de, "Hauptstra\u00dfe 5, 10115 Berlin"));
    // Amounts come from the core's formatting (de-DE: "0,25 €" with a no-break space), never assembled here.
    CHECK(has(de, "4 \u00d7 " + format_money(Money{25, Currency::EUR}, Locale::de_DE) + " = " + format_money(Money{100, Currency::EUR}, Locale::de_DE)));
    CHECK(has(de, format_money(d->payout.amount, Locale::de_DE)));
    CHECK_FALSE(has(de, "*** NACHDRUCK ***"));
    const std::vector<std::string> zh = texts("zh-CN", true);
    CHECK(has(zh, "\u62bc\u91d1\u5151\u6362\u5238"));  // 押金兑换券
    CHECK(has(zh, "*** \u91cd\u5370 ***"));               // 重印
    CHECK(has(zh, "5 \u4e2a\u5bb9\u5668"));               // 5 个容器
    CHECK(has(zh, format_money(d->payout.amount, Locale::zh_CN)));
    CHECK(has(texts("en", false), "5 containers"));
    // The receipt written at finish() was German: its PNG still decodes to the codes in the ledger.
    CHECK(decoded_set(d->png_path) == std::set<std::string>{d->payout.codes.ean13, d->payout.codes.code128});
}

TEST_CASE("every caption fits whole: a smaller size rather than a cut digit, and a line that cannot fit is an error") {
    const Result<ModuleMatrix> code = encode_code128("1042112503140001200300978123456789012345");
    REQUIRE(code.ok());
    const std::string caption = grouped_digits("1042112503140001200300978123456789012345");
    const auto paper = render_receipt({ReceiptSymbol{*code, caption}}, printer_profile(576));
    REQUIRE(paper.ok());
    REQUIRE(paper->symbols.size() == 1);
    const SymbolPlacement& s = paper->symbols[0];
    CHECK(s.caption_x >= 0);
    CHECK(s.caption_x + s.caption_width <= 576);
    CHECK(s.caption_px >= printer_profile(576).min_caption_px);
    const auto too_long = render_receipt({ReceiptSymbol{*code, caption + caption}}, printer_profile(576));
    CHECK_FALSE(too_long.ok());
}

TEST_CASE("a reprint carries the payout's own codes, says REPRINT, is recorded, and is never a second voucher") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    REQUIRE(m.backend->scan("9520000000011", t).accepted());
    const Result<Delivery> d = m.backend->finish(PayoutKind::voucher, later(t, 1000));
    REQUIRE(d.ok());
    REQUIRE(m.backend->set_receipt_language("zh-CN").ok());
    const Result<Delivery> again = m.backend->reprint(m.backend->last_payout_id(), later(t, 2000), "shopper");
    REQUIRE(again.ok());
    CHECK(again->reprint);
    CHECK(again->payout.id == d->payout.id);
    CHECK(again->payout.codes.code128 == d->payout.codes.code128);
    CHECK(again->png_path != d->png_path);
    CHECK(decoded_set(again->png_path) == std::set<std::string>{d->payout.codes.ean13, d->payout.codes.code128});
    CHECK(sql_value(m.ledger_path, "SELECT COUNT(*) FROM payouts") == "1");
    const auto events = m.backend->ledger().events("receipt_reprinted").value();
    REQUIRE(events.size() == 1);
    CHECK(events[0].detail.find("\"by\":\"shopper\"") != std::string::npos);
    CHECK(events[0].detail.find("\"language\":\"zh-CN\"") != std::string::npos);
    // Once the shopper scans again, only staff can reprint it.
    REQUIRE(m.backend->scan("9520000000042", later(t, 5000)).accepted());
    CHECK(m.backend->last_payout_id() == 0);
    CHECK_FALSE(m.backend->reprint(d->payout.id, later(t, 6000), "shopper").ok());
    CHECK(m.backend->reprint(d->payout.id, later(t, 7000), "staff").ok());
    CHECK_FALSE(m.backend->reprint(999, later(t, 8000), "staff").ok());
    CHECK(m.backend->ledger().events("receipt_reprinted").value().size() == 2);
    CHECK(m.backend->ledger().verify().value().problems.empty());
}
}
