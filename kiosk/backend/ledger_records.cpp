// What each ledger record's MAC covers (see ledger_records.hpp). Fields are joined with '|' after the record kind
// and the signing key's id; text fields come last or cannot hold '|' ambiguously because every field count is fixed.
#include "backend/ledger_records.hpp"

#include <sodium.h>

#include "backend/crypto.hpp"

namespace returnloop::kiosk {
namespace {

std::string n(std::int64_t value) { return std::to_string(value); }

std::string signed_hex(const RecordKey& key, const std::string& message) {
    const Mac mac = hmac_sha256(key.bytes, message);
    return to_hex(mac.data(), mac.size());
}

std::string header(std::string_view kind, int key_id) { return std::string(kind) + "|k" + n(key_id) + "|"; }

}  // namespace

std::string_view payout_kind_id(PayoutKind kind) {
    switch (kind) {
        case PayoutKind::voucher: return "voucher";
        case PayoutKind::donation: return "donation";
        case PayoutKind::digital: return "digital";
    }
    return "voucher";
}

std::optional<PayoutKind> payout_kind_from_id(std::string_view id) {
    if (id == "voucher") return PayoutKind::voucher;
    if (id == "donation" || id == "donate") return PayoutKind::donation;
    if (id == "digital") return PayoutKind::digital;
    return std::nullopt;
}

std::string_view payout_status_id(PayoutStatus status) {
    switch (status) {
        case PayoutStatus::issued: return "issued";
        case PayoutStatus::redeemed: return "redeemed";
        case PayoutStatus::donated: return "donated";
    }
    return "issued";
}

RecordKey record_key_for(int key_id, const VoucherKey& voucher_key) {
    RecordKey key;
    key.id = key_id;
    key.bytes = hmac_sha256(voucher_key.bytes(), "returnloop ledger record key v1");
    return key;
}

void wipe(RecordKey& key) { sodium_memzero(key.bytes.data(), key.bytes.size()); }

std::string item_mac(const RecordKey& key, const LedgerItem& i, std::string_view previous_mac) {
    return signed_hex(key, header("item", key.id) + n(i.id) + "|" + n(i.session_id) + "|" + n(i.position) + "|" + i.gtin14 + "|" +
                               n(i.refund_minor) + "|" + n(i.deposit_minor) + "|" + n(i.handling_fee_micros) + "|" + i.rule_id +
                               "|" + (i.register_override ? "1" : "0") + "|" + n(i.scanned_ms) + "|" +
                               format_date(i.scanned_date) + "|" + std::string(previous_mac));
}

std::string payout_mac(const RecordKey& key, const PayoutRecord& p, std::string_view previous_mac) {
    return signed_hex(key, header("payout", key.id) + n(p.id) + "|" + n(p.session_id) + "|" + std::string(payout_kind_id(p.kind)) +
                               "|" + n(p.amount.minor) + "|" + std::string(currency_code(p.amount.currency)) + "|" +
                               n(p.item_count) + "|" + n(p.created_ms) + "|" + format_date(p.created_date) + "|" +
                               n(p.voucher_seq) + "|" + p.codes.code128 + "|" + p.codes.ean13 + "|" + p.codes.qr + "|" +
                               (p.expires ? format_date(*p.expires) : "") + "|" + std::string(previous_mac) + "|" + p.charity);
}

std::string redemption_mac(const RecordKey& key, const RedemptionRecord& r, std::string_view previous_mac) {
    return signed_hex(key, header("redemption", key.id) + n(r.id) + "|" + n(r.payout_id) + "|" + r.status + "|" + n(r.at_ms) +
                               "|" + std::string(previous_mac) + "|" + r.via);
}

std::string event_mac(const RecordKey& key, const LedgerEvent& e, std::string_view previous_mac) {
    return signed_hex(key, header("event", key.id) + n(e.id) + "|" + n(e.at_ms) + "|" + e.kind + "|" + std::string(previous_mac) +
                               "|" + e.detail);
}

std::string admin_state_mac(const RecordKey& key, const AdminState& s) {
    return signed_hex(key, header("admin", key.id) + n(s.failures) + "|" + n(s.locked_until_ms) + "|" + s.source);
}

std::string head_mac(const RecordKey& key, const ChainHead& h) {
    return signed_hex(key, header("head", key.id) + h.chain + "|" + n(h.count) + "|" + n(h.last_id) + "|" + h.last_mac);
}

}  // namespace returnloop::kiosk
