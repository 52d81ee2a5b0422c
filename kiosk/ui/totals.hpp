// What the kiosk tells shoppers it has saved: CO2e of containers by the core's impact model, for one session and for
// the machine's whole ledger (today and since it started).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "backend/impact_files.hpp"
#include "backend/ledger.hpp"
#include "returnloop/catalog.hpp"
#include "returnloop/impact.hpp"
#include "ui/app_state.hpp"

namespace returnloop::kiosk::ui {

// EPA WARM v16 (recycling instead of landfilling) is the one set with a factor for every material the kiosk takes;
// the rPET sets cover PET only.
inline constexpr std::string_view kImpactFactorSet = "warm-v16";

using returnloop::kiosk::load_impact_factors;  // the five factor files of a folder (backend/impact_files.hpp)

// Impact of returned containers, by GTIN key (Gtin::key()); unknown products count but add no CO2e.
ImpactSummary impact_of(const ImpactFactors* factors, const Catalog& catalog, const std::vector<std::uint64_t>& gtin_keys);

// Every accepted container in the ledger: today's and all of them.
MachineTotals load_machine_totals(Ledger& ledger, const Catalog& catalog, const ImpactFactors* factors, Date today);

// Adds a session just paid, without reading the ledger again.
void add_session(MachineTotals& totals, const ImpactSummary& session, std::int64_t refunded_minor, Date date);

}  // namespace returnloop::kiosk::ui
