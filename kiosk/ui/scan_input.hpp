// A USB barcode scanner is a keyboard: it types the code's characters and Enter within a few milliseconds.
// ScanInput collects typed characters into a code and tells a scanner's burst from a person typing, so a PIN typed
// on the admin screen is never mistaken for a scan and a scan is never typed into the PIN.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace returnloop::kiosk::ui {

struct TypedCode {
    std::string text;
    bool burst = false;  // arrived as fast as only a scanner types (and long enough to be a barcode)
};

class ScanInput {
public:
    // A printable character (UTF-8 from a text-input event); control characters are ignored.
    void on_text(std::string_view utf8, std::int64_t now_ms);
    // Enter: the code typed so far, if any, and the buffer starts afresh.
    std::optional<TypedCode> on_enter(std::int64_t now_ms);
    void on_backspace();
    void clear();
    // What a person has typed so far (shown so they can see it), empty while nothing is pending.
    const std::string& pending() const { return buffer_; }
    // Forget a half-typed code after a pause (a scanner never pauses mid-code; a person gave up).
    void expire(std::int64_t now_ms);
    // When expire() will drop the pending text (0 when nothing is pending): the loop wakes for it.
    std::int64_t expires_at() const { return buffer_.empty() ? 0 : last_ms_ + kAbandonMs; }

    // Scanners send a character every 1-20 ms; a person's keys are 100 ms or more apart. The typical gap (the
    // median) decides, so one character held up by a busy machine does not turn a scan into typing, but no gap may
    // be as long as a person's.
    static constexpr std::int64_t kBurstGapMs = 40;
    static constexpr std::int64_t kBurstLongestGapMs = 250;
    static constexpr std::size_t kBurstMinLength = 8;    // the shortest GTIN
    static constexpr std::int64_t kAbandonMs = 20'000;
    static constexpr std::size_t kMaxLength = 128;       // longer input is junk; kept bounded

private:
    static bool is_burst(std::vector<std::int64_t> gaps_ms);

    std::string buffer_;
    std::int64_t last_ms_ = 0;
    std::vector<std::int64_t> gaps_ms_;  // between characters, bounded like the text
    bool overflow_ = false;
};

}  // namespace returnloop::kiosk::ui
