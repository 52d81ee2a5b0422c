// The kiosk's notion of "now": wall-clock milliseconds for the ledger plus the local calendar date that deposit
// rules and voucher expiry go by. Only main and the headless loop read the system clock; everything else takes a
// KioskTime, so tests can run any day at any hour.
#pragma once

#include <cstdint>
#include <string>

#include "returnloop/date.hpp"

namespace returnloop::kiosk {

struct KioskTime {
    std::int64_t unix_ms = 0;
    Date date;  // local date at unix_ms
};

KioskTime system_now();                         // the system clock and the local time zone
KioskTime time_at(Date date, int hour = 12, int minute = 0);  // a fixed instant in UTC, for tests and tools

// ISO 8601 in the local time zone with its offset, e.g. 2025-03-14T13:05:09+01:00 (exports, reports).
std::string iso_local_time(std::int64_t unix_ms);
Date local_date_of(std::int64_t unix_ms);

}  // namespace returnloop::kiosk
