// Upload batch parsing (see batch.hpp).
#include "batch.hpp"

#include <algorithm>

#include "json_input.hpp"

namespace returnloop::hub {
namespace {

bool is_kind(std::string_view kind) {
    // Mirrors kiosk/backend/hub_records.hpp's kUploadRecordKinds; the hub's ingest checks them against it again.
    return kind == "item" || kind == "payout" || kind == "redemption" || kind == "event";
}

bool is_lower_hex(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::variant<UploadBatch, InputError> parse_upload_batch(std::string_view body) {
    auto parsed = parse_json_object(body);
    if (auto* e = std::get_if<InputError>(&parsed)) return *e;
    const Json& j = std::get<Json>(parsed);
    if (auto e = unknown_field(j, {"store", "machine", "records"})) return *e;
    std::optional<InputError> error;
    UploadBatch batch;
    const auto store = read_integer(j, "store", 0, 9999, error);
    const auto machine = read_integer(j, "machine", 0, 9, error);
    if (error) return *error;
    batch.store = static_cast<int>(*store);
    batch.machine = static_cast<int>(*machine);
    auto records = j.find("records");
    if (records == j.end()) return InputError{"records", "is required"};
    if (!records->is_array()) return InputError{"records", "must be an array"};
    if (records->empty()) return InputError{"records", "must hold at least one record"};
    if (records->size() > kMaxBatchRecords) {
        return InputError{"records", "holds more than " + std::to_string(kMaxBatchRecords) + " records"};
    }
    for (std::size_t i = 0; i < records->size(); ++i) {
        const Json& r = (*records)[i];
        const std::string prefix = "records[" + std::to_string(i) + "].";
        if (!r.is_object()) return InputError{"records[" + std::to_string(i) + "]", "must be an object"};
        if (auto e = unknown_field(r, {"seq", "kind", "payload", "mac"}, prefix)) return *e;
        UploadRecord record;
        const auto seq = read_integer(r, "seq", 1, kMaxSeq, error, prefix);
        auto kind = read_string(r, "kind", 16, error, prefix);
        auto payload = read_string(r, "payload", kMaxPayloadBytes, error, prefix);
        auto mac = read_string(r, "mac", 64, error, prefix);
        if (error) return *error;
        if (!is_kind(*kind)) return InputError{prefix + "kind", "must be item, payout, redemption or event"};
        if (mac->size() != 64 || !is_lower_hex(*mac)) return InputError{prefix + "mac", "must be 64 lowercase hex digits"};
        const Json payload_json = Json::parse(*payload, nullptr, false);
        if (payload_json.is_discarded() || !payload_json.is_object()) {
            return InputError{prefix + "payload", "must be the text of a JSON object"};
        }
        record.seq = *seq;
        record.kind = std::move(*kind);
        record.payload = std::move(*payload);
        record.mac = std::move(*mac);
        batch.records.push_back(std::move(record));
    }
    std::sort(batch.records.begin(), batch.records.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    for (std::size_t i = 1; i < batch.records.size(); ++i) {
        if (batch.records[i].seq == batch.records[i - 1].seq) {
            return InputError{"records", "holds seq " + std::to_string(batch.records[i].seq) + " twice"};
        }
    }
    return batch;
}

}  // namespace returnloop::hub
