// The machine-controller line protocol (see controller_protocol.hpp).
#include "backend/controller_protocol.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace returnloop::kiosk {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxShortText = 64;
constexpr std::size_t kMaxDetail = 256;
constexpr std::size_t kMaxBins = 64;

struct TypeName {
    MessageType type;
    std::string_view id;
};
constexpr TypeName kTypes[] = {
    {MessageType::hello, "hello"},       {MessageType::presented, "presented"}, {MessageType::binned, "binned"},
    {MessageType::returned, "returned"}, {MessageType::bins, "bins"},           {MessageType::fault, "fault"},
    {MessageType::cleared, "cleared"},   {MessageType::heartbeat, "heartbeat"}, {MessageType::status, "status"},
    {MessageType::accept, "accept"},     {MessageType::reject, "reject"},       {MessageType::query, "query"},
};

constexpr std::string_view kFaults[] = {"jam", "door_open", "bin_full", "paper_out", "intake_blocked"};
constexpr std::string_view kFates[] = {"pending", "binned", "returned", "unknown"};

ProtocolError field_error(std::string field, std::string message) {
    return ProtocolError{ProtocolErrorKind::bad_field, std::move(field), std::move(message)};
}

bool printable(std::string_view text) {
    for (char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
    }
    return true;
}

// Reads a string field; `required` fields must be present and non-empty.
std::optional<ProtocolError> read_text(const Json& object, const char* field, std::size_t max, bool required, std::string& out) {
    const auto it = object.find(field);
    if (it == object.end() || it->is_null()) {
        if (required) return field_error(field, std::string("\"") + field + "\" is missing");
        return std::nullopt;
    }
    if (!it->is_string()) return field_error(field, std::string("\"") + field + "\" must be a string");
    const std::string& text = it->get_ref<const std::string&>();
    if (text.size() > max) return field_error(field, std::string("\"") + field + "\" is longer than " + std::to_string(max) + " bytes");
    if (!printable(text)) return field_error(field, std::string("\"") + field + "\" holds control characters");
    if (required && text.empty()) return field_error(field, std::string("\"") + field + "\" is empty");
    out = text;
    return std::nullopt;
}

std::optional<ProtocolError> read_measure(const Json& object, const char* field, double max, std::optional<double>& out) {
    const auto it = object.find(field);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (!it->is_number()) return field_error(field, std::string("\"") + field + "\" must be a number");
    const double value = it->get<double>();
    if (!std::isfinite(value) || value < 0 || value > max) {
        return field_error(field, std::string("\"") + field + "\" must be between 0 and " + std::to_string(static_cast<long>(max)));
    }
    out = value;
    return std::nullopt;
}

std::optional<ProtocolError> read_count(const Json& object, const char* field, bool required, std::int64_t& out) {
    const auto it = object.find(field);
    if (it == object.end() || it->is_null()) {
        if (required) return field_error(field, std::string("\"") + field + "\" is missing");
        return std::nullopt;
    }
    if (!it->is_number_integer() || (it->is_number_unsigned() && it->get<std::uint64_t>() > 1'000'000'000'000ULL) ||
        (!it->is_number_unsigned() && (it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > 1'000'000'000'000LL))) {
        return field_error(field, std::string("\"") + field + "\" must be a whole number from 0 to 10^12");
    }
    out = it->get<std::int64_t>();
    return std::nullopt;
}

std::optional<ProtocolError> read_fault(const Json& object, FaultKind& out) {
    std::string id;
    if (auto e = read_text(object, "fault", kMaxShortText, true, id)) return e;
    const std::optional<FaultKind> fault = fault_from_id(id);
    if (!fault) return field_error("fault", "unknown fault \"" + id + "\" (jam, door_open, bin_full, paper_out, intake_blocked)");
    out = *fault;
    return std::nullopt;
}

// hello's optional "faults": every fault open at the controller, so a kiosk that was away learns which ended.
std::optional<ProtocolError> read_fault_list(const Json& object, std::optional<std::vector<FaultKind>>& out) {
    const auto it = object.find("faults");
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (!it->is_array()) return field_error("faults", "\"faults\" must be an array");
    if (it->size() > std::size(kFaults)) return field_error("faults", "more than " + std::to_string(std::size(kFaults)) + " faults");
    std::vector<FaultKind> faults;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Json& entry = (*it)[i];
        const std::optional<FaultKind> fault = entry.is_string() ? fault_from_id(entry.get_ref<const std::string&>()) : std::nullopt;
        const std::string where = "faults[" + std::to_string(i) + "]";
        if (!fault) return field_error(where, where + " must be a fault (jam, door_open, bin_full, paper_out, intake_blocked)");
        faults.push_back(*fault);
    }
    out = std::move(faults);
    return std::nullopt;
}

std::optional<ProtocolError> read_body(const Json& object, ControllerMessage& m) {
    switch (m.type) {
        case MessageType::hello:
            if (auto e = read_text(object, "name", kMaxShortText, false, m.name)) return e;
            return read_fault_list(object, m.faults);
        case MessageType::presented:
            if (auto e = read_text(object, "item", kMaxItemId, true, m.item)) return e;
            if (auto e = read_text(object, "gtin", kMaxShortText, false, m.gtin)) return e;
            if (auto e = read_text(object, "material", kMaxShortText, false, m.material)) return e;
            if (auto e = read_measure(object, "weightG", 100000.0, m.weight_g)) return e;
            return read_measure(object, "heightMm", 10000.0, m.height_mm);
        case MessageType::binned:
            if (auto e = read_text(object, "item", kMaxItemId, true, m.item)) return e;
            return read_text(object, "bin", kMaxShortText, false, m.bin);
        case MessageType::returned:
            if (auto e = read_text(object, "item", kMaxItemId, true, m.item)) return e;
            return read_text(object, "reason", kMaxShortText, false, m.reason);
        case MessageType::accept:
            if (auto e = read_text(object, "item", kMaxItemId, true, m.item)) return e;
            return read_text(object, "bin", kMaxShortText, true, m.bin);
        case MessageType::reject:
            if (auto e = read_text(object, "item", kMaxItemId, true, m.item)) return e;
            return read_text(object, "reason", kMaxShortText, true, m.reason);
        case MessageType::bins: {
            const auto it = object.find("bins");
            if (it == object.end() || !it->is_array()) return field_error("bins", "\"bins\" must be an array");
            if (it->size() > kMaxBins) return field_error("bins", "more than " + std::to_string(kMaxBins) + " bins");
            for (std::size_t i = 0; i < it->size(); ++i) {
                const Json& entry = (*it)[i];
                const std::string where = "bins[" + std::to_string(i) + "]";
                if (!entry.is_object()) return field_error(where, where + " must be an object");
                BinLevel level;
                if (auto e = read_text(entry, "bin", kMaxShortText, true, level.bin)) return field_error(where + "." + e->field, e->message);
                if (auto e = read_count(entry, "count", true, level.count)) return field_error(where + "." + e->field, e->message);
                if (auto e = read_count(entry, "capacity", false, level.capacity)) return field_error(where + "." + e->field, e->message);
                m.bins.push_back(std::move(level));
            }
            return std::nullopt;
        }
        case MessageType::fault:
            if (auto e = read_fault(object, m.fault)) return e;
            return read_text(object, "detail", kMaxDetail, false, m.detail);
        case MessageType::cleared:
            return read_fault(object, m.fault);
        case MessageType::heartbeat:
            return read_count(object, "seq", false, m.seq);
        case MessageType::status: {
            const auto it = object.find("items");
            if (it == object.end() || !it->is_array()) return field_error("items", "\"items\" must be an array");
            if (it->size() > kMaxQueryItems) return field_error("items", "more than " + std::to_string(kMaxQueryItems) + " items");
            for (std::size_t i = 0; i < it->size(); ++i) {
                const Json& entry = (*it)[i];
                const std::string where = "items[" + std::to_string(i) + "]";
                if (!entry.is_object()) return field_error(where, where + " must be an object");
                ItemStatus status;
                std::string fate;
                if (auto e = read_text(entry, "item", kMaxItemId, true, status.item)) return field_error(where + "." + e->field, e->message);
                if (auto e = read_text(entry, "state", kMaxShortText, true, fate)) return field_error(where + "." + e->field, e->message);
                bool known = false;
                for (std::size_t f = 0; f < std::size(kFates); ++f) {
                    if (kFates[f] == fate) {
                        status.fate = static_cast<ItemFate>(f);
                        known = true;
                    }
                }
                if (!known) return field_error(where + ".state", "unknown state \"" + fate + "\" (pending, binned, returned, unknown)");
                if (auto e = read_text(entry, "bin", kMaxShortText, false, status.bin)) return field_error(where + "." + e->field, e->message);
                m.statuses.push_back(std::move(status));
            }
            return std::nullopt;
        }
        case MessageType::query: {
            const auto it = object.find("items");
            if (it == object.end() || !it->is_array()) return field_error("items", "\"items\" must be an array");
            if (it->size() > kMaxQueryItems) return field_error("items", "more than " + std::to_string(kMaxQueryItems) + " items");
            for (const Json& entry : *it) {
                if (!entry.is_string() || entry.get_ref<const std::string&>().empty() ||
                    entry.get_ref<const std::string&>().size() > kMaxItemId || !printable(entry.get_ref<const std::string&>())) {
                    return field_error("items", "\"items\" must hold item ids (1 to 64 printable bytes)");
                }
                m.items.push_back(entry.get<std::string>());
            }
            return std::nullopt;
        }
    }
    return std::nullopt;
}

}  // namespace

std::string_view protocol_error_id(ProtocolErrorKind kind) {
    switch (kind) {
        case ProtocolErrorKind::oversize: return "oversize";
        case ProtocolErrorKind::malformed: return "malformed";
        case ProtocolErrorKind::version: return "version";
        case ProtocolErrorKind::unknown_type: return "unknown_type";
        case ProtocolErrorKind::bad_field: return "bad_field";
    }
    return "malformed";
}

std::string_view message_type_id(MessageType type) {
    for (const TypeName& t : kTypes) {
        if (t.type == type) return t.id;
    }
    return "heartbeat";
}

std::string_view fault_id(FaultKind kind) { return kFaults[static_cast<std::size_t>(kind)]; }

std::optional<FaultKind> fault_from_id(std::string_view id) {
    for (std::size_t i = 0; i < std::size(kFaults); ++i) {
        if (kFaults[i] == id) return static_cast<FaultKind>(i);
    }
    return std::nullopt;
}

std::string_view item_fate_id(ItemFate fate) { return kFates[static_cast<std::size_t>(fate)]; }

std::variant<ControllerMessage, ProtocolError> parse_controller_line(std::string_view line) {
    if (line.size() > kMaxControllerLine) {
        return ProtocolError{ProtocolErrorKind::oversize, "",
                             "the line is " + std::to_string(line.size()) + " bytes; at most " + std::to_string(kMaxControllerLine)};
    }
    const Json object = Json::parse(line.begin(), line.end(), nullptr, false);
    if (object.is_discarded()) return ProtocolError{ProtocolErrorKind::malformed, "", "the line is not JSON"};
    if (!object.is_object()) return ProtocolError{ProtocolErrorKind::malformed, "", "the line is JSON but not an object"};
    const auto v = object.find("v");
    if (v == object.end()) return ProtocolError{ProtocolErrorKind::version, "v", "\"v\" (the protocol version) is missing"};
    if (!v->is_number_integer() || v->get<std::int64_t>() != kControllerProtocolVersion) {
        return ProtocolError{ProtocolErrorKind::version, "v",
                             "protocol version " + v->dump() + " is not supported; this kiosk speaks version " +
                                 std::to_string(kControllerProtocolVersion)};
    }
    const auto type = object.find("type");
    if (type == object.end() || !type->is_string()) {
        return ProtocolError{ProtocolErrorKind::malformed, "type", "\"type\" is missing or not a string"};
    }
    ControllerMessage message;
    const std::string& id = type->get_ref<const std::string&>();
    bool known = false;
    for (const TypeName& t : kTypes) {
        if (t.id == id) {
            message.type = t.type;
            known = true;
        }
    }
    if (!known) {
        std::string shown = id.substr(0, 32);
        for (char& c : shown) {
            if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
        }
        return ProtocolError{ProtocolErrorKind::unknown_type, "type", "unknown message type \"" + shown + "\""};
    }
    if (std::optional<ProtocolError> e = read_body(object, message)) return *e;
    return message;
}

std::string encode_controller_message(const ControllerMessage& m) {
    Json out = {{"v", kControllerProtocolVersion}, {"type", message_type_id(m.type)}};
    switch (m.type) {
        case MessageType::hello:
            out["name"] = m.name;
            if (m.faults) {
                Json faults = Json::array();
                for (FaultKind f : *m.faults) faults.push_back(fault_id(f));
                out["faults"] = faults;
            }
            break;
        case MessageType::presented:
            out["item"] = m.item;
            out["gtin"] = m.gtin;
            if (m.weight_g) out["weightG"] = *m.weight_g;
            if (!m.material.empty()) out["material"] = m.material;
            if (m.height_mm) out["heightMm"] = *m.height_mm;
            break;
        case MessageType::binned:
            out["item"] = m.item;
            out["bin"] = m.bin;
            break;
        case MessageType::returned:
            out["item"] = m.item;
            out["reason"] = m.reason;
            break;
        case MessageType::accept:
            out["item"] = m.item;
            out["bin"] = m.bin;
            break;
        case MessageType::reject:
            out["item"] = m.item;
            out["reason"] = m.reason;
            break;
        case MessageType::bins: {
            Json bins = Json::array();
            for (const BinLevel& b : m.bins) bins.push_back({{"bin", b.bin}, {"count", b.count}, {"capacity", b.capacity}});
            out["bins"] = bins;
            break;
        }
        case MessageType::fault:
            out["fault"] = fault_id(m.fault);
            if (!m.detail.empty()) out["detail"] = m.detail;
            break;
        case MessageType::cleared:
            out["fault"] = fault_id(m.fault);
            break;
        case MessageType::heartbeat:
            out["seq"] = m.seq;
            break;
        case MessageType::status: {
            Json items = Json::array();
            for (const ItemStatus& s : m.statuses) {
                Json entry = {{"item", s.item}, {"state", item_fate_id(s.fate)}};
                if (!s.bin.empty()) entry["bin"] = s.bin;
                items.push_back(entry);
            }
            out["items"] = items;
            break;
        }
        case MessageType::query:
            out["items"] = m.items;
            break;
    }
    return out.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace returnloop::kiosk
