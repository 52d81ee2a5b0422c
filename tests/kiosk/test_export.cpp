// The clearing export: sessions, items, vouchers and refused scans of a date range as RFC 4180 CSV, amounts exact,
// safe to open in a spreadsheet (no formulas, GTINs as text, unspent codes masked, ISO 8601 local times).
#include <doctest/doctest.h>

#include <sstream>

#include "backend/export_csv.hpp"
#include "backend/redeem.hpp"
#include "kiosk_fixtures.hpp"

using namespace kiosk_test;

namespace {

std::vector<std::string> lines_of(const std::string& csv) {
    std::vector<std::string> out;
    std::istringstream in(csv);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out.push_back(line);
    }
    return out;
}

}  // namespace

TEST_SUITE("export") {
TEST_CASE("three days of returns, exported for two of them") {
    Machine m;
    const KioskTime d1 = day(2025, 3, 13), d2 = day(2025, 3, 14), d3 = day(2025, 3, 15);
    REQUIRE(m.backend->scan("9520000000011", d1).accepted());
    REQUIRE(m.backend->finish(PayoutKind::voucher, later(d1, 1000)).ok());
    REQUIRE(m.backend->scan("9520000000011", d2).accepted());
    REQUIRE(m.backend->scan("9520000000219", later(d2, 3000)).accepted());
    const Delivery voucher = m.backend->finish(PayoutKind::voucher, later(d2, 4000)).value();
    REQUIRE(redeem_voucher(m.backend->ledger(), m.backend->settings(), voucher.payout.codes.code128, later(d2, 9000), "till, 1").ok());
    REQUIRE(m.backend->scan("9520000000042", later(d2, 10000)).accepted());
    REQUIRE(m.backend->finish(PayoutKind::donation, later(d2, 11000)).ok());
    REQUIRE(m.backend->scan("9520000000042", d3).accepted());  // open, on the third day
    const Delivery unspent = m.backend->finish(PayoutKind::voucher, later(d3, 1000)).value();
    REQUIRE_FALSE(m.backend->scan("=HYPERLINK(\"http://x\")", later(d3, 2000)).accepted());
    REQUIRE_FALSE(m.backend->scan("4006381333931", later(d3, 2500)).accepted());  // not in the register
    const Catalog catalog = sample_catalog();

    const ExportFiles files = export_csv(m.backend->ledger(), d2.date, d3.date, &catalog).value();
    CHECK(files.sessions == 3);
    CHECK(files.items == 4);
    CHECK(files.vouchers == 2);
    const std::vector<std::string> sessions = lines_of(files.sessions_csv);
    REQUIRE(sessions.size() == 4);
    CHECK(sessions[0] == "session_id,opened_at,opened_date,scheme,currency,items,refund_minor,refund,deposit_minor,handling_fee,status,payout,payout_minor,charity");
    CHECK(sessions[1].rfind("2," + iso_local_time(d2.unix_ms) + ",2025-03-14,", 0) == 0);
    CHECK(sessions[1].find(",de,EUR,2,33,0.33,33,0,paid,voucher,33,") != std::string::npos);
    CHECK(sessions[2].find(",paid,donation,25,Sample charity") != std::string::npos);
    CHECK(sessions[3].find(",paid,voucher,25,") != std::string::npos);
    const std::vector<std::string> items = lines_of(files.items_csv);
    REQUIRE(items.size() == 5);
    const std::string name = std::string(catalog.find(parse_gtin("09520000000219").value()).value().name);
    CHECK(items[2] == "2,1,\"09520000000219\"," + csv_field(name) + "," + iso_local_time(later(d2, 3000).unix_ms) + ",2025-03-14,8,8,0,,1,EUR");
    const std::vector<std::string> vouchers = lines_of(files.vouchers_csv);
    REQUIRE(vouchers.size() == 3);
    CHECK(vouchers[1].find(",redeemed,") != std::string::npos);
    CHECK(vouchers[1].find(voucher.payout.codes.code128) != std::string::npos);  // spent: shown in full
    CHECK(vouchers[1].find(",\"till, 1\"") != std::string::npos);  // quoted because of its comma
    CHECK(vouchers[2].find(unspent.payout.codes.code128) == std::string::npos);  // spendable: masked
    CHECK(vouchers[2].find("************************************" + unspent.payout.codes.code128.substr(36)) != std::string::npos);
    const std::vector<std::string> refusals = lines_of(files.refusals_csv);
    REQUIRE(refusals.size() == 3);
    CHECK(refusals[0] == "at,date,gtin,product,reason,input");
    CHECK(refusals[1].find(",2025-03-15,,,unreadable,\"'=HYPERLINK(") != std::string::npos);  // neutralised, not a formula
    CHECK(refusals[2].find(",\"04006381333931\",,not_registered,") != std::string::npos);

    TempDir out;
    REQUIRE(write_export(files, out.path.string()).ok());
    CHECK(read_text(out.file("items.csv")) == files.items_csv);
    CHECK_FALSE(export_csv(m.backend->ledger(), d3.date, d1.date).ok());
}

TEST_CASE("CSV fields are quoted only when they must be, and never start a formula") {
    CHECK(csv_field("=1+1") == "'=1+1");
    CHECK(csv_field("+49 30 1234") == "'+49 30 1234");
    CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_field("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0");
    CHECK(csv_field("-0.02") == "-0.02");  // a negative number stays a number
    CHECK(masked_code("1042112503140001200300978115319912902580") == std::string(36, '*') + "2580");
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
}
}
