// AppState: everything the kiosk's screens draw from and change. The window loop (or a test) owns one; a shopper's
// part is one ShopperState, and a new shopper gets a freshly assigned one. No screen keeps state anywhere else.
#pragma once

#include <imgui.h>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backend/backend.hpp"
#include "returnloop/impact.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"
#include "ui/scan_input.hpp"
#include "ui/text.hpp"
#include "ui/theme.hpp"

namespace returnloop::kiosk::ui {

enum class Screen : std::uint8_t { attract, returning, finish, voucher, admin };
inline constexpr std::array<Screen, 5> kScreens{Screen::attract, Screen::returning, Screen::finish, Screen::voucher, Screen::admin};
std::string_view screen_id(Screen screen);

// Sounds the audio layer plays after the frame: screens only say what happened.
enum class Cue : std::uint8_t { accept, reject, done };

// A GPU image (the voucher's barcode receipt). The window uploads; tests hand out dummy ids.
struct TextureHooks {
    std::function<ImTextureID(int width, int height, const unsigned char* rgba)> upload;
    std::function<void(ImTextureID)> release;
};

// Releases its texture when dropped, so assigning a fresh ShopperState cannot leak one.
class OwnedTexture {
public:
    OwnedTexture() = default;
    OwnedTexture(ImTextureID id, int width, int height, std::function<void(ImTextureID)> release)
        : id_(id), width_(width), height_(height), release_(std::move(release)) {}
    OwnedTexture(OwnedTexture&& other) noexcept { *this = std::move(other); }
    OwnedTexture& operator=(OwnedTexture&& other) noexcept;
    OwnedTexture(const OwnedTexture&) = delete;
    OwnedTexture& operator=(const OwnedTexture&) = delete;
    ~OwnedTexture() { reset(); }
    void reset();
    ImTextureID id() const { return id_; }
    int width() const { return width_; }
    int height() const { return height_; }
    explicit operator bool() const { return id_ != nullptr; }

private:
    ImTextureID id_ = nullptr;
    int width_ = 0, height_ = 0;
    std::function<void(ImTextureID)> release_;
};

struct ReturnLine {
    bool accepted = false;
    std::string name;        // the product's name, or the code as typed when it names nothing
    std::string gtin14;
    Money amount;            // the refund, when accepted
    std::string reason_key;  // i18n key of the refusal in plain words
    std::string item;        // the intake's id of the container (rvm mode), to match its binned or returned message
    bool checking = false;   // accepted by the kiosk, not yet in the bin: counts for nothing yet
    bool no_deposit = false; // refused because the container carries no deposit (not for a misread or a limit)
};

struct VoucherView {
    Delivery delivery;
    OwnedTexture image;      // the receipt PNG as the back end wrote it, barcodes and all
    std::string image_error;
    ImpactSummary impact;    // of the session just paid
};

enum class AdminTab : std::uint8_t { rates, scheme, report, stats, export_csv, language, printer };

// One rule of the rate table as typed: decimals in major units with the admin's decimal separator ("0,25" in German).
struct RateRow {
    std::string deposit, refund, fee;
    std::string error;  // where the settings check put its finger on this row, in words
};

// The rate table's on-screen keypad: which amount of which row it is typing into.
enum class RateField : std::uint8_t { deposit, refund, fee };
struct RateKeypad {
    std::size_t row = 0;
    RateField field = RateField::deposit;
};

struct AdminView {
    bool unlocked = false;
    std::string pin_entry;       // digits typed so far on the keypad
    std::string pin;             // the accepted PIN, kept while unlocked: settings changes are checked against it
    std::string message;
    bool message_error = false;
    std::int64_t locked_until_ms = 0;
    AdminTab tab = AdminTab::rates;
    std::vector<RateRow> rates;  // one per scheme rule, in the scheme's order
    std::vector<RuleStatus> rule_status;  // expired (history, read only) and register deposits per rule
    std::optional<RateKeypad> rate_keypad;
    std::string rates_error;     // errors that belong to no row
    std::vector<SchemeChoice> schemes;
    int scheme_selected = -1;
    std::optional<SchemeSwitchPreview> scheme_confirm;  // asked before a switch: what changes
    std::optional<DailyReport> report;
    std::vector<std::string> report_lines;  // the report in words: the screen and the paper show the same lines
    int export_range = 0;        // 0 today, 1 last 7 days, 2 last 30 days, 3 everything
    std::string verify_result;
};

// One shopper's visit. Assigned fresh when the kiosk returns to Attract.
struct ShopperState {
    Language language = Language::en;
    DisplayPrefs prefs;
    std::vector<ReturnLine> lines;
    ImpactSummary impact;
    bool keypad_open = false;
    std::string keypad_entry;
    std::optional<VoucherView> voucher;
    std::string finished_note_key;  // why Attract shows a note (a voucher issued after a timeout)
    std::string finished_note_amount;
};

struct Notice {
    std::string text;
    bool error = false;
    std::int64_t until_ms = 0;
};

// Every interactive item drawn this frame, so tests can prove IDs unique and touch targets large enough
// (Dear ImGui 1.86 has no ID-conflict detector of its own).
struct AuditItem {
    ImGuiID id = 0;
    std::string name;   // the widget's id string ("finish"), the same in every language
    std::string label;  // what it says, in the shopper's language
    ImVec2 min, max;    // every item is a touch target: at least Metrics::touch on its short side
    ImVec2 clip_min, clip_max;  // what of it shows (a scrolled list hides part of its rows)
    const void* layer = nullptr;  // its window's draw list (an overlay such as the keypad is another layer)
};
struct FrameAudit {
    std::vector<AuditItem> items;
    std::vector<std::string> clashes;  // "label (window)" of each ID drawn twice in one frame
    bool record_text = false;          // tests: also collect every text block drawn (text.hpp), to find overflow and overlap
    std::vector<TextBox> texts;
    std::vector<CardBox> cards;        // with record_text: every card drawn, to find text spilling out of one
};

// Where the kiosk's files are and what it runs on. Not owned: the window loop or a test holds them.
struct Services {
    KioskBackend* backend = nullptr;
    const StringTable* strings = nullptr;
    const ImpactFactors* factors = nullptr;  // null: impact figures are left out, counts remain
    std::function<KioskTime()> now;
    TextureHooks textures;
};

struct DemoProduct {
    std::string code;
    std::string name;
};

struct AppState {
    Services services;
    FontSet fonts;
    Palette palette = palette_for({});
    Metrics metrics;

    Screen screen = Screen::attract;
    Language default_language = Language::en;
    DisplayPrefs default_prefs;
    ShopperState shopper;
    AdminView admin;
    std::optional<Notice> notice;
    MachineTotals totals;            // the Attract screen's figures: this machine's ledger, today and since it started
    ScanInput scan_input;
    bool demo = false;
    std::vector<DemoProduct> demo_products;
    bool intake = false;                       // a machine controller is attached (rvm): containers, not codes, pay
    std::vector<std::string> service_reasons;  // why the intake is out of service; empty while it takes containers

    std::int64_t now_ms = 0;         // this frame's time
    KioskTime now;                   // the same, with the local date
    std::int64_t last_touch_ms = 0;  // the last touch, click or key: a shopper is still there
    std::int64_t screen_since_ms = 0;

    std::vector<Cue> cues;           // to play after this frame
    std::vector<std::string> events; // JSON lines for stdout: what a log or a test script reads
    FrameAudit audit;
    bool fonts_dirty = false;        // large text changed: the window rebuilds the atlas before the next frame
    bool quit = false;

    const Strings& strings() const { return services.strings->of(shopper.language); }
    const std::string& tr(std::string_view key) const { return strings().get(key); }
    KioskBackend& backend() const { return *services.backend; }
};

}  // namespace returnloop::kiosk::ui
