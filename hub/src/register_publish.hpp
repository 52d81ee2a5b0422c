// Product register deltas published by the scheme operator (POST /v1/register). A delta, already checked by the
// core's register rules (kiosk/backend/hub_register.hpp), is added to each retailer's overlay (the sum of every delta
// published to it) and published as a new configuration version carrying the whole overlay as "register", so a
// machine that missed a version still gets every delta. One transaction, retailers locked in id order: two operators
// publishing at once both land, one after the other.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "backend/hub_register.hpp"
#include "db.hpp"

namespace returnloop::hub {

struct RegisterPublished {
    std::string retailer;
    std::int64_t version = 0;
    std::size_t rows = 0;     // the overlay's rows after the delta
    std::size_t removed = 0;  // and its removed GTINs
};

struct RegisterRefusal {
    int status = 400;
    std::string error;
    std::string field;
    std::string message;
};

// `retailer`: the retailer's name, or nullopt for every retailer of the scheme.
std::variant<std::vector<RegisterPublished>, RegisterRefusal> publish_register_delta(Connection& db, const kiosk::RegisterOverlay& delta,
                                                                                     const std::optional<std::string>& retailer);

// The newest overlay published to a retailer, as JSON text; nullopt when none was.
std::optional<std::string> newest_register_overlay(Connection& db, const std::string& retailer_id);

}  // namespace returnloop::hub
