// Voucher redemption (see redeem.hpp).
#include "backend/redeem.hpp"

#include <nlohmann/json.hpp>

#include "backend/voucher_code.hpp"

namespace returnloop::kiosk {
namespace {

RedeemOutcome refuse(RedeemVerdict verdict, std::string message, std::optional<PayoutRecord> payout = std::nullopt) {
    return RedeemOutcome{verdict, std::move(message), std::move(payout)};
}

// Refusals are recorded so staff can see forgery attempts; the code is stored only as the printable part.
void record(Ledger& ledger, KioskTime now, const RedeemOutcome& outcome, std::string_view code, std::string_view via) {
    std::string shown;
    for (char c : code.substr(0, 80)) shown += (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f) ? c : '?';
    nlohmann::json detail = {{"verdict", redeem_verdict_id(outcome.verdict)},
                                   {"code", shown},
                                   {"via", std::string(via.substr(0, 64))},
                                   {"payout", outcome.payout ? outcome.payout->id : 0}};
    // Refusals that look like guessing count towards the till's lockout.
    if (outcome.verdict == RedeemVerdict::unknown || outcome.verdict == RedeemVerdict::bad_tag) detail["guessVia"] = std::string(via.substr(0, 64));
    ledger.record_event(now.unix_ms, outcome.ok() ? "voucher_redeemed" : "voucher_refused",
                        detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

RedeemOutcome decide(Ledger& ledger, const KioskSettings& settings, std::string_view raw_code, KioskTime now, std::string_view via) {
    const std::string code = canonical_voucher_code(raw_code);  // the Code 128 number is accepted as printed, with spaces
    Result<ParsedVoucherCode> parsed = parse_voucher_code(code);
    if (!parsed) return refuse(RedeemVerdict::malformed, parsed.error().message);
    const ParsedVoucherCode& v = *parsed;
    std::vector<PayoutRecord> found;
    if (v.form == VoucherForm::ean13) {
        // EAN-13 carries no tag: a store must opt in, and then only an exact match with an open voucher counts.
        if (!settings.accept_ean13) {
            return refuse(RedeemVerdict::ean13_not_accepted, "this machine does not redeem a bare EAN-13 (voucher.acceptEan13 is off): scan the Code 128");
        }
        if (v.ean13_prefix != settings.ean13_prefix || v.id.machine != settings.machine) {
            return refuse(RedeemVerdict::wrong_store, "this EAN-13 is not a voucher of this machine");
        }
        Result<std::vector<PayoutRecord>> rows = ledger.find_payouts("ean13", code);
        if (!rows) return refuse(RedeemVerdict::ledger_error, rows.error().message);
        std::vector<PayoutRecord> open;
        for (const PayoutRecord& p : *rows) {
            if (p.status == PayoutStatus::issued && (!p.expires || now.date <= *p.expires)) open.push_back(p);
        }
        if (open.size() > 1) return refuse(RedeemVerdict::ambiguous, "more than one open voucher prints this EAN-13; scan its Code 128");
        if (open.empty()) {
            if (rows->empty()) return refuse(RedeemVerdict::unknown, "no voucher with this EAN-13 was issued here");
            const PayoutRecord& last = rows->back();
            if (last.status == PayoutStatus::redeemed) return refuse(RedeemVerdict::already_redeemed, "this voucher was already redeemed", last);
            return refuse(RedeemVerdict::expired, "this voucher expired on " + (last.expires ? format_date(*last.expires) : std::string("?")), last);
        }
        found = open;
    } else {
        if (v.id.store != settings.store || v.id.machine != settings.machine) {
            return refuse(RedeemVerdict::wrong_store, "this voucher was issued by store " + std::to_string(v.id.store) + " machine " +
                                                          std::to_string(v.id.machine));
        }
        // The tag must verify under one of the store's keys, and the ledger row must name that same key.
        std::optional<int> signed_by;
        for (const auto& [id, key] : settings.keys.keys) {
            if (verify_tag(v, key)) signed_by = id;
        }
        if (!signed_by) return refuse(RedeemVerdict::bad_tag, "the voucher's authentication tag is wrong: tampered or forged");
        Result<std::vector<PayoutRecord>> rows = ledger.find_payouts(v.form == VoucherForm::qr ? "qr" : "code128", code);
        if (!rows) return refuse(RedeemVerdict::ledger_error, rows.error().message);
        if (rows->empty()) return refuse(RedeemVerdict::unknown, "the voucher is signed by this store but not in this ledger");
        if (rows->front().key_id != *signed_by) {
            return refuse(RedeemVerdict::bad_tag, "the voucher's tag is of key " + std::to_string(*signed_by) + " but the ledger issued it under key " +
                                                      std::to_string(rows->front().key_id));
        }
        found = *rows;
    }
    PayoutRecord payout = found.front();
    if (payout.status == PayoutStatus::redeemed) {
        return refuse(RedeemVerdict::already_redeemed, "this voucher was already redeemed", payout);
    }
    if (payout.expires && now.date > *payout.expires) {
        return refuse(RedeemVerdict::expired, "this voucher expired on " + format_date(*payout.expires), payout);
    }
    Result<bool> marked = ledger.mark_redeemed(payout.id, now.unix_ms, via);
    if (!marked) return refuse(RedeemVerdict::ledger_error, marked.error().message, payout);
    if (!*marked) return refuse(RedeemVerdict::already_redeemed, "this voucher was redeemed a moment ago", payout);
    payout.status = PayoutStatus::redeemed;
    payout.redeemed_ms = now.unix_ms;
    payout.redeemed_via = std::string(via);
    return RedeemOutcome{RedeemVerdict::redeemed, "redeemed", payout};
}

}  // namespace

std::string_view redeem_verdict_id(RedeemVerdict verdict) {
    switch (verdict) {
        case RedeemVerdict::redeemed: return "redeemed";
        case RedeemVerdict::malformed: return "malformed";
        case RedeemVerdict::wrong_store: return "wrong_store";
        case RedeemVerdict::bad_tag: return "bad_tag";
        case RedeemVerdict::unknown: return "unknown";
        case RedeemVerdict::already_redeemed: return "already_redeemed";
        case RedeemVerdict::expired: return "expired";
        case RedeemVerdict::ambiguous: return "ambiguous";
        case RedeemVerdict::ledger_error: return "ledger_error";
        case RedeemVerdict::ean13_not_accepted: return "ean13_not_accepted";
        case RedeemVerdict::till_locked: return "till_locked";
    }
    return "malformed";
}

RedeemOutcome redeem_voucher(Ledger& ledger, const KioskSettings& settings, std::string_view code, KioskTime now,
                             std::string_view via) {
    const std::string till(via.substr(0, 64));
    // A till that keeps asking about codes nobody issued is guessing: it is locked out for a while.
    Result<std::int64_t> guesses = ledger.count_events("voucher_refused", now.unix_ms - kTillGuessWindowMs, "guessVia", till);
    if (!guesses) return refuse(RedeemVerdict::ledger_error, guesses.error().message);
    if (*guesses >= kTillGuessLimit) {
        RedeemOutcome locked = refuse(RedeemVerdict::till_locked, "till " + till + " is locked out after " + std::to_string(*guesses) +
                                                                     " unknown or forged vouchers; try again later");
        record(ledger, now, locked, code, via);
        return locked;
    }
    RedeemOutcome outcome = decide(ledger, settings, code, now, via);
    if (outcome.verdict == RedeemVerdict::ledger_error) return outcome;
    const bool guess = outcome.verdict == RedeemVerdict::unknown || outcome.verdict == RedeemVerdict::bad_tag;
    record(ledger, now, outcome, code, via);
    if (guess && *guesses + 1 >= kTillGuessLimit) {
        // The attempt that starts the lockout says so, and the lockout is recorded on its own.
        outcome.message += "; till " + till + " is now locked out for " + std::to_string(kTillGuessWindowMs / 60000) + " minutes";
        ledger.record_event(now.unix_ms, "till_locked_out",
                            nlohmann::json({{"via", till}, {"refusals", *guesses + 1}, {"forMs", kTillGuessWindowMs}}).dump());
    }
    return outcome;
}

}  // namespace returnloop::kiosk
