// Impact of returned containers: default masses from sourced anchors, CO2e by the chosen factor set, energy,
// equivalents and the money value of the avoided CO2e at a named carbon price.
#include "returnloop/impact.hpp"

#include <cmath>
#include <string>

#include "return_model_math.hpp"

namespace returnloop {
namespace {

constexpr std::uint64_t kMaxCount = 10'000'000'000'000ULL;  // 10^13: more than the world's drink containers in a year
constexpr double kMaxMassG = 20000;

bool anchor_applies(const MassAnchor& a, Category category) {
    return a.category_mask == 0 || (a.category_mask & (1u << static_cast<int>(category))) != 0;
}

double mass_from_anchors(const std::vector<const MassAnchor*>& anchors, std::uint32_t volume_ml) {
    // Anchors are sorted by volume. Inside: linear; outside: surface scaling, volume^(2/3).
    const MassAnchor* first = anchors.front();
    const MassAnchor* last = anchors.back();
    double v = static_cast<double>(volume_ml);
    if (volume_ml <= first->volume_ml)
        return first->grams * detail::det_pow(v / first->volume_ml, 2.0 / 3.0);
    if (volume_ml >= last->volume_ml)
        return last->grams * detail::det_pow(v / last->volume_ml, 2.0 / 3.0);
    for (std::size_t i = 1; i < anchors.size(); ++i) {
        const MassAnchor* hi = anchors[i];
        if (volume_ml <= hi->volume_ml) {
            const MassAnchor* lo = anchors[i - 1];
            if (hi->volume_ml == lo->volume_ml) return hi->grams;
            double t = (v - lo->volume_ml) / static_cast<double>(hi->volume_ml - lo->volume_ml);
            return lo->grams + t * (hi->grams - lo->grams);
        }
    }
    return last->grams;
}

std::string count_path(std::size_t i, const char* field) { return "items[" + std::to_string(i) + "]." + field; }

}  // namespace

std::optional<double> default_mass_g(const ImpactFactors& factors, const Container& container) {
    const MaterialMass& mm = factors.masses[static_cast<int>(container.material)];
    if (mm.anchors.empty() || container.volume_ml == 0) return std::nullopt;
    // Category-specific anchors (a light water bottle) win over generic ones when they match.
    std::vector<const MassAnchor*> specific, generic;
    for (const auto& a : mm.anchors) {
        if (a.category_mask == 0)
            generic.push_back(&a);
        else if (anchor_applies(a, container.category))
            specific.push_back(&a);
    }
    const auto& use = specific.empty() ? generic : specific;
    if (use.empty()) return std::nullopt;
    return mass_from_anchors(use, container.volume_ml);
}

std::vector<EquivalentValue> equivalents_of(const ImpactFactors& factors, double kg_co2e) {
    std::vector<EquivalentValue> out;
    out.reserve(factors.equivalents.size());
    for (const auto& e : factors.equivalents)
        out.push_back({e.id, e.name, e.unit, kg_co2e / e.kg_co2e_per_unit, e.source_id, e.year});
    return out;
}

Result<ImpactResult> compute_impact(const ImpactFactors& factors, const std::vector<ImpactItem>& items,
                                    std::string_view factor_set_id) {
    const EmissionFactorSet* set = factors.find_set(factor_set_id);
    if (!set) return Error{"factorSet", "unknown factor set '" + std::string(factor_set_id) + "'"};
    ImpactResult r;
    r.factor_set_id = set->id;
    r.factor_set_name = set->name;
    std::array<bool, kMaterialCount> unmassed{}, no_factor{}, no_energy{};
    for (std::size_t i = 0; i < items.size(); ++i) {
        const ImpactItem& it = items[i];
        if (it.count > kMaxCount)
            return Error{count_path(i, "count"), "count " + std::to_string(it.count) + " is absurd (at most 10^13)"};
        if (it.mass_g && !(std::isfinite(*it.mass_g) && *it.mass_g > 0 && *it.mass_g <= kMaxMassG))
            return Error{count_path(i, "massG"), "mass must be a number of grams above 0 and at most 20000"};
        if (r.count + it.count > kMaxCount) return Error{count_path(i, "count"), "total count above 10^13"};
        int m = static_cast<int>(it.container.material);
        MaterialImpact& mi = r.by_material[m];
        mi.count += it.count;
        r.count += it.count;
        std::optional<double> grams = it.mass_g ? it.mass_g : default_mass_g(factors, it.container);
        if (!grams) {
            unmassed[m] = true;
            continue;
        }
        double kg = static_cast<double>(it.count) * *grams / 1000.0;
        mi.mass_kg += kg;
        const MaterialFactor& mf = set->materials[m];
        if (mf.available) {
            mi.kg_co2e += kg * mf.kg_co2e_per_kg;
            mi.co2e_counted = true;
        } else if (it.count > 0) {
            no_factor[m] = true;
        }
        const EnergyFactor& ef = factors.energy[m];
        if (ef.available) {
            mi.mj += kg * ef.mj_per_kg;
            mi.energy_counted = true;
        } else if (it.count > 0) {
            no_energy[m] = true;
        }
    }
    for (int m = 0; m < kMaterialCount; ++m) {
        const MaterialImpact& mi = r.by_material[m];
        r.mass_kg += mi.mass_kg;
        r.kg_co2e_avoided += mi.kg_co2e;
        r.mj_saved += mi.mj;
        std::string name(material_id(static_cast<Material>(m)));
        if (unmassed[m]) r.notes.push_back(name + ": no default container mass; give a mass to count it");
        if (no_factor[m]) r.notes.push_back(name + ": factor set '" + set->id + "' has no CO2e factor; not counted");
        if (no_energy[m]) r.notes.push_back(name + ": no energy factor; not counted");
    }
    r.kwh_saved = r.mj_saved / 3.6;
    r.equivalents = equivalents_of(factors, r.kg_co2e_avoided);
    return r;
}

Result<CarbonValue> carbon_value(const ImpactFactors& factors, double tonnes_co2e, std::string_view price_id) {
    const CarbonPrice* price = factors.find_price(price_id);
    if (!price) return Error{"carbonPrice", "unknown carbon price '" + std::string(price_id) + "'"};
    if (!std::isfinite(tonnes_co2e) || std::fabs(tonnes_co2e) > 1e12)
        return Error{"tonnesCo2e", "must be a finite number of tonnes, at most 10^12"};
    double minor = tonnes_co2e * static_cast<double>(price->per_tonne.minor);
    if (std::fabs(minor) > 9e15) return Error{"tonnesCo2e", "the value does not fit exact money"};
    CarbonValue v;
    v.price_id = price->id;
    v.label = price->label;
    v.per_tonne = price->per_tonne;
    v.value = Money{detail::round_to_int(minor), price->per_tonne.currency};
    v.source_id = price->source_id;
    v.year = price->year;
    return v;
}

}  // namespace returnloop
