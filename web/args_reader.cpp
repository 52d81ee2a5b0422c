// Reads the web module's call arguments into core types; every problem is an error at the argument's path.
#include "args_reader.hpp"

namespace returnloop::web {

const Value* member(const Value& obj, const char* name) {
    if (!obj.IsObject()) return nullptr;
    auto it = obj.FindMember(name);
    return it == obj.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}
std::optional<std::string_view> string_member(const Value& obj, const char* name) {
    const Value* v = member(obj, name);
    if (!v || !v->IsString()) return std::nullopt;
    return std::string_view(v->GetString(), v->GetStringLength());
}
Error moved_to(const char* path, Error e) {
    e.path = path;
    return e;
}

namespace {

std::string indexed(const char* list, unsigned i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

}  // namespace

// The date argument is optional in the API; returnloop.js always fills in today's local date.
Result<Date> date_arg(const Value& args) {
    auto text = string_member(args, "date");
    if (!text) return coded("date", ErrorCode::wrong_type, {{"expected", "date"}}, "date must be a string YYYY-MM-DD");
    auto d = parse_date(*text);
    if (!d) return d.error();
    return d.value();
}
Result<Currency> currency_arg(const Value& args, const char* path) {
    auto code = string_member(args, "currency");
    auto currency = code ? currency_from_code(*code) : std::nullopt;
    if (!currency) return coded(path, ErrorCode::unknown_value, {{"kind", "currency"}, {"given", code.value_or("")}}, "unknown currency code");
    return *currency;
}
Result<Container> container_arg(const Value* v, const std::string& path) {
    if (!v || !v->IsObject()) return Error{path, "a container is an object {material, volumeMl, category, refillable}"};
    auto material = string_member(*v, "material");
    auto m = material ? material_from_id(*material) : std::nullopt;
    if (!m) return coded(path + ".material", ErrorCode::unknown_value, {{"kind", "material"}}, "unknown material (pet, hdpe, aluminium, steel, glass, carton, other)");
    auto category = string_member(*v, "category");
    auto c = category ? category_from_id(*category) : std::nullopt;
    if (!c) return coded(path + ".category", ErrorCode::unknown_value, {{"kind", "category"}}, "unknown category (water, soft_drink, juice, beer, wine, spirits, dairy, other)");
    const Value* volume = member(*v, "volumeMl");
    if (!volume || !volume->IsUint()) return coded(path + ".volumeMl", ErrorCode::not_whole_number, {}, "volumeMl must be a whole number of millilitres");
    const Value* refillable = member(*v, "refillable");
    if (refillable && !refillable->IsBool()) return Error{path + ".refillable", "refillable must be true or false"};
    return Container{*m, volume->GetUint(), *c, refillable && refillable->GetBool()};
}
Result<const Scheme*> scheme_arg(const Value& args, const DataSet& data) {
    return data.scheme(string_member(args, "scheme").value_or(""));
}
Locale locale_arg(const Value& args) {
    auto tag = string_member(args, "locale");
    return (tag ? locale_from_tag(*tag) : std::nullopt).value_or(Locale::en_US);
}

Failure read_what_if(const Value& obj, const std::string& prefix, WhatIfDeposit& w) {
    if (const Value* rtr = member(obj, "returnToRetail")) w.return_to_retail = rtr->IsBool() && rtr->GetBool();
    if (const Value* years = member(obj, "yearsInForce")) {
        if (!years->IsNumber() || !(years->GetDouble() >= 0) || years->GetDouble() > 200)
            return coded(prefix + "yearsInForce", ErrorCode::out_of_range, {{"min", "0"}, {"max", "200"}}, "yearsInForce must be a number from 0 to 200");
        w.years_in_force = years->GetDouble();
    }
    return std::nullopt;
}
Failure read_what_if_deposit(const Value& what_if, WhatIfDeposit& d) {
    if (!what_if.IsObject()) return Error{"whatIf", "whatIf must be an object"};
    const Value* refund = member(what_if, "refundMinor");
    if (!refund || !refund->IsInt64() || refund->GetInt64() <= 0)
        return Error{"whatIf.refundMinor", "refundMinor must be a whole number of minor units above zero"};
    auto currency = currency_arg(what_if, "whatIf.currency");
    if (!currency) return currency.error();
    d.refund = Money{refund->GetInt64(), currency.value()};
    if (const Value* year = member(what_if, "year")) {
        if (!year->IsInt()) return Error{"whatIf.year", "year must be a whole number"};
        d.year = year->GetInt();
    }
    return read_what_if(what_if, "whatIf.", d);
}
Failure read_what_if_request(const Value& args, Date date, WhatIfRequest& request) {
    const Value* amount = member(args, "depositMinor");
    if (!amount || !amount->IsInt64() || amount->GetInt64() <= 0)
        return coded("depositMinor", ErrorCode::out_of_range, {{"min", "0"}, {"max", "1000"}}, "depositMinor must be a whole number of minor units above zero");
    auto currency = currency_arg(args, "currency");
    if (!currency) return currency.error();
    const Value* placed = member(args, "containersPerYear");
    if (!placed || !placed->IsInt64() || placed->GetInt64() <= 0)
        return coded("containersPerYear", ErrorCode::not_whole_number, {}, "containersPerYear must be a whole number above zero");
    request.deposit.refund = Money{amount->GetInt64(), currency.value()};
    request.deposit.year = year_of(date);
    request.containers_per_year = placed->GetInt64();
    request.options.date = date;
    if (Failure e = read_what_if(args, "", request.deposit)) return e;
    ProjectionParams& o = request.options;
    return read_projection_options(args, o.factor_set, o.carbon_price, o.draws, o.seed);
}
Failure read_projection_options(const Value& args, std::string& factor_set, std::string& carbon_price, std::uint32_t& draws,
                                std::uint64_t& seed) {
    if (auto set = string_member(args, "factorSet")) factor_set = std::string(*set);
    if (auto price = string_member(args, "carbonPrice")) carbon_price = std::string(*price);
    if (const Value* d = member(args, "draws")) {
        if (!d->IsUint()) return Error{"draws", "draws must be a whole number"};
        draws = d->GetUint();
    }
    if (const Value* s = member(args, "seed")) {
        if (!s->IsUint64()) return Error{"seed", "seed must be a whole number"};
        seed = s->GetUint64();
    }
    return std::nullopt;
}
Failure read_household_lines(const Value& args, std::vector<HouseholdLine>& out) {
    const Value* lines = member(args, "lines");
    if (!lines || !lines->IsArray()) return Error{"lines", "lines must be an array of {container, count, per}"};
    for (rapidjson::SizeType i = 0; i < lines->Size(); ++i) {
        const std::string path = indexed("lines", i);
        const Value& line = (*lines)[i];
        auto container = container_arg(member(line, "container"), path + ".container");
        if (!container) return container.error();
        const Value* count = member(line, "count");
        if (!count || !count->IsUint()) return coded(path + ".count", ErrorCode::not_whole_number, {}, "count must be a whole number, 0 or more");
        HouseholdLine h{container.value(), count->GetUint(), Period::week, std::nullopt};
        auto per = string_member(line, "per");
        if (per && *per == "month") h.per = Period::month;
        else if (per && *per == "year") h.per = Period::year;
        else if (per && *per != "week") return Error{path + ".per", "per must be week, month or year"};
        if (const Value* mass = member(line, "massG")) {
            if (!mass->IsNumber()) return Error{path + ".massG", "massG must be a number of grams"};
            h.mass_g = mass->GetDouble();
        }
        out.push_back(h);
    }
    return std::nullopt;
}
Failure read_quote_items(const Value& args, std::vector<QuoteItem>& out) {
    const Value* items = member(args, "items");
    if (!items || !items->IsArray()) return Error{"items", "items must be an array of {container, count}"};
    for (rapidjson::SizeType i = 0; i < items->Size(); ++i) {
        const std::string path = indexed("items", i);
        const Value& item = (*items)[i];
        auto container = container_arg(member(item, "container"), path + ".container");
        if (!container) return container.error();
        const Value* count = member(item, "count");
        if (!count || !count->IsInt64()) return Error{path + ".count", "count must be a whole number"};
        out.push_back(QuoteItem{container.value(), count->GetInt64()});
    }
    return std::nullopt;
}

}  // namespace returnloop::web
