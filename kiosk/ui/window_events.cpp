// SDL events to the kiosk's input (see window_events.hpp).
#include "ui/window_events.hpp"

#include <backends/imgui_impl_sdl.h>

#include <algorithm>

#include "ui/actions.hpp"
#include "ui/admin_actions.hpp"

namespace returnloop::kiosk::ui {
namespace {

bool is_input(const SDL_Event& event) {
    switch (event.type) {
        case SDL_KEYDOWN: case SDL_KEYUP: case SDL_TEXTINPUT: case SDL_MOUSEMOTION: case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP: case SDL_MOUSEWHEEL: case SDL_FINGERDOWN: case SDL_FINGERUP: case SDL_FINGERMOTION:
            return true;
        default: return false;
    }
}

std::int64_t clock_ms(const AppState& state) { return state.services.now().unix_ms; }

}  // namespace

WindowEvents::WindowEvents(SDL_Window* window) : window_(window) { KeyClock::enable(); }

bool WindowEvents::mid_burst(const AppState& state) const {
    return !state.scan_input.pending().empty() && clock_ms(state) - last_text_ms_ < ScanInput::kBurstGapMs;
}

EventBatch WindowEvents::pump(AppState& state, std::int64_t timeout_ms) {
    EventBatch batch;
    // In the middle of a scanner's burst, wait for its next character instead of drawing: the frames would delay the
    // characters behind them and make a scanner look like a person typing.
    const bool burst = mid_burst(state);
    if (burst) timeout_ms = ScanInput::kBurstGapMs;
    SDL_Event event;
    bool have = SDL_WaitEventTimeout(&event, static_cast<int>(timeout_ms)) != 0;
    // No event and no burst to wait for: a timer is due, so draw it. That includes a timeout of 0 because the wake
    // time had already passed (a long frame, a screenshot tool grabbing the X server): skipping the frame then would
    // spin here without ever running the timer.
    batch.timer_due = !have && !burst;
    pressed_.clear();
    // SDL stamps events in milliseconds since it started; the scan buffer keeps the kiosk's clock.
    const std::int64_t sdl_to_clock = clock_ms(state) - static_cast<std::int64_t>(SDL_GetTicks64());
    for (SDL_Event& e : deferred_) ImGui_ImplSDL2_ProcessEvent(&e);
    deferred_.clear();
    while (have) {
        if (user_service_ && event.type == user_type_) {
            const std::size_t before = state.events.size();
            const bool notice_before = state.notice.has_value();
            user_service_();
            if (state.events.size() != before || state.notice.has_value() != notice_before) batch.frames_needed = std::max(batch.frames_needed, 2);
            have = SDL_PollEvent(&event) != 0;
            continue;
        }
        handle(state, event, sdl_to_clock, batch);
        // ImGui 1.86 sees at most one click per frame: a second tap queued behind this release (a quick double tap on
        // the keypad's "0", or taps queued while a slow frame drew) would be lost, so the rest of the queue waits for
        // the frame that shows this one.
        if (event.type == SDL_MOUSEBUTTONUP) break;
        have = SDL_PollEvent(&event) != 0;
    }
    return batch;
}

void WindowEvents::handle(AppState& state, SDL_Event& event, std::int64_t sdl_to_clock, EventBatch& batch) {
    ImGuiIO& io = ImGui::GetIO();
    // Input needs a few frames (ImGui sees a press, then its release, then draws the result); a window event (shown,
    // exposed, focus) only needs the picture drawn again. The window system's own events only feed the key clock.
    if (event.type != SDL_SYSWMEVENT) batch.frames_needed = std::max(batch.frames_needed, is_input(event) ? 3 : 1);
    switch (event.type) {
        case SDL_QUIT: state.quit = true; break;
        case SDL_SYSWMEVENT:
            key_clock_.on_system_event(event.syswm, sdl_to_clock + static_cast<std::int64_t>(event.syswm.timestamp));
            break;
        case SDL_TEXTINPUT:
            if (io.WantTextInput) {
                ImGui_ImplSDL2_ProcessEvent(&event);
            } else {
                // Every typed character outside a text field is scanner input (or a person typing a code).
                state.scan_input.on_text(event.text.text, key_clock_.stamp(event.text.timestamp, sdl_to_clock));
                last_text_ms_ = clock_ms(state);
            }
            state.last_touch_ms = clock_ms(state);
            break;
        case SDL_KEYDOWN: key_down(state, event, sdl_to_clock, batch); break;
        case SDL_KEYUP: key_up(event); break;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_FINGERDOWN:
            state.last_touch_ms = clock_ms(state);
            if (event.type == SDL_MOUSEBUTTONDOWN) pointer_ = ImVec2(static_cast<float>(event.button.x), static_cast<float>(event.button.y));
            // A kiosk often runs without a window manager: a touch must work even if nothing gave us focus.
            if (SDL_GetKeyboardFocus() != window_) SDL_SetWindowInputFocus(window_);
            ImGui_ImplSDL2_ProcessEvent(&event);
            break;
        case SDL_MOUSEMOTION:
            pointer_ = ImVec2(static_cast<float>(event.motion.x), static_cast<float>(event.motion.y));
            ImGui_ImplSDL2_ProcessEvent(&event);
            break;
        case SDL_WINDOWEVENT:
            if (event.window.event == SDL_WINDOWEVENT_CLOSE && event.window.windowID == SDL_GetWindowID(window_)) state.quit = true;
            ImGui_ImplSDL2_ProcessEvent(&event);
            break;
        default: ImGui_ImplSDL2_ProcessEvent(&event); break;
    }
}

void WindowEvents::key_down(AppState& state, SDL_Event& event, std::int64_t sdl_to_clock, EventBatch& batch) {
    state.last_touch_ms = clock_ms(state);
    const SDL_Keycode key = event.key.keysym.sym;
    if (ImGui::GetIO().WantTextInput) {
        ImGui_ImplSDL2_ProcessEvent(&event);
        pressed_.push_back(event.key.keysym.scancode);
        return;
    }
    if (key == SDLK_RETURN || key == SDLK_KP_ENTER) {
        const std::int64_t pressed_ms = key_clock_.stamp(event.key.timestamp, sdl_to_clock);
        if (std::optional<TypedCode> code = state.scan_input.on_enter(pressed_ms)) {
            state.now = state.services.now();
            state.now_ms = state.now.unix_ms;
            handle_typed(state, *code);
            batch.scan_entered_ms = pressed_ms;
        } else if (!event.key.repeat) {
            // Enter with nothing typed presses the focused button, like Space.
            SDL_Event space = event;
            space.key.keysym.scancode = SDL_SCANCODE_SPACE;
            space.key.keysym.sym = SDLK_SPACE;
            ImGui_ImplSDL2_ProcessEvent(&space);
            space_injected_ = true;
        }
    } else if (key == SDLK_BACKSPACE && !state.scan_input.pending().empty()) {
        state.scan_input.on_backspace();
    } else if (key == SDLK_ESCAPE && state.shopper.keypad_open) {
        close_keypad(state);
    } else if (key == SDLK_F2) {
        DisplayPrefs prefs = state.shopper.prefs;
        prefs.high_contrast = !prefs.high_contrast;
        set_display(state, prefs);
    } else if (key == SDLK_F3) {
        DisplayPrefs prefs = state.shopper.prefs;
        prefs.large_text = !prefs.large_text;
        set_display(state, prefs);
    } else if (key == SDLK_F4) {
        set_language(state, kLanguages[(static_cast<std::size_t>(state.shopper.language) + 1) % kLanguages.size()]);
    } else if (key == SDLK_F12 && state.screen == Screen::attract) {
        admin_open(state);
    } else {
        ImGui_ImplSDL2_ProcessEvent(&event);
        pressed_.push_back(event.key.keysym.scancode);
    }
}

void WindowEvents::key_up(SDL_Event& event) {
    const SDL_Keycode key = event.key.keysym.sym;
    if ((key == SDLK_RETURN || key == SDLK_KP_ENTER) && space_injected_) {
        event.key.keysym.scancode = SDL_SCANCODE_SPACE;
        event.key.keysym.sym = SDLK_SPACE;
        space_injected_ = false;
        deferred_.push_back(event);  // after a frame has seen the key down
    } else if (std::find(pressed_.begin(), pressed_.end(), event.key.keysym.scancode) != pressed_.end()) {
        deferred_.push_back(event);
    } else {
        ImGui_ImplSDL2_ProcessEvent(&event);
    }
}

}  // namespace returnloop::kiosk::ui
