// Receipt strings from the i18n files (see receipt_words.hpp).
#include "common/receipt_words.hpp"

#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "common/placeholders.hpp"

namespace returnloop::kiosk {

Locale locale_for_language(std::string_view language, std::string_view country) {
    if (language == "zh-CN") return Locale::zh_CN;
    if (language == "es") return Locale::es_ES;
    if (language == "de") return Locale::de_DE;
    if (country == "US" || country == "GU") return Locale::en_US;
    if (country == "CA") return Locale::en_CA;
    if (country == "AU") return Locale::en_AU;
    return Locale::en_GB;  // Europe, Israel, Korea, Singapore: day-month English with the currency's own symbol
}

std::string ReceiptWords::say(std::string_view key, std::initializer_list<std::pair<std::string_view, std::string_view>> values) const {
    const auto found = text.find(key);
    if (found == text.end()) return "[" + std::string(key) + "]";
    return fill(found->second, values);
}

std::string ReceiptWords::count(std::string_view key, std::int64_t n) const {
    const bool singular = n == 1 && language != "zh-CN";
    return say(std::string(key) + (singular ? "_one" : "_other"), {{"n", std::to_string(n)}});
}

Result<ReceiptWords> load_receipt_words(const std::string& i18n_folder, std::string_view language, std::string_view country) {
    if (language != "en" && language != "zh-CN" && language != "es" && language != "de") {
        return Error{"language", "unknown receipt language \"" + std::string(language.substr(0, 16)) + "\": use en, zh-CN, es or de"};
    }
    const std::string path = i18n_folder + "/" + std::string(language) + ".json";
    Result<std::string> bytes = read_file(path, 1 << 20);
    if (!bytes) return bytes.error();
    const nlohmann::json root = nlohmann::json::parse(*bytes, nullptr, false);
    if (root.is_discarded() || !root.is_object()) return Error{path, "is not a JSON object of key -> text"};
    ReceiptWords words;
    words.language = std::string(language);
    words.locale = locale_for_language(language, country);
    for (const auto& [key, value] : root.items()) {
        if (key.rfind("receipt.", 0) == 0 && value.is_string()) words.text.emplace(key, value.get<std::string>());
    }
    return words;
}

}  // namespace returnloop::kiosk
