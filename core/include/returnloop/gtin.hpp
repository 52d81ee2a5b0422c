// GS1 trade item numbers: check digits, normalisation of raw scanner input, restricted-circulation prefixes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "returnloop/result.hpp"

namespace returnloop {

enum class GtinLength : std::uint8_t { gtin8 = 8, gtin12 = 12, gtin13 = 13, gtin14 = 14 };

struct Gtin {
    std::string digits;  // as scanned, 8/12/13/14 digits, check digit verified
    GtinLength length = GtinLength::gtin13;
    std::uint64_t key() const;        // the GTIN-14 form as an integer: one key for a product however it was printed
    std::string as_gtin14() const;    // zero-padded to 14 digits
    friend bool operator==(const Gtin& a, const Gtin& b) { return a.key() == b.key(); }
};

// GS1 modulo-10 check digit for the digits before it (any length 7..17).
int gtin_check_digit(std::string_view body_without_check_digit);

// Exact digits only; wrong length, a non-digit or a wrong check digit is an error naming what was wrong.
Result<Gtin> parse_gtin(std::string_view digits);

// What a USB scanner types, cleaned: trims whitespace and control characters, drops an AIM symbology
// identifier such as "]E0" (EAN-13), "]E4" (EAN-8), "]C1" (GS1-128) or "]d2" (GS1 DataMatrix), and a GS1
// application identifier "(01)"/"01" prefix on a 16-digit element string. Returns the remaining text.
std::string normalise_scan(std::string_view raw);

// normalise_scan, then parse_gtin.
Result<Gtin> parse_scan(std::string_view raw);

// GS1 restricted circulation numbers (in-store codes, coupons, vouchers): GTIN-13 prefixes 02, 04 and 20-29
// (GTIN-12 number systems 2 and 4), GTIN-8 prefixes 0 and 2. Such codes are never a product's registered GTIN.
bool is_restricted_circulation(const Gtin& gtin);

}  // namespace returnloop
