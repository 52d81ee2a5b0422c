// The headless machine interface (see headless.hpp).
#include "backend/headless.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <nlohmann/json.hpp>


namespace returnloop::kiosk {
namespace {

using Json = nlohmann::json;

std::string line_of(const Json& event) { return event.dump(-1, ' ', false, Json::error_handler_t::replace); }

// A printable, bounded echo of junk input for logs; the raw bytes may be anything.
std::string preview(std::string_view raw) {
    std::string out;
    for (char c : raw.substr(0, 32)) out += (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f) ? c : '?';
    if (raw.size() > 32) out += "...";
    return out;
}

void emit_error(const EventSink& emit, std::string_view reason, std::string_view message) {
    emit(line_of({{"event", "error"}, {"reason", reason}, {"message", message}}));
}

void handle_action(KioskBackend& backend, std::string_view action, KioskTime now, const EventSink& emit) {
    while (!action.empty() && (action.back() == ' ' || action.back() == '\t')) action.remove_suffix(1);
    // ":finish KIND [PIN]": the PIN is staff's, for a counter session above counter.pinAboveMinor.
    const std::string_view finish_kind = action.substr(0, action.find(' ', 7));
    if (finish_kind == "finish voucher" || finish_kind == "finish donate" || finish_kind == "finish donation" || finish_kind == "finish digital") {
        const PayoutKind kind = *payout_kind_from_id(finish_kind.substr(7));
        const std::string_view pin = action.size() > finish_kind.size() + 1 ? action.substr(finish_kind.size() + 1) : std::string_view();
        Result<Delivery> delivered = backend.finish(kind, now, pin);
        if (!delivered) {
            const std::string& path = delivered.error().path;
            const std::string_view reason = path == "donation"       ? "donation_unavailable"
                                            : path == "pending"      ? "items_pending"
                                            : path == "printer_out"  ? "printer_out"
                                            : path == "pin_required" ? "pin_required"
                                            : path == "pin"          ? "pin_refused"
                                                                     : "nothing_to_pay";
            Json event = {{"event", "error"}, {"reason", reason}, {"message", delivered.error().message}};
            if (path == "printer_out") {
                Json options = Json::array();
                for (PayoutKind k : backend.payout_options()) options.push_back(payout_kind_id(k));
                event["payoutOptions"] = options;
                event["creditMinor"] = backend.stats().total.minor;
            }
            emit(line_of(event));
            return;
        }
        emit(delivery_event(*delivered));
        return;
    }
    if (action.substr(0, 5) == "lang ") {
        const std::string_view language = action.substr(5);
        if (Status s = backend.set_receipt_language(language); !s) {
            emit_error(emit, "unknown_language", s.error().message);
            return;
        }
        emit(line_of({{"event", "language"}, {"language", language}}));
        return;
    }
    if (action == "reprint" || action.substr(0, 8) == "reprint ") {
        // ":reprint" is the shopper's button (the voucher just issued); ":reprint ID [LANG]" is staff's, for any payout,
        // in the voucher's own language unless staff name another.
        std::string_view id_text = action.size() > 8 ? action.substr(8) : std::string_view();
        std::string_view language;
        if (const std::size_t space = id_text.find(' '); space != std::string_view::npos) {
            language = id_text.substr(space + 1);
            id_text = id_text.substr(0, space);
        }
        std::int64_t id = 0;
        bool number = id_text.empty() || id_text.size() <= 18;
        for (char c : id_text) {
            number = number && c >= '0' && c <= '9';
            if (number) id = id * 10 + (c - '0');
        }
        if (!number) {
            emit_error(emit, "reprint_refused", "write :reprint or :reprint PAYOUT-ID (digits)");
            return;
        }
        Result<Delivery> printed = id_text.empty() ? backend.reprint(backend.last_payout_id(), now, "shopper") : backend.reprint(id, now, "staff", language);
        if (!printed) {
            emit_error(emit, "reprint_refused", printed.error().message);
            return;
        }
        emit(delivery_event(*printed));
        return;
    }
    if (action.substr(0, 6) == "empty ") {
        // ":empty BIN PIN": staff emptied a bin; recorded with its count, an emptying receipt written.
        const std::string_view rest = action.substr(6);
        const std::size_t space = rest.find(' ');
        if (space == std::string_view::npos) {
            emit_error(emit, "empty_refused", "write :empty BIN PIN");
            return;
        }
        Result<BinEmptied> emptied = backend.empty_bin(rest.substr(0, space), rest.substr(space + 1), now);
        if (!emptied) {
            emit_error(emit, "empty_refused", emptied.error().message);
            return;
        }
        Json event = {{"event", "bin_emptied"}, {"bin", emptied->bin}, {"count", emptied->count},
                      {"png", emptied->png_path.empty() ? Json(nullptr) : Json(emptied->png_path)}};
        if (emptied->render_error) event["renderError"] = emptied->render_error->message;
        if (emptied->print_queued) event["printQueued"] = true;
        emit(line_of(event));
        return;
    }
    if (action == "bins") {
        Json bins = Json::array();
        for (const BinState& b : backend.bins()) {
            bins.push_back({{"bin", b.id}, {"count", b.count}, {"capacity", b.capacity}, {"warn", b.warn}, {"full", b.full}});
        }
        emit(line_of({{"event", "bins"}, {"bins", bins}}));
        return;
    }
    if (action == "cancel") {
        if (Status s = backend.cancel(); !s) {
            emit_error(emit, "session_not_empty", s.error().message);
            return;
        }
        emit(line_of({{"event", "cancelled"}}));
        return;
    }
    if (action == "idle") {
        Result<std::optional<Delivery>> delivered = backend.finish_if_idle(now);
        if (!delivered) emit_error(emit, "nothing_to_pay", delivered.error().message);
        else if (*delivered) emit(delivery_event(**delivered));
        else emit(line_of({{"event", "idle"}, {"due", false}}));
        return;
    }
    if (action == "status") {
        const BackendStats s = backend.stats();
        Json status = {{"event", "status"},
                       {"session", s.session_id},
                       {"items", s.items},
                       {"totalMinor", s.total.minor},
                       {"currency", currency_code(s.total.currency)},
                       {"scans", s.scans},
                       {"accepted", s.accepted},
                       {"rejected", s.rejected},
                       {"payouts", s.payouts}};
        if (const std::int64_t waiting = backend.hub_config_waiting()) status["hubConfigWaiting"] = waiting;  // until no session is open
        emit(line_of(status));
        return;
    }
    emit_error(emit, "unknown_action",
               "unknown action \":" + preview(action) +
                   "\"; use :finish voucher, :finish donate, :finish digital, :reprint, :lang, :empty, :bins, :cancel, :idle or :status");
}

}  // namespace

void emit_print_results(KioskBackend& backend, KioskTime now, const EventSink& emit) {
    for (const PrintResult& r : backend.take_print_results(now)) {
        Json event = {{"event", "printed"}, {"payout", r.payout_id}, {"session", r.session_id}, {"ok", r.status.ok()}};
        if (!r.status) event["printError"] = r.status.error().message;
        emit(line_of(event));
    }
}

bool LineReader::next(std::string& line, bool& overlong, const std::function<void()>& on_wait) {
    line.clear();
    overlong = false;
    for (;;) {
        for (std::size_t i = start_; i < end_; ++i) {
            if (buffer_[i] == '\n') {
                const std::size_t take = std::min(i - start_, kMaxScanLine - std::min(line.size(), kMaxScanLine));
                line.append(buffer_ + start_, take);
                if (i - start_ > take) overlong = true;
                start_ = i + 1;
                return true;
            }
        }
        // No newline in the buffer: keep what fits in a line, drop the rest of an overlong one.
        const std::size_t room = kMaxScanLine - std::min(line.size(), kMaxScanLine);
        const std::size_t take = std::min(end_ - start_, room);
        line.append(buffer_ + start_, take);
        if (end_ - start_ > take) overlong = true;
        start_ = end_ = 0;
        if (eof_) return !line.empty() || overlong;
        if (on_wait) {
            pollfd ready{fd_, POLLIN, 0};
            while (::poll(&ready, 1, 500) == 0) on_wait();
        }
        ssize_t n;
        do {
            n = ::read(fd_, buffer_, sizeof buffer_);
        } while (n < 0 && errno == EINTR);
        if (n <= 0) {
            eof_ = true;
            if (line.empty() && !overlong) return false;
            return true;
        }
        end_ = static_cast<std::size_t>(n);
    }
}

void apply_hub_config(KioskBackend& backend, KioskTime now, const EventSink& emit) {
    const std::optional<HubConfigOutcome> outcome = backend.poll_hub_config(now);
    if (!outcome) return;
    Json event = {{"event", "hub_config"}, {"version", outcome->version}, {"applied", outcome->applied}};
    if (!outcome->applied) {
        event["error"] = outcome->error;
        event["field"] = outcome->field;
        event["message"] = outcome->message;
    }
    emit(line_of(event));
}

std::string delivery_event(const Delivery& d) {
    const PayoutRecord& p = d.payout;
    Json event;
    if (p.kind == PayoutKind::donation) {
        event = {{"event", "donation"}, {"charity", p.charity}};
    } else {
        event = {{"event", "voucher"},
                 {"kind", payout_kind_id(p.kind)},
                 {"code", p.kind == PayoutKind::digital ? p.codes.qr : p.codes.code128},
                 {"seq", p.voucher_seq},
                 {"expires", p.expires ? format_date(*p.expires) : ""}};
        if (p.kind == PayoutKind::voucher) event["ean13"] = p.codes.ean13;
    }
    event["session"] = p.session_id;
    event["items"] = p.item_count;
    event["amountMinor"] = p.amount.minor;
    event["currency"] = currency_code(p.amount.currency);
    event["png"] = d.png_path.empty() ? Json(nullptr) : Json(d.png_path);
    event["printed"] = d.printed;
    if (d.print_queued) event["printQueued"] = true;
    if (d.render_error) event["renderError"] = d.render_error->message;
    if (d.print_error) event["printError"] = d.print_error->message;
    if (d.reissued) event["reissued"] = true;
    if (d.reprint) event["reprint"] = true;
    event["payout"] = p.id;
    return line_of(event);
}

void handle_line(KioskBackend& backend, std::string_view line, bool overlong, KioskTime now, const EventSink& emit) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (overlong) {
        emit(line_of({{"event", "rejected"},
                      {"gtin", ""},
                      {"reason", "unreadable"},
                      {"message", "the line is longer than " + std::to_string(kMaxScanLine) + " bytes: not a barcode"},
                      {"input", preview(line)}}));
        return;
    }
    if (!line.empty() && line.front() == ':') {
        handle_action(backend, line.substr(1), now, emit);
        return;
    }
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;  // a stray Enter, not a scan
    const auto [quantity, code] = split_quantity(line);
    const ScanReport r = backend.scan(code, now, quantity);
    if (r.accepted()) {
        Json event = {{"event", "accepted"},
                      {"gtin", r.gtin14},
                      {"amountMinor", r.item->refund.minor},
                      {"totalMinor", r.total.minor},
                      {"currency", currency_code(r.total.currency)},
                      {"session", r.session_id},
                      {"item", r.position},
                      {"items", r.position + 1}};
        if (quantity != 1) event["quantity"] = r.quantity;
        emit(line_of(event));
        return;
    }
    Json event = {{"event", "rejected"},
                  {"gtin", r.gtin14},
                  {"reason", scan_verdict_id(r.verdict)},
                  {"message", r.message},
                  {"totalMinor", r.total.minor},
                  {"currency", currency_code(r.total.currency)}};
    if (r.verdict == ScanVerdict::no_deposit) event["schemeReason"] = reason_id(r.scheme_reason);
    if (r.gtin14.empty()) event["input"] = preview(line);
    emit(line_of(event));
}

int run_headless(KioskBackend& backend, int input_fd, const EventSink& emit, const ClockFunction& now) {
    const KioskSettings& s = backend.settings();
    if (const auto& restored = backend.restored()) {
        emit(line_of({{"event", "restored"},
                      {"session", restored->session_id},
                      {"items", restored->items},
                      {"totalMinor", restored->total.minor},
                      {"currency", currency_code(restored->total.currency)}}));
    }
    for (const Delivery& d : backend.redeliver(now())) emit(delivery_event(d));  // queued for the printer: never waited for
    // "ready" comes last: from here on every line typed is handled.
    emit(line_of({{"event", "ready"},
                  {"store", s.store},
                  {"machine", s.machine},
                  {"scheme", s.scheme.id},
                  {"currency", currency_code(s.currency())},
                  {"donation", s.charity.has_value()},
                  {"mode", backend.intake_required() ? "rvm" : s.mode == MachineMode::counter ? "counter" : "demo"}}));
    LineReader reader(input_fd);
    std::string line;
    bool overlong = false;
    apply_hub_config(backend, now(), emit);
    while (reader.next(line, overlong, [&] { apply_hub_config(backend, now(), emit); })) {
        handle_line(backend, line, overlong, now(), emit);
        emit_print_results(backend, now(), emit);
        apply_hub_config(backend, now(), emit);
    }
    // Input ended: give receipts in hand their chance (each bounded by the printer's timeouts), then report them.
    backend.wait_for_printer(std::chrono::milliseconds(4 * kPrinterTimeoutMs));
    emit_print_results(backend, now(), emit);
    return 0;
}

}  // namespace returnloop::kiosk
