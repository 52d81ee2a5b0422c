// The kiosk's string files: the same keys and placeholders in every language, every character drawable with the
// atlas the kiosk builds, and an atlas that holds only what the strings need.
#include <regex>
#include <set>

#include "ui_fixtures.hpp"

#include "ui/format.hpp"

using namespace ui_test;

namespace {

std::set<std::string> placeholders(const std::string& text) {
    std::set<std::string> out;
    static const std::regex name(R"(\{([a-z0-9_]+)\})");
    for (std::sregex_iterator it(text.begin(), text.end(), name), end; it != end; ++it) out.insert((*it)[1]);
    return out;
}

}  // namespace

TEST_SUITE("ui_strings") {
    TEST_CASE("every language defines every key that any language defines") {
        for (Language language : kLanguages) {
            const std::set<std::string> missing = missing_keys(strings(), language);
            CHECK_MESSAGE(missing.empty(), language_id(language) << " lacks " << (missing.empty() ? "" : *missing.begin()));
        }
        CHECK(strings().of(Language::en).entries().size() > 100);
    }

    TEST_CASE("a translation fills the same placeholders as the English text") {
        for (const auto& [key, english] : strings().of(Language::en).entries()) {
            for (Language language : kLanguages) {
                INFO(language_id(language) << " " << key);
                CHECK(placeholders(strings().of(language).get(key)) == placeholders(english));
            }
        }
    }

    TEST_CASE("every string in every language can be drawn with the kiosk's atlas") {
        Kiosk k;
        k.frame();
        for (const Strings& language : strings().languages) {
            for (const auto& [key, text] : language.entries()) {
                INFO(key << ": " << text);
                CHECK(undrawable(*k.state.fonts.body, text).empty());
                CHECK(undrawable(*k.state.fonts.small, text).empty());
                CHECK(undrawable(*k.state.fonts.heading, text).empty());
            }
            // The title size holds only the strings set in it.
            for (const char* key : kTitleKeys) CHECK(undrawable(*k.state.fonts.title, language.get(key)).empty());
        }
        for (Language language : kLanguages) CHECK(undrawable(*k.state.fonts.body, std::string(language_native_name(language))).empty());
        // Amounts in every language, in the big display font, and dates and masses in the body font.
        for (Language language : kLanguages) {
            set_language(k.state, language);
            INFO(language_id(language));
            CHECK(undrawable(*k.state.fonts.display, amount_text(k.state, Money{-123456, Currency::EUR})).empty());
            CHECK(undrawable(*k.state.fonts.body, date_text(k.state, date_from_ymd(2027, 2, 24))).empty());
            CHECK(undrawable(*k.state.fonts.body, mass_text(k.state, 1234.5) + distance_text(k.state, 0.5)).empty());
        }
    }

    TEST_CASE("dates name their month (or write its unit), so no language reads 3/4 as the wrong month") {
        Kiosk k;
        const Date date = date_from_ymd(2027, 3, 4);
        const std::pair<Language, const char*> expected[] = {
            {Language::en, "4 Mar 2027"}, {Language::de, "4. März 2027"}, {Language::es, "4 mar 2027"}, {Language::zh_CN, "2027年3月4日"}};
        for (const auto& [language, text] : expected) {
            set_language(k.state, language);
            CHECK(date_text(k.state, date) == text);
        }
    }

    TEST_CASE("the atlas holds the glyphs the strings need and not the whole CJK font") {
        Kiosk k;
        k.frame();
        CHECK(k.state.fonts.fallback == false);
        const ImFont& body = *k.state.fonts.body;
        CHECK(body.FindGlyphNoFallback(0x626B) != nullptr);  // 扫, in "扫描"
        CHECK(body.FindGlyphNoFallback(0x9F98) == nullptr);  // 龘: in the font, in no string
        CHECK(body.FindGlyphNoFallback(0x2082) != nullptr);  // the subscript 2 of CO2e, merged from DejaVu Sans
        // Noto Sans CJK SC holds about 44,000 glyphs; the strings need well under a thousand per size.
        CHECK(body.Glyphs.Size < 1000);
        CHECK(k.state.fonts.glyphs < 5 * 1000);
        MESSAGE("glyphs in the atlas over all sizes: " << k.state.fonts.glyphs << ", texture " << ImGui::GetIO().Fonts->TexWidth << "x"
                                                       << ImGui::GetIO().Fonts->TexHeight);
    }

    TEST_CASE("a string file with a non-string value, broken UTF-8 or a broken placeholder is refused, naming the key") {
        CHECK(Strings::parse(R"({"a": "ok", "_meta": 3})").ok());
        Result<Strings> number = Strings::parse(R"({"a": 3})");
        REQUIRE_FALSE(number.ok());
        CHECK(number.error().path == "a");
        Result<Strings> utf8 = Strings::parse("{\"b\": \"\xC3\x28\"}");
        REQUIRE_FALSE(utf8.ok());
        CHECK(utf8.error().message.find("UTF-8") != std::string::npos);
        Result<Strings> brace = Strings::parse(R"({"c": "pay {amount"})");
        REQUIRE_FALSE(brace.ok());
        CHECK(brace.error().path == "c");
        CHECK_FALSE(Strings::parse("[1, 2]").ok());
        CHECK_FALSE(Strings::parse("{\"a\": ").ok());
    }

    TEST_CASE("a missing key shows as the bracketed key and is listed") {
        Result<Strings> s = Strings::parse(R"({"here": "Here"})");
        REQUIRE(s.ok());
        CHECK(s->get("here") == "Here");
        CHECK(s->get("gone") == "[gone]");
        CHECK(s->misses() == std::vector<std::string>{"gone"});
    }

    TEST_CASE("placeholders are filled by name and plurals follow CLDR for each language") {
        CHECK(fill("Give {amount} to {charity}", {{"amount", "€1.00"}, {"charity", "Tafel"}}) == "Give €1.00 to Tafel");
        CHECK(fill("{unknown} stays", {{"amount", "x"}}) == "{unknown} stays");
        CHECK(plural_key("returning.items", Language::en, 1) == "returning.items_one");
        CHECK(plural_key("returning.items", Language::en, 0) == "returning.items_other");
        CHECK(plural_key("returning.items", Language::de, 2) == "returning.items_other");
        CHECK(plural_key("returning.items", Language::zh_CN, 1) == "returning.items_other");
        CHECK(strings().of(Language::es).get("returning.items_one") == "{n} envase");
    }

    TEST_CASE("language ids and locales") {
        CHECK(language_from_id("zh-CN") == Language::zh_CN);
        CHECK(language_from_id("zh_cn") == Language::zh_CN);
        CHECK(language_from_id("de-AT") == Language::de);
        CHECK(language_from_id("EN") == Language::en);
        CHECK_FALSE(language_from_id("fr").has_value());
        CHECK(language_locale(Language::en, "US") == Locale::en_US);
        CHECK(language_locale(Language::en, "DE") == Locale::en_GB);
        CHECK(language_locale(Language::de, "AT") == Locale::de_DE);
    }
}
