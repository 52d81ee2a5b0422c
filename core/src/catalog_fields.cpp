// Checks for the product register's cell values (see catalog_fields.hpp).
#include "catalog_fields.hpp"

#include <cstring>

namespace returnloop::detail {
namespace {

constexpr std::size_t kQuotedMaxBytes = 40;

// Length of the well-formed UTF-8 sequence at text[i] (RFC 3629: no overlongs, no surrogates, at most
// U+10FFFF), or 0 when it is malformed. Sets code_point.
std::size_t utf8_sequence(std::string_view text, std::size_t i, std::uint32_t& code_point) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    }
    std::size_t length = 0;
    std::uint32_t min = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        min = 0x80;
        code_point = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        min = 0x800;
        code_point = lead & 0x0Fu;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        min = 0x10000;
        code_point = lead & 0x07u;
    } else {
        return 0;
    }
    if (text.size() - i < length) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const unsigned char next = byte(i + k);
        if ((next & 0xC0u) != 0x80u) return 0;
        code_point = (code_point << 6) | (next & 0x3Fu);
    }
    if (code_point < min || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return 0;
    return length;
}

// True when none of the eight bytes is below 0x20, 0x7F (DEL) or above (non-ASCII). Each test flags a byte in
// its high bit: b - 0x20 borrows for b < 0x20, b + 1 reaches 0x80 for b = 0x7F, and b itself has it set for b >= 0x80.
bool all_printable_ascii(std::uint64_t word) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull;
    constexpr std::uint64_t kHigh = 0x8080808080808080ull;
    const std::uint64_t below_space = (word - kOnes * 0x20) & ~word;
    const std::uint64_t del_or_above = (word & ~kHigh) + kOnes;  // per byte (b & 0x7F) + 1, no carries between bytes
    return ((below_space | del_or_above | word) & kHigh) == 0;
}

bool is_control(std::uint32_t code_point) {
    return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
}

void append_hex_escape(std::string& out, unsigned char byte) {
    constexpr char kHex[] = "0123456789ABCDEF";
    out += "\\x";
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0F];
}

std::string code_point_label(std::uint32_t code_point) {
    constexpr char kHex[] = "0123456789ABCDEF";
    std::string label = "U+";
    for (int shift = 12; shift >= 0; shift -= 4) label += kHex[(code_point >> shift) & 0xFu];
    return label;
}

}  // namespace

std::string_view trim_blanks(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::string text_problem(std::string_view text, bool required) {
    if (text.empty()) return required ? "is empty" : std::string{};
    if (text.size() > kMaxTextBytes) {
        return "is " + std::to_string(text.size()) + " bytes long; at most " + std::to_string(kMaxTextBytes) +
               " are allowed";
    }
    std::size_t i = 0;
    // Eight bytes at a time while they are all printable ASCII, nearly every byte of a register.
    while (text.size() - i >= 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, text.data() + i, 8);
        if (!all_printable_ascii(word)) break;
        i += 8;
    }
    while (i < text.size()) {
        if (static_cast<unsigned char>(text[i]) >= 0x20 && static_cast<unsigned char>(text[i]) < 0x7F) {
            ++i;  // printable ASCII, nearly every byte of a register
            continue;
        }
        std::uint32_t code_point = 0;
        const std::size_t length = utf8_sequence(text, i, code_point);
        if (length == 0) return "is not valid UTF-8 (at byte " + std::to_string(i + 1) + ")";
        if (is_control(code_point)) return "contains a control character (" + code_point_label(code_point) + ")";
        i += length;
    }
    return {};
}

std::optional<std::uint64_t> parse_whole(std::string_view digits, std::uint64_t max) {
    if (digits.empty()) return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
        if (value > max) return std::nullopt;  // stops before the next multiply could overflow (max < 2^60)
    }
    return value;
}

std::optional<bool> parse_yes_no(std::string_view text) {
    if (text.size() > 5) return std::nullopt;
    char lower[5] = {};
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    const std::string_view word(lower, text.size());
    if (word == "true" || word == "1" || word == "yes") return true;
    if (word == "false" || word == "0" || word == "no") return false;
    return std::nullopt;
}

std::string quote_value(std::string_view raw) {
    std::string out = "\"";
    std::size_t i = 0;
    while (i < raw.size() && i < kQuotedMaxBytes) {
        const unsigned char byte = static_cast<unsigned char>(raw[i]);
        std::uint32_t code_point = 0;
        const std::size_t length = utf8_sequence(raw, i, code_point);
        if (length == 0 || is_control(code_point)) {
            append_hex_escape(out, byte);
            ++i;
        } else {
            out.append(raw.substr(i, length));
            i += length;
        }
    }
    out += '"';
    if (i < raw.size()) out += " (" + std::to_string(raw.size()) + " bytes, shortened)";
    return out;
}

}  // namespace returnloop::detail
