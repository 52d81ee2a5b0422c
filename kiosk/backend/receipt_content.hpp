// What a payout's receipt says: voucher (EAN-13 + Code 128), digital credit (QR) or donation (text only), as
// receipt blocks that the PNG and the ESC/POS output both draw.
#pragma once

#include <string>
#include <vector>

#include "backend/ledger.hpp"
#include "backend/receipt.hpp"
#include "backend/settings.hpp"

namespace returnloop::kiosk {

Result<std::vector<ReceiptBlock>> payout_receipt(const PayoutRecord& payout, const KioskSettings& settings);

// "3.00 EUR", "250 JPY": exact, ASCII, as receipts print it.
std::string plain_amount(Money amount);

// The 40 Code 128 digits grouped in fives for the human-readable line.
std::string grouped_digits(const std::string& digits);

}  // namespace returnloop::kiosk
