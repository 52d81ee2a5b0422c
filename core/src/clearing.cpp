// Clearing arithmetic (see clearing.hpp).
#include "returnloop/clearing.hpp"

namespace returnloop {

Money handling_fees_payable(std::int64_t total_micros, Currency currency) {
    const std::int64_t micros_per_minor = 1000000 / minor_per_major(currency);
    const std::int64_t magnitude = total_micros < 0 ? -total_micros : total_micros;
    const std::int64_t rounded = (magnitude + micros_per_minor / 2) / micros_per_minor;  // half away from zero
    return Money{total_micros < 0 ? -rounded : rounded, currency};
}

std::vector<Material> materials_for_amounts(const Scheme& scheme, std::int64_t deposit_minor, std::int64_t refund_minor, Date date) {
    std::uint8_t mask = 0;
    for (const Rule& rule : scheme.rules) {
        const bool in_force = rule.from.days <= date.days && (!rule.until || date.days < rule.until->days);
        if (in_force && rule.deposit_minor == deposit_minor && rule.refund_minor == refund_minor) mask |= rule.material_mask;
    }
    std::vector<Material> out;
    for (int m = 0; m < kMaterialCount; ++m) {
        if (mask & (1u << m)) out.push_back(static_cast<Material>(m));
    }
    return out;
}

}  // namespace returnloop
