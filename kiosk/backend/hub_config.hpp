// Configuration from the hub: the upload worker fetches the retailer's newest version (GET /v1/config) and hands it
// to the kiosk's own thread through a HubConfigInbox; the kiosk applies it only between sessions, through the same
// validated, recorded settings replacement the admin mode uses, and hands back the outcome, which the worker
// acknowledges (POST /v1/config/ack: applied, or failed with a typed error code and the field). The body a version
// may hold is a part of the kiosk settings file (hub/README.md, "Configuration"): merge_hub_config() lays it over
// the file the kiosk runs with and names the first field it may not carry.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "backend/status.hpp"

namespace returnloop::kiosk {

struct HubConfigOffer {
    std::int64_t version = 0;
    std::string body;  // the version's JSON object as text
};

struct HubConfigOutcome {
    std::int64_t version = 0;
    bool applied = false;
    std::string error;    // failed: not_settable, wrong_scheme, invalid_settings or write_failed
    std::string field;    // failed: the JSON path of the first problem ("settings.overrides[0].rule")
    std::string message;  // failed: the kiosk's wording of it
};

// Hands one version from the worker to the kiosk's thread and its outcome back. Thread-safe.
class HubConfigInbox {
public:
    // Worker: offers a version newer than everything offered before (later offers replace one not yet taken).
    void offer(HubConfigOffer offer);
    std::int64_t newest_offered() const;
    std::int64_t waiting() const;  // the version offered and not yet taken by the kiosk; 0 when none
    // Kiosk thread: the offer waiting, if any; then the outcome of applying it.
    std::optional<HubConfigOffer> take();
    void finish(HubConfigOutcome outcome);
    // Worker: outcomes not yet acknowledged to the hub; requeue() one whose acknowledgement did not get through.
    std::optional<HubConfigOutcome> take_outcome();
    void requeue(HubConfigOutcome outcome);
    // A loop that sleeps until its next event (the window) gets `wake` called, on the worker's thread, each time a
    // version is offered, so it looks between sessions at once; an empty function stops the calls.
    void on_offer(std::function<void()> wake);

private:
    template <typename T>
    std::optional<T> take_slot(std::optional<T>& slot) {  // empties the slot under the lock
        std::lock_guard lock(mutex_);
        std::optional<T> out = std::move(slot);
        slot.reset();
        return out;
    }

    mutable std::mutex mutex_;
    std::optional<HubConfigOffer> offer_;
    std::optional<HubConfigOutcome> outcome_;
    std::int64_t newest_offered_ = 0;
    std::function<void()> wake_;
};

// The settings file text with the version's body laid over it, or the error (path "settings.<field>") that makes
// the version fail before it is validated: a field the hub may not set, or a scheme id the machine does not run.
// `scheme_id` is the id of the scheme the kiosk runs.
// A version's "register" (hub_register.hpp) is no part of the settings file: it is handed back apart.
struct HubConfigMerge {
    std::string text;
    std::optional<HubConfigOutcome> refusal;
    bool touches_settings = false;  // the version sets at least one settings field
    std::string register_part;      // the version's "register" as JSON text; empty when it carries none
};
HubConfigMerge merge_hub_config(std::string_view settings_text, std::string_view body, std::string_view scheme_id);

}  // namespace returnloop::kiosk
