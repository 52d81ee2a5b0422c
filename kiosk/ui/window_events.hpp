// SDL events -> the kiosk's input: scanner characters into the scan buffer, Enter as a scan or a button press, the
// kiosk's function keys, taps where the events put the pointer, everything else to Dear ImGui's SDL backend. The
// first of the window loop's three parts (events, instrumentation, the loop in window.cpp).
#pragma once

#include <SDL.h>
#include <imgui.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "ui/app_state.hpp"
#include "ui/key_clock.hpp"

namespace returnloop::kiosk::ui {

struct EventBatch {
    int frames_needed = 0;            // 3 after input (press, release, result), 1 after a window event, 0 for none
    bool timer_due = false;           // nothing came before the timeout: a timer is due, draw it
    std::int64_t scan_entered_ms = 0; // a scan was handled in this batch: when its Enter was typed
};

class WindowEvents {
public:
    explicit WindowEvents(SDL_Window* window);

    // Waits up to timeout_ms for an event (less in the middle of a scanner's burst), then handles a batch: up to and
    // including the first button release, because Dear ImGui 1.86 sees one click per frame.
    EventBatch pump(AppState& state, std::int64_t timeout_ms);

    // An SDL user event of `type` is handled by `service` at the top of the loop (the controller's link, rvm mode),
    // not passed to ImGui; drawn only when it changed the events or the notice.
    void on_user_event(Uint32 type, std::function<void()> service) { user_type_ = type; user_service_ = std::move(service); }

    // More of a scanner's burst is coming: the loop does not draw in the middle of one.
    bool mid_burst(const AppState& state) const;
    // Where the handled events put the pointer (window coordinates), or (-1, -1) before any.
    ImVec2 pointer() const { return pointer_; }

private:
    void handle(AppState& state, SDL_Event& event, std::int64_t sdl_to_clock, EventBatch& batch);
    void key_down(AppState& state, SDL_Event& event, std::int64_t sdl_to_clock, EventBatch& batch);
    void key_up(SDL_Event& event);

    SDL_Window* window_;
    KeyClock key_clock_;
    ImVec2 pointer_{-1, -1};
    std::int64_t last_text_ms_ = 0;
    bool space_injected_ = false;            // Enter with nothing typed was passed on as Space
    std::vector<SDL_Scancode> pressed_;      // keys pressed in this batch: their release waits for a frame
    std::vector<SDL_Event> deferred_;        // releases for the next batch
    Uint32 user_type_ = 0;
    std::function<void()> user_service_;
};

}  // namespace returnloop::kiosk::ui
