// returnloop-rvm-sim: a reverse-vending machine controller simulator. It listens on a Unix or TCP socket for the
// kiosk (--controller), is scripted on stdin (insert, pull, jam, bin-full, paper-out, ...; see kiosk/README.md)
// and prints what the machine did as JSON lines; `random N` runs a soak with random containers, pulls and faults.
#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <deque>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "backend/controller_link.hpp"
#include "sim/sim_machine.hpp"

namespace {

using namespace returnloop::kiosk;
using namespace returnloop::kiosk::sim;
using Json = nlohmann::json;

void say(const std::string& line) {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void say_json(const Json& event) { say(event.dump(-1, ' ', false, Json::error_handler_t::replace)); }

// Sample register products (assets/catalog/sample.csv): mostly paying, a few refused by the kiosk.
const std::vector<std::string> kDefaultGtins = {"9520000000011", "9520000000028", "9520000000042", "9520000000080",
                                                "9520000000097", "9520000000219", "9520000000226", "9520000000202",
                                                "95200019",      "9520000000134", "9520000000165", "4006381333931"};

struct Soak {
    long remaining = 0;
    long inflight = 1;
    std::mt19937_64 rng;
    Clock::time_point started;
    long inserted = 0, pulls = 0, jams = 0, junk = 0;
    std::optional<Clock::time_point> unjam_at;
};

class Simulator {
public:
    Simulator(int listen_fd, SimMachine::Report report, int bin_delay_ms, long capacity, std::string boot,
              std::vector<std::string> gtins)
        : listen_fd_(listen_fd),
          gtins_(std::move(gtins)),
          machine_(std::move(boot), bin_delay_ms, capacity, [this](const ControllerMessage& m) { return send(m); }, std::move(report)) {}

    int run() {
        LineSplitter input(4096);
        bool input_open = true;
        auto next_beat = Clock::now();
        while (input_open || !commands_.empty() || busy()) {
            pollfd fds[3] = {{listen_fd_, POLLIN, 0}, {kiosk_fd_, POLLIN, 0}, {input_open && !busy() ? 0 : -1, POLLIN, 0}};
            const int timeout = busy() ? std::min(machine_.next_wakeup_ms(), 5) : machine_.next_wakeup_ms();
            if (::poll(fds, 3, timeout) < 0 && errno != EINTR) return 1;
            if (fds[0].revents & POLLIN) accept_kiosk();
            if (kiosk_fd_ >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) read_kiosk();
            if (fds[2].revents & (POLLIN | POLLHUP | POLLERR)) {
                char buffer[4096];
                const ssize_t n = ::read(0, buffer, sizeof buffer);
                if (n <= 0 && !(n < 0 && errno == EINTR)) input_open = false;
                if (n > 0) input.feed(buffer, static_cast<std::size_t>(n));
                std::string line;
                bool oversize = false;
                while (input.next(line, oversize)) commands_.push_back(oversize ? std::string("(oversize)") : line);
            }
            machine_.tick();
            if (soak_) drive_soak();
            if (waiting_ && machine_.in_flight() == 0) {
                waiting_ = false;
                say_json({{"event", "idle"}});
            }
            while (!busy() && !commands_.empty()) {
                const std::string command = commands_.front();
                commands_.pop_front();
                if (!run_command(command)) return 0;
            }
            if (Clock::now() >= next_beat) {
                next_beat = Clock::now() + std::chrono::seconds(1);
                ControllerMessage beat;
                beat.type = MessageType::heartbeat;
                beat.seq = ++beat_seq_;
                send(beat);
            }
        }
        return 0;
    }

private:
    bool busy() const { return waiting_ || soak_.has_value(); }

    bool send(const ControllerMessage& m) { return send_raw(encode_controller_message(m)); }

    bool send_raw(const std::string& line) {
        if (kiosk_fd_ < 0) return false;
        if (Status s = write_all(kiosk_fd_, line); !s) {
            drop_kiosk("write failed: " + s.error().message);
            return false;
        }
        return true;
    }

    void accept_kiosk() {
        const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0) return;
        if (kiosk_fd_ >= 0) drop_kiosk("replaced by a new connection");
        kiosk_fd_ = fd;
        splitter_ = LineSplitter(kMaxControllerLine);
        say_json({{"event", "connected"}});
        machine_.kiosk_connected();
    }

    void drop_kiosk(const std::string& why) {
        if (kiosk_fd_ < 0) return;
        ::close(kiosk_fd_);
        kiosk_fd_ = -1;
        say_json({{"event", "disconnected"}, {"why", why}});
        machine_.kiosk_gone();
    }

    void read_kiosk() {
        char buffer[4096];
        const ssize_t n = ::read(kiosk_fd_, buffer, sizeof buffer);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
        if (n <= 0) {
            drop_kiosk(n == 0 ? "the kiosk closed the link" : "read failed");
            return;
        }
        splitter_.feed(buffer, static_cast<std::size_t>(n));
        std::string line;
        bool oversize = false;
        while (splitter_.next(line, oversize)) {
            if (oversize) {
                say_json({{"event", "error"}, {"message", "the kiosk sent an oversize line"}});
                continue;
            }
            auto parsed = parse_controller_line(line);
            if (const ProtocolError* e = std::get_if<ProtocolError>(&parsed)) {
                say_json({{"event", "error"}, {"message", "the kiosk sent a bad line: " + e->message}});
                continue;
            }
            machine_.on_message(std::get<ControllerMessage>(parsed));
        }
    }

    const std::string& random_gtin() { return gtins_[soak_->rng() % gtins_.size()]; }

    void drive_soak() {
        Soak& s = *soak_;
        if (s.unjam_at && Clock::now() >= *s.unjam_at) {
            machine_.set_fault(FaultKind::jam, false);
            s.unjam_at.reset();
        }
        while (s.remaining > 0 && machine_.in_flight() < s.inflight && !s.unjam_at && kiosk_fd_ >= 0) {
            --s.remaining;
            const std::uint64_t roll = s.rng() % 1000;
            if (roll < 10) {  // 1 %: a line no controller should send; the kiosk must report it and go on
                static const char* junk[] = {"{not json\n", "{\"v\":1,\"type\":\"teleport\"}\n", "{\"v\":9,\"type\":\"heartbeat\"}\n",
                                             "{\"v\":1,\"type\":\"binned\",\"item\":\"never-presented\"}\n", "[1,2,3]\n"};
                send_raw(junk[s.rng() % std::size(junk)]);
                ++s.junk;
                continue;
            }
            if (roll < 15) {  // 0.5 %: a jam, cleared 50 ms later
                machine_.set_fault(FaultKind::jam, true, "soak");
                s.unjam_at = Clock::now() + std::chrono::milliseconds(50);
                ++s.jams;
                continue;
            }
            machine_.insert(random_gtin(), std::nullopt, "");
            ++s.inserted;
            if (roll >= 15 && roll < 45) {  // 3 %: pulled back at once
                machine_.pull();
                ++s.pulls;
            }
        }
        if ((s.remaining == 0 || kiosk_fd_ < 0) && machine_.in_flight() == 0 && !s.unjam_at) {
            const double seconds = std::chrono::duration<double>(Clock::now() - s.started).count();
            const SimCounts& c = machine_.counts();
            say_json({{"event", "soak"},
                      {"inserted", s.inserted},
                      {"pulls", s.pulls},
                      {"jams", s.jams},
                      {"junkLines", s.junk},
                      {"presented", c.presented},
                      {"accepted", c.accepted},
                      {"rejected", c.rejected},
                      {"binned", c.binned},
                      {"returned", c.returned},
                      {"seconds", seconds},
                      {"perMinute", seconds > 0 ? static_cast<double>(s.inserted) / seconds * 60.0 : 0.0},
                      {"aborted", s.remaining > 0}});
            soak_.reset();
        }
    }

    // false: quit.
    bool run_command(const std::string& raw) {
        std::istringstream in(raw);
        std::string verb;
        in >> verb;
        if (verb.empty() || verb[0] == '#') return true;
        auto fault = [&](FaultKind f, bool active) { machine_.set_fault(f, active, ""); };
        if (verb == "insert") {
            std::string gtin, material;
            double weight = -1;
            in >> gtin;
            if (gtin.empty()) return error("insert needs a GTIN: insert GTIN [weight_g] [material]");
            std::optional<double> w;
            if (in >> weight) w = weight;
            in >> material;
            machine_.insert(gtin, w, material);
        } else if (verb == "pull") {
            if (!machine_.pull()) return error("nothing to pull: the newest container is already in a bin or back");
        } else if (verb == "jam") {
            fault(FaultKind::jam, true);
        } else if (verb == "unjam") {
            fault(FaultKind::jam, false);
        } else if (verb == "door-open") {
            fault(FaultKind::door_open, true);
        } else if (verb == "door-close") {
            fault(FaultKind::door_open, false);
        } else if (verb == "block") {
            fault(FaultKind::intake_blocked, true);
        } else if (verb == "unblock") {
            fault(FaultKind::intake_blocked, false);
        } else if (verb == "paper-out") {
            fault(FaultKind::paper_out, true);
        } else if (verb == "paper-ok") {
            fault(FaultKind::paper_out, false);
        } else if (verb == "clear") {
            std::string id;
            in >> id;
            const std::optional<FaultKind> f = fault_from_id(id);
            if (!f) return error("clear needs a fault: jam, door_open, bin_full, paper_out, intake_blocked");
            fault(*f, false);
        } else if (verb == "bin-full" || verb == "empty") {
            std::string bin;
            in >> bin;
            if (bin.empty()) return error(verb + " needs a bin name (the kiosk routes by material: pet, aluminium, glass, ...)");
            if (verb == "empty") machine_.empty_bin(bin);
            else machine_.fill_bin(bin);
        } else if (verb == "send") {
            std::string rest;
            std::getline(in >> std::ws, rest);
            send_raw(rest + "\n");
        } else if (verb == "disconnect") {
            drop_kiosk("disconnect command");
        } else if (verb == "wait") {
            waiting_ = true;
        } else if (verb == "random") {
            Soak s;
            long seed = 1;
            in >> s.remaining;
            if (!(in >> seed)) seed = 1;
            if (!(in >> s.inflight) || s.inflight < 1) s.inflight = 1;
            if (s.remaining <= 0) return error("random needs a count: random N [seed] [in_flight]");
            s.rng.seed(static_cast<std::uint64_t>(seed));
            s.started = Clock::now();
            soak_ = std::move(s);
        } else if (verb == "status") {
            const SimCounts& c = machine_.counts();
            say_json({{"event", "status"},
                      {"connected", kiosk_fd_ >= 0},
                      {"inFlight", machine_.in_flight()},
                      {"presented", c.presented},
                      {"binned", c.binned},
                      {"returned", c.returned}});
        } else if (verb == "quit") {
            return false;
        } else {
            return error("unknown command \"" + verb.substr(0, 32) +
                         "\": insert, pull, jam, unjam, door-open, door-close, block, unblock, paper-out, paper-ok, clear FAULT, "
                         "bin-full BIN, empty BIN, send LINE, disconnect, wait, random N [seed] [in_flight], status, quit");
        }
        return true;
    }

    bool error(const std::string& message) {
        say_json({{"event", "error"}, {"message", message}});
        return true;
    }

    int listen_fd_;
    int kiosk_fd_ = -1;
    LineSplitter splitter_{kMaxControllerLine};
    std::vector<std::string> gtins_;
    SimMachine machine_;
    std::deque<std::string> commands_;
    bool waiting_ = false;
    std::optional<Soak> soak_;
    std::int64_t beat_seq_ = 0;
};

std::string random_boot() {
    std::random_device device;
    char text[9];
    std::snprintf(text, sizeof text, "%08x", static_cast<unsigned>(device()));
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"ReturnLoop reverse-vending controller simulator (see kiosk/README.md)", "returnloop-rvm-sim"};
    std::string listen = "tcp://127.0.0.1:0", boot, gtin_list;
    int bin_delay_ms = 20;
    long capacity = 1000;
    app.add_option("--listen", listen, "unix:/path or tcp://host:port (port 0: any free port, printed)");
    app.add_option("--bin-delay-ms", bin_delay_ms, "time from accept to binned")->check(CLI::Range(0, 60000));
    app.add_option("--capacity", capacity, "containers per bin")->check(CLI::Range(1L, 1000000L));
    app.add_option("--boot", boot, "prefix of item ids (default: random, so ids never repeat across runs)");
    app.add_option("--gtins", gtin_list, "comma-separated GTINs for `random` (default: sample register products)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    std::signal(SIGPIPE, SIG_IGN);
    Result<ControllerAddress> address = parse_controller_address(listen);
    if (!address) {
        std::fprintf(stderr, "returnloop-rvm-sim: --listen: %s\n", address.error().message.c_str());
        return 2;
    }
    ControllerAddress bound;
    Result<int> fd = listen_controller(*address, bound);
    if (!fd) {
        std::fprintf(stderr, "returnloop-rvm-sim: %s\n", fd.error().message.c_str());
        return 1;
    }
    std::vector<std::string> gtins = kDefaultGtins;
    if (!gtin_list.empty()) {
        gtins.clear();
        std::istringstream in(gtin_list);
        for (std::string g; std::getline(in, g, ',');) {
            if (!g.empty()) gtins.push_back(g);
        }
    }
    if (gtins.empty()) return 2;
    say_json({{"event", "listening"}, {"address", format_controller_address(bound)}});
    Simulator simulator(*fd, say, bin_delay_ms, capacity, boot.empty() ? random_boot() : boot, std::move(gtins));
    const int rc = simulator.run();
    if (bound.kind == ControllerAddress::Kind::unix_socket) ::unlink(bound.path.c_str());
    return rc;
}
