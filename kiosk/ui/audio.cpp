// Generated cue tones (see audio.hpp). Accept is a rising two-note chirp, reject a low double buzz, done a
// three-note chime: told apart by pitch and rhythm, so they also work for people who cannot see the screen.
#include "ui/audio.hpp"

#include <cmath>
#include <cstdio>

namespace returnloop::kiosk::ui {
namespace {

constexpr double kPi = 3.14159265358979323846;

struct Note {
    double hz;
    int ms;
    int gap_ms;
    bool buzzy;  // odd harmonics: the reject sound is rough on purpose
};

void append(std::vector<std::int16_t>& out, const Note& note, double volume) {
    const int samples = Audio::kRate * note.ms / 1000;
    const int fade = Audio::kRate * 8 / 1000;  // 8 ms ramps: no clicks
    for (int i = 0; i < samples; ++i) {
        const double t = static_cast<double>(i) / Audio::kRate;
        double v = std::sin(2 * kPi * note.hz * t);
        if (note.buzzy) v = 0.7 * v + 0.2 * std::sin(2 * kPi * 3 * note.hz * t) + 0.1 * std::sin(2 * kPi * 5 * note.hz * t);
        const double envelope = std::min({1.0, static_cast<double>(i) / fade, static_cast<double>(samples - i) / fade});
        out.push_back(static_cast<std::int16_t>(std::lround(v * envelope * volume * 32767)));
    }
    out.insert(out.end(), static_cast<std::size_t>(Audio::kRate * note.gap_ms / 1000), 0);
}

}  // namespace

std::vector<std::int16_t> Audio::render(Cue cue) {
    std::vector<std::int16_t> out;
    switch (cue) {
        case Cue::accept:
            append(out, {880, 70, 10, false}, 0.45);
            append(out, {1320, 110, 0, false}, 0.45);
            break;
        case Cue::reject:
            append(out, {196, 140, 60, true}, 0.5);
            append(out, {196, 140, 0, true}, 0.5);
            break;
        case Cue::done:
            append(out, {660, 90, 15, false}, 0.4);
            append(out, {880, 90, 15, false}, 0.4);
            append(out, {1175, 200, 0, false}, 0.4);
            break;
    }
    return out;
}

Audio::Audio() : accept_(render(Cue::accept)), reject_(render(Cue::reject)), done_(render(Cue::done)) {}

Audio::~Audio() {
    close();
    if (SDL_WasInit(SDL_INIT_AUDIO)) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

bool Audio::open() {
    if (device_ != 0) return true;
    if (failed_) return false;
    if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        std::fprintf(stderr, "returnloop-kiosk: no sound (%s)\n", SDL_GetError());
        failed_ = true;
        return false;
    }
    SDL_AudioSpec want{};
    want.freq = kRate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, nullptr, 0);
    if (device_ == 0) {
        std::fprintf(stderr, "returnloop-kiosk: no sound (%s)\n", SDL_GetError());
        failed_ = true;
        return false;
    }
    SDL_PauseAudioDevice(device_, 0);
    return true;
}

void Audio::close() {
    if (device_ != 0) SDL_CloseAudioDevice(device_);
    device_ = 0;
}

void Audio::play(Cue cue, std::int64_t now_ms) {
    if (!open()) return;
    const std::vector<std::int16_t>& samples = cue == Cue::accept ? accept_ : cue == Cue::reject ? reject_ : done_;
    SDL_ClearQueuedAudio(device_);  // the newest event wins: a fast scanner must not queue a backlog of beeps
    SDL_QueueAudio(device_, samples.data(), static_cast<Uint32>(samples.size() * sizeof(std::int16_t)));
    last_sound_ms_ = now_ms;
}

void Audio::tick(std::int64_t now_ms) {
    if (device_ != 0 && now_ms - last_sound_ms_ >= kIdleCloseMs) close();
}

std::int64_t Audio::wake_ms() const { return device_ != 0 ? last_sound_ms_ + kIdleCloseMs : 0; }

}  // namespace returnloop::kiosk::ui
