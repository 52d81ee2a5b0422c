// Upload record signing and payloads (see hub_records.hpp).
#include "backend/hub_records.hpp"

#include <nlohmann/json.hpp>

#include "backend/crypto.hpp"

namespace returnloop::kiosk {

bool is_upload_record_kind(std::string_view kind) {
    for (std::string_view k : kUploadRecordKinds) {
        if (k == kind) return true;
    }
    return false;
}

UploadKey upload_key(const VoucherKey& voucher_key) {
    // Derived, so one store secret covers voucher tags, ledger records and uploads without reusing a key across uses.
    return hmac_sha256(voucher_key.bytes(), "returnloop hub upload key v1");
}

std::string upload_envelope(int store, int machine, std::int64_t seq, std::string_view kind, std::string_view payload,
                            std::string_view previous_mac) {
    std::string out = "rl-upload-v1|" + std::to_string(store) + "|" + std::to_string(machine) + "|" + std::to_string(seq) + "|";
    out.append(kind).append("|").append(payload).append("|").append(previous_mac);
    return out;
}

std::string sign_upload_record(const UploadKey& key, int store, int machine, std::int64_t seq, std::string_view kind,
                               std::string_view payload, std::string_view previous_mac) {
    const Mac mac = hmac_sha256(key, upload_envelope(store, machine, seq, kind, payload, previous_mac));
    return to_hex(mac.data(), mac.size());
}

bool upload_record_matches(const UploadKey& key, int store, int machine, std::int64_t seq, std::string_view kind,
                           std::string_view payload, std::string_view previous_mac, std::string_view mac) {
    return equal_constant_time(sign_upload_record(key, store, machine, seq, kind, payload, previous_mac), mac);
}

std::string item_payload(const LedgerItem& item, Currency currency, std::string_view scheme_id) {
    nlohmann::json j = {{"id", item.id},
                        {"session", item.session_id},
                        {"position", item.position},
                        {"gtin", item.gtin14},
                        {"refundMinor", item.refund_minor},
                        {"depositMinor", item.deposit_minor},
                        {"handlingFeeMicros", item.handling_fee_micros},
                        {"currency", currency_code(currency)},
                        {"scheme", scheme_id},
                        {"rule", item.rule_id},
                        {"registerOverride", item.register_override},
                        {"scannedMs", item.scanned_ms},
                        {"scannedDate", format_date(item.scanned_date)}};
    return j.dump();
}

std::string payout_payload(const PayoutRecord& p) {
    nlohmann::json j = {{"id", p.id},
                        {"session", p.session_id},
                        {"kind", payout_kind_id(p.kind)},
                        {"amountMinor", p.amount.minor},
                        {"currency", currency_code(p.amount.currency)},
                        {"items", p.item_count},
                        {"createdMs", p.created_ms},
                        {"createdDate", format_date(p.created_date)},
                        {"voucherSeq", p.voucher_seq},
                        {"code128", p.codes.code128},
                        {"ean13", p.codes.ean13},
                        {"qr", p.codes.qr},
                        {"expires", p.expires ? format_date(*p.expires) : std::string()},
                        {"charity", p.charity}};
    return j.dump();
}

std::string redemption_payload(const PayoutRecord& p) {
    nlohmann::json j = {{"payout", p.id}, {"voucherSeq", p.voucher_seq}, {"redeemedMs", p.redeemed_ms}, {"via", p.redeemed_via}};
    return j.dump();
}

std::string event_payload(const LedgerEvent& e) {
    nlohmann::json j = {{"id", e.id}, {"atMs", e.at_ms}, {"kind", e.kind}, {"detail", e.detail}};
    return j.dump();
}

}  // namespace returnloop::kiosk
