// libsodium wrappers (see crypto.hpp).
#include "backend/crypto.hpp"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace returnloop::kiosk {

void ensure_sodium() {
    if (sodium_init() < 0) {
        std::fputs("returnloop-kiosk: libsodium could not initialise\n", stderr);
        std::abort();
    }
}

Mac hmac_sha256(const std::array<unsigned char, 32>& key, std::string_view message) {
    static_assert(crypto_auth_hmacsha256_KEYBYTES == 32 && crypto_auth_hmacsha256_BYTES == 32);
    ensure_sodium();
    Mac out{};
    crypto_auth_hmacsha256(out.data(), reinterpret_cast<const unsigned char*>(message.data()), message.size(), key.data());
    return out;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, size);
    out.pop_back();
    return out;
}

std::string sha256_hex(std::string_view bytes) {
    ensure_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return to_hex(digest, sizeof digest);
}

std::string hash_pin(std::string_view pin) {
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return {};  // out of memory
    }
    return out;
}

bool pin_matches(std::string_view hash, std::string_view pin) {
    ensure_sodium();
    if (!looks_like_argon2id_hash(hash)) return false;
    const std::string terminated(hash);
    return crypto_pwhash_str_verify(terminated.c_str(), pin.data(), pin.size()) == 0;
}

bool looks_like_argon2id_hash(std::string_view hash) {
    return hash.size() < crypto_pwhash_STRBYTES && hash.substr(0, 10) == "$argon2id$";
}

}  // namespace returnloop::kiosk
