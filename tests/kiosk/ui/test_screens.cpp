// Every screen, in every language and display mode, renders a few frames headless with no ImGui assert (the
// library's IM_ASSERTs abort the test), no ID drawn twice in a frame, no string missing, and no touch target smaller
// than 15 mm.
#include "ui_fixtures.hpp"

#include "ui/admin_actions.hpp"
#include "ui/widgets.hpp"

using namespace ui_test;

namespace {

// Frames enough for ImGui to settle a layout (sizes are known from the second frame on).
constexpr int kFrames = 3;

void check_frame(Kiosk& k, const std::string& what) {
    k.frames(kFrames);
    INFO(what);
    CHECK_MESSAGE(k.state.audit.clashes.empty(), "ID clash: " << (k.state.audit.clashes.empty() ? "" : k.state.audit.clashes.front()));
    CHECK(!k.state.audit.items.empty());
    for (const AuditItem& item : k.state.audit.items) {
        const float w = item.max.x - item.min.x, h = item.max.y - item.min.y;
        CHECK_MESSAGE(std::min(w, h) >= k.state.metrics.touch - 0.5f, item.label << " is " << w << " x " << h << " px");
    }
}

struct Mode {
    const char* name;
    DisplayPrefs prefs;
};
constexpr Mode kModes[] = {{"normal", {false, false}}, {"high contrast", {true, false}}, {"large text", {false, true}}, {"both", {true, true}}};

// Walks one kiosk through every screen and state a shopper or a retailer can see.
void tour(Language language, const Mode& mode, bool demo) {
    ConfigOptions options;
    Kiosk k(options, demo);
    set_language(k.state, language);
    set_display(k.state, mode.prefs);
    k.state.default_language = language;
    k.state.default_prefs = mode.prefs;
    const std::string where = std::string(language_id(language)) + ", " + mode.name + (demo ? ", demo" : "");

    check_frame(k, "attract, " + where);
    open_keypad(k.state);
    k.state.shopper.keypad_entry = "40063813";
    check_frame(k, "attract with keypad, " + where);
    close_keypad(k.state);

    handle_scan(k.state, "9520000000011", "test");                 // accepted
    handle_scan(k.state, "9520000000158", "test");                 // refused: no deposit on cartons
    handle_scan(k.state, "9520000000011", "test");                 // refused: double read
    handle_scan(k.state, "4006381333932", "test");                 // refused: wrong check digit
    k.advance(3000);
    handle_scan(k.state, "95200019", "test");                      // accepted, GTIN-8
    REQUIRE(k.state.screen == Screen::returning);
    check_frame(k, "returning, " + where);
    open_keypad(k.state);
    check_frame(k, "returning with keypad, " + where);
    close_keypad(k.state);
    // The idle warning with its countdown and "I'm still here".
    k.advance(50'000);
    k.frame();
    REQUIRE(idle_seconds_left(k.state).has_value());
    check_frame(k, "returning with idle warning, " + where);
    keep_alive(k.state);

    go_to(k.state, Screen::finish);
    check_frame(k, "finish, " + where);
    finish_session(k.state, PayoutKind::voucher);
    REQUIRE(k.state.screen == Screen::voucher);
    check_frame(k, "voucher, " + where);

    handle_scan(k.state, "9520000000028", "test");
    finish_session(k.state, PayoutKind::digital);
    check_frame(k, "digital voucher, " + where);
    handle_scan(k.state, "9520000000035", "test");
    finish_session(k.state, PayoutKind::donation);
    check_frame(k, "donation, " + where);

    back_to_attract(k.state);
    check_frame(k, "attract with totals, " + where);
    admin_open(k.state);
    check_frame(k, "admin PIN, " + where);
    k.state.admin.pin_entry = "1111";
    admin_submit_pin(k.state);
    check_frame(k, "admin wrong PIN, " + where);
    k.state.admin.pin_entry = kTestPin;
    admin_submit_pin(k.state);
    REQUIRE(k.state.admin.unlocked);
    for (AdminTab tab : {AdminTab::rates, AdminTab::scheme, AdminTab::stats, AdminTab::export_csv, AdminTab::language, AdminTab::printer}) {
        k.state.admin.tab = tab;
        check_frame(k, "admin section " + std::to_string(static_cast<int>(tab)) + ", " + where);
    }
    // The rate table with an error on a row.
    k.state.admin.tab = AdminTab::rates;
    k.frame();
    k.state.admin.rates[0].deposit = "abc";
    admin_apply_rates(k.state);
    check_frame(k, "admin rates with an error, " + where);
}

}  // namespace

TEST_SUITE("ui_screens") {
    TEST_CASE("every screen renders in every language and display mode with unique IDs and 15 mm touch targets") {
        for (Language language : kLanguages) {
            for (const Mode& mode : kModes) tour(language, mode, false);
        }
        for (Language language : kLanguages) tour(language, kModes[0], true);
        for (Language language : kLanguages) {
            const std::vector<std::string> misses = strings().of(language).misses();
            CHECK_MESSAGE(misses.empty(), language_id(language) << " lacks " << (misses.empty() ? "" : misses.front()));
        }
    }

    TEST_CASE("screens lay out on a smaller and a portrait display without clashes") {
        for (ImVec2 size : {ImVec2(1280, 720), ImVec2(1080, 1920), ImVec2(1366, 768)}) {
            Kiosk k({}, true, size);
            check_frame(k, "attract " + std::to_string(static_cast<int>(size.x)) + "x" + std::to_string(static_cast<int>(size.y)));
            handle_scan(k.state, "9520000000011", "test");
            check_frame(k, "returning");
            go_to(k.state, Screen::finish);
            check_frame(k, "finish");
            finish_session(k.state, PayoutKind::voucher);
            check_frame(k, "voucher");
        }
    }

    TEST_CASE("the ID audit catches two widgets drawn with one ID") {
        Kiosk k;
        k.frame();
        ImGui::NewFrame();
        k.state.audit = FrameAudit{};
        ImGui::Begin("clash");
        big_button(k.state, "same", ImVec2(100, 100), ButtonSpec{"One", {}});
        big_button(k.state, "same", ImVec2(100, 100), ButtonSpec{"Two", {}});
        big_button(k.state, "other", ImVec2(100, 100), ButtonSpec{"Three", {}});
        ImGui::End();
        ImGui::Render();
        CHECK(k.state.audit.clashes.size() == 1);
    }
}
