// Platform-identical numerics for the model and the Monte Carlo band: exp/log from + - * / and exact
// bit operations only (glibc's and Emscripten's libm may differ in the last bit), a seeded xoshiro256** PRNG,
// and the normal quantile. Native and WASM therefore produce the same doubles, draw for draw.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

// The Monte Carlo loop calls these 10^4-10^5 times per recompute; size-optimised builds (-Os/-Oz, as the WASM
// build is) would otherwise keep them as calls.
#if defined(__GNUC__) || defined(__clang__)
#define RETURNLOOP_HOT inline __attribute__((always_inline))
#else
#define RETURNLOOP_HOT inline
#endif

namespace returnloop::detail {

// e^x, correct to about 1 ulp: x = k ln2 + r with |r| <= ln2/2 (Cody-Waite split), then the Taylor polynomial of
// e^r to degree 14 by Horner (remainder < 1e-17), then an exact scaling by 2^k.
RETURNLOOP_HOT double det_exp(double x) {
    if (x != x) return x;
    if (x > 709) return std::numeric_limits<double>::infinity();
    if (x < -745) return 0;
    constexpr double ln2_hi = 6.93147180369123816490e-01;
    constexpr double ln2_lo = 1.90821492927058770002e-10;
    constexpr double inv_ln2 = 1.44269504088896338700e+00;
    double kd = x * inv_ln2;
    kd = kd < 0 ? static_cast<double>(static_cast<long long>(kd - 0.5)) : static_cast<double>(static_cast<long long>(kd + 0.5));
    double r = (x - kd * ln2_hi) - kd * ln2_lo;
    // 1/n! for n = 14 down to 2, as literals so every compiler uses the same bits.
    constexpr double c[] = {1.1470745597729725e-11, 1.6059043836821613e-10, 2.08767569878681e-09, 2.505210838544172e-08, 2.755731922398589e-07,
                            2.7557319223985893e-06, 2.48015873015873e-05, 0.0001984126984126984, 0.001388888888888889, 0.008333333333333333,
                            0.041666666666666664, 0.16666666666666666, 0.5};
    double p = c[0];
    for (int i = 1; i < 13; ++i) p = p * r + c[i];
    double sum = 1 + r * (1 + r * p);
    int k = static_cast<int>(kd);
    if (k < -1000 || k > 1000) return std::ldexp(sum, k);
    // 2^k built from its exponent bits (exact, and no libm call on the hot path).
    std::uint64_t bits = static_cast<std::uint64_t>(k + 1023) << 52;
    double scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return sum * scale;
}

// ln x for finite x > 0: x = m 2^e with m in [sqrt(1/2), sqrt(2)), ln m = 2 atanh(s), s = (m-1)/(m+1), by the
// odd series of atanh to s^27 (|s| <= 0.1716: remainder < 1e-21) in Horner form.
inline double det_log(double x) {
    if (!(x > 0)) return x == 0 ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
    if (x == std::numeric_limits<double>::infinity()) return x;
    int e = 0;
    double m = std::frexp(x, &e);  // m in [0.5, 1), exact
    if (m < 0.70710678118654752440) {
        m *= 2;
        e -= 1;
    }
    double s = (m - 1) / (m + 1);
    double s2 = s * s;
    // 1/(2k+1) for k = 13 down to 1.
    constexpr double c[] = {1.0 / 27, 1.0 / 25, 1.0 / 23, 1.0 / 21, 1.0 / 19, 1.0 / 17, 1.0 / 15,
                            1.0 / 13, 1.0 / 11, 1.0 / 9,  1.0 / 7,  1.0 / 5,  1.0 / 3};
    double p = c[0];
    for (int i = 1; i < 13; ++i) p = p * s2 + c[i];
    double atanh = s + s * s2 * p;
    constexpr double ln2_hi = 6.93147180369123816490e-01;
    constexpr double ln2_lo = 1.90821492927058770002e-10;
    return (e * ln2_hi + 2 * atanh) + e * ln2_lo;
}

inline double det_pow(double base, double exponent) { return det_exp(exponent * det_log(base)); }

inline double logit(double p) { return det_log(p / (1 - p)); }
RETURNLOOP_HOT double logistic(double z) {
    if (z >= 0) return 1 / (1 + det_exp(-z));
    double e = det_exp(z);
    return e / (1 + e);
}

// The 0.9 quantile of the standard normal: an 80% central interval is +/- this many standard deviations.
inline constexpr double kZ90 = 1.2815515655446004;

// Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9), p in (0, 1).
RETURNLOOP_HOT double normal_quantile(double p) {
    constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                            6.680131188771972e+01, -1.328068155288572e+01};
    constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                            3.754408661907416e+00};
    constexpr double plow = 0.02425;
    if (p < plow) {
        double q = std::sqrt(-2 * det_log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - plow) {
        double q = std::sqrt(-2 * det_log(1 - p));
        return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

// xoshiro256** seeded through splitmix64 (Blackman & Vigna): small, fast, identical on every platform.
class Xoshiro256 {
public:
    explicit Xoshiro256(std::uint64_t seed) {
        for (auto& word : s_) word = splitmix64(seed);
    }
    RETURNLOOP_HOT std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    // Uniform in (0, 1), never 0 or 1: the top 53 bits, offset by half a step.
    RETURNLOOP_HOT double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }

private:
    static std::uint64_t splitmix64(std::uint64_t& x) {
        std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    RETURNLOOP_HOT static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4];
};

// Round half away from zero to an integer, exactly (x - floor(x) is exact below 2^52), without a libm call.
inline std::int64_t round_to_int(double x) {
    double a = x < 0 ? -x : x;
    double f = std::floor(a);
    if (a - f >= 0.5) f += 1;
    auto i = static_cast<std::int64_t>(f);
    return x < 0 ? -i : i;
}

}  // namespace returnloop::detail
