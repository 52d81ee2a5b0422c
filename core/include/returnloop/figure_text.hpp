// Figures as a face shows them: the display rules (percent digits, three significant digits) over the core's
// locale formatting (money.hpp). The web module words a household's figures with them (web/answers.cpp, "text").
#pragma once

#include <string>

#include "returnloop/money.hpp"

namespace returnloop {

// A share 0..1 as a percentage: one decimal below 10 %, whole above ("59%", "5.5%", de "5,5%").
std::string format_percent(double share, Locale locale);

// A measure to three significant digits (at most three decimals): 1234.5 -> "1,230", 12.345 -> "12.3", 0 -> "0".
std::string format_3_significant(double value, Locale locale);

}  // namespace returnloop
