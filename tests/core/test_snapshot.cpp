// Snapshots: every preset, the factors, the conversion and the model read back from their snapshot give the same
// decisions, predictions and household figures as the JSON files, bit for bit; damaged bytes (every truncation,
// every single-byte change, lying counts, enums out of range) are refused with an error and never read out of bounds.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "impact_fixtures.hpp"
#include "returnloop/projection.hpp"
#include "returnloop/snapshot.hpp"

using namespace returnloop;
using namespace returnloop::test;

namespace {

StartData start_data() { return StartData{factors(), conversions(), model()}; }

std::vector<Container> probes() {
    std::vector<Container> out;
    for (int m = 0; m < kMaterialCount; ++m)
        for (int c = 0; c < kCategoryCount; ++c)
            for (std::uint32_t ml : {100u, 330u, 500u, 709u, 710u, 1000u, 1500u, 2000u, 3000u, 5001u})
                for (bool refillable : {false, true})
                    out.push_back(Container{static_cast<Material>(m), ml, static_cast<Category>(c), refillable});
    return out;
}

std::uint64_t bits(double d) {
    std::uint64_t b;
    std::memcpy(&b, &d, sizeof b);
    return b;
}

}  // namespace

TEST_CASE("every preset reads back from its snapshot deciding every container as its JSON file does") {
    const std::vector<Container> containers = probes();
    const std::vector<Date> dates = {date_from_ymd(1980, 1, 1), date_from_ymd(2010, 6, 1), date_from_ymd(2024, 6, 1),
                                     date_from_ymd(2027, 12, 1)};
    for (const Scheme& original : all_schemes()) {
        CAPTURE(original.id);
        const std::string bytes = snapshot_scheme(original);
        CHECK(snapshot_kind(bytes) == 's');
        auto copy = read_scheme_snapshot(bytes);
        REQUIRE(copy.ok());
        CHECK(snapshot_scheme(copy.value()) == bytes);
        const Scheme& s = copy.value();
        CHECK(s.id == original.id);
        CHECK(s.name_zh == original.name_zh);
        CHECK(s.notes == original.notes);
        CHECK(s.started == original.started);
        REQUIRE(s.rules.size() == original.rules.size());
        REQUIRE(s.return_rates.size() == original.return_rates.size());
        for (std::size_t i = 0; i < s.return_rates.size(); ++i) CHECK(bits(s.return_rates[i].rate) == bits(original.return_rates[i].rate));
        REQUIRE(s.sources.size() == original.sources.size());
        for (std::size_t i = 0; i < s.sources.size(); ++i) CHECK(s.sources[i].url == original.sources[i].url);
        for (Date d : dates) {
            for (const Container& c : containers) {
                const Decision a = decide(original, c, d);
                const Decision b = decide(s, c, d);
                CHECK(a.eligible == b.eligible);
                CHECK(a.reason == b.reason);
                CHECK(a.deposit == b.deposit);
                CHECK(a.refund == b.refund);
                CHECK(a.non_refundable_fee == b.non_refundable_fee);
                CHECK(a.handling_fee == b.handling_fee);
                CHECK(a.rule_index == b.rule_index);
            }
        }
    }
}

TEST_CASE("the start data reads back from its snapshot predicting and projecting as the JSON files do") {
    const StartData original = start_data();
    const std::string bytes = snapshot_start_data(original);
    CHECK(snapshot_kind(bytes) == 'd');
    auto copy = read_start_data_snapshot(bytes);
    REQUIRE(copy.ok());
    CHECK(snapshot_start_data(copy.value()) == bytes);
    const StartData& d = copy.value();
    CHECK(d.factors.sources.size() == original.factors.sources.size());
    CHECK(d.conversions.cpi == original.conversions.cpi);
    CHECK(d.model.basket.size() == original.model.basket.size());
    CHECK(d.model.generated_by == original.model.generated_by);
    const Date day = date_from_ymd(2024, 6, 1);
    for (const Scheme& s : all_schemes()) {
        CAPTURE(s.id);
        auto a = predict_return_rate(original.model, original.conversions, s, day);
        auto b = predict_return_rate(d.model, d.conversions, s, day);
        REQUIRE(a.ok() == b.ok());
        if (a.ok()) {
            CHECK(bits(a->rate) == bits(b->rate));
            CHECK(bits(a->low) == bits(b->low));
            CHECK(bits(a->high) == bits(b->high));
            CHECK(bits(a->features.real_refund_usd) == bits(b->features.real_refund_usd));
        }
        HouseholdParams params;
        params.date = day;
        params.return_rate = fixed_rate(0.7);
        params.draws = 200;
        for (const Container& c : {Container{Material::aluminium, 355, Category::soft_drink, false},
                                   Container{Material::pet, 1500, Category::water, false},
                                   Container{Material::glass, 750, Category::wine, false},
                                   Container{Material::carton, 1000, Category::juice, false}})
            params.lines.push_back(HouseholdLine{c, 5, Period::week, std::nullopt});
        auto ha = household(s, original.factors, params);
        auto hb = household(s, d.factors, params);
        REQUIRE(ha.ok() == hb.ok());
        if (ha.ok()) {
            CHECK(ha->deposits_paid == hb->deposits_paid);
            CHECK(ha->unreturned_at_rate == hb->unreturned_at_rate);
            CHECK(bits(ha->impact_at_rate.kg_co2e_avoided) == bits(hb->impact_at_rate.kg_co2e_avoided));
            CHECK(bits(ha->impact_at_rate.mj_saved) == bits(hb->impact_at_rate.mj_saved));
            CHECK(bits(ha->kg_co2e_band.p90) == bits(hb->kg_co2e_band.p90));
            CHECK(ha->carbon_value_at_rate.value == hb->carbon_value_at_rate.value);
            CHECK(ha->impact_at_rate.equivalents.size() == hb->impact_at_rate.equivalents.size());
        }
    }
}

TEST_CASE("a figures-only start snapshot leaves out the descriptive texts and computes the same figures") {
    const StartData original = start_data();
    const std::string complete = snapshot_start_data(original);
    const std::string figures = snapshot_start_data(original, SnapshotDetail::figures);
    CHECK(figures.size() < complete.size());
    auto copy = read_start_data_snapshot(figures);
    REQUIRE(copy.ok());
    const StartData& d = copy.value();
    CHECK(d.conversions.method.empty());
    CHECK(d.model.generated_by.empty());
    REQUIRE_FALSE(d.factors.emission_sets.empty());
    CHECK(d.factors.emission_sets[0].description.empty());
    CHECK(d.factors.emission_sets[0].name == original.factors.emission_sets[0].name);
    CHECK(d.factors.sources.size() == original.factors.sources.size());
    CHECK(d.factors.equivalents.size() == original.factors.equivalents.size());
    const Scheme de = scheme("de");
    HouseholdParams params;
    params.date = date_from_ymd(2024, 6, 1);
    params.return_rate = fixed_rate(0.9);
    params.lines.push_back(HouseholdLine{Container{Material::pet, 500, Category::water, false}, 7, Period::week, std::nullopt});
    auto a = household(de, original.factors, params);
    auto b = household(de, d.factors, params);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(bits(a->impact_at_rate.kg_co2e_avoided) == bits(b->impact_at_rate.kg_co2e_avoided));
    CHECK(a->impact_at_rate.factor_set_name == b->impact_at_rate.factor_set_name);
    CHECK(a->impact_at_rate.notes == b->impact_at_rate.notes);
    auto pa = predict_return_rate(original.model, original.conversions, de, params.date);
    auto pb = predict_return_rate(d.model, d.conversions, de, params.date);
    REQUIRE(pa.ok());
    REQUIRE(pb.ok());
    CHECK(bits(pa->rate) == bits(pb->rate));
}

TEST_CASE("damaged snapshots are refused, never read out of bounds") {
    const std::string scheme_bytes = snapshot_scheme(scheme("us-ca"));
    const std::string start_bytes = snapshot_start_data(start_data());

    SUBCASE("every truncation of a scheme and of the start data is an error at \"snapshot\"") {
        for (std::size_t n = 0; n < scheme_bytes.size(); ++n) {
            auto r = read_scheme_snapshot(std::string_view(scheme_bytes).substr(0, n));
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().path == "snapshot");
        }
        for (std::size_t n = 0; n < start_bytes.size(); n += 7) CHECK_FALSE(read_start_data_snapshot(std::string_view(start_bytes).substr(0, n)).ok());
    }
    SUBCASE("trailing bytes, a wrong magic, or the other kind of snapshot are refused") {
        CHECK_FALSE(read_scheme_snapshot(scheme_bytes + '\0').ok());
        CHECK(read_scheme_snapshot("RLx1" + scheme_bytes.substr(4)).error().message == "not a scheme snapshot");
        CHECK_FALSE(read_scheme_snapshot(start_bytes).ok());
        CHECK_FALSE(read_start_data_snapshot(scheme_bytes).ok());
        CHECK(snapshot_kind("{\"id\":\"de\"}") == 0);
    }
    SUBCASE("every single-byte change either reads or is refused, without undefined behaviour") {
        int refused = 0;
        for (std::size_t i = 4; i < scheme_bytes.size(); ++i) {
            for (unsigned char value : {0x00u, 0x7Fu, 0x80u, 0xFFu}) {
                std::string damaged = scheme_bytes;
                damaged[i] = static_cast<char>(value);
                auto r = read_scheme_snapshot(damaged);
                if (!r.ok()) ++refused;
            }
        }
        CHECK(refused > 0);
    }
    SUBCASE("a count larger than the bytes left allocates nothing and is refused") {
        // magic, then an id whose length claims 2^62 bytes
        std::string lying = "RLs1";
        for (int i = 0; i < 8; ++i) lying += static_cast<char>(0xFF);
        lying += static_cast<char>(0x3F);
        CHECK_FALSE(read_scheme_snapshot(lying).ok());
    }
    SUBCASE("an enum out of range (a currency past the last) is refused") {
        Scheme s = scheme("de");
        std::string bytes = snapshot_scheme(s);
        // The currency byte follows id, name, nameZh and country (each a one-byte length and its text).
        std::size_t at = 4;
        for (int field = 0; field < 4; ++field) at += 1 + static_cast<unsigned char>(bytes[at]);
        REQUIRE(static_cast<unsigned char>(bytes[at]) == static_cast<unsigned char>(Currency::EUR));
        bytes[at] = static_cast<char>(kCurrencyCount);
        CHECK_FALSE(read_scheme_snapshot(bytes).ok());
    }
}

TEST_CASE("A scheme's figures snapshot leaves out its notes, its rules' notes and its Chinese texts, and decides the same") {
    const Scheme ee = test::scheme("ee");
    REQUIRE_FALSE(ee.notes.empty());
    const std::string complete = snapshot_scheme(ee);
    const std::string figures = snapshot_scheme(ee, SnapshotDetail::figures);
    CHECK(figures.size() < complete.size());
    auto read = read_scheme_snapshot(figures);
    REQUIRE(read.ok());
    CHECK(read->notes.empty());
    for (const Rule& rule : read->rules) CHECK(rule.note.empty());
    CHECK(read->summary_zh.empty());
    CHECK(read->summary == ee.summary);
    REQUIRE(read->sources.size() == ee.sources.size());
    CHECK(read->sources[0].title_zh.empty());
    CHECK(read->sources[0].title == ee.sources[0].title);
    CHECK(read->sources[0].quality == ee.sources[0].quality);
    CHECK(read->currency_periods.size() == 2);
    const Container can{Material::aluminium, 330, Category::beer, false};
    for (const Date date : {date_from_ymd(2008, 1, 1), date_from_ymd(2011, 3, 1), date_from_ymd(2025, 1, 1)}) {
        const Decision from_json = decide(ee, can, date);
        const Decision from_snapshot = decide(*read, can, date);
        CHECK(from_snapshot.deposit == from_json.deposit);
        CHECK(from_snapshot.handling_fee == from_json.handling_fee);
    }
}
