// The X server's key press times on the kiosk's clock (see key_clock.hpp).
#include "ui/key_clock.hpp"

#include <SDL_syswm.h>

namespace returnloop::kiosk::ui {

void KeyClock::enable() { SDL_EventState(SDL_SYSWMEVENT, SDL_ENABLE); }

void KeyClock::on_system_event(const SDL_SysWMEvent& system_event, std::int64_t now_ms) {
#if defined(SDL_VIDEO_DRIVER_X11)
    const SDL_SysWMmsg* message = system_event.msg;
    if (message == nullptr || message->subsystem != SDL_SYSWM_X11) return;
    const XEvent& event = message->msg.x11.event;
    if (event.type != KeyPress) return;
    // X server time is milliseconds in 32 bits (it wraps after 49 days); differences within a scan stay right.
    const auto server_ms = static_cast<std::uint64_t>(event.xkey.time);
    last_press_server_ms_ = server_ms;
    last_press_sdl_timestamp_ = system_event.timestamp;
    const std::int64_t offset = now_ms - static_cast<std::int64_t>(server_ms);
    // A wrap (or a server restart) moves the clock far: start the estimate afresh rather than keep a stale minimum.
    if (!offset_ms_ || offset < *offset_ms_ || offset - *offset_ms_ > 60'000) offset_ms_ = offset;
#else
    (void)system_event;
    (void)now_ms;
#endif
}

std::int64_t KeyClock::stamp(std::uint32_t sdl_timestamp, std::int64_t sdl_to_clock_ms) const {
    // SDL sends the press's own key and text events right after its system event, stamped within a few
    // milliseconds; anything else (a filtered press, another window system) keeps SDL's stamp.
    const bool same_press = last_press_server_ms_ && offset_ms_ && sdl_timestamp >= last_press_sdl_timestamp_ &&
                            sdl_timestamp - last_press_sdl_timestamp_ <= kSamePressMs;
    if (!same_press) return sdl_to_clock_ms + static_cast<std::int64_t>(sdl_timestamp);
    return static_cast<std::int64_t>(*last_press_server_ms_) + *offset_ms_;
}

}  // namespace returnloop::kiosk::ui
