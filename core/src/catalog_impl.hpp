// How the product register is held in memory: 20-byte rows in file order, every name in one arena, brands
// interned in another, and a GTIN-key hash index. A national register of 10^6 products stays near 30 MB.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog_index.hpp"
#include "returnloop/catalog.hpp"

namespace returnloop {

struct Catalog::Impl {
    // One product. A GTIN-14 key is below 10^14 < 2^47 and a volume at most 100000 < 2^17, so the two
    // share 64 bits; the rest is packed into 32-bit words to keep the row at 20 bytes with no padding.
    struct Row {
        std::uint32_t key_low = 0;
        std::uint32_t key_high_volume = 0;  // key bits 32..46 | volume_ml << 15
        std::uint32_t name_offset = 0;      // into names; the name ends where the next row's begins
        std::uint32_t meta = 0;             // material 3 bits | category 3 | refillable 1 | has deposit 1 | brand 24
        std::uint32_t deposit_minor = 0;    // at most 10^9
    };
    static constexpr std::uint32_t kVolumeShift = 15;
    static constexpr std::uint32_t kKeyHighMask = (1u << kVolumeShift) - 1;
    static constexpr std::uint32_t kBrandShift = 8;

    std::vector<Row> rows;
    std::string names;                        // every name, in row order
    std::string brands;                       // each distinct brand once
    std::vector<std::uint32_t> brand_offsets{0};  // brand i is brands[brand_offsets[i], brand_offsets[i + 1])
    detail::KeyIndex index;

    std::uint64_t key(std::uint32_t row) const {
        const Row& r = rows[row];
        return (static_cast<std::uint64_t>(r.key_high_volume & kKeyHighMask) << 32) | r.key_low;
    }

    ProductView view(std::size_t row) const {
        const Row& r = rows[row];
        const std::size_t name_end = row + 1 < rows.size() ? rows[row + 1].name_offset : names.size();
        const std::uint32_t brand = r.meta >> kBrandShift;
        ProductView product;
        product.gtin_key = key(static_cast<std::uint32_t>(row));
        product.name = std::string_view(names).substr(r.name_offset, name_end - r.name_offset);
        product.brand = std::string_view(brands).substr(brand_offsets[brand],
                                                        brand_offsets[brand + 1] - brand_offsets[brand]);
        product.container.material = static_cast<Material>(r.meta & 0x7u);
        product.container.category = static_cast<Category>((r.meta >> 3) & 0x7u);
        product.container.refillable = ((r.meta >> 6) & 1u) != 0;
        product.container.volume_ml = r.key_high_volume >> kVolumeShift;
        if ((r.meta >> 7) & 1u) product.deposit_override_minor = r.deposit_minor;
        return product;
    }
};

}  // namespace returnloop
