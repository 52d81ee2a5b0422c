// Where receipts go: nowhere, a file or device path (e.g. /dev/usb/lp0, appended to), or a network printer's raw
// TCP port (tcp://host:port, usually 9100). Bounded timeouts: a dead printer must not freeze the kiosk.
#pragma once

#include <string>
#include <string_view>

#include "common/status.hpp"

namespace returnloop::kiosk {

struct PrinterTarget {
    enum class Kind { none, file, tcp } kind = Kind::none;
    std::string path;  // file
    std::string host;  // tcp: an IPv4 address or a host name
    int port = 0;
};

// "none" or "", "file:/path", "/path", "tcp://host:port". Errors name what is wrong.
Result<PrinterTarget> parse_printer_target(std::string_view text);
std::string describe(const PrinterTarget& target);

// Sends bytes; connect and send each give up after timeout_ms.
Status send_to_printer(const PrinterTarget& target, std::string_view bytes, int timeout_ms = 3000);

}  // namespace returnloop::kiosk
