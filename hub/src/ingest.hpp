// Storing an upload batch: under a row lock on the machine, each record in seq order is either a duplicate of one
// already stored (counted once, skipped), the next in the chain (its mac verified with the store's key through the
// kiosk's own upload_record_matches(), then stored with its derived item, voucher or redemption rows), or beyond a
// gap (held back: the kiosk resends from the ack). A record that fails its signature, or differs from the one
// stored under its seq, stops the batch: the verified prefix is kept and the refusal is reported and logged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "batch.hpp"
#include "db.hpp"

namespace returnloop::hub {

struct IngestResult {
    std::int64_t acked = 0;       // highest contiguous seq stored for the machine
    std::int64_t stored = 0;      // records stored by this batch
    std::int64_t duplicates = 0;  // records already stored, identical, skipped
    std::int64_t held_back = 0;   // records after a gap
    std::optional<InputError> refused;  // the record that stopped the batch and why (tampered, conflicting, invalid)
    std::string refusal_kind;           // "bad_mac", "conflict", "bad_payload"
};

IngestResult ingest_batch(Connection& db, std::int64_t machine_id, const UploadBatch& batch);

}  // namespace returnloop::hub
