// When a key was really pressed: the X server's timestamp of each key press, moved onto the kiosk's clock.
// SDL stamps keyboard events when the kiosk's loop pumps them, so a long frame between two characters of a scan
// would look like a person's pause; the X server stamps them as they arrive from the scanner.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <optional>

namespace returnloop::kiosk::ui {

class KeyClock {
public:
    // Asks SDL for the window system's own events (once, after SDL_Init).
    static void enable();
    // Each SDL_SYSWMEVENT: remembers the time of an X key press (SDL sends it just before that key's own events).
    void on_system_event(const SDL_SysWMEvent& event, std::int64_t now_ms);
    // The time of a key event on the kiosk's clock: the X server's when that press was seen, else SDL's stamp.
    std::int64_t stamp(std::uint32_t sdl_timestamp, std::int64_t sdl_to_clock_ms) const;

    static constexpr std::uint32_t kSamePressMs = 5;

private:
    std::optional<std::uint64_t> last_press_server_ms_;
    std::uint32_t last_press_sdl_timestamp_ = 0;  // which SDL events belong to that press: pumped in the same instant
    // Kiosk clock minus X server clock, the smallest seen: an event is never handled before it happened, so the
    // least delayed one gives the best estimate.
    std::optional<std::int64_t> offset_ms_;
};

}  // namespace returnloop::kiosk::ui
