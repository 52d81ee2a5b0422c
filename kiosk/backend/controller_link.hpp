// Transports for the machine-controller protocol: a Unix socket, TCP or a serial line (termios, raw 8N1), named
// as `unix:/path`, `tcp://host:port` or `serial:/dev/ttyUSB0[,baud]`; and the bounded line splitter both sides use.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace returnloop::kiosk {

struct ControllerAddress {
    enum class Kind : std::uint8_t { unix_socket, tcp, serial };
    Kind kind = Kind::unix_socket;
    std::string path;  // unix socket or serial device
    std::string host;  // tcp
    int port = 0;      // tcp (0 only for listening: any free port)
    int baud = 115200; // serial
};

Result<ControllerAddress> parse_controller_address(std::string_view text);
std::string format_controller_address(const ControllerAddress& address);

// Connects (TCP within 2 s) or opens the serial line; the descriptor is non-blocking and close-on-exec.
Result<int> connect_controller(const ControllerAddress& address);
// For the simulator: listens on a Unix or TCP address; `bound` gets the address actually bound (TCP port 0 resolved).
Result<int> listen_controller(const ControllerAddress& address, ControllerAddress& bound);

// Writes all of `data` to a non-blocking descriptor, waiting at most timeout_ms in total for room.
Status write_all(int fd, std::string_view data, int timeout_ms = 1000);

// Splits bytes into lines without ever holding more than `max_line` bytes of one: a longer line is dropped as it
// arrives and reported once as oversize when its newline comes.
class LineSplitter {
public:
    explicit LineSplitter(std::size_t max_line) : max_line_(max_line) {}
    void feed(const char* data, std::size_t size);
    // The next complete line (without '\n' or a trailing '\r'); `oversize` when it was dropped. false: none yet.
    bool next(std::string& line, bool& oversize);

private:
    struct Line {
        std::string text;
        bool oversize = false;
    };
    std::size_t max_line_;
    std::string current_;      // the line being received, at most max_line_ bytes
    bool discarding_ = false;  // the current line is too long: its bytes are dropped until its newline
    std::deque<Line> ready_;   // complete lines (at most one read's worth: the caller drains after each feed)
};

}  // namespace returnloop::kiosk
