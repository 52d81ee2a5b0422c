// The shopper's display kept with the open session (see backend.hpp): one event each time it changes, read back when
// a restart restores the session.
#include <nlohmann/json.hpp>

#include "backend/backend.hpp"

namespace returnloop::kiosk {

namespace {
constexpr const char* kDisplayEvent = "shopper_display";
}

Status KioskBackend::remember_display(const ShopperDisplay& display, KioskTime now) {
    if (session_id_ == 0) return ok_status();
    Result<std::optional<ShopperDisplay>> recorded = recorded_display(session_id_);
    if (!recorded) return recorded.error();
    if (*recorded == display) return ok_status();
    const nlohmann::json detail = {{"session", session_id_}, {"language", display.language},
                                   {"largeText", display.large_text}, {"highContrast", display.high_contrast}};
    return ledger_->record_event(now.unix_ms, kDisplayEvent, detail.dump());
}

Result<std::optional<ShopperDisplay>> KioskBackend::recorded_display(std::int64_t session_id) {
    Result<std::optional<std::string>> detail = ledger_->last_event_detail(kDisplayEvent, "session", session_id);
    if (!detail) return detail.error();
    if (!*detail) return std::optional<ShopperDisplay>();
    // Written by remember_display() and covered by the ledger's MACs; a detail that does not read is not restored.
    const nlohmann::json json = nlohmann::json::parse(**detail, nullptr, false);
    if (!json.is_object() || !json.value("language", nlohmann::json()).is_string()) return std::optional<ShopperDisplay>();
    auto flag = [&json](const char* name) { return json.contains(name) && json[name].is_boolean() && json[name].get<bool>(); };
    ShopperDisplay display;
    display.language = json["language"].get<std::string>();
    display.large_text = flag("largeText");
    display.high_contrast = flag("highContrast");
    return std::optional<ShopperDisplay>(display);
}

}  // namespace returnloop::kiosk
