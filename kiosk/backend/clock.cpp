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

}  // namespace returnloop::kiosk
