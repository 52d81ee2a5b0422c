// The window loop's instrumentation (see window_report.hpp).
#include "ui/window_report.hpp"

#include <SDL_opengl.h>
#include <stb_image_write.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

namespace returnloop::kiosk::ui {
namespace {

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

std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void print_line(const std::string& line) {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// For test scripts: each new set of buttons with their rectangles, so a script can tap "finish" in any language.
WindowReport::WindowReport(std::int64_t main_start_ms)
    : main_start_(main_start_ms), layout_events_(std::getenv("RETURNLOOP_KIOSK_LAYOUT") != nullptr) {}

void WindowReport::frame_shown(AppState& state) {
    if (scan_entered_ms_ != 0 && ++frames_since_scan_ == 1) {
        // The scan was handled before this frame began, so this frame is the one that shows it.
        print_line(nlohmann::json{{"event", "scan_shown"}, {"latencyMs", state.services.now().unix_ms - scan_entered_ms_},
                                  {"framesAfterScan", frames_since_scan_}}
                       .dump());
        scan_entered_ms_ = 0;
    }
    if (first_frame_ == 0) {  // the first frame on the glass: Attract is showing
        first_frame_ = steady_ms();
        const KioskSettings& s = state.backend().settings();
        print_line(nlohmann::json{{"event", "ready"}, {"screen", screen_id(state.screen)}, {"store", s.store}, {"machine", s.machine},
                                  {"mode", state.intake ? "rvm" : s.mode == MachineMode::counter ? "counter" : "demo"},
                                  {"scheme", s.scheme.id}, {"glyphs", state.fonts.glyphs}, {"startupMs", steady_ms() - main_start_},
                                  // Where start-up went: files and ledger, SDL window and GL context, atlas, first frame.
                                  {"phasesMs", {{"load", loaded_ - main_start_}, {"window", window_ - loaded_}, {"imgui", imgui_ - window_},
                                                {"fonts", fonts_ - imgui_}, {"firstFrame", first_frame_ - fonts_}}},
                                  {"sinceExecMs", ms_since_exec()}}
                       .dump());
    }
    if (layout_events_) print_layout_if_changed(state, layout_printed_);
    for (const std::string& line : state.events) print_line(line);
    state.events.clear();
}

bool WindowReport::screenshot(const std::string& path, int width, int height) {
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
    const bool written = stbi_write_png(path.c_str(), width, height, 3, flipped.data(), static_cast<int>(stride)) != 0;
    print_line(nlohmann::json{{"event", "screenshot"}, {"path", path}, {"ok", written}, {"startupMs", steady_ms() - main_start_},
                              {"sinceExecMs", ms_since_exec()}}
                   .dump());
    return written;
}

}  // namespace returnloop::kiosk::ui
