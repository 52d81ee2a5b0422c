// What the admin screen asks the back end for and what it gets back: typed rate edits with errors keyed by the rule
// they concern, the scheme files a retailer may switch to, an export's summary and a test print's outcome. The
// window never reads or writes the settings file itself; these calls do, through the guarded replacement.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backend/admin.hpp"
#include "backend/ledger_records.hpp"
#include "common/status.hpp"
#include "returnloop/money.hpp"
#include "returnloop/scheme.hpp"

namespace returnloop::kiosk {

// One rule's rates as the retailer wants them (amounts already parsed by the core from what was typed).
struct RateEdit {
    std::string rule_id;
    Money deposit;
    Money refund;
    std::string handling_fee;  // decimal in major units, as scheme files write it ("0" when none)
};

// One reason a settings change was refused: the core's typed error and the scheme rule it concerns.
struct RuleError {
    int rule = -1;  // 0-based index into the scheme's rules in force; -1 when it concerns no rule
    Error error;
};

struct AdminChange {
    bool applied = false;
    std::optional<PinCheck> pin_refused;  // the PIN no longer works (changed, or locked out): the screen locks
    std::vector<RuleError> errors;
    std::vector<std::string> changed;     // top-level settings fields that now differ
};

// A scheme file beside the one in use that parses as a scheme.
struct SchemeChoice {
    std::string path;
    std::string id, name, name_zh;
    Currency currency = Currency::EUR;
};

// A scheme switch before it is made: what the confirmation tells the retailer.
struct SchemeSwitchPreview {
    SchemeChoice from, to;
    std::size_t rules_before = 0, rules_after = 0;
    std::size_t overrides_set_aside = 0;  // the current scheme's own rates, kept for when it is chosen again
    std::size_t overrides_restored = 0;   // rates kept earlier for the new scheme, in force again after the switch
};

// How a rule of the scheme in force stands in the admin's rate table.
struct RuleStatus {
    bool expired = false;        // ended before today: shown under history, read-only
    int register_deposits = 0;   // products it covers whose register row sets their own deposit: this rate never pays them
};

// One day at this machine, from the ledger (sessions, items, payouts, redemptions, events); nothing recomputed by a face.
struct DailyReport {
    Date day;
    Currency currency = Currency::EUR;
    std::int64_t sessions = 0;                               // sessions paid out that day
    std::int64_t containers = 0;
    Money refunded;                                          // what those containers paid
    std::vector<std::pair<Material, std::int64_t>> by_material;  // containers per material, most first
    std::vector<DepositCount> by_deposit;                    // containers per deposit value, highest first
    std::int64_t unregistered_containers = 0;                // accepted under a code the register no longer lists
    std::int64_t vouchers_issued = 0;
    Money vouchers_issued_value;
    std::int64_t vouchers_redeemed = 0;                      // redeemed that day, whenever issued
    Money vouchers_redeemed_value;
    std::int64_t vouchers_outstanding = 0;                   // issued, not redeemed, not expired at the end of the day
    Money vouchers_outstanding_value;                        // the store's liability
    std::int64_t donations = 0;
    Money donated;
    std::vector<std::pair<std::string, std::int64_t>> refusals;  // scan reason id -> count, most first
    std::int64_t refusals_total = 0;
    std::int64_t bin_emptyings = 0;                          // "bin_emptied" events
};

struct ExportSummary {
    std::string folder;  // where the four CSV files were written
    std::size_t sessions = 0, items = 0, vouchers = 0, refusals = 0;
};

struct TestPrintResult {
    bool sent_to_printer = false;  // false: no printer is configured, the page was written as png
    std::string png;
};

// A handling fee as scheme files write it, in major units: 15900 micros -> "0.0159" (at least two decimals).
std::string fee_decimal(std::int64_t micros);

}  // namespace returnloop::kiosk
