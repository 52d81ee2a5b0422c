// Transports for the machine-controller protocol (see controller_link.hpp).
#include "backend/controller_link.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

namespace returnloop::kiosk {
namespace {

Error link_error(const std::string& message) { return Error{"controller", message}; }

std::string errno_text() { return std::strerror(errno); }

bool parse_int(std::string_view text, int& out) {
    if (text.empty()) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

speed_t baud_constant(int baud) {
    switch (baud) {
        case 9600: return B9600;
        case 19200: return B19200;
        case 38400: return B38400;
        case 57600: return B57600;
        case 115200: return B115200;
        case 230400: return B230400;
        default: return 0;
    }
}

Result<int> open_serial(const ControllerAddress& address) {
    const int fd = ::open(address.path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return link_error("cannot open the serial line " + address.path + ": " + errno_text());
    termios tio{};
    if (::tcgetattr(fd, &tio) != 0) {
        const Error e = link_error(address.path + " is not a serial line: " + errno_text());
        ::close(fd);
        return e;
    }
    ::cfmakeraw(&tio);  // 8 data bits, no parity, no echo, no line editing
    tio.c_cflag |= CLOCAL | CREAD;
    tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | CRTSCTS);
    const speed_t speed = baud_constant(address.baud);
    ::cfsetispeed(&tio, speed);
    ::cfsetospeed(&tio, speed);
    if (::tcsetattr(fd, TCSANOW, &tio) != 0) {
        const Error e = link_error("cannot configure the serial line " + address.path + ": " + errno_text());
        ::close(fd);
        return e;
    }
    ::tcflush(fd, TCIOFLUSH);
    return fd;
}

Result<int> unix_socket(const ControllerAddress& address, sockaddr_un& where) {
    if (address.path.size() >= sizeof(where.sun_path)) return link_error("the socket path " + address.path + " is too long");
    where = sockaddr_un{};
    where.sun_family = AF_UNIX;
    std::memcpy(where.sun_path, address.path.data(), address.path.size());
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return link_error("cannot create a socket: " + errno_text());
    return fd;
}

Result<addrinfo*> resolve(const ControllerAddress& address, bool passive) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (passive) hints.ai_flags = AI_PASSIVE;
    addrinfo* found = nullptr;
    const std::string port = std::to_string(address.port);
    const int rc = ::getaddrinfo(address.host.c_str(), port.c_str(), &hints, &found);
    if (rc != 0) return link_error("cannot resolve " + address.host + ": " + ::gai_strerror(rc));
    return found;
}

void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

}  // namespace

Result<ControllerAddress> parse_controller_address(std::string_view text) {
    ControllerAddress out;
    constexpr std::string_view usage = "use unix:/path, tcp://host:port or serial:/dev/ttyUSB0[,baud]";
    if (text.rfind("unix:", 0) == 0) {
        out.kind = ControllerAddress::Kind::unix_socket;
        out.path = std::string(text.substr(5));
        if (out.path.empty()) return Error{"--controller", "unix: needs a socket path; " + std::string(usage)};
        return out;
    }
    if (text.rfind("tcp://", 0) == 0) {
        out.kind = ControllerAddress::Kind::tcp;
        const std::string_view rest = text.substr(6);
        const std::size_t colon = rest.rfind(':');
        if (colon == std::string_view::npos || colon == 0) return Error{"--controller", "tcp:// needs host:port; " + std::string(usage)};
        std::string_view host = rest.substr(0, colon);
        if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
        out.host = std::string(host);
        if (!parse_int(rest.substr(colon + 1), out.port) || out.port < 0 || out.port > 65535) {
            return Error{"--controller", "the TCP port must be a number from 0 to 65535"};
        }
        return out;
    }
    if (text.rfind("serial:", 0) == 0) {
        out.kind = ControllerAddress::Kind::serial;
        std::string_view rest = text.substr(7);
        const std::size_t comma = rest.find(',');
        if (comma != std::string_view::npos) {
            if (!parse_int(rest.substr(comma + 1), out.baud) || baud_constant(out.baud) == 0) {
                return Error{"--controller", "the serial speed must be one of 9600, 19200, 38400, 57600, 115200, 230400"};
            }
            rest = rest.substr(0, comma);
        }
        out.path = std::string(rest);
        if (out.path.empty()) return Error{"--controller", "serial: needs a device path; " + std::string(usage)};
        return out;
    }
    return Error{"--controller", "unknown controller address \"" + std::string(text.substr(0, 64)) + "\"; " + std::string(usage)};
}

std::string format_controller_address(const ControllerAddress& a) {
    switch (a.kind) {
        case ControllerAddress::Kind::unix_socket: return "unix:" + a.path;
        case ControllerAddress::Kind::tcp:
            return "tcp://" + (a.host.find(':') != std::string::npos ? "[" + a.host + "]" : a.host) + ":" + std::to_string(a.port);
        case ControllerAddress::Kind::serial: return "serial:" + a.path + "," + std::to_string(a.baud);
    }
    return "";
}

Result<int> connect_controller(const ControllerAddress& address) {
    if (address.kind == ControllerAddress::Kind::serial) return open_serial(address);
    if (address.kind == ControllerAddress::Kind::unix_socket) {
        sockaddr_un where{};
        Result<int> fd = unix_socket(address, where);
        if (!fd) return fd;
        if (::connect(*fd, reinterpret_cast<const sockaddr*>(&where), sizeof where) != 0) {
            const Error e = link_error("cannot connect to the controller at unix:" + address.path + ": " + errno_text());
            ::close(*fd);
            return e;
        }
        set_nonblocking(*fd);
        return fd;
    }
    Result<addrinfo*> found = resolve(address, false);
    if (!found) return found.error();
    std::string last_error = "no address";
    for (addrinfo* a = *found; a != nullptr; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (fd < 0) continue;
        int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            rc = ::poll(&p, 1, 2000) == 1 ? 0 : -1;
            int so_error = rc == 0 ? 0 : ETIMEDOUT;
            socklen_t len = sizeof so_error;
            if (rc == 0) ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
            if (so_error != 0) {
                errno = so_error;
                rc = -1;
            }
        }
        if (rc == 0) {
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // one small line per decision: no Nagle delay
            ::freeaddrinfo(*found);
            return fd;
        }
        last_error = errno_text();
        ::close(fd);
    }
    ::freeaddrinfo(*found);
    return link_error("cannot connect to the controller at " + format_controller_address(address) + ": " + last_error);
}

Result<int> listen_controller(const ControllerAddress& address, ControllerAddress& bound) {
    bound = address;
    if (address.kind == ControllerAddress::Kind::serial) return link_error("the simulator listens on unix: or tcp://, not a serial line");
    if (address.kind == ControllerAddress::Kind::unix_socket) {
        sockaddr_un where{};
        Result<int> fd = unix_socket(address, where);
        if (!fd) return fd;
        ::unlink(address.path.c_str());  // a socket left by an earlier run
        if (::bind(*fd, reinterpret_cast<const sockaddr*>(&where), sizeof where) != 0 || ::listen(*fd, 4) != 0) {
            const Error e = link_error("cannot listen on unix:" + address.path + ": " + errno_text());
            ::close(*fd);
            return e;
        }
        return fd;
    }
    Result<addrinfo*> found = resolve(address, true);
    if (!found) return found.error();
    addrinfo* a = *found;
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    const int one = 1;
    if (fd >= 0) ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || ::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, 4) != 0) {
        const Error e = link_error("cannot listen on " + format_controller_address(address) + ": " + errno_text());
        if (fd >= 0) ::close(fd);
        ::freeaddrinfo(*found);
        return e;
    }
    ::freeaddrinfo(*found);
    sockaddr_storage local{};
    socklen_t len = sizeof local;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len);
    bound.port = ntohs(local.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&local)->sin6_port
                                                   : reinterpret_cast<sockaddr_in*>(&local)->sin_port);
    return fd;
}

Status write_all(int fd, std::string_view data, int timeout_ms) {
    int waited = 0;
    while (!data.empty()) {
        const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        const ssize_t written = (n < 0 && errno == ENOTSOCK) ? ::write(fd, data.data(), data.size()) : n;
        if (written > 0) {
            data.remove_prefix(static_cast<std::size_t>(written));
            continue;
        }
        if (written < 0 && errno == EINTR) continue;
        if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && waited < timeout_ms) {
            pollfd p{fd, POLLOUT, 0};
            ::poll(&p, 1, 50);
            waited += 50;
            continue;
        }
        return link_error(written < 0 ? "the controller link failed: " + errno_text() : "the controller link is closed");
    }
    return ok_status();
}

void LineSplitter::feed(const char* data, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
        const char c = data[i];
        if (c == '\n') {
            if (!current_.empty() && current_.back() == '\r') current_.pop_back();
            ready_.push_back(Line{discarding_ ? std::string() : std::move(current_), discarding_});
            current_.clear();
            discarding_ = false;
        } else if (discarding_) {
            continue;
        } else if (current_.size() >= max_line_) {
            discarding_ = true;  // never buffered: a flood without newlines costs nothing
            current_.clear();
        } else {
            current_.push_back(c);
        }
    }
}

bool LineSplitter::next(std::string& line, bool& oversize) {
    if (ready_.empty()) return false;
    line = std::move(ready_.front().text);
    oversize = ready_.front().oversize;
    ready_.pop_front();
    return true;
}

}  // namespace returnloop::kiosk
