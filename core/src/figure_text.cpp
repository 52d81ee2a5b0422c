// The display rules of a face's figures.
#include "returnloop/figure_text.hpp"

#include <cmath>

namespace returnloop {

std::string format_percent(double share, Locale locale) {
    return format_number(share * 100, locale, share < 0.1 ? 1 : 0) + "%";
}

namespace {

// a * b exactly, as the rounded product plus its error (Dekker's two-product; no fma: the WASM has none).
double product_error(double a, double b, double product) {
    const auto split = [](double x, double& hi, double& lo) {
        const double c = 134217729.0 * x;  // 2^27 + 1
        hi = c - (c - x);
        lo = x - hi;
    };
    double a_hi, a_lo, b_hi, b_lo;
    split(a, a_hi, a_lo);
    split(b, b_hi, b_lo);
    return ((a_hi * b_hi - product) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo;
}

// A magnitude from 1e-4 up rounded to three significant digits as JS's toPrecision(3) does: on its exact value, a
// half away from zero (what the page printed before the core worded its figures; no log10/pow/printf linked).
double round_3_significant(double size) {
    if (size >= 1000) {
        double unit = 1;
        while (size >= unit * 1000) unit *= 10;
        const double n = std::floor(size / unit);
        return (size >= (n + 0.5) * unit ? n + 1 : n) * unit;  // (n + 0.5) * unit is exact: a whole number
    }
    double scale = 1;
    while (size * scale < 100) scale *= 10;
    const double scaled = size * scale;
    const double n = std::floor(scaled);
    const double fraction = scaled - n;
    const bool up = fraction > 0.5 || (fraction == 0.5 && product_error(size, scale, scaled) >= 0);
    return (up ? n + 1 : n) / scale;
}

}  // namespace

std::string format_3_significant(double value, Locale locale) {
    const double size = std::fabs(value);
    if (std::isnan(value) || size < 1e-4) return format_number(0, locale, 0);  // three decimals show 0; NaN: missing
    if (!std::isfinite(size)) return format_number(value, locale, 0);         // "—"
    const double rounded = round_3_significant(size);
    return format_number(value < 0 ? -rounded : rounded, locale, size >= 100 ? 0 : size >= 10 ? 1 : size >= 1 ? 2 : 3);
}

}  // namespace returnloop
