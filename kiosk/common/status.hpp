// The kiosk's success-or-error value for operations with nothing to return, alongside the core's Result<T>.
#pragma once

#include <variant>

#include "returnloop/result.hpp"

namespace returnloop::kiosk {

using returnloop::Error;
using returnloop::Result;

using Status = Result<std::monostate>;
inline Status ok_status() { return Status(std::monostate{}); }

}  // namespace returnloop::kiosk
