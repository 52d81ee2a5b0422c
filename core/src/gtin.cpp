// GTIN check digits, cleaning of what a USB barcode scanner types, and GS1 restricted-circulation prefixes.
#include "returnloop/gtin.hpp"

namespace returnloop {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view text) {
    for (char c : text) {
        if (!is_digit(c)) return false;
    }
    return !text.empty();
}

// AIM symbology identifiers of symbologies that carry GS1 element strings rather than a bare GTIN.
bool is_gs1_element_symbology(std::string_view aim) {
    return aim == "]C1" || aim == "]d2" || aim == "]Q3" || aim == "]e0" || aim == "]J1";
}

std::string shown(std::string_view text) {
    std::string out;
    for (char c : text.substr(0, 32)) {
        const auto byte = static_cast<unsigned char>(c);
        out += byte >= 0x20 && byte < 0x7f ? c : '?';
    }
    if (text.size() > 32) out += "...";
    return "\"" + out + "\"";
}

}  // namespace

std::uint64_t Gtin::key() const {
    std::uint64_t value = 0;
    for (char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
    return value;
}

std::string Gtin::as_gtin14() const { return std::string(14 - digits.size(), '0') + digits; }

int gtin_check_digit(std::string_view body) {
    // GS1 mod 10: weights 3,1,3,... from the rightmost digit of the body.
    int sum = 0;
    int weight = 3;
    for (auto it = body.rbegin(); it != body.rend(); ++it) {
        sum += (*it - '0') * weight;
        weight = 4 - weight;
    }
    return (10 - sum % 10) % 10;
}

Result<Gtin> parse_gtin(std::string_view digits) {
    if (digits.empty()) return Error{"gtin", "the code is empty"};
    if (!all_digits(digits)) return Error{"gtin", shown(digits) + " is not a GTIN: it contains characters other than digits"};
    const std::size_t n = digits.size();
    if (n != 8 && n != 12 && n != 13 && n != 14) {
        return Error{"gtin", shown(digits) + " is not a GTIN: it has " + std::to_string(n) +
                                 " digits (a GTIN has 8, 12, 13 or 14)"};
    }
    const int expected = gtin_check_digit(digits.substr(0, n - 1));
    const int actual = digits[n - 1] - '0';
    if (expected != actual) {
        return Error{"gtin", shown(digits) + " has check digit " + std::to_string(actual) + ", but its digits need " +
                                 std::to_string(expected) + " (misread or mistyped code)"};
    }
    return Gtin{std::string(digits), static_cast<GtinLength>(n)};
}

std::string normalise_scan(std::string_view raw) {
    // Drop control characters (CR, LF, TAB, GS/FNC1, ESC...) and spaces anywhere: scanners and keyboard wedges add them.
    std::string text;
    text.reserve(raw.size() < 64 ? raw.size() : 64);
    for (char c : raw) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7f) continue;
        text += c;
    }
    std::string aim;
    if (text.size() >= 3 && text[0] == ']') {
        aim = text.substr(0, 3);
        text.erase(0, 3);
    }
    // A GS1 element string: AI (01) then the 14-digit GTIN, possibly followed by further AIs (expiry, batch...).
    if (text.rfind("(01)", 0) == 0 && text.size() >= 18 && all_digits(std::string_view(text).substr(4, 14))) {
        return text.substr(4, 14);
    }
    const bool element_string = is_gs1_element_symbology(aim) || text.size() >= 16;
    if (element_string && text.size() >= 16 && text.rfind("01", 0) == 0 &&
        all_digits(std::string_view(text).substr(2, 14))) {
        return text.substr(2, 14);
    }
    return text;
}

Result<Gtin> parse_scan(std::string_view raw) {
    if (raw.size() > 4096) return Error{"gtin", "the scanned code is too long (" + std::to_string(raw.size()) + " bytes)"};
    return parse_gtin(normalise_scan(raw));
}

bool is_restricted_circulation(const Gtin& gtin) {
    if (gtin.length == GtinLength::gtin8) return gtin.digits[0] == '0' || gtin.digits[0] == '2';
    const std::string full = gtin.as_gtin14();
    const char a = full[1], b = full[2];  // the GTIN-13 prefix, after the GTIN-14 indicator digit
    return (a == '0' && (b == '2' || b == '4')) || a == '2';
}

}  // namespace returnloop
