// The background upload worker started by `--hub URL`: a thread that copies new ledger records into the outbox and
// POSTs unacknowledged ones to /v1/upload in batches, in seq order, resuming from the hub's ack. It shares nothing
// with the shopper's path but the ledger file, which it only reads: a slow or absent hub never delays a scan.
// While the hub is unreachable it retries with a growing pause (up to 10 s) and catches up when it is back.
// Each config round it also announces the settings' voucher keys the hub has not heard of from it (a rotation), so
// tills can redeem a new key's vouchers before they are uploaded. It also fetches the retailer's configuration (GET /v1/config) every config_poll_ms, offers a newer version to the
// kiosk's thread through config_inbox() and acknowledges what the kiosk made of it (hub_config.hpp).
// Progress lines go to stderr as JSON ({"event":"hub_upload"|"hub_config",...}); stdout belongs to the headless interface.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "backend/hub_client.hpp"
#include "backend/hub_config.hpp"
#include "backend/hub_outbox.hpp"
#include "backend/settings.hpp"

namespace returnloop::kiosk {

struct HubUploadOptions {
    std::string hub;              // URL given with --hub
    std::string credential_file;  // from `returnloop-kiosk enroll`
    std::string ca_file;          // --hub-ca: the CA (or self-signed certificate) the hub's certificate must chain to
    std::string ledger;
    std::string config;           // the settings file: its key ring is announced to the hub (POST /v1/keys) when it grows
    bool demo = false;
    int batch_records = 500;
    int poll_ms = 1000;
    int config_poll_ms = 30000;  // --hub-config-poll-ms
};

class HubUploader {
public:
    // Checks the credential belongs to this kiosk (store, machine and voucher key as in its settings) and starts.
    static Result<std::unique_ptr<HubUploader>> start(const HubUploadOptions& options, const KioskSettings& settings);
    // The same, reading the settings file the kiosk runs with.
    static Result<std::unique_ptr<HubUploader>> start(const HubUploadOptions& options, const std::string& config_path,
                                                      bool demo);
    ~HubUploader();  // stops the thread; an upload in flight finishes or times out first
    HubUploader(const HubUploader&) = delete;
    HubUploader& operator=(const HubUploader&) = delete;
    // Where fetched configuration versions wait for the kiosk (KioskBackend::attach_hub_config).
    std::shared_ptr<HubConfigInbox> config_inbox() const { return config_; }

private:
    HubUploader(HubUploadOptions options, HubClient client, int store, int machine, UploadKey key);
    void run();
    bool pass();  // one collect + upload round; true when more is waiting
    void report(const std::string& json);
    void sync_config(bool fetch);  // acknowledges outcomes; with fetch, asks for a newer version
    void announce_keys();          // POST /v1/keys for each key of the settings' ring not yet announced

    HubUploadOptions options_;
    HubClient client_;
    int store_ = 0;
    int machine_ = 0;
    UploadKey key_{};
    std::shared_ptr<HubConfigInbox> config_ = std::make_shared<HubConfigInbox>();
    std::unique_ptr<HubOutbox> outbox_;
    std::set<std::string> announced_;  // "<key id>:<fingerprint>" the hub confirmed  // opened by the thread once the ledger exists
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace returnloop::kiosk
