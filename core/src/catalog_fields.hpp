// Checks for the product register's cell values (text, whole numbers, yes/no flags) and safe quoting of
// a bad value inside an error message, so junk input never turns into a huge or invalid message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace returnloop::detail {

inline constexpr std::size_t kMaxTextBytes = 200;  // a name or brand; longer is a mistake, not a product

// Strips ASCII spaces and tabs around a cell, which hand-edited files and some exporters add.
std::string_view trim_blanks(std::string_view text);

// Why a name or brand cell is unacceptable (empty when it is fine): too long, not UTF-8, control characters.
std::string text_problem(std::string_view text, bool required);

// Digits only, no sign, at most `max`; nullopt for anything else, however long (never overflows).
std::optional<std::uint64_t> parse_whole(std::string_view digits, std::uint64_t max);

// true/false/1/0/yes/no in any letter case (spreadsheets write TRUE and FALSE).
std::optional<bool> parse_yes_no(std::string_view text);

// The value in double quotes for a message: at most 40 bytes, control characters and bytes that are not
// UTF-8 written as \xNN.
std::string quote_value(std::string_view raw);

}  // namespace returnloop::detail
