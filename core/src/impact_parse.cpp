// Parses and checks the factor files of assets/factors/ into ImpactFactors: every value keeps its source and
// year, every source id must exist, and derived numbers are computed here from the figures the files quote.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "did_you_mean.hpp"
#include "impact_json.hpp"
#include "returnloop/impact.hpp"

namespace returnloop {
namespace {

using detail::JsonReader;
using detail::id_table;
using Value = rapidjson::Value;

// 1 metric ton per short ton: WARM quotes MTCO2E per short ton (907.18474 kg).
constexpr double kShortTonFactor = 1000.0 / 907.18474;

// The "kind" of a material's factor: how the file derives it (emission_factors.json, energy.json).
constexpr std::array<std::string_view, 3> kEmissionKinds = {"warm_recycling_vs_landfill", "fraction_of_virgin",
                                                             "virgin_minus_recycled"};
constexpr std::array<std::string_view, 4> kEnergyKinds = {"fraction_of_virgin", "direct", "virgin_minus_recycled",
                                                          "unavailable"};

struct SourceCheck {
    std::string file;
    std::string path;
    std::string id;
};

// Calls visit(material, object, path) for each member of parent's "materials" object; a key that is not a material
// id or a value that is not an object is reported at its path and skipped.
template <class Visit>
void for_each_material(JsonReader& r, const Value& parent, const std::string& path, Visit&& visit) {
    const Value* mats = r.object(parent, path, "materials");
    if (!mats) return;
    const std::string mats_path = JsonReader::join(path, "materials");
    for (auto it = mats->MemberBegin(); it != mats->MemberEnd(); ++it) {
        std::string key(it->name.GetString(), it->name.GetStringLength());
        std::string member_path = JsonReader::join(mats_path, JsonReader::clip(key));
        auto material = material_from_id(key);
        if (!material) {
            r.unknown_value(member_path, "material", "material", key, id_table<Material, kMaterialCount>(material_id));
            continue;
        }
        if (!it->value.IsObject()) {
            r.wrong_type(member_path, "object", it->value, "must be an object");
            continue;
        }
        visit(*material, it->value, member_path);
    }
}

void parse_emission_sets(JsonReader& r, const Value& root, ImpactFactors& f, std::vector<SourceCheck>& refs) {
    const Value* sets = r.array(root, "", "sets");
    if (!sets) return;
    for (rapidjson::SizeType i = 0; i < sets->Size(); ++i) {
        std::string p = JsonReader::index("sets", i);
        const Value& s = (*sets)[i];
        if (!s.IsObject()) {
            r.wrong_type(p, "object", s, "must be an object");
            continue;
        }
        r.only(s, p, {"id", "name", "nameZh", "description", "descriptionZh", "base", "bottleLoops", "materials"});
        EmissionFactorSet set;
        r.string(s, p, "id", set.id);
        r.string(s, p, "name", set.name);
        r.string(s, p, "nameZh", set.name_zh);
        r.string(s, p, "description", set.description);
        r.string(s, p, "descriptionZh", set.description_zh);
        std::string base;
        if (r.string(s, p, "base", base, false) && !base.empty()) {
            const EmissionFactorSet* b = f.find_set(base);
            if (!b)
                r.fail(JsonReader::join(p, "base"), ErrorCode::unknown_id, {{"id", base}},
                       "unknown base set '" + base + "' (a base must come earlier)");
            else
                set.materials = b->materials;
        }
        if (const Value* loops = r.object(s, p, "bottleLoops", false)) {
            std::string lp = JsonReader::join(p, "bottleLoops");
            r.only(*loops, lp, {"low", "high", "totalUses", "source", "year"});
            double lo = 0, hi = 0, uses = 0;
            int year = 0;
            std::string src;
            if (r.number(*loops, lp, "low", lo, 1, 100) && r.number(*loops, lp, "high", hi, lo, 100)) {
                set.bottle_loops_low = lo;
                set.bottle_loops_high = hi;
            }
            if (r.number(*loops, lp, "totalUses", uses, 1, 100)) set.total_uses = uses;
            if (r.string(*loops, lp, "source", src)) refs.push_back({"", JsonReader::join(lp, "source"), src});
            r.integer(*loops, lp, "year", year, 1900, 2100);
        }
        for_each_material(r, s, p, [&](Material material, const Value& m, const std::string& fp) {
            MaterialFactor mf;
            std::string kind;
            r.string(m, fp, "kind", kind);
            r.string(m, fp, "basis", mf.basis);
            r.string(m, fp, "source", mf.source_id);
            r.integer(m, fp, "year", mf.year, 1900, 2100);
            refs.push_back({"", JsonReader::join(fp, "source"), mf.source_id});
            bool ok = true;
            if (kind == "warm_recycling_vs_landfill") {
                r.only(m, fp, {"kind", "recycling", "landfilling", "basis", "source", "year"});
                double rec = 0, land = 0;
                ok = r.number(m, fp, "recycling", rec, -100, 100) && r.number(m, fp, "landfilling", land, -100, 100);
                mf.kg_co2e_per_kg = (land - rec) * kShortTonFactor;
                mf.derived = false;
            } else if (kind == "fraction_of_virgin") {
                r.only(m, fp, {"kind", "fraction", "virginMtco2ePerShortTon", "basis", "source", "virginSource", "year"});
                double frac = 0, virgin = 0;
                std::string vsrc;
                ok = r.number(m, fp, "fraction", frac, 0, 1) &&
                     r.number(m, fp, "virginMtco2ePerShortTon", virgin, 0, 100) &&
                     r.string(m, fp, "virginSource", vsrc);
                if (!vsrc.empty()) refs.push_back({"", JsonReader::join(fp, "virginSource"), vsrc});
                mf.kg_co2e_per_kg = frac * virgin * kShortTonFactor;
                mf.derived = true;
            } else if (kind == "virgin_minus_recycled") {
                r.only(m, fp, {"kind", "virginKgPerKg", "recycledKgPerKg", "basis", "source", "year"});
                double virgin = 0, recycled = 0;
                ok = r.number(m, fp, "virginKgPerKg", virgin, 0, 100) &&
                     r.number(m, fp, "recycledKgPerKg", recycled, 0, virgin);
                mf.kg_co2e_per_kg = virgin - recycled;
                mf.derived = true;
            } else if (!kind.empty()) {
                r.unknown_value(JsonReader::join(fp, "kind"), "factor_kind", "kind", kind, kEmissionKinds);
                ok = false;
            }
            mf.available = ok;
            set.materials[static_cast<int>(material)] = std::move(mf);
        });
        if (const EmissionFactorSet* other = set.id.empty() ? nullptr : f.find_set(set.id))
            r.fail(JsonReader::join(p, "id"), ErrorCode::duplicate_id,
                   {{"id", set.id}, {"other", std::to_string(other - f.emission_sets.data() + 1)}},
                   "duplicate set id '" + set.id + "'");
        f.emission_sets.push_back(std::move(set));
    }
    if (sets->Size() == 0) r.fail("sets", ErrorCode::empty_list, {}, "at least one factor set is needed");
}

void parse_masses(JsonReader& r, const Value& root, ImpactFactors& f, std::vector<SourceCheck>& refs) {
    for_each_material(r, root, "", [&](Material material, const Value& m, const std::string& mp) {
        r.only(m, mp, {"anchors", "range"});
        MaterialMass mass;
        if (const Value* anchors = r.array(m, mp, "anchors")) {
            for (rapidjson::SizeType i = 0; i < anchors->Size(); ++i) {
                std::string ap = JsonReader::index(JsonReader::join(mp, "anchors"), i);
                const Value& a = (*anchors)[i];
                if (!a.IsObject()) {
                    r.wrong_type(ap, "object", a, "must be an object");
                    continue;
                }
                r.only(a, ap, {"volumeMl", "grams", "categories", "source", "year", "note"});
                MassAnchor anchor;
                int ml = 0;
                r.integer(a, ap, "volumeMl", ml, 1, 100000);
                anchor.volume_ml = static_cast<std::uint32_t>(ml);
                r.number(a, ap, "grams", anchor.grams, 0.1, 20000);
                r.string(a, ap, "source", anchor.source_id);
                r.integer(a, ap, "year", anchor.year, 1900, 2100);
                std::string note;
                r.string(a, ap, "note", note, false);
                refs.push_back({"", JsonReader::join(ap, "source"), anchor.source_id});
                if (const Value* cats = r.array(a, ap, "categories", false)) {
                    for (rapidjson::SizeType c = 0; c < cats->Size(); ++c) {
                        std::string cp = JsonReader::index(JsonReader::join(ap, "categories"), c);
                        const Value& given = (*cats)[c];
                        if (!given.IsString()) {
                            r.wrong_type(cp, "string", given, "must be a string");
                            continue;
                        }
                        const std::string_view id(given.GetString(), given.GetStringLength());
                        if (auto cat = category_from_id(id))
                            anchor.category_mask = static_cast<std::uint16_t>(anchor.category_mask | (1u << static_cast<int>(*cat)));
                        else
                            r.unknown_value(cp, "category", "category", id, id_table<Category, kCategoryCount>(category_id));
                    }
                }
                mass.anchors.push_back(std::move(anchor));
            }
        }
        if (const Value* range = r.object(m, mp, "range")) {
            std::string rp = JsonReader::join(mp, "range");
            r.only(*range, rp, {"low", "high", "basis"});
            r.number(*range, rp, "low", mass.low_factor, 0.1, 1);
            r.number(*range, rp, "high", mass.high_factor, 1, 10);
            r.string(*range, rp, "basis", mass.range_basis);
        }
        std::stable_sort(mass.anchors.begin(), mass.anchors.end(),
                         [](const MassAnchor& a, const MassAnchor& b) { return a.volume_ml < b.volume_ml; });
        f.masses[static_cast<int>(material)] = std::move(mass);
    });
}

void parse_energy(JsonReader& r, const Value& root, ImpactFactors& f, std::vector<SourceCheck>& refs) {
    for_each_material(r, root, "", [&](Material material, const Value& m, const std::string& mp) {
        EnergyFactor e;
        std::string kind;
        r.string(m, mp, "kind", kind);
        if (kind != "unavailable") r.integer(m, mp, "year", e.year, 1900, 2100);
        r.string(m, mp, "basis", e.basis);
        auto read_sources = [&] {
            if (const Value* srcs = r.array(m, mp, "sources")) {
                for (rapidjson::SizeType i = 0; i < srcs->Size(); ++i) {
                    std::string sp = JsonReader::index(JsonReader::join(mp, "sources"), i);
                    if (!(*srcs)[i].IsString()) {
                        r.wrong_type(sp, "string", (*srcs)[i], "must be a string");
                        continue;
                    }
                    e.source_ids.emplace_back((*srcs)[i].GetString(), (*srcs)[i].GetStringLength());
                    refs.push_back({"", sp, e.source_ids.back()});
                }
            }
        };
        auto virgin_source = [&] {
            std::string vs;
            if (r.string(m, mp, "virginSource", vs)) {
                refs.push_back({"", JsonReader::join(mp, "virginSource"), vs});
                if (std::find(e.source_ids.begin(), e.source_ids.end(), vs) == e.source_ids.end()) e.source_ids.push_back(vs);
            }
        };
        if (kind == "fraction_of_virgin") {
            r.only(m, mp, {"kind", "year", "virginMjPerKg", "virginSource", "fraction", "fractionLow", "fractionHigh", "sources", "basis"});
            double virgin = 0, frac = 0, lo = 0, hi = 0;
            bool ok = r.number(m, mp, "virginMjPerKg", virgin, 0, 1000) && r.number(m, mp, "fraction", frac, 0, 1) &&
                      r.number(m, mp, "fractionLow", lo, 0, frac) && r.number(m, mp, "fractionHigh", hi, frac, 1);
            read_sources();
            virgin_source();
            e.available = ok;
            e.derived = true;
            e.mj_per_kg = virgin * frac;
            e.mj_per_kg_low = virgin * lo;
            e.mj_per_kg_high = virgin * hi;
        } else if (kind == "direct") {
            r.only(m, mp, {"kind", "year", "mjPerKg", "sources", "basis"});
            double v = 0;
            e.available = r.number(m, mp, "mjPerKg", v, 0, 1000);
            read_sources();
            e.mj_per_kg = e.mj_per_kg_low = e.mj_per_kg_high = v;
        } else if (kind == "virgin_minus_recycled") {
            r.only(m, mp, {"kind", "year", "virginMjPerKg", "virginSource", "recycledMjPerKgLow", "recycledMjPerKgHigh", "sources", "basis"});
            double virgin = 0, rlo = 0, rhi = 0;
            bool ok = r.number(m, mp, "virginMjPerKg", virgin, 0, 1000) &&
                      r.number(m, mp, "recycledMjPerKgLow", rlo, 0, virgin) &&
                      r.number(m, mp, "recycledMjPerKgHigh", rhi, rlo, virgin);
            read_sources();
            virgin_source();
            e.available = ok;
            e.derived = true;
            e.mj_per_kg_low = virgin - rhi;
            e.mj_per_kg_high = virgin - rlo;
            e.mj_per_kg = (e.mj_per_kg_low + e.mj_per_kg_high) / 2;
        } else if (kind == "unavailable") {
            r.only(m, mp, {"kind", "basis"});
        } else if (!kind.empty()) {
            r.unknown_value(JsonReader::join(mp, "kind"), "factor_kind", "kind", kind, kEnergyKinds);
        }
        f.energy[static_cast<int>(material)] = std::move(e);
    });
}

void parse_equivalents(JsonReader& r, const Value& root, ImpactFactors& f, std::vector<SourceCheck>& refs) {
    const Value* arr = r.array(root, "", "equivalents");
    if (!arr) return;
    for (rapidjson::SizeType i = 0; i < arr->Size(); ++i) {
        std::string p = JsonReader::index("equivalents", i);
        const Value& v = (*arr)[i];
        if (!v.IsObject()) {
            r.wrong_type(p, "object", v, "must be an object");
            continue;
        }
        r.only(v, p, {"id", "name", "unit", "kgCo2ePerUnit", "basis", "source", "year"});
        Equivalent e;
        r.string(v, p, "id", e.id);
        r.string(v, p, "name", e.name);
        r.string(v, p, "unit", e.unit);
        r.number(v, p, "kgCo2ePerUnit", e.kg_co2e_per_unit, 1e-9, 1e9);
        r.string(v, p, "basis", e.basis);
        r.string(v, p, "source", e.source_id);
        r.integer(v, p, "year", e.year, 1900, 2100);
        refs.push_back({"", JsonReader::join(p, "source"), e.source_id});
        f.equivalents.push_back(std::move(e));
    }
}

void parse_prices(JsonReader& r, const Value& root, ImpactFactors& f, std::vector<SourceCheck>& refs) {
    const Value* arr = r.array(root, "", "prices");
    if (!arr) return;
    for (rapidjson::SizeType i = 0; i < arr->Size(); ++i) {
        std::string p = JsonReader::index("prices", i);
        const Value& v = (*arr)[i];
        if (!v.IsObject()) {
            r.wrong_type(p, "object", v, "must be an object");
            continue;
        }
        r.only(v, p, {"id", "label", "perTonne", "currency", "source", "year"});
        CarbonPrice c;
        std::string amount, code;
        r.string(v, p, "id", c.id);
        r.string(v, p, "label", c.label);
        r.string(v, p, "source", c.source_id);
        r.integer(v, p, "year", c.year, 1900, 2100);
        refs.push_back({"", JsonReader::join(p, "source"), c.source_id});
        if (r.string(v, p, "currency", code)) {
            auto cur = currency_from_code(code);
            if (!cur) {
                r.unknown_value(JsonReader::join(p, "currency"), "currency", "currency", code,
                                id_table<Currency, kCurrencyCount>(currency_code));
            } else if (r.string(v, p, "perTonne", amount)) {
                auto money = parse_money(amount, *cur);
                if (!money)
                    r.fail(JsonReader::join(p, "perTonne"), money.error());
                else if (money->minor < 0)
                    r.fail(JsonReader::join(p, "perTonne"), ErrorCode::negative, {{"value", amount}}, "must not be negative");
                else
                    c.per_tonne = *money;
            }
        }
        f.carbon_prices.push_back(std::move(c));
    }
}

// Parses one file: checks the top level, reads its sources, runs body, then checks that the body's source ids exist.
template <class Body>
void parse_file(std::string_view name, std::string_view text, std::initializer_list<std::string_view> top,
                ImpactFactors& f, std::vector<Error>& errors, Body body) {
    JsonReader r(std::string(name), errors);
    JsonDocument doc;
    if (!r.parse(text, doc)) return;
    r.only(doc, "", top);
    std::vector<Source> sources;
    r.sources(doc, sources);
    std::vector<SourceCheck> refs;
    body(r, doc, f, refs);
    for (const auto& ref : refs) {
        if (ref.id.empty()) continue;
        bool found = std::any_of(sources.begin(), sources.end(), [&](const Source& s) { return s.id == ref.id; });
        if (!found)
            r.fail(ref.path, ErrorCode::unknown_source, {{"id", ref.id}},
                   "source '" + ref.id + "' is not in this file's sources");
    }
    for (auto& s : sources) {
        // The same id may appear in several files (e.g. uscbc-2024); it must then mean the same source.
        const Source* existing = f.find_source(s.id);
        if (existing && existing->title != s.title)
            r.fail("sources", ErrorCode::other, {},  // no code says "one id, two titles" yet
                   "source id '" + s.id + "' is used with a different title in another factor file");
        else if (!existing)
            f.sources.push_back(std::move(s));
    }
}

}  // namespace

const EmissionFactorSet* ImpactFactors::find_set(std::string_view id) const {
    for (const auto& s : emission_sets)
        if (s.id == id) return &s;
    return nullptr;
}
const CarbonPrice* ImpactFactors::find_price(std::string_view id) const {
    for (const auto& p : carbon_prices)
        if (p.id == id) return &p;
    return nullptr;
}
const Source* ImpactFactors::find_source(std::string_view id) const {
    for (const auto& s : sources)
        if (s.id == id) return &s;
    return nullptr;
}

ImpactFactorsParse parse_impact_factors(const ImpactFactorTexts& texts) {
    ImpactFactorsParse out;
    ImpactFactors f;
    parse_file("emission_factors.json", texts.emission_factors, {"about", "sets", "sources"}, f, out.errors,
               parse_emission_sets);
    parse_file("container_masses.json", texts.container_masses, {"about", "materials", "sources"}, f, out.errors,
               parse_masses);
    parse_file("energy.json", texts.energy, {"about", "materials", "sources"}, f, out.errors, parse_energy);
    parse_file("equivalents.json", texts.equivalents, {"about", "equivalents", "sources"}, f, out.errors,
               parse_equivalents);
    parse_file("carbon_prices.json", texts.carbon_prices, {"about", "prices", "sources"}, f, out.errors,
               parse_prices);
    if (out.errors.empty()) out.factors = std::move(f);
    return out;
}

}  // namespace returnloop
