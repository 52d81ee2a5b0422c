// Converts deposits in any currency and year to one real value (reference-year USD): one FX snapshot (currencies
// the euro replaced through their fixed euro rates) and the US CPI, as assets/factors/money_conversion.json documents.
#include <string>

#include "did_you_mean.hpp"
#include "impact_json.hpp"
#include "returnloop/return_model.hpp"

namespace returnloop {

const Conversions::Fx* Conversions::find_fx(std::string_view code) const {
    for (const auto& f : fx)
        if (f.code == code) return &f;
    return nullptr;
}

std::optional<double> Conversions::usd_per_unit(std::string_view code) const {
    if (const Fx* direct = find_fx(code)) return direct->usd_per_unit;
    const Fx* euro = find_fx("EUR");
    if (!euro) return std::nullopt;
    for (const auto& fixed : fixed_to_euro)
        if (fixed.code == code) return euro->usd_per_unit / fixed.per_euro;
    return std::nullopt;
}

ConversionsParse parse_conversions(std::string_view json_text) {
    ConversionsParse out;
    detail::JsonReader r("money_conversion.json", out.errors);
    JsonDocument doc;
    if (!r.parse(json_text, doc)) return out;
    r.only(doc, "", {"id", "referenceYear", "referenceCurrency", "method", "fx", "fixedToEuro", "cpi", "sources"});
    Conversions c;
    r.string(doc, "", "id", c.id);
    r.integer(doc, "", "referenceYear", c.reference_year, 1950, 2100);
    std::string ref_currency;
    if (r.string(doc, "", "referenceCurrency", ref_currency) && ref_currency != "USD")
        r.fail("referenceCurrency", ErrorCode::wrong_currency, {{"currency", "USD"}},
               "only USD is supported as the reference currency");
    r.string(doc, "", "method", c.method);
    r.sources(doc, c.sources);
    auto has_source = [&](const std::string& id) {
        for (const auto& s : c.sources)
            if (s.id == id) return true;
        return false;
    };
    if (const auto* fx = r.object(doc, "", "fx")) {
        r.only(*fx, "fx", {"date", "source", "usdPerUnit", "notListed"});
        r.string(*fx, "fx", "date", c.fx_date);
        if (!c.fx_date.empty() && !parse_date(c.fx_date))
            r.fail("fx.date", ErrorCode::bad_date, {{"text", detail::JsonReader::quoted(c.fx_date)}}, "must be a date YYYY-MM-DD");
        std::string src, note;
        if (r.string(*fx, "fx", "source", src) && !has_source(src))
            r.fail("fx.source", ErrorCode::unknown_source, {{"id", src}}, "unknown source '" + src + "'");
        r.string(*fx, "fx", "notListed", note, false);
        if (const auto* rates = r.object(*fx, "fx", "usdPerUnit")) {
            for (auto it = rates->MemberBegin(); it != rates->MemberEnd(); ++it) {
                std::string code(it->name.GetString(), it->name.GetStringLength());
                std::string p = "fx.usdPerUnit." + code;
                bool iso = code.size() == 3;
                for (char ch : code) iso = iso && ch >= 'A' && ch <= 'Z';
                if (!iso) {
                    r.fail(p, ErrorCode::unknown_value,
                           {{"kind", "currency"}, {"given", detail::JsonReader::quoted(code)}, {"suggestion", ""}},
                           "must be a three-letter ISO 4217 code");
                    continue;
                }
                double v = 0;
                if (r.number_value(it->value, p, v, 1e-9, 1e6)) c.fx.push_back({code, v});
            }
            if (!c.find_fx("USD")) r.fail("fx.usdPerUnit", ErrorCode::missing_field, {{"name", "USD"}}, "must include USD");
        }
    }
    if (const auto* fixed = r.array(doc, "", "fixedToEuro", false)) {
        for (rapidjson::SizeType i = 0; i < fixed->Size(); ++i) {
            const std::string p = detail::JsonReader::index("fixedToEuro", i);
            const auto& entry = (*fixed)[i];
            if (!entry.IsObject()) {
                r.wrong_type(p, "object", entry, "must be an object {code, perEuro, source}");
                continue;
            }
            r.only(entry, p, {"code", "perEuro", "source"});
            Conversions::FixedToEuro rate;
            const bool code_ok = r.string(entry, p, "code", rate.code);
            if (code_ok && !currency_from_code(rate.code))
                r.unknown_value(p + ".code", "currency", "currency", rate.code,
                                detail::id_table<Currency, kCurrencyCount>(currency_code));
            if (code_ok && rate.code == "EUR") r.fail(p + ".code", ErrorCode::other, {}, "the euro is not fixed to itself");
            const bool rate_ok = r.number(entry, p, "perEuro", rate.per_euro, 1e-6, 1e6);
            if (r.string(entry, p, "source", rate.source_id) && !has_source(rate.source_id))
                r.fail(p + ".source", ErrorCode::unknown_source, {{"id", rate.source_id}},
                       "unknown source '" + rate.source_id + "'");
            if (code_ok && rate_ok) c.fixed_to_euro.push_back(std::move(rate));
        }
        if (!c.fixed_to_euro.empty() && !c.find_fx("EUR"))  // other: the missing member is in fx.usdPerUnit, not here
            r.fail("fixedToEuro", ErrorCode::other, {}, "needs a EUR rate in fx.usdPerUnit");
    }
    if (const auto* cpi = r.object(doc, "", "cpi")) {
        r.only(*cpi, "cpi", {"series", "source", "firstYear", "values"});
        std::string series, src;
        r.string(*cpi, "cpi", "series", series);
        if (r.string(*cpi, "cpi", "source", src) && !has_source(src))
            r.fail("cpi.source", ErrorCode::unknown_source, {{"id", src}}, "unknown source '" + src + "'");
        r.integer(*cpi, "cpi", "firstYear", c.cpi_first_year, 1900, 2100);
        if (const auto* values = r.array(*cpi, "cpi", "values")) {
            for (rapidjson::SizeType i = 0; i < values->Size(); ++i) {
                double v = 0;
                if (r.number_value((*values)[i], detail::JsonReader::index("cpi.values", i), v, 1, 1e5)) c.cpi.push_back(v);
            }
            if (c.cpi.empty()) r.fail("cpi.values", ErrorCode::empty_list, {}, "at least one year is needed");
        }
        if (!c.cpi.empty() && (c.reference_year < c.cpi_first_year || c.reference_year > c.cpi_last_year()))
            r.fail("referenceYear", ErrorCode::out_of_range,
                   {{"min", std::to_string(c.cpi_first_year)}, {"max", std::to_string(c.cpi_last_year())}},
                   "the CPI table must include the reference year");
    }
    if (out.errors.empty()) out.conversions = std::move(c);
    return out;
}

Result<double> real_usd(const Conversions& c, double major_amount, std::string_view currency_code, int year) {
    const std::optional<double> usd_per_unit = c.usd_per_unit(currency_code);
    if (!usd_per_unit)
        return Error{"currency", "no exchange rate for " + std::string(currency_code) + " in the " + c.fx_date +
                                     " snapshot"};
    if (year < c.cpi_first_year)
        return Error{"year", "no consumer price index before " + std::to_string(c.cpi_first_year)};
    int y = year > c.cpi_last_year() ? c.cpi_last_year() : year;
    double cpi_ref = c.cpi[static_cast<std::size_t>(c.reference_year - c.cpi_first_year)];
    double cpi_year = c.cpi[static_cast<std::size_t>(y - c.cpi_first_year)];
    return major_amount * *usd_per_unit * (cpi_ref / cpi_year);
}

}  // namespace returnloop
