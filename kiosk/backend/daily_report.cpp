// KioskBackend::daily_report (admin_calls.hpp): one day at this machine, counted from the ledger's own records, so the
// screen and the paper show the same numbers and no face counts anything itself.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "backend/backend.hpp"

namespace returnloop::kiosk {
namespace {

template <class Key>
std::vector<std::pair<Key, std::int64_t>> most_first(const std::map<Key, std::int64_t>& counts) {
    std::vector<std::pair<Key, std::int64_t>> out(counts.begin(), counts.end());
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return out;
}

}  // namespace

Result<DailyReport> KioskBackend::daily_report(Date day) {
    DailyReport report;
    report.day = day;
    report.currency = settings_.currency();
    const Money zero{0, report.currency};
    report.refunded = report.vouchers_issued_value = report.vouchers_redeemed_value = zero;
    report.vouchers_outstanding_value = report.donated = zero;
    // Money in another currency (a scheme switched since) is another unit: counted as containers, never summed.
    auto add = [](Money& into, Money amount) {
        if (amount.currency == into.currency) into.minor += amount.minor;
    };

    // Items scanned that day, in sessions opened that day or the evening before.
    Result<std::vector<LedgerSession>> sessions = ledger_->sessions_between(Date{day.days - 1}, day);
    if (!sessions) return sessions.error();
    std::map<Material, std::int64_t> by_material;
    std::map<std::int64_t, std::int64_t> by_deposit;
    for (const LedgerSession& session : *sessions) {
        for (const LedgerItem& item : session.items) {
            if (item.scanned_date != day) continue;
            ++report.containers;
            if (session.currency == report.currency) {
                report.refunded.minor += item.refund_minor;
                ++by_deposit[item.deposit_minor];
            }
            Result<Gtin> gtin = parse_gtin(item.gtin14);
            const std::optional<ProductView> product = gtin ? catalog_.find(*gtin) : std::nullopt;
            if (product) ++by_material[product->container.material];
            else ++report.unregistered_containers;
        }
    }
    report.by_material = most_first(by_material);
    for (auto it = by_deposit.rbegin(); it != by_deposit.rend(); ++it) {
        report.by_deposit.push_back(DepositCount{Money{it->first, report.currency}, it->second});
    }

    // Every payout so far: those made that day, those redeemed that day, and what is still owed at its end.
    Result<std::vector<PayoutRecord>> payouts = ledger_->payouts_for_sessions_between(date_from_ymd(2000, 1, 1), day);
    if (!payouts) return payouts.error();
    for (const PayoutRecord& payout : *payouts) {
        const bool voucher = payout.kind != PayoutKind::donation;
        if (payout.created_date == day) {
            ++report.sessions;
            if (voucher) {
                ++report.vouchers_issued;
                add(report.vouchers_issued_value, payout.amount);
            } else {
                ++report.donations;
                add(report.donated, payout.amount);
            }
        }
        if (!voucher || payout.created_date > day) continue;
        const bool redeemed = payout.status == PayoutStatus::redeemed;
        const Date redeemed_on = local_date_of(payout.redeemed_ms);
        if (redeemed && redeemed_on == day) {
            ++report.vouchers_redeemed;
            add(report.vouchers_redeemed_value, payout.amount);
        }
        const bool open_at_day_end = !redeemed || redeemed_on > day;
        const bool expired = payout.expires && *payout.expires < day;
        if (open_at_day_end && !expired) {
            ++report.vouchers_outstanding;
            add(report.vouchers_outstanding_value, payout.amount);
        }
    }

    Result<std::vector<LedgerEvent>> refused = ledger_->events("scan_refused");
    if (!refused) return refused.error();
    std::map<std::string, std::int64_t> refusals;
    for (const LedgerEvent& event : *refused) {
        if (local_date_of(event.at_ms) != day) continue;
        const nlohmann::json detail = nlohmann::json::parse(event.detail, nullptr, false);
        const std::string reason = detail.is_object() && detail.contains("reason") && detail["reason"].is_string() ? detail["reason"].get<std::string>() : "unreadable";
        ++refusals[reason];
        ++report.refusals_total;
    }
    report.refusals = most_first(refusals);

    Result<std::vector<LedgerEvent>> emptied = ledger_->events("bin_emptied");
    if (!emptied) return emptied.error();
    for (const LedgerEvent& event : *emptied) report.bin_emptyings += local_date_of(event.at_ms) == day ? 1 : 0;
    return report;
}

}  // namespace returnloop::kiosk
