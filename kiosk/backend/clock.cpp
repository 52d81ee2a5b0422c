// Reads the system clock and the local date (see clock.hpp).
#include "backend/clock.hpp"

#include <chrono>
#include <ctime>

namespace returnloop::kiosk {

KioskTime system_now() {
    const auto now = std::chrono::system_clock::now();
    const std::int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    return KioskTime{ms, date_from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday)};
}

KioskTime time_at(Date date, int hour, int minute) {
    const std::int64_t ms = (static_cast<std::int64_t>(date.days) * 86400 + hour * 3600 + minute * 60) * 1000;
    return KioskTime{ms, date};
}

Date local_date_of(std::int64_t unix_ms) {
    const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    return date_from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

std::string iso_local_time(std::int64_t unix_ms) {
    const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    char text[40];
    const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S%z", &local);
    std::string out(text, n);
    if (out.size() >= 5) out.insert(out.size() - 2, ":");  // +0100 -> +01:00, as ISO 8601's extended format writes it
    return out;
}

}  // namespace returnloop::kiosk
