// The kiosk's side of the machine-controller link: connects (and reconnects) to the controller, answers each
// presented container with accept or reject, pays binned containers, settles returned ones, asks about containers
// left pending by a crash, tracks faults and bin levels, and reports all of it as headless events.
#pragma once

#include <chrono>
#include <functional>
#include <vector>
#include <cstdint>
#include <map>
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

// What the intake did, typed, for a face to show (the window); the headless loop prints the same as JSON events.
struct IntakeNotice {
    enum class Kind : std::uint8_t { presented, binned, returned, unresolved, fault, service };
    IntakeNotice() = default;
    explicit IntakeNotice(Kind k, std::string item_id = {}, std::string gtin = {}, bool was_accepted = false)
        : kind(k), item(std::move(item_id)), gtin14(std::move(gtin)), accepted(was_accepted) {}
    Kind kind = Kind::presented;
    std::string item;      // the controller's id
    std::string gtin14;
    bool accepted = false; // presented: accepted, now "checking" until binned or returned
    std::string reason;    // presented and refused: a reason id; returned: why; fault: the fault id
    bool active = false;   // fault: raised (or cleared); service: out of service (or back)
    Money amount;          // presented (accepted) and binned: the container's refund
    std::vector<std::string> reasons;  // service: controller_offline, jam, bins_full, printer_out, ...
};
using IntakeObserver = std::function<void(const IntakeNotice&)>;

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
    void on_fault(FaultKind fault, bool active, const std::string& detail);
    void report_error(std::string_view reason, std::string_view field, std::string_view message);
    void report_bin(const std::string& bin);
    void notify_fault(FaultKind fault, bool active);

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
