// How the product register is held in memory: 16-byte rows in file order, every name in one arena, brands
// interned in another, and a GTIN-key hash index. 10^6 products cost ~21 MB plus their names' bytes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "catalog_index.hpp"
#include "returnloop/catalog.hpp"

namespace returnloop {

struct Catalog::Impl {
    // One product. A GTIN-14 key is below 10^14 < 2^47 and a volume at most 100000 < 2^17, so the two share
    // 64 bits. A name is at most 200 bytes, so 64 names span under 2^16 bytes: a 16-bit offset from a base
    // kept every 64 rows locates it. Deposits that fit 16 bits (all real ones) sit in the row.
    struct Row {
        std::uint32_t key_low = 0;
        std::uint32_t key_high_volume = 0;  // key bits 32..46 | volume_ml << 15
        std::uint32_t meta = 0;             // material 3 bits | category 3 | refillable 1 | has deposit 1 | brand 24
        std::uint16_t name_delta = 0;       // name offset minus name_bases[row / kRowsPerBase]
        std::uint16_t deposit_minor = 0;    // kDepositElsewhere: the amount is in large_deposits
    };
    static constexpr std::uint32_t kVolumeShift = 15;
    static constexpr std::uint32_t kKeyHighMask = (1u << kVolumeShift) - 1;
    static constexpr std::uint32_t kBrandShift = 8;
    static constexpr std::uint32_t kRowsPerBase = 64;
    static constexpr std::uint16_t kDepositElsewhere = 0xFFFF;

    std::vector<Row> rows;
    std::string names;                            // every name, in row order
    std::vector<std::uint32_t> name_bases;        // offset in names of rows 0, 64, 128, ...
    std::string brands;                           // each distinct brand once
    std::vector<std::uint32_t> brand_offsets{0};  // brand i is brands[brand_offsets[i], brand_offsets[i + 1])
    std::vector<std::pair<std::uint32_t, std::uint32_t>> large_deposits;  // (row, deposit) in row order
    std::vector<std::pair<std::uint32_t, std::uint32_t>> masses;          // (row, mass_g in tenths) in row order
    detail::KeyIndex index;

    std::uint64_t key(std::uint32_t row) const {
        const Row& r = rows[row];
        return (static_cast<std::uint64_t>(r.key_high_volume & kKeyHighMask) << 32) | r.key_low;
    }

    std::size_t name_offset(std::size_t row) const {
        return name_bases[row / kRowsPerBase] + rows[row].name_delta;
    }

    ProductView view(std::size_t row) const {
        const Row& r = rows[row];
        const std::size_t name_begin = name_offset(row);
        const std::size_t name_end = row + 1 < rows.size() ? name_offset(row + 1) : names.size();
        const std::uint32_t brand = r.meta >> kBrandShift;
        ProductView product;
        product.gtin_key = key(static_cast<std::uint32_t>(row));
        product.name = std::string_view(names).substr(name_begin, name_end - name_begin);
        product.brand = std::string_view(brands).substr(brand_offsets[brand],
                                                        brand_offsets[brand + 1] - brand_offsets[brand]);
        product.container.material = static_cast<Material>(r.meta & 0x7u);
        product.container.category = static_cast<Category>((r.meta >> 3) & 0x7u);
        product.container.refillable = ((r.meta >> 6) & 1u) != 0;
        product.container.volume_ml = r.key_high_volume >> kVolumeShift;
        if ((r.meta >> 7) & 1u) {
            if (r.deposit_minor != kDepositElsewhere) {
                product.deposit_override_minor = r.deposit_minor;
            } else {
                const auto it = std::lower_bound(
                    large_deposits.begin(), large_deposits.end(), static_cast<std::uint32_t>(row),
                    [](const std::pair<std::uint32_t, std::uint32_t>& entry, std::uint32_t r_) { return entry.first < r_; });
                if (it != large_deposits.end() && it->first == row) product.deposit_override_minor = it->second;
            }
        }
        const auto mass = std::lower_bound(
            masses.begin(), masses.end(), static_cast<std::uint32_t>(row),
            [](const std::pair<std::uint32_t, std::uint32_t>& entry, std::uint32_t r_) { return entry.first < r_; });
        if (mass != masses.end() && mass->first == row) product.mass_g = mass->second / 10.0;
        return product;
    }
};

static_assert(sizeof(Catalog::Impl::Row) == 16, "a row is 16 bytes: four to a cache line");

}  // namespace returnloop
