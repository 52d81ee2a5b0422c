// The kiosk's window: SDL2 + OpenGL 3 + Dear ImGui, in the shape of ImGui's example_sdl2_opengl3/main.cpp: set up,
// then a loop of events -> new frame -> app_frame(state) -> render, drawing only when something changed.
#pragma once

#include <string>

#include "backend/kiosk_loader.hpp"

namespace returnloop::kiosk::ui {

struct WindowOptions {
    KioskFiles files;         // settings, catalog, ledger, voucher folder; files.demo also shows sample containers
    bool fullscreen = false;
    std::string language;     // --lang: the default language (over the admin's saved choice)
    std::string screenshot;   // write the first frame as PNG here, then exit
    bool high_contrast = false;
    bool large_text = false;
    float panel_inches = 0;   // the panel's diagonal: its physical scale when SDL reports no DPI (0: not configured)
    std::string assets;       // folder with i18n/ and factors/; empty: RETURNLOOP_ASSETS, then the built-in path
};

// Runs until the window is closed (or the screenshot is written). Returns a process exit code (commands.hpp).
int run_window(const WindowOptions& options);

}  // namespace returnloop::kiosk::ui
