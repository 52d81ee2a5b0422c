// A return session at a reverse-vending machine: accept or reject each scan by the scheme and the product register,
// keep an exact running total and enforce the retailer's limits. Pure: the caller passes the date and the scan time,
// and makes an accepted item durable before it calls add(); the kiosk and any other face ask these rules, never copy them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "returnloop/catalog.hpp"
#include "returnloop/date.hpp"
#include "returnloop/money.hpp"
#include "returnloop/result.hpp"
#include "returnloop/scheme.hpp"

namespace returnloop {

// Why a scan was refused (or `accepted`). The ids ("not_registered", ...) are what the kiosk prints and logs.
enum class ScanReason : std::uint8_t {
    accepted,
    unreadable,              // nothing that looks like a code: empty, letters, binary bytes
    invalid_code,            // digits, but not a GTIN: wrong length or wrong check digit (a misread)
    restricted_circulation,  // a GS1 in-store number (prefix 02, 04, 2x), e.g. a voucher fed back into the machine
    duplicate_scan,          // the same GTIN as an item accepted less than the duplicate window ago: a double read
    not_registered,          // a valid GTIN that the product register does not list
    no_deposit,              // registered, but the scheme gives this container no deposit; ScanOutcome::scheme_reason says why
    session_item_limit,
    session_value_limit,
    daily_limit,
};
inline constexpr int kScanReasonCount = 10;
std::string_view scan_reason_id(ScanReason reason);  // "accepted", "not_registered", ...

// The retailer's limits. Zero means "no limit" (duplicate_window_ms zero turns the double-read check off).
struct SessionLimits {
    std::uint32_t max_items = 0;          // containers per session
    std::int64_t max_value_minor = 0;     // refund per session, in the scheme's minor units
    std::uint32_t daily_items = 0;        // containers per machine and day
    std::int64_t daily_value_minor = 0;   // refund per machine and day
    std::int64_t duplicate_window_ms = 2000;
};

// What the machine has already accepted today in sessions other than this one (the caller counts them).
struct DayTotals {
    std::uint32_t items = 0;
    std::int64_t value_minor = 0;
};

inline constexpr std::uint32_t kMaxScanQuantity = 999;  // one scan counts at most this many identical containers

struct ScanContext {
    const Scheme& scheme;
    const Catalog& catalog;
    Date date;                  // the local date of the scan: rules apply by date
    std::int64_t now_ms = 0;    // the time of the scan in milliseconds, on any clock the caller keeps steady
    SessionLimits limits;
    DayTotals today;
    // Identical containers counted by one scan (a staffed counter: a six-pack is one scan x6). The limits are checked
    // for all of them at once; the caller adds the returned item this many times.
    std::uint32_t quantity = 1;
};

struct ReturnedItem {
    std::uint64_t gtin_key = 0;  // Gtin::key()
    std::string gtin14;
    Money refund;                // paid back to the shopper for this container
    Money deposit;               // charged at sale, for the retailer's clearing
    FeeRate handling_fee;        // owed to the return point, where the scheme states it
    int rule_index = -1;         // the scheme rule that decided; -1 when the register's own deposit decided
    bool register_override = false;
    std::int64_t scanned_at_ms = 0;
};

struct ScanOutcome {
    ScanReason reason = ScanReason::unreadable;
    Reason scheme_reason = Reason::none;  // set when reason is no_deposit (may be none when the register sets 0)
    std::string gtin14;                   // empty when no GTIN could be read
    std::optional<ReturnedItem> item;     // set exactly when accepted
    Money total_after;                    // the session total including this item when accepted, else unchanged
    std::string message;                  // plain words for staff and logs
    bool accepted() const { return reason == ScanReason::accepted; }
};

class ReturnSession {
public:
    explicit ReturnSession(Currency currency) : total_{0, currency} {}

    // Decides one scan without changing the session, so the caller can make an accepted item durable first.
    ScanOutcome evaluate(std::string_view raw_scan, const ScanContext& context) const;

    // Records an accepted item, or one restored from a ledger. Fails (and changes nothing) on a currency
    // mismatch or a total that would overflow; returns the new total.
    Result<Money> add(ReturnedItem item);

    const std::vector<ReturnedItem>& items() const { return items_; }
    std::size_t item_count() const { return items_.size(); }
    bool empty() const { return items_.empty(); }
    Money total() const { return total_; }
    Currency currency() const { return total_.currency; }

private:
    std::vector<ReturnedItem> items_;
    Money total_;
};

// The refund for one registered product on a date, as a session would pay it: the register's own deposit when it
// sets one (it names this very product, so it wins over the scheme's container rule), else the scheme's refund.
// Used by evaluate(); public so a price check screen can show the same figure.
struct ProductRefund {
    bool eligible = false;
    Reason scheme_reason = Reason::none;
    Money refund;
    Money deposit;
    FeeRate handling_fee;
    int rule_index = -1;
    bool register_override = false;
};
ProductRefund product_refund(const Scheme& scheme, const ProductView& product, Date date);

}  // namespace returnloop
