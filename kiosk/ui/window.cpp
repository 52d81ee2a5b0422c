// The kiosk window and its loop (see window.hpp). Order as in ImGui's example_sdl2_opengl3/main.cpp: SDL and GL,
// ImGui and its two backends, then events -> NewFrame -> app_frame -> Render -> swap. The loop sleeps in
// SDL_WaitEventTimeout until an event or the next timer (idle timeout, a notice, the countdown): an idle kiosk draws
// nothing and uses no CPU.
#include "ui/window.hpp"

#include <SDL.h>
#include <malloc.h>
#include <SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <stb_image_write.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>

#include "backend/commands.hpp"
#include "backend/files.hpp"
#include "ui/actions.hpp"
#include "ui/admin_actions.hpp"
#include "ui/app_frame.hpp"
#include "ui/audio.hpp"
#include "ui/intake_link.hpp"
#include "ui/key_clock.hpp"
#include "ui/totals.hpp"

#ifndef RETURNLOOP_ASSETS_DIR
#define RETURNLOOP_ASSETS_DIR "/usr/share/returnloop/assets"
#endif

namespace returnloop::kiosk::ui {
namespace {

void print_line(const std::string& line) {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// Milliseconds since the process was exec'ed (from /proc, 10 ms resolution), so start-up time includes loading.
double ms_since_exec() {
    std::FILE* f = std::fopen("/proc/self/stat", "r");
    if (!f) return -1;
    char buffer[1024];
    const std::size_t n = std::fread(buffer, 1, sizeof buffer - 1, f);
    std::fclose(f);
    buffer[n] = 0;
    const char* p = std::strrchr(buffer, ')');  // the command name may hold spaces
    if (!p) return -1;
    unsigned long long start_ticks = 0;
    int field = 2;
    for (const char* q = p + 1; *q; ++q) {
        if (*q == ' ' && ++field == 22) {
            start_ticks = std::strtoull(q + 1, nullptr, 10);
            break;
        }
    }
    timespec boot{};
    clock_gettime(CLOCK_BOOTTIME, &boot);
    const double now_ms = static_cast<double>(boot.tv_sec) * 1000 + static_cast<double>(boot.tv_nsec) / 1e6;
    return now_ms - static_cast<double>(start_ticks) * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::string assets_folder(const WindowOptions& options) {
    if (!options.assets.empty()) return options.assets;
    if (const char* env = std::getenv("RETURNLOOP_ASSETS"); env && *env) return env;
    return RETURNLOOP_ASSETS_DIR;
}

ImTextureID upload_texture(int width, int height, const unsigned char* rgba) {
    GLuint texture = 0;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    // Linear filtering is exact at 1:1 (the voucher is drawn on whole pixels) and smooth when it must shrink.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture));
}

void release_texture(ImTextureID id) {
    const GLuint texture = static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(id));
    glDeleteTextures(1, &texture);
}

bool write_screenshot(const std::string& path, int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom-up; PNG's top-down.
    const std::size_t stride = static_cast<std::size_t>(width) * 3;
    std::vector<unsigned char> flipped(pixels.size());
    for (int y = 0; y < height; ++y) {
        std::copy_n(pixels.data() + static_cast<std::size_t>(height - 1 - y) * stride, stride, flipped.data() + static_cast<std::size_t>(y) * stride);
    }
    return stbi_write_png(path.c_str(), width, height, 3, flipped.data(), static_cast<int>(stride)) != 0;
}

std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// The atlas uploaded as one byte per pixel and read as (1, 1, 1, alpha) through a texture swizzle: a quarter of the
// RGBA texture ImGui's backend uploads, and software GL (llvmpipe) keeps textures in the process's own memory.
GLuint upload_alpha_atlas(ImFontAtlas& atlas) {
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
    GLuint texture = 0;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture)));
    return texture;
}

// Builds the atlas for the current metrics and puts it on the GPU; the CPU copy is freed.
void rebuild_fonts(AppState& state, const FontFiles& files, GLuint& alpha_texture, bool swizzle) {
    ImGuiIO& io = ImGui::GetIO();
    if (alpha_texture != 0) glDeleteTextures(1, &alpha_texture);
    alpha_texture = 0;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    state.fonts = build_fonts(*io.Fonts, files, glyph_sources(state), state.metrics);
    if (swizzle) alpha_texture = upload_alpha_atlas(*io.Fonts);
    else ImGui_ImplOpenGL3_CreateFontsTexture();  // RGBA, where the driver cannot swizzle (GL < 3.3 without the extension)
    io.Fonts->ClearTexData();
    // Building the atlas took a few MB of scratch space (glyph bitmaps, packing); give it back to the system.
    malloc_trim(0);
}

struct Loaded {
    std::unique_ptr<KioskBackend> backend;
    StringTable strings;
    std::optional<ImpactFactors> factors;
};

// Settings, catalog, ledger, strings and factors; an error is printed and becomes the exit code.
std::optional<int> load(const WindowOptions& options, Loaded& out) {
    if (!options.files.controller.empty()) {
        if (Result<ControllerAddress> address = parse_controller_address(options.files.controller); !address) {
            std::cerr << "returnloop-kiosk: " << address.error().path << ": " << address.error().message << "\n";
            return kExitUsage;
        }
    }
    OpenedKiosk kiosk = open_kiosk(options.files);
    if (kiosk.error) {
        std::cerr << "returnloop-kiosk: " << kiosk.error->message;
        return kiosk.error->exit_code;
    }
    const std::string assets = assets_folder(options);
    Result<StringTable> strings = load_string_table(assets + "/i18n");
    if (!strings) {
        std::cerr << "returnloop-kiosk: " << strings.error().path << ": " << strings.error().message << "\n";
        return kExitFailed;
    }
    out.strings = std::move(strings).value();
    if (Result<ImpactFactors> factors = load_impact_factors(assets + "/factors")) {
        out.factors = std::move(factors).value();
    } else {
        // The kiosk still takes containers; it shows counts without CO2e.
        std::cerr << "returnloop-kiosk: impact figures are off: " << factors.error().path << " " << factors.error().message << "\n";
    }
    out.backend = std::move(kiosk.backend);
    // The plausibility rule's mass model for containers whose register row has no mass_g.
    if (!options.files.controller.empty() && out.factors) out.backend->set_mass_model(*out.factors);
    return std::nullopt;
}

void print_layout_if_changed(const AppState& state, std::string& last) {
    nlohmann::json items = nlohmann::json::array();
    for (const AuditItem& item : state.audit.items) {
        items.push_back({{"id", item.name}, {"label", item.label}, {"x", item.min.x}, {"y", item.min.y}, {"w", item.max.x - item.min.x},
                         {"h", item.max.y - item.min.y}});
    }
    nlohmann::json layout = {{"event", "layout"}, {"screen", screen_id(state.screen)}, {"items", items}};
    // What the shopper reads: each container's line (accepted, checking, or the reason in words) and the notice.
    nlohmann::json lines = nlohmann::json::array();
    for (const ReturnLine& line : state.shopper.lines) {
        lines.push_back({{"name", line.name}, {"state", line.checking ? "checking" : line.accepted ? "accepted" : "refused"},
                         {"detail", line.checking ? state.tr("returning.checking") : line.accepted ? state.tr("returning.accepted") : state.tr(line.reason_key)}});
    }
    if (!lines.empty()) layout["lines"] = lines;
    if (state.notice) layout["notice"] = state.notice->text;
    // A script tapping the code keypad waits for each digit to show before the next tap (never the PIN keypad's).
    if (state.shopper.keypad_open) layout["keypad"] = state.shopper.keypad_entry;
    const std::string text = layout.dump();
    if (text == last) return;
    last = text;
    print_line(layout.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}


}  // namespace

int run_window(const WindowOptions& options) {
    const std::int64_t main_start = steady_ms();
    Loaded loaded;
    if (std::optional<int> failed = load(options, loaded)) return *failed;
    const std::int64_t loaded_at = steady_ms();

    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::cerr << "returnloop-kiosk: cannot start SDL: " << SDL_GetError() << "\n";
        return kExitFailed;
    }
    const char* glsl_version = "#version 130";
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    SDL_Window* window = SDL_CreateWindow("ReturnLoop kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1920, 1080, flags);
    if (!window) {
        std::cerr << "returnloop-kiosk: cannot open a window: " << SDL_GetError() << "\n";
        SDL_Quit();
        return kExitFailed;
    }
    SDL_GLContext gl_context = SDL_GL_CreateContext(window);
    if (!gl_context) {
        std::cerr << "returnloop-kiosk: no OpenGL 3 context: " << SDL_GetError() << "\n";
        SDL_DestroyWindow(window);
        SDL_Quit();
        return kExitFailed;
    }
    SDL_GL_MakeCurrent(window, gl_context);
    SDL_GL_SetSwapInterval(1);
    const std::int64_t window_ready = steady_ms();
    if (options.fullscreen) SDL_ShowCursor(SDL_DISABLE);  // a touch kiosk shows no pointer

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout is code; nothing to remember between runs
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard | ImGuiConfigFlags_NoMouseCursorChange;
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would need a frame every half second
    ImGui_ImplSDL2_InitForOpenGL(window, gl_context);
    ImGui_ImplOpenGL3_Init(glsl_version);
    // Shaders and buffers now (with a placeholder font texture that rebuild_fonts() replaces), so the backend never
    // uploads an atlas on its own at the first NewFrame().
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    int gl_major = 0, gl_minor = 0;
    SDL_GL_GetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, &gl_major);
    SDL_GL_GetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, &gl_minor);
    const bool swizzle = gl_major * 10 + gl_minor >= 33 || SDL_GL_ExtensionSupported("GL_ARB_texture_swizzle");
    const std::int64_t imgui_ready = steady_ms();

    {
        Audio audio;
        AppState state;
        state.services.backend = loaded.backend.get();
        state.services.strings = &loaded.strings;
        state.services.factors = loaded.factors ? &*loaded.factors : nullptr;
        state.services.now = system_now;
        state.services.textures = TextureHooks{upload_texture, release_texture};
        state.services.config_path = options.files.config;
        state.services.ledger_path = options.files.ledger;
        state.services.voucher_dir = options.files.voucher_dir;
        // Beside the ledger: the machine's writable state folder (the settings may live somewhere read-mostly).
        state.services.preferences_path = parent_folder(options.files.ledger) + "/kiosk-ui.json";
        state.default_language = load_default_language(state.services.preferences_path).value_or(Language::en);
        if (!options.language.empty()) {
            if (std::optional<Language> language = language_from_id(options.language)) state.default_language = *language;
            else std::cerr << "returnloop-kiosk: unknown language \"" << options.language << "\"; using " << language_id(state.default_language) << "\n";
        }
        state.default_prefs = DisplayPrefs{options.high_contrast, options.large_text};
        state.demo = options.files.demo && options.files.controller.empty();  // scan-only sample containers: the demo without an intake
        start(state);
        std::unique_ptr<WindowIntake> intake;  // rvm mode: the machine's controller
        if (!options.files.controller.empty()) {
            Result<std::unique_ptr<WindowIntake>> started = WindowIntake::start(state, options.files.controller);
            if (!started) {
                std::cerr << "returnloop-kiosk: " << started.error().message << "\n";
                state.quit = true;
            } else {
                intake = std::move(started).value();
            }
        }

        const FontFiles font_files;
        GLuint alpha_texture = 0;
        std::int64_t fonts_ready = 0, first_frame_done = 0;
        // Every window has a fixed place and size, so the first frame is already complete (tests/kiosk/ui/e2e.py
        // compares it with the third); input later draws a few frames so ImGui can settle hover and release.
        const int first_frames = std::getenv("RETURNLOOP_KIOSK_FIRST_FRAMES") ? std::max(1, std::atoi(std::getenv("RETURNLOOP_KIOSK_FIRST_FRAMES"))) : 1;
        int frames_pending = first_frames;
        int frames_drawn = 0;
        bool ready_printed = false;
        bool space_injected = false;
        // For test scripts: each new set of buttons with their rectangles, so a script can tap "finish" in any language.
        const bool layout_events = std::getenv("RETURNLOOP_KIOSK_LAYOUT") != nullptr;
        std::string layout_printed;
        std::int64_t last_text_ms = 0;
        ImVec2 pointer(-1, -1);  // the last pointer position SDL reported, in window coordinates
        std::int64_t scan_entered_ms = 0;  // when the Enter of the last scan was typed (for the scan_shown event)
        int frames_since_scan = 0;
        std::vector<SDL_Event> deferred;
        KeyClock key_clock;
        KeyClock::enable();
        auto now_ms = [&state] { return state.services.now().unix_ms; };

        while (!state.quit) {
            // Sleep until an event or the next timer; drawing is driven by both, never by a free-running loop.
            std::int64_t wake = next_wake_ms(state);
            if (const std::int64_t audio_wake = audio.wake_ms(); audio_wake != 0) wake = std::min(wake, audio_wake);
            std::int64_t timeout = frames_pending > 0 ? 0 : std::clamp<std::int64_t>(wake - now_ms(), 0, 60'000);
            // In the middle of a scanner's burst, wait for its next character instead of drawing: the frames would
            // delay the characters behind them and make a scanner look like a person typing.
            const bool mid_burst = !state.scan_input.pending().empty() && now_ms() - last_text_ms < ScanInput::kBurstGapMs;
            if (mid_burst) timeout = ScanInput::kBurstGapMs;
            SDL_Event event;
            bool have = SDL_WaitEventTimeout(&event, static_cast<int>(timeout)) != 0;
            // No event and no burst to wait for: a timer is due, so draw it. That includes a timeout of 0 because the
            // wake time had already passed (a long frame, a screenshot tool grabbing the X server): skipping the frame
            // then would spin here without ever running the timer.
            if (!have && !mid_burst) frames_pending = std::max(frames_pending, 1);
            std::vector<SDL_Scancode> pressed_this_batch;
            // SDL stamps events in milliseconds since it started; the scan buffer keeps the kiosk's clock.
            const std::int64_t sdl_to_clock = now_ms() - static_cast<std::int64_t>(SDL_GetTicks64());
            for (SDL_Event& e : deferred) ImGui_ImplSDL2_ProcessEvent(&e);
            deferred.clear();
            while (have) {
                if (intake && event.type == intake->event_type()) {
                    // The controller's link: handled here, drawn only when it changed something.
                    const std::size_t before = state.events.size();
                    const std::optional<Notice> notice_before = state.notice;
                    intake->service();
                    if (state.events.size() != before || state.notice.has_value() != notice_before.has_value()) frames_pending = std::max(frames_pending, 2);
                    have = SDL_PollEvent(&event) != 0;
                    continue;
                }
                // Input needs a few frames (ImGui sees a press, then its release, then draws the result); a window
                // event (shown, exposed, focus) only needs the picture drawn again.
                const bool input = event.type == SDL_KEYDOWN || event.type == SDL_KEYUP || event.type == SDL_TEXTINPUT ||
                                   event.type == SDL_MOUSEMOTION || event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP ||
                                   event.type == SDL_MOUSEWHEEL || event.type == SDL_FINGERDOWN || event.type == SDL_FINGERUP ||
                                   event.type == SDL_FINGERMOTION;
                // The window system's own events only feed the key clock: nothing on screen changes for them.
                if (event.type != SDL_SYSWMEVENT) frames_pending = std::max(frames_pending, input ? 3 : 1);
                switch (event.type) {
                    case SDL_QUIT: state.quit = true; break;
                    case SDL_SYSWMEVENT:
                        key_clock.on_system_event(event.syswm, sdl_to_clock + static_cast<std::int64_t>(event.syswm.timestamp));
                        break;
                    case SDL_TEXTINPUT:
                        if (io.WantTextInput) {
                            ImGui_ImplSDL2_ProcessEvent(&event);
                        } else {
                            // Every typed character outside a text field is scanner input (or a person typing a code).
                            state.scan_input.on_text(event.text.text, key_clock.stamp(event.text.timestamp, sdl_to_clock));
                            last_text_ms = now_ms();
                        }
                        state.last_touch_ms = now_ms();
                        break;
                    case SDL_KEYDOWN: {
                        state.last_touch_ms = now_ms();
                        const SDL_Keycode key = event.key.keysym.sym;
                        if (io.WantTextInput) {
                            ImGui_ImplSDL2_ProcessEvent(&event);
                            pressed_this_batch.push_back(event.key.keysym.scancode);
                            break;
                        }
                        if (key == SDLK_RETURN || key == SDLK_KP_ENTER) {
                            const std::int64_t pressed_ms = key_clock.stamp(event.key.timestamp, sdl_to_clock);
                            if (std::optional<TypedCode> code = state.scan_input.on_enter(pressed_ms)) {
                                state.now = state.services.now();
                                state.now_ms = state.now.unix_ms;
                                handle_typed(state, *code);
                                scan_entered_ms = pressed_ms;
                                frames_since_scan = 0;
                            } else if (!event.key.repeat) {
                                // Enter with nothing typed presses the focused button, like Space.
                                SDL_Event space = event;
                                space.key.keysym.scancode = SDL_SCANCODE_SPACE;
                                space.key.keysym.sym = SDLK_SPACE;
                                ImGui_ImplSDL2_ProcessEvent(&space);
                                space_injected = true;
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
                            pressed_this_batch.push_back(event.key.keysym.scancode);
                        }
                        break;
                    }
                    case SDL_KEYUP: {
                        const SDL_Keycode key = event.key.keysym.sym;
                        if ((key == SDLK_RETURN || key == SDLK_KP_ENTER) && space_injected) {
                            event.key.keysym.scancode = SDL_SCANCODE_SPACE;
                            event.key.keysym.sym = SDLK_SPACE;
                            space_injected = false;
                            deferred.push_back(event);  // after a frame has seen the key down
                        } else if (std::find(pressed_this_batch.begin(), pressed_this_batch.end(), event.key.keysym.scancode) !=
                                   pressed_this_batch.end()) {
                            deferred.push_back(event);
                        } else {
                            ImGui_ImplSDL2_ProcessEvent(&event);
                        }
                        break;
                    }
                    case SDL_MOUSEBUTTONDOWN:
                    case SDL_FINGERDOWN:
                        state.last_touch_ms = now_ms();
                        if (event.type == SDL_MOUSEBUTTONDOWN) pointer = ImVec2(static_cast<float>(event.button.x), static_cast<float>(event.button.y));
                        // A kiosk often runs without a window manager: a touch must work even if nothing gave us focus.
                        if (SDL_GetKeyboardFocus() != window) SDL_SetWindowInputFocus(window);
                        ImGui_ImplSDL2_ProcessEvent(&event);
                        break;
                    case SDL_MOUSEMOTION:
                        pointer = ImVec2(static_cast<float>(event.motion.x), static_cast<float>(event.motion.y));
                        ImGui_ImplSDL2_ProcessEvent(&event);
                        break;
                    case SDL_WINDOWEVENT:
                        if (event.window.event == SDL_WINDOWEVENT_CLOSE && event.window.windowID == SDL_GetWindowID(window)) state.quit = true;
                        ImGui_ImplSDL2_ProcessEvent(&event);
                        break;
                    default: ImGui_ImplSDL2_ProcessEvent(&event); break;
                }
                // ImGui 1.86 sees at most one click per frame: a second tap queued behind this release (a quick double
                // tap on the keypad's "0", or taps queued while a slow frame drew) would be lost, so the rest of the
                // queue waits for the frame that shows this one.
                if (event.type == SDL_MOUSEBUTTONUP) break;
                have = SDL_PollEvent(&event) != 0;
            }
            audio.tick(now_ms());
            if (frames_pending == 0 || state.quit) continue;
            if (!state.scan_input.pending().empty() && now_ms() - last_text_ms < ScanInput::kBurstGapMs) continue;  // more is coming
            --frames_pending;

            int width = 0, height = 0;
            SDL_GetWindowSize(window, &width, &height);
            float dpi = 0;
            if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(window), &dpi, nullptr, nullptr) != 0) dpi = 0;
            if (update_metrics(state, ImVec2(static_cast<float>(width), static_cast<float>(height)), dpi)) {
                rebuild_fonts(state, font_files, alpha_texture, swizzle);
                if (fonts_ready == 0) fonts_ready = steady_ms();
            }

            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplSDL2_NewFrame();
            // The pointer where the events handled so far put it, not where ImGui 1.86's SDL backend finds it now: the
            // backend asks the X server for the pointer's current place (so a tap handled late, behind a slow frame,
            // would land where the finger went next) and only while the window has keyboard focus (which a kiosk
            // without a window manager can lose to a screenshot tool or a stray client).
            if (pointer.x >= 0) io.MousePos = pointer;
            ImGui::NewFrame();
            const std::size_t events_before = state.events.size();
            const Screen screen_before = state.screen;
            begin_frame(state);
            app_frame(state);
            ImGui::Render();
            glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
                       static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
            const ImVec4 clear = ImGui::ColorConvertU32ToFloat4(state.palette.background);
            glClearColor(clear.x, clear.y, clear.z, 1);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            ++frames_drawn;
            if (!options.screenshot.empty() && frames_pending == 0 && frames_drawn >= first_frames) {
                int fb_w = 0, fb_h = 0;
                SDL_GL_GetDrawableSize(window, &fb_w, &fb_h);
                const bool written = write_screenshot(options.screenshot, fb_w, fb_h);
                print_line(nlohmann::json{{"event", "screenshot"}, {"path", options.screenshot}, {"ok", written},
                                          {"startupMs", steady_ms() - main_start}, {"sinceExecMs", ms_since_exec()}}
                               .dump());
                if (!written) std::cerr << "returnloop-kiosk: cannot write " << options.screenshot << "\n";
                state.quit = true;
                state.events.clear();
                break;
            }
            SDL_GL_SwapWindow(window);
            if (scan_entered_ms != 0 && ++frames_since_scan == 1) {
                // The scan was handled before this frame began, so this frame is the one that shows it.
                print_line(nlohmann::json{{"event", "scan_shown"}, {"latencyMs", now_ms() - scan_entered_ms}, {"framesAfterScan", frames_since_scan}}.dump());
                scan_entered_ms = 0;
            }
            if (first_frame_done == 0) first_frame_done = steady_ms();
            if (!ready_printed) {  // the first frame on the glass: Attract is showing
                ready_printed = true;
                const KioskSettings& s = state.backend().settings();
                print_line(nlohmann::json{{"event", "ready"}, {"screen", screen_id(state.screen)}, {"store", s.store}, {"machine", s.machine},
                                          {"mode", intake ? "rvm" : s.mode == MachineMode::counter ? "counter" : "demo"},
                                          {"scheme", s.scheme.id}, {"glyphs", state.fonts.glyphs}, {"startupMs", steady_ms() - main_start},
                                          // Where start-up went: files and ledger, SDL window and GL context, atlas, first frame.
                                          {"phasesMs", {{"load", loaded_at - main_start}, {"window", window_ready - loaded_at},
                                                        {"imgui", imgui_ready - window_ready}, {"fonts", fonts_ready - imgui_ready},
                                                        {"firstFrame", first_frame_done - fonts_ready}}},
                                          {"sinceExecMs", ms_since_exec()}}
                               .dump());
            }
            // What this frame changed is drawn by the next one (a button pressed now shows its result then).
            if (state.events.size() != events_before || state.screen != screen_before || state.fonts_dirty) frames_pending = std::max(frames_pending, 2);
            if (layout_events) print_layout_if_changed(state, layout_printed);
            for (const std::string& line : state.events) print_line(line);
            state.events.clear();
            for (Cue cue : state.cues) audio.play(cue, now_ms());
            state.cues.clear();
        }
        if (alpha_texture != 0) glDeleteTextures(1, &alpha_texture);
    }  // the AppState (and its textures) goes before the GL context
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(gl_context);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return kExitOk;
}

}  // namespace returnloop::kiosk::ui
