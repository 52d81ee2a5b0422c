// The kiosk back end's machine health (see backend.hpp): bins from the settings with counts from the ledger, their
// warn and full levels, staff emptying them (recorded, with an emptying receipt), and whether the machine can take
// containers at all (every bin full, or the printer out where the store stops for it).
#include <nlohmann/json.hpp>

#include "backend/backend.hpp"
#include "backend/escpos.hpp"
#include "backend/receipt.hpp"

namespace returnloop::kiosk {
namespace {

// "2026-12-06T09:44:02+01:00" without its seconds and offset: "2026-12-06 09:44", the kiosk's local time.
std::string local_minute(KioskTime now) {
    std::string iso = iso_local_time(now.unix_ms).substr(0, 16);
    if (iso.size() > 10) iso[10] = ' ';
    return iso;
}

}  // namespace

Status KioskBackend::load_bin_counts() {
    std::map<std::string, std::int64_t, std::less<>> counts;
    for (const BinSetting& bin : settings_.bins) {
        // Counted from the record the last emptying left behind: the ledger is the count, the memory a copy.
        std::int64_t after = 0;
        Result<std::vector<LedgerEvent>> emptied = ledger_->events("bin_emptied");
        if (!emptied) return emptied.error();
        for (const LedgerEvent& e : *emptied) {
            const nlohmann::json detail = nlohmann::json::parse(e.detail, nullptr, false);
            if (detail.is_object() && detail.value("bin", "") == bin.id) after = detail.value("afterIntake", std::int64_t{0});
        }
        Result<std::int64_t> count = ledger_->count_in_bin(bin.id, after);
        if (!count) return count.error();
        counts[bin.id] = *count;
    }
    bin_counts_ = std::move(counts);
    return ok_status();
}

std::optional<std::string> KioskBackend::bin_for(Material material) const {
    for (const BinSetting& bin : settings_.bins) {
        for (Material m : bin.materials) {
            if (m == material) return bin.id;
        }
    }
    return std::nullopt;
}

void KioskBackend::set_bin_sensor_full(std::string_view bin, bool full) {
    if (full) bins_sensed_full_.insert(std::string(bin));
    else if (const auto it = bins_sensed_full_.find(bin); it != bins_sensed_full_.end()) bins_sensed_full_.erase(it);
}

std::vector<BinState> KioskBackend::bins() const {
    std::vector<BinState> out;
    for (const BinSetting& bin : settings_.bins) {
        BinState state;
        state.id = bin.id;
        const auto count = bin_counts_.find(bin.id);
        state.count = count == bin_counts_.end() ? 0 : count->second;
        state.capacity = bin.capacity;
        state.warn_percent = bin.warn_percent;
        state.warn = state.count * 100 >= bin.capacity * bin.warn_percent;
        state.full = state.count >= bin.capacity || bins_sensed_full_.count(bin.id) != 0;
        out.push_back(std::move(state));
    }
    return out;
}

std::optional<BinState> KioskBackend::bin(std::string_view id) const {
    for (BinState& state : bins()) {
        if (state.id == id) return std::move(state);
    }
    return std::nullopt;
}

ServiceStops KioskBackend::service_stops() const {
    ServiceStops out;
    if (settings_.mode == MachineMode::rvm && !settings_.bins.empty()) {
        bool any_open = false;
        for (const BinState& state : bins()) any_open = any_open || !state.full;
        if (!any_open) out.push_back("bins_full");
    }
    // A container taken now could only be paid on paper the printer cannot print, unless the store offers more.
    if (printer_out_ && settings_.printer_out == PrinterOutPolicy::out_of_service) out.push_back("printer_out");
    return out;
}

Result<BinEmptied> KioskBackend::empty_bin(std::string_view bin_id, std::string_view pin, KioskTime now) {
    const std::optional<BinState> state = bin(bin_id);
    if (!state) return Error{"bin", "there is no bin \"" + std::string(bin_id.substr(0, 32)) + "\" in the settings"};
    Result<PinCheck> checked = check_pin(pin, now, kPinSourceScreen);
    if (!checked) return checked.error();
    if (checked->verdict != PinVerdict::accepted) return Error{"pin", "the staff PIN was not accepted"};
    Result<std::int64_t> last = ledger_->last_intake_id();
    if (!last) return last.error();
    // Recorded before the count is reset: the emptying and what the bin held are in the ledger for the clearing.
    const nlohmann::json detail = {{"bin", state->id}, {"count", state->count}, {"capacity", state->capacity}, {"afterIntake", *last}};
    if (Status s = ledger_->record_event(now.unix_ms, "bin_emptied", detail.dump()); !s) return s.error();
    bin_counts_[state->id] = 0;
    set_bin_sensor_full(state->id, false);
    BinEmptied out;
    out.bin = state->id;
    out.count = state->count;
    std::vector<ReceiptBlock> blocks;
    blocks.emplace_back(ReceiptText{"BIN EMPTIED", true});
    if (!settings_.store_name.empty()) blocks.emplace_back(ReceiptText{settings_.store_name, false});
    if (!settings_.store_address.empty()) blocks.emplace_back(ReceiptText{settings_.store_address, false});
    blocks.emplace_back(ReceiptText{"Store " + std::to_string(settings_.store) + "  Machine " + std::to_string(settings_.machine), false});
    blocks.emplace_back(ReceiptText{local_minute(now), false});
    blocks.emplace_back(ReceiptGap{12});
    blocks.emplace_back(ReceiptText{"Bin " + state->id, true});
    blocks.emplace_back(ReceiptText{std::to_string(state->count) + " containers (capacity " + std::to_string(state->capacity) + ")", true});
    Result<RenderedReceipt> screen = render_receipt(blocks, screen_profile());
    if (!screen) {
        out.render_error = screen.error();
        return out;
    }
    const std::string png = paths_.voucher_dir + "/" + std::to_string(now.unix_ms) + "-bin-" + state->id + "-emptied.png";
    if (Status s = write_png(screen->raster, png); !s) out.render_error = s.error();
    else out.png_path = png;
    if (printer_) {
        if (Result<RenderedReceipt> paper = render_receipt(blocks, printer_profile(settings_.printer_width_dots))) {
            printer_->submit(PrintJob{0, 0, escpos_receipt(paper->raster)});
            out.print_queued = true;
        }
    }
    return out;
}

}  // namespace returnloop::kiosk
