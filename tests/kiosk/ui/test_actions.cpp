// What the kiosk does with scans, taps, keys and time: sessions, payouts, timeouts, admin changes.
#include <imgui_internal.h>

#include <filesystem>

#include "ui_fixtures.hpp"

#include "ui/admin_actions.hpp"
#include "ui/audio.hpp"
#include "ui/format.hpp"
#include "common/files.hpp"
#include "backend/redeem.hpp"

using namespace ui_test;

namespace {

std::size_t count_events(const Kiosk& k, const std::string& kind) {
    std::size_t n = 0;
    for (const std::string& e : k.state.events) n += e.find("\"event\":\"" + kind + "\"") != std::string::npos;
    return n;
}

}  // namespace

TEST_SUITE("ui_actions") {
    TEST_CASE("a scan on Attract starts a session; its line names the product and its refund") {
        Kiosk k;
        k.frame();
        handle_scan(k.state, "9520000000011", "test");
        CHECK(k.state.screen == Screen::returning);
        REQUIRE(k.state.shopper.lines.size() == 1);
        CHECK(k.state.shopper.lines[0].accepted);
        CHECK(k.state.shopper.lines[0].name == "Sample still water 500 mL");
        CHECK(k.state.shopper.lines[0].amount == Money{25, Currency::EUR});  // German single-use deposit: 0.25 EUR
        CHECK(k.state.cues == std::vector<Cue>{Cue::accept});
        CHECK(count_events(k, "accepted") == 1);
        CHECK(k.state.shopper.impact.co2e_known);
        CHECK(k.state.shopper.impact.kg_co2e > 0);
    }

    TEST_CASE("a refusal says why in words and sounds different") {
        Kiosk k;
        handle_scan(k.state, "9520000000158", "test");  // a juice carton: Germany's deposit does not cover cartons
        REQUIRE(k.state.shopper.lines.size() == 1);
        CHECK_FALSE(k.state.shopper.lines[0].accepted);
        CHECK(k.state.shopper.lines[0].reason_key == "reason.no_deposit.material_not_covered");
        CHECK(k.state.shopper.lines[0].name == "Sample orange juice 1 L carton");
        CHECK(k.state.cues == std::vector<Cue>{Cue::reject});
        handle_scan(k.state, "hello", "test");
        CHECK(k.state.shopper.lines.back().reason_key == "reason.unreadable");
        CHECK(k.state.shopper.lines.back().name == "hello");
        handle_scan(k.state, "9520000999995", "test");
        CHECK(k.state.shopper.lines.back().reason_key == "reason.not_registered");
    }

    TEST_CASE("a scanned line that starts with ':' is a refused scan, never an action") {
        Kiosk k;
        handle_scan(k.state, "9520000000011", "test");
        handle_scan(k.state, ":finish voucher", "scanner");
        handle_scan(k.state, ":cancel", "scanner");
        CHECK(k.state.screen == Screen::returning);
        CHECK(count_events(k, "voucher") == 0);
        CHECK(count_events(k, "cancelled") == 0);
        REQUIRE(k.state.shopper.lines.size() == 3);
        CHECK(k.state.shopper.lines.back().reason_key == "reason.unreadable");
        CHECK(k.state.backend().session().item_count() == 1);
    }

    TEST_CASE("a scan arriving on Finish continues the session; on Voucher it starts the next one") {
        Kiosk k;
        handle_scan(k.state, "9520000000011", "test");
        go_to(k.state, Screen::finish);
        k.frame();
        handle_scan(k.state, "9520000000028", "test");
        CHECK(k.state.screen == Screen::returning);
        CHECK(k.backend().session().item_count() == 2);
        finish_session(k.state, PayoutKind::voucher);
        REQUIRE(k.state.screen == Screen::voucher);
        set_language(k.state, Language::de);
        handle_scan(k.state, "9520000000035", "test");
        CHECK(k.state.screen == Screen::returning);
        CHECK(k.backend().session().item_count() == 1);
        CHECK(k.state.shopper.lines.size() == 1);
        CHECK(k.state.shopper.language == Language::de);  // the person at the machine keeps their language
        CHECK_FALSE(k.state.shopper.voucher.has_value());
        CHECK(k.textures_live == 0);  // the old voucher's texture went with it
    }

    TEST_CASE("a scan during service is refused and nothing is taken") {
        Kiosk k;
        admin_open(k.state);
        const std::uint64_t scans = k.backend().stats().scans;
        handle_scan(k.state, "9520000000011", "scanner");
        CHECK(k.state.screen == Screen::admin);
        CHECK(k.backend().stats().scans == scans);
        CHECK(k.state.notice.has_value());
        CHECK(k.state.cues == std::vector<Cue>{Cue::reject});
    }

    TEST_CASE("on the PIN screen a scanner's burst is not a PIN, and a person's typing is") {
        Kiosk k;
        admin_open(k.state);
        handle_typed(k.state, TypedCode{"9520000000011", true});
        CHECK_FALSE(k.state.admin.unlocked);
        CHECK(k.state.admin.message.empty());  // no wrong-PIN count for a scan
        handle_typed(k.state, TypedCode{kTestPin, false});
        CHECK(k.state.admin.unlocked);
        CHECK(k.state.admin.pin == kTestPin);
    }

    TEST_CASE("a voucher's receipt is shown, and its PNG decodes with zbarimg to the issued codes") {
        Kiosk k;
        handle_scan(k.state, "9520000000011", "test");
        handle_scan(k.state, "9520000000042", "test");
        finish_session(k.state, PayoutKind::voucher);
        REQUIRE(k.state.shopper.voucher.has_value());
        const VoucherView& view = *k.state.shopper.voucher;
        CHECK(view.image);
        CHECK(k.textures_live == 1);
        CHECK(view.delivery.payout.amount == Money{50, Currency::EUR});
        const std::vector<std::string> decoded = zbar_decode(view.delivery.png_path);
        CHECK(std::find(decoded.begin(), decoded.end(), view.delivery.payout.codes.code128) != decoded.end());
        CHECK(std::find(decoded.begin(), decoded.end(), view.delivery.payout.codes.ean13) != decoded.end());
        CHECK(k.state.totals.all_time.containers == 2);
        CHECK(k.state.totals.refunded_all == Money{50, Currency::EUR});
        k.frames(2);
        k.tap(k.tr("voucher.done"));
        CHECK(k.state.screen == Screen::attract);
        CHECK(k.textures_live == 0);
    }

    TEST_CASE("an idle session is paid out as a voucher and the kiosk returns to Attract") {
        Kiosk k;
        handle_scan(k.state, "9520000000011", "test");
        k.frame();
        k.advance(59'000);
        k.frame();
        CHECK(k.state.screen == Screen::returning);
        CHECK(idle_seconds_left(k.state) == 1);
        k.advance(1'000);
        k.frame();
        CHECK(k.state.screen == Screen::attract);
        CHECK(k.backend().session().empty());
        CHECK(k.state.notice.has_value());
        Result<std::vector<LedgerSession>> sessions = k.backend().ledger().sessions_between(k.clock.date, k.clock.date);
        REQUIRE(sessions.ok());
        REQUIRE(sessions->size() == 1);
        CHECK_FALSE(sessions->front().open);
        CHECK(k.state.totals.all_time.containers == 1);
    }

    TEST_CASE("a touch keeps an idle session open") {
        Kiosk k;
        handle_scan(k.state, "9520000000011", "test");
        k.advance(50'000);
        k.frame();
        keep_alive(k.state);
        k.advance(30'000);
        k.frame();
        CHECK(k.state.screen == Screen::returning);
        CHECK_FALSE(k.backend().session().empty());
    }

    TEST_CASE("the loop sleeps a minute on Attract and wakes each second of the countdown") {
        Kiosk k;
        k.frame();
        CHECK(next_wake_ms(k.state) - k.clock.unix_ms == 60'000);
        handle_scan(k.state, "9520000000011", "test");
        k.frame();
        CHECK(next_wake_ms(k.state) - k.clock.unix_ms == 45'000);  // when the "still there?" warning starts
        k.advance(50'000);
        k.frame();
        CHECK(next_wake_ms(k.state) - k.clock.unix_ms <= 1'000);
    }

    TEST_CASE("tapping through a whole return: keypad code, finish, digital voucher, done") {
        Kiosk k;
        k.tap(k.tr("attract.enter_code"));
        REQUIRE(k.state.shopper.keypad_open);
        for (char c : std::string("9520000000011")) k.tap(std::string(1, c));
        k.tap(k.tr("keypad.ok"));
        CHECK_FALSE(k.state.shopper.keypad_open);
        REQUIRE(k.state.screen == Screen::returning);
        CHECK(k.backend().session().item_count() == 1);
        k.tap(k.tr("returning.finish"));
        REQUIRE(k.state.screen == Screen::finish);
        k.tap(k.tr("finish.digital"));
        REQUIRE(k.state.screen == Screen::voucher);
        CHECK(k.state.shopper.voucher->delivery.payout.kind == PayoutKind::digital);
        const std::vector<std::string> decoded = zbar_decode(k.state.shopper.voucher->delivery.png_path);
        CHECK(decoded == std::vector<std::string>{k.state.shopper.voucher->delivery.payout.codes.qr});
        k.tap(k.tr("voucher.done"));
        CHECK(k.state.screen == Screen::attract);
    }

    TEST_CASE("languages and display modes switch on every screen from the top bar") {
        Kiosk k;
        k.tap("中文");
        CHECK(k.state.shopper.language == Language::zh_CN);
        handle_scan(k.state, "9520000000011", "test");
        k.tap("Deutsch");
        CHECK(k.state.shopper.language == Language::de);
        k.tap(k.tr("a11y.high_contrast"));
        CHECK(k.state.shopper.prefs.high_contrast);
        k.tap(k.tr("a11y.large_text"));
        CHECK(k.state.shopper.prefs.large_text);
        CHECK(k.state.metrics.body > 32);
        go_to(k.state, Screen::finish);
        k.tap("Español");
        CHECK(k.state.shopper.language == Language::es);
        finish_session(k.state, PayoutKind::donation);
        k.tap("English");
        CHECK(k.state.shopper.language == Language::en);
        // The next shopper starts in the defaults again.
        back_to_attract(k.state);
        CHECK(k.state.shopper.language == Language::en);
        CHECK_FALSE(k.state.shopper.prefs.high_contrast);
        CHECK_FALSE(k.state.shopper.prefs.large_text);
    }

    TEST_CASE("every button on the main screens can be reached and pressed with the keyboard alone") {
        Kiosk k({}, true);
        handle_scan(k.state, "9520000000011", "test");
        const int arrows[4] = {ImGuiKey_UpArrow, ImGuiKey_DownArrow, ImGuiKey_LeftArrow, ImGuiKey_RightArrow};
        for (Screen screen : {Screen::attract, Screen::returning, Screen::finish}) {
            go_to(k.state, screen);
            k.frames(2);
            k.press_key(ImGuiKey_DownArrow);  // the first arrow key puts the focus on the screen's first item
            REQUIRE(GImGui->NavId != 0);
            // Breadth-first over "from this item, this arrow key leads there": the arrow-key graph of the screen.
            std::set<ImGuiID> reached{GImGui->NavId};
            std::vector<ImGuiID> queue{GImGui->NavId};
            while (!queue.empty()) {
                const ImGuiID from = queue.back();
                queue.pop_back();
                for (int arrow : arrows) {
                    const AuditItem* item = nullptr;
                    for (const AuditItem& a : k.state.audit.items) {
                        if (a.id == from) item = &a;
                    }
                    REQUIRE(item != nullptr);
                    ImGuiWindow* window = GImGui->NavWindow;
                    REQUIRE(window != nullptr);
                    ImGui::SetNavID(from, ImGuiNavLayer_Main, 0,
                                    ImRect(ImVec2(item->min.x - window->Pos.x, item->min.y - window->Pos.y),
                                           ImVec2(item->max.x - window->Pos.x, item->max.y - window->Pos.y)));
                    k.press_key(arrow);
                    REQUIRE(k.state.screen == screen);  // moving never presses anything
                    if (reached.insert(GImGui->NavId).second) queue.push_back(GImGui->NavId);
                }
            }
            for (const AuditItem& item : k.state.audit.items) {
                CHECK_MESSAGE(reached.count(item.id), item.label << " on " << screen_id(screen) << " cannot be reached with the arrow keys");
            }
        }
        // Space (and Enter, which the window turns into Space) presses the focused button.
        go_to(k.state, Screen::returning);
        k.frames(2);
        const AuditItem* finish = k.item(k.tr("returning.finish"));
        REQUIRE(finish != nullptr);
        ImGuiWindow* window = ImGui::FindWindowByName("returning");
        ImGui::SetNavID(finish->id, ImGuiNavLayer_Main, 0,
                        ImRect(ImVec2(finish->min.x - window->Pos.x, finish->min.y - window->Pos.y), ImVec2(finish->max.x - window->Pos.x, finish->max.y - window->Pos.y)));
        GImGui->NavDisableHighlight = false;
        k.press_key(ImGuiKey_Space);
        k.frame();
        CHECK(k.state.screen == Screen::finish);
    }

    TEST_CASE("a crash mid-session: the restarted kiosk shows the restored items on Returning") {
        ConfigOptions options;
        Machine machine(options);
        REQUIRE(machine.backend->scan("9520000000011", day(2025, 3, 14)).accepted());
        machine.crash_and_restart();
        AppState state;
        state.services.backend = machine.backend.get();
        state.services.strings = &strings();
        state.services.now = [] { return day(2025, 3, 14, 10, 1); };
        start(state);
        CHECK(state.screen == Screen::returning);
        REQUIRE(state.shopper.lines.size() == 1);
        CHECK(state.shopper.lines[0].name == "Sample still water 500 mL");
        CHECK(state.notice.has_value());
    }

    TEST_CASE("a crash mid-session brings back the shopper's language and text size with the session") {
        ConfigOptions options;
        Machine machine(options);
        auto wire = [&machine](AppState& state) {
            state.services.backend = machine.backend.get();
            state.services.strings = &strings();
            state.services.now = [] { return day(2025, 3, 14, 10, 0); };
            start(state);
        };
        {
            AppState before;
            wire(before);
            set_language(before, Language::zh_CN);  // chosen on Attract, before the session opens
            handle_scan(before, "9520000000011", "scanner");
            set_display(before, DisplayPrefs{false, true});  // large text mid-session
            handle_scan(before, "9520000000042", "scanner");
        }
        machine.crash_and_restart();
        AppState after;
        wire(after);
        CHECK(after.screen == Screen::returning);
        CHECK(after.shopper.language == Language::zh_CN);
        CHECK(after.shopper.prefs.large_text);
        CHECK_FALSE(after.shopper.prefs.high_contrast);

        // The next shopper starts with the kiosk's defaults again.
        back_to_attract(after);
        CHECK(after.shopper.language == after.default_language);
        CHECK_FALSE(after.shopper.prefs.large_text);
    }

    TEST_CASE("admin rates: a bad amount is shown on its row and nothing changes; a good one is saved and paid") {
        Kiosk k;
        admin_open(k.state);
        k.state.admin.pin_entry = kTestPin;
        admin_submit_pin(k.state);
        REQUIRE(k.state.admin.unlocked);
        const std::string before = read_text(k.machine.config_path);
        const std::vector<Rule>& rules = k.backend().settings().scheme.rules;
        REQUIRE(rules.size() > 2);
        // The first two rules in force (the German scheme's first rules are history, read only).
        std::vector<std::size_t> in_force;
        for (std::size_t i = 0; i < rules.size(); ++i) {
            if (!k.state.admin.rule_status[i].expired) in_force.push_back(i);
        }
        REQUIRE(in_force.size() > 2);
        k.state.admin.rates[in_force[1]].refund = "0.2.5";
        admin_apply_rates(k.state);
        CHECK(k.state.admin.rates[in_force[1]].error.find("Rule " + std::to_string(in_force[1] + 1) + " · Refund: ") == 0);
        CHECK(k.state.admin.rates[in_force[0]].error.empty());
        CHECK(read_text(k.machine.config_path) == before);

        // A refund above the deposit passes the typing check; the core's scheme validation refuses it, on that row.
        admin_load_rates(k.state);
        const std::size_t row = in_force[0];
        REQUIRE(rules[row].deposit_minor > 0);
        k.state.admin.rates[row].refund = minor_decimal(rules[row].deposit_minor + 100, Currency::EUR);
        admin_apply_rates(k.state);
        INFO("row error: " << k.state.admin.rates[row].error << "; general: " << k.state.admin.rates_error);
        // A plain sentence from the core's typed error, placed by rule number: never a JSON path or field id.
        const std::string& said = k.state.admin.rates[row].error;
        CHECK(said.find("Rule " + std::to_string(row + 1)) == 0);
        CHECK(said.find("the refund is higher than the deposit") != std::string::npos);
        CHECK(said.find("refundMinor") == std::string::npos);
        CHECK(said.find("rules[") == std::string::npos);
        for (std::size_t i = 0; i < rules.size(); ++i) {
            if (i != row) CHECK(k.state.admin.rates[i].error.empty());
        }
        CHECK(read_text(k.machine.config_path) == before);

        // The German single-use rule pays 0.25; raise it to 0.30 and the next container pays 0.30.
        admin_load_rates(k.state);
        const std::string current = read_text(k.machine.config_path);
        std::size_t pet = rules.size();
        for (std::size_t i = 0; i < rules.size(); ++i) {
            if (rules[i].deposit_minor == 25 && rules[i].refill == RefillScope::single_use && (rules[i].material_mask & (1u << static_cast<int>(Material::pet)))) pet = i;
        }
        REQUIRE(pet < rules.size());
        k.state.admin.rates[pet].deposit = "0.30";
        k.state.admin.rates[pet].refund = "0.30";
        admin_apply_rates(k.state);
        CHECK(k.state.admin.rates_error.empty());
        CHECK_FALSE(k.state.admin.message_error);
        CHECK(read_text(k.machine.config_path) != current);
        CHECK(read_text(k.machine.config_path).find("\"depositMinor\": 30") != std::string::npos);
        admin_leave(k.state);
        handle_scan(k.state, "9520000000011", "test");
        REQUIRE(k.state.shopper.lines.back().accepted);
        CHECK(k.state.shopper.lines.back().amount == Money{30, Currency::EUR});
    }

    TEST_CASE("a refused line says no deposit only when the container carries none") {
        Kiosk k;
        handle_scan(k.state, "9520000000011", "test");  // accepted
        handle_scan(k.state, "9520000000158", "test");  // a carton: no deposit
        handle_scan(k.state, "9520000000011", "test");  // a double read: it has a deposit, it is just not counted twice
        handle_scan(k.state, "4006381333931", "test");  // not registered: nobody knows its deposit
        const std::vector<ReturnLine>& lines = k.state.shopper.lines;
        REQUIRE(lines.size() == 4);
        CHECK(lines[1].no_deposit);
        CHECK(lines[1].reason_key.rfind("reason.no_deposit", 0) == 0);
        CHECK_FALSE(lines[2].no_deposit);
        CHECK(lines[2].reason_key == "reason.duplicate_scan");
        CHECK_FALSE(lines[3].no_deposit);
        CHECK(lines[3].reason_key == "reason.not_registered");
    }

    TEST_CASE("admin rates in German: amounts shown and typed with a decimal comma on the keypad") {
        Kiosk k;
        set_language(k.state, Language::de);
        admin_open(k.state);
        k.state.admin.pin_entry = kTestPin;
        admin_submit_pin(k.state);
        REQUIRE(k.state.admin.unlocked);
        const std::vector<Rule>& rules = k.backend().settings().scheme.rules;
        std::size_t pet = rules.size();
        for (std::size_t i = 0; i < rules.size(); ++i) {
            if (rules[i].deposit_minor == 25 && rules[i].refill == RefillScope::single_use && (rules[i].material_mask & (1u << static_cast<int>(Material::pet)))) pet = i;
        }
        REQUIRE(pet < rules.size());
        CHECK(k.state.admin.rates[pet].deposit == "0,25");
        // A point is no decimal separator in German: refused in words on the row, nothing saved.
        k.state.admin.rates[pet].deposit = "0.30";
        admin_apply_rates(k.state);
        CHECK(k.state.admin.rates[pet].error.find("Regel " + std::to_string(pet + 1)) == 0);
        CHECK(k.state.admin.rates[pet].error.find("0,25") != std::string::npos);  // the example, with a comma
        // Typed on the on-screen keypad: tap the amount, delete, then 0 , 3 0 and Done.
        admin_load_rates(k.state);
        k.state.admin.tab = AdminTab::rates;
        k.frames(2);
        k.tap_name("deposit");  // the first row's amount opens the keypad on it
        REQUIRE(k.state.admin.rate_keypad.has_value());
        CHECK(k.state.admin.rate_keypad->field == RateField::deposit);
        CHECK_FALSE(k.state.admin.rule_status[k.state.admin.rate_keypad->row].expired);  // history rows have no buttons
        k.state.admin.rate_keypad = RateKeypad{pet, RateField::deposit};  // the PET row may be scrolled out of view
        for (int i = 0; i < 4; ++i) k.tap(k.tr("keypad.delete"));
        CHECK(k.state.admin.rates[pet].deposit.empty());
        for (const char* key : {"0", ",", "3", "0"}) k.tap(key);
        k.tap(k.tr("admin.keypad.done"));
        CHECK_FALSE(k.state.admin.rate_keypad.has_value());
        CHECK(k.state.admin.rates[pet].deposit == "0,30");
        k.state.admin.rates[pet].refund = "0,30";
        admin_apply_rates(k.state);
        INFO(k.state.admin.rates_error << " / " << k.state.admin.rates[pet].error);
        CHECK_FALSE(k.state.admin.message_error);
        CHECK(k.state.admin.message == "Gespeichert: 1 Tarife geändert.");
        CHECK(k.backend().settings().scheme.rules[pet].deposit_minor == 30);
    }

    TEST_CASE("admin rates: expired rules are history, and rates the register's own deposits shadow are counted") {
        Kiosk k;
        admin_open(k.state);
        k.state.admin.pin_entry = kTestPin;
        admin_submit_pin(k.state);
        REQUIRE(k.state.admin.unlocked);
        const std::vector<Rule>& rules = k.backend().settings().scheme.rules;
        REQUIRE(k.state.admin.rule_status.size() == rules.size());
        int shadowed = 0;
        for (std::size_t i = 0; i < rules.size(); ++i) {
            CHECK(k.state.admin.rule_status[i].expired == (rules[i].until && *rules[i].until <= k.state.now.date));
            shadowed += k.state.admin.rule_status[i].register_deposits;
        }
        // The sample register sets its own deposit on five refillable bottles the German rules also describe.
        int own = 0;
        for (std::size_t i = 0; i < k.backend().catalog().size(); ++i) own += k.backend().catalog().at(i).deposit_override_minor ? 1 : 0;
        CHECK(own == 5);
        CHECK(shadowed > 0);
        CHECK(shadowed <= own);
        // An expired rule's typed amounts are never sent: a nonsense amount on a history row is not even read.
        for (std::size_t i = 0; i < rules.size(); ++i) {
            if (k.state.admin.rule_status[i].expired) k.state.admin.rates[i].deposit = "nonsense";
        }
        admin_apply_rates(k.state);
        CHECK_FALSE(k.state.admin.message_error);
        CHECK(k.state.admin.rates_error.empty());
    }

    TEST_CASE("admin scheme switch: a confirmation with a summary, and each scheme's own rates kept for its return") {
        Kiosk k;
        admin_open(k.state);
        k.state.admin.pin_entry = kTestPin;
        admin_submit_pin(k.state);
        REQUIRE(k.state.admin.unlocked);
        // An own rate for the German scheme first.
        const std::vector<Rule>& rules = k.backend().settings().scheme.rules;
        std::size_t pet = rules.size();
        for (std::size_t i = 0; i < rules.size(); ++i) {
            if (rules[i].deposit_minor == 25 && rules[i].refill == RefillScope::single_use && (rules[i].material_mask & (1u << static_cast<int>(Material::pet)))) pet = i;
        }
        REQUIRE(pet < rules.size());
        k.state.admin.rates[pet].deposit = "0.30";
        k.state.admin.rates[pet].refund = "0.30";
        admin_apply_rates(k.state);
        REQUIRE_FALSE(k.state.admin.message_error);

        admin_load_schemes(k.state);
        auto pick = [&k](std::string_view id) {
            for (std::size_t i = 0; i < k.state.admin.schemes.size(); ++i) {
                if (k.state.admin.schemes[i].id == id) k.state.admin.scheme_selected = static_cast<int>(i);
            }
            REQUIRE(k.state.admin.schemes[static_cast<std::size_t>(k.state.admin.scheme_selected)].id == id);
        };
        pick("at");
        admin_ask_scheme(k.state);
        REQUIRE(k.state.admin.scheme_confirm.has_value());
        CHECK(k.state.admin.scheme_confirm->from.id == "de");
        CHECK(k.state.admin.scheme_confirm->to.id == "at");
        CHECK(k.state.admin.scheme_confirm->overrides_set_aside == 1);
        CHECK(k.backend().settings().scheme.id == "de");  // nothing changes before the confirmation
        k.state.admin.tab = AdminTab::scheme;
        k.frames(2);
        k.tap(k.tr("admin.scheme.cancel"));
        CHECK_FALSE(k.state.admin.scheme_confirm.has_value());
        CHECK(k.backend().settings().scheme.id == "de");

        admin_ask_scheme(k.state);
        k.frames(2);
        k.tap(k.tr("admin.scheme.confirm"));
        INFO(k.state.admin.message);
        CHECK_FALSE(k.state.admin.message_error);
        CHECK(k.backend().settings().scheme.id == "at");
        CHECK(k.state.admin.message.find("1 own rates of") != std::string::npos);
        CHECK(read_text(k.machine.config_path).find("\"savedOverrides\"") != std::string::npos);

        // Back to Germany: the own rate comes back and the next container pays it.
        pick("de");
        admin_ask_scheme(k.state);
        REQUIRE(k.state.admin.scheme_confirm.has_value());
        CHECK(k.state.admin.scheme_confirm->overrides_restored == 1);
        admin_apply_scheme(k.state);
        CHECK_FALSE(k.state.admin.message_error);
        CHECK(k.backend().settings().scheme.id == "de");
        CHECK(k.backend().settings().scheme.rules[pet].deposit_minor == 30);
        CHECK(read_text(k.machine.config_path).find("\"savedOverrides\"") == std::string::npos);
        admin_leave(k.state);
        handle_scan(k.state, "9520000000011", "test");
        CHECK(k.state.shopper.lines.back().amount == Money{30, Currency::EUR});
    }

    TEST_CASE("the daily report counts the ledger's day, and prints the lines the screen shows") {
        Kiosk k;
        handle_scan(k.state, "9520000000011", "test");        // PET 0.25
        handle_scan(k.state, "9520000000219", "test");        // refillable glass, the register's 0.08
        handle_scan(k.state, "4006381333931", "test");        // refused: not registered
        handle_scan(k.state, "garbage", "test");              // refused: unreadable
        finish_session(k.state, PayoutKind::voucher);
        REQUIRE(k.state.shopper.voucher.has_value());
        const std::string code = k.state.shopper.voucher->delivery.payout.codes.code128;
        back_to_attract(k.state);
        k.advance(5000);
        handle_scan(k.state, "9520000000042", "test");        // 0.25
        finish_session(k.state, PayoutKind::donation);
        back_to_attract(k.state);
        REQUIRE(k.backend().ledger().record_event(k.clock.unix_ms, "bin_emptied", R"({"bin":"pet"})").ok());

        Result<DailyReport> report = k.backend().daily_report(k.clock.date);
        REQUIRE(report.ok());
        CHECK(report->containers == 3);
        CHECK(report->refunded == Money{58, Currency::EUR});
        CHECK(report->sessions == 2);
        CHECK(report->vouchers_issued == 1);
        CHECK(report->vouchers_issued_value == Money{33, Currency::EUR});
        CHECK(report->vouchers_outstanding == 1);
        CHECK(report->vouchers_outstanding_value == Money{33, Currency::EUR});
        CHECK(report->vouchers_redeemed == 0);
        CHECK(report->donations == 1);
        CHECK(report->donated == Money{25, Currency::EUR});
        CHECK(report->refusals_total == 2);
        CHECK(report->bin_emptyings == 1);
        // One each of PET, glass and aluminium.
        REQUIRE(report->by_material.size() == 3);
        for (const auto& [material, count] : report->by_material) {
            CHECK(count == 1);
            CHECK((material == Material::pet || material == Material::glass || material == Material::aluminium));
        }
        REQUIRE(report->by_deposit.size() == 2);
        CHECK(report->by_deposit.front().value == Money{25, Currency::EUR});
        CHECK(report->by_deposit.front().count == 2);

        // Redeemed at a till: no longer owed.
        const RedeemOutcome redeemed = redeem_voucher(k.backend().ledger(), k.backend().settings(), code, k.clock, "till-1");
        REQUIRE(redeemed.ok());
        report = k.backend().daily_report(k.clock.date);
        REQUIRE(report.ok());
        CHECK(report->vouchers_redeemed == 1);
        CHECK(report->vouchers_outstanding == 0);

        admin_open(k.state);
        k.state.admin.pin_entry = kTestPin;
        admin_submit_pin(k.state);
        REQUIRE(k.state.admin.unlocked);
        k.state.admin.tab = AdminTab::report;
        admin_load_report(k.state);
        const std::vector<std::string>& lines = k.state.admin.report_lines;
        auto has = [&lines](std::string_view text) { return std::find(lines.begin(), lines.end(), text) != lines.end(); };
        CHECK(has("Containers: 3 (€0.58)"));
        CHECK(has("Vouchers redeemed: 1 (€0.33)"));
        CHECK(has("Vouchers outstanding (owed): 0 (€0.00)"));
        CHECK(has("  not in the register: 1"));
        CHECK(has("Bins emptied: 1"));
        k.frames(2);
        k.tap(k.tr("admin.report.print"));
        INFO(k.state.admin.message);
        CHECK_FALSE(k.state.admin.message_error);
        CHECK(std::filesystem::file_size(k.machine.vouchers + "/daily-report-2025-03-14.png") > 1000);
    }

    TEST_CASE("admin: scheme list, default language, export, test print and ledger check") {
        Kiosk k;
        handle_scan(k.state, "9520000000011", "test");
        finish_session(k.state, PayoutKind::voucher);
        back_to_attract(k.state);
        admin_open(k.state);
        k.state.admin.pin_entry = kTestPin;
        admin_submit_pin(k.state);
        REQUIRE(k.state.admin.unlocked);

        admin_load_schemes(k.state);
        CHECK(k.state.admin.schemes.size() > 40);
        REQUIRE(k.state.admin.scheme_selected >= 0);
        CHECK(k.state.admin.schemes[static_cast<std::size_t>(k.state.admin.scheme_selected)].id == "de");

        admin_save_language(k.state, Language::es);
        CHECK(k.state.default_language == Language::es);
        CHECK(load_default_language(k.backend()) == Language::es);
        Result<std::vector<LedgerEvent>> events = k.backend().ledger().events("ui_default_language");
        REQUIRE(events.ok());
        CHECK(events->size() == 1);

        k.state.admin.export_range = 3;
        admin_export(k.state);
        INFO(k.state.admin.message);
        CHECK_FALSE(k.state.admin.message_error);
        const std::string folder = parent_folder(k.machine.ledger_path) + "/exports/2000-01-01_2025-03-14";
        for (const char* file : {"sessions.csv", "items.csv", "vouchers.csv"}) CHECK(std::filesystem::exists(folder + "/" + file));

        admin_test_print(k.state);
        CHECK_FALSE(k.state.admin.message_error);
        const std::vector<std::string> decoded = zbar_decode(k.machine.vouchers + "/test-print.png");
        CHECK(decoded == std::vector<std::string>{"RL-TEST-2025-03-14"});

        admin_verify_ledger(k.state);
        CHECK(k.state.admin.verify_result.find("1") != std::string::npos);

        admin_leave(k.state);
        CHECK(k.state.screen == Screen::attract);
        CHECK(k.state.shopper.language == Language::es);  // the next shopper starts in the new default
        CHECK(k.state.admin.pin.empty());
    }

    TEST_CASE("the three sounds differ and ramp in and out") {
        const std::vector<std::int16_t> accept = Audio::render(Cue::accept), reject = Audio::render(Cue::reject), done = Audio::render(Cue::done);
        CHECK(accept != reject);
        CHECK(reject != done);
        for (const auto* samples : {&accept, &reject, &done}) {
            REQUIRE(samples->size() > Audio::kRate / 10);
            CHECK(std::abs(samples->front()) < 200);
            CHECK(std::abs(samples->back()) < 200);
        }
    }
}
