// Return sessions: which scans a reverse-vending machine accepts and what each pays, by the German and Nova Scotia
// schemes and a register's own deposits; junk input, double reads, the retailer's limits and exact totals.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "returnloop/session.hpp"

using namespace returnloop;

namespace {

std::string read_scheme_file(const std::string& id) {
    std::ifstream in(std::string(RETURNLOOP_ASSETS_DIR) + "/schemes/" + id + ".json", std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

Scheme load_scheme(const std::string& id) {
    SchemeParse parsed = parse_scheme(read_scheme_file(id));
    REQUIRE(parsed.scheme.has_value());
    return *parsed.scheme;
}

// Sample products (GS1 prefix 952 is reserved for examples) covering the cases the rules distinguish.
const char* const kRegister =
    "gtin,name,brand,material,volume_ml,category,refillable,deposit_minor\n"
    "9520000000011,Sample still water 500 mL,ReturnLoop sample,pet,500,water,false,\n"
    "9520000000042,Sample still water 330 mL can,ReturnLoop sample,aluminium,330,water,false,\n"
    "9520000000165,Sample juice 250 mL glass,ReturnLoop sample,glass,250,juice,false,\n"
    "9520000000219,Sample lager 330 mL refillable,ReturnLoop sample,glass,330,beer,true,8\n"
    "9520000000318,Sample wine bag-in-box,ReturnLoop sample,other,3000,wine,false,0\n"
    "96385074,Sample cola 250 mL can (EAN-8),ReturnLoop sample,aluminium,250,soft_drink,false,\n";

Catalog load_register() {
    CatalogParse parsed = parse_catalog(kRegister);
    REQUIRE(parsed.catalog.has_value());
    return std::move(*parsed.catalog);
}

struct Fixture {
    Scheme de = load_scheme("de");
    Catalog catalog = load_register();
    Date date = date_from_ymd(2024, 6, 1);
    SessionLimits limits;
    DayTotals today;

    ScanContext at(std::int64_t now_ms) const { return ScanContext{de, catalog, date, now_ms, limits, today}; }

    // Scans and, when accepted, records the item as the kiosk does after its ledger commit.
    ScanOutcome scan(ReturnSession& session, std::string_view code, std::int64_t now_ms) const {
        ScanOutcome outcome = session.evaluate(code, at(now_ms));
        if (outcome.accepted()) REQUIRE(session.add(*outcome.item).ok());
        return outcome;
    }
};

}  // namespace

TEST_CASE("a return session") {
    Fixture f;

    SUBCASE("Germany: a single-use PET water bottle pays the statutory 25 cents (Einwegpfand, VerpackG s. 31)") {
        ReturnSession session(Currency::EUR);
        const ScanOutcome outcome = f.scan(session, "9520000000011", 1000);
        CHECK(outcome.accepted());
        CHECK(outcome.gtin14 == "09520000000011");
        CHECK(outcome.item->refund == Money{25, Currency::EUR});
        CHECK(outcome.item->deposit == Money{25, Currency::EUR});
        CHECK(f.de.rules[static_cast<std::size_t>(outcome.item->rule_index)].id == "einweg-plastic-2024");
        CHECK_FALSE(outcome.item->register_override);
        CHECK(session.total() == Money{25, Currency::EUR});
        CHECK(scan_reason_id(outcome.reason) == "accepted");
    }

    SUBCASE("Germany: an aluminium can and an EAN-8 can each pay 25 cents and the total is exact") {
        ReturnSession session(Currency::EUR);
        CHECK(f.scan(session, "9520000000042", 0).accepted());
        CHECK(f.scan(session, "96385074", 5000).accepted());
        CHECK(session.total() == Money{50, Currency::EUR});
        CHECK(session.item_count() == 2);
    }

    SUBCASE("Germany: single-use glass juice carries no deposit, with the scheme's own reason") {
        ReturnSession session(Currency::EUR);
        const ScanOutcome outcome = f.scan(session, "9520000000165", 0);
        CHECK(outcome.reason == ScanReason::no_deposit);
        CHECK(scan_reason_id(outcome.reason) == "no_deposit");
        const Decision decision = decide(f.de, Container{Material::glass, 250, Category::juice, false}, f.date);
        CHECK_FALSE(decision.eligible);
        CHECK(outcome.scheme_reason == decision.reason);
        CHECK(outcome.scheme_reason != Reason::none);
        CHECK(session.empty());
        CHECK(outcome.total_after == Money{0, Currency::EUR});
    }

    SUBCASE("Germany before 1 January 2003 had no single-use deposit: no_deposit, not_in_force") {
        f.date = date_from_ymd(2002, 12, 31);
        ReturnSession session(Currency::EUR);
        const ScanOutcome outcome = f.scan(session, "9520000000011", 0);
        CHECK(outcome.reason == ScanReason::no_deposit);
        CHECK(outcome.scheme_reason == Reason::not_in_force);
    }

    SUBCASE("the register's own deposit wins: a refillable beer bottle pays the industry's 8 cents") {
        ReturnSession session(Currency::EUR);
        const ScanOutcome outcome = f.scan(session, "9520000000219", 0);
        REQUIRE(outcome.accepted());
        CHECK(outcome.item->refund == Money{8, Currency::EUR});
        CHECK(outcome.item->register_override);
        CHECK(outcome.item->rule_index == -1);
    }

    SUBCASE("a register deposit of 0 means registered without deposit") {
        ReturnSession session(Currency::EUR);
        const ScanOutcome outcome = f.scan(session, "9520000000318", 0);
        CHECK(outcome.reason == ScanReason::no_deposit);
        CHECK(outcome.message == "the product register sets no deposit for this product");
    }

    SUBCASE("Nova Scotia is half-back: a 10-cent deposit refunds 5 cents (Divert NS)") {
        const Scheme ns = load_scheme("ca-ns");
        ReturnSession session(Currency::CAD);
        const ScanContext context{ns, f.catalog, f.date, 0, f.limits, f.today};
        const ScanOutcome outcome = session.evaluate("9520000000011", context);
        REQUIRE(outcome.accepted());
        CHECK(outcome.item->deposit == Money{10, Currency::CAD});
        CHECK(outcome.item->refund == Money{5, Currency::CAD});
        CHECK(outcome.item->handling_fee == FeeRate{42700});  // 4.27 cents to the depot
        CHECK(outcome.total_after == Money{5, Currency::CAD});
    }

    SUBCASE("a session in another currency than the scheme's accepts nothing") {
        ReturnSession session(Currency::USD);
        const ScanOutcome outcome = session.evaluate("9520000000011", f.at(0));
        CHECK_FALSE(outcome.accepted());
        CHECK(outcome.reason == ScanReason::no_deposit);
    }
}

TEST_CASE("scans that are not a product") {
    Fixture f;
    ReturnSession session(Currency::EUR);

    SUBCASE("letters, empty lines and binary bytes are unreadable") {
        for (const std::string junk : {std::string("hello"), std::string(""), std::string("\r\n"),
                                       std::string("\xff\xfe\x00\x01", 4), std::string("]E0"), std::string(10000, 'x')}) {
            const ScanOutcome outcome = session.evaluate(junk, f.at(0));
            CHECK(outcome.reason == ScanReason::unreadable);
            CHECK(outcome.gtin14.empty());
            CHECK_FALSE(outcome.message.empty());
            CHECK(outcome.message.size() < 200);
        }
    }

    SUBCASE("digits that are not a GTIN are invalid codes: wrong check digit, wrong length, huge") {
        CHECK(session.evaluate("9520000000012", f.at(0)).reason == ScanReason::invalid_code);
        CHECK(session.evaluate("12345", f.at(0)).reason == ScanReason::invalid_code);
        CHECK(session.evaluate(std::string(10000, '7'), f.at(0)).reason == ScanReason::invalid_code);
    }

    SUBCASE("an in-store code such as a deposit voucher (GS1 prefix 29) is refused") {
        const ScanOutcome outcome = session.evaluate("2910001012507", f.at(0));
        CHECK(outcome.reason == ScanReason::restricted_circulation);
        CHECK(outcome.gtin14 == "02910001012507");
    }

    SUBCASE("a valid GTIN the register does not list is not registered (GS1's example 4006381333931)") {
        const ScanOutcome outcome = session.evaluate("4006381333931", f.at(0));
        CHECK(outcome.reason == ScanReason::not_registered);
        CHECK(outcome.gtin14 == "04006381333931");
    }

    SUBCASE("scanner decoration is cleaned: AIM identifier, CR LF, spaces") {
        CHECK(f.scan(session, "]E09520000000011\r\n", 0).accepted());
        CHECK(f.scan(session, " 9520000000042 ", 5000).accepted());
    }

    SUBCASE("evaluate changes nothing; only add records") {
        const ScanOutcome outcome = session.evaluate("9520000000011", f.at(0));
        CHECK(outcome.accepted());
        CHECK(session.empty());
        CHECK(session.total() == Money{0, Currency::EUR});
    }
}

TEST_CASE("double reads") {
    Fixture f;
    ReturnSession session(Currency::EUR);

    SUBCASE("the same code within the 2 s window is a duplicate; after it, a second container") {
        CHECK(f.scan(session, "9520000000011", 10'000).accepted());
        const ScanOutcome twice = f.scan(session, "9520000000011", 10'400);
        CHECK(twice.reason == ScanReason::duplicate_scan);
        CHECK(twice.message == "the same code was accepted 400 ms ago (a double read)");
        CHECK(f.scan(session, "9520000000011", 11'999).reason == ScanReason::duplicate_scan);
        CHECK(f.scan(session, "9520000000011", 12'000).accepted());
        CHECK(session.item_count() == 2);
    }

    SUBCASE("another code in between does not hide a double read") {
        CHECK(f.scan(session, "9520000000011", 0).accepted());
        CHECK(f.scan(session, "9520000000042", 300).accepted());
        CHECK(f.scan(session, "9520000000011", 600).reason == ScanReason::duplicate_scan);
    }

    SUBCASE("one product printed as EAN-13 and as GTIN-14 is the same code") {
        CHECK(f.scan(session, "9520000000011", 0).accepted());
        CHECK(f.scan(session, "09520000000011", 100).reason == ScanReason::duplicate_scan);
    }

    SUBCASE("a window of zero turns the check off") {
        f.limits.duplicate_window_ms = 0;
        CHECK(f.scan(session, "9520000000011", 0).accepted());
        CHECK(f.scan(session, "9520000000011", 0).accepted());
    }

    SUBCASE("a clock that went backwards is not taken for a double read") {
        CHECK(f.scan(session, "9520000000011", 50'000).accepted());
        CHECK(f.scan(session, "9520000000011", 49'000).accepted());
    }
}

TEST_CASE("the retailer's limits") {
    Fixture f;
    f.limits.duplicate_window_ms = 0;
    ReturnSession session(Currency::EUR);

    SUBCASE("session item limit") {
        f.limits.max_items = 3;
        for (int i = 0; i < 3; ++i) CHECK(f.scan(session, "9520000000011", i).accepted());
        const ScanOutcome fourth = f.scan(session, "9520000000011", 10);
        CHECK(fourth.reason == ScanReason::session_item_limit);
        CHECK(session.item_count() == 3);
    }

    SUBCASE("session value limit: reaching it exactly is allowed, passing it is not") {
        f.limits.max_value_minor = 50;
        CHECK(f.scan(session, "9520000000011", 0).accepted());
        CHECK(f.scan(session, "9520000000011", 1).accepted());
        CHECK(session.total() == Money{50, Currency::EUR});
        const ScanOutcome third = f.scan(session, "9520000000011", 2);
        CHECK(third.reason == ScanReason::session_value_limit);
        CHECK(third.total_after == Money{50, Currency::EUR});
        // a cheaper container still fits under a higher limit
        f.limits.max_value_minor = 58;
        CHECK(f.scan(session, "9520000000219", 3).accepted());
    }

    SUBCASE("daily value limit counts what other sessions took today") {
        f.limits.daily_value_minor = 100;
        f.today = DayTotals{3, 75};
        CHECK(f.scan(session, "9520000000011", 0).accepted());  // 75 + 25 = 100
        CHECK(f.scan(session, "9520000000011", 1).reason == ScanReason::daily_limit);
    }

    SUBCASE("daily item limit") {
        f.limits.daily_items = 10;
        f.today = DayTotals{9, 0};
        CHECK(f.scan(session, "9520000000011", 0).accepted());
        CHECK(f.scan(session, "9520000000042", 1).reason == ScanReason::daily_limit);
    }

    SUBCASE("limits come after validity: junk is still called junk at the limit") {
        f.limits.max_items = 1;
        CHECK(f.scan(session, "9520000000011", 0).accepted());
        CHECK(f.scan(session, "nonsense", 1).reason == ScanReason::unreadable);
        CHECK(f.scan(session, "4006381333931", 2).reason == ScanReason::not_registered);
    }

    SUBCASE("a thousand containers add up exactly") {
        for (int i = 0; i < 1000; ++i) REQUIRE(f.scan(session, "9520000000011", i).accepted());
        CHECK(session.total() == Money{25'000, Currency::EUR});
    }
}

TEST_CASE("adding items directly, as a ledger restore does") {
    ReturnSession session(Currency::EUR);
    ReturnedItem item;
    item.gtin14 = "09520000000011";
    item.refund = Money{25, Currency::EUR};

    SUBCASE("restored items rebuild the total") {
        CHECK(session.add(item).value() == Money{25, Currency::EUR});
        CHECK(session.add(item).value() == Money{50, Currency::EUR});
    }
    SUBCASE("a refund in another currency is refused and changes nothing") {
        item.refund = Money{25, Currency::USD};
        CHECK_FALSE(session.add(item).ok());
        CHECK(session.empty());
    }
    SUBCASE("a negative refund is refused") {
        item.refund = Money{-1, Currency::EUR};
        CHECK(session.add(item).error().path == "refund");
    }
    SUBCASE("a total that would overflow int64 is refused, not wrapped") {
        item.refund = Money{INT64_MAX, Currency::EUR};
        CHECK(session.add(item).ok());
        item.refund = Money{1, Currency::EUR};
        CHECK_FALSE(session.add(item).ok());
        CHECK(session.total().minor == INT64_MAX);
        CHECK(session.item_count() == 1);
    }
}

TEST_CASE("every scan reason has its own id") {
    for (int i = 0; i < kScanReasonCount; ++i) {
        for (int j = i + 1; j < kScanReasonCount; ++j) {
            CHECK(scan_reason_id(static_cast<ScanReason>(i)) != scan_reason_id(static_cast<ScanReason>(j)));
        }
    }
    CHECK(scan_reason_id(ScanReason::restricted_circulation) == "restricted_circulation");
    CHECK(scan_reason_id(ScanReason::session_value_limit) == "session_value_limit");
}
