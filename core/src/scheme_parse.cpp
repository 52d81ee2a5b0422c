// Reads a scheme file (JSON, format in assets/schemes/README.md) into a Scheme, naming every problem by its path.
// The core's one JSON reader (json_input.hpp) guards and parses the text; nothing here throws.
//
// [SECTION] Limits and message helpers
// [SECTION] Reader: typed access to members, reporting missing, unknown and mistyped fields
// [SECTION] Sources, return rates, rules, top level
// [SECTION] parse_scheme
#include <algorithm>
#include <array>
#include <cstdint>
#include <span>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "did_you_mean.hpp"
#include "fixed_decimal.hpp"
#include "returnloop/json_input.hpp"
#include "scheme_detail.hpp"

namespace returnloop {

namespace {

using detail::ErrorList;
using detail::id_table;
using detail::suggest;
using detail::field_path;
using detail::index_path;
using detail::int_text;
using detail::RuleField;
using Args = std::vector<ErrorArg>;
using JsonValue = rapidjson::Value;

// [SECTION] Limits and message helpers

// Real scheme files are a few kilobytes; the limits (and kSchemeFileLimits' size) keep a hostile or broken file
// from costing more than a moment, and bound the validator's pairwise overlap check (1000 rules = half a million pairs).
constexpr std::size_t kMaxArrayEntries = 1000;
constexpr std::int64_t kMinYear = 1800;
constexpr std::int64_t kMaxYear = 2100;

constexpr std::array<std::string_view, 17> kTopFields = {
    "id", "name", "nameZh", "country", "currency", "currencies", "status", "started", "returnToRetail",
    "operator", "summary", "summaryZh", "rules", "returnRates", "sources", "notes", "checked"};
constexpr std::array<std::string_view, 14> kRuleFields = {
    "id", "from", "until", "materials", "categories", "containers", "minMl", "maxMl",
    "depositMinor", "refundMinor", "nonRefundableFeeMinor", "handlingFee", "source", "note"};
constexpr std::array<std::string_view, 3> kCurrencyPeriodFields = {"currency", "from", "until"};
constexpr std::array<std::string_view, 4> kReturnRateFields = {"year", "rate", "source", "note"};
constexpr std::array<std::string_view, 6> kSourceFields = {"id", "title", "titleZh", "url", "year", "quality"};
static_assert(kTopFields.size() < 32 && kRuleFields.size() < 32, "check_members keeps one bit per known field");

std::string_view text_of(const JsonValue& value) { return {value.GetString(), value.GetStringLength()}; }

std::string_view type_name(const JsonValue& value) {
    switch (value.GetType()) {
        case rapidjson::kNullType: return "null";
        case rapidjson::kFalseType:
        case rapidjson::kTrueType: return "a boolean";
        case rapidjson::kObjectType: return "an object";
        case rapidjson::kArrayType: return "an array";
        case rapidjson::kStringType: return "a string";
        case rapidjson::kNumberType: return "a number";
    }
    return "an unknown value";
}

// RapidJSON validates the UTF-8 it reads, but a "\uDC00" escape (a lone low surrogate) still comes out as the
// invalid UTF-8 sequence ED B0 80, so a string may hold one; it is always ED followed by A0..BF.
bool is_escaped_surrogate(std::string_view text, std::size_t i) {
    return static_cast<unsigned char>(text[i]) == 0xEDu && i + 1 < text.size() &&
           static_cast<unsigned char>(text[i + 1]) >= 0xA0u && static_cast<unsigned char>(text[i + 1]) <= 0xBFu;
}

// What a string must not hold to be shown or stored: NUL (from "\u0000") or an unpaired surrogate.
std::optional<std::string_view> text_problem(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\0') return "must not contain a NUL character (\\u0000)";
        if (is_escaped_surrogate(text, i)) return "must not contain an unpaired UTF-16 surrogate (\\uD800-\\uDFFF)";
    }
    return std::nullopt;
}

// Quotes text for a message, cut short so that a megabyte-long key does not become a megabyte-long message.
// The cut backs off UTF-8 continuation bytes, and control characters and unpaired surrogates are replaced, so the
// message is always valid, printable UTF-8.
std::string quoted(std::string_view text) {
    constexpr std::size_t kMaxShown = 60;
    bool cut = false;
    if (text.size() > kMaxShown) {
        std::size_t end = kMaxShown;
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0u) == 0x80u) --end;
        text = text.substr(0, end);
        cut = true;
    }
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (is_escaped_surrogate(text, i)) {
            out += "\uFFFD";
            i += 2;
        } else if (static_cast<unsigned char>(text[i]) < 0x20u) {
            out += '?';
        } else {
            out += text[i];
        }
    }
    out += cut ? "...\"" : "\"";
    return out;
}

// A member name as it goes into an error's path: as written when short and clean, else quoted and shortened.
std::string path_name(std::string_view name) {
    if (name.size() <= 60 && !text_problem(name)) {
        bool printable = true;
        for (char c : name) printable = printable && static_cast<unsigned char>(c) >= 0x20u;
        if (printable) return std::string(name);
    }
    return quoted(name);
}

// "unknown material "aluminum" (did you mean "aluminium"?)" or "... (one of pet, hdpe, ...)".
std::string unknown_value(std::string_view what, std::string_view given, std::span<const std::string_view> known) {
    return "unknown " + std::string(what) + " " + quoted(given) + detail::did_you_mean(given, known);
}

// The arguments of an unknown_value error: what kind of id, the text given and the likely intended one.
Args unknown_args(std::string_view kind, std::string_view given, std::span<const std::string_view> known) {
    return {{"kind", std::string(kind)}, {"given", quoted(given)}, {"suggestion", detail::suggestion(given, known)}};
}

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// "de", "us-ca", "au-nsw", "cn-pilot": two lower-case letters, then "-" and lower-case letters or digits.
bool is_scheme_id(std::string_view id) {
    if (id.size() < 2 || !(id[0] >= 'a' && id[0] <= 'z') || !(id[1] >= 'a' && id[1] <= 'z')) return false;
    for (std::size_t i = 2; i < id.size(); ++i) {
        if (id[i] != '-') return false;
        const std::size_t begin = ++i;
        while (i < id.size() && is_lower_alnum(id[i])) ++i;
        if (i == begin) return false;
        --i;
    }
    return true;
}

bool is_country_code(std::string_view code) {
    return code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
}

// [SECTION] Reader: typed access to members, reporting missing, unknown and mistyped fields

enum class Need : std::uint8_t { required, optional };
enum class Got : std::uint8_t { absent, ok, bad };  // absent: an optional field left out (or null)

bool usable(Got got) { return got != Got::bad; }

class Reader {
public:
    explicit Reader(ErrorList& errors) : errors_(errors) {}

    void error(std::string path, ErrorCode code, Args args, std::string message) {
        errors_.add(std::move(path), code, std::move(args), std::move(message));
    }

    // Names every member that is not a field of this object (with a guess at what was meant) or appears twice.
    // One pass: a known field's repeat is found by a bit per known name, so a hostile object with a million
    // members costs a million steps, not a million squared.
    void check_members(const JsonValue& object, std::string_view path, std::span<const std::string_view> known) {
        std::uint32_t seen = 0;  // bit i: known[i] met already (every table here has fewer than 32 names)
        for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
            const std::string_view name = text_of(it->name);
            std::size_t index = 0;
            while (index < known.size() && known[index] != name) ++index;
            if (index == known.size()) {
                std::string message = "unknown field " + quoted(name);
                const auto hint = suggest(name, known);
                if (hint) message += " (did you mean \"" + std::string(*hint) + "\"?)";
                error(field_path(path, path_name(name)), ErrorCode::unknown_field,
                      {{"name", quoted(name)}, {"suggestion", hint ? std::string(*hint) : ""}}, std::move(message));
                continue;
            }
            const std::uint32_t bit = 1u << index;
            if (seen & bit)
                error(field_path(path, name), ErrorCode::duplicate_field, {{"name", std::string(name)}},
                      "field " + quoted(name) + " appears more than once");
            seen |= bit;
        }
    }

    // The member's value, or null when absent; a missing required field is reported. An optional field set to
    // null counts as absent, since that is how JavaScript editors tend to write "none".
    const JsonValue* member(const JsonValue& object, std::string_view path, std::string_view name, Need need) {
        for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
            if (text_of(it->name) != name) continue;
            if (it->value.IsNull() && need == Need::optional) return nullptr;
            return &it->value;
        }
        if (need == Need::required)
            error(field_path(path, name), ErrorCode::missing_field, {{"name", std::string(name)}},
                  "missing required field \"" + std::string(name) + "\"");
        return nullptr;
    }

    Got string(const JsonValue& object, std::string_view path, std::string_view name, Need need, std::string& out,
               bool allow_empty = false) {
        const JsonValue* value = member(object, path, name, need);
        if (!value) return need == Need::required ? Got::bad : Got::absent;
        if (!value->IsString()) return wrong_type(path, name, "string", "a string", *value);
        if (!allow_empty && value->GetStringLength() == 0) {
            error(field_path(path, name), ErrorCode::empty_text, {}, "must not be empty");
            return Got::bad;
        }
        if (auto problem = text_problem(text_of(*value))) {
            error(field_path(path, name), ErrorCode::bad_character, {}, std::string(*problem));
            return Got::bad;
        }
        out.assign(value->GetString(), value->GetStringLength());
        return Got::ok;
    }

    // A whole number written as one (no decimal point or exponent: "5.0" for cents suggests a unit mix-up).
    Got integer(const JsonValue& object, std::string_view path, std::string_view name, Need need, std::int64_t low,
                std::int64_t high, std::int64_t& out) {
        const JsonValue* value = member(object, path, name, need);
        if (!value) return need == Need::required ? Got::bad : Got::absent;
        return integer_value(*value, field_path(path, name), low, high, out);
    }

    Got integer_value(const JsonValue& value, std::string path, std::int64_t low, std::int64_t high,
                      std::int64_t& out) {
        if (!value.IsNumber()) {
            error(std::move(path), ErrorCode::wrong_type,
                  {{"expected", "whole_number"}, {"got", std::string(json_type_id(value))}},
                  "must be a whole number, not " + std::string(type_name(value)));
            return Got::bad;
        }
        if (!value.IsInt64()) {
            const bool huge = value.IsUint64() || value.GetDouble() >= 9.2e18 || value.GetDouble() <= -9.2e18;
            if (huge)
                error(std::move(path), ErrorCode::number_too_large, {}, "is too large");
            else
                error(std::move(path), ErrorCode::not_whole_number, {},
                      "must be a whole number (no decimal point or exponent)");
            return Got::bad;
        }
        const std::int64_t number = value.GetInt64();
        if (number < low) {
            if (low == 0)
                error(std::move(path), ErrorCode::negative, {{"value", int_text(number)}},
                      "must not be negative (" + int_text(number) + ")");
            else
                error(std::move(path), ErrorCode::below_min, {{"min", int_text(low)}, {"value", int_text(number)}},
                      "must be at least " + int_text(low) + ", not " + int_text(number));
            return Got::bad;
        }
        if (number > high) {
            error(std::move(path), ErrorCode::above_max, {{"max", int_text(high)}, {"value", int_text(number)}},
                  "must be at most " + int_text(high) + ", not " + int_text(number));
            return Got::bad;
        }
        out = number;
        return Got::ok;
    }

    Got boolean(const JsonValue& object, std::string_view path, std::string_view name, Need need, bool& out) {
        const JsonValue* value = member(object, path, name, need);
        if (!value) return need == Need::required ? Got::bad : Got::absent;
        if (!value->IsBool()) return wrong_type(path, name, "boolean", "true or false", *value);
        out = value->GetBool();
        return Got::ok;
    }

    Got date(const JsonValue& object, std::string_view path, std::string_view name, Need need, Date& out) {
        const JsonValue* value = member(object, path, name, need);
        if (!value) return need == Need::required ? Got::bad : Got::absent;
        if (!value->IsString()) return wrong_type(path, name, "date", "a date string \"YYYY-MM-DD\"", *value);
        Result<Date> parsed = parse_date(text_of(*value));
        if (!parsed) {
            // The message quotes the text and says what is wrong.
            error(field_path(path, name), ErrorCode::bad_date, {{"text", quoted(text_of(*value))}},
                  parsed.error().message);
            return Got::bad;
        }
        out = *parsed;
        return Got::ok;
    }

    // The member when it is an array of acceptable length, else null (absent or reported).
    const JsonValue* array(const JsonValue& object, std::string_view path, std::string_view name, Need need,
                           Got& got) {
        const JsonValue* value = member(object, path, name, need);
        got = need == Need::required ? Got::bad : Got::absent;
        if (!value) return nullptr;
        if (!value->IsArray()) {
            got = wrong_type(path, name, "array", "an array", *value);
            return nullptr;
        }
        if (value->Size() > kMaxArrayEntries) {
            error(field_path(path, name), ErrorCode::too_many_entries,
                  {{"limit", int_text(static_cast<std::int64_t>(kMaxArrayEntries))}},
                  "has " + int_text(value->Size()) + " entries; at most " +
                                              int_text(static_cast<std::int64_t>(kMaxArrayEntries)) + " are allowed");
            got = Got::bad;
            return nullptr;
        }
        got = Got::ok;
        return value;
    }

    // Checks that an array element is an object and names its unknown members; false when it is not an object.
    bool object_entry(const JsonValue& value, const std::string& path, std::span<const std::string_view> known) {
        if (!value.IsObject()) {
            error(path, ErrorCode::wrong_type, {{"expected", "object"}, {"got", std::string(json_type_id(value))}},
                  "must be an object {...}, not " + std::string(type_name(value)));
            return false;
        }
        check_members(value, path, known);
        return true;
    }

private:
    Got wrong_type(std::string_view path, std::string_view name, std::string_view expected, std::string_view wanted,
                   const JsonValue& value) {
        error(field_path(path, name), ErrorCode::wrong_type,
              {{"expected", std::string(expected)}, {"got", std::string(json_type_id(value))}},
              "must be " + std::string(wanted) + ", not " + std::string(type_name(value)));
        return Got::bad;
    }

    ErrorList& errors_;
};

// [SECTION] Sources, return rates, rules, top level

// A list of enum ids ("materials": ["pet", "glass"]) as a bit mask; every entry must be known and listed once.
template <class Enum, int Count>
Got read_id_list(Reader& reader, const JsonValue& object, std::string_view path, std::string_view name,
                 std::string_view what, std::optional<Enum> (*from_id)(std::string_view),
                 std::string_view (*id_of)(Enum), std::uint32_t& mask) {
    Got got;
    const JsonValue* list = reader.array(object, path, name, Need::required, got);
    if (!list) return got;
    const std::string list_path = field_path(path, name);
    if (list->Empty()) {
        reader.error(list_path, ErrorCode::empty_list, {}, "must list at least one " + std::string(what));
        return Got::bad;
    }
    const auto known = id_table<Enum, Count>(id_of);
    mask = 0;
    for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
        const JsonValue& entry = (*list)[i];
        const std::string entry_path = index_path(list_path, i);
        if (!entry.IsString()) {
            reader.error(entry_path, ErrorCode::wrong_type,
                         {{"expected", "string"}, {"got", std::string(json_type_id(entry))}},
                         "must be a string (a " + std::string(what) + " id), not " +
                                         std::string(type_name(entry)));
            got = Got::bad;
            continue;
        }
        const std::optional<Enum> value = from_id(text_of(entry));
        if (!value) {
            reader.error(entry_path, ErrorCode::unknown_value, unknown_args(what, text_of(entry), known),
                         unknown_value(what, text_of(entry), known));
            got = Got::bad;
            continue;
        }
        const std::uint32_t bit = 1u << static_cast<unsigned>(*value);
        if (mask & bit) {
            reader.error(entry_path, ErrorCode::listed_twice, {{"value", quoted(text_of(entry))}},
                         quoted(text_of(entry)) + " is listed twice");
            got = Got::bad;
        }
        mask |= bit;
    }
    return got;
}

void read_sources(Reader& reader, const JsonValue& root, detail::SchemeRead& read) {
    Got got;
    const JsonValue* list = reader.array(root, "", "sources", Need::required, got);
    read.sources_ok = list != nullptr;
    if (!list) return;
    if (list->Empty()) {
        reader.error("sources", ErrorCode::empty_list, {}, "must list at least one source");
        return;
    }
    for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
        const std::string path = index_path("sources", i);
        Source source;
        if (!reader.object_entry((*list)[i], path, kSourceFields)) {
            read.sources_ok = false;
            read.scheme.sources.push_back(std::move(source));  // keeps indices equal to the file's for messages
            continue;
        }
        const JsonValue& entry = (*list)[i];
        if (!usable(reader.string(entry, path, "id", Need::required, source.id))) read.sources_ok = false;
        reader.string(entry, path, "title", Need::required, source.title);
        reader.string(entry, path, "titleZh", Need::required, source.title_zh);
        if (reader.string(entry, path, "url", Need::required, source.url, /*allow_empty=*/true) == Got::ok &&
            !source.url.empty() && source.url.rfind("https://", 0) != 0 && source.url.rfind("http://", 0) != 0)
            reader.error(field_path(path, "url"), ErrorCode::bad_url, {},
                         "must start with https:// or http:// (or be \"\" for print)");
        std::int64_t year = 0;
        if (reader.integer(entry, path, "year", Need::required, kMinYear, kMaxYear, year) == Got::ok)
            source.year = static_cast<int>(year);
        std::string quality;
        if (reader.string(entry, path, "quality", Need::required, quality) == Got::ok) {
            if (auto value = source_quality_from_id(quality)) {
                source.quality = *value;
            } else {
                const auto known = id_table<SourceQuality, detail::kSourceQualityCount>(source_quality_id);
                reader.error(field_path(path, "quality"), ErrorCode::unknown_value, unknown_args("quality", quality, known),
                             unknown_value("source quality", quality, known));
            }
        }
        read.scheme.sources.push_back(std::move(source));
    }
}

// "currencies": [{"currency": "EEK", "until": "2011-01-01"}, {"currency": "EUR", "from": "2011-01-01"}]; the
// validator checks that the periods meet end to end and that the last one is the scheme's "currency".
void read_currency_periods(Reader& reader, const JsonValue& root, detail::SchemeRead& read) {
    Got got;
    const JsonValue* list = reader.array(root, "", "currencies", Need::optional, got);
    read.currency_periods_ok = got != Got::bad;
    if (!list) return;
    if (list->Empty()) {
        reader.error("currencies", ErrorCode::empty_list, {}, "must list at least one currency period (or be left out)");
        read.currency_periods_ok = false;
        return;
    }
    const auto known = id_table<Currency, kCurrencyCount>(currency_code);
    for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
        const std::string path = index_path("currencies", i);
        CurrencyPeriod period;
        if (!reader.object_entry((*list)[i], path, kCurrencyPeriodFields)) {
            read.currency_periods_ok = false;
            continue;
        }
        const JsonValue& entry = (*list)[i];
        std::string code;
        if (reader.string(entry, path, "currency", Need::required, code) == Got::ok) {
            if (auto currency = currency_from_code(code)) {
                period.currency = *currency;
            } else {
                reader.error(field_path(path, "currency"), ErrorCode::unknown_value, unknown_args("currency", code, known),
                             unknown_value("currency", code, known));
                read.currency_periods_ok = false;
            }
        } else {
            read.currency_periods_ok = false;
        }
        Date day;
        const Got from_got = reader.date(entry, path, "from", Need::optional, day);
        if (from_got == Got::ok) period.from = day;
        const Got until_got = reader.date(entry, path, "until", Need::optional, day);
        if (until_got == Got::ok) period.until = day;
        if (from_got == Got::bad || until_got == Got::bad) read.currency_periods_ok = false;
        read.scheme.currency_periods.push_back(period);
    }
}

void read_return_rates(Reader& reader, const JsonValue& root, detail::SchemeRead& read) {
    Got got;
    const JsonValue* list = reader.array(root, "", "returnRates", Need::optional, got);
    if (!list) return;
    for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
        const std::string path = index_path("returnRates", i);
        ReturnRateObservation observation;
        bool source_ok = false;
        if (reader.object_entry((*list)[i], path, kReturnRateFields)) {
            const JsonValue& entry = (*list)[i];
            std::int64_t year = 0;
            if (reader.integer(entry, path, "year", Need::required, kMinYear, kMaxYear, year) == Got::ok)
                observation.year = static_cast<int>(year);
            if (const JsonValue* rate = reader.member(entry, path, "rate", Need::required)) {
                if (!rate->IsNumber())
                    reader.error(field_path(path, "rate"), ErrorCode::wrong_type,
                                 {{"expected", "number"}, {"got", std::string(json_type_id(*rate))}},
                                 "must be a number, not " + std::string(type_name(*rate)));
                else if (!(rate->GetDouble() >= 0.0 && rate->GetDouble() <= 1.0))
                    reader.error(field_path(path, "rate"), ErrorCode::rate_out_of_range, {},
                                 "must be between 0 and 1 (a share: 90.5% is 0.905)");
                else
                    observation.rate = rate->GetDouble();
            }
            source_ok = reader.string(entry, path, "source", Need::required, observation.source_id) == Got::ok;
            reader.string(entry, path, "note", Need::optional, observation.note, /*allow_empty=*/true);
        }
        read.scheme.return_rates.push_back(std::move(observation));
        read.return_rate_source_ok.push_back(source_ok);
    }
}

void read_rule(Reader& reader, const JsonValue& entry, const std::string& path, Rule& rule, detail::RuleRead& got) {
    const auto mark = [&got](RuleField field, Got result) {
        if (usable(result)) got.set(field);
    };
    mark(RuleField::id, reader.string(entry, path, "id", Need::required, rule.id));
    mark(RuleField::from, reader.date(entry, path, "from", Need::required, rule.from));
    Date until;
    const Got until_got = reader.date(entry, path, "until", Need::optional, until);
    if (until_got == Got::ok) rule.until = until;
    mark(RuleField::until, until_got);

    std::uint32_t materials = 0;
    const Got materials_got = read_id_list<Material, kMaterialCount>(reader, entry, path, "materials", "material",
                                                                     material_from_id, material_id, materials);
    rule.material_mask = static_cast<std::uint8_t>(materials);
    mark(RuleField::materials, materials_got);
    std::uint32_t categories = 0;
    const Got categories_got = read_id_list<Category, kCategoryCount>(
        reader, entry, path, "categories", "category", category_from_id, category_id, categories);
    rule.category_mask = static_cast<std::uint16_t>(categories);
    mark(RuleField::categories, categories_got);

    std::string scope;
    Got scope_got = reader.string(entry, path, "containers", Need::required, scope);
    if (scope_got == Got::ok) {
        if (auto value = refill_scope_from_id(scope)) {
            rule.refill = *value;
        } else {
            const auto known = id_table<RefillScope, detail::kRefillScopeCount>(refill_scope_id);
            reader.error(field_path(path, "containers"), ErrorCode::unknown_value,
                         unknown_args("container_scope", scope, known), unknown_value("container scope", scope, known));
            scope_got = Got::bad;
        }
    }
    mark(RuleField::containers, scope_got);

    std::int64_t number = 0;
    Got got_number = reader.integer(entry, path, "minMl", Need::optional, 0, UINT32_MAX, number);
    if (got_number == Got::ok) rule.min_ml = static_cast<std::uint32_t>(number);
    mark(RuleField::min_ml, got_number);
    got_number = reader.integer(entry, path, "maxMl", Need::optional, 0, UINT32_MAX, number);
    if (got_number == Got::ok) rule.max_ml = static_cast<std::uint32_t>(number);
    mark(RuleField::max_ml, got_number);

    // Amounts are read over the whole int64 range here; the validator judges sign and size against the currency.
    mark(RuleField::deposit,
         reader.integer(entry, path, "depositMinor", Need::required, INT64_MIN, INT64_MAX, rule.deposit_minor));
    got_number = reader.integer(entry, path, "refundMinor", Need::optional, INT64_MIN, INT64_MAX, number);
    got.has_refund = got_number == Got::ok;
    rule.refund_minor = got.has_refund ? number : rule.deposit_minor;
    mark(RuleField::refund, got_number);
    mark(RuleField::non_refundable_fee, reader.integer(entry, path, "nonRefundableFeeMinor", Need::optional,
                                                       INT64_MIN, INT64_MAX, rule.non_refundable_fee_minor));

    Got fee_got = Got::absent;
    if (const JsonValue* fee = reader.member(entry, path, "handlingFee", Need::optional)) {
        const std::string fee_path = field_path(path, "handlingFee");
        if (!fee->IsString()) {
            reader.error(fee_path, ErrorCode::wrong_type,
                         {{"expected", "decimal_text"}, {"got", std::string(json_type_id(*fee))}},
                         "must be a decimal string such as \"0.0159\" (major units, up to 6 decimals), not " +
                                       std::string(type_name(*fee)) + "; a JSON number could be rounded");
            fee_got = Got::bad;
        } else if (Result<std::int64_t> micros = detail::parse_fixed_decimal(text_of(*fee), 6); !micros) {
            reader.error(fee_path, ErrorCode::bad_decimal, {{"text", quoted(text_of(*fee))}, {"places", "6"}},
                         quoted(text_of(*fee)) + " " + micros.error().message);
            fee_got = Got::bad;
        } else {
            rule.handling_fee.micros = *micros;
            fee_got = Got::ok;
        }
    }
    mark(RuleField::handling_fee, fee_got);

    mark(RuleField::source, reader.string(entry, path, "source", Need::required, rule.source_id));
    mark(RuleField::note, reader.string(entry, path, "note", Need::optional, rule.note, /*allow_empty=*/true));
}

void read_rules(Reader& reader, const JsonValue& root, detail::SchemeRead& read) {
    Got got;
    const JsonValue* list = reader.array(root, "", "rules", Need::required, got);
    if (!list) return;
    if (list->Empty()) {
        reader.error("rules", ErrorCode::empty_list, {}, "must list at least one rule");
        return;
    }
    for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
        const std::string path = index_path("rules", i);
        Rule rule;
        detail::RuleRead rule_read;
        if (reader.object_entry((*list)[i], path, kRuleFields)) read_rule(reader, (*list)[i], path, rule, rule_read);
        read.scheme.rules.push_back(std::move(rule));
        read.rules.push_back(rule_read);
    }
}

void read_top_level(Reader& reader, const JsonValue& root, detail::SchemeRead& read) {
    Scheme& scheme = read.scheme;
    reader.check_members(root, "", kTopFields);

    if (reader.string(root, "", "id", Need::required, scheme.id) == Got::ok && !is_scheme_id(scheme.id))
        reader.error("id", ErrorCode::bad_scheme_id, {{"text", quoted(scheme.id)}},
                     quoted(scheme.id) + " is not a scheme id: lower-case ISO 3166 based, such as \"de\", "
                         "\"us-ca\" or \"cn-pilot\"");
    reader.string(root, "", "name", Need::required, scheme.name);
    reader.string(root, "", "nameZh", Need::required, scheme.name_zh);
    if (reader.string(root, "", "country", Need::required, scheme.country) == Got::ok &&
        !is_country_code(scheme.country))
        reader.error("country", ErrorCode::bad_country, {{"text", quoted(scheme.country)}},
                     quoted(scheme.country) + " is not an ISO 3166-1 alpha-2 code (two upper-case letters)");

    std::string code;
    if (reader.string(root, "", "currency", Need::required, code) == Got::ok) {
        if (auto currency = currency_from_code(code)) {
            scheme.currency = *currency;
            read.currency_ok = true;
        } else {
            const auto known = id_table<Currency, kCurrencyCount>(currency_code);
            reader.error("currency", ErrorCode::unknown_value, unknown_args("currency", code, known),
                         unknown_value("currency", code, known));
        }
    }
    read_currency_periods(reader, root, read);
    std::string status;
    if (reader.string(root, "", "status", Need::required, status) == Got::ok) {
        if (auto value = scheme_status_from_id(status)) {
            scheme.status = *value;
        } else {
            const auto known = id_table<SchemeStatus, detail::kSchemeStatusCount>(scheme_status_id);
            reader.error("status", ErrorCode::unknown_value, unknown_args("status", status, known),
                         unknown_value("status", status, known));
        }
    }
    Date started;
    if (reader.date(root, "", "started", Need::optional, started) == Got::ok) scheme.started = started;
    Date checked;
    if (reader.date(root, "", "checked", Need::optional, checked) == Got::ok) scheme.checked = checked;
    reader.boolean(root, "", "returnToRetail", Need::required, scheme.return_to_retail);
    reader.string(root, "", "operator", Need::optional, scheme.operator_name);
    reader.string(root, "", "summary", Need::required, scheme.summary);
    reader.string(root, "", "summaryZh", Need::required, scheme.summary_zh);
    reader.string(root, "", "notes", Need::optional, scheme.notes, /*allow_empty=*/true);

    read_rules(reader, root, read);
    read_return_rates(reader, root, read);
    read_sources(reader, root, read);
}

// "line 3, column 7 (byte 41)": columns count characters, not UTF-8 bytes, as editors do.
std::string position_text(std::string_view text, std::size_t offset) {
    const JsonPosition at = json_position(text, offset);
    return "line " + int_text(at.line) + ", column " + int_text(at.column) + " (byte " +
           int_text(static_cast<std::int64_t>(std::min(offset, text.size()))) + ")";
}
Args position_args(std::string_view text, std::size_t offset) {
    const JsonPosition at = json_position(text, offset);
    return {{"line", int_text(at.line)}, {"column", int_text(at.column)}};
}

}  // namespace

// [SECTION] parse_scheme

SchemeParse parse_scheme(std::string_view json_text) {
    SchemeParse result;
    ErrorList errors;
    if (json_text.empty()) {
        errors.add("", ErrorCode::file_empty, {}, "the scheme file is empty");
        result.errors = errors.take();
        return result;
    }
    JsonDocument document;
    if (const JsonRead read = read_json(json_text, document, kSchemeFileLimits); !read) {
        const std::string limit = int_text(static_cast<std::int64_t>(kSchemeFileLimits.max_bytes));
        const std::string at = read.problem == JsonProblem::too_large ? std::string() : position_text(json_text, read.offset);
        switch (read.problem) {
        case JsonProblem::too_large:
            errors.add("", ErrorCode::file_too_large,
                       {{"bytes", int_text(static_cast<std::int64_t>(json_text.size()))}, {"limit", limit}},
                       "the scheme file is " + int_text(static_cast<std::int64_t>(json_text.size())) +
                               " bytes; scheme files are limited to " + limit + " bytes");
            break;
        case JsonProblem::nul_byte:
            errors.add("", ErrorCode::json_malformed, position_args(json_text, read.offset),
                       "malformed JSON at " + at + ": a NUL byte is not allowed");
            break;
        case JsonProblem::exponent_out_of_range:
            errors.add("", ErrorCode::json_malformed, position_args(json_text, read.offset),
                       "malformed JSON at " + at + ": a number's exponent is out of range");
            break;
        default:  // too_deep cannot happen: a file's depth is bounded by its size
            errors.add("", ErrorCode::json_malformed, position_args(json_text, read.offset),
                       "malformed JSON at " + at + ": " + rapidjson::GetParseError_En(read.syntax));
            break;
        }
        result.errors = errors.take();
        return result;
    }
    if (!document.IsObject()) {
        errors.add("", ErrorCode::not_object, {{"got", std::string(json_type_id(document))}},
                   "a scheme file must be a JSON object {...}, not " + std::string(type_name(document)));
        result.errors = errors.take();
        return result;
    }

    Reader reader(errors);
    detail::SchemeRead read;
    read_top_level(reader, document, read);
    detail::validate_scheme(read, errors);

    if (errors.empty()) result.scheme = std::move(read.scheme);
    result.errors = errors.take();
    return result;
}

}  // namespace returnloop
