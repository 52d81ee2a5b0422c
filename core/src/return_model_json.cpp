// Reads and writes assets/model/return_rate.json: coefficients, interval offsets, the reference basket, the
// validation figures and the provenance of the data they were fitted on.
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "impact_json.hpp"
#include "return_model_basket.hpp"
#include "returnloop/return_model.hpp"
#include "returnloop/return_model_fit.hpp"

namespace returnloop {

ReturnModelParse parse_return_model(std::string_view json_text) {
    ReturnModelParse out;
    detail::JsonReader r("return_rate.json", out.errors);
    JsonDocument doc;
    if (!r.parse(json_text, doc)) return out;
    r.only(doc, "", {"id", "generatedBy", "formula", "conversion", "referenceYear", "newnessYears", "basket",
                     "coefficients", "interval", "validation", "data"});
    ReturnModel m;
    std::string formula;
    int ref_year = 0;
    r.string(doc, "", "id", m.id);
    r.string(doc, "", "generatedBy", m.generated_by);
    r.string(doc, "", "formula", formula);
    r.string(doc, "", "conversion", m.conversion_id);
    r.integer(doc, "", "referenceYear", ref_year, 1950, 2100);
    r.number(doc, "", "newnessYears", m.newness_years, 0.5, 50);
    detail::read_basket(r, doc, "", m.basket);
    if (const auto* c = r.object(doc, "", "coefficients")) {
        r.only(*c, "coefficients", {"intercept", "logRealRefundUsd", "returnToRetail", "newness"});
        r.number(*c, "coefficients", "intercept", m.intercept, -100, 100);
        r.number(*c, "coefficients", "logRealRefundUsd", m.b_log_refund, -100, 100);
        m.uses_return_to_retail = c->HasMember("returnToRetail");
        m.uses_newness = c->HasMember("newness");
        r.number(*c, "coefficients", "returnToRetail", m.b_return_to_retail, -100, 100, false);
        r.number(*c, "coefficients", "newness", m.b_newness, -100, 100, false);
    }
    if (const auto* iv = r.object(doc, "", "interval")) {
        std::string method;
        r.only(*iv, "interval", {"level", "lowerLogitOffset", "upperLogitOffset", "method"});
        r.number(*iv, "interval", "level", m.level, 0.5, 0.99);
        r.number(*iv, "interval", "lowerLogitOffset", m.lower_logit_offset, -20, 0);
        r.number(*iv, "interval", "upperLogitOffset", m.upper_logit_offset, 0, 20);
        r.string(*iv, "interval", "method", method);
    }
    if (const auto* v = r.object(doc, "", "validation")) {
        std::string method;
        double baseline = 0, unweighted = 0, bias = 0;
        r.only(*v, "validation", {"method", "observations", "jurisdictions", "looRmsePp", "looMaePp", "looBiasPp",
                                  "baselineLooRmsePp", "nestedCoverage", "nestedCoverageUnweighted", "meanWidthPp"});
        r.string(*v, "validation", "method", method);
        r.integer(*v, "validation", "observations", m.observations, 1, 100000);
        r.integer(*v, "validation", "jurisdictions", m.jurisdictions, 1, 10000);
        r.number(*v, "validation", "looRmsePp", m.loo_rmse_pp, 0, 100);
        r.number(*v, "validation", "looMaePp", m.loo_mae_pp, 0, 100);
        r.number(*v, "validation", "looBiasPp", bias, -100, 100);
        r.number(*v, "validation", "baselineLooRmsePp", baseline, 0, 100);
        r.number(*v, "validation", "nestedCoverage", m.nested_coverage, 0, 1);
        r.number(*v, "validation", "nestedCoverageUnweighted", unweighted, 0, 1);
        r.number(*v, "validation", "meanWidthPp", m.mean_width_pp, 0, 100);
    }
    if (const auto* d = r.object(doc, "", "data")) {
        std::string files, excluded;
        r.only(*d, "data", {"fingerprint", "files", "sources"});
        r.string(*d, "data", "fingerprint", m.data_fingerprint);
        r.string(*d, "data", "files", files);
        r.string(*d, "data", "sources", excluded);
    }
    if (out.errors.empty()) out.model = std::move(m);
    return out;
}

std::string model_to_json(const ReturnModel& m, const FitResult& fit, const ObservationSet& data) {
    rapidjson::StringBuffer buf;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
    w.SetIndent(' ', 2);
    auto key = [&](const char* k) { w.Key(k); };
    auto str = [&](const std::string& s) { w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size())); };
    w.StartObject();
    key("id"); str(m.id);
    key("generatedBy"); str(m.generated_by + "; do not edit: regenerate with `cmake --build <build dir> --target fit_model`");
    key("formula");
    str(std::string("logit(rate) = intercept + logRealRefundUsd * ln(refund in ") +
        "2022 USD)" + (m.uses_return_to_retail ? " + returnToRetail * [retailers must take containers back]" : "") +
        (m.uses_newness ? " + newness * max(0, 1 - yearsInForce / newnessYears)" : "") +
        "; refund = the basket's weighted mean refund under the scheme's rules");
    key("conversion"); str(m.conversion_id);
    key("referenceYear"); w.Int(2022);
    key("newnessYears"); w.Double(m.newness_years);
    key("basket");
    w.StartArray();
    for (const auto& b : m.basket) {
        w.StartObject();
        key("material"); str(std::string(material_id(b.container.material)));
        key("volumeMl"); w.Uint(b.container.volume_ml);
        key("category"); str(std::string(category_id(b.container.category)));
        if (b.container.refillable) { key("refillable"); w.Bool(true); }
        key("weight"); w.Double(b.weight);
        w.EndObject();
    }
    w.EndArray();
    key("coefficients");
    w.StartObject();
    key("intercept"); w.Double(m.intercept);
    key("logRealRefundUsd"); w.Double(m.b_log_refund);
    if (m.uses_return_to_retail) { key("returnToRetail"); w.Double(m.b_return_to_retail); }
    if (m.uses_newness) { key("newness"); w.Double(m.b_newness); }
    w.EndObject();
    key("interval");
    w.StartObject();
    key("level"); w.Double(m.level);
    key("lowerLogitOffset"); w.Double(m.lower_logit_offset);
    key("upperLogitOffset"); w.Double(m.upper_logit_offset);
    key("method"); str("weighted empirical 10% and 90% quantiles of leave-one-jurisdiction-out residuals on the logit scale, added to the prediction");
    w.EndObject();
    key("validation");
    w.StartObject();
    key("method"); str("leave one jurisdiction out (all its years together); coverage is nested: the held-out jurisdiction's interval uses residuals of the other jurisdictions only. Weights 1/sqrt(points of the jurisdiction). Errors in percentage points of return rate");
    key("observations"); w.Int(m.observations);
    key("jurisdictions"); w.Int(m.jurisdictions);
    key("looRmsePp"); w.Double(m.loo_rmse_pp);
    key("looMaePp"); w.Double(m.loo_mae_pp);
    key("looBiasPp"); w.Double(fit.loo_bias_pp);
    key("baselineLooRmsePp"); w.Double(fit.baseline_loo_rmse_pp);
    key("nestedCoverage"); w.Double(m.nested_coverage);
    key("nestedCoverageUnweighted"); w.Double(fit.nested_coverage_unweighted);
    key("meanWidthPp"); w.Double(m.mean_width_pp);
    w.EndObject();
    key("data");
    w.StartObject();
    key("fingerprint"); str(m.data_fingerprint);
    key("files"); str("assets/model/observations.json, assets/schemes/*.json (returnRates), assets/factors/money_conversion.json");
    key("sources");
    str(std::to_string(data.used.size()) + " observations used, " + std::to_string(data.excluded.size()) +
        " excluded; each with its source in assets/model/REPORT.md");
    w.EndObject();
    w.EndObject();
    std::string out(buf.GetString(), buf.GetSize());
    out.push_back('\n');
    return out;
}

}  // namespace returnloop
