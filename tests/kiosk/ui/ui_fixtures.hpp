// A kiosk UI without a window: a real back end in a temporary folder (tests/kiosk/kiosk_fixtures.hpp), the real
// strings, factors and fonts, and an ImGui context driven frame by frame with a fixed clock and synthetic input.
#pragma once

#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "backend/impact_files.hpp"
#include "kiosk_fixtures.hpp"
#include "ui/actions.hpp"
#include "ui/app_frame.hpp"
#include "ui/app_state.hpp"
#include "ui/fonts.hpp"
#include "ui/i18n.hpp"

namespace ui_test {

using namespace kiosk_test;
using namespace returnloop::kiosk::ui;

inline const StringTable& strings() {
    static const StringTable table = [] {
        Result<StringTable> loaded = load_string_table(asset("i18n"));
        if (!loaded) FAIL(loaded.error().path << ": " << loaded.error().message);
        return std::move(loaded).value();
    }();
    return table;
}

inline const ImpactFactors& factors() {
    static const ImpactFactors loaded = [] {
        Result<ImpactFactors> f = load_impact_factors(asset("factors"));
        if (!f) FAIL(f.error().path << ": " << f.error().message);
        return std::move(f).value();
    }();
    return loaded;
}

// One headless kiosk. Each has its own ImGui context (made current while it lives).
struct Kiosk {
    Machine machine;
    KioskTime clock = day(2025, 3, 14, 10, 0);
    AppState state;
    ImGuiContext* context = nullptr;
    ImVec2 display{1920, 1080};
    int textures_live = 0;
    std::intptr_t next_texture = 1;

    explicit Kiosk(const ConfigOptions& options = {}, bool demo = false, ImVec2 size = ImVec2(1920, 1080)) : machine(options), display(size) {
        context = ImGui::CreateContext();
        ImGui::SetCurrentContext(context);
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        io.DisplaySize = display;
        io.DeltaTime = 1.0f / 60;
        // The keyboard map the SDL backend would install, so tests can press keys for keyboard navigation.
        for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;

        state.services.backend = machine.backend.get();
        state.services.strings = &strings();
        state.services.factors = &factors();
        state.services.now = [this] { return clock; };
        state.services.textures.upload = [this](int, int, const unsigned char*) {
            ++textures_live;
            return reinterpret_cast<ImTextureID>(next_texture++);
        };
        state.services.textures.release = [this](ImTextureID) { --textures_live; };
        state.demo = demo;
        start(state);
    }
    ~Kiosk() {
        set_text_sink(nullptr);  // the sinks may be this kiosk's audit
        set_card_sink(nullptr);
        ImGui::SetCurrentContext(context);
        state = AppState{};  // textures are released while the hooks' owner lives
        ImGui::DestroyContext(context);
    }
    Kiosk(const Kiosk&) = delete;
    Kiosk& operator=(const Kiosk&) = delete;

    void advance(std::int64_t ms) { clock.unix_ms += ms; }
    KioskBackend& backend() { return *machine.backend; }

    // Runs one frame as the window loop does; rebuilds the atlas when metrics or text size change.
    void frame() {
        ImGui::SetCurrentContext(context);
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = display;
        if (update_metrics(state, display, 0)) state.fonts = build_fonts(*io.Fonts, FontFiles{}, glyph_sources(state), state.metrics);
        ImGui::NewFrame();
        begin_frame(state);
        app_frame(state);
        ImGui::Render();
        state.events.clear();
        state.cues.clear();
    }
    void frames(int n) {
        for (int i = 0; i < n; ++i) frame();
    }

    const AuditItem* item(const std::string& label) const {
        for (const AuditItem& it : state.audit.items) {
            if (it.label == label) return &it;
        }
        return nullptr;
    }
    // Taps the item with this label as a finger would: down on one frame, up on the next.
    void tap(const std::string& label) {
        frame();
        const AuditItem* it = item(label);
        REQUIRE_MESSAGE(it != nullptr, "no item labelled " << label << " on " << screen_id(state.screen));
        tap_at(*it);
    }
    // Taps the first item whose widget id is name (the same in every language: "deposit", "finish").
    void tap_name(const std::string& name) {
        frame();
        const AuditItem* found = nullptr;
        for (const AuditItem& it : state.audit.items) {
            if (!found && it.name == name) found = &it;
        }
        REQUIRE_MESSAGE(found != nullptr, "no item named " << name << " on " << screen_id(state.screen));
        tap_at(*found);
    }
    void tap_at(AuditItem it) {
        const ImVec2 center((it.min.x + it.max.x) * 0.5f, (it.min.y + it.max.y) * 0.5f);
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = center;
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        frame();
    }
    void press_key(int key) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeysDown[key] = true;
        frame();
        io.KeysDown[key] = false;
        frame();
    }
    const std::string& tr(const std::string& key) const { return state.tr(key); }
};

}  // namespace ui_test
