// Open-addressing hash from a GTIN key to a row of the product register.
// Each 4-byte slot holds the row number (24 bits) and an 8-bit fingerprint of the key's hash, so a probe reads
// a row (another cache miss) only when the fingerprint matches: a lookup costs about two memory reads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace returnloop::detail {

class KeyIndex {
public:
    // row + 1 must fit in 24 bits; 0 marks an empty slot.
    static constexpr std::uint32_t kMaxRows = (1u << 24) - 2;

    // Sizes the table for `rows` rows at most 75% full, re-inserting the rows already held.
    template <class KeyOfRow>
    void reserve(std::size_t rows, KeyOfRow key_of_row) {
        const std::size_t wanted = rows + rows / 3 + 16;
        if (wanted <= slots_.size()) return;
        std::vector<std::uint32_t> old;
        old.swap(slots_);
        slots_.assign(wanted, 0);
        for (const std::uint32_t slot : old) {
            if (slot != 0) place(hash(key_of_row((slot & kRowMask) - 1)), slot & kRowMask);
        }
    }

    // The row holding `key`, if any.
    template <class KeyOfRow>
    std::optional<std::uint32_t> find(std::uint64_t key, KeyOfRow key_of_row) const {
        if (slots_.empty()) return std::nullopt;
        const std::uint64_t h = hash(key);
        const std::uint32_t fingerprint = static_cast<std::uint32_t>(h & 0xFFu) << 24;
        std::size_t i = home(h);
        for (;;) {
            const std::uint32_t slot = slots_[i];
            if (slot == 0) return std::nullopt;
            if ((slot & ~kRowMask) == fingerprint) {
                const std::uint32_t row = (slot & kRowMask) - 1;
                if (key_of_row(row) == key) return row;
            }
            if (++i == slots_.size()) i = 0;
        }
    }

    // Starts loading the slot `key` hashes to, so a find() soon after does not stall on it.
#if defined(__GNUC__) || defined(__clang__)
    // Always inlined: g++ 12 otherwise judges a function holding only a prefetch to be pure and drops the call.
    [[gnu::always_inline]] void prefetch(std::uint64_t key) const {
        if (!slots_.empty()) __builtin_prefetch(&slots_[home(hash(key))]);
    }
#else
    void prefetch(std::uint64_t) const {}
#endif

    // Adds a key known to be absent; `count` is the number of rows held after this one.
    template <class KeyOfRow>
    void insert(std::uint64_t key, std::uint32_t row, std::size_t count, KeyOfRow key_of_row) {
        if (count + count / 3 + 1 > slots_.size()) reserve(count * 2, key_of_row);
        place(hash(key), row + 1);
    }

    std::size_t memory_bytes() const { return slots_.capacity() * sizeof(std::uint32_t); }

private:
    static constexpr std::uint32_t kRowMask = (1u << 24) - 1;

    // MurmurHash3's 64-bit finaliser: GTINs of one company share their leading digits, so mix every bit.
    static std::uint64_t hash(std::uint64_t key) {
        key ^= key >> 33;
        key *= 0xFF51AFD7ED558CCDull;
        key ^= key >> 33;
        key *= 0xC4CEB9FE1A85EC53ull;
        key ^= key >> 33;
        return key;
    }

    // Maps the high 32 bits of the hash onto [0, size) by multiplication (no power-of-two size needed).
    std::size_t home(std::uint64_t h) const {
        return static_cast<std::size_t>(((h >> 32) * static_cast<std::uint64_t>(slots_.size())) >> 32);
    }

    void place(std::uint64_t h, std::uint32_t row_plus_one) {
        std::size_t i = home(h);
        while (slots_[i] != 0) {
            if (++i == slots_.size()) i = 0;
        }
        slots_[i] = (static_cast<std::uint32_t>(h & 0xFFu) << 24) | row_plus_one;
    }

    std::vector<std::uint32_t> slots_;
};

}  // namespace returnloop::detail
