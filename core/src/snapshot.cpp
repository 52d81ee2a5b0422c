// Snapshots: one field list per type (io() below) serves both directions, so writing and reading cannot drift
// apart. Integers are LEB128 varints (signed ones zigzagged), doubles their 8 IEEE bytes, strings and lists
// length-prefixed. A reader refuses a count larger than the bytes left, so a hostile length cannot allocate much.
// A field added to one of these structs must be added to its io() too: test_snapshot.cpp compares every preset's
// decisions, predictions and household figures from JSON and from the snapshot.
#include "returnloop/snapshot.hpp"

#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "scheme_detail.hpp"

namespace returnloop {
namespace {

constexpr std::string_view kSchemeMagic = "RLs1";
constexpr std::string_view kStartMagic = "RLd1";

class Out {
public:
    std::string bytes;

    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            bytes += static_cast<char>(static_cast<std::uint8_t>(v) | 0x80u);
            v >>= 7;
        }
        bytes += static_cast<char>(v);
    }
    template <class T>
    void num(T& v) {
        if constexpr (std::is_signed_v<T>) {
            const auto w = static_cast<std::int64_t>(v);
            varint((static_cast<std::uint64_t>(w) << 1) ^ static_cast<std::uint64_t>(w >> 63));
        } else {
            varint(v);
        }
    }
    void flag(bool& v) { bytes += v ? '\1' : '\0'; }
    void real(double& v) {
        char raw[8];
        std::memcpy(raw, &v, 8);
        bytes.append(raw, 8);
    }
    void text(std::string& s) {
        varint(s.size());
        bytes += s;
    }
    template <class E>
    void choice(E& e, int) {
        bytes += static_cast<char>(e);
    }
    std::size_t count(std::size_t n) {
        varint(n);
        return n;
    }
    bool present(bool has) {
        bytes += has ? '\1' : '\0';
        return has;
    }
};

class In {
public:
    explicit In(std::string_view b) : bytes_(b) {}
    bool ok = true;

    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos_ >= bytes_.size()) return fail();
            const auto byte = static_cast<std::uint8_t>(bytes_[pos_++]);
            v |= static_cast<std::uint64_t>(byte & 0x7Fu) << shift;
            if (!(byte & 0x80u)) return v;
        }
        return fail();
    }
    template <class T>
    void num(T& v) {
        const std::uint64_t raw = varint();
        if constexpr (std::is_signed_v<T>) {
            const auto w = static_cast<std::int64_t>((raw >> 1) ^ (0 - (raw & 1)));
            if (w < static_cast<std::int64_t>(std::numeric_limits<T>::min()) || w > static_cast<std::int64_t>(std::numeric_limits<T>::max())) fail();
            else v = static_cast<T>(w);
        } else {
            if (raw > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) fail();
            else v = static_cast<T>(raw);
        }
    }
    void flag(bool& v) {
        const std::uint8_t b = byte();
        if (b > 1) fail();
        v = b == 1;
    }
    void real(double& v) {
        if (bytes_.size() - pos_ < 8) {
            fail();
            return;
        }
        std::memcpy(&v, bytes_.data() + pos_, 8);
        pos_ += 8;
    }
    void text(std::string& s) {
        const std::uint64_t n = varint();
        if (n > bytes_.size() - pos_) {
            fail();
            return;
        }
        s.assign(bytes_.data() + pos_, static_cast<std::size_t>(n));
        pos_ += static_cast<std::size_t>(n);
    }
    template <class E>
    void choice(E& e, int limit) {
        const std::uint8_t b = byte();
        if (b >= limit) fail();
        else e = static_cast<E>(b);
    }
    // Every entry takes at least one byte, so a count above the bytes left is a lie.
    std::size_t count(std::size_t) {
        const std::uint64_t n = varint();
        if (n > bytes_.size() - pos_) return static_cast<std::size_t>(fail());
        return static_cast<std::size_t>(n);
    }
    bool present(bool) {
        const std::uint8_t b = byte();
        if (b > 1) fail();
        return b == 1;
    }
    bool done() const { return ok && pos_ == bytes_.size(); }

private:
    std::uint8_t byte() {
        if (pos_ >= bytes_.size()) return static_cast<std::uint8_t>(fail());
        return static_cast<std::uint8_t>(bytes_[pos_++]);
    }
    std::uint64_t fail() {
        ok = false;
        pos_ = bytes_.size();  // every later read fails at once
        return 0;
    }
    std::string_view bytes_;
    std::size_t pos_ = 0;
};

// [SECTION] Field lists
template <class IO> void io(IO& x, std::string& s) { x.text(s); }
template <class IO> void io(IO& x, double& d) { x.real(d); }
template <class IO> void io(IO& x, Date& d) { x.num(d.days); }
template <class IO> void io(IO& x, Money& m) {
    x.num(m.minor);
    x.choice(m.currency, kCurrencyCount);
}
template <class IO> void io(IO& x, Container& c) {
    x.choice(c.material, kMaterialCount);
    x.num(c.volume_ml);
    x.choice(c.category, kCategoryCount);
    x.flag(c.refillable);
}
template <class IO, class T> void io(IO& x, std::vector<T>& list) {
    const std::size_t n = x.count(list.size());
    if (list.size() != n) list.assign(n, T{});
    for (T& item : list) io(x, item);
}
template <class IO, class T> void io(IO& x, std::optional<T>& value) {
    if (x.present(value.has_value())) {
        if (!value) value.emplace();
        io(x, *value);
    }
}
template <class IO> void io(IO& x, Source& s) {
    io(x, s.id);
    io(x, s.title);
    io(x, s.title_zh);
    io(x, s.url);
    x.num(s.year);
    x.choice(s.quality, detail::kSourceQualityCount);
}
template <class IO> void io(IO& x, Rule& r) {
    io(x, r.id);
    io(x, r.from);
    io(x, r.until);
    x.num(r.material_mask);
    x.num(r.category_mask);
    x.choice(r.refill, detail::kRefillScopeCount);
    x.num(r.min_ml);
    x.num(r.max_ml);
    x.num(r.deposit_minor);
    x.num(r.refund_minor);
    x.num(r.non_refundable_fee_minor);
    x.num(r.handling_fee.micros);
    io(x, r.source_id);
    io(x, r.note);
}
template <class IO> void io(IO& x, CurrencyPeriod& p) {
    x.choice(p.currency, kCurrencyCount);
    io(x, p.from);
    io(x, p.until);
}
template <class IO> void io(IO& x, ReturnRateObservation& o) {
    x.num(o.year);
    x.real(o.rate);
    io(x, o.source_id);
    io(x, o.note);
}
template <class IO> void io(IO& x, Scheme& s) {
    io(x, s.id);
    io(x, s.name);
    io(x, s.name_zh);
    io(x, s.country);
    x.choice(s.currency, kCurrencyCount);
    io(x, s.currency_periods);
    x.choice(s.status, detail::kSchemeStatusCount);
    io(x, s.started);
    io(x, s.checked);
    x.flag(s.return_to_retail);
    io(x, s.operator_name);
    io(x, s.summary);
    io(x, s.summary_zh);
    io(x, s.notes);
    io(x, s.rules);
    io(x, s.return_rates);
    io(x, s.sources);
}
template <class IO> void io(IO& x, MaterialFactor& m) {
    x.flag(m.available);
    x.real(m.kg_co2e_per_kg);
    x.flag(m.derived);
    io(x, m.basis);
    io(x, m.source_id);
    x.num(m.year);
}
template <class IO> void io(IO& x, EmissionFactorSet& s) {
    io(x, s.id);
    io(x, s.name);
    io(x, s.description);
    for (MaterialFactor& m : s.materials) io(x, m);
    io(x, s.bottle_loops_low);
    io(x, s.bottle_loops_high);
    io(x, s.total_uses);
}
template <class IO> void io(IO& x, EnergyFactor& e) {
    x.flag(e.available);
    x.real(e.mj_per_kg);
    x.real(e.mj_per_kg_low);
    x.real(e.mj_per_kg_high);
    x.flag(e.derived);
    io(x, e.basis);
    io(x, e.source_ids);
}
template <class IO> void io(IO& x, MassAnchor& a) {
    x.num(a.volume_ml);
    x.real(a.grams);
    x.num(a.category_mask);
    io(x, a.source_id);
    x.num(a.year);
}
template <class IO> void io(IO& x, MaterialMass& m) {
    io(x, m.anchors);
    x.real(m.low_factor);
    x.real(m.high_factor);
    io(x, m.range_basis);
}
template <class IO> void io(IO& x, Equivalent& e) {
    io(x, e.id);
    io(x, e.name);
    io(x, e.unit);
    x.real(e.kg_co2e_per_unit);
    io(x, e.basis);
    io(x, e.source_id);
    x.num(e.year);
}
template <class IO> void io(IO& x, CarbonPrice& p) {
    io(x, p.id);
    io(x, p.label);
    io(x, p.per_tonne);
    io(x, p.source_id);
    x.num(p.year);
}
template <class IO> void io(IO& x, ImpactFactors& f) {
    io(x, f.sources);
    io(x, f.emission_sets);
    for (EnergyFactor& e : f.energy) io(x, e);
    for (MaterialMass& m : f.masses) io(x, m);
    io(x, f.equivalents);
    io(x, f.carbon_prices);
}
template <class IO> void io(IO& x, Conversions::Fx& fx) {
    io(x, fx.code);
    x.real(fx.usd_per_unit);
}
template <class IO> void io(IO& x, Conversions::FixedToEuro& fixed) {
    io(x, fixed.code);
    x.real(fixed.per_euro);
    io(x, fixed.source_id);
}
template <class IO> void io(IO& x, Conversions& c) {
    io(x, c.id);
    x.num(c.reference_year);
    io(x, c.fx_date);
    io(x, c.fx);
    io(x, c.fixed_to_euro);
    x.num(c.cpi_first_year);
    io(x, c.cpi);
    io(x, c.sources);
    io(x, c.method);
}
template <class IO> void io(IO& x, BasketItem& b) {
    io(x, b.container);
    x.real(b.weight);
}
template <class IO> void io(IO& x, ReturnModel& m) {
    io(x, m.id);
    io(x, m.conversion_id);
    x.real(m.newness_years);
    io(x, m.basket);
    for (double* d : {&m.intercept, &m.b_log_refund, &m.b_return_to_retail, &m.b_newness}) x.real(*d);
    x.flag(m.uses_return_to_retail);
    x.flag(m.uses_newness);
    for (double* d : {&m.level, &m.lower_logit_offset, &m.upper_logit_offset}) x.real(*d);
    x.num(m.observations);
    x.num(m.jurisdictions);
    for (double* d : {&m.loo_rmse_pp, &m.loo_mae_pp, &m.nested_coverage, &m.mean_width_pp}) x.real(*d);
    io(x, m.data_fingerprint);
    io(x, m.generated_by);
}
template <class IO> void io(IO& x, StartData& d) {
    io(x, d.factors);
    io(x, d.conversions);
    io(x, d.model);
}

template <class T>
std::string write(std::string_view magic, T value) {
    Out out;
    out.bytes = magic;
    io(out, value);
    return std::move(out.bytes);
}

template <class T>
Result<T> read(std::string_view bytes, std::string_view magic, const char* what) {
    if (bytes.substr(0, magic.size()) != magic) return Error{"snapshot", std::string("not a ") + what + " snapshot"};
    In in(bytes.substr(magic.size()));
    T value;
    io(in, value);
    if (!in.done()) return Error{"snapshot", std::string("a damaged ") + what + " snapshot (truncated, or a value out of range)"};
    return value;
}

}  // namespace

std::string snapshot_scheme(const Scheme& scheme, SnapshotDetail detail) {
    if (detail == SnapshotDetail::complete) return write(kSchemeMagic, scheme);
    Scheme figures = scheme;
    figures.notes.clear();
    for (Rule& rule : figures.rules) rule.note.clear();
    // The Chinese data texts stay in the published JSON, fetched when a visitor reads Chinese: in every scheme's
    // first-view snapshot they would cost each English visit too (the first load's 60 KB budget).
    figures.summary_zh.clear();
    for (Source& source : figures.sources) source.title_zh.clear();
    return write(kSchemeMagic, std::move(figures));
}
std::string snapshot_start_data(const StartData& data, SnapshotDetail detail) {
    if (detail == SnapshotDetail::complete) return write(kStartMagic, data);
    StartData figures = data;
    for (EmissionFactorSet& set : figures.factors.emission_sets) {
        set.description.clear();
        for (MaterialFactor& m : set.materials) m.basis.clear();
    }
    for (EnergyFactor& e : figures.factors.energy) e.basis.clear();
    for (MaterialMass& m : figures.factors.masses) m.range_basis.clear();
    for (Equivalent& e : figures.factors.equivalents) e.basis.clear();
    // Chinese titles stay in the published JSON, as for schemes (a Chinese reader's page fetches them lazily).
    for (Source& s : figures.factors.sources) s.title_zh.clear();
    for (Source& s : figures.conversions.sources) s.title_zh.clear();
    figures.conversions.method.clear();
    figures.model.generated_by.clear();
    figures.model.data_fingerprint.clear();
    return write(kStartMagic, std::move(figures));
}
Result<Scheme> read_scheme_snapshot(std::string_view bytes) { return read<Scheme>(bytes, kSchemeMagic, "scheme"); }
Result<StartData> read_start_data_snapshot(std::string_view bytes) { return read<StartData>(bytes, kStartMagic, "start data"); }

char snapshot_kind(std::string_view bytes) {
    if (bytes.substr(0, 4) == kSchemeMagic) return 's';
    if (bytes.substr(0, 4) == kStartMagic) return 'd';
    return 0;
}

}  // namespace returnloop
