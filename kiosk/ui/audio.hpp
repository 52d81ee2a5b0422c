// Accept, reject and done sounds, generated as tones (no sound files) and queued on an SDL audio device.
// The device opens on the first sound and closes after a quiet spell, so an idle kiosk runs no audio thread.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <vector>

#include "ui/app_state.hpp"

namespace returnloop::kiosk::ui {

class Audio {
public:
    Audio();
    ~Audio();
    Audio(const Audio&) = delete;
    Audio& operator=(const Audio&) = delete;

    void play(Cue cue, std::int64_t now_ms);
    void tick(std::int64_t now_ms);       // closes the device after kIdleCloseMs without a sound
    std::int64_t wake_ms() const;         // when tick() has something to do (0: nothing)
    bool available() const { return !failed_; }

    static constexpr int kRate = 48000;
    static constexpr std::int64_t kIdleCloseMs = 30'000;

    // The samples of a cue (mono, signed 16-bit, kRate per second); public so tests can check them.
    static std::vector<std::int16_t> render(Cue cue);

private:
    bool open();
    void close();
    SDL_AudioDeviceID device_ = 0;
    bool failed_ = false;
    std::int64_t last_sound_ms_ = 0;
    std::vector<std::int16_t> accept_, reject_, done_;
};

}  // namespace returnloop::kiosk::ui
