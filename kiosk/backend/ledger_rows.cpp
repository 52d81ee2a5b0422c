// Ledger rows read back into records (see ledger_rows.hpp).
#include "backend/ledger_rows.hpp"

namespace returnloop::kiosk::detail {

Date date_or_epoch(const std::string& iso) {
    Result<Date> date = parse_date(iso);
    return date ? *date : Date{};
}

PayoutRecord read_payout(const Statement& s) {
    PayoutRecord p;
    p.id = s.integer(0);
    p.session_id = s.integer(1);
    p.kind = payout_kind_from_id(s.text(2)).value_or(PayoutKind::voucher);
    p.amount = Money{s.integer(3), currency_from_code(s.text(4)).value_or(Currency::EUR)};
    p.item_count = static_cast<int>(s.integer(5));
    p.created_ms = s.integer(6);
    p.created_date = date_or_epoch(s.text(7));
    p.voucher_seq = s.is_null(8) ? 0 : s.integer(8);
    p.codes = PayoutCodes{s.text(9), s.text(10), s.text(11)};
    if (!s.is_null(12)) p.expires = date_or_epoch(s.text(12));
    p.charity = s.text(13);
    p.key_id = static_cast<int>(s.integer(14));
    const std::string status = s.text(15);
    p.status = status == "redeemed" ? PayoutStatus::redeemed : status == "donated" ? PayoutStatus::donated : PayoutStatus::issued;
    p.delivered = s.integer(16) != 0;
    p.redeemed_ms = s.is_null(17) ? 0 : s.integer(17);
    p.redeemed_via = s.text(18);
    return p;
}

LedgerItem read_item(const Statement& s) {  // columns as in kItemColumns
    LedgerItem item;
    item.id = s.integer(0);
    item.session_id = s.integer(1);
    item.position = static_cast<int>(s.integer(2));
    item.gtin14 = s.text(3);
    item.refund_minor = s.integer(4);
    item.deposit_minor = s.integer(5);
    item.handling_fee_micros = s.integer(6);
    item.rule_id = s.text(7);
    item.register_override = s.integer(8) != 0;
    item.scanned_ms = s.integer(9);
    item.scanned_date = date_or_epoch(s.text(10));
    item.key_id = static_cast<int>(s.integer(11));
    return item;
}

}  // namespace returnloop::kiosk::detail
