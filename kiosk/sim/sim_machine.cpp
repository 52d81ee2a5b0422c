// The simulated reverse-vending machine (see sim_machine.hpp).
#include "sim/sim_machine.hpp"

#include <nlohmann/json.hpp>

namespace returnloop::kiosk::sim {
namespace {

using Json = nlohmann::json;

std::string line_of(const Json& event) { return event.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace

SimMachine::SimMachine(std::string boot, int bin_delay_ms, long bin_capacity, ToKiosk to_kiosk, Report report)
    : boot_(std::move(boot)),
      bin_delay_(bin_delay_ms),
      bin_capacity_(bin_capacity),
      to_kiosk_(std::move(to_kiosk)),
      report_(std::move(report)) {}

std::string SimMachine::insert(const std::string& gtin, std::optional<double> weight_g, const std::string& material) {
    const std::string id = boot_ + "-" + std::to_string(next_id_++);
    Item& item = items_[id];
    item.gtin = gtin;
    newest_ = id;
    live_.insert(id);
    ++counts_.presented;
    if (faults_.count(FaultKind::intake_blocked) || faults_.count(FaultKind::door_open) || faults_.count(FaultKind::jam)) {
        hand_back(id, item, "intake_blocked");
        return id;
    }
    ControllerMessage presented;
    presented.type = MessageType::presented;
    presented.item = id;
    presented.gtin = gtin;
    presented.weight_g = weight_g;
    presented.material = material;
    report_(line_of({{"event", "presented"}, {"item", id}, {"gtin", gtin}}));
    if (!to_kiosk_(presented)) hand_back(id, item, "no_kiosk");  // out of service: the opening hands it straight back
    return id;
}

void SimMachine::hand_back(const std::string& id, Item& item, const std::string& reason) {
    if (item.state == State::binned || item.state == State::returned) return;
    item.state = State::returned;
    live_.erase(id);
    ++counts_.returned;
    ControllerMessage returned;
    returned.type = MessageType::returned;
    returned.item = id;
    returned.reason = reason;
    to_kiosk_(returned);
    report_(line_of({{"event", "returned"}, {"item", id}, {"gtin", item.gtin}, {"reason", reason}}));
}

bool SimMachine::pull() {
    const auto it = items_.find(newest_);
    if (it == items_.end() || (it->second.state != State::deciding && it->second.state != State::moving)) return false;
    hand_back(it->first, it->second, "pulled");
    return true;
}

void SimMachine::set_fault(FaultKind fault, bool active, const std::string& detail) {
    if (active ? !faults_.insert(fault).second : faults_.erase(fault) == 0) return;
    ControllerMessage m;
    m.type = active ? MessageType::fault : MessageType::cleared;
    m.fault = fault;
    m.detail = detail;
    to_kiosk_(m);
    report_(line_of({{"event", active ? "fault" : "cleared"}, {"fault", fault_id(fault)}}));
    if (!active && fault == FaultKind::jam) {
        // The conveyor runs again: what was stuck continues to its bin.
        for (const std::string& id : live_) {
            Item& item = items_[id];
            if (item.state == State::moving) item.bin_at = Clock::now() + bin_delay_;
        }
    }
}

void SimMachine::fill_bin(const std::string& bin) {
    bins_[bin] = bin_capacity_;
    send_bins();
    set_fault(FaultKind::bin_full, true, bin);
}

void SimMachine::empty_bin(const std::string& bin) {
    bins_[bin] = 0;
    send_bins();
    bool any_full = false;
    for (const auto& [name, count] : bins_) any_full = any_full || count >= bin_capacity_;
    if (!any_full) set_fault(FaultKind::bin_full, false);
}

void SimMachine::send_bins() {
    ControllerMessage m;
    m.type = MessageType::bins;
    for (const auto& [name, count] : bins_) m.bins.push_back(BinLevel{name, count, bin_capacity_});
    to_kiosk_(m);
}

void SimMachine::on_message(const ControllerMessage& m) {
    switch (m.type) {
        case MessageType::accept: {
            const auto it = items_.find(m.item);
            if (it == items_.end()) return;  // a decision about nothing: ignored, as a controller would
            Item& item = it->second;
            // Too late (pulled back meanwhile): the kiosk has its "returned" already, on the same ordered link.
            if (item.state != State::deciding) return;
            ++counts_.accepted;
            if (bins_[m.bin] >= bin_capacity_) {
                hand_back(m.item, item, "bin_full");
                return;
            }
            item.bin = m.bin;
            item.state = State::moving;
            item.bin_at = Clock::now() + bin_delay_;
            report_(line_of({{"event", "accepted"}, {"item", m.item}, {"bin", m.bin}}));
            return;
        }
        case MessageType::reject: {
            const auto it = items_.find(m.item);
            if (it == items_.end() || it->second.state != State::deciding) return;
            ++counts_.rejected;
            report_(line_of({{"event", "rejected"}, {"item", m.item}, {"reason", m.reason}}));
            hand_back(m.item, it->second, "refused");
            return;
        }
        case MessageType::query:
            answer_query(m);
            return;
        default:
            return;  // hello, heartbeat
    }
}

void SimMachine::answer_query(const ControllerMessage& query) {
    ControllerMessage status;
    status.type = MessageType::status;
    for (const std::string& id : query.items) {
        ItemStatus s;
        s.item = id;
        const auto it = items_.find(id);
        if (it == items_.end()) s.fate = ItemFate::unknown;
        else if (it->second.state == State::binned) s.fate = ItemFate::binned;
        else if (it->second.state == State::returned) s.fate = ItemFate::returned;
        else s.fate = ItemFate::pending;
        if (s.fate == ItemFate::binned) s.bin = it->second.bin;
        status.statuses.push_back(std::move(s));
    }
    to_kiosk_(status);
}

void SimMachine::kiosk_connected() {
    ControllerMessage hello;
    hello.type = MessageType::hello;
    hello.name = "returnloop-rvm-sim";
    hello.faults = std::vector<FaultKind>(faults_.begin(), faults_.end());  // all open now: any other ended meanwhile
    to_kiosk_(hello);
    if (!bins_.empty()) send_bins();
}

void SimMachine::kiosk_gone() {
    const std::set<std::string> live = live_;  // hand_back() shrinks live_
    for (const std::string& id : live) {
        Item& item = items_[id];
        if (item.state == State::deciding) hand_back(id, item, "no_decision");
    }
}

void SimMachine::tick() {
    if (faults_.count(FaultKind::jam)) return;
    const Clock::time_point now = Clock::now();
    const std::set<std::string> live = live_;  // binning shrinks live_
    for (const std::string& id : live) {
        Item& item = items_[id];
        if (item.state != State::moving || item.bin_at > now) continue;
        item.state = State::binned;
        live_.erase(id);
        ++counts_.binned;
        ++bins_[item.bin];
        ControllerMessage binned;
        binned.type = MessageType::binned;
        binned.item = id;
        binned.bin = item.bin;
        to_kiosk_(binned);
        report_(line_of({{"event", "binned"}, {"item", id}, {"gtin", item.gtin}, {"bin", item.bin}}));
        if (bins_[item.bin] >= bin_capacity_) {
            send_bins();
            set_fault(FaultKind::bin_full, true, item.bin);
        }
    }
}

int SimMachine::next_wakeup_ms() const {
    if (faults_.count(FaultKind::jam)) return 1000;
    Clock::time_point soonest = Clock::time_point::max();
    for (const std::string& id : live_) {
        const Item& item = items_.at(id);
        if (item.state == State::moving && item.bin_at < soonest) soonest = item.bin_at;
    }
    if (soonest == Clock::time_point::max()) return 1000;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(soonest - Clock::now()).count();
    return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1000));
}

long SimMachine::in_flight() const {
    return static_cast<long>(live_.size());
}

}  // namespace returnloop::kiosk::sim
