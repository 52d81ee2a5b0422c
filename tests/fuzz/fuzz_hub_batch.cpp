// Fuzzes the hub's upload batch parser: any bytes give a batch or an error naming a field, never a crash, throw or
// hang; an accepted batch is within the documented limits (store, machine, seq ranges, kinds, mac form, payload
// size, sorted without duplicate seqs).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "batch.hpp"
#include "fuzz_support.hpp"

using namespace returnloop::hub;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto parsed = parse_upload_batch(std::string_view(reinterpret_cast<const char*>(data), size));
    if (const auto* error = std::get_if<InputError>(&parsed)) {
        RETURNLOOP_FUZZ_CHECK(!error->field.empty() && !error->message.empty() && error->field.size() < 200);
        return 0;
    }
    const UploadBatch& batch = std::get<UploadBatch>(parsed);
    RETURNLOOP_FUZZ_CHECK(batch.store >= 0 && batch.store <= 9999 && batch.machine >= 0 && batch.machine <= 9);
    RETURNLOOP_FUZZ_CHECK(!batch.records.empty() && batch.records.size() <= kMaxBatchRecords);
    for (std::size_t i = 0; i < batch.records.size(); ++i) {
        const UploadRecord& r = batch.records[i];
        RETURNLOOP_FUZZ_CHECK(r.seq >= 1 && r.seq <= kMaxSeq && r.mac.size() == 64 && r.payload.size() <= kMaxPayloadBytes);
        RETURNLOOP_FUZZ_CHECK(r.kind == "item" || r.kind == "payout" || r.kind == "redemption" || r.kind == "event");
        if (i > 0) RETURNLOOP_FUZZ_CHECK(batch.records[i - 1].seq < r.seq);
    }
    return 0;
}
