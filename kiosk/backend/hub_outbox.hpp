// The kiosk's upload outbox: a SQLite file beside the ledger (<ledger>.hub-outbox) where every ledger record
// (item, payout, voucher redemption, event) is copied once, in ledger order, numbered with the machine's upload
// sequence and signed (hub_records.hpp). The ledger is only read, in one read transaction per pass, so the outbox
// never takes the ledger's write lock and never delays a shopper's scan. Records stay until the hub acknowledges
// them; a kiosk offline for days keeps appending and uploads the backlog when the hub is back.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "backend/hub_records.hpp"
#include "common/status.hpp"

struct sqlite3;

namespace returnloop::kiosk {

struct OutboxRecord {
    std::int64_t seq = 0;
    std::string kind;
    std::string payload;
    std::string mac;
};

class HubOutbox {
public:
    static Result<std::unique_ptr<HubOutbox>> open(const std::string& ledger_path, int store, int machine, const UploadKey& key);
    ~HubOutbox();
    HubOutbox(const HubOutbox&) = delete;
    HubOutbox& operator=(const HubOutbox&) = delete;

    Result<std::int64_t> collect();                          // copies new ledger records; returns how many
    Result<std::vector<OutboxRecord>> pending(int limit);    // unacknowledged, in seq order
    Status acknowledge(std::int64_t acked);                   // the hub stored everything up to acked
    Result<std::int64_t> acked();
    Result<std::int64_t> last_seq();
    int store() const { return store_; }
    int machine() const { return machine_; }

private:
    HubOutbox(sqlite3* ledger, sqlite3* outbox, int store, int machine, const UploadKey& key);
    sqlite3* ledger_ = nullptr;  // read-only
    sqlite3* outbox_ = nullptr;
    int store_ = 0;
    int machine_ = 0;
    UploadKey key_{};
};

}  // namespace returnloop::kiosk
