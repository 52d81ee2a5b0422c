// The headless machine interface: stdin carries what a USB scanner types (one code per line) and touch actions
// (lines starting with ':'), stdout gets one JSON object per event. The event vocabulary is documented in
// kiosk/README.md; it is what the kill test and a machine controller read.
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "backend/backend.hpp"

namespace returnloop::kiosk {

inline constexpr std::size_t kMaxScanLine = 4096;  // longer lines are junk: dropped and reported, never buffered

// Splits a byte stream into lines of at most kMaxScanLine bytes without ever holding more than that.
class LineReader {
public:
    explicit LineReader(int fd) : fd_(fd) {}
    // false at end of input. `overlong` is set when the line was cut (its first kMaxScanLine bytes are returned).
    // While no input comes, `on_wait` (when given) is called about twice a second.
    bool next(std::string& line, bool& overlong, const std::function<void()>& on_wait = {});

private:
    int fd_;
    char buffer_[8192];
    std::size_t start_ = 0, end_ = 0;
    bool eof_ = false;
};

using ClockFunction = std::function<KioskTime()>;

// Writes one JSON object and a newline, flushed, so a reader sees each event as soon as it is true.
using EventSink = std::function<void(const std::string& json_line)>;

// Emits restored (and reissued receipts), then ready, then handles each line until end of input. Returns 0.
int run_headless(KioskBackend& backend, int input_fd, const EventSink& emit, const ClockFunction& now);

// Applies a configuration version from the hub when one waits and no session is open; emits {"event":"hub_config",
// "version", "applied", "error"?, "field"?, "message"?}.
void apply_hub_config(KioskBackend& backend, KioskTime now, const EventSink& emit);

// One line of input -> its events (the loop above uses it; tests call it directly).
void handle_line(KioskBackend& backend, std::string_view line, bool overlong, KioskTime now, const EventSink& emit);

// One "printed" event per receipt the printer's worker finished (ok, or printError).
void emit_print_results(KioskBackend& backend, KioskTime now, const EventSink& emit);

}  // namespace returnloop::kiosk
