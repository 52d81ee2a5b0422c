// What a receipt says in the shopper's language: the "receipt.*" strings of the kiosk's i18n files
// (assets/i18n/<language>.json, the same files the window reads) and the locale its amounts are formatted in.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "common/status.hpp"
#include "returnloop/money.hpp"

namespace returnloop::kiosk {

// How amounts are written for a kiosk language given the scheme's country (en in Canada is en-CA). The window's
// i18n uses the same mapping.
Locale locale_for_language(std::string_view language, std::string_view country);

struct ReceiptWords {
    std::string language = "en";
    Locale locale = Locale::en_GB;
    std::map<std::string, std::string, std::less<>> text;  // receipt.* keys

    // The text for key with "{name}" placeholders filled; a missing key shows as "[key]".
    std::string say(std::string_view key, std::initializer_list<std::pair<std::string_view, std::string_view>> values = {}) const;
    // "<key>_one" for 1 in languages with a singular, else "<key>_other", with {n} filled.
    std::string count(std::string_view key, std::int64_t n) const;
    std::string money(Money amount) const { return format_money(amount, locale); }
};

// Reads <i18n_folder>/<language>.json. The language must be one the kiosk speaks ("en", "zh-CN", "es", "de").
Result<ReceiptWords> load_receipt_words(const std::string& i18n_folder, std::string_view language, std::string_view country);

}  // namespace returnloop::kiosk
