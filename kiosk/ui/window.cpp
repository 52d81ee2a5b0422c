// The kiosk window: set-up and the loop (see window.hpp), the third part beside event translation (window_events.*)
// and instrumentation (window_report.*). Order as in ImGui's example_sdl2_opengl3/main.cpp: SDL and GL, ImGui and its
// two backends, then events -> NewFrame -> app_frame -> Render -> swap. The loop sleeps in SDL_WaitEventTimeout until
// an event or the next timer (idle timeout, a notice, the countdown): an idle kiosk draws nothing and uses no CPU.
#include "ui/window.hpp"

#include <SDL.h>
#include <malloc.h>
#include <SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "ui/actions.hpp"
#include "ui/admin_actions.hpp"
#include "ui/app_frame.hpp"
#include "ui/audio.hpp"
#include "ui/intake_link.hpp"
#include "ui/window_events.hpp"
#include "ui/window_report.hpp"

#ifndef RETURNLOOP_ASSETS_DIR
#define RETURNLOOP_ASSETS_DIR "/usr/share/returnloop/assets"
#endif

namespace returnloop::kiosk::ui {
namespace {

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
        if (Status address = KioskIntake::check_address(options.files.controller); !address) {
            std::cerr << "returnloop-kiosk: " << address.error().path << ": " << address.error().message << "\n";
            return kExitUsage;
        }
    }
    const std::string assets = assets_folder(options);
    KioskFiles files = options.files;
    files.impact_factors = assets + "/factors";
    OpenedKiosk kiosk = open_kiosk(files);
    if (kiosk.error) {
        std::cerr << "returnloop-kiosk: " << kiosk.error->message;
        return kiosk.error->exit_code;
    }
    Result<StringTable> strings = load_string_table(assets + "/i18n");
    if (!strings) {
        std::cerr << "returnloop-kiosk: " << strings.error().path << ": " << strings.error().message << "\n";
        return kExitFailed;
    }
    out.strings = std::move(strings).value();
    out.factors = std::move(kiosk.impact_factors);
    // The kiosk still takes containers; it shows counts without CO2e.
    if (!out.factors) std::cerr << "returnloop-kiosk: impact figures are off: " << kiosk.impact_factors_error << "\n";
    out.backend = std::move(kiosk.backend);
    // The plausibility rule's mass model for containers whose register row has no mass_g.
    if (!options.files.controller.empty() && out.factors) out.backend->set_mass_model(*out.factors);
    return std::nullopt;
}

// The window and its OpenGL 3 context, as in ImGui's example; nullptr (after printing why) when either fails.
SDL_Window* open_gl_window(bool fullscreen, SDL_GLContext& gl_context) {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    SDL_Window* window = SDL_CreateWindow("ReturnLoop kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1920, 1080, flags);
    if (!window) {
        std::cerr << "returnloop-kiosk: cannot open a window: " << SDL_GetError() << "\n";
        return nullptr;
    }
    gl_context = SDL_GL_CreateContext(window);
    if (!gl_context) {
        std::cerr << "returnloop-kiosk: no OpenGL 3 context: " << SDL_GetError() << "\n";
        SDL_DestroyWindow(window);
        return nullptr;
    }
    SDL_GL_MakeCurrent(window, gl_context);
    SDL_GL_SetSwapInterval(1);
    if (fullscreen) SDL_ShowCursor(SDL_DISABLE);  // a touch kiosk shows no pointer
    return window;
}

// Dear ImGui and its SDL2 + OpenGL 3 backends. Returns whether the driver can swizzle a one-byte atlas.
bool start_imgui(SDL_Window* window, SDL_GLContext gl_context) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout is code; nothing to remember between runs
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard | ImGuiConfigFlags_NoMouseCursorChange;
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would need a frame every half second
    ImGui_ImplSDL2_InitForOpenGL(window, gl_context);
    ImGui_ImplOpenGL3_Init("#version 130");
    // Shaders and buffers now (with a placeholder font texture that rebuild_fonts() replaces), so the backend never
    // uploads an atlas on its own at the first NewFrame().
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    int gl_major = 0, gl_minor = 0;
    SDL_GL_GetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, &gl_major);
    SDL_GL_GetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, &gl_minor);
    return gl_major * 10 + gl_minor >= 33 || SDL_GL_ExtensionSupported("GL_ARB_texture_swizzle");
}

void stop_imgui() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
}

void prepare_state(AppState& state, const WindowOptions& options, Loaded& loaded) {
    state.services.backend = loaded.backend.get();
    state.services.strings = &loaded.strings;
    state.services.factors = loaded.factors ? &*loaded.factors : nullptr;
    state.services.now = system_now;
    state.services.textures = TextureHooks{upload_texture, release_texture};
    state.default_language = load_default_language(*loaded.backend).value_or(Language::en);
    if (!options.language.empty()) {
        if (std::optional<Language> language = language_from_id(options.language)) state.default_language = *language;
        else std::cerr << "returnloop-kiosk: unknown language \"" << options.language << "\"; using " << language_id(state.default_language) << "\n";
    }
    state.default_prefs = DisplayPrefs{options.high_contrast, options.large_text};
    state.demo = options.files.demo && options.files.controller.empty();  // scan-only sample containers: the demo without an intake
}

// One frame: metrics (and the atlas when they change), NewFrame, the app, Render. Not yet swapped.
void draw_frame(SDL_Window* window, AppState& state, const FontFiles& font_files, GLuint& alpha_texture, bool swizzle,
                ImVec2 pointer, float panel_inches, WindowReport& report) {
    ImGuiIO& io = ImGui::GetIO();
    int width = 0, height = 0;
    SDL_GetWindowSize(window, &width, &height);
    float dpi = 0;
    if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(window), &dpi, nullptr, nullptr) != 0) dpi = 0;
    // Without a DPI from the system, the store's configured diagonal over the window's size (the screen's, fullscreen).
    if (dpi <= 0) dpi = dpi_from_diagonal(ImVec2(static_cast<float>(width), static_cast<float>(height)), panel_inches);
    if (update_metrics(state, ImVec2(static_cast<float>(width), static_cast<float>(height)), dpi)) {
        rebuild_fonts(state, font_files, alpha_texture, swizzle);
        report.fonts_built();
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    // The pointer where the events handled so far put it, not where ImGui 1.86's SDL backend finds it now: the backend
    // asks the X server for the pointer's current place (so a tap handled late, behind a slow frame, would land where
    // the finger went next) and only while the window has keyboard focus (which a kiosk without a window manager can
    // lose to a screenshot tool or a stray client).
    if (pointer.x >= 0) io.MousePos = pointer;
    ImGui::NewFrame();
    begin_frame(state);
    app_frame(state);
    ImGui::Render();
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
               static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
    const ImVec4 clear = ImGui::ColorConvertU32ToFloat4(state.palette.background);
    glClearColor(clear.x, clear.y, clear.z, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace

int run_window(const WindowOptions& options) {
    WindowReport report(steady_ms());
    Loaded loaded;
    if (std::optional<int> failed = load(options, loaded)) return *failed;
    report.loaded();

    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::cerr << "returnloop-kiosk: cannot start SDL: " << SDL_GetError() << "\n";
        return kExitFailed;
    }
    SDL_GLContext gl_context = nullptr;
    SDL_Window* window = open_gl_window(options.fullscreen, gl_context);
    if (!window) {
        SDL_Quit();
        return kExitFailed;
    }
    report.window_ready();
    const bool swizzle = start_imgui(window, gl_context);
    report.imgui_ready();

    {
        Audio audio;
        AppState state;
        prepare_state(state, options, loaded);
        start(state);
        WindowEvents events(window);
        // --hub: a version the worker fetched wakes the loop, so it applies between sessions at once, not at the next
        // timer (up to a minute on the attract screen). Any SDL event draws a frame, and each frame looks.
        const std::shared_ptr<HubConfigInbox>& hub_config = options.files.hub_config;
        if (hub_config) {
            if (const Uint32 hub_wake = SDL_RegisterEvents(1); hub_wake != static_cast<Uint32>(-1)) {
                hub_config->on_offer([hub_wake] {
                    SDL_Event wake{};
                    wake.type = hub_wake;
                    SDL_PushEvent(&wake);
                });
            }
        }
        std::unique_ptr<WindowIntake> intake;  // rvm mode: the machine's controller
        if (!options.files.controller.empty()) {
            Result<std::unique_ptr<WindowIntake>> started = WindowIntake::start(state, options.files.controller);
            if (!started) {
                std::cerr << "returnloop-kiosk: " << started.error().message << "\n";
                state.quit = true;
            } else {
                intake = std::move(started).value();
                // The controller's link: handled at the top of the event loop, drawn only when it changed something.
                events.on_user_event(intake->event_type(), [raw = intake.get()] { raw->service(); });
            }
        }
        const FontFiles font_files;
        GLuint alpha_texture = 0;
        // Every window has a fixed place and size, so the first frame is already complete (tests/kiosk/ui/e2e.py
        // compares it with the third); input later draws a few frames so ImGui can settle hover and release.
        const int first_frames = std::getenv("RETURNLOOP_KIOSK_FIRST_FRAMES") ? std::max(1, std::atoi(std::getenv("RETURNLOOP_KIOSK_FIRST_FRAMES"))) : 1;
        int frames_pending = first_frames;
        int frames_drawn = 0;
        auto now_ms = [&state] { return state.services.now().unix_ms; };

        while (!state.quit) {
            // Sleep until an event or the next timer; drawing is driven by both, never by a free-running loop.
            std::int64_t wake = next_wake_ms(state);
            if (const std::int64_t audio_wake = audio.wake_ms(); audio_wake != 0) wake = std::min(wake, audio_wake);
            const std::int64_t timeout = frames_pending > 0 ? 0 : std::clamp<std::int64_t>(wake - now_ms(), 0, 60'000);
            const EventBatch batch = events.pump(state, timeout);
            frames_pending = std::max(frames_pending, std::max(batch.frames_needed, batch.timer_due ? 1 : 0));
            if (batch.scan_entered_ms != 0) report.scan_entered(batch.scan_entered_ms);
            audio.tick(now_ms());
            if (frames_pending == 0 || state.quit || events.mid_burst(state)) continue;  // nothing to draw, or more is coming
            --frames_pending;

            const std::size_t events_before = state.events.size();
            const Screen screen_before = state.screen;
            draw_frame(window, state, font_files, alpha_texture, swizzle, events.pointer(), options.panel_inches, report);
            ++frames_drawn;
            if (!options.screenshot.empty() && frames_pending == 0 && frames_drawn >= first_frames) {
                int fb_w = 0, fb_h = 0;
                SDL_GL_GetDrawableSize(window, &fb_w, &fb_h);
                if (!report.screenshot(options.screenshot, fb_w, fb_h)) std::cerr << "returnloop-kiosk: cannot write " << options.screenshot << "\n";
                break;
            }
            SDL_GL_SwapWindow(window);
            // What this frame changed is drawn by the next one (a button pressed now shows its result then).
            if (state.events.size() != events_before || state.screen != screen_before || state.fonts_dirty) frames_pending = std::max(frames_pending, 2);
            report.frame_shown(state);
            for (Cue cue : state.cues) audio.play(cue, now_ms());
            state.cues.clear();
        }
        if (alpha_texture != 0) glDeleteTextures(1, &alpha_texture);
        if (hub_config) hub_config->on_offer({});  // the worker outlives SDL
    }  // the AppState (and its textures) goes before the GL context
    stop_imgui();
    SDL_GL_DeleteContext(gl_context);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return kExitOk;
}

}  // namespace returnloop::kiosk::ui
