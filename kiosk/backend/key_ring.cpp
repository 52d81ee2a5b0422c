// Key fingerprints and the demo secrets' digests (see key_ring.hpp).
#include "backend/key_ring.hpp"

#include <algorithm>
#include <string_view>

#include "backend/crypto.hpp"

namespace returnloop::kiosk {
namespace {

// SHA-256 of the 32 key bytes in assets/kiosk/sample-voucher.key.
constexpr std::string_view kDemoKeyDigest = "b02d5dd0028c7c46ae21175519ebfc4f58ab406885514a7082b4775ac746edc6";
// SHA-256 of the adminPinHash strings the sample settings have carried (demo PIN 2468 before PINs had six digits,
// then 246810): both are public in the repository's history.
constexpr std::string_view kDemoPinHashDigests[] = {
    "7c72a586b3bc6fc4883d09e80591af1cc2545c7507d3e99d47bb9d15d94f3e5b",
    "cf00ea364febfcc2ecf8d4ae78d13fef9c9e904e0666700fa05ab3ffdd8a3220",
};

}  // namespace

std::string key_fingerprint(const VoucherKey& key) {
    const Mac mac = hmac_sha256(key.bytes(), "returnloop key fingerprint v1");
    return to_hex(mac.data(), 8);
}

bool is_demo_key(const VoucherKey& key) {
    const auto& bytes = key.bytes();
    return sha256_hex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())) == kDemoKeyDigest;
}

bool is_demo_pin_hash(std::string_view argon2id_hash) {
    const std::string digest = sha256_hex(argon2id_hash);
    return std::find(std::begin(kDemoPinHashDigests), std::end(kDemoPinHashDigests), digest) != std::end(kDemoPinHashDigests);
}

}  // namespace returnloop::kiosk
