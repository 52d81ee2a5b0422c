// What a payout's receipt says: voucher (EAN-13 + Code 128), digital credit (QR) or donation (text only), in the
// shopper's language, with the store's name and address and the containers by deposit value, as receipt blocks that
// the PNG and the ESC/POS output both draw. A reprint says so on the paper; its codes are the payout's own.
#pragma once

#include <string>
#include <vector>

#include "backend/ledger.hpp"
#include "backend/receipt.hpp"
#include "common/receipt_words.hpp"
#include "backend/settings.hpp"

namespace returnloop::kiosk {

struct ReceiptContext {
    const ReceiptWords* words = nullptr;   // nullptr: English, from the default assets folder
    std::vector<DepositCount> breakdown;   // the session's containers by refund value (Ledger::deposit_breakdown)
    bool reprint = false;
};

Result<std::vector<ReceiptBlock>> payout_receipt(const PayoutRecord& payout, const KioskSettings& settings,
                                                 const ReceiptContext& context = {});

// English receipt words from the default assets folder.
Result<ReceiptWords> default_receipt_words(const KioskSettings& settings);

// "3.00 EUR", "250 JPY": exact, ASCII, as receipts print it.
std::string plain_amount(Money amount);

// The 40 Code 128 digits grouped in fives for the human-readable line.
std::string grouped_digits(const std::string& digits);

}  // namespace returnloop::kiosk
