// The clearing statement the scheme owes a retailer for a period: containers by deposit value (with the materials
// the scheme's rules in force charge that value for, from the core), containers by material (each GTIN looked up
// in the product register by the core), refunds credited, donations to pass on,
// refunds paid to shoppers, handling fees (accrued per container at the rates the kiosks' decide() booked, rounded
// once by the core) and the total due; numbered once per retailer and period; JSON or CSV.
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "console_handlers.hpp"
#include "returnloop/clearing.hpp"

namespace returnloop::hub::console {
namespace {

std::optional<Scheme> load_scheme(const std::string& dir, const std::string& id) {
    if (id.empty() || id.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") != std::string::npos) return std::nullopt;
    std::ifstream in(dir + "/" + id + ".json", std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    SchemeParse parsed = parse_scheme(text.str());
    return parsed.scheme;
}

// One statement line's sums (a currency, scheme, deposit and refund), over every GTIN booked at them.
struct LineSums {
    std::int64_t containers = 0, deposits = 0, refunds = 0, fee_micros = 0;
};

struct Totals {
    std::int64_t containers = 0, deposits = 0, refunds = 0, fee_micros = 0, donations = 0, donation_count = 0;
};

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

}  // namespace

void clearing(Connection& db, const Caller& c, const httplib::Request& req, httplib::Response& res, const std::string& schemes_dir,
              const MaterialRegister& materials) {
    const Locale locale = locale_param(req);
    const std::int64_t retailer = statement_retailer(db, c, req);
    const std::string from = date_param(req, "from"), to = date_param(req, "to");
    if (to < from) throw Refusal{400, "bad_input", "to", "to must not be before from"};
    const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
    if (format != "json" && format != "csv") throw Refusal{400, "bad_input", "format", "format must be json or csv"};
    const std::string rid = std::to_string(retailer);

    // The partition key bounds the scan to the period's months; the machine list is the retailer's. One pass groups
    // by GTIN too, so the same scan gives the lines (summed over GTINs below) and the containers by material.
    Rows grouped = db.query(
        "SELECT i.currency, i.scheme, i.deposit_minor, i.refund_minor, i.gtin, count(*), sum(i.deposit_minor), sum(i.refund_minor), "
        "sum(i.handling_fee_micros) FROM items i WHERE i.scanned_date BETWEEN $2::date AND $3::date AND i.machine_id IN "
        "(SELECT m.id FROM machines m JOIN stores s ON s.id = m.store_id WHERE s.retailer_id = $1::bigint) "
        "GROUP BY 1, 2, 3, 4, 5", {rid, from, to});
    std::map<std::tuple<std::string, std::string, std::int64_t, std::int64_t>, LineSums> lines;
    std::map<std::pair<std::string, std::string>, LineSums> materials_of;  // (currency, material)
    for (int i = 0; i < grouped.size(); ++i) {
        LineSums& l = lines[{grouped.text(i, 0), grouped.text(i, 1), grouped.integer(i, 2), grouped.integer(i, 3)}];
        LineSums& m = materials_of[{grouped.text(i, 0), materials.material_of(grouped.text(i, 4))}];
        for (LineSums* sums : {&l, &m}) {
            sums->containers += grouped.integer(i, 5);
            sums->deposits += grouped.integer(i, 6);
            sums->refunds += grouped.integer(i, 7);
            sums->fee_micros += grouped.integer(i, 8);
        }
    }
    Rows donated = db.query(
        "SELECT p.payload::jsonb->>'currency', count(*), sum((p.payload::jsonb->>'amountMinor')::bigint) FROM records p "
        "WHERE p.kind = 'payout' AND p.machine_id IN (SELECT m.id FROM machines m JOIN stores s ON s.id = m.store_id WHERE s.retailer_id = $1::bigint) "
        "AND p.payload::jsonb->>'kind' = 'donation' AND p.payload::jsonb->>'createdDate' BETWEEN $2 AND $3 GROUP BY 1", {rid, from, to});
    db.query("INSERT INTO clearing_statements(retailer_id, period_from, period_to) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", {rid, from, to});
    Rows numbered = db.query("SELECT cs.id, rt.name FROM clearing_statements cs JOIN retailers rt ON rt.id = cs.retailer_id "
                             "WHERE cs.retailer_id = $1 AND cs.period_from = $2 AND cs.period_to = $3", {rid, from, to});
    char number[48];
    std::snprintf(number, sizeof number, "CS-%04lld-%06lld", static_cast<long long>(retailer), static_cast<long long>(numbered.integer(0, 0)));
    const std::string retailer_name = numbered.text(0, 1);

    const Date period_end = *parse_date(to);
    std::map<std::string, std::optional<Scheme>> schemes;
    std::map<std::string, Totals> totals;  // by currency
    Json json_lines = Json::array();
    std::ostringstream csv;
    csv << "statement,retailer,from,to,currency,scheme,deposit_minor,refund_minor,materials,containers,deposits_minor,refunds_minor,handling_fee_micros\n";
    for (const auto& [key, l] : lines) {
        const auto& [cur, scheme_id, deposit, refund] = key;
        if (!schemes.contains(scheme_id)) schemes[scheme_id] = load_scheme(schemes_dir, scheme_id);
        Json materials = Json::array();
        std::string material_list;
        if (const auto& s = schemes[scheme_id]) {
            for (Material m : materials_for_amounts(*s, deposit, refund, period_end)) {
                materials.push_back(material_id(m));
                material_list += (material_list.empty() ? "" : " ") + std::string(material_id(m));
            }
        }
        Totals& t = totals[cur];
        t.containers += l.containers;
        t.deposits += l.deposits;
        t.refunds += l.refunds;
        t.fee_micros += l.fee_micros;
        json_lines.push_back({{"scheme", scheme_id}, {"materials", materials}, {"deposit", money_json(deposit, cur, locale)},
                              {"refund", money_json(refund, cur, locale)}, {"containers", l.containers},
                              {"deposits", money_json(l.deposits, cur, locale)}, {"refunds", money_json(l.refunds, cur, locale)},
                              {"handlingFeeMicros", l.fee_micros}});
        csv << number << ',' << csv_field(retailer_name) << ',' << from << ',' << to << ',' << cur << ',' << scheme_id << ','
            << deposit << ',' << refund << ',' << material_list << ',' << l.containers << ',' << l.deposits
            << ',' << l.refunds << ',' << l.fee_micros << '\n';
    }
    Json json_materials = Json::array();
    std::ostringstream csv_materials;
    csv_materials << "\ncurrency,material,containers,deposits_minor,refunds_minor\n";
    for (const auto& [key, m] : materials_of) {
        json_materials.push_back({{"currency", key.first}, {"material", key.second}, {"containers", m.containers},
                                  {"deposits", money_json(m.deposits, key.first, locale)}, {"refunds", money_json(m.refunds, key.first, locale)}});
        csv_materials << key.first << ',' << key.second << ',' << m.containers << ',' << m.deposits << ',' << m.refunds << '\n';
    }
    for (int i = 0; i < donated.size(); ++i) {
        Totals& t = totals[donated.text(i, 0)];
        t.donation_count += donated.integer(i, 1);
        t.donations += donated.integer(i, 2);
    }
    Json json_totals = Json::array();
    csv << csv_materials.str();
    csv << "\ncurrency,containers,deposits_minor,refunds_minor,donations_minor,refunds_paid_minor,handling_fees_minor,due_minor\n";
    for (const auto& [cur, t] : totals) {
        const std::optional<Currency> currency = currency_from_code(cur);
        if (!currency) throw Refusal{500, "unknown_currency", "currency", "records in " + cur + ", a currency the core does not know"};
        const std::int64_t fees = handling_fees_payable(t.fee_micros, *currency).minor;
        const std::int64_t paid = t.refunds - t.donations;
        json_totals.push_back({{"currency", cur}, {"containers", t.containers}, {"deposits", money_json(t.deposits, cur, locale)},
                               {"refunds", money_json(t.refunds, cur, locale)}, {"donations", money_json(t.donations, cur, locale)},
                               {"donationCount", t.donation_count}, {"refundsPaid", money_json(paid, cur, locale)},
                               {"handlingFeeMicros", t.fee_micros}, {"handlingFees", money_json(fees, cur, locale)},
                               {"due", money_json(paid + fees, cur, locale)}});
        csv << cur << ',' << t.containers << ',' << t.deposits << ',' << t.refunds << ',' << t.donations << ',' << paid << ',' << fees
            << ',' << paid + fees << '\n';
    }

    if (format == "csv") {
        res.status = 200;
        res.set_header("Content-Disposition", std::string("attachment; filename=\"") + number + ".csv\"");
        res.set_header("Cache-Control", "no-store");
        res.set_content(csv.str(), "text/csv; charset=utf-8");
        return;
    }
    send_json(res, 200, {{"number", number}, {"retailer", {{"id", retailer}, {"name", retailer_name}}}, {"from", from}, {"to", to},
                         {"lines", json_lines}, {"byMaterial", json_materials}, {"totals", json_totals}});
}

}  // namespace returnloop::hub::console
