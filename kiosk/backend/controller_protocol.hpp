// The machine-controller line protocol: one JSON object per line between the kiosk PC and the board that drives
// the intake (scanner, scale, material sensor, conveyor, bins). Version 1; unknown fields are ignored so a newer
// controller can add some, a different "v" is refused. The full message table is in kiosk/README.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace returnloop::kiosk {

inline constexpr int kControllerProtocolVersion = 1;
inline constexpr std::size_t kMaxControllerLine = 2048;  // longer lines are refused unread (a flood, not a message)
inline constexpr std::size_t kMaxItemId = 64;
inline constexpr std::size_t kMaxQueryItems = 256;

// Why a line is not a valid message; the id is what the kiosk's `controller_error` event carries.
enum class ProtocolErrorKind : std::uint8_t { oversize, malformed, version, unknown_type, bad_field };
std::string_view protocol_error_id(ProtocolErrorKind kind);  // "oversize", "malformed", ...

struct ProtocolError {
    ProtocolErrorKind kind = ProtocolErrorKind::malformed;
    std::string field;    // the field at fault (bad_field), else empty
    std::string message;  // plain words for staff
};

enum class MessageType : std::uint8_t {
    // controller -> kiosk
    hello, presented, binned, returned, bins, fault, cleared, heartbeat, status,
    // kiosk -> controller
    accept, reject, query,
};
std::string_view message_type_id(MessageType type);

// Faults the controller reports; a fault puts the machine out of service until it is cleared.
enum class FaultKind : std::uint8_t { jam, door_open, bin_full, paper_out, intake_blocked };
std::string_view fault_id(FaultKind kind);
std::optional<FaultKind> fault_from_id(std::string_view id);

// What became of an item the controller was asked about.
enum class ItemFate : std::uint8_t { pending, binned, returned, unknown };
std::string_view item_fate_id(ItemFate fate);

struct BinLevel {
    std::string bin;
    std::int64_t count = 0;
    std::int64_t capacity = 0;  // 0: the controller does not know
};

struct ItemStatus {
    std::string item;
    ItemFate fate = ItemFate::unknown;
    std::string bin;  // binned only
};

// One message of either direction; only the fields of its type are meaningful.
struct ControllerMessage {
    MessageType type = MessageType::heartbeat;
    std::string item;            // presented, binned, returned, accept, reject
    std::string gtin;            // presented: what the intake scanner read ("" when it read nothing)
    std::optional<double> weight_g;     // presented
    std::string material;        // presented: what the material sensor saw ("" when it has none)
    std::optional<double> height_mm;    // presented
    std::string bin;             // binned, accept
    std::string reason;          // returned (pulled, fell_out, refused), reject (the kiosk's reason id)
    std::vector<BinLevel> bins;  // bins
    FaultKind fault = FaultKind::jam;  // fault, cleared
    std::string detail;          // fault: free text for staff
    std::int64_t seq = 0;        // heartbeat
    std::string name;            // hello: who is speaking
    std::optional<std::vector<FaultKind>> faults;  // hello from a controller: the faults open as it greets the kiosk
    std::vector<ItemStatus> statuses;  // status
    std::vector<std::string> items;    // query
};

// Parses one line (without its newline). Never throws, never reads past `line`.
std::variant<ControllerMessage, ProtocolError> parse_controller_line(std::string_view line);

// One line of JSON with its newline, for either side to write.
std::string encode_controller_message(const ControllerMessage& message);

}  // namespace returnloop::kiosk
