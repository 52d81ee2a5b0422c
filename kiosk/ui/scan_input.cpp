// Keyboard-wedge scanner input (see scan_input.hpp).
#include "ui/scan_input.hpp"

#include <algorithm>

namespace returnloop::kiosk::ui {

void ScanInput::on_text(std::string_view utf8, std::int64_t now_ms) {
    for (char c : utf8) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) continue;
        if (buffer_.empty()) {
            gaps_ms_.clear();
            overflow_ = false;
        } else if (gaps_ms_.size() < kMaxLength) {
            gaps_ms_.push_back(now_ms - last_ms_);
        }
        last_ms_ = now_ms;
        if (buffer_.size() < kMaxLength) buffer_ += c;
        else overflow_ = true;
    }
}

std::optional<TypedCode> ScanInput::on_enter(std::int64_t now_ms) {
    if (buffer_.empty()) return std::nullopt;
    TypedCode code;
    code.text = std::move(buffer_);
    // The Enter itself must follow as fast as the characters did.
    gaps_ms_.push_back(now_ms - last_ms_);
    code.burst = code.text.size() >= kBurstMinLength && is_burst(gaps_ms_);
    if (overflow_) code.text += "...";  // marks the cut: such input can never parse as a code
    clear();
    return code;
}

bool ScanInput::is_burst(std::vector<std::int64_t> gaps_ms) {
    if (gaps_ms.empty()) return false;
    std::sort(gaps_ms.begin(), gaps_ms.end());
    return gaps_ms[gaps_ms.size() / 2] <= kBurstGapMs && gaps_ms.back() <= kBurstLongestGapMs;
}

void ScanInput::on_backspace() {
    if (!buffer_.empty()) buffer_.pop_back();
}

void ScanInput::clear() {
    buffer_.clear();
    gaps_ms_.clear();
    overflow_ = false;
}

void ScanInput::expire(std::int64_t now_ms) {
    if (!buffer_.empty() && now_ms - last_ms_ >= kAbandonMs) clear();
}

}  // namespace returnloop::kiosk::ui
