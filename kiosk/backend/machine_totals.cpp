// Impact figures and refunds for sessions and the machine (see machine_totals.hpp).
#include "backend/machine_totals.hpp"

#include <map>
#include <tuple>

#include "backend/backend.hpp"

namespace returnloop::kiosk {
namespace {

using ContainerKey = std::tuple<Material, std::uint32_t, Category, bool>;

ImpactSummary summarise(const ImpactFactors* factors, const std::map<ContainerKey, std::uint64_t>& counts, std::uint64_t containers) {
    ImpactSummary out;
    out.containers = containers;
    if (!factors || counts.empty()) return out;
    std::vector<ImpactItem> items;
    items.reserve(counts.size());
    for (const auto& [key, count] : counts) {
        ImpactItem item;
        item.container = Container{std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key)};
        item.count = count;
        items.push_back(item);
    }
    Result<ImpactResult> result = compute_impact(*factors, items, kImpactFactorSet);
    if (!result) return out;
    out.kg_co2e = result->kg_co2e_avoided;
    out.co2e_known = result->count > 0;
    for (const EquivalentValue& e : result->equivalents) {
        if (e.id == "car_km") {
            out.car_km = e.amount;
            out.car_known = true;
        }
    }
    return out;
}

void count(std::map<ContainerKey, std::uint64_t>& counts, const Catalog& catalog, std::uint64_t gtin_key) {
    if (std::optional<ProductView> product = catalog.find(gtin_key)) {
        const Container& c = product->container;
        ++counts[ContainerKey{c.material, c.volume_ml, c.category, c.refillable}];
    }
}

std::uint64_t key_of(const std::string& gtin14) {
    std::uint64_t key = 0;
    for (char c : gtin14) {
        if (c < '0' || c > '9') return 0;
        key = key * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return key;
}

}  // namespace

ImpactSummary impact_of(const ImpactFactors* factors, const Catalog& catalog, const std::vector<std::uint64_t>& gtin_keys) {
    std::map<ContainerKey, std::uint64_t> counts;
    for (std::uint64_t key : gtin_keys) count(counts, catalog, key);
    return summarise(factors, counts, gtin_keys.size());
}

MachineTotals KioskBackend::machine_totals(const ImpactFactors* factors, Date today) {
    MachineTotals totals;
    totals.day = today;
    const Currency currency = settings_.currency();
    totals.refunded_today = Money{0, currency};
    totals.refunded_all = Money{0, currency};
    // The machine cannot have returned anything before the deposit era of its software.
    Result<std::vector<LedgerSession>> sessions = ledger_->sessions_between(date_from_ymd(2000, 1, 1), today);
    if (!sessions) {
        totals.error = sessions.error().message;
        return totals;
    }
    std::map<ContainerKey, std::uint64_t> all, day;
    std::uint64_t all_count = 0, day_count = 0;
    for (const LedgerSession& session : *sessions) {
        if (session.open) continue;  // counted by add_session() when it is paid, not twice
        // Sessions paid under an earlier scheme's currency count as containers; their money is another unit.
        const bool same_currency = session.currency == currency;
        for (const LedgerItem& item : session.items) {
            const std::uint64_t key = key_of(item.gtin14);
            count(all, catalog_, key);
            ++all_count;
            if (same_currency) totals.refunded_all.minor += item.refund_minor;
            if (item.scanned_date == today) {
                count(day, catalog_, key);
                ++day_count;
                if (same_currency) totals.refunded_today.minor += item.refund_minor;
            }
        }
    }
    totals.all_time = summarise(factors, all, all_count);
    totals.today = summarise(factors, day, day_count);
    return totals;
}

ImpactSummary KioskBackend::session_impact(const ImpactFactors* factors) const {
    std::vector<std::uint64_t> keys;
    for (const ReturnedItem& item : session_.items()) keys.push_back(item.gtin_key);
    return impact_of(factors, catalog_, keys);
}

void add_session(MachineTotals& totals, const ImpactSummary& session, Money refunded, Date date) {
    auto add = [&session](ImpactSummary& into) {
        into.containers += session.containers;
        if (session.co2e_known) {
            into.kg_co2e += session.kg_co2e;
            into.co2e_known = true;
        }
        if (session.car_known) {
            into.car_km += session.car_km;
            into.car_known = true;
        }
    };
    add(totals.all_time);
    const bool same_currency = refunded.currency == totals.refunded_all.currency;
    if (same_currency) totals.refunded_all.minor += refunded.minor;
    if (date == totals.day) {
        add(totals.today);
        if (same_currency) totals.refunded_today.minor += refunded.minor;
    }
}

}  // namespace returnloop::kiosk
