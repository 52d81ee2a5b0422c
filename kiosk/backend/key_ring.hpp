// The store's voucher keys by id. The current key tags new vouchers and signs new ledger records; retired keys stay
// to verify and redeem what they tagged until their last voucher expires, and to verify old ledger records.
#pragma once

#include <map>
#include <string>

#include "backend/voucher_code.hpp"

namespace returnloop::kiosk {

struct VoucherKeyRing {
    int current_id = 1;
    std::map<int, VoucherKey> keys;  // every usable key, the current one included

    VoucherKeyRing() = default;
    VoucherKeyRing(const VoucherKey& only) : keys{{1, only}} {}  // NOLINT: one key is a ring with key 1

    bool empty() const { return keys.empty(); }
    const VoucherKey& current() const { return keys.at(current_id); }
    const VoucherKey* find(int id) const {
        const auto it = keys.find(id);
        return it == keys.end() ? nullptr : &it->second;
    }
};

// A short public name for a key (hex of an HMAC under it): the ledger remembers which key each id stood for, so an
// id reused for a different key is refused instead of making old records look forged.
std::string key_fingerprint(const VoucherKey& key);

// The public demo key shipped in assets/kiosk/sample-voucher.key and the demo PIN's hash in sample-config.json:
// known to everyone, so a kiosk refuses them unless it runs with --demo.
bool is_demo_key(const VoucherKey& key);
bool is_demo_pin_hash(std::string_view argon2id_hash);

}  // namespace returnloop::kiosk
