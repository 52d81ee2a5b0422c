// The records a kiosk uploads to the hub, and their signature: one format, used by the kiosk's upload outbox, by the
// hub when it verifies a batch, and by the load generator, so a change to the format flows through all three.
//   envelope  = "rl-upload-v1|<store>|<machine>|<seq>|<kind>|<payload>|<previous record's mac>"
//   mac       = hex HMAC-SHA256(upload key, envelope), upload key = HMAC-SHA256(store voucher key, label)
// seq counts every record of a machine from 1 without gaps; each mac covers the previous one, so a dropped,
// reordered, edited or replayed record breaks the chain. The payload is JSON text, signed byte for byte.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "backend/ledger.hpp"
#include "backend/voucher_code.hpp"

namespace returnloop::kiosk {

// Record kinds a kiosk uploads: an accepted item, a session's payout (voucher, donation or digital), a voucher
// redeemed at the kiosk's own till, and a ledger event (admin, settings change, bin emptying...).
inline constexpr std::array<std::string_view, 4> kUploadRecordKinds = {"item", "payout", "redemption", "event"};
bool is_upload_record_kind(std::string_view kind);

using UploadKey = std::array<unsigned char, 32>;
UploadKey upload_key(const VoucherKey& voucher_key);

std::string upload_envelope(int store, int machine, std::int64_t seq, std::string_view kind, std::string_view payload,
                            std::string_view previous_mac);
std::string sign_upload_record(const UploadKey& key, int store, int machine, std::int64_t seq, std::string_view kind,
                               std::string_view payload, std::string_view previous_mac);  // 64 hex digits
bool upload_record_matches(const UploadKey& key, int store, int machine, std::int64_t seq, std::string_view kind,
                           std::string_view payload, std::string_view previous_mac, std::string_view mac);

// Payload JSON of each kind, built from the ledger's own rows (field names in hub/README.md).
std::string item_payload(const LedgerItem& item, Currency currency, std::string_view scheme_id);
std::string payout_payload(const PayoutRecord& payout);
std::string redemption_payload(const PayoutRecord& payout);  // payout id, voucher seq, when and via
std::string event_payload(const LedgerEvent& event);

}  // namespace returnloop::kiosk
