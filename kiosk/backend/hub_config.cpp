// Configuration from the hub: the inbox between the worker and the kiosk's thread, and the body's merge (see
// hub_config.hpp).
#include "backend/hub_config.hpp"

#include <nlohmann/json.hpp>

namespace returnloop::kiosk {
namespace {

using Json = nlohmann::json;

HubConfigOutcome refused(std::string error, std::string field, std::string message) {
    return HubConfigOutcome{0, false, std::move(error), "settings" + (field.empty() ? std::string() : "." + field), std::move(message)};
}

}  // namespace

void HubConfigInbox::offer(HubConfigOffer offer) {
    std::lock_guard lock(mutex_);
    if (offer.version <= newest_offered_) return;
    newest_offered_ = offer.version;
    offer_ = std::move(offer);
    if (wake_) wake_();  // under the lock: on_offer({}) returns only once no call is under way
}

std::int64_t HubConfigInbox::newest_offered() const {
    std::lock_guard lock(mutex_);
    return newest_offered_;
}

std::int64_t HubConfigInbox::waiting() const {
    std::lock_guard lock(mutex_);
    return offer_ ? offer_->version : 0;
}

std::optional<HubConfigOffer> HubConfigInbox::take() { return take_slot(offer_); }

void HubConfigInbox::finish(HubConfigOutcome outcome) {
    std::lock_guard lock(mutex_);
    outcome_ = std::move(outcome);  // a newer outcome supersedes one not yet acknowledged: the hub wants the latest
}

void HubConfigInbox::on_offer(std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
}

std::optional<HubConfigOutcome> HubConfigInbox::take_outcome() { return take_slot(outcome_); }

void HubConfigInbox::requeue(HubConfigOutcome outcome) {
    std::lock_guard lock(mutex_);
    if (!outcome_ || outcome_->version < outcome.version) outcome_ = std::move(outcome);
}

HubConfigMerge merge_hub_config(std::string_view settings_text, std::string_view body_text, std::string_view scheme_id) {
    HubConfigMerge out;
    Json settings = Json::parse(settings_text, nullptr, false);
    const Json body = Json::parse(body_text, nullptr, false);
    if (!settings.is_object()) {
        out.refusal = refused("invalid_settings", "", "the kiosk's own settings file is not a JSON object");
        return out;
    }
    if (!body.is_object()) {
        out.refusal = refused("invalid_settings", "", "the version is not a JSON object");
        return out;
    }
    for (const auto& [key, value] : body.items()) {
        if (key == "register") {
            out.register_part = value.dump();
            continue;
        }
        out.touches_settings = true;
        if (key == "scheme") {
            if (value.is_string()) {  // the id the overrides are written for: the machine must run that scheme
                if (value.get<std::string>() != scheme_id) {
                    out.refusal = refused("wrong_scheme", "scheme", "the version is for scheme " + value.get<std::string>().substr(0, 16) +
                                                                       " but this machine runs " + std::string(scheme_id));
                    return out;
                }
            } else {
                settings["scheme"] = value;  // an embedded scheme file: validated by the core like any other
            }
        } else if (key == "overrides" || key == "idleTimeoutSeconds") {
            settings[key] = value;
        } else if (key == "donation") {
            if (value.is_null()) settings.erase("donation");
            else settings["donation"] = value;
        } else if (key == "limits") {
            if (!value.is_object() || !settings["limits"].is_object()) settings["limits"] = value;  // the parser names it
            else for (const auto& [limit, v] : value.items()) settings["limits"][limit] = v;
        } else if (key == "voucher") {
            if (!value.is_object() || !settings["voucher"].is_object()) {
                out.refusal = refused("invalid_settings", "voucher", "voucher must be an object such as {\"expiryDays\": 90}");
                return out;
            }
            for (const auto& [field, v] : value.items()) {
                if (field != "expiryDays") {
                    out.refusal = refused("not_settable", "voucher." + field.substr(0, 40),
                                          "voucher." + field.substr(0, 40) + " is the machine's own; the hub sets only voucher.expiryDays");
                    return out;
                }
                settings["voucher"][field] = v;
            }
        } else {
            out.refusal = refused("not_settable", key.substr(0, 40),
                                  key.substr(0, 40) + " cannot come from the hub (it sets scheme, overrides, limits, donation, "
                                                      "voucher.expiryDays, idleTimeoutSeconds and the register)");
            return out;
        }
    }
    out.text = settings.dump(2) + "\n";
    return out;
}

}  // namespace returnloop::kiosk
