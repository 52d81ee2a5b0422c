// The background upload worker (see hub_upload.hpp).
#include "backend/hub_upload.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "backend/crypto.hpp"

namespace returnloop::kiosk {

using Json = nlohmann::json;

Result<std::unique_ptr<HubUploader>> HubUploader::start(const HubUploadOptions& options, const KioskSettings& settings) {
    Result<HubCredential> credential = read_hub_credential(options.credential_file);
    if (!credential) return credential.error();
    if (credential->store != settings.store || credential->machine != settings.machine) {
        return Error{"hub", "the hub credential is for store " + std::to_string(credential->store) + " machine " +
                                std::to_string(credential->machine) + ", but the settings say store " + std::to_string(settings.store) +
                                " machine " + std::to_string(settings.machine)};
    }
    // The enrolment key derives the upload key; after a rotation it stays in the ring as a retired key.
    bool enrolled_key_in_ring = false;
    for (const auto& [id, key] : settings.keys.keys) {
        enrolled_key_in_ring = equal_constant_time(voucher_key_hex(credential->voucher_key), voucher_key_hex(key)) || enrolled_key_in_ring;
    }
    if (!enrolled_key_in_ring) {
        return Error{"hub", "the settings' voucher keys do not include the one the hub issued at enrolment: point voucher.keyFile (or, "
                            "after a rotation, a voucher.retiredKeys entry) at the key file `returnloop-kiosk enroll --key-file` wrote"};
    }
    Result<HubClient> client = HubClient::make(options.hub, options.ca_file, credential->token);
    if (!client) return client.error();
    std::unique_ptr<HubUploader> uploader(
        new HubUploader(options, std::move(*client), settings.store, settings.machine, upload_key(credential->voucher_key)));
    uploader->thread_ = std::thread([u = uploader.get()] { u->run(); });
    return uploader;
}

Result<std::unique_ptr<HubUploader>> HubUploader::start(const HubUploadOptions& options, const std::string& config_path,
                                                         bool demo) {
    SettingsParse parsed = load_settings(config_path, SettingsPolicy{demo});
    if (!parsed.settings) {
        const Error& first = parsed.errors.front();
        return Error{"config", "the settings file " + config_path + " is not valid: " + first.path + " " + first.message};
    }
    HubUploadOptions with_config = options;
    with_config.config = config_path;
    with_config.demo = demo;
    return start(with_config, *parsed.settings);
}

HubUploader::HubUploader(HubUploadOptions options, HubClient client, int store, int machine, UploadKey key)
    : options_(std::move(options)), client_(std::move(client)), store_(store), machine_(machine), key_(key) {}

HubUploader::~HubUploader() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void HubUploader::report(const std::string& json) {
    std::fprintf(stderr, "%s\n", json.c_str());
    std::fflush(stderr);
}

bool HubUploader::pass() {
    if (!outbox_) {
        Result<std::unique_ptr<HubOutbox>> opened = HubOutbox::open(options_.ledger, store_, machine_, key_);
        if (!opened) throw std::runtime_error("no ledger yet");  // the kiosk creates it on start; try again shortly
        outbox_ = std::move(opened.value());
    }
    Result<std::int64_t> added = outbox_->collect();
    if (!added) {
        report(Json{{"event", "hub_upload"}, {"status", "outbox_error"}, {"message", added.error().message}}.dump());
        return false;
    }
    Result<std::vector<OutboxRecord>> pending = outbox_->pending(options_.batch_records);
    if (!pending) return false;
    if (pending->empty()) return *added > 0;
    Json records = Json::array();
    for (const OutboxRecord& r : *pending) {
        records.push_back({{"seq", r.seq}, {"kind", r.kind}, {"payload", r.payload}, {"mac", r.mac}});
    }
    const Json batch = {{"store", outbox_->store()}, {"machine", outbox_->machine()}, {"records", records}};
    Result<HubResponse> response = client_.post("/v1/upload", batch.dump());
    if (!response) {
        report(Json{{"event", "hub_upload"}, {"status", "offline"}, {"message", response.error().message}}.dump());
        throw std::runtime_error("offline");
    }
    const Json answer = Json::parse(response->body, nullptr, false);
    const std::int64_t acked = answer.is_object() ? answer.value("acked", std::int64_t{-1}) : -1;
    if (acked >= 0) (void)outbox_->acknowledge(acked);
    if (response->status != 200) {
        report(Json{{"event", "hub_upload"}, {"status", "refused"}, {"code", response->status},
                    {"message", answer.is_object() ? answer.value("message", "") : response->body}}.dump());
        throw std::runtime_error("refused");
    }
    report(Json{{"event", "hub_upload"}, {"status", "acked"}, {"acked", acked}, {"sent", pending->size()}}.dump());
    return static_cast<int>(pending->size()) == options_.batch_records || acked < pending->back().seq;
}

void HubUploader::announce_keys() {
    if (options_.config.empty()) return;
    SettingsParse parsed = load_settings(options_.config, SettingsPolicy{options_.demo});
    if (!parsed.settings) return;  // a settings change in progress: the kiosk itself refuses a bad file
    for (const auto& [id, key] : parsed.settings->keys.keys) {
        const std::string name = std::to_string(id) + ":" + key_fingerprint(key);
        if (announced_.contains(name)) continue;
        Result<HubResponse> response = client_.post("/v1/keys", Json{{"keyId", id}, {"key", voucher_key_hex(key)}}.dump());
        if (!response) return;  // the hub is away: next round
        if (response->status == 200) announced_.insert(name);
        report(Json{{"event", "hub_keys"}, {"keyId", id}, {"status", response->status}}.dump());
    }
}

void HubUploader::sync_config(bool fetch) {
    while (std::optional<HubConfigOutcome> outcome = config_->take_outcome()) {
        Json ack = {{"version", outcome->version}, {"status", outcome->applied ? "applied" : "failed"}};
        if (!outcome->applied) {
            ack["error"] = outcome->error;
            ack["field"] = outcome->field.substr(0, 200);
            ack["message"] = outcome->message.substr(0, 1000);
        }
        // The field and message may quote the hub's own bytes, cut anywhere: never let them throw.
        Result<HubResponse> response = client_.post("/v1/config/ack", ack.dump(-1, ' ', false, Json::error_handler_t::replace));
        if (!response || response->status >= 500) {  // the hub is away: acknowledge on a later round
            config_->requeue(*outcome);
            return;
        }
        ack["event"] = "hub_config";
        ack["ack"] = response->status;
        report(ack.dump(-1, ' ', false, Json::error_handler_t::replace));
    }
    if (!fetch) return;
    announce_keys();
    Result<HubResponse> response = client_.get("/v1/config");
    if (!response || response->status != 200) return;
    const Json answer = Json::parse(response->body, nullptr, false);
    if (!answer.is_object() || !answer.contains("settings")) return;
    const std::int64_t version = answer.value("version", std::int64_t{0});
    const std::int64_t known = std::max({answer.value("applied", std::int64_t{0}), answer.value("failed", std::int64_t{0}),
                                         config_->newest_offered()});
    if (version <= known) return;
    config_->offer(HubConfigOffer{version, answer["settings"].dump()});
    report(Json{{"event", "hub_config"}, {"status", "offered"}, {"version", version}}.dump());
}

void HubUploader::run() {
    int backoff_ms = options_.poll_ms;
    auto next_config = std::chrono::steady_clock::now();
    for (;;) {
        bool more = false;
        try {
            more = pass();
            backoff_ms = options_.poll_ms;
        } catch (const std::runtime_error&) {
            backoff_ms = std::min(backoff_ms * 2, 10000);  // the hub is away or refused: try again later
        }
        const bool fetch = std::chrono::steady_clock::now() >= next_config;
        if (fetch) next_config = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.config_poll_ms);
        sync_config(fetch);
        std::unique_lock lock(mutex_);
        if (stopping_) return;
        if (!more) wake_.wait_for(lock, std::chrono::milliseconds(backoff_ms), [&] { return stopping_; });
        if (stopping_) return;
    }
}

}  // namespace returnloop::kiosk
