// Every screen, in every language and display mode and on every panel size, renders a few frames headless with no
// ImGui assert (the library's IM_ASSERTs abort the test), no ID drawn twice in a frame, no string missing, no touch
// target smaller than 15 mm, no text wider than its box or outside its button, and no text or widget running into
// another widget.
#include "intake_fixtures.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ui/admin_actions.hpp"
#include "ui/intake_view.hpp"
#include "ui/widgets.hpp"

using namespace ui_test;

namespace {

// Frames enough for ImGui to settle a layout (sizes are known from the second frame on).
constexpr int kFrames = 3;

struct Box {
    ImVec2 min, max;
    bool empty() const { return max.x - min.x < 1 || max.y - min.y < 1; }
};
Box visible(ImVec2 min, ImVec2 max, ImVec2 clip_min, ImVec2 clip_max) {
    return Box{ImVec2(std::max(min.x, clip_min.x), std::max(min.y, clip_min.y)), ImVec2(std::min(max.x, clip_max.x), std::min(max.y, clip_max.y))};
}
// Overlap of more than a pixel each way (anti-aliased edges touch).
bool overlap(const Box& a, const Box& b) {
    return std::min(a.max.x, b.max.x) - std::max(a.min.x, b.min.x) > 1.5f && std::min(a.max.y, b.max.y) - std::max(a.min.y, b.min.y) > 1.5f;
}

// What went wrong with the layout of this frame (empty when nothing did): text wider than its box, a label outside
// its button, text across a widget it does not label, text on other text, widgets on top of each other, and text or
// a widget running off the screen. Overlap counts within one layer (window): an overlay such as the code keypad
// covers what is under it by design. What a scrolled list hides is not a fault; what the screen's edge cuts is.
std::vector<std::string> layout_faults(const FrameAudit& audit, ImVec2 display) {
    std::vector<std::string> faults;
    // Drawn straight into a screen (not into a scrolled list): its clip rectangle is the whole display.
    auto on_screen_layer = [&](ImVec2 clip_min, ImVec2 clip_max) {
        return clip_min.x <= 0.5f && clip_min.y <= 0.5f && clip_max.x >= display.x - 0.5f && clip_max.y >= display.y - 0.5f;
    };
    auto off_screen = [&](ImVec2 min, ImVec2 max) { return min.x < -1 || min.y < -1 || max.x > display.x + 1 || max.y > display.y + 1; };
    for (std::size_t k = 0; k < audit.texts.size(); ++k) {
        const TextBox& t = audit.texts[k];
        const Box shown = visible(t.min, t.max, t.clip_min, t.clip_max);
        if (on_screen_layer(t.clip_min, t.clip_max) && off_screen(t.min, t.max)) faults.push_back("\"" + t.text + "\" runs off the screen");
        if (shown.empty()) continue;
        if (t.max.x > t.box_x + t.box_width + 1 || t.min.x < t.box_x - 1) faults.push_back("\"" + t.text + "\" is wider than its box");
        if (t.word_cut) faults.push_back("\"" + t.text + "\" has a word cut in two");
        // The innermost card the text starts on must hold all of it.
        const CardBox* on = nullptr;
        for (const CardBox& c : audit.cards) {
            const bool holds_start = c.layer == t.layer && t.min.x >= c.min.x - 1 && t.min.x <= c.max.x && t.min.y >= c.min.y - 1 && t.min.y <= c.max.y;
            if (holds_start && (!on || (c.max.x - c.min.x) * (c.max.y - c.min.y) < (on->max.x - on->min.x) * (on->max.y - on->min.y))) on = &c;
        }
        if (on && (shown.max.x > on->max.x + 1 || shown.max.y > on->max.y + 1)) faults.push_back("\"" + t.text + "\" spills out of its card");
        if (t.owner >= 0 && static_cast<std::size_t>(t.owner) < audit.items.size()) {
            const AuditItem& own = audit.items[static_cast<std::size_t>(t.owner)];
            if (t.min.x < own.min.x - 1 || t.max.x > own.max.x + 1 || t.min.y < own.min.y - 1 || t.max.y > own.max.y + 3) {
                faults.push_back("\"" + t.text + "\" does not fit its button " + own.name);
            }
        }
        for (std::size_t i = 0; i < audit.items.size(); ++i) {
            const AuditItem& item = audit.items[i];
            if (static_cast<int>(i) == t.owner || item.layer != t.layer) continue;
            if (overlap(shown, visible(item.min, item.max, item.clip_min, item.clip_max))) {
                faults.push_back("\"" + t.text + "\" runs into " + item.name + " (" + item.label + ")");
            }
        }
        for (std::size_t j = k + 1; j < audit.texts.size(); ++j) {
            const TextBox& u = audit.texts[j];
            if (u.layer != t.layer) continue;
            if (overlap(shown, visible(u.min, u.max, u.clip_min, u.clip_max))) faults.push_back("\"" + t.text + "\" is drawn over \"" + u.text + "\"");
        }
    }
    for (std::size_t i = 0; i < audit.items.size(); ++i) {
        const AuditItem& a = audit.items[i];
        const Box va = visible(a.min, a.max, a.clip_min, a.clip_max);
        if (on_screen_layer(a.clip_min, a.clip_max) && off_screen(a.min, a.max)) faults.push_back(a.name + " (" + a.label + ") runs off the screen");
        for (std::size_t j = i + 1; j < audit.items.size(); ++j) {
            const AuditItem& b = audit.items[j];
            if (a.layer == b.layer && overlap(va, visible(b.min, b.max, b.clip_min, b.clip_max))) faults.push_back(a.name + " overlaps " + b.name);
        }
    }
    return faults;
}

// Every frame toured and what was wrong with it, one line each, into RETURNLOOP_UI_TOUR_LOG when CTest names a file
// (artifacts/kiosk/ui-screens-tour.txt): the list a reviewer reads when the tour fails.
void log_frame(const std::string& what, const std::vector<std::string>& faults) {
    static std::ofstream log = [] {
        const char* path = std::getenv("RETURNLOOP_UI_TOUR_LOG");
        if (!path || !*path) return std::ofstream();
        std::error_code ignored;  // no folder, no log: the checks below still run
        std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
        return std::ofstream(path, std::ios::trunc);
    }();
    if (!log.is_open()) return;
    log << what << ": " << (faults.empty() ? "ok" : std::to_string(faults.size()) + " faults") << "\n";
    for (const std::string& fault : faults) log << "    " << fault << "\n";
    log.flush();
}

void check_frame(Kiosk& k, const std::string& what) {
    k.state.audit.record_text = true;
    k.frames(kFrames);
    INFO(what);
    CHECK_MESSAGE(k.state.audit.clashes.empty(), "ID clash: " << (k.state.audit.clashes.empty() ? "" : k.state.audit.clashes.front()));
    CHECK(!k.state.audit.items.empty());
    CHECK(!k.state.audit.texts.empty());
    for (const AuditItem& item : k.state.audit.items) {
        const float w = item.max.x - item.min.x, h = item.max.y - item.min.y;
        CHECK_MESSAGE(std::min(w, h) >= k.state.metrics.touch - 0.5f, item.label << " is " << w << " x " << h << " px");
    }
    // Enforced: any text cut, overflowing or overlapping, any widget overlapping or off the screen fails the test.
    const std::vector<std::string> faults = layout_faults(k.state.audit, k.display);
    log_frame(what, faults);
    for (const std::string& fault : faults) FAIL_CHECK(what << ": " << fault);
}

struct Mode {
    const char* name;
    DisplayPrefs prefs;
};
constexpr Mode kModes[] = {{"normal", {false, false}}, {"high contrast", {true, false}}, {"large text", {false, true}}, {"both", {true, true}}};

// The panels a store mounts: full HD, 5:4, the common laptop-class 16:9 and full HD portrait.
const ImVec2 kPanels[] = {ImVec2(1920, 1080), ImVec2(1280, 1024), ImVec2(1366, 768), ImVec2(1080, 1920)};

// Walks one kiosk through every screen and state a shopper or a retailer can see.
void tour(Language language, const Mode& mode, bool demo, ImVec2 panel = kPanels[0]) {
    ConfigOptions options;
    Kiosk k(options, demo, panel);
    set_language(k.state, language);
    set_display(k.state, mode.prefs);
    k.state.default_language = language;
    k.state.default_prefs = mode.prefs;
    const std::string where = std::string(language_id(language)) + ", " + mode.name + (demo ? ", demo" : "") + ", " +
                              std::to_string(static_cast<int>(panel.x)) + "x" + std::to_string(static_cast<int>(panel.y));

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
    for (AdminTab tab : {AdminTab::rates, AdminTab::scheme, AdminTab::report, AdminTab::stats, AdminTab::export_csv, AdminTab::language,
                         AdminTab::printer}) {
        k.state.admin.tab = tab;
        check_frame(k, "admin section " + std::to_string(static_cast<int>(tab)) + ", " + where);
    }
    // The rate table with an error on a row, then with its keypad open.
    k.state.admin.tab = AdminTab::rates;
    k.frame();
    std::size_t row = 0;  // the first rule in force (history rows are read only)
    while (row + 1 < k.state.admin.rule_status.size() && k.state.admin.rule_status[row].expired) ++row;
    k.state.admin.rates[row].deposit = "abc";
    admin_apply_rates(k.state);
    REQUIRE_FALSE(k.state.admin.rates[row].error.empty());
    check_frame(k, "admin rates with an error, " + where);
    k.state.admin.rate_keypad = RateKeypad{row, RateField::refund};
    check_frame(k, "admin rates with the keypad, " + where);
    // A scheme switch waiting for its confirmation.
    k.state.admin.tab = AdminTab::scheme;
    admin_load_schemes(k.state);
    for (std::size_t i = 0; i < k.state.admin.schemes.size(); ++i) {
        if (k.state.admin.schemes[i].id == "at") k.state.admin.scheme_selected = static_cast<int>(i);
    }
    admin_ask_scheme(k.state);
    REQUIRE(k.state.admin.scheme_confirm.has_value());
    check_frame(k, "admin scheme confirmation, " + where);
}


// The machine's own screens (issue #11): containers "checking…" in the intake, a refusal and a pull-back, the bins
// full and out of service with the credit kept, the printer out (no printed voucher offered: digital credit or a
// donation), and counter mode's quantities at a staffed return point.
void tour_machine(Language language, const Mode& mode, ImVec2 panel) {
    const std::string where = std::string(language_id(language)) + ", " + mode.name + ", " + std::to_string(static_cast<int>(panel.x)) + "x" +
                              std::to_string(static_cast<int>(panel.y));
    {
        Kiosk k(ConfigOptions{}, false, panel);
        k.state.intake = true;
        set_language(k.state, language);
        set_display(k.state, mode.prefs);
        k.state.default_language = language;
        k.state.default_prefs = mode.prefs;
        present(k, "i-1", "9520000000011");
        binned(k, "i-1");
        present(k, "i-2", "9520000000042");
        REQUIRE(k.backend().returned("i-2", k.clock).ok());
        IntakeNotice pulled{IntakeNotice::Kind::returned, "i-2", "09520000000042"};
        pulled.reason = "pulled";
        on_intake_notice(k.state, pulled);
        IntakeNotice full{IntakeNotice::Kind::presented, "i-3", "09520000000011", false};
        full.reason = "container_not_empty";
        on_intake_notice(k.state, full);
        present(k, "i-4", "9520000000028");  // still in the intake: "checking…"
        REQUIRE(k.state.screen == Screen::returning);
        check_frame(k, "intake checking, " + where);
        REQUIRE(k.backend().binned("i-4", k.clock).ok());  // nothing may be in the intake when the session is paid
        IntakeNotice last{IntakeNotice::Kind::binned, "i-4", "09520000000028", true};
        last.amount = k.state.shopper.lines.back().amount;
        on_intake_notice(k.state, last);
        IntakeNotice out{IntakeNotice::Kind::service};
        out.active = true;
        out.reasons = {"bins_full"};
        on_intake_notice(k.state, out);
        REQUIRE(k.state.notice.has_value());
        check_frame(k, "intake bins full, out of service, credit kept, " + where);
        out.active = false;
        out.reasons.clear();
        on_intake_notice(k.state, out);
        k.backend().set_printer_out(true);
        IntakeNotice paper{IntakeNotice::Kind::fault};
        paper.reason = "paper_out";
        paper.active = true;
        on_intake_notice(k.state, paper);
        go_to(k.state, Screen::finish);
        check_frame(k, "finish with the printer out, " + where);
        finish_session(k.state, PayoutKind::digital);
        REQUIRE(k.state.screen == Screen::voucher);
        check_frame(k, "digital voucher with the printer out, " + where);
        back_to_attract(k.state);
        IntakeNotice offline{IntakeNotice::Kind::service};
        offline.active = true;
        offline.reasons = {"link"};
        on_intake_notice(k.state, offline);
        check_frame(k, "attract out of service, " + where);
    }
    {
        ConfigOptions counter;
        counter.extra = "  \"mode\": \"counter\",\n  \"counter\": {\"pinAboveMinor\": 99999},\n";
        Kiosk k(counter, false, panel);
        set_language(k.state, language);
        set_display(k.state, mode.prefs);
        handle_scan(k.state, "6*9520000000011", "test");
        handle_scan(k.state, "24*9520000000042", "test");
        REQUIRE(k.backend().session().item_count() == 30);
        check_frame(k, "counter with quantities, " + where);
        go_to(k.state, Screen::finish);
        check_frame(k, "counter finish, " + where);
        finish_session(k.state, PayoutKind::voucher);
        REQUIRE(k.state.screen == Screen::voucher);
        check_frame(k, "counter voucher, " + where);
    }
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

    TEST_CASE("every screen fits every panel in every language, with large text and high contrast") {
        for (std::size_t panel = 1; panel < std::size(kPanels); ++panel) {
            for (Language language : kLanguages) {
                tour(language, kModes[0], false, kPanels[panel]);
                tour(language, kModes[3], false, kPanels[panel]);
            }
        }
    }

    TEST_CASE("the machine's screens fit every panel in every language, with large text and high contrast") {
        for (const ImVec2& panel : kPanels) {
            for (Language language : kLanguages) tour_machine(language, kModes[3], panel);
        }
        for (Language language : kLanguages) tour_machine(language, kModes[0], kPanels[0]);
    }

    TEST_CASE("the layout check finds text that overflows its box and widgets that overlap") {
        const ImVec2 display(2000, 2000);
        FrameAudit audit;
        audit.items.push_back(AuditItem{1, "a", "A", ImVec2(0, 0), ImVec2(100, 100), ImVec2(0, 0), display});
        audit.texts.push_back(TextBox{ImVec2(10, 10), ImVec2(90, 40), 10, 80, ImVec2(0, 0), display, "fits", 0});
        CHECK(layout_faults(audit, display).empty());
        audit.texts.push_back(TextBox{ImVec2(10, 50), ImVec2(130, 80), 10, 80, ImVec2(0, 0), display, "too wide", 0});
        CHECK(layout_faults(audit, display).size() == 2);  // wider than its box, and out of its button
        audit.texts.pop_back();
        audit.texts.push_back(TextBox{ImVec2(50, 50), ImVec2(150, 80), 50, 200, ImVec2(0, 0), display, "free", -1});
        CHECK(layout_faults(audit, display).size() == 1);  // free text across the button
        audit.texts.back().clip_max = ImVec2(2000, 40);  // scrolled out of view in a list: not a fault
        CHECK(layout_faults(audit, display).empty());
        audit.texts.pop_back();
        audit.texts.push_back(TextBox{ImVec2(300, 20), ImVec2(400, 50), 300, 200, ImVec2(0, 0), display, "one", -1});
        audit.texts.push_back(TextBox{ImVec2(350, 30), ImVec2(450, 60), 350, 200, ImVec2(0, 0), display, "two", -1});
        CHECK(layout_faults(audit, display).size() == 1);  // text drawn over text
        audit.texts.pop_back();
        audit.texts.push_back(TextBox{ImVec2(1950, 30), ImVec2(2100, 60), 1950, 200, ImVec2(0, 0), display, "edge", -1});
        CHECK(layout_faults(audit, display).size() == 1);  // cut by the screen's edge
        audit.texts.pop_back();
        audit.cards.push_back(CardBox{ImVec2(300, 300), ImVec2(600, 400), nullptr});
        audit.texts.push_back(TextBox{ImVec2(320, 320), ImVec2(500, 380), 320, 260, ImVec2(0, 0), display, "inside", -1});
        CHECK(layout_faults(audit, display).empty());
        audit.texts.back().max.y = 430;
        CHECK(layout_faults(audit, display).size() == 1);  // spills out of the bottom of its card
        audit.texts.pop_back();
        audit.texts.push_back(TextBox{ImVec2(320, 500), ImVec2(500, 530), 320, 260, ImVec2(0, 0), display, "Pfandrück", -1});
        audit.texts.back().word_cut = true;
        CHECK(layout_faults(audit, display).size() == 1);  // a word split across lines
        audit.texts.pop_back();
        audit.items.push_back(AuditItem{3, "c", "C", ImVec2(1000, 1950), ImVec2(1100, 2050), ImVec2(0, 0), display});
        CHECK(layout_faults(audit, display).size() == 1);  // a button off the screen
        audit.items.pop_back();
        audit.items.push_back(AuditItem{2, "b", "B", ImVec2(90, 90), ImVec2(200, 200), ImVec2(0, 0), display});
        CHECK(layout_faults(audit, display).size() == 1);  // two buttons on top of each other
    }

    TEST_CASE("the layout check fails a real frame with a label too long for its button") {
        Kiosk k;
        set_language(k.state, Language::de);
        set_display(k.state, DisplayPrefs{false, true});
        k.state.audit.record_text = true;
        k.frame();
        auto draw = [&k](std::string_view label, float width) {
            ImGui::NewFrame();
            begin_frame(k.state);
            begin_screen(k.state, "overflow");
            ImGui::SetCursorScreenPos(ImVec2(100, 200));
            big_button(k.state, "narrow", ImVec2(width, k.state.metrics.touch), ButtonSpec{label, {}});
            ImGui::SetCursorScreenPos(ImVec2(100, 400));
            text_block(k.state.fonts.body, label, k.state.palette.text, width);
            end_screen();
            ImGui::Render();
            return layout_faults(k.state.audit, k.display);
        };
        // A word that cannot wrap, in a box far too narrow even at the smallest size the button tries: the word is cut
        // and its lines run out of the bottom of the button.
        const std::vector<std::string> faults = draw("Pfandrückgabeautomatenbedienungsanleitung", 120);
        CHECK(faults.size() >= 3);  // the label's word cut and out of its button, the free text's word cut
        for (const std::string& fault : faults) MESSAGE(fault);
        CHECK(draw("OK", 400).empty());  // the same frame with words that fit
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
