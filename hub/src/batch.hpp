// The upload batch a kiosk POSTs to /v1/upload, parsed and checked before anything touches the database:
//   {"store": 421, "machine": 1, "records": [{"seq": 1, "kind": "item", "payload": "{...}", "mac": "<64 hex>"}, ...]}
// Strict: unknown fields, wrong types, out-of-range numbers, oversize strings and duplicate sequence numbers are
// refused with the path of the offending field. Free of libpq so the libFuzzer target builds it alone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace returnloop::hub {

inline constexpr std::size_t kMaxBatchRecords = 1000;
inline constexpr std::size_t kMaxPayloadBytes = 16 * 1024;
inline constexpr std::int64_t kMaxSeq = std::int64_t{1} << 53;

struct UploadRecord {
    std::int64_t seq = 0;
    std::string kind;
    std::string payload;
    std::string mac;
};

struct UploadBatch {
    int store = 0;
    int machine = 0;
    std::vector<UploadRecord> records;  // sorted by seq (a reordered batch is put back in order)
};

// A refusal of bad input: the JSON path of the field and what is wrong with it.
struct InputError {
    std::string field;
    std::string message;
};

std::variant<UploadBatch, InputError> parse_upload_batch(std::string_view body);

}  // namespace returnloop::hub
