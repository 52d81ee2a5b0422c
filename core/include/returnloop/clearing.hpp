// Clearing between a deposit scheme and a return point: which materials a paid deposit stands for, and how the
// per-container handling fees (accrued in millionths) become the whole minor units a statement pays.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "returnloop/container.hpp"
#include "returnloop/date.hpp"
#include "returnloop/money.hpp"
#include "returnloop/scheme.hpp"

namespace returnloop {

// Handling fees accrue per container with sub-cent precision and are rounded once, half up, when the total is
// paid (the same rounding the projection uses), so a statement never loses fractions container by container.
Money handling_fees_payable(std::int64_t total_micros, Currency currency);

// The materials of the scheme's rules in force on `date` that charge `deposit_minor` and refund `refund_minor`:
// what a container booked at those amounts can have been made of. Empty when no rule matches (a product
// register's own deposit decided it).
std::vector<Material> materials_for_amounts(const Scheme& scheme, std::int64_t deposit_minor, std::int64_t refund_minor, Date date);

}  // namespace returnloop
