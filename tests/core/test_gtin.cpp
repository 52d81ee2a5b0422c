// GTIN: check digits, every length, scanner noise and AIM identifiers, restricted-circulation prefixes.
#include <doctest/doctest.h>

#include "returnloop/gtin.hpp"

using namespace returnloop;

TEST_CASE("gtin") {
    SUBCASE("check digits of published GTINs") {
        CHECK(gtin_check_digit("400638133393") == 1);  // 4006381333931, GS1's own example
        CHECK(gtin_check_digit("9638507") == 4);       // 96385074, EAN-8
        CHECK(gtin_check_digit("03600029145") == 2);   // 036000291452, UPC-A
        CHECK(gtin_check_digit("1001234567890") == 2);  // GTIN-14 indicator 1
    }
    SUBCASE("all four lengths parse and share one key") {
        CHECK(parse_gtin("96385074").value().length == GtinLength::gtin8);
        CHECK(parse_gtin("036000291452").value().length == GtinLength::gtin12);
        CHECK(parse_gtin("4006381333931").value().length == GtinLength::gtin13);
        CHECK(parse_gtin("10012345678902").value().length == GtinLength::gtin14);
        CHECK(parse_gtin("036000291452").value() == parse_gtin("0036000291452").value());
        CHECK(parse_gtin("036000291452").value().as_gtin14() == "00036000291452");
        CHECK(parse_gtin("4006381333931").value().key() == 4006381333931ULL);
    }
    SUBCASE("bad codes say what is wrong") {
        CHECK(parse_gtin("4006381333932").error().message ==
              "\"4006381333932\" has check digit 2, but its digits need 1 (misread or mistyped code)");
        CHECK(parse_gtin("40063813339").error().message ==
              "\"40063813339\" is not a GTIN: it has 11 digits (a GTIN has 8, 12, 13 or 14)");
        CHECK(parse_gtin("40063813339X").error().message ==
              "\"40063813339X\" is not a GTIN: it contains characters other than digits");
        CHECK(parse_gtin("").error().message == "the code is empty");
        CHECK_FALSE(parse_gtin("\xff\xfe\x01").ok());
    }
    SUBCASE("scanner input is cleaned before parsing") {
        CHECK(normalise_scan(" 4006381333931\r\n") == "4006381333931");
        CHECK(normalise_scan("]E04006381333931") == "4006381333931");
        CHECK(normalise_scan("]E496385074") == "96385074");
        CHECK(normalise_scan("\x1b" "4006381333931\t") == "4006381333931");
        CHECK(normalise_scan("]C10104006381333931") == "04006381333931");
        CHECK(normalise_scan("]C1010400638133393117261231") == "04006381333931");  // GTIN then expiry AI (17)
        CHECK(normalise_scan("(01)04006381333931(17)261231") == "04006381333931");
        CHECK(parse_scan("]E0 4006381333931\n").value().key() == 4006381333931ULL);
        CHECK_FALSE(parse_scan(std::string(10000, '7')).ok());
        CHECK_FALSE(parse_scan("\n\r\t ").ok());
    }
    SUBCASE("restricted circulation numbers are recognised") {
        CHECK(is_restricted_circulation(parse_gtin("2012345678903").value()));  // prefix 20: in-store
        CHECK(is_restricted_circulation(parse_gtin("2912345678906").value()));  // prefix 29
        CHECK(is_restricted_circulation(parse_gtin("0212345678909").value()));  // prefix 02
        CHECK(is_restricted_circulation(parse_gtin("0412345678903").value()));  // prefix 04
        CHECK(is_restricted_circulation(parse_gtin("212345678909").value()));   // UPC number system 2
        CHECK(is_restricted_circulation(parse_gtin("20123451").value()));       // RCN-8 prefix 2
        CHECK_FALSE(is_restricted_circulation(parse_gtin("4006381333931").value()));
        CHECK_FALSE(is_restricted_circulation(parse_gtin("036000291452").value()));
        CHECK_FALSE(is_restricted_circulation(parse_gtin("96385074").value()));
    }
}
