// The simulated reverse-vending machine behind returnloop-rvm-sim: an intake that presents containers to the kiosk,
// moves accepted ones to their bin after a delay, hands back refused or pulled ones, fills bins and raises faults.
// It is the controller's side of kiosk/backend/controller_protocol.hpp and keeps the truth about every container.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "backend/controller_protocol.hpp"

namespace returnloop::kiosk::sim {

using Clock = std::chrono::steady_clock;

struct SimCounts {
    long presented = 0, accepted = 0, rejected = 0, binned = 0, returned = 0;
};

class SimMachine {
public:
    using ToKiosk = std::function<bool(const ControllerMessage&)>;  // false: no kiosk connected
    using Report = std::function<void(const std::string& json_line)>;  // the simulator's own stdout events

    SimMachine(std::string boot, int bin_delay_ms, long bin_capacity, ToKiosk to_kiosk, Report report);

    // A container put into the opening. Returns its id ("" when the intake refuses it before scanning).
    std::string insert(const std::string& gtin, std::optional<double> weight_g, const std::string& material);
    bool pull();  // the shopper pulls back the newest container not yet in a bin
    void set_fault(FaultKind fault, bool active, const std::string& detail = "");
    void fill_bin(const std::string& bin);
    void empty_bin(const std::string& bin);
    void on_message(const ControllerMessage& message);
    void kiosk_connected();
    void kiosk_gone();  // containers waiting for a decision are handed back; moving ones still reach their bin
    void tick();        // bins containers whose delay has passed
    int next_wakeup_ms() const;
    long in_flight() const;  // waiting for a decision or moving
    const SimCounts& counts() const { return counts_; }
    void send_bins();

private:
    enum class State { deciding, moving, binned, returned };
    struct Item {
        std::string gtin;
        std::string bin;
        State state = State::deciding;
        Clock::time_point bin_at{};
    };
    void hand_back(const std::string& id, Item& item, const std::string& reason);
    void answer_query(const ControllerMessage& query);

    std::string boot_;
    std::chrono::milliseconds bin_delay_;
    long bin_capacity_;
    ToKiosk to_kiosk_;
    Report report_;
    long next_id_ = 1;
    std::map<std::string, Item> items_;
    std::set<std::string> live_;  // ids waiting for a decision or moving (the loops only look at these)
    std::map<std::string, long> bins_;
    std::set<FaultKind> faults_;
    std::string newest_;
    SimCounts counts_;
};

}  // namespace returnloop::kiosk::sim
