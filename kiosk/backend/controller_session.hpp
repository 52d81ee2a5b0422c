// The kiosk's side of the machine-controller link: connects (and reconnects) to the controller, answers each
// presented container with accept or reject, pays binned containers, settles returned ones, asks about containers
// left pending by a crash, tracks faults and bin levels, and reports all of it as headless events (faults, bin
// levels and refusals also as ledger events, which the hub's fleet and store day read).
#pragma once

#include <chrono>
#include <functional>
#include <vector>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "backend/backend.hpp"
#include "backend/controller_link.hpp"
#include "backend/controller_protocol.hpp"
#include "backend/headless.hpp"

namespace returnloop::kiosk {

struct IntakeOptions {
    ControllerAddress address;
    int reconnect_ms = 500;   // between connection attempts
    int heartbeat_ms = 2000;  // the kiosk's heartbeat to the controller
    int silence_ms = 10000;   // no line from the controller for this long: the link is dead
};

class IntakeController {
public:
    IntakeController(KioskBackend& backend, IntakeOptions options, EventSink emit);
    ~IntakeController();
    IntakeController(const IntakeController&) = delete;
    IntakeController& operator=(const IntakeController&) = delete;

    void set_observer(IntakeObserver observer) { observer_ = std::move(observer); }
    int fd() const { return fd_; }  // -1 while disconnected
    void on_readable(KioskTime now);
    void tick(KioskTime now);         // reconnects, sends heartbeats, notices silence
    int next_wakeup_ms() const;       // for poll()
    bool out_of_service() const { return fd_ < 0 || !faults_.empty() || !backend_.service_stops().empty(); }
    void emit_service_state();  // out_of_service when it changed (after a staff action too: an emptied bin)

    // One complete line from the controller (public for tests and the fuzz target).
    void handle_line(std::string_view line, bool oversize, KioskTime now);

private:
    void try_connect(KioskTime now);
    void disconnect(const std::string& why);
    void send(const ControllerMessage& message);
    void on_presented(const ControllerMessage& m, KioskTime now);
    void on_binned(const ControllerMessage& m, KioskTime now);
    void on_returned(const ControllerMessage& m, KioskTime now);
    void on_status(const ControllerMessage& m, KioskTime now);
    void on_bins(const ControllerMessage& m, KioskTime now);
    void on_fault(FaultKind fault, bool active, const std::string& detail, KioskTime now);
    void on_open_faults(const std::vector<FaultKind>& open, KioskTime now);
    std::set<FaultKind> open_faults() const;
    std::set<FaultKind> ledger_open_faults();
    void report_error(std::string_view reason, std::string_view field, std::string_view message);
    void report_bin(const std::string& bin);
    void notify_fault(FaultKind fault, bool active);
    void record_fault(FaultKind fault, bool active, const std::string& detail, KioskTime now);

    KioskBackend& backend_;
    IntakeOptions options_;
    EventSink emit_;
    IntakeObserver observer_;
    int fd_ = -1;
    LineSplitter splitter_{kMaxControllerLine};
    std::chrono::steady_clock::time_point next_connect_{};
    std::chrono::steady_clock::time_point next_heartbeat_{};
    std::chrono::steady_clock::time_point last_heard_{};
    std::int64_t heartbeat_seq_ = 0;
    std::set<std::string> asked_;   // pending items whose status was requested and not yet answered
    std::set<FaultKind> faults_;
    std::optional<std::set<FaultKind>> recorded_open_;  // the open faults the ledger last recorded (read at the first hello)
    std::map<std::string, std::int64_t> recorded_bins_;  // each bin's count as last recorded in the ledger
    bool reported_down_ = false;
    bool last_out_of_service_ = true;
    bool service_reported_ = false;
    std::map<std::string, int> bin_levels_;  // 0 fine, 1 warn, 2 full: as last reported
};

// The headless interface with a controller: stdin still carries touch actions (":finish voucher", ...); typed codes
// are refused (no_container). Runs until stdin ends.
int run_headless_intake(KioskBackend& backend, int input_fd, const IntakeOptions& options, const EventSink& emit,
                        const ClockFunction& now);

}  // namespace returnloop::kiosk
