// Receipt wording and symbols per payout kind (see receipt_content.hpp).
#include "backend/receipt_content.hpp"

#include <ctime>
#include <optional>

#include "backend/impact_files.hpp"

namespace returnloop::kiosk {
namespace {

std::string padded(std::int64_t value, int width) {
    std::string text = std::to_string(value);
    if (static_cast<int>(text.size()) < width) text.insert(0, static_cast<std::size_t>(width) - text.size(), '0');
    return text;
}

std::string local_time_of(std::int64_t unix_ms) {
    const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    return padded(local.tm_hour, 2) + ":" + padded(local.tm_min, 2);
}

}  // namespace

std::string plain_amount(Money amount) {
    const std::uint64_t magnitude =
        amount.minor < 0 ? 0 - static_cast<std::uint64_t>(amount.minor) : static_cast<std::uint64_t>(amount.minor);
    const auto per_major = static_cast<std::uint64_t>(minor_per_major(amount.currency));
    std::string out = amount.minor < 0 ? "-" : "";
    out += std::to_string(magnitude / per_major);
    if (const int exponent = minor_exponent(amount.currency); exponent > 0) {
        const std::string fraction = std::to_string(magnitude % per_major);
        out += '.';
        out.append(static_cast<std::size_t>(exponent) - fraction.size(), '0');
        out += fraction;
    }
    out += ' ';
    out += currency_code(amount.currency);
    return out;
}

std::string grouped_digits(const std::string& digits) {
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && i % 5 == 0) out += ' ';
        out += digits[i];
    }
    return out;
}

Result<ReceiptWords> default_receipt_words(const KioskSettings& settings) {
    return load_receipt_words(default_assets_folder() + "/i18n", "en", settings.scheme.country);
}

Result<std::vector<ReceiptBlock>> payout_receipt(const PayoutRecord& p, const KioskSettings& settings, const ReceiptContext& context) {
    std::optional<ReceiptWords> english;
    if (!context.words) {
        Result<ReceiptWords> loaded = default_receipt_words(settings);
        if (!loaded) return loaded.error();
        english = std::move(loaded).value();
    }
    const ReceiptWords& w = context.words ? *context.words : *english;
    std::vector<ReceiptBlock> blocks;
    const std::string when = format_date(p.created_date) + " " + local_time_of(p.created_ms);
    // Title, store, time, containers by value and amount head every receipt; a voucher or credit adds its expiry.
    const auto header = [&](std::string_view title_key, std::string time_line, bool with_expiry) {
        if (context.reprint) blocks.push_back(ReceiptText{"*** " + w.say("receipt.reprint") + " ***", true});
        blocks.push_back(ReceiptText{w.say(title_key), true});
        if (!settings.store_name.empty()) blocks.push_back(ReceiptText{settings.store_name, false});
        if (!settings.store_address.empty()) blocks.push_back(ReceiptText{settings.store_address, false});
        blocks.push_back(ReceiptText{w.say("receipt.machine", {{"store", padded(settings.store, 4)}, {"machine", std::to_string(settings.machine)}}), false});
        blocks.push_back(ReceiptText{std::move(time_line), false});
        blocks.push_back(ReceiptGap{8});
        for (const DepositCount& line : context.breakdown) {
            const Result<Money> sum = multiply(line.value, line.count);
            blocks.push_back(ReceiptText{w.say("receipt.line", {{"count", std::to_string(line.count)},
                                                                 {"value", w.money(line.value)},
                                                                 {"sum", sum ? w.money(*sum) : std::string("?")}}),
                                         false});
        }
        blocks.push_back(ReceiptText{w.count("receipt.containers", p.item_count), false});
        blocks.push_back(ReceiptGap{8});
        blocks.push_back(ReceiptText{w.money(p.amount), true});
        if (with_expiry && p.expires) blocks.push_back(ReceiptText{w.say("receipt.valid_until", {{"date", format_date(*p.expires)}}), false});
    };
    const std::string numbered = w.say("receipt.numbered", {{"when", when}, {"number", padded(p.voucher_seq % 100000, 5)}});
    switch (p.kind) {
        case PayoutKind::voucher: {
            header("receipt.voucher_title", numbered, true);
            blocks.push_back(ReceiptGap{16});
            Result<ModuleMatrix> ean = encode_ean13(p.codes.ean13);
            if (!ean) return ean.error();
            blocks.push_back(ReceiptSymbol{*ean, p.codes.ean13});
            blocks.push_back(ReceiptGap{16});
            Result<ModuleMatrix> code128 = encode_code128(p.codes.code128);
            if (!code128) return code128.error();
            blocks.push_back(ReceiptSymbol{*code128, grouped_digits(p.codes.code128)});
            blocks.push_back(ReceiptGap{8});
            blocks.push_back(ReceiptText{w.say("receipt.redeem_hint"), false});
            break;
        }
        case PayoutKind::digital: {
            header("receipt.digital_title", numbered, true);
            blocks.push_back(ReceiptGap{16});
            Result<ModuleMatrix> qr = encode_qr(p.codes.qr);
            if (!qr) return qr.error();
            blocks.push_back(ReceiptSymbol{*qr, p.codes.qr});
            blocks.push_back(ReceiptText{w.say("receipt.app_hint"), false});
            break;
        }
        case PayoutKind::donation: {
            header("receipt.donated_title", when, false);
            blocks.push_back(ReceiptText{w.say("receipt.donated_to", {{"charity", p.charity}}), false});
            blocks.push_back(ReceiptGap{8});
            blocks.push_back(ReceiptText{w.say("receipt.not_voucher"), false});
            break;
        }
    }
    return blocks;
}

}  // namespace returnloop::kiosk
