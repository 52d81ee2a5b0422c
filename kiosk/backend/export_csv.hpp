// The retailer's clearing export: sessions.csv, items.csv, vouchers.csv and refusals.csv (RFC 4180) for a date
// range, so the retailer can settle deposits and handling fees with the scheme operator. Columns are listed in
// kiosk/README.md. Safe to open in a spreadsheet: text that a spreadsheet would run as a formula (= + - @) is
// neutralised, GTINs are quoted text, times are ISO 8601 local times, and vouchers not yet redeemed are masked
// (the file must not be a list of spendable codes).
#pragma once

#include <string>

#include "backend/ledger.hpp"
#include "returnloop/catalog.hpp"

namespace returnloop::kiosk {

struct ExportFiles {
    std::string sessions_csv;
    std::string items_csv;
    std::string vouchers_csv;  // vouchers and digital credits with their redemption state
    std::string refusals_csv;  // refused scans with their reason
    std::size_t sessions = 0, items = 0, vouchers = 0, refusals = 0;
};

// The catalog, when given, adds product names; without it the name columns stay empty.
Result<ExportFiles> export_csv(Ledger& ledger, Date from, Date to, const Catalog* catalog = nullptr);
Status write_export(const ExportFiles& files, const std::string& folder);  // the four files, atomically each

// Quoted when it holds a comma, quote, CR or LF; text starting with = + - @ (or a tab or CR) gets a leading
// apostrophe so a spreadsheet shows it instead of running it. Plain numbers, negative ones included, stay numbers.
std::string csv_field(std::string_view value);
std::string masked_code(std::string_view code);  // all but the last four characters as asterisks

}  // namespace returnloop::kiosk
