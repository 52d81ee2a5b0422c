// Bounded reads and atomic writes (see files.hpp).
#include "common/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace returnloop::kiosk {
namespace {

std::string system_error(const std::string& what, const std::string& path) {
    return what + " " + path + ": " + std::strerror(errno);
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

Result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error{path, system_error("cannot open", path)};
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return Error{path, path + " is not a regular file"};
    }
    if (static_cast<std::size_t>(info.st_size) > max_bytes) {
        ::close(fd);
        return Error{path, path + " is " + std::to_string(info.st_size) + " bytes; at most " + std::to_string(max_bytes) +
                               " are accepted"};
    }
    std::string text;
    text.resize(static_cast<std::size_t>(info.st_size));
    std::size_t have = 0;
    while (have < text.size()) {
        const ssize_t n = ::read(fd, text.data() + have, text.size() - have);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        have += static_cast<std::size_t>(n);
    }
    ::close(fd);
    text.resize(have);
    return text;
}

Status write_file_atomic(const std::string& path, std::string_view bytes, unsigned mode) {
    const std::string temp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, static_cast<mode_t>(mode));
    if (fd < 0) return Error{path, system_error("cannot create", temp)};
    if (::fchmod(fd, static_cast<mode_t>(mode)) != 0) {
        const std::string message = system_error("cannot set the mode of", temp);
        ::close(fd);
        ::unlink(temp.c_str());
        return Error{path, message};
    }
    if (!write_all(fd, bytes) || ::fsync(fd) != 0) {
        const std::string message = system_error("cannot write", temp);
        ::close(fd);
        ::unlink(temp.c_str());
        return Error{path, message};
    }
    ::close(fd);
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string message = system_error("cannot replace", path);
        ::unlink(temp.c_str());
        return Error{path, message};
    }
    // The rename is durable only once the folder's entry is on disk.
    const int dir = ::open(parent_folder(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return ok_status();
}

std::string parent_folder(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

std::string resolve_path(const std::string& folder, const std::string& path) {
    if (path.empty() || path.front() == '/') return path;
    if (folder.empty() || folder == ".") return path;
    return folder + "/" + path;
}

}  // namespace returnloop::kiosk
