// The shipped scheme presets (assets/schemes/*.json) checked against their sources: every file validates, and
// decide() gives the amounts the laws and operators publish, on both sides of each dated change.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "returnloop/scheme.hpp"

namespace {

using namespace returnloop;
namespace fs = std::filesystem;

fs::path schemes_dir() { return fs::path(RETURNLOOP_ASSETS_DIR) / "schemes"; }

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string describe(const std::vector<Error>& errors) {
    std::string text;
    for (const Error& error : errors) text += "\n  " + error.path + ": " + error.message;
    return text;
}

Scheme load(const std::string& id) {
    const fs::path path = schemes_dir() / (id + ".json");
    const std::string text = read_text(path);
    REQUIRE_MESSAGE(!text.empty(), "cannot read " << path.string());
    SchemeParse parsed = parse_scheme(text);
    REQUIRE_MESSAGE(parsed.errors.empty(), id << " does not validate:" << describe(parsed.errors));
    REQUIRE(parsed.scheme.has_value());
    return std::move(*parsed.scheme);
}

Date day(int year, int month, int day_of_month) { return date_from_ymd(year, month, day_of_month); }

Container single_use(Material material, std::uint32_t ml, Category category) {
    return Container{material, ml, category, false};
}

Container refillable(Material material, std::uint32_t ml, Category category) {
    return Container{material, ml, category, true};
}

// The deposit in minor units, or -1 when the container is not eligible (so a wrong reason fails the CHECK too).
std::int64_t deposit(const Scheme& scheme, const Container& container, Date date) {
    const Decision decision = decide(scheme, container, date);
    return decision.eligible ? decision.deposit.minor : -1;
}

Reason reason(const Scheme& scheme, const Container& container, Date date) {
    return decide(scheme, container, date).reason;
}

std::vector<fs::path> preset_files() {
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::directory_iterator(schemes_dir()))
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    return files;
}

}  // namespace

TEST_CASE("Every scheme preset validates with no errors and its id equals its file name") {
    const std::vector<fs::path> files = preset_files();
    REQUIRE(files.size() >= 51);
    for (const fs::path& path : files) {
        CAPTURE(path.filename().string());
        const SchemeParse parsed = parse_scheme(read_text(path));
        CHECK_MESSAGE(parsed.errors.empty(), path.filename().string() << ":" << describe(parsed.errors));
        if (!parsed.scheme) continue;
        CHECK(parsed.scheme->id == path.stem().string());
        CHECK_FALSE(parsed.scheme->name_zh.empty());
        CHECK_FALSE(parsed.scheme->summary.empty());
        CHECK_FALSE(parsed.scheme->summary_zh.empty());
    }
}

TEST_CASE("At least 50 presets are real jurisdictions and cn-pilot is the only hypothetical one") {
    int real = 0;
    for (const fs::path& path : preset_files()) {
        const SchemeParse parsed = parse_scheme(read_text(path));
        REQUIRE_MESSAGE(parsed.scheme.has_value(), path.filename().string() << ":" << describe(parsed.errors));
        if (parsed.scheme->hypothetical())
            CHECK(parsed.scheme->id == "cn-pilot");
        else
            ++real;
    }
    CHECK(real >= 50);

    const Scheme pilot = load("cn-pilot");
    CHECK(pilot.hypothetical());
    CHECK(pilot.currency == Currency::CNY);
    CHECK(pilot.country == "CN");
}

TEST_CASE("Every source a preset cites has a title and a year, and every return rate is a share") {
    for (const fs::path& path : preset_files()) {
        const SchemeParse parsed = parse_scheme(read_text(path));
        if (!parsed.scheme) continue;  // reported by the validation test
        CAPTURE(path.filename().string());
        for (const Source& source : parsed.scheme->sources) {
            CAPTURE(source.id);
            CHECK_FALSE(source.title.empty());
            CHECK_FALSE(source.title_zh.empty());
            CHECK(source.year >= 1970);
            CHECK(source.year <= 2030);
        }
        for (const ReturnRateObservation& rate : parsed.scheme->return_rates) {
            CAPTURE(rate.year);
            CHECK(rate.rate > 0.0);
            CHECK(rate.rate <= 1.0);
            CHECK(parsed.scheme->find_source(rate.source_id) != nullptr);
        }
    }
}

TEST_CASE("California pays 5 cents under 24 fl oz and 10 cents from 24 fl oz") {
    const Scheme ca = load("us-ca");
    const Date mid_2020 = day(2020, 6, 1);
    CHECK(deposit(ca, single_use(Material::aluminium, 355, Category::soft_drink), mid_2020) == 5);
    CHECK(deposit(ca, single_use(Material::glass, 709, Category::beer), mid_2020) == 5);
    CHECK(deposit(ca, single_use(Material::glass, 710, Category::beer), mid_2020) == 10);
    CHECK(deposit(ca, single_use(Material::pet, 2000, Category::soft_drink), mid_2020) == 10);
    // CRV was 4 and 8 cents from January 2004 until the rise on 1 January 2007.
    CHECK(deposit(ca, single_use(Material::pet, 500, Category::water), day(2006, 12, 31)) == 4);
    CHECK(deposit(ca, single_use(Material::pet, 500, Category::water), day(2007, 1, 1)) == 5);
    CHECK(deposit(ca, single_use(Material::pet, 1500, Category::water), day(2006, 12, 31)) == 8);
}

TEST_CASE("California charges CRV on wine and spirits only from 1 January 2024, 25 cents on boxes and pouches") {
    const Scheme ca = load("us-ca");
    const Container wine_bottle = single_use(Material::glass, 750, Category::wine);
    CHECK(reason(ca, wine_bottle, day(2023, 12, 31)) == Reason::category_not_covered);
    CHECK(deposit(ca, wine_bottle, day(2024, 1, 1)) == 10);
    CHECK(deposit(ca, single_use(Material::glass, 750, Category::spirits), day(2024, 1, 1)) == 10);
    CHECK(deposit(ca, single_use(Material::carton, 3000, Category::wine), day(2024, 1, 1)) == 25);
}

TEST_CASE("A dairy container in California is a category the CRV does not cover") {
    const Scheme ca = load("us-ca");
    const Decision milk = decide(ca, single_use(Material::hdpe, 1890, Category::dairy), day(2024, 6, 1));
    CHECK_FALSE(milk.eligible);
    CHECK(milk.reason == Reason::category_not_covered);
    CHECK(milk.deposit.minor == 0);
}

TEST_CASE("Maine pays 15 cents on wine and spirits over 50 mL and 5 cents on nips and other drinks") {
    const Scheme me = load("us-me");
    const Date mid_2024 = day(2024, 6, 1);
    CHECK(deposit(me, single_use(Material::glass, 750, Category::wine), mid_2024) == 15);
    CHECK(deposit(me, single_use(Material::glass, 51, Category::spirits), mid_2024) == 15);
    CHECK(deposit(me, single_use(Material::pet, 50, Category::spirits), mid_2024) == 5);
    CHECK(deposit(me, single_use(Material::aluminium, 355, Category::beer), mid_2024) == 5);
    CHECK(decide(me, single_use(Material::aluminium, 355, Category::beer), mid_2024).handling_fee.micros == 60'000);
}

TEST_CASE("Germany charges 25 cents on single-use containers and 8 or 15 cents on refillables") {
    const Scheme de = load("de");
    const Date mid_2024 = day(2024, 6, 1);
    CHECK(deposit(de, single_use(Material::pet, 500, Category::water), mid_2024) == 25);
    CHECK(deposit(de, single_use(Material::aluminium, 500, Category::beer), mid_2024) == 25);
    CHECK(deposit(de, refillable(Material::glass, 500, Category::beer), mid_2024) == 8);
    CHECK(deposit(de, refillable(Material::glass, 700, Category::water), mid_2024) == 15);
    CHECK(deposit(de, refillable(Material::pet, 1000, Category::soft_drink), mid_2024) == 15);
    // Outside 0.1-3 L the single-use deposit does not apply.
    CHECK(reason(de, single_use(Material::pet, 5000, Category::water), mid_2024) == Reason::volume_out_of_range);
}

TEST_CASE("Germany charged 50 cents over 1.5 L until the uniform 25 cents of May 2005") {
    const Scheme de = load("de");
    const Container big_bottle = single_use(Material::pet, 2000, Category::soft_drink);
    CHECK(deposit(de, big_bottle, day(2005, 5, 27)) == 50);
    CHECK(deposit(de, big_bottle, day(2005, 5, 28)) == 25);
    CHECK(reason(de, big_bottle, day(2002, 12, 31)) == Reason::not_in_force);
}

TEST_CASE("Germany put juice in plastic bottles under deposit on 1 January 2022 and milk on 1 January 2024") {
    const Scheme de = load("de");
    // Before 2022 only refillable juice bottles carried a deposit, so a single-use one is refused as single-use.
    const Container juice = single_use(Material::pet, 1000, Category::juice);
    CHECK(reason(de, juice, day(2021, 12, 31)) == Reason::single_use_not_covered);
    CHECK(deposit(de, juice, day(2022, 1, 1)) == 25);
    const Container milk = single_use(Material::pet, 500, Category::dairy);
    CHECK(reason(de, milk, day(2023, 12, 31)) == Reason::category_not_covered);
    CHECK(deposit(de, milk, day(2024, 1, 1)) == 25);
    // Juice in single-use glass stays exempt (only refillable glass juice bottles carry a deposit).
    CHECK(reason(de, single_use(Material::glass, 1000, Category::juice), day(2024, 1, 1)) ==
          Reason::single_use_not_covered);
    CHECK(reason(de, single_use(Material::glass, 750, Category::wine), day(2024, 1, 1)) ==
          Reason::category_not_covered);
}

TEST_CASE("The Netherlands charges 15 cents up to 1 L and 25 cents above, and on cans only from 1 April 2023") {
    const Scheme nl = load("nl");
    const Date mid_2024 = day(2024, 6, 1);
    CHECK(deposit(nl, single_use(Material::pet, 500, Category::water), mid_2024) == 15);
    CHECK(deposit(nl, single_use(Material::pet, 1000, Category::soft_drink), mid_2024) == 15);
    CHECK(deposit(nl, single_use(Material::pet, 1001, Category::soft_drink), mid_2024) == 25);
    CHECK(deposit(nl, single_use(Material::pet, 1500, Category::soft_drink), mid_2024) == 25);

    const Container can = single_use(Material::aluminium, 330, Category::soft_drink);
    CHECK(reason(nl, can, day(2023, 3, 31)) == Reason::material_not_covered);
    CHECK(deposit(nl, can, day(2023, 4, 1)) == 15);
    // Small bottles joined on 1 July 2021.
    CHECK(deposit(nl, single_use(Material::pet, 500, Category::water), day(2021, 7, 1)) == 15);
}

TEST_CASE("Denmark pays Pant A 1 krone, Pant B 1.50 kroner and Pant C 3 kroner with the RVM handling fees") {
    const Scheme dk = load("dk");
    const Date mid_2024 = day(2024, 6, 1);
    const Decision can = decide(dk, single_use(Material::aluminium, 330, Category::beer), mid_2024);
    CHECK(can.deposit.minor == 100);
    CHECK(can.deposit.currency == Currency::DKK);
    CHECK(can.handling_fee.micros == 14'000);
    CHECK(deposit(dk, single_use(Material::glass, 750, Category::soft_drink), mid_2024) == 100);
    const Decision small_bottle = decide(dk, single_use(Material::pet, 500, Category::water), mid_2024);
    CHECK(small_bottle.deposit.minor == 150);
    CHECK(small_bottle.handling_fee.micros == 18'000);
    const Decision large_bottle = decide(dk, single_use(Material::pet, 1500, Category::soft_drink), mid_2024);
    CHECK(large_bottle.deposit.minor == 300);
    CHECK(large_bottle.handling_fee.micros == 24'000);
    CHECK(deposit(dk, single_use(Material::glass, 1000, Category::soft_drink), mid_2024) == 300);
    CHECK(decide(dk, single_use(Material::glass, 330, Category::beer), mid_2024).handling_fee.micros == 71'000);
}

TEST_CASE("Saskatchewan pays 10, 20 or 40 cents on glass by size, with the non-refundable EHC on top") {
    const Scheme sk = load("ca-sk");
    const Date mid_2020 = day(2020, 6, 1);
    CHECK(deposit(sk, single_use(Material::glass, 300, Category::spirits), mid_2020) == 10);
    CHECK(deposit(sk, single_use(Material::glass, 301, Category::wine), mid_2020) == 20);
    CHECK(deposit(sk, single_use(Material::glass, 999, Category::wine), mid_2020) == 20);
    CHECK(deposit(sk, single_use(Material::glass, 1000, Category::spirits), mid_2020) == 40);
    const Decision bottle = decide(sk, single_use(Material::glass, 750, Category::wine), mid_2020);
    CHECK(bottle.non_refundable_fee.minor == 9);
    CHECK(bottle.refund.minor == 20);
    const Decision can = decide(sk, single_use(Material::aluminium, 355, Category::soft_drink), mid_2020);
    CHECK(can.deposit.minor == 10);
    CHECK(can.non_refundable_fee.minor == 7);
    CHECK(deposit(sk, single_use(Material::pet, 2000, Category::soft_drink), mid_2020) == 25);
    CHECK(deposit(sk, refillable(Material::glass, 341, Category::beer), mid_2020) == 5);
}

TEST_CASE("Norway pays 2 kroner up to 0.5 L and 3 kroner above since 2018, and 1 krone before") {
    const Scheme no = load("no");
    const Container half_litre = single_use(Material::aluminium, 500, Category::beer);
    const Container large = single_use(Material::pet, 1500, Category::soft_drink);
    CHECK(deposit(no, half_litre, day(2017, 12, 31)) == 100);
    CHECK(deposit(no, large, day(2017, 12, 31)) == 250);
    CHECK(deposit(no, half_litre, day(2018, 1, 1)) == 200);
    CHECK(deposit(no, single_use(Material::pet, 501, Category::water), day(2018, 1, 1)) == 300);
    CHECK(deposit(no, large, day(2018, 1, 1)) == 300);
}

TEST_CASE("Sweden doubled the deposit on cans and small PET bottles on 1 September 2025") {
    const Scheme se = load("se");
    const Container can = single_use(Material::aluminium, 330, Category::beer);
    const Container large = single_use(Material::pet, 1500, Category::soft_drink);
    CHECK(deposit(se, can, day(2025, 8, 31)) == 100);
    CHECK(deposit(se, can, day(2025, 9, 1)) == 200);
    CHECK(deposit(se, large, day(2025, 8, 31)) == 200);
    CHECK(deposit(se, large, day(2025, 9, 1)) == 300);
    CHECK(reason(se, single_use(Material::glass, 330, Category::beer), day(2025, 9, 1)) ==
          Reason::material_not_covered);
}

TEST_CASE("Oregon paid 5 cents on 31 March 2017 and 10 cents from 1 April 2017") {
    const Scheme oregon = load("us-or");
    const Container can = single_use(Material::aluminium, 355, Category::soft_drink);
    CHECK(deposit(oregon, can, day(2017, 3, 31)) == 5);
    CHECK(deposit(oregon, can, day(2017, 4, 1)) == 10);
    CHECK(reason(oregon, can, day(1972, 9, 30)) == Reason::not_in_force);
    CHECK(deposit(oregon, can, day(1972, 10, 1)) == 5);
}

TEST_CASE("Connecticut paid 5 cents on 31 December 2023 and 10 cents from 1 January 2024") {
    const Scheme ct = load("us-ct");
    const Container can = single_use(Material::aluminium, 355, Category::beer);
    CHECK(deposit(ct, can, day(2023, 12, 31)) == 5);
    CHECK(deposit(ct, can, day(2024, 1, 1)) == 10);
    CHECK(deposit(ct, single_use(Material::pet, 500, Category::juice), day(2024, 1, 1)) == 10);
    CHECK(reason(ct, single_use(Material::pet, 500, Category::juice), day(2022, 12, 31)) ==
          Reason::category_not_covered);
}

TEST_CASE("A refillable bottle where only single-use containers carry a deposit is refillable_not_covered") {
    const Scheme hu = load("hu");
    const Container returnable_beer = refillable(Material::glass, 500, Category::beer);
    CHECK(reason(hu, returnable_beer, day(2024, 6, 1)) == Reason::refillable_not_covered);
    CHECK(deposit(hu, single_use(Material::glass, 500, Category::beer), day(2024, 6, 1)) == 5000);

    const Scheme at = load("at");
    CHECK(reason(at, refillable(Material::pet, 1000, Category::water), day(2025, 6, 1)) ==
          Reason::refillable_not_covered);
}

TEST_CASE("Korea's deposit covers refillable glass only: 100 won on a soju bottle since 2017, 40 won before") {
    const Scheme kr = load("kr");
    const Container soju = refillable(Material::glass, 360, Category::spirits);
    CHECK(deposit(kr, soju, day(2016, 12, 31)) == 40);
    CHECK(deposit(kr, soju, day(2017, 1, 1)) == 100);
    CHECK(deposit(kr, refillable(Material::glass, 500, Category::beer), day(2017, 1, 1)) == 130);
    CHECK(reason(kr, single_use(Material::glass, 360, Category::spirits), day(2017, 1, 1)) ==
          Reason::single_use_not_covered);
    CHECK(reason(kr, single_use(Material::pet, 500, Category::water), day(2017, 1, 1)) ==
          Reason::material_not_covered);
}

TEST_CASE("Half-back provinces refund half the deposit and Hawaii adds a 1-cent fee that is never refunded") {
    const Scheme ns = load("ca-ns");
    const Decision juice = decide(ns, single_use(Material::carton, 1000, Category::juice), day(2020, 6, 1));
    CHECK(juice.deposit.minor == 10);
    CHECK(juice.refund.minor == 5);
    const Decision wine = decide(ns, single_use(Material::glass, 750, Category::wine), day(2020, 6, 1));
    CHECK(wine.deposit.minor == 20);
    CHECK(wine.refund.minor == 10);

    const Scheme nl = load("ca-nl");
    const Decision pop = decide(nl, single_use(Material::aluminium, 355, Category::soft_drink), day(2020, 6, 1));
    CHECK(pop.deposit.minor == 8);
    CHECK(pop.refund.minor == 5);

    const Scheme hi = load("us-hi");
    const Decision water = decide(hi, single_use(Material::pet, 500, Category::water), day(2020, 6, 1));
    CHECK(water.deposit.minor == 5);
    CHECK(water.refund.minor == 5);
    CHECK(water.non_refundable_fee.minor == 1);
    CHECK(water.handling_fee.micros == 35'000);
}

TEST_CASE("The hypothetical China pilot charges 0.30 yuan up to 1 L and 0.50 yuan above") {
    const Scheme pilot = load("cn-pilot");
    const Decision small = decide(pilot, single_use(Material::pet, 550, Category::water), day(2026, 6, 1));
    CHECK(small.deposit.minor == 30);
    CHECK(small.deposit.currency == Currency::CNY);
    CHECK(deposit(pilot, single_use(Material::pet, 1500, Category::soft_drink), day(2026, 6, 1)) == 50);
}

namespace {

// The deposit with its currency, so a right number in the wrong currency fails.
Money paid(const Scheme& scheme, const Container& container, Date date) {
    const Decision decision = decide(scheme, container, date);
    return decision.eligible ? decision.deposit : Money{-1, decision.deposit.currency};
}

}  // namespace

TEST_CASE("Estonia paid kroons from 1 May 2005 and euros from 1 January 2011 (regulation no 19 and its amendments)") {
    const Scheme ee = load("ee");
    const Container small_pet = single_use(Material::pet, 500, Category::water);
    const Container large_pet = single_use(Material::pet, 1500, Category::soft_drink);
    const Container can = single_use(Material::aluminium, 330, Category::beer);
    const Container returnable = refillable(Material::glass, 500, Category::beer);
    CHECK(reason(ee, small_pet, day(2005, 4, 30)) == Reason::not_in_force);
    CHECK(decide(ee, small_pet, day(2005, 4, 30)).deposit.currency == Currency::EEK);
    CHECK(paid(ee, small_pet, day(2005, 5, 1)) == Money{50, Currency::EEK});
    CHECK(paid(ee, large_pet, day(2005, 5, 1)) == Money{100, Currency::EEK});
    CHECK(paid(ee, returnable, day(2005, 5, 1)) == Money{100, Currency::EEK});
    // Metal rose from 0.50 to 1 kroon on 2 June 2010.
    CHECK(paid(ee, can, day(2010, 6, 1)) == Money{50, Currency::EEK});
    CHECK(paid(ee, can, day(2010, 6, 2)) == Money{100, Currency::EEK});
    // The euro changeover: 1 kroon became 6 cents and 0.50 kroon 3 cents.
    CHECK(paid(ee, can, day(2010, 12, 31)) == Money{100, Currency::EEK});
    CHECK(paid(ee, can, day(2011, 1, 1)) == Money{6, Currency::EUR});
    CHECK(paid(ee, small_pet, day(2010, 12, 31)) == Money{50, Currency::EEK});
    CHECK(paid(ee, small_pet, day(2011, 1, 1)) == Money{3, Currency::EUR});
    CHECK(paid(ee, returnable, day(2011, 1, 1)) == Money{6, Currency::EUR});
    // 1 July 2011: 3 to 4 cents and 6 to 8 cents.
    CHECK(paid(ee, small_pet, day(2011, 6, 30)) == Money{3, Currency::EUR});
    CHECK(paid(ee, small_pet, day(2011, 7, 1)) == Money{4, Currency::EUR});
    CHECK(paid(ee, large_pet, day(2011, 7, 1)) == Money{8, Currency::EUR});
    // 10 cents from the first documented date; the handling fee from 2024.
    CHECK(paid(ee, can, day(2017, 11, 30)) == Money{8, Currency::EUR});
    CHECK(paid(ee, can, day(2017, 12, 1)) == Money{10, Currency::EUR});
    CHECK(paid(ee, returnable, day(2017, 12, 1)) == Money{10, Currency::EUR});
    CHECK(decide(ee, can, day(2023, 12, 31)).handling_fee.micros == 0);
    CHECK(decide(ee, can, day(2024, 1, 1)).handling_fee.micros == 33'100);
    CHECK(reason(ee, single_use(Material::glass, 700, Category::spirits), day(2024, 1, 1)) ==
          Reason::category_not_covered);
}

TEST_CASE("Croatia paid 0.50 kuna from 2006, 7 euro cents from 2023 and 10 cents from 2025") {
    const Scheme hr = load("hr");
    const Container beer = single_use(Material::glass, 500, Category::beer);
    const Container small = single_use(Material::glass, 200, Category::juice);
    CHECK(reason(hr, beer, day(2005, 12, 31)) == Reason::not_in_force);
    CHECK(paid(hr, beer, day(2006, 1, 1)) == Money{50, Currency::HRK});
    // A 0.2 L bottle joined on 1 January 2021.
    CHECK(reason(hr, small, day(2020, 12, 31)) == Reason::volume_out_of_range);
    CHECK(paid(hr, small, day(2021, 1, 1)) == Money{50, Currency::HRK});
    CHECK(paid(hr, beer, day(2022, 12, 31)) == Money{50, Currency::HRK});
    CHECK(paid(hr, beer, day(2023, 1, 1)) == Money{7, Currency::EUR});
    CHECK(paid(hr, beer, day(2024, 12, 31)) == Money{7, Currency::EUR});
    CHECK(paid(hr, beer, day(2025, 1, 1)) == Money{10, Currency::EUR});
    CHECK(paid(hr, single_use(Material::glass, 750, Category::wine), day(2025, 1, 1)) == Money{10, Currency::EUR});
}

TEST_CASE("Lithuania's deposit began in euros on 1 February 2016, after the litas had gone") {
    const Scheme lt = load("lt");
    const Container can = single_use(Material::aluminium, 500, Category::beer);
    const Decision in_litas_days = decide(lt, can, day(2014, 12, 31));
    CHECK(in_litas_days.reason == Reason::not_in_force);
    CHECK(in_litas_days.deposit == Money{0, Currency::LTL});
    CHECK(decide(lt, can, day(2015, 1, 1)).deposit == Money{0, Currency::EUR});
    CHECK(reason(lt, can, day(2016, 1, 31)) == Reason::not_in_force);
    CHECK(paid(lt, can, day(2016, 2, 1)) == Money{10, Currency::EUR});
    CHECK(decide(lt, can, day(2018, 12, 31)).handling_fee.micros == 0);
    CHECK(decide(lt, can, day(2019, 1, 1)).handling_fee.micros == 14'400);
    CHECK(paid(lt, single_use(Material::pet, 2999, Category::water), day(2020, 1, 1)) == Money{10, Currency::EUR});
    CHECK(reason(lt, single_use(Material::pet, 3000, Category::water), day(2020, 1, 1)) == Reason::volume_out_of_range);
    CHECK(reason(lt, single_use(Material::pet, 99, Category::water), day(2020, 1, 1)) == Reason::volume_out_of_range);
}

TEST_CASE("The 2026 changes: Poland's reusable glass, Western Australia's wine and juice, Portugal's and Wales's schemes") {
    const Scheme pl = load("pl");
    const Container reusable_beer = refillable(Material::glass, 500, Category::beer);
    CHECK(reason(pl, reusable_beer, day(2025, 12, 31)) == Reason::material_not_covered);  // glass joins in 2026
    CHECK(paid(pl, reusable_beer, day(2026, 1, 1)) == Money{100, Currency::PLN});
    CHECK(paid(pl, single_use(Material::aluminium, 500, Category::beer), day(2025, 10, 1)) == Money{50, Currency::PLN});

    const Scheme wa = load("au-wa");
    const Container wine = single_use(Material::glass, 750, Category::wine);
    CHECK(reason(wa, wine, day(2026, 6, 30)) == Reason::category_not_covered);
    CHECK(paid(wa, wine, day(2026, 7, 1)) == Money{10, Currency::AUD});
    const Container big_juice = single_use(Material::carton, 2000, Category::juice);
    CHECK(reason(wa, big_juice, day(2026, 6, 30)) == Reason::volume_out_of_range);
    CHECK(paid(wa, big_juice, day(2026, 7, 1)) == Money{10, Currency::AUD});

    const Scheme pt = load("pt");
    const Container water = single_use(Material::pet, 1500, Category::water);
    CHECK(reason(pt, water, day(2026, 4, 9)) == Reason::not_in_force);
    CHECK(paid(pt, water, day(2026, 4, 10)) == Money{10, Currency::EUR});
    CHECK(reason(pt, single_use(Material::glass, 330, Category::beer), day(2026, 6, 1)) == Reason::material_not_covered);

    const Scheme wales = load("gb-wls");
    CHECK(paid(wales, single_use(Material::aluminium, 330, Category::soft_drink), day(2027, 10, 1)) == Money{20, Currency::GBP});
    CHECK(reason(wales, single_use(Material::glass, 330, Category::beer), day(2027, 10, 1)) == Reason::material_not_covered);
}

TEST_CASE("Refillable deposits: the schemes that have them say so on the dates they apply, and decide them") {
    const Container returnable_beer = refillable(Material::glass, 500, Category::beer);
    CHECK(has_refillable_deposit(load("de"), day(2024, 6, 1)));
    CHECK(paid(load("de"), returnable_beer, day(2024, 6, 1)) == Money{8, Currency::EUR});
    CHECK(has_refillable_deposit(load("kr"), day(2024, 6, 1)));
    CHECK(has_refillable_deposit(load("dk"), day(2024, 6, 1)));
    CHECK(paid(load("ee"), returnable_beer, day(2008, 6, 1)) == Money{100, Currency::EEK});
    CHECK(paid(load("ee"), returnable_beer, day(2024, 6, 1)) == Money{10, Currency::EUR});
    const Scheme pl = load("pl");
    CHECK_FALSE(has_refillable_deposit(pl, day(2025, 12, 31)));
    CHECK(has_refillable_deposit(pl, day(2026, 1, 1)));
    CHECK_FALSE(has_refillable_deposit(load("us-ca"), day(2024, 6, 1)));
    CHECK_FALSE(has_refillable_deposit(load("hu"), day(2024, 6, 1)));
}

TEST_CASE("Israel charged 25 agorot from 1 October 2001 and 30 from 9 February 2010; large bottles from December 2021") {
    const Scheme il = load("il");
    const Container bottle = single_use(Material::pet, 500, Category::soft_drink);
    CHECK(reason(il, bottle, day(2001, 9, 30)) == Reason::not_in_force);
    CHECK(paid(il, bottle, day(2001, 10, 1)) == Money{25, Currency::ILS});
    CHECK(paid(il, bottle, day(2010, 2, 8)) == Money{25, Currency::ILS});
    CHECK(paid(il, bottle, day(2010, 2, 9)) == Money{30, Currency::ILS});
    const Container family = single_use(Material::pet, 2000, Category::soft_drink);
    CHECK(reason(il, family, day(2021, 11, 30)) == Reason::volume_out_of_range);
    CHECK(paid(il, family, day(2021, 12, 1)) == Money{30, Currency::ILS});
}

TEST_CASE("Sweden: 50 öre on cans from 1984, 1 krona from 15 September 2010; PET from 1994 at 1 and 2 kronor") {
    const Scheme se = load("se");
    const Container can = single_use(Material::aluminium, 330, Category::beer);
    CHECK(reason(se, can, day(1983, 12, 31)) == Reason::not_in_force);
    CHECK(paid(se, can, day(1984, 1, 1)) == Money{50, Currency::SEK});
    CHECK(paid(se, can, day(2010, 9, 14)) == Money{50, Currency::SEK});
    CHECK(paid(se, can, day(2010, 9, 15)) == Money{100, Currency::SEK});
    const Container bottle = single_use(Material::pet, 1500, Category::soft_drink);
    CHECK(reason(se, bottle, day(1993, 12, 31)) == Reason::material_not_covered);
    CHECK(paid(se, bottle, day(1994, 1, 1)) == Money{200, Currency::SEK});
    CHECK(paid(se, single_use(Material::pet, 500, Category::water), day(2018, 12, 31)) == Money{100, Currency::SEK});
}

TEST_CASE("Iceland: 7 krónur in 1995, 12 from December 2008, 15 from March 2014, 16 from March 2015, 18 from July 2021, 20 from 2023") {
    const Scheme is = load("is");
    const Container can = single_use(Material::aluminium, 330, Category::beer);
    CHECK(reason(is, can, day(1995, 11, 30)) == Reason::not_in_force);
    CHECK(paid(is, can, day(1995, 12, 1)) == Money{7, Currency::ISK});
    CHECK(paid(is, can, day(2008, 11, 30)) == Money{10, Currency::ISK});
    CHECK(paid(is, can, day(2008, 12, 1)) == Money{12, Currency::ISK});
    CHECK(paid(is, can, day(2014, 2, 28)) == Money{14, Currency::ISK});
    CHECK(paid(is, can, day(2014, 3, 1)) == Money{15, Currency::ISK});
    CHECK(paid(is, can, day(2015, 3, 1)) == Money{15, Currency::ISK});
    CHECK(paid(is, can, day(2015, 3, 2)) == Money{16, Currency::ISK});
    CHECK(paid(is, can, day(2021, 6, 30)) == Money{16, Currency::ISK});
    CHECK(paid(is, can, day(2021, 7, 1)) == Money{18, Currency::ISK});
    CHECK(paid(is, can, day(2022, 12, 31)) == Money{18, Currency::ISK});
    CHECK(paid(is, single_use(Material::glass, 750, Category::wine), day(2023, 1, 1)) == Money{20, Currency::ISK});
    CHECK(paid(is, can, day(2026, 12, 6)) == Money{20, Currency::ISK});
}

TEST_CASE("Quebec: 5 cents on soft-drink cans and 20 on large beer from 1984, 10 cents from 1 November 2023") {
    const Scheme qc = load("ca-qc");
    const Container pop = single_use(Material::aluminium, 355, Category::soft_drink);
    CHECK(reason(qc, pop, day(1983, 12, 31)) == Reason::not_in_force);
    CHECK(paid(qc, pop, day(1984, 1, 1)) == Money{5, Currency::CAD});
    CHECK(paid(qc, pop, day(2023, 10, 31)) == Money{5, Currency::CAD});
    CHECK(paid(qc, pop, day(2023, 11, 1)) == Money{10, Currency::CAD});
    const Container tallboy = single_use(Material::aluminium, 473, Category::beer);
    CHECK(paid(qc, tallboy, day(2023, 10, 31)) == Money{20, Currency::CAD});
    CHECK(paid(qc, tallboy, day(2023, 11, 1)) == Money{10, Currency::CAD});
    CHECK(paid(qc, single_use(Material::glass, 341, Category::beer), day(2000, 6, 1)) == Money{10, Currency::CAD});
    CHECK(reason(qc, single_use(Material::pet, 500, Category::water), day(2000, 6, 1)) == Reason::category_not_covered);
}

TEST_CASE("Denmark: Pant A, B and C from April 2010, juice only from 1 July 2019") {
    const Scheme dk = load("dk");
    const Container can = single_use(Material::aluminium, 330, Category::beer);
    CHECK(reason(dk, can, day(2010, 3, 31)) == Reason::not_in_force);
    CHECK(paid(dk, can, day(2010, 4, 1)) == Money{100, Currency::DKK});
    CHECK(paid(dk, single_use(Material::pet, 500, Category::soft_drink), day(2015, 6, 1)) == Money{150, Currency::DKK});
    CHECK(paid(dk, single_use(Material::pet, 1500, Category::water), day(2015, 6, 1)) == Money{300, Currency::DKK});
    const Container juice = single_use(Material::pet, 500, Category::juice);
    CHECK(reason(dk, juice, day(2019, 6, 30)) == Reason::category_not_covered);
    CHECK(paid(dk, juice, day(2019, 7, 1)) == Money{150, Currency::DKK});
    CHECK(paid(dk, refillable(Material::glass, 700, Category::beer), day(2012, 6, 1)) == Money{300, Currency::DKK});
}

TEST_CASE("Alberta: 5 cents on small non-alcoholic containers until 31 October 2008, 10 cents from 1 November; milk from June 2009") {
    const Scheme ab = load("ca-ab");
    const Container pop = single_use(Material::aluminium, 355, Category::soft_drink);
    CHECK(reason(ab, pop, day(2001, 12, 31)) == Reason::not_in_force);
    CHECK(paid(ab, pop, day(2002, 1, 1)) == Money{5, Currency::CAD});
    CHECK(paid(ab, pop, day(2008, 10, 31)) == Money{5, Currency::CAD});
    CHECK(paid(ab, pop, day(2008, 11, 1)) == Money{10, Currency::CAD});
    CHECK(paid(ab, single_use(Material::aluminium, 355, Category::beer), day(2005, 6, 1)) == Money{10, Currency::CAD});
    const Container jug = single_use(Material::pet, 2000, Category::juice);
    CHECK(paid(ab, jug, day(2008, 10, 31)) == Money{20, Currency::CAD});
    CHECK(paid(ab, jug, day(2008, 11, 1)) == Money{25, Currency::CAD});
    const Container milk = single_use(Material::carton, 1000, Category::dairy);
    CHECK(reason(ab, milk, day(2009, 5, 31)) == Reason::category_not_covered);
    CHECK(paid(ab, milk, day(2009, 6, 1)) == Money{10, Currency::CAD});
}

TEST_CASE("Nova Scotia's half-back deposit from 1 April 1996: pay 10 cents, get 5 back") {
    const Scheme ns = load("ca-ns");
    const Container bottle = single_use(Material::pet, 500, Category::soft_drink);
    CHECK(reason(ns, bottle, day(1996, 3, 31)) == Reason::not_in_force);
    const Decision first_day = decide(ns, bottle, day(1996, 4, 1));
    CHECK(first_day.deposit == Money{10, Currency::CAD});
    CHECK(first_day.refund == Money{5, Currency::CAD});
    CHECK(paid(ns, single_use(Material::glass, 750, Category::wine), day(2010, 6, 1)) == Money{20, Currency::CAD});
}

TEST_CASE("Hungary: 50 forints throughout; the large-shop handling fee fell from 7.5 to 3.5 forints on 1 September 2025") {
    const Scheme hu = load("hu");
    const Container bottle = single_use(Material::pet, 500, Category::water);
    CHECK(decide(hu, bottle, day(2025, 8, 31)).handling_fee.micros == 7'500'000);
    CHECK(decide(hu, bottle, day(2025, 9, 1)).handling_fee.micros == 3'500'000);
    CHECK(paid(hu, bottle, day(2025, 9, 1)) == Money{5000, Currency::HUF});
}

TEST_CASE("New Brunswick: half-back from 1 June 1992, a full 10-cent refund from 1 April 2024") {
    const Scheme nb = load("ca-nb");
    const Container bottle = single_use(Material::pet, 500, Category::soft_drink);
    CHECK(reason(nb, bottle, day(1992, 5, 31)) == Reason::not_in_force);
    const Decision start = decide(nb, bottle, day(1992, 6, 1));
    CHECK(start.deposit == Money{10, Currency::CAD});
    CHECK(start.refund == Money{5, Currency::CAD});
    const Decision before = decide(nb, bottle, day(2024, 3, 31));
    CHECK(before.refund == Money{5, Currency::CAD});
    const Decision after = decide(nb, bottle, day(2024, 4, 1));
    CHECK(after.deposit == Money{10, Currency::CAD});
    CHECK(after.refund == Money{10, Currency::CAD});
    const Decision wine = decide(nb, single_use(Material::glass, 750, Category::wine), day(2024, 4, 1));
    CHECK(wine.deposit == Money{20, Currency::CAD});
    CHECK(wine.refund == Money{20, Currency::CAD});
}

TEST_CASE("Hawaii's handling fees rose on 1 October 2024: cans 3 to 3.4 cents, plastic 3.5 to 4.4, glass 7 to 9.7") {
    const Scheme hi = load("us-hi");
    const Container can = single_use(Material::aluminium, 355, Category::soft_drink);
    const Container glass = single_use(Material::glass, 355, Category::beer);
    CHECK(decide(hi, can, day(2024, 9, 30)).handling_fee.micros == 30'000);
    CHECK(decide(hi, can, day(2024, 10, 1)).handling_fee.micros == 34'000);
    CHECK(decide(hi, glass, day(2024, 9, 30)).handling_fee.micros == 70'000);
    CHECK(decide(hi, glass, day(2024, 10, 1)).handling_fee.micros == 97'000);
    CHECK(paid(hi, can, day(2024, 10, 1)) == Money{5, Currency::USD});
}

TEST_CASE("Prince Edward Island: half-back from 3 May 2008, a full 10-cent refund from 1 April 2026") {
    const Scheme pe = load("ca-pe");
    const Container can = single_use(Material::aluminium, 355, Category::soft_drink);
    CHECK(reason(pe, can, day(2008, 5, 2)) == Reason::not_in_force);
    CHECK(decide(pe, can, day(2008, 5, 3)).refund == Money{5, Currency::CAD});
    CHECK(decide(pe, can, day(2026, 3, 31)).refund == Money{5, Currency::CAD});
    const Decision after = decide(pe, can, day(2026, 4, 1));
    CHECK(after.deposit == Money{10, Currency::CAD});
    CHECK(after.refund == Money{10, Currency::CAD});
}

TEST_CASE("Northwest Territories: 10 and 25 cents from 1 November 2005, milk from 15 February 2010") {
    const Scheme nt = load("ca-nt");
    CHECK(reason(nt, single_use(Material::aluminium, 355, Category::beer), day(2005, 10, 31)) == Reason::not_in_force);
    CHECK(paid(nt, single_use(Material::aluminium, 355, Category::beer), day(2005, 11, 1)) == Money{10, Currency::CAD});
    CHECK(paid(nt, single_use(Material::pet, 2000, Category::soft_drink), day(2008, 6, 1)) == Money{25, Currency::CAD});
    const Container milk = single_use(Material::carton, 1000, Category::dairy);
    CHECK(reason(nt, milk, day(2010, 2, 14)) == Reason::category_not_covered);
    CHECK(paid(nt, milk, day(2010, 2, 15)) == Money{10, Currency::CAD});
}

TEST_CASE("Newfoundland and Labrador charges beer 8 cents like soft drinks, and wine and spirits 20") {
    const Scheme nl = load("ca-nl");
    const Decision beer = decide(nl, single_use(Material::aluminium, 355, Category::beer), day(2024, 6, 1));
    CHECK(beer.deposit == Money{8, Currency::CAD});
    CHECK(beer.refund == Money{5, Currency::CAD});
    const Decision wine = decide(nl, single_use(Material::glass, 750, Category::wine), day(2024, 6, 1));
    CHECK(wine.deposit == Money{20, Currency::CAD});
    CHECK(wine.refund == Money{10, Currency::CAD});
    CHECK(paid(nl, single_use(Material::glass, 50, Category::spirits), day(2024, 6, 1)) == Money{8, Currency::CAD});
}

TEST_CASE("December 2026 checks: coverage limits stated by the checked pages") {
    // South Australia: glass spirit bottles are exempt since the 10-cent rule; spirits in cans pay 10 cents.
    const Scheme sa = load("au-sa");
    CHECK(paid(sa, single_use(Material::glass, 700, Category::spirits), day(2008, 8, 31)) == Money{5, Currency::AUD});
    CHECK(reason(sa, single_use(Material::glass, 700, Category::spirits), day(2008, 9, 1)) ==
          Reason::category_not_covered);
    CHECK(paid(sa, single_use(Material::aluminium, 375, Category::spirits), day(2024, 6, 1)) == Money{10, Currency::AUD});
    CHECK(paid(sa, single_use(Material::glass, 330, Category::beer), day(2024, 6, 1)) == Money{10, Currency::AUD});

    // Ontario: containers of 100 mL or less carry no deposit; 101 mL does.
    const Scheme on = load("ca-on");
    CHECK(reason(on, single_use(Material::glass, 100, Category::spirits), day(2024, 6, 1)) == Reason::volume_out_of_range);
    CHECK(paid(on, single_use(Material::glass, 101, Category::spirits), day(2024, 6, 1)) == Money{10, Currency::CAD});
    CHECK(reason(on, single_use(Material::aluminium, 100, Category::beer), day(2024, 6, 1)) == Reason::volume_out_of_range);
    CHECK(paid(on, single_use(Material::aluminium, 355, Category::beer), day(2024, 6, 1)) == Money{10, Currency::CAD});

    // Newfoundland and Labrador: wine and spirits in cans pay 8 cents with 5 back; in glass 20 with 10 back.
    const Scheme nl = load("ca-nl");
    const Decision canned_wine = decide(nl, single_use(Material::aluminium, 250, Category::wine), day(2024, 6, 1));
    CHECK(canned_wine.deposit == Money{8, Currency::CAD});
    CHECK(canned_wine.refund == Money{5, Currency::CAD});
    CHECK(paid(nl, single_use(Material::glass, 750, Category::wine), day(2024, 6, 1)) == Money{20, Currency::CAD});

    // Latvia: bottles from 0.1 L to under 3 L, cans from 0.2 to 1 L.
    const Scheme lv = load("lv");
    CHECK(paid(lv, single_use(Material::pet, 2999, Category::water), day(2024, 6, 1)) == Money{10, Currency::EUR});
    CHECK(reason(lv, single_use(Material::pet, 3000, Category::water), day(2024, 6, 1)) == Reason::volume_out_of_range);
    CHECK(reason(lv, single_use(Material::pet, 99, Category::water), day(2024, 6, 1)) == Reason::volume_out_of_range);
    CHECK(paid(lv, single_use(Material::aluminium, 1000, Category::beer), day(2024, 6, 1)) == Money{10, Currency::EUR});
    CHECK(reason(lv, single_use(Material::aluminium, 1001, Category::beer), day(2024, 6, 1)) == Reason::volume_out_of_range);
    CHECK(reason(lv, single_use(Material::aluminium, 330, Category::beer), day(2022, 1, 31)) == Reason::not_in_force);
}

TEST_CASE("British Columbia answers from 2011 with the amounts of the older bottlebill table") {
    const Scheme bc = load("ca-bc");
    const Container pop = single_use(Material::aluminium, 355, Category::soft_drink);
    CHECK(reason(bc, pop, day(2010, 12, 31)) == Reason::not_in_force);
    CHECK(paid(bc, pop, day(2011, 1, 1)) == Money{5, Currency::CAD});
    CHECK(paid(bc, single_use(Material::glass, 750, Category::wine), day(2011, 1, 1)) == Money{10, Currency::CAD});
    CHECK(paid(bc, single_use(Material::pet, 2000, Category::soft_drink), day(2011, 1, 1)) == Money{20, Currency::CAD});
    CHECK(paid(bc, pop, day(2019, 10, 31)) == Money{5, Currency::CAD});
    CHECK(paid(bc, pop, day(2019, 11, 1)) == Money{10, Currency::CAD});
}
