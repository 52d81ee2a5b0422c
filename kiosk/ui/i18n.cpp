// The kiosk's string tables (see i18n.hpp).
#include "ui/i18n.hpp"

#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "common/receipt_words.hpp"

namespace returnloop::kiosk::ui {
namespace {

constexpr std::size_t kMaxStringFileBytes = 1 << 20;

// "{" and "}" must pair up around a name of letters, digits and underscores.
bool balanced_placeholders(std::string_view text) {
    bool open = false;
    for (char c : text) {
        if (c == '{') {
            if (open) return false;
            open = true;
        } else if (c == '}') {
            if (!open) return false;
            open = false;
        } else if (open && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return false;
        }
    }
    return !open;
}

}  // namespace

std::string_view language_id(Language language) {
    switch (language) {
        case Language::en: return "en";
        case Language::zh_CN: return "zh-CN";
        case Language::es: return "es";
        case Language::de: return "de";
    }
    return "en";
}

std::optional<Language> language_from_id(std::string_view id) {
    std::string lower;
    for (char c : id) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : (c == '_' ? '-' : c);
    if (lower == "en" || lower.rfind("en-", 0) == 0) return Language::en;
    if (lower == "zh" || lower == "zh-cn" || lower == "zh-hans" || lower == "zh-hans-cn") return Language::zh_CN;
    if (lower == "es" || lower.rfind("es-", 0) == 0) return Language::es;
    if (lower == "de" || lower.rfind("de-", 0) == 0) return Language::de;
    return std::nullopt;
}

std::string_view language_native_name(Language language) {
    switch (language) {
        case Language::en: return "English";
        case Language::zh_CN: return "中文";
        case Language::es: return "Español";
        case Language::de: return "Deutsch";
    }
    return "English";
}

Locale language_locale(Language language, std::string_view country) {
    return locale_for_language(language_id(language), country);  // one mapping for the window and the receipts
}

Result<Strings> Strings::parse(std::string_view json_text) {
    if (json_text.size() > kMaxStringFileBytes) return Error{"", "the string file is larger than 1 MiB"};
    // The JSON parser also refuses invalid UTF-8, so every string below is well-formed text.
    const nlohmann::json root = nlohmann::json::parse(json_text.begin(), json_text.end(), nullptr, false);
    if (root.is_discarded()) return Error{"", "the string file is not valid JSON (or not valid UTF-8)"};
    if (!root.is_object()) return Error{"", "the string file must be one JSON object of key -> text"};
    Strings out;
    for (const auto& [key, value] : root.items()) {
        if (!key.empty() && key.front() == '_') continue;
        if (!value.is_string()) return Error{key, "must be a string"};
        const std::string& text = value.get_ref<const std::string&>();
        if (!balanced_placeholders(text)) return Error{key, "has an unbalanced or malformed {placeholder}"};
        out.entries_.emplace(key, text);
    }
    return out;
}

const std::string& Strings::get(std::string_view key) const {
    if (auto it = entries_.find(key); it != entries_.end()) return it->second;
    auto [it, inserted] = missing_.try_emplace(std::string(key), "[" + std::string(key) + "]");
    return it->second;
}

bool Strings::has(std::string_view key) const { return entries_.find(key) != entries_.end(); }

std::vector<std::string> Strings::misses() const {
    std::vector<std::string> out;
    for (const auto& [key, text] : missing_) out.push_back(key);
    return out;
}

Result<StringTable> load_string_table(const std::string& folder) {
    StringTable table;
    for (Language language : kLanguages) {
        const std::string path = folder + "/" + std::string(language_id(language)) + ".json";
        Result<std::string> text = read_file(path, kMaxStringFileBytes);
        if (!text) return Error{path, text.error().message};
        Result<Strings> parsed = Strings::parse(*text);
        if (!parsed) return Error{path + (parsed.error().path.empty() ? "" : ": " + parsed.error().path), parsed.error().message};
        table.languages[static_cast<std::size_t>(language)] = std::move(parsed).value();
    }
    return table;
}

std::string plural_key(std::string_view base, Language language, std::uint64_t n) {
    // CLDR: en, es and de have "one" for exactly 1 (integers); Chinese has only "other".
    const bool one = n == 1 && language != Language::zh_CN;
    return std::string(base) + (one ? "_one" : "_other");
}

std::set<std::string> missing_keys(const StringTable& table, Language language) {
    std::set<std::string> all;
    for (const Strings& strings : table.languages) {
        for (const auto& [key, text] : strings.entries()) all.insert(key);
    }
    std::set<std::string> out;
    for (const std::string& key : all) {
        if (!table.of(language).has(key)) out.insert(key);
    }
    return out;
}

}  // namespace returnloop::kiosk::ui
