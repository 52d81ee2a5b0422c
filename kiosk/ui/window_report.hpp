// What the window loop tells the outside world (stdout, one JSON object a line): the "ready" line with where
// start-up time went, "scan_shown" with the latency from a scan's Enter to the frame that shows it, the buttons'
// rectangles for test scripts (RETURNLOOP_KIOSK_LAYOUT), the app's own events, and --screenshot. The second of the
// window loop's three parts (events, instrumentation, the loop in window.cpp).
#pragma once

#include <cstdint>
#include <string>

#include "ui/app_state.hpp"

namespace returnloop::kiosk::ui {

std::int64_t steady_ms();

void print_line(const std::string& line);

class WindowReport {
public:
    explicit WindowReport(std::int64_t main_start_ms);

    // Start-up phases, in order: files and ledger loaded, SDL window and GL context, ImGui, the atlas.
    void loaded() { loaded_ = steady_ms(); }
    void window_ready() { window_ = steady_ms(); }
    void imgui_ready() { imgui_ = steady_ms(); }
    void fonts_built() { if (fonts_ == 0) fonts_ = steady_ms(); }

    void scan_entered(std::int64_t entered_ms) { scan_entered_ms_ = entered_ms; frames_since_scan_ = 0; }
    // After each frame is on the glass: the first prints "ready", the first after a scan "scan_shown"; then the
    // layout (when asked for) and the events the frame produced.
    void frame_shown(AppState& state);
    // --screenshot: the frame just drawn (the back buffer) as PNG, and the "screenshot" line. False when not written.
    bool screenshot(const std::string& path, int width, int height);

private:
    std::int64_t main_start_, loaded_ = 0, window_ = 0, imgui_ = 0, fonts_ = 0, first_frame_ = 0;
    std::int64_t scan_entered_ms_ = 0;
    int frames_since_scan_ = 0;
    bool layout_events_ = false;
    std::string layout_printed_;
};

}  // namespace returnloop::kiosk::ui
