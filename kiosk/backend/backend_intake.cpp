// The kiosk back end's reverse-vending intake (see backend.hpp): decide a container the controller presents, make
// the accept durable, and pay it only when the controller confirms it binned. Returned and unknown containers are
// settled in the ledger and never paid.
#include <cmath>
#include <nlohmann/json.hpp>

#include "backend/backend.hpp"
#include "returnloop/gtin.hpp"

namespace returnloop::kiosk {

Status KioskBackend::restore_intake() {
    Result<std::vector<IntakeRecord>> open = ledger_->intake_in_state(IntakeState::accepted);
    if (!open) return open.error();
    for (const IntakeRecord& record : *open) {
        PendingIntake pending;
        pending.intake_id = record.id;
        pending.session_id = record.session_id;
        pending.item = restored_item(record.item, session_.currency());
        pending.rule_id = record.item.rule_id;
        pending.date = record.item.scanned_date;
        pending.bin = record.bin;
        pending_.emplace(record.controller_item, std::move(pending));
        // The container's session is the open one: it cannot be paid while the container is still being checked.
        if (session_id_ == 0) session_id_ = record.session_id;
    }
    return ok_status();
}

IntakeDecision KioskBackend::present(const Presented& presented, KioskTime now) {
    IntakeDecision decision;
    last_payout_id_ = 0;  // a new container: the shopper has left the voucher screen
    ++counters_.scans;
    counters_.last_activity_ms = now.unix_ms;
    auto refuse = [&](std::string reason, std::string message) {
        decision.reason = std::move(reason);
        decision.message = std::move(message);
        ++counters_.rejected;
        return decision;
    };
    if (pending_.count(presented.item) != 0) return refuse("duplicate_item", "the controller presented item " + presented.item + " twice");
    if (Status s = refresh_day(now.date); !s) return refuse("ledger_unavailable", s.error().message);
    if (const ServiceStops stops = service_stops(); !stops.empty()) {
        return refuse("out_of_service", "the machine takes no containers now (" + stops.front() + ")");
    }
    // A binned container cannot come back, so a double read is impossible here: no duplicate window.
    SessionLimits limits = settings_.limits;
    limits.duplicate_window_ms = 0;
    const ScanContext context{settings_.scheme, catalog_, now.date, now.unix_ms, limits, today_};
    decision.outcome = session_.evaluate(presented.gtin, context);
    if (!decision.outcome.accepted()) {
        return refuse(std::string(scan_reason_id(decision.outcome.reason)), decision.outcome.message);
    }
    const ReturnedItem& item = *decision.outcome.item;
    const std::optional<ProductView> product = catalog_.find(item.gtin_key);
    if (product) {
        // The core's rule: does what lies in the intake look like the product its barcode names?
        const IntakeMeasurement measured{presented.weight_g, material_from_id(presented.material)};
        const PlausibilityCheck check = check_plausibility(*product, mass_model_ ? &*mass_model_ : nullptr, measured);
        decision.plausibility = check.verdict;
        decision.expected_g = check.expected_g;
        const std::string weighed = presented.weight_g ? std::to_string(static_cast<long>(std::lround(*presented.weight_g))) + " g" : "";
        const std::string band = check.expected_g ? std::to_string(static_cast<long>(std::lround(check.low_g))) + "-" +
                                                        std::to_string(static_cast<long>(std::lround(check.high_g))) + " g"
                                                  : "";
        if (check.verdict == Plausibility::too_heavy) {
            return refuse("container_not_empty", "it weighs " + weighed + ", an empty one " + band + ": there is still something in it");
        }
        if (check.verdict == Plausibility::too_light) {
            return refuse("not_as_registered", "it weighs " + weighed + ", the registered container " + band);
        }
        if (check.verdict == Plausibility::wrong_material) {
            return refuse("not_as_registered", "the sensor sees " + presented.material + ", the register says " +
                                                   std::string(material_id(product->container.material)));
        }
    }
    decision.bin = product ? std::string(material_id(product->container.material)) : "mixed";
    if (!settings_.bins.empty()) {
        // The settings route each material to a bin; a full bin stops its materials only.
        const std::optional<std::string> bin = product ? bin_for(product->container.material) : std::nullopt;
        if (!bin) return refuse("no_bin", "this machine has no bin for " + decision.bin + " containers");
        if (const std::optional<BinState> state = this->bin(*bin); state && state->full) {
            return refuse("bin_full", "the " + *bin + " bin is full (" + std::to_string(state->count) + " of " +
                                          std::to_string(state->capacity) + "): staff must empty it");
        }
        decision.bin = *bin;
    }
    NewIntake intake;
    if (session_id_ != 0) intake.item.session_id = session_id_;
    intake.item.currency = session_.currency();
    intake.item.scheme_id = settings_.scheme.id;
    intake.item.item = item;
    intake.item.rule_id = item.rule_index >= 0 ? settings_.scheme.rules[static_cast<std::size_t>(item.rule_index)].id : std::string();
    intake.item.date = now.date;
    intake.controller_item = presented.item;
    intake.bin = decision.bin;
    intake.weight_mg = presented.weight_g ? static_cast<std::int64_t>(std::llround(*presented.weight_g * 1000.0)) : -1;
    intake.material = presented.material;
    // Durable first: the accept is committed (and fsync'ed) before the controller is told to take the container.
    Result<IntakeRecord> recorded = ledger_->record_accept(intake);
    if (!recorded) return refuse(recorded.error().path == "item" ? "duplicate_item" : "ledger_unavailable", recorded.error().message);
    session_id_ = recorded->session_id;
    PendingIntake pending;
    pending.intake_id = recorded->id;
    pending.session_id = recorded->session_id;
    pending.item = item;
    pending.rule_id = intake.item.rule_id;
    pending.date = now.date;
    pending.bin = decision.bin;
    pending_.emplace(presented.item, std::move(pending));
    if (const auto count = bin_counts_.find(decision.bin); count != bin_counts_.end()) ++count->second;
    decision.accept = true;
    return decision;
}

Result<IntakeSettled> KioskBackend::binned(std::string_view item, KioskTime now) {
    const auto it = pending_.find(item);
    if (it == pending_.end()) {
        Result<std::optional<IntakeRecord>> known = ledger_->find_intake(item);
        if (!known) return known.error();
        if (!*known) return Error{"unknown_item", "the controller binned item " + std::string(item) + ", which this kiosk never accepted"};
        return Error{"out_of_order", "item " + std::string(item) + " was binned after it was already settled as " +
                                         std::string(intake_state_id((*known)->state)) + "; it is not paid again"};
    }
    const PendingIntake& pending = it->second;
    NewItem input;
    input.session_id = pending.session_id;
    input.currency = session_.currency();
    input.scheme_id = settings_.scheme.id;
    input.item = pending.item;
    input.rule_id = pending.rule_id;
    input.date = pending.date;
    input.intake_id = pending.intake_id;
    input.settled_ms = now.unix_ms;
    Result<AppendedItem> appended = ledger_->append_item(input);
    if (!appended) return appended.error();  // still pending: a restart asks the controller again
    IntakeSettled out;
    out.item = std::string(item);
    out.gtin14 = pending.item.gtin14;
    out.bin = pending.bin;
    out.amount = pending.item.refund;
    out.session_id = appended->session_id;
    out.position = appended->position;
    if (pending.session_id == session_id_) {
        Result<Money> total = session_.add(pending.item);
        if (!total) return total.error();
        ++counters_.accepted;
    }
    out.total = session_.total();
    counters_.last_activity_ms = now.unix_ms;
    pending_.erase(it);
    return out;
}

Result<IntakeSettled> KioskBackend::settle_without_pay(std::string_view item, IntakeState state, KioskTime now) {
    const auto it = pending_.find(item);
    if (it == pending_.end()) {
        Result<std::optional<IntakeRecord>> known = ledger_->find_intake(item);
        if (!known) return known.error();
        // A container refused by the kiosk comes back too: the controller's "returned" for it needs no record.
        if (!*known) return IntakeSettled{std::string(item), "", "", Money{0, session_.currency()}, session_.total(), session_id_, -1};
        if ((*known)->state == state) return Error{"duplicate", "item " + std::string(item) + " was already settled"};
        return Error{"out_of_order", "item " + std::string(item) + " was already settled as " +
                                         std::string(intake_state_id((*known)->state))};
    }
    Result<bool> settled = ledger_->settle_intake(it->second.intake_id, state, now.unix_ms);
    if (!settled) return settled.error();
    // It never reached its bin (or nobody knows that it did): it takes no room there.
    if (const auto count = bin_counts_.find(it->second.bin); count != bin_counts_.end() && count->second > 0) --count->second;
    IntakeSettled out;
    out.item = std::string(item);
    out.gtin14 = it->second.item.gtin14;
    out.amount = it->second.item.refund;
    out.session_id = it->second.session_id;
    out.total = session_.total();
    pending_.erase(it);
    counters_.last_activity_ms = now.unix_ms;
    return out;
}

Result<IntakeSettled> KioskBackend::returned(std::string_view item, KioskTime now) {
    return settle_without_pay(item, IntakeState::returned, now);
}

Result<IntakeSettled> KioskBackend::unresolved(std::string_view item, KioskTime now) {
    Result<IntakeSettled> out = settle_without_pay(item, IntakeState::unknown, now);
    if (out && !out->gtin14.empty()) {
        // Listed for staff: the shopper may have lost a container's deposit, or the controller lost track of it.
        const nlohmann::json detail = {{"item", out->item}, {"gtin", out->gtin14}, {"refundMinor", out->amount.minor}};
        ledger_->record_event(now.unix_ms, "intake_unresolved", detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    return out;
}

std::vector<std::string> KioskBackend::pending_items() const {
    std::vector<std::string> out;
    for (const auto& [item, pending] : pending_) out.push_back(item);
    return out;
}

}  // namespace returnloop::kiosk
