// The kiosk's side of the machine-controller link (see controller_session.hpp).
#include "backend/controller_session.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

namespace returnloop::kiosk {
namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string line_of(const Json& event) { return event.dump(-1, ' ', false, Json::error_handler_t::replace); }

// Bin levels go to the ledger (and so to the hub) when a bin's fill crosses a tenth of its capacity or goes down
// (an emptying): a controller may report levels after every container, the ledger keeps about ten rows per fill.
bool bins_worth_recording(const std::vector<BinLevel>& bins, const std::map<std::string, std::int64_t>& recorded, std::vector<std::string>& emptied) {
    bool changed = false;
    for (const BinLevel& b : bins) {
        const auto it = recorded.find(b.bin);
        if (it == recorded.end()) {
            changed = true;
            continue;
        }
        if (b.count < it->second) emptied.push_back(b.bin);
        const auto tenth = [&](std::int64_t count) { return b.capacity > 0 ? count * 10 / b.capacity : count; };
        changed = changed || b.count < it->second || tenth(b.count) != tenth(it->second);
    }
    return changed;
}

int ms_until(Clock::time_point when) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(when - Clock::now()).count();
    return left < 0 ? 0 : static_cast<int>(std::min<long long>(left, 60'000));
}

}  // namespace

IntakeController::IntakeController(KioskBackend& backend, IntakeOptions options, EventSink emit)
    : backend_(backend), options_(std::move(options)), emit_(std::move(emit)) {
    backend_.set_intake_required(true);
}

IntakeController::~IntakeController() {
    if (fd_ >= 0) ::close(fd_);
}

void IntakeController::send(const ControllerMessage& message) {
    if (fd_ < 0) return;
    if (Status s = write_all(fd_, encode_controller_message(message)); !s) disconnect(s.error().message);
}

void IntakeController::report_error(std::string_view reason, std::string_view field, std::string_view message) {
    Json event = {{"event", "controller_error"}, {"reason", reason}, {"message", message}};
    if (!field.empty()) event["field"] = field;
    emit_(line_of(event));
}

void IntakeController::emit_service_state() {
    const bool out = out_of_service();
    if (service_reported_ && out == last_out_of_service_) return;
    service_reported_ = true;
    last_out_of_service_ = out;
    Json reasons = Json::array();
    if (fd_ < 0) reasons.push_back("controller_offline");
    for (FaultKind f : faults_) reasons.push_back(fault_id(f));
    for (const std::string& stop : backend_.service_stops()) reasons.push_back(stop);
    const BackendStats s = backend_.stats();
    if (observer_) {
        IntakeNotice notice{IntakeNotice::Kind::service};
        notice.active = out;
        for (const Json& r : reasons) notice.reasons.push_back(r.get<std::string>());
        observer_(notice);
    }
    emit_(line_of({{"event", "out_of_service"},
                   {"active", out},
                   {"reasons", reasons},
                   {"creditMinor", s.total.minor},
                   {"currency", currency_code(s.total.currency)}}));
}

void IntakeController::try_connect(KioskTime now) {
    next_connect_ = Clock::now() + std::chrono::milliseconds(options_.reconnect_ms);
    Result<int> fd = connect_controller(options_.address);
    if (!fd) {
        if (!reported_down_) {
            emit_(line_of({{"event", "controller"}, {"connected", false}, {"message", fd.error().message}}));
            reported_down_ = true;
            emit_service_state();
        }
        return;
    }
    fd_ = *fd;
    reported_down_ = false;
    splitter_ = LineSplitter(kMaxControllerLine);
    last_heard_ = Clock::now();
    next_heartbeat_ = last_heard_ + std::chrono::milliseconds(options_.heartbeat_ms);
    emit_(line_of({{"event", "controller"}, {"connected", true}, {"address", format_controller_address(options_.address)}}));
    ControllerMessage hello;
    hello.type = MessageType::hello;
    hello.name = "returnloop-kiosk";
    send(hello);
    // Containers accepted before a crash or a lost link: the controller knows whether they reached a bin.
    const std::vector<std::string> pending = backend_.pending_items();
    asked_.clear();
    for (std::size_t i = 0; i < pending.size() && fd_ >= 0; i += kMaxQueryItems) {
        ControllerMessage query;
        query.type = MessageType::query;
        for (std::size_t j = i; j < pending.size() && j < i + kMaxQueryItems; ++j) {
            query.items.push_back(pending[j]);
            asked_.insert(pending[j]);
        }
        send(query);
    }
    if (fd_ >= 0 && asked_.empty()) emit_(line_of({{"event", "reconciled"}, {"pending", 0}}));
    emit_service_state();
    (void)now;
}

void IntakeController::disconnect(const std::string& why) {
    if (fd_ < 0) return;
    ::close(fd_);
    fd_ = -1;
    asked_.clear();
    reported_down_ = true;
    next_connect_ = Clock::now() + std::chrono::milliseconds(options_.reconnect_ms);
    const BackendStats s = backend_.stats();
    emit_(line_of({{"event", "controller"},
                   {"connected", false},
                   {"message", why},
                   {"pending", backend_.pending_items().size()},
                   {"creditMinor", s.total.minor}}));
    emit_service_state();
}

void IntakeController::on_readable(KioskTime now) {
    if (fd_ < 0) return;
    char buffer[4096];
    const ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) return;
    if (n <= 0) {
        disconnect(n == 0 ? "the controller closed the link" : std::string("the controller link failed: ") + std::strerror(errno));
        return;
    }
    last_heard_ = Clock::now();
    splitter_.feed(buffer, static_cast<std::size_t>(n));
    std::string line;
    bool oversize = false;
    while (fd_ >= 0 && splitter_.next(line, oversize)) handle_line(line, oversize, now);
}

void IntakeController::tick(KioskTime now) {
    const Clock::time_point t = Clock::now();
    if (fd_ < 0) {
        if (t >= next_connect_) try_connect(now);
        return;
    }
    if (t - last_heard_ >= std::chrono::milliseconds(options_.silence_ms)) {
        // The kiosk itself may have been busy (a staff PIN's argon2id check on a loaded machine): what the controller
        // said meanwhile is waiting in the socket, and a link that spoke is not silent.
        pollfd ready{fd_, POLLIN, 0};
        if (::poll(&ready, 1, 0) > 0) on_readable(now);
        if (fd_ < 0 || Clock::now() - last_heard_ < std::chrono::milliseconds(options_.silence_ms)) return;
        disconnect("the controller has been silent for " + std::to_string(options_.silence_ms / 1000) + " s");
        return;
    }
    if (t >= next_heartbeat_) {
        next_heartbeat_ = t + std::chrono::milliseconds(options_.heartbeat_ms);
        ControllerMessage beat;
        beat.type = MessageType::heartbeat;
        beat.seq = ++heartbeat_seq_;
        send(beat);
    }
}

int IntakeController::next_wakeup_ms() const {
    if (fd_ < 0) return ms_until(next_connect_);
    return std::min(ms_until(next_heartbeat_), ms_until(last_heard_ + std::chrono::milliseconds(options_.silence_ms)));
}

void IntakeController::handle_line(std::string_view line, bool oversize, KioskTime now) {
    if (oversize) {
        report_error("oversize", "", "a controller line longer than " + std::to_string(kMaxControllerLine) + " bytes was dropped");
        return;
    }
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;
    std::variant<ControllerMessage, ProtocolError> parsed = parse_controller_line(line);
    if (const ProtocolError* e = std::get_if<ProtocolError>(&parsed)) {
        report_error(protocol_error_id(e->kind), e->field, e->message);
        return;
    }
    const ControllerMessage& m = std::get<ControllerMessage>(parsed);
    switch (m.type) {
        case MessageType::presented: on_presented(m, now); return;
        case MessageType::binned: on_binned(m, now); return;
        case MessageType::returned: on_returned(m, now); return;
        case MessageType::status: on_status(m, now); return;
        case MessageType::fault: on_fault(m.fault, true, m.detail, now); return;
        case MessageType::cleared: on_fault(m.fault, false, "", now); return;
        case MessageType::bins: on_bins(m, now); return;
        case MessageType::hello:
            emit_(line_of({{"event", "controller"}, {"connected", true}, {"name", m.name}}));
            if (m.faults) on_open_faults(*m.faults, now);
            return;
        case MessageType::heartbeat: return;
        case MessageType::accept:
        case MessageType::reject:
        case MessageType::query:
            report_error("unknown_type", "type", "\"" + std::string(message_type_id(m.type)) + "\" is sent by the kiosk, not to it");
            return;
    }
}

void IntakeController::on_presented(const ControllerMessage& m, KioskTime now) {
    const Clock::time_point started = Clock::now();
    IntakeDecision decision;
    if (out_of_service()) {
        decision.reason = "out_of_service";
        decision.message = "the machine is out of service until its fault is cleared";
    } else {
        decision = backend_.present(Presented{m.item, m.gtin, m.weight_g, m.material}, now);
    }
    ControllerMessage reply;
    reply.item = m.item;
    if (decision.accept) {
        reply.type = MessageType::accept;
        reply.bin = decision.bin;
    } else {
        reply.type = MessageType::reject;
        reply.reason = decision.reason;
    }
    send(reply);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
    Json event = {{"event", "presented"},
                  {"item", m.item},
                  {"gtin", decision.outcome.gtin14},
                  {"decision", decision.accept ? "accept" : "reject"},
                  {"decisionUs", micros},
                  {"pending", backend_.pending_items().size()}};
    if (decision.plausibility != Plausibility::not_checked) event["plausibility"] = plausibility_id(decision.plausibility);
    if (decision.expected_g) event["expectedG"] = *decision.expected_g;
    if (m.weight_g) event["weightG"] = *m.weight_g;
    if (decision.accept) {
        event["bin"] = decision.bin;
        event["amountMinor"] = decision.outcome.item->refund.minor;
    } else {
        event["reason"] = decision.reason;
        event["message"] = decision.message;
        // Refusals by reason reach the hub's store day like refused scans do.
        (void)backend_.ledger().record_event(now.unix_ms, "intake_refused",
                                             line_of({{"item", m.item}, {"gtin", decision.outcome.gtin14}, {"reason", decision.reason}}));
    }
    emit_(line_of(event));
    if (observer_) {
        IntakeNotice notice{IntakeNotice::Kind::presented, m.item, decision.outcome.gtin14, decision.accept};
        notice.reason = decision.reason;
        if (decision.accept) notice.amount = decision.outcome.item->refund;
        observer_(notice);
    }
}

void IntakeController::on_binned(const ControllerMessage& m, KioskTime now) {
    Result<IntakeSettled> paid = backend_.binned(m.item, now);
    if (!paid) {
        const std::string& path = paid.error().path;
        report_error(path == "unknown_item" || path == "out_of_order" ? path : "ledger_unavailable", "item", paid.error().message);
        return;
    }
    emit_(line_of({{"event", "binned"},
                   {"item", m.item},
                   {"gtin", paid->gtin14},
                   {"bin", m.bin},
                   {"amountMinor", paid->amount.minor},
                   {"totalMinor", paid->total.minor},
                   {"currency", currency_code(paid->total.currency)},
                   {"session", paid->session_id},
                   {"position", paid->position},
                   {"items", paid->position + 1},
                   {"pending", backend_.pending_items().size()}}));
    if (observer_) {
        IntakeNotice notice{IntakeNotice::Kind::binned, m.item, paid->gtin14, true};
        notice.amount = paid->amount;
        observer_(notice);
    }
    report_bin(paid->bin);
}

void IntakeController::report_bin(const std::string& bin) {
    const std::optional<BinState> state = backend_.bin(bin);
    if (!state) return;
    // Staff hear of a bin when it crosses its warn level or fills; the shopper's screen hears of it via out_of_service.
    const int level = state->full ? 2 : state->warn ? 1 : 0;
    int& last = bin_levels_[bin];
    if (level != last) {
        last = level;
        emit_(line_of({{"event", "bin"}, {"bin", bin}, {"count", state->count}, {"capacity", state->capacity},
                       {"warn", state->warn}, {"full", state->full}, {"source", "kiosk"}}));
    }
    emit_service_state();
}

void IntakeController::on_returned(const ControllerMessage& m, KioskTime now) {
    Result<IntakeSettled> settled = backend_.returned(m.item, now);
    if (!settled) {
        report_error(settled.error().path == "duplicate" || settled.error().path == "out_of_order" ? settled.error().path : "ledger_unavailable",
                     "item", settled.error().message);
        return;
    }
    emit_(line_of({{"event", "returned"},
                   {"item", m.item},
                   {"gtin", settled->gtin14},
                   {"reason", m.reason},
                   {"paid", false},
                   {"totalMinor", settled->total.minor},
                   {"currency", currency_code(settled->total.currency)},
                   {"pending", backend_.pending_items().size()}}));
    if (observer_) {
        IntakeNotice notice{IntakeNotice::Kind::returned, m.item, settled->gtin14};
        notice.reason = m.reason;
        observer_(notice);
    }
}

void IntakeController::on_status(const ControllerMessage& m, KioskTime now) {
    int binned = 0, returned = 0, unknown = 0;
    for (const ItemStatus& s : m.statuses) {
        if (asked_.erase(s.item) == 0) {
            report_error("unknown_item", "items", "the controller reported item " + s.item + ", which the kiosk did not ask about");
            continue;
        }
        ControllerMessage as;
        as.item = s.item;
        as.bin = s.bin;
        as.reason = "before_restart";
        switch (s.fate) {
            case ItemFate::pending: break;  // still on its way: its binned or returned message will come
            case ItemFate::binned:
                on_binned(as, now);
                ++binned;
                break;
            case ItemFate::returned:
                on_returned(as, now);
                ++returned;
                break;
            case ItemFate::unknown: {
                Result<IntakeSettled> settled = backend_.unresolved(s.item, now);
                if (settled) {
                    emit_(line_of({{"event", "unresolved"},
                                   {"item", s.item},
                                   {"gtin", settled->gtin14},
                                   {"amountMinor", settled->amount.minor},
                                   {"paid", false},
                                   {"message", "the controller does not know this container: not paid, listed for staff"}}));
                    if (observer_) observer_(IntakeNotice{IntakeNotice::Kind::unresolved, s.item, settled->gtin14});
                }
                ++unknown;
                break;
            }
        }
    }
    if (asked_.empty()) {
        emit_(line_of({{"event", "reconciled"},
                       {"binned", binned},
                       {"returned", returned},
                       {"unknown", unknown},
                       {"pending", backend_.pending_items().size()}}));
    }
}

void IntakeController::notify_fault(FaultKind fault, bool active) {
    if (!observer_) return;
    IntakeNotice notice{IntakeNotice::Kind::fault};
    notice.reason = std::string(fault_id(fault));
    notice.active = active;
    observer_(notice);
}

void IntakeController::on_bins(const ControllerMessage& m, KioskTime now) {
    Json levels = Json::array();
    for (const BinLevel& b : m.bins) {
        // The controller's own sensor: a bin it reports at capacity takes nothing more, whatever the kiosk counted.
        backend_.set_bin_sensor_full(b.bin, b.capacity > 0 && b.count >= b.capacity);
        emit_(line_of({{"event", "bin"}, {"bin", b.bin}, {"count", b.count}, {"capacity", b.capacity}, {"source", "controller"}}));
        levels.push_back({{"bin", b.bin}, {"count", b.count}, {"capacity", b.capacity}});
    }
    emit_service_state();
    std::vector<std::string> emptied;
    if (!bins_worth_recording(m.bins, recorded_bins_, emptied)) return;
    if (backend_.ledger().record_event(now.unix_ms, "controller_bins", line_of({{"bins", levels}, {"emptied", emptied}}))) {
        for (const BinLevel& b : m.bins) recorded_bins_[b.bin] = b.count;
    }
}

// The machine's open faults: the controller's, its printer's paper_out, and bin_full for a configured bin that is full.
std::set<FaultKind> IntakeController::open_faults() const {
    std::set<FaultKind> open = faults_;
    if (backend_.printer_out()) open.insert(FaultKind::paper_out);
    for (const BinState& b : backend_.bins()) {
        if (b.full) open.insert(FaultKind::bin_full);
    }
    return open;
}

// The open faults reach the hub's fleet through the ledger; each event lists all that are still open, so the newest
// one says the machine's state.
void IntakeController::record_fault(FaultKind fault, bool active, const std::string& detail, KioskTime now) {
    const std::set<FaultKind> open = open_faults();
    Json ids = Json::array();
    for (FaultKind f : open) ids.push_back(fault_id(f));
    if (backend_.ledger().record_event(now.unix_ms, "controller_fault",
                                       line_of({{"fault", fault_id(fault)}, {"active", active}, {"detail", detail}, {"open", ids}}))) {
        recorded_open_ = open;
    }
}

// The open faults of the ledger's newest controller_fault event (none without one): what the hub last heard.
std::set<FaultKind> IntakeController::ledger_open_faults() {
    std::set<FaultKind> open;
    Result<std::vector<LedgerEvent>> events = backend_.ledger().events("controller_fault");
    if (!events || events->empty()) return open;
    const Json detail = Json::parse(events->back().detail, nullptr, false);
    if (!detail.is_object() || !detail.contains("open") || !detail["open"].is_array()) return open;
    for (const Json& id : detail["open"]) {
        if (!id.is_string()) continue;
        if (const std::optional<FaultKind> f = fault_from_id(id.get<std::string>())) open.insert(*f);
    }
    return open;
}

// The faults open at the controller as it greets the kiosk (its hello): one the kiosk holds open that the controller
// no longer lists ended while the link was down, and is cleared. The resulting set is then recorded if the ledger's
// newest controller_fault says otherwise: that event may be from before the kiosk stopped, with a fault that ended
// while it was stopped, which this run never saw open and so would never clear at the hub.
void IntakeController::on_open_faults(const std::vector<FaultKind>& open, KioskTime now) {
    const std::set<FaultKind> listed(open.begin(), open.end());
    for (const FaultKind f : std::set<FaultKind>(faults_)) {
        if (!listed.contains(f)) on_fault(f, false, "", now);
    }
    if (backend_.printer_out() && !listed.contains(FaultKind::paper_out)) on_fault(FaultKind::paper_out, false, "", now);
    for (const FaultKind f : listed) on_fault(f, true, "", now);
    if (!recorded_open_) recorded_open_ = ledger_open_faults();
    const std::set<FaultKind> now_open = open_faults();
    if (recorded_open_ == now_open) return;
    Json ids = Json::array();
    for (FaultKind f : now_open) ids.push_back(fault_id(f));
    if (backend_.ledger().record_event(now.unix_ms, "controller_fault", line_of({{"open", ids}, {"on", "hello"}}))) recorded_open_ = now_open;
}

void IntakeController::on_fault(FaultKind fault, bool active, const std::string& detail, KioskTime now) {
    if (fault == FaultKind::paper_out) {
        // The printer stops the machine only where the store chose so; otherwise the shopper is offered digital
        // credit or a donation instead of a voucher (KioskBackend::payout_options).
        if (backend_.printer_out() == active) return;
        backend_.set_printer_out(active);
        record_fault(fault, active, detail, now);
        const BackendStats s = backend_.stats();
        Json options = Json::array();
        for (PayoutKind kind : backend_.payout_options()) options.push_back(payout_kind_id(kind));
        emit_(line_of({{"event", "fault"}, {"fault", fault_id(fault)}, {"active", active}, {"creditMinor", s.total.minor},
                       {"payoutOptions", options}, {"whenOut", printer_out_policy_id(backend_.settings().printer_out)}}));
        notify_fault(fault, active);
        emit_service_state();
        return;
    }
    if (fault == FaultKind::bin_full && !backend_.settings().bins.empty()) {
        // Bins from the settings: the full one is named by the bins levels and stops its materials, not the machine.
        if (!detail.empty()) backend_.set_bin_sensor_full(detail, active);
        record_fault(fault, active, detail, now);
        emit_(line_of({{"event", "fault"}, {"fault", fault_id(fault)}, {"active", active}, {"detail", detail},
                       {"creditMinor", backend_.stats().total.minor}}));
        notify_fault(fault, active);
        emit_service_state();
        return;
    }
    const bool changed = active ? faults_.insert(fault).second : faults_.erase(fault) != 0;
    if (!changed) return;
    record_fault(fault, active, detail, now);
    const BackendStats s = backend_.stats();
    Json event = {{"event", "fault"}, {"fault", fault_id(fault)}, {"active", active}, {"creditMinor", s.total.minor}};
    if (!detail.empty()) event["detail"] = detail;
    emit_(line_of(event));
    notify_fault(fault, active);
    emit_service_state();
}

int run_headless_intake(KioskBackend& backend, int input_fd, const IntakeOptions& options, const EventSink& emit,
                        const ClockFunction& now) {
    const KioskSettings& s = backend.settings();
    if (const auto& restored = backend.restored()) {
        emit(line_of({{"event", "restored"},
                      {"session", restored->session_id},
                      {"items", restored->items},
                      {"totalMinor", restored->total.minor},
                      {"currency", currency_code(restored->total.currency)},
                      {"pending", backend.pending_items().size()}}));
    }
    for (const Delivery& d : backend.redeliver(now())) emit(delivery_event(d));
    IntakeController controller(backend, options, emit);
    controller.tick(now());
    emit(line_of({{"event", "ready"},
                  {"store", s.store},
                  {"machine", s.machine},
                  {"scheme", s.scheme.id},
                  {"currency", currency_code(s.currency())},
                  {"donation", s.charity.has_value()},
                  {"mode", "rvm"}}));
    LineSplitter input(kMaxScanLine);
    bool input_open = true;
    while (input_open) {
        pollfd fds[2] = {{input_fd, POLLIN, 0}, {controller.fd(), POLLIN, 0}};
        const int count = controller.fd() >= 0 ? 2 : 1;
        const int rc = ::poll(fds, static_cast<nfds_t>(count), controller.next_wakeup_ms());
        if (rc < 0 && errno != EINTR) return 1;
        if (count == 2 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) controller.on_readable(now());
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            char buffer[4096];
            const ssize_t n = ::read(input_fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) input_open = false;
            else input.feed(buffer, static_cast<std::size_t>(n));
            std::string line;
            bool overlong = false;
            while (input.next(line, overlong)) {
                handle_line(backend, line, overlong, now(), emit);
                controller.emit_service_state();  // a staff action (a bin emptied) may have put the machine back
            }
            emit_print_results(backend, now(), emit);
        }
        controller.tick(now());
        apply_hub_config(backend, now(), emit);  // the back end waits for an empty session and no container in checking
    }
    return 0;
}

}  // namespace returnloop::kiosk
