// The kiosk's words in every language it speaks: one flat JSON file per language in assets/i18n/, looked up by key,
// with named placeholders ("{amount}") and the one plural distinction the four languages need.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/placeholders.hpp"  // fill(): the window and the receipts fill the same strings
#include "returnloop/money.hpp"
#include "returnloop/result.hpp"

namespace returnloop::kiosk::ui {

enum class Language : std::uint8_t { en, zh_CN, es, de };
inline constexpr int kLanguageCount = 4;
inline constexpr std::array<Language, kLanguageCount> kLanguages{Language::en, Language::zh_CN, Language::es, Language::de};

std::string_view language_id(Language language);           // "en", "zh-CN", "es", "de" (file names and --lang)
std::optional<Language> language_from_id(std::string_view id);  // also accepts "zh", "zh_CN", "EN"
std::string_view language_native_name(Language language);  // "English", "中文", "Español", "Deutsch"

// How amounts and numbers are written for a language, given the scheme's country: en in Canada is en-CA.
Locale language_locale(Language language, std::string_view country);

class Strings {
public:
    // Parses one language file: a flat JSON object of key -> string ("_"-prefixed keys are metadata).
    // Errors name the key at fault (non-string values, unbalanced placeholders); invalid JSON or UTF-8 is refused whole.
    static Result<Strings> parse(std::string_view json_text);

    // The text for key, or the key itself in brackets when it is missing, so a gap shows on screen and in tests.
    const std::string& get(std::string_view key) const;
    bool has(std::string_view key) const;
    const std::map<std::string, std::string, std::less<>>& entries() const { return entries_; }
    // Keys asked for but not defined since loading: a render of every screen must leave this empty.
    std::vector<std::string> misses() const;

private:
    std::map<std::string, std::string, std::less<>> entries_;
    // Holds the bracketed stand-ins get() hands out for missing keys, so tests can list them (see misses()).
    mutable std::map<std::string, std::string, std::less<>> missing_;
};

// All four languages, loaded from a folder (assets/i18n/<id>.json).
struct StringTable {
    std::array<Strings, kLanguageCount> languages;
    const Strings& of(Language language) const { return languages[static_cast<std::size_t>(language)]; }
};
Result<StringTable> load_string_table(const std::string& folder);

// The key for a count: "<base>_one" when n is 1 in a language with a singular (en, es, de), else "<base>_other".
std::string plural_key(std::string_view base, Language language, std::uint64_t n);

// Every key a language file must define: the union of the keys of all files must equal each file's keys.
std::set<std::string> missing_keys(const StringTable& table, Language language);

}  // namespace returnloop::kiosk::ui
