// Printer transports (see printer.hpp).
#include "backend/printer.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace returnloop::kiosk {
namespace {

std::string errno_text() { return std::strerror(errno); }

// Sockets and devices are written without blocking: each wait for room is bounded by timeout_ms.
Status send_all(int fd, std::string_view bytes, int timeout_ms, bool socket, bool poll_first) {
    while (!bytes.empty()) {
        if (poll_first) {
            pollfd p{fd, POLLOUT, 0};
            const int ready = ::poll(&p, 1, timeout_ms);
            if (ready == 0) return Error{"printer", "the printer stopped accepting data (timeout)"};
            if (ready < 0 && errno != EINTR) return Error{"printer", "poll: " + errno_text()};
        }
        const ssize_t n = socket ? ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) : ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return Error{"printer", "write: " + errno_text()};
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return ok_status();
}

Status send_tcp(const PrinterTarget& target, std::string_view bytes, int timeout_ms) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const std::string port = std::to_string(target.port);
    if (const int rc = ::getaddrinfo(target.host.c_str(), port.c_str(), &hints, &found); rc != 0) {
        return Error{"printer", "cannot resolve " + target.host + ": " + gai_strerror(rc)};
    }
    std::string last_error = "no address";
    for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (fd < 0) continue;
        int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            rc = ::poll(&p, 1, timeout_ms) == 1 ? 0 : -1;
            int error = 0;
            socklen_t length = sizeof error;
            if (rc == 0 && (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0 || error != 0)) {
                errno = error;
                rc = -1;
            } else if (rc != 0) {
                errno = ETIMEDOUT;
            }
        }
        if (rc != 0) {
            last_error = errno_text();
            ::close(fd);
            continue;
        }
        ::freeaddrinfo(found);
        Status sent = send_all(fd, bytes, timeout_ms, true, true);
        ::shutdown(fd, SHUT_WR);
        ::close(fd);
        return sent;
    }
    ::freeaddrinfo(found);
    return Error{"printer", "cannot connect to " + describe(target) + ": " + last_error};
}

Status send_file(const PrinterTarget& target, std::string_view bytes, int timeout_ms) {
    // O_NONBLOCK: a device printer that is off or out of paper must not hold the write forever.
    const int fd = ::open(target.path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0640);
    if (fd < 0) return Error{"printer", "cannot open " + target.path + ": " + errno_text()};
    struct stat info {};
    const bool regular = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
    Status sent = send_all(fd, bytes, timeout_ms, false, !regular);
    if (sent.ok() && regular && ::fsync(fd) != 0) {
        sent = Error{"printer", "cannot flush " + target.path + ": " + errno_text()};
    }
    ::close(fd);
    return sent;
}

}  // namespace

Result<PrinterTarget> parse_printer_target(std::string_view text) {
    PrinterTarget target;
    if (text.empty() || text == "none") return target;
    if (text.substr(0, 6) == "tcp://") {
        const std::string_view rest = text.substr(6);
        const std::size_t colon = rest.rfind(':');
        if (colon == std::string_view::npos || colon == 0) return Error{"printer", "write a network printer as tcp://host:port"};
        const std::string_view port = rest.substr(colon + 1);
        int value = 0;
        if (port.empty() || port.size() > 5) return Error{"printer", "the printer port must be 1 to 65535"};
        for (char c : port) {
            if (c < '0' || c > '9') return Error{"printer", "the printer port must be a number"};
            value = value * 10 + (c - '0');
        }
        if (value < 1 || value > 65535) return Error{"printer", "the printer port must be 1 to 65535"};
        target.kind = PrinterTarget::Kind::tcp;
        target.host = std::string(rest.substr(0, colon));
        target.port = value;
        return target;
    }
    std::string_view path = text;
    if (path.substr(0, 5) == "file:") path.remove_prefix(5);
    if (path.empty() || path.find('\0') != std::string_view::npos) return Error{"printer", "the printer path is empty"};
    if (path.find("://") != std::string_view::npos) return Error{"printer", "only tcp:// printers are supported"};
    target.kind = PrinterTarget::Kind::file;
    target.path = std::string(path);
    return target;
}

std::string describe(const PrinterTarget& target) {
    switch (target.kind) {
        case PrinterTarget::Kind::none: return "none";
        case PrinterTarget::Kind::file: return "file:" + target.path;
        case PrinterTarget::Kind::tcp: return "tcp://" + target.host + ":" + std::to_string(target.port);
    }
    return "none";
}

Status send_to_printer(const PrinterTarget& target, std::string_view bytes, int timeout_ms) {
    switch (target.kind) {
        case PrinterTarget::Kind::none: return ok_status();
        case PrinterTarget::Kind::file: return send_file(target, bytes, timeout_ms);
        case PrinterTarget::Kind::tcp: return send_tcp(target, bytes, timeout_ms);
    }
    return ok_status();
}

}  // namespace returnloop::kiosk
