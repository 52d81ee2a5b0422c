// Fits the return-rate model: weighted least squares on logit(rate), leave-one-jurisdiction-out residuals for the
// interval, and a nested leave-one-out (the held-out place is absent from the interval's residuals too) to measure
// how often the 80% interval really covers a new place.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>
#include <string>

#include "return_model_math.hpp"
#include "returnloop/return_model_fit.hpp"

namespace returnloop {
namespace {

constexpr int kMaxP = 4;
using Row = std::array<double, kMaxP>;

struct Variant {
    const char* name;
    bool log_refund, rtr, newness;
};

struct Design {
    std::vector<Row> x;
    std::vector<double> y, w;
    std::vector<int> group;  // jurisdiction index per row
    int groups = 0;
    int p = 0;
};

Design make_design(const ObservationSet& data, const Variant& v) {
    Design d;
    std::map<std::string, int> gid;
    for (const auto& o : data.used) gid.emplace(o.jurisdiction, 0);
    int g = 0;
    for (auto& [k, idx] : gid) idx = g++;
    d.groups = g;
    d.p = 1 + (v.log_refund ? 1 : 0) + (v.rtr ? 1 : 0) + (v.newness ? 1 : 0);
    for (const auto& o : data.used) {
        Row r{};
        int c = 0;
        r[c++] = 1;
        if (v.log_refund) r[c++] = detail::det_log(o.features.real_refund_usd);
        if (v.rtr) r[c++] = o.features.return_to_retail ? 1 : 0;
        if (v.newness) r[c++] = o.features.newness;
        d.x.push_back(r);
        d.y.push_back(detail::logit(o.rate));
        d.w.push_back(o.weight);
        d.group.push_back(gid[o.jurisdiction]);
    }
    return d;
}

// Weighted least squares over the rows whose group is not excluded; false when the system is singular.
bool wls(const Design& d, int skip_a, int skip_b, Row& beta) {
    double a[kMaxP][kMaxP] = {};
    double b[kMaxP] = {};
    int n = 0;
    for (std::size_t i = 0; i < d.y.size(); ++i) {
        if (d.group[i] == skip_a || d.group[i] == skip_b) continue;
        ++n;
        for (int r = 0; r < d.p; ++r) {
            b[r] += d.w[i] * d.x[i][r] * d.y[i];
            for (int c = 0; c < d.p; ++c) a[r][c] += d.w[i] * d.x[i][r] * d.x[i][c];
        }
    }
    if (n < d.p) return false;
    // Gaussian elimination with partial pivoting on the p x p normal equations.
    int p = d.p;
    for (int col = 0; col < p; ++col) {
        int piv = col;
        for (int r = col + 1; r < p; ++r)
            if (std::fabs(a[r][col]) > std::fabs(a[piv][col])) piv = r;
        if (std::fabs(a[piv][col]) < 1e-10) return false;
        if (piv != col) {
            for (int c = 0; c < p; ++c) std::swap(a[col][c], a[piv][c]);
            std::swap(b[col], b[piv]);
        }
        for (int r = col + 1; r < p; ++r) {
            double f = a[r][col] / a[col][col];
            for (int c = col; c < p; ++c) a[r][c] -= f * a[col][c];
            b[r] -= f * b[col];
        }
    }
    for (int r = p - 1; r >= 0; --r) {
        double s = b[r];
        for (int c = r + 1; c < p; ++c) s -= a[r][c] * beta[c];
        beta[r] = s / a[r][r];
    }
    return true;
}

double predict(const Row& x, const Row& beta, int p) {
    double s = 0;
    for (int c = 0; c < p; ++c) s += x[c] * beta[c];
    return s;
}

// Weighted quantile: sorted values at cumulative-weight midpoints, linear in between, clamped at the ends.
double weighted_quantile(std::vector<std::pair<double, double>> vw, double q) {
    std::sort(vw.begin(), vw.end());
    double total = 0;
    for (const auto& [v, w] : vw) total += w;
    double cum = 0, prev_pos = 0, prev_v = 0;
    for (std::size_t i = 0; i < vw.size(); ++i) {
        double pos = (cum + vw[i].second / 2) / total;
        cum += vw[i].second;
        if (q <= pos) {
            if (i == 0) return vw[0].first;
            double t = (q - prev_pos) / (pos - prev_pos);
            return prev_v + t * (vw[i].first - prev_v);
        }
        prev_pos = pos;
        prev_v = vw[i].first;
    }
    return vw.back().first;
}

struct LooRun {
    std::vector<double> loo;  // linear predictor without the row's group
    bool ok = true;
};

// Leave out each group (and also `outer`, when >= 0) and predict the left-out group's rows.
LooRun leave_one_out(const Design& d, int outer) {
    LooRun run;
    run.loo.assign(d.y.size(), 0);
    for (int g = 0; g < d.groups; ++g) {
        if (g == outer) continue;
        Row beta{};
        if (!wls(d, g, outer, beta)) {
            run.ok = false;
            return run;
        }
        for (std::size_t i = 0; i < d.y.size(); ++i)
            if (d.group[i] == g) run.loo[i] = predict(d.x[i], beta, d.p);
    }
    return run;
}

struct Scored {
    VariantScore score;
    std::vector<LooPoint> points;
    Row beta{};
    double q_lo = 0, q_hi = 0, bias_pp = 0;
};

Result<Scored> score_variant(const ObservationSet& data, const Variant& v, double level) {
    Design d = make_design(data, v);
    Scored s;
    s.score.name = v.name;
    s.score.log_refund = v.log_refund;
    s.score.return_to_retail = v.rtr;
    s.score.newness = v.newness;
    if (!wls(d, -1, -1, s.beta)) return Error{"model", std::string("the data cannot identify model '") + v.name + "'"};
    LooRun all = leave_one_out(d, -1);
    if (!all.ok) return Error{"model", std::string("leaving one jurisdiction out makes '") + v.name + "' singular"};
    double lo_q = (1 - level) / 2, hi_q = 1 - lo_q;
    std::vector<std::pair<double, double>> resid;
    for (std::size_t i = 0; i < d.y.size(); ++i) resid.push_back({d.y[i] - all.loo[i], d.w[i]});
    s.q_lo = weighted_quantile(resid, lo_q);
    s.q_hi = weighted_quantile(resid, hi_q);

    std::size_t n = d.y.size();
    s.points.resize(n);
    double se = 0, ae = 0, wsum = 0, wcov = 0, ucov = 0, width = 0, bias = 0;
    for (int g = 0; g < d.groups; ++g) {
        // Nested: the interval for group g comes from residuals of the other groups, each itself left out.
        LooRun inner = leave_one_out(d, g);
        std::vector<std::pair<double, double>> r_in;
        if (inner.ok)
            for (std::size_t i = 0; i < n; ++i)
                if (d.group[i] != g) r_in.push_back({d.y[i] - inner.loo[i], d.w[i]});
        double glo = r_in.empty() ? s.q_lo : weighted_quantile(r_in, lo_q);
        double ghi = r_in.empty() ? s.q_hi : weighted_quantile(r_in, hi_q);
        for (std::size_t i = 0; i < n; ++i) {
            if (d.group[i] != g) continue;
            LooPoint& pt = s.points[i];
            pt.loo_logit = all.loo[i];
            pt.loo_rate = detail::logistic(pt.loo_logit);
            pt.residual_logit = d.y[i] - pt.loo_logit;
            pt.nested_low = detail::logistic(pt.loo_logit + glo);
            pt.nested_high = detail::logistic(pt.loo_logit + ghi);
            pt.covered = pt.residual_logit >= glo && pt.residual_logit <= ghi;
            double fitted = predict(d.x[i], s.beta, d.p);
            pt.fitted_rate = detail::logistic(fitted);
            pt.low = detail::logistic(fitted + s.q_lo);
            pt.high = detail::logistic(fitted + s.q_hi);
            double err = 100 * (data.used[i].rate - pt.loo_rate);
            se += err * err;
            ae += std::fabs(err);
            bias += d.w[i] * err;
            wsum += d.w[i];
            if (pt.covered) {
                wcov += d.w[i];
                ucov += 1;
            }
            width += d.w[i] * 100 * (pt.high - pt.low);
        }
    }
    s.score.loo_rmse_pp = std::sqrt(se / static_cast<double>(n));
    s.score.loo_mae_pp = ae / static_cast<double>(n);
    s.score.nested_coverage = wcov / wsum;
    s.score.nested_coverage_unweighted = ucov / static_cast<double>(n);
    s.score.mean_width_pp = width / wsum;
    s.bias_pp = bias / wsum;
    return s;
}

std::string fingerprint(const ObservationSet& data) {
    // FNV-1a over the exact bits of every input the fit sees: any change of data changes it.
    std::uint64_t h = 0xcbf29ce484222325ULL;
    auto mix_bytes = [&](const void* p, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        for (std::size_t i = 0; i < n; ++i) {
            h ^= b[i];
            h *= 0x100000001b3ULL;
        }
    };
    auto mix_double = [&](double v) {
        std::uint64_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        for (int k = 0; k < 8; ++k) {
            unsigned char byte = static_cast<unsigned char>(bits >> (8 * k));
            mix_bytes(&byte, 1);
        }
    };
    for (const auto& o : data.used) {
        mix_bytes(o.jurisdiction.data(), o.jurisdiction.size());
        mix_double(o.year);
        mix_double(o.rate);
        mix_double(o.features.real_refund_usd);
        mix_double(o.features.return_to_retail ? 1 : 0);
        mix_double(o.features.newness);
        mix_double(o.weight);
    }
    static const char* hex = "0123456789abcdef";
    std::string out = "fnv1a64:";
    for (int k = 15; k >= 0; --k) out.push_back(hex[(h >> (4 * k)) & 0xF]);
    return out;
}

}  // namespace

Result<FitResult> fit_return_model(const ObservationSet& data, const Conversions& conversions) {
    const FitConfig& cfg = data.config;
    if (data.used.size() < 8) return Error{"observations", "too few observations to fit (" + std::to_string(data.used.size()) + ")"};
    // Every nested model is scored so the report shows what each covariate adds; the configuration names the one
    // used (chosen beforehand by the rule "a covariate stays only if it lowers the leave-one-out error").
    const std::vector<Variant> variants = {
        {"intercept only", false, false, false},
        {"ln real refund", true, false, false},
        {"ln real refund + return to retail", true, true, false},
        {"ln real refund + newness", true, false, true},
        {"ln real refund + return to retail + newness", true, true, true},
    };
    FitResult out;
    Scored chosen;
    for (const Variant& v : variants) {
        const bool is_chosen = v.log_refund && v.rtr == cfg.use_return_to_retail && v.newness == cfg.use_newness;
        auto s = score_variant(data, v, cfg.level);
        if (!s) {
            // A comparison model the data cannot identify (say, no scheme is new) is listed as such.
            if (is_chosen || !v.log_refund) return s.error();
            VariantScore unfit;
            unfit.name = v.name;
            unfit.identifiable = false;
            out.variants.push_back(unfit);
            continue;
        }
        out.variants.push_back(s->score);
        if (!v.log_refund) out.baseline_loo_rmse_pp = s->score.loo_rmse_pp;
        if (is_chosen) {
            out.variants.back().used = true;
            chosen = std::move(*s);
        }
    }
    ReturnModel& m = out.model;
    m.id = cfg.model_id;
    m.conversion_id = conversions.id;
    m.newness_years = cfg.newness_years;
    m.basket = cfg.basket;
    m.uses_return_to_retail = cfg.use_return_to_retail;
    m.uses_newness = cfg.use_newness;
    int c = 0;
    m.intercept = chosen.beta[c++];
    m.b_log_refund = chosen.beta[c++];
    if (cfg.use_return_to_retail) m.b_return_to_retail = chosen.beta[c++];
    if (cfg.use_newness) m.b_newness = chosen.beta[c++];
    m.level = cfg.level;
    m.lower_logit_offset = chosen.q_lo;
    m.upper_logit_offset = chosen.q_hi;
    std::map<std::string, int> js;
    for (const auto& o : data.used) ++js[o.jurisdiction];
    m.observations = static_cast<int>(data.used.size());
    m.jurisdictions = static_cast<int>(js.size());
    m.loo_rmse_pp = chosen.score.loo_rmse_pp;
    m.loo_mae_pp = chosen.score.loo_mae_pp;
    m.nested_coverage = chosen.score.nested_coverage;
    m.mean_width_pp = chosen.score.mean_width_pp;
    m.data_fingerprint = fingerprint(data);
    m.generated_by = "returnloop_fit_model (core/src/return_model_fit.cpp)";
    out.points = std::move(chosen.points);
    out.nested_coverage_unweighted = chosen.score.nested_coverage_unweighted;
    out.loo_bias_pp = chosen.bias_pp;
    return out;
}

}  // namespace returnloop
