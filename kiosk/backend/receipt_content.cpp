// Receipt wording and symbols per payout kind (see receipt_content.hpp).
#include "backend/receipt_content.hpp"

#include <ctime>

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

Result<std::vector<ReceiptBlock>> payout_receipt(const PayoutRecord& p, const KioskSettings& settings) {
    std::vector<ReceiptBlock> blocks;
    const std::string when = format_date(p.created_date) + " " + local_time_of(p.created_ms);
    const std::string where = "Store " + padded(settings.store, 4) + "  machine " + std::to_string(settings.machine);
    const std::string containers = std::to_string(p.item_count) + (p.item_count == 1 ? " container" : " containers");
    // Title, place, time, count and amount head every receipt; a voucher or credit adds its number and expiry.
    const auto header = [&](std::string title, std::string time_line, bool with_expiry) {
        blocks.push_back(ReceiptText{std::move(title), true});
        blocks.push_back(ReceiptText{where, false});
        blocks.push_back(ReceiptText{std::move(time_line), false});
        blocks.push_back(ReceiptText{containers, false});
        blocks.push_back(ReceiptGap{8});
        blocks.push_back(ReceiptText{plain_amount(p.amount), true});
        if (with_expiry && p.expires) blocks.push_back(ReceiptText{"Valid until " + format_date(*p.expires), false});
    };
    const std::string numbered = when + "  no. " + padded(p.voucher_seq % 100000, 5);
    switch (p.kind) {
        case PayoutKind::voucher: {
            header("DEPOSIT VOUCHER", numbered, true);
            blocks.push_back(ReceiptGap{16});
            Result<ModuleMatrix> ean = encode_ean13(p.codes.ean13);
            if (!ean) return ean.error();
            blocks.push_back(ReceiptSymbol{*ean, p.codes.ean13});
            blocks.push_back(ReceiptGap{16});
            Result<ModuleMatrix> code128 = encode_code128(p.codes.code128);
            if (!code128) return code128.error();
            blocks.push_back(ReceiptSymbol{*code128, grouped_digits(p.codes.code128)});
            blocks.push_back(ReceiptGap{8});
            blocks.push_back(ReceiptText{"Redeem at any till of this store.", false});
            break;
        }
        case PayoutKind::digital: {
            header("DIGITAL DEPOSIT CREDIT", numbered, true);
            blocks.push_back(ReceiptGap{16});
            Result<ModuleMatrix> qr = encode_qr(p.codes.qr);
            if (!qr) return qr.error();
            blocks.push_back(ReceiptSymbol{*qr, p.codes.qr});
            blocks.push_back(ReceiptText{"Scan this code with the store's app.", false});
            break;
        }
        case PayoutKind::donation: {
            header("DEPOSIT DONATED", when, false);
            blocks.push_back(ReceiptText{"donated to " + p.charity, false});
            blocks.push_back(ReceiptGap{8});
            blocks.push_back(ReceiptText{"Thank you. This receipt is not a voucher.", false});
            break;
        }
    }
    return blocks;
}

}  // namespace returnloop::kiosk
