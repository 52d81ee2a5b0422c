// The retailer's clearing export: sessions.csv, items.csv and vouchers.csv (RFC 4180) for sessions opened in a
// date range, so the retailer can settle deposits and handling fees with the scheme operator. Columns are listed
// in kiosk/README.md.
#pragma once

#include <string>

#include "backend/ledger.hpp"

namespace returnloop::kiosk {

struct ExportFiles {
    std::string sessions_csv;
    std::string items_csv;
    std::string vouchers_csv;  // vouchers and digital credits with their redemption state
    std::size_t sessions = 0, items = 0, vouchers = 0;
};

Result<ExportFiles> export_csv(Ledger& ledger, Date from, Date to);
Status write_export(const ExportFiles& files, const std::string& folder);  // the three files, atomically each

std::string csv_field(std::string_view value);  // quoted when it holds a comma, quote, CR or LF

}  // namespace returnloop::kiosk
