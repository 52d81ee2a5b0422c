// The product register: the sample file's products, the CSV dialect (BOM, CRLF, quotes), every error with its
// line and column, junk and huge input that must give errors and never a crash.
#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "returnloop/catalog.hpp"

using namespace returnloop;

namespace {

const std::string kHeader = "gtin,name,brand,material,volume_ml,category,refillable,deposit_minor\n";

std::string read_asset(const std::string& relative) {
    std::ifstream in(std::string(RETURNLOOP_ASSETS_DIR) + "/" + relative, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

std::uint64_t key_of(std::string_view digits) { return parse_gtin(digits).value().key(); }

// The one error of a file expected to have exactly one, as "path: message".
std::string only_error(std::string_view csv) {
    const CatalogParse parse = parse_catalog(csv);
    CHECK_FALSE(parse.catalog.has_value());
    REQUIRE(parse.errors.size() == 1);
    return parse.errors[0].path + ": " + parse.errors[0].message;
}

std::string row_error(std::string_view row) { return only_error(kHeader + std::string(row) + "\n"); }

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        }
        i += n;
    }
    return true;
}

// xorshift64*: reproducible junk without depending on the standard library's generators.
struct Junk {
    std::uint64_t state;
    std::uint8_t next() {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return static_cast<std::uint8_t>((state * 0x2545F4914F6CDD1Dull) >> 56);
    }
};

}  // namespace

TEST_CASE("catalog") {
    SUBCASE("the sample register loads with every material and category") {
        const CatalogParse parse = parse_catalog(read_asset("catalog/sample.csv"));
        REQUIRE(parse.errors.empty());
        const Catalog& catalog = *parse.catalog;
        CHECK(catalog.size() == 46);
        std::set<Material> materials;
        std::set<Category> categories;
        bool refillable = false;
        bool override_seen = false;
        for (std::size_t i = 0; i < catalog.size(); ++i) {
            const ProductView p = catalog.at(i);
            materials.insert(p.container.material);
            categories.insert(p.container.category);
            refillable = refillable || p.container.refillable;
            override_seen = override_seen || p.deposit_override_minor.has_value();
            CHECK(p.brand == "ReturnLoop sample");
            CHECK(p.name.substr(0, 7) == "Sample ");
            // GS1 prefix 952 is reserved for examples (GS1 Style Guide 2.18): no real product is invented.
            CHECK((std::to_string(p.gtin_key).substr(0, 3) == "952"));
            CHECK(catalog.find(p.gtin_key).has_value());
        }
        CHECK(materials.size() == kMaterialCount);
        CHECK(categories.size() == kCategoryCount);
        CHECK(refillable);
        CHECK(override_seen);
    }

    SUBCASE("sample products read back exactly, quoted names included") {
        const CatalogParse parse = parse_catalog(read_asset("catalog/sample.csv"));
        REQUIRE(parse.catalog);
        const Catalog& catalog = *parse.catalog;

        const auto water = catalog.find(parse_gtin("9520000000028").value());
        REQUIRE(water);
        CHECK(water->name == "Sample sparkling water 500 mL");
        CHECK(water->container == Container{Material::pet, 500, Category::water, false});
        CHECK_FALSE(water->deposit_override_minor.has_value());

        const auto lemonade = catalog.find(key_of("9520000000110"));
        REQUIRE(lemonade);
        CHECK(lemonade->name == "Sample lemonade, cloudy 330 mL");

        const auto wine = catalog.find(key_of("9520000000295"));
        REQUIRE(wine);
        CHECK(wine->name == "Sample \"extra dry\" sparkling wine 200 mL");

        const auto cafe = catalog.find(key_of("9520000000417"));
        REQUIRE(cafe);
        CHECK(cafe->name == "Sample caf\xC3\xA9 au lait 250 mL steel can");
        CHECK(cafe->container.material == Material::steel);

        const auto lager = catalog.find(key_of("9520000000219"));
        REQUIRE(lager);
        CHECK(lager->container == Container{Material::glass, 330, Category::beer, true});
        CHECK(lager->deposit_override_minor == 8);  // German Mehrweg beer bottle, 8 ct

        const auto soda = catalog.find(key_of("95200019"));  // a GTIN-8
        REQUIRE(soda);
        CHECK(soda->container.volume_ml == 250);

        CHECK(catalog.at(0).gtin_key == 9520000000011ULL);
        CHECK(catalog.at(0).name == "Sample still water 500 mL");
        CHECK(catalog.at(45).name == "Sample cider 500 mL can");
        CHECK(catalog.at(46).gtin_key == 0);  // past the end: an empty product, no crash
        CHECK(catalog.at(46).name.empty());
        CHECK_FALSE(catalog.find(key_of("9520000099992")).has_value());
    }

    SUBCASE("GS1's published example codes; GTIN-12, -13 and -14 forms are one product") {
        const CatalogParse parse = parse_catalog(kHeader +
                                                 "4006381333931,Example,,glass,330,beer,true,\n"
                                                 "036000291452,Example UPC,,aluminium,355,soft_drink,false,\n"
                                                 "96385074,Example EAN-8,,pet,500,water,no,\n");
        REQUIRE(parse.catalog);
        CHECK(parse.catalog->find(key_of("04006381333931"))->name == "Example");
        CHECK(parse.catalog->find(key_of("0036000291452"))->name == "Example UPC");
        CHECK(parse.catalog->find(key_of("00036000291452"))->name == "Example UPC");
        CHECK(parse.catalog->find(key_of("96385074"))->container.refillable == false);
        CHECK(parse.catalog->find(key_of("4006381333931"))->brand.empty());
    }

    SUBCASE("columns are found by name in any order, and deposit_minor may be left out") {
        const CatalogParse parse = parse_catalog(
            "Refillable, Category ,VOLUME_ML,material,brand,name,gtin\n"
            "yes,beer,500,glass,B,Reordered,4006381333931\n");
        REQUIRE(parse.catalog);
        const ProductView p = parse.catalog->at(0);
        CHECK(p.name == "Reordered");
        CHECK(p.brand == "B");
        CHECK(p.container == Container{Material::glass, 500, Category::beer, true});
        CHECK_FALSE(p.deposit_override_minor.has_value());
    }

    SUBCASE("a UTF-8 byte order mark, CRLF line ends and blank lines are accepted") {
        const std::string csv = "\xEF\xBB\xBFgtin,name,brand,material,volume_ml,category,refillable,deposit_minor\r\n"
                                "\r\n"
                                "4006381333931,Crlf,Brand,pet,500,water,TRUE,25\r\n"
                                "\n"
                                "96385074,\"Quoted, last\",Brand,pet,330,water,False,\"0\"\r\n";
        const CatalogParse parse = parse_catalog(csv);
        REQUIRE(parse.catalog);
        CHECK(parse.catalog->size() == 2);
        CHECK(parse.catalog->at(0).name == "Crlf");
        CHECK(parse.catalog->at(0).deposit_override_minor == 25);
        CHECK(parse.catalog->at(0).container.refillable);
        CHECK(parse.catalog->at(1).name == "Quoted, last");
        CHECK(parse.catalog->at(1).deposit_override_minor == 0);
        CHECK(parse.catalog->at(1).brand == "Brand");  // interned: one copy, same text
        // Errors after a BOM and CRLF lines still count lines from 1.
        CHECK(only_error(csv + "9520000099992,,Brand,pet,500,water,no,\r\n") ==
              "line 6, column name: name is empty");
    }

    SUBCASE("quoted cells: doubled quotes, commas, quoted numbers, spaces around values") {
        const CatalogParse parse = parse_catalog(kHeader +
                                                 "\"4006381333931\",\"Say \"\"cheers\"\"\",\"A, B\",\"pet\",\"1\","
                                                 "\"water\",\"0\",\"\"\n"
                                                 " 96385074 , Spaced name ,  , glass , 100000 , wine , 1 , 7 \n");
        REQUIRE(parse.catalog);
        CHECK(parse.catalog->at(0).name == "Say \"cheers\"");
        CHECK(parse.catalog->at(0).brand == "A, B");
        CHECK(parse.catalog->at(0).container.volume_ml == 1);
        CHECK_FALSE(parse.catalog->at(0).deposit_override_minor.has_value());
        CHECK(parse.catalog->at(1).name == "Spaced name");
        CHECK(parse.catalog->at(1).brand.empty());
        CHECK(parse.catalog->at(1).container.volume_ml == 100000);
        CHECK(parse.catalog->at(1).deposit_override_minor == 7);
    }

    SUBCASE("a row may drop only a trailing empty deposit_minor cell") {
        const CatalogParse parse = parse_catalog(kHeader + "4006381333931,Short,B,pet,500,water,false");
        REQUIRE(parse.catalog);
        CHECK_FALSE(parse.catalog->at(0).deposit_override_minor.has_value());
        CHECK(only_error("gtin,name,brand,material,volume_ml,category,deposit_minor,refillable\n"
                         "4006381333931,Short,B,pet,500,water,5\n") ==
              "line 2: the row has 7 cells but the header has 8");
    }

    SUBCASE("an empty file and a header with no rows") {
        CHECK(only_error("") ==
              "line 1: the file is empty; the first line must be the header "
              "gtin,name,brand,material,volume_ml,category,refillable,deposit_minor");
        CHECK(only_error("\xEF\xBB\xBF\n\r\n").substr(0, 26) == "line 1: the file is empty;");
        const CatalogParse header_only = parse_catalog(kHeader);
        REQUIRE(header_only.catalog);
        CHECK(header_only.catalog->size() == 0);
        CHECK_FALSE(header_only.catalog->find(key_of("4006381333931")).has_value());
    }

    SUBCASE("header errors name the column") {
        CHECK(only_error("gtin,name,brand,material,volume_ml,category,refillable,deposit_minor,colour\n") ==
              "line 1, column 9: unknown column \"colour\", expected "
              "gtin,name,brand,material,volume_ml,category,refillable,deposit_minor");
        CHECK(only_error("gtin,name,brand,material,volume_ml,category,refillable,Name\n") ==
              "line 1, column 8: column name appears twice (also column 2)");
        CHECK(only_error("gtin,name,brand,material,category,refillable\n") ==
              "line 1: missing required column volume_ml, expected "
              "gtin,name,brand,material,volume_ml,category,refillable,deposit_minor");
        CHECK(only_error("gtin,name,,brand,material,volume_ml,category,refillable\n").substr(0, 57) ==
              "line 1, column 3: the header has an empty column name, ex");
        const CatalogParse many = parse_catalog("a,b,c\n");
        CHECK(many.errors.size() == 3 + 7);  // three unknown, seven required missing
    }

    SUBCASE("each cell error names its line and column") {
        CHECK(row_error("4006381333932,N,B,pet,500,water,false,") ==
              "line 2, column gtin: \"4006381333932\" has check digit 2, but its digits need 1 "
              "(misread or mistyped code)");
        CHECK(row_error("40063813339,N,B,pet,500,water,false,") ==
              "line 2, column gtin: \"40063813339\" is not a GTIN: it has 11 digits (a GTIN has 8, 12, 13 or 14)");
        CHECK(row_error("4006381333931X,N,B,pet,500,water,false,") ==
              "line 2, column gtin: \"4006381333931X\" is not a GTIN: it contains characters other than digits");
        CHECK(row_error(",N,B,pet,500,water,false,") == "line 2, column gtin: gtin is empty");
        CHECK(row_error("2000000000015,N,B,pet,500,water,false,") ==
              "line 2, column gtin: \"2000000000015\" is a GS1 restricted-circulation number "
              "(in-store or coupon code), never a product's GTIN");
        CHECK(row_error("0400000000015,N,B,pet,500,water,false,").find("restricted-circulation") !=
              std::string::npos);
        CHECK(row_error("4006381333931,,B,pet,500,water,false,") == "line 2, column name: name is empty");
        CHECK(row_error("4006381333931,   ,B,pet,500,water,false,") == "line 2, column name: name is empty");
        CHECK(row_error("4006381333931," + std::string(201, 'x') + ",B,pet,500,water,false,") ==
              "line 2, column name: name is 201 bytes long; at most 200 are allowed");
        CHECK(row_error("4006381333931,N\xC3(,B,pet,500,water,false,") ==
              "line 2, column name: name is not valid UTF-8 (at byte 2)");
        CHECK(row_error("4006381333931,\xED\xA0\x80,B,pet,500,water,false,") ==  // a UTF-16 surrogate
              "line 2, column name: name is not valid UTF-8 (at byte 1)");
        CHECK(row_error("4006381333931,\xC0\xAF,B,pet,500,water,false,") ==  // an overlong '/'
              "line 2, column name: name is not valid UTF-8 (at byte 1)");
        CHECK(row_error("4006381333931,\"Two\nlines\",B,pet,500,water,false,") ==
              "line 2, column name: name contains a control character (U+000A)");
        CHECK(row_error("4006381333931,N,B\xFF,pet,500,water,false,") ==
              "line 2, column brand: brand is not valid UTF-8 (at byte 2)");
        CHECK(row_error("4006381333931,N,B,PET,500,water,false,") ==
              "line 2, column material: material \"PET\" is not one of pet, hdpe, aluminium, steel, glass, "
              "carton, other");
        CHECK(row_error("4006381333931,N,B,pet,500,soda,false,") ==
              "line 2, column category: category \"soda\" is not one of water, soft_drink, juice, beer, wine, "
              "spirits, dairy, other");
        CHECK(row_error("4006381333931,N,B,pet,0,water,false,") ==
              "line 2, column volume_ml: volume_ml must be a whole number of millilitres from 1 to 100000, not \"0\"");
        CHECK(row_error("4006381333931,N,B,pet,100001,water,false,").find("not \"100001\"") != std::string::npos);
        CHECK(row_error("4006381333931,N,B,pet,-5,water,false,").find("not \"-5\"") != std::string::npos);
        CHECK(row_error("4006381333931,N,B,pet,0.5,water,false,").find("not \"0.5\"") != std::string::npos);
        CHECK(row_error("4006381333931,N,B,pet,,water,false,").find("not \"\"") != std::string::npos);
        CHECK(row_error("4006381333931,N,B,pet,500,water,maybe,") ==
              "line 2, column refillable: refillable must be true or false (also 1/0, yes/no), not \"maybe\"");
        CHECK(row_error("4006381333931,N,B,pet,500,water,,").find("column refillable") != std::string::npos);
        CHECK(row_error("4006381333931,N,B,pet,500,water,false,-1") ==
              "line 2, column deposit_minor: deposit_minor must not be negative, not \"-1\"");
        CHECK(row_error("4006381333931,N,B,pet,500,water,false,1000000001") ==
              "line 2, column deposit_minor: deposit_minor must be empty or a whole number of minor units "
              "(cents) from 0 to 1000000000, not \"1000000001\"");
        CHECK(row_error("4006381333931,N,B,pet,500,water,false,0.25").find("not \"0.25\"") != std::string::npos);
        CHECK(parse_catalog(kHeader + "4006381333931,N,B,pet,500,water,false,1000000000\n")
                  .catalog->at(0)
                  .deposit_override_minor == 1000000000);
        CHECK(parse_catalog(kHeader + "4006381333931," + std::string(200, 'x') + ",B,pet,500,water,false,\n")
                  .catalog->at(0)
                  .name.size() == 200);
    }

    SUBCASE("deposits from 0 to 10^9 read back exactly, however they are stored") {
        const std::uint32_t amounts[] = {0, 1, 65534, 65535, 65536, 70000, 999999999, 1000000000, 8};
        std::string csv = kHeader;
        for (int i = 0; i < 9; ++i) {
            std::string body = "95200000100" + std::to_string(i);
            body += static_cast<char>('0' + gtin_check_digit(body));
            csv += body + ",N" + std::to_string(i) + ",B,pet,500,water,false," + std::to_string(amounts[i]) + "\n";
        }
        const CatalogParse parse = parse_catalog(csv);
        REQUIRE(parse.catalog);
        for (std::size_t i = 0; i < 9; ++i) {
            CHECK(parse.catalog->at(i).deposit_override_minor == amounts[i]);
            CHECK(parse.catalog->find(parse.catalog->at(i).gtin_key)->deposit_override_minor == amounts[i]);
            CHECK(parse.catalog->at(i).name == "N" + std::to_string(i));
        }
    }

    SUBCASE("huge numbers are range errors, never overflow") {
        const std::string huge(400, '9');
        CHECK(row_error("4006381333931,N,B,pet," + huge + ",water,false,") ==
              "line 2, column volume_ml: volume_ml must be a whole number of millilitres from 1 to 100000, not \"" +
                  std::string(40, '9') + "\" (400 bytes, shortened)");
        CHECK(row_error("4006381333931,N,B,pet,18446744073709551617,water,false,").find("column volume_ml") !=
              std::string::npos);
        CHECK(row_error("4006381333931,N,B,pet,500,water,false,9223372036854775808").find("column deposit_minor") !=
              std::string::npos);
        CHECK(row_error(huge + ",N,B,pet,500,water,false,").find("it has 400 digits") != std::string::npos);
    }

    SUBCASE("a duplicate GTIN names both lines, whatever form it is written in") {
        CHECK(only_error(kHeader +
                         "4006381333931,First,B,pet,500,water,false,\n"
                         "96385074,Other,B,pet,500,water,false,\n"
                         "\n"
                         "04006381333931,Again,B,pet,500,water,false,\n") ==
              "line 5, column gtin: duplicate GTIN 04006381333931: already registered on line 2");
        // A quoted line break moves every later line number on.
        const CatalogParse two = parse_catalog(kHeader +
                                               "036000291452,\"Multi\nline\",B,pet,500,water,false,\n"
                                               "0036000291452,Again,B,pet,500,water,false,\n");
        REQUIRE(two.errors.size() == 2);
        CHECK(two.errors[0].path == "line 2, column name");
        CHECK(two.errors[1].path == "line 4, column gtin");
        CHECK(two.errors[1].message == "duplicate GTIN 00036000291452: already registered on line 2");
    }

    SUBCASE("a row with several bad cells reports each of them") {
        const CatalogParse parse = parse_catalog(kHeader + "123,,B,tin,0,soda,perhaps,-3\n");
        REQUIRE(parse.errors.size() == 7);
        CHECK(parse.errors[0].path == "line 2, column gtin");
        CHECK(parse.errors[1].path == "line 2, column name");
        CHECK(parse.errors[2].path == "line 2, column material");
        CHECK(parse.errors[3].path == "line 2, column volume_ml");
        CHECK(parse.errors[4].path == "line 2, column category");
        CHECK(parse.errors[5].path == "line 2, column refillable");
        CHECK(parse.errors[6].path == "line 2, column deposit_minor");
    }

    SUBCASE("CSV syntax errors name line and column") {
        CHECK(row_error("4006381333931,\"open,B,pet,500,water,false,") ==
              "line 2, column name: a quoted field is not closed before the end of the file");
        CHECK(row_error("4006381333931,\"Closed\"x,B,pet,500,water,false,") ==
              "line 2, column name: text after a closing quote; inside a quoted field a quote is written twice "
              "(\"\")");
        CHECK(row_error("4006381333931,12\" pizza,B,pet,500,water,false,") ==
              "line 2, column name: a quote inside an unquoted field; quote the whole field and write the quote "
              "twice (\"\")");
        CHECK(row_error("4006381333931,N,B,pet,500,water,false,,extra") ==
              "line 2: the row has 9 cells but the header has 8");
        CHECK(row_error("4006381333931,N,B,pet,500") == "line 2: the row has 5 cells but the header has 8");
        // After a syntax error reading resumes on the next line.
        const CatalogParse parse = parse_catalog(kHeader +
                                                 "4006381333931,\"bad\"x,B,pet,500,water,false,\n"
                                                 "96385074,N,B,pet,0,water,false,\n");
        REQUIRE(parse.errors.size() == 2);
        CHECK(parse.errors[1].path == "line 3, column volume_ml");
        CHECK(only_error("gtin,\"name\n").find("line 1, column 2: a quoted field is not closed") == 0);
    }

    SUBCASE("errors stop at max_errors and no catalog is returned") {
        std::string csv = kHeader;
        for (int i = 0; i < 30; ++i) csv += "4006381333931,N,B,pet,0,water,false,\n";
        const CatalogParse parse = parse_catalog(csv);
        CHECK_FALSE(parse.catalog.has_value());
        CHECK(parse.errors.size() == 20);
        CHECK(parse.errors[0].path == "line 2, column volume_ml");
        CHECK(parse.errors[1].path == "line 3, column gtin");  // the second row is also a duplicate
        CHECK(parse_catalog(csv, 5).errors.size() == 5);
        CHECK(parse_catalog(csv, 0).errors.size() == 1);
        CHECK(parse_catalog(csv, 1000).errors.size() == 30 + 29);
    }

    SUBCASE("a generated register: every product found, growth past the first estimate") {
        std::string csv = kHeader;
        const int count = 20000;
        for (int i = 0; i < count; ++i) {
            std::string body = "95210" + std::to_string(1000000 + i);  // 12 digits
            body += static_cast<char>('0' + gtin_check_digit(body));
            csv += body + ",Generated product " + std::to_string(i) + ",Brand " + std::to_string(i % 7) +
                   ",glass,330,beer,false," + std::to_string(i) + "\n";
        }
        const CatalogParse parse = parse_catalog(csv);
        REQUIRE(parse.catalog);
        const Catalog& catalog = *parse.catalog;
        CHECK(catalog.size() == count);
        int found = 0;
        for (int i = 0; i < count; ++i) {
            std::string body = "95210" + std::to_string(1000000 + i);
            body += static_cast<char>('0' + gtin_check_digit(body));
            const auto p = catalog.find(key_of(body));
            if (p && p->deposit_override_minor == i && p->name == "Generated product " + std::to_string(i) &&
                p->brand == "Brand " + std::to_string(i % 7)) {
                ++found;
            }
        }
        CHECK(found == count);
        CHECK_FALSE(catalog.find(key_of("4006381333931")).has_value());

        // Short rows (valid GTINs, errors elsewhere) outnumber the row estimate, so the index must grow;
        // the duplicate at the end is still found.
        std::string short_rows = kHeader;
        for (int i = 0; i < 3000; ++i) {
            std::string body = "9521" + std::to_string(1000000 + i);
            body += static_cast<char>('0' + gtin_check_digit(body));
            short_rows += body + ",,,,,,,\n";
        }
        short_rows += "95211000000" + std::string(1, static_cast<char>('0' + gtin_check_digit("95211000000"))) +
                      ",,,,,,,\n";
        const CatalogParse grown = parse_catalog(short_rows, 100000);
        CHECK(grown.errors.size() == 3001 * 5 + 1);  // five empty required cells a row, one duplicate
        CHECK(grown.errors[3000 * 5].path == "line 3002, column gtin");
        CHECK(grown.errors[3000 * 5].message.find("already registered on line 2") != std::string::npos);
    }

    SUBCASE("2 MB of random bytes give bounded errors, never a crash") {
        Junk junk{0x9E3779B97F4A7C15ull};
        std::string bytes(2 * 1024 * 1024, '\0');
        for (char& c : bytes) c = static_cast<char>(junk.next());
        for (const std::string& csv : {bytes, kHeader + bytes}) {
            const CatalogParse parse = parse_catalog(csv);
            CHECK_FALSE(parse.catalog.has_value());
            CHECK_FALSE(parse.errors.empty());
            CHECK(parse.errors.size() <= 20);
            for (const Error& e : parse.errors) {
                CHECK(e.message.size() < 400);
                CHECK(valid_utf8(e.message));
                CHECK(valid_utf8(e.path));
            }
        }
        // CSV-shaped junk reaches the quote, line and cell paths rather than stopping at the header.
        const char alphabet[] = "0123456789,,,\"\"\n\r ab\xC3\xA9\xFF";
        std::string shaped = kHeader;
        for (int i = 0; i < 2 * 1024 * 1024; ++i) shaped += alphabet[junk.next() % (sizeof alphabet - 1)];
        const CatalogParse parse = parse_catalog(shaped, 1000);
        CHECK_FALSE(parse.catalog.has_value());
        CHECK(parse.errors.size() == 1000);
        for (const Error& e : parse.errors) CHECK(e.path.substr(0, 5) == "line ");
    }

    SUBCASE("a moved-from catalog answers like an empty one") {
        CatalogParse parse = parse_catalog(kHeader + "4006381333931,N,B,pet,500,water,false,\n");
        REQUIRE(parse.catalog);
        Catalog moved = std::move(*parse.catalog);
        CHECK(moved.size() == 1);
        CHECK(parse.catalog->size() == 0);
        CHECK_FALSE(parse.catalog->find(key_of("4006381333931")).has_value());
        CHECK(parse.catalog->at(0).name.empty());
        Catalog empty;
        CHECK(empty.size() == 0);
        empty = std::move(moved);
        CHECK(empty.find(key_of("4006381333931"))->name == "N");
    }
}
