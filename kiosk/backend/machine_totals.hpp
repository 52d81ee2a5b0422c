// What the machine's ledger says it has taken back: containers, their CO2e by the core's impact model, and the
// refunds paid (in the scheme's currency), today and since it started. The Attract screen shows these.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "returnloop/catalog.hpp"
#include "returnloop/date.hpp"
#include "returnloop/impact.hpp"
#include "returnloop/money.hpp"

namespace returnloop::kiosk {

// EPA WARM v16 (recycling instead of landfilling) is the one set with a factor for every material the kiosk takes;
// the rPET sets cover PET only.
inline constexpr std::string_view kImpactFactorSet = "warm-v16";

struct ImpactSummary {
    std::uint64_t containers = 0;
    double kg_co2e = 0;
    bool co2e_known = false;  // false when the factor files are missing or no container could be valued
    double car_km = 0;        // the same CO2e as kilometres driven by an average petrol car
    bool car_known = false;
};

struct MachineTotals {
    ImpactSummary today, all_time;
    Money refunded_today, refunded_all;  // in the currency of the scheme in force
    Date day;
    std::string error;  // the ledger could not be read; the screen says so instead of showing zeros
};

// Impact of returned containers, by GTIN key (Gtin::key()); unknown products count but add no CO2e.
ImpactSummary impact_of(const ImpactFactors* factors, const Catalog& catalog, const std::vector<std::uint64_t>& gtin_keys);

// Adds a session just paid, without reading the ledger again. A refund in another currency than the totals' (the
// scheme changed since) is left out of the money, never added as if it were the same unit.
void add_session(MachineTotals& totals, const ImpactSummary& session, Money refunded, Date date);

}  // namespace returnloop::kiosk
