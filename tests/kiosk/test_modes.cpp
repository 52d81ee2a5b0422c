// Modes and machine health in the back end: counter mode (a quantity per scan, limits on by default, the staff PIN
// above a set value), bins from the settings (routing by material, warn and full levels, a full bin stopping only
// its materials, out of service when none can take anything, emptying recorded with its receipt and remembered
// across a restart), and the printer out (no voucher that exists only on screen; the idle payout becomes digital).
#include <doctest/doctest.h>

#include "kiosk_fixtures.hpp"

using namespace kiosk_test;

namespace {

const char* const kCan = "9520000000042";    // aluminium, 0.25 EUR
const char* const kBottle = "9520000000011";  // PET, 0.25 EUR

ConfigOptions counter_options(int pin_above_minor) {
    ConfigOptions o;
    o.extra = "  \"mode\": \"counter\",\n  \"counter\": {\"pinAboveMinor\": " + std::to_string(pin_above_minor) + "},\n";
    return o;
}

ConfigOptions bin_options(const std::string& extra = {}) {
    ConfigOptions o;
    o.extra = "  \"bins\": [{\"id\": \"cans\", \"materials\": [\"aluminium\", \"steel\"], \"capacity\": 2, \"warnPercent\": 50},\n"
              "           {\"id\": \"bottles\", \"materials\": [\"glass\", \"hdpe\"], \"capacity\": 100}],\n" +
              extra;
    return o;
}

Presented container(const std::string& item, const std::string& gtin) { return Presented{item, gtin, std::nullopt, ""}; }

std::vector<std::string> settings_errors(const std::string& extra) {
    ConfigOptions o;
    o.extra = extra;
    SettingsParse parsed = parse_settings(config_json(o), ".", disk_reader(), SettingsPolicy{true});
    std::vector<std::string> paths;
    for (const Error& e : parsed.errors) paths.push_back(e.path);
    return paths;
}

}  // namespace

TEST_SUITE("modes") {
TEST_CASE("settings: mode, counter, bins and printer.whenOut are validated with the field named") {
    CHECK(settings_from(config_json()).mode == MachineMode::rvm);  // the default: a machine with a controller
    const KioskSettings counter = settings_from(config_json(counter_options(1500)));
    CHECK(counter.mode == MachineMode::counter);
    CHECK(counter.counter_pin_above_minor == 1500);
    CHECK(counter.limits.daily_items == 2000);  // no dailyItems in the file: on by default at a counter
    CHECK(settings_errors("  \"mode\": \"kiosk\",\n") == std::vector<std::string>{"mode"});
    CHECK(settings_errors("  \"bins\": [{\"id\": \"a\", \"materials\": [\"pet\"], \"capacity\": 5},"
                          " {\"id\": \"b\", \"materials\": [\"pet\"], \"capacity\": 5}],\n") ==
          std::vector<std::string>{"bins[1].materials[0]"});
    CHECK(settings_errors("  \"bins\": [{\"id\": \"a\", \"materials\": [\"paper\"], \"capacity\": 0}],\n") ==
          std::vector<std::string>{"bins[0].capacity", "bins[0].materials[0]"});
    CHECK(settings_errors("  \"printer\": {\"target\": \"none\", \"whenOut\": \"pray\"},\n") == std::vector<std::string>{"printer.whenOut"});
    ConfigOptions no_charity;
    no_charity.donation = false;
    no_charity.extra = "  \"printer\": {\"target\": \"none\", \"whenOut\": \"donation\"},\n";
    SettingsParse parsed = parse_settings(config_json(no_charity), ".", disk_reader(), SettingsPolicy{true});
    REQUIRE(parsed.errors.size() == 1);
    CHECK(parsed.errors[0].path == "printer.whenOut");
}

TEST_CASE("counter mode: a quantity is one scan of identical containers, all or none, and a large session needs the PIN") {
    Machine m(counter_options(100));
    const KioskTime t = day(2026, 3, 14);
    const ScanReport six = m.backend->scan(kCan, t, 6);
    REQUIRE(six.accepted());
    CHECK(six.quantity == 6);
    CHECK(six.total.minor == 150);
    CHECK(m.backend->session().item_count() == 6);
    CHECK(sql_value(m.ledger_path, "SELECT count(*) FROM items") == "6");  // one durable item per container
    // The same code again a moment later without a quantity is a double read; with one it is counted on purpose.
    CHECK(m.backend->scan(kCan, later(t, 500)).verdict == ScanVerdict::duplicate_scan);
    CHECK(m.backend->scan(kCan, later(t, 600), 2).accepted());
    // More than the session may hold: none of them is taken.
    const ScanReport too_many = m.backend->scan(kBottle, later(t, 700), 299);
    CHECK(too_many.verdict == ScanVerdict::session_item_limit);
    CHECK(m.backend->session().item_count() == 8);
    CHECK(m.backend->scan(kBottle, later(t, 800), 0).verdict == ScanVerdict::bad_quantity);
    // 2.00 EUR is above pinAboveMinor (1.00 EUR): staff must confirm with their PIN.
    CHECK(m.backend->finish(PayoutKind::voucher, later(t, 900)).error().path == "pin_required");
    CHECK(m.backend->finish(PayoutKind::voucher, later(t, 950), "111111").error().path == "pin");
    Result<Delivery> paid = m.backend->finish(PayoutKind::voucher, later(t, 1000), kTestPin);
    REQUIRE(paid.ok());
    CHECK(paid->payout.amount.minor == 200);
    CHECK(paid->payout.item_count == 8);
}

TEST_CASE("rvm mode: a quantity is refused (each container goes through the intake)") {
    Machine m;
    CHECK(m.backend->scan(kCan, day(2026, 3, 14), 6).verdict == ScanVerdict::bad_quantity);
    CHECK(m.backend->session().empty());
}

TEST_CASE("bins from the settings: routing by material, warn and full, a full bin stops only its materials") {
    Machine m(bin_options());
    KioskTime t = day(2026, 3, 14);
    const IntakeDecision first = m.backend->present(container("c-1", kCan), t);
    REQUIRE(first.accept);
    CHECK(first.bin == "cans");
    REQUIRE(m.backend->bin("cans").has_value());
    CHECK(m.backend->bin("cans")->count == 1);
    CHECK(m.backend->bin("cans")->warn);  // 50 % of 2
    CHECK_FALSE(m.backend->bin("cans")->full);
    REQUIRE(m.backend->binned("c-1", later(t, 100)).ok());
    REQUIRE(m.backend->present(container("c-2", kCan), later(t, 200)).accept);  // on its way: it takes room already
    CHECK(m.backend->bin("cans")->full);
    const IntakeDecision third = m.backend->present(container("c-3", kCan), later(t, 300));
    CHECK_FALSE(third.accept);
    CHECK(third.reason == "bin_full");
    // PET has no bin here: refused as such, not as a full bin.
    CHECK(m.backend->present(container("p-1", kBottle), later(t, 400)).reason == "no_bin");
    // A container handed back frees its place.
    REQUIRE(m.backend->returned("c-2", later(t, 500)).ok());
    CHECK_FALSE(m.backend->bin("cans")->full);
    REQUIRE(m.backend->present(container("c-4", kCan), later(t, 600)).accept);
    REQUIRE(m.backend->binned("c-4", later(t, 700)).ok());
    CHECK(m.backend->service_stops().empty());  // the bottles bin still takes glass and HDPE
    // The controller's own sensor says the bottles bin is full too: nothing can be taken.
    m.backend->set_bin_sensor_full("bottles", true);
    CHECK(m.backend->service_stops() == ServiceStops{"bins_full"});
    CHECK(m.backend->present(container("c-5", kCan), later(t, 800)).reason == "out_of_service");
    m.backend->set_bin_sensor_full("bottles", false);

    // Counts are the ledger's: a restart counts them again.
    m.crash_and_restart();
    CHECK(m.backend->bin("cans")->count == 2);
    CHECK(m.backend->bin("cans")->full);
}

TEST_CASE("emptying a bin needs the PIN, is recorded with its count, writes an emptying receipt and survives a restart") {
    Machine m(bin_options());
    const KioskTime t = day(2026, 3, 14);
    for (const char* item : {"c-1", "c-2"}) {
        REQUIRE(m.backend->present(container(item, kCan), t).accept);
        REQUIRE(m.backend->binned(item, later(t, 10)).ok());
    }
    CHECK(m.backend->empty_bin("cans", "111111", later(t, 20)).error().path == "pin");
    CHECK(m.backend->empty_bin("paper", kTestPin, later(t, 20)).error().path == "bin");
    Result<BinEmptied> emptied = m.backend->empty_bin("cans", kTestPin, later(t, 30));
    REQUIRE(emptied.ok());
    CHECK(emptied->count == 2);
    CHECK_FALSE(emptied->render_error.has_value());
    CHECK(fs::exists(emptied->png_path));
    CHECK(m.backend->bin("cans")->count == 0);
    const std::string detail = sql_value(m.ledger_path, "SELECT detail FROM events WHERE kind = 'bin_emptied'");
    CHECK(detail.find("\"count\":2") != std::string::npos);
    m.crash_and_restart();
    CHECK(m.backend->bin("cans")->count == 0);  // what the emptying took away stays away
    REQUIRE(m.backend->present(container("c-3", kCan), later(t, 40)).accept);
    CHECK(m.backend->bin("cans")->count == 1);
}

TEST_CASE("printer out: no printed voucher, the credit kept and paid another way; the idle payout is digital") {
    Machine m;
    KioskTime t = day(2026, 3, 14);
    REQUIRE(m.backend->present(container("c-1", kCan), t).accept);
    REQUIRE(m.backend->binned("c-1", later(t, 10)).ok());
    m.backend->set_printer_out(true);
    CHECK(m.backend->payout_options() == std::vector<PayoutKind>{PayoutKind::digital, PayoutKind::donation});
    Result<Delivery> refused = m.backend->finish(PayoutKind::voucher, later(t, 20));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().path == "printer_out");
    CHECK(m.backend->session().total().minor == 25);  // the credit is kept
    CHECK(m.backend->service_stops().empty());        // whenOut "digital" (the default): containers still taken
    Result<std::optional<Delivery>> idle = m.backend->finish_if_idle(later(t, 61'000));
    REQUIRE(idle.ok());
    REQUIRE(idle->has_value());
    CHECK((*idle)->payout.kind == PayoutKind::digital);
    CHECK((*idle)->payout.amount.minor == 25);
}

TEST_CASE("printer out with whenOut out_of_service: the machine takes no containers it could not pay for") {
    Machine m(bin_options("  \"printer\": {\"target\": \"none\", \"whenOut\": \"out_of_service\"},\n"));
    m.backend->set_printer_out(true);
    CHECK(m.backend->service_stops() == ServiceStops{"printer_out"});
    CHECK(m.backend->present(container("c-1", kCan), day(2026, 3, 14)).reason == "out_of_service");
    m.backend->set_printer_out(false);
    CHECK(m.backend->present(container("c-2", kCan), day(2026, 3, 14)).accept);
}

TEST_CASE("a staff reprint is in the voucher's own language unless staff choose another; the choice is recorded") {
    Machine m;
    const KioskTime t = day(2026, 3, 14);
    REQUIRE(m.backend->set_receipt_language("zh-CN").ok());
    REQUIRE(m.backend->present(container("c-1", kCan), t).accept);
    REQUIRE(m.backend->binned("c-1", later(t, 10)).ok());
    Result<Delivery> paid = m.backend->finish(PayoutKind::voucher, later(t, 20));
    REQUIRE(paid.ok());
    REQUIRE(m.backend->set_receipt_language("de").ok());  // the next shopper, or the staff screen, speaks German
    Result<Delivery> again = m.backend->reprint(paid->payout.id, later(t, 30), "staff");
    REQUIRE(again.ok());
    Result<Delivery> english = m.backend->reprint(paid->payout.id, later(t, 40), "staff", "en");
    REQUIRE(english.ok());
    CHECK(m.backend->receipt_language() == "de");  // a reprint leaves the kiosk's language as it was
    const std::vector<LedgerEvent> reprints = m.backend->ledger().events("receipt_reprinted").value();
    REQUIRE(reprints.size() == 2);
    CHECK(reprints[0].detail.find("\"language\":\"zh-CN\"") != std::string::npos);
    CHECK(reprints[1].detail.find("\"language\":\"en\"") != std::string::npos);
    CHECK_FALSE(m.backend->reprint(paid->payout.id, later(t, 50), "staff", "xx").ok());
}
}
