// libsodium in one place: initialisation, HMAC-SHA256, constant-time comparison, argon2id PIN hashes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace returnloop::kiosk {

void ensure_sodium();  // sodium_init() once; aborts the program only if the library cannot start (no entropy)

using Mac = std::array<unsigned char, 32>;
Mac hmac_sha256(const std::array<unsigned char, 32>& key, std::string_view message);
bool equal_constant_time(std::string_view a, std::string_view b);  // sodium_memcmp, false on length mismatch
std::string to_hex(const unsigned char* bytes, std::size_t size);
std::string sha256_hex(std::string_view bytes);

// argon2id via crypto_pwhash_str at libsodium's "interactive" cost (about 64 MiB, a tenth of a second).
std::string hash_pin(std::string_view pin);
bool pin_matches(std::string_view hash, std::string_view pin);
bool looks_like_argon2id_hash(std::string_view hash);

}  // namespace returnloop::kiosk
