// Fuzzes what a configuration version from the hub goes through on the kiosk: merge_hub_config() over a settings
// file, then the version's register overlay (parse_register_overlay, merge_register over a small base register) and
// a publisher's delta (parse_register_delta). Any bytes give a merged text or a typed refusal naming a settings.*
// field, never a crash, throw or hang; an accepted overlay round-trips through its JSON and the merged register has
// every added GTIN and no removed one.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "backend/hub_config.hpp"
#include "backend/hub_register.hpp"
#include "fuzz_support.hpp"

using namespace returnloop;
using namespace returnloop::kiosk;
using Json = nlohmann::json;

namespace {

constexpr std::string_view kSettings = R"({"storeId": "0421", "machineId": 1, "scheme": "de.json", "limits": {"sessionItems": 200},
 "voucher": {"keyFile": "v.key", "expiryDays": 90}, "donation": {"charity": "x"}})";
constexpr std::string_view kBase =
    "gtin,name,brand,material,volume_ml,category,refillable,deposit_minor\n"
    "9520000000011,Sample still water 500 mL,ReturnLoop sample,pet,500,water,false,\n"
    "9520000000219,Sample lager 330 mL refillable bottle,ReturnLoop sample,glass,330,beer,true,8\n"
    "95200002,\"Sample \"\"small\"\" can\",,aluminium,150,soft_drink,false,\n";

bool known_error(const std::string& code) {
    return code == "invalid_settings" || code == "not_settable" || code == "wrong_scheme" || code == "write_failed";
}

void check_overlay(const Json& part) {
    Result<RegisterOverlay> overlay = parse_register_overlay(part, "register");
    if (!overlay) {
        RETURNLOOP_FUZZ_CHECK(overlay.error().path.starts_with("register") && !overlay.error().message.empty());
        return;
    }
    Result<RegisterOverlay> again = parse_register_overlay(overlay->to_json(), "register");
    RETURNLOOP_FUZZ_CHECK(again && again->to_json() == overlay->to_json());
    static const Catalog base = [] {
        CatalogParse parsed = parse_catalog(kBase);
        RETURNLOOP_FUZZ_CHECK(parsed.catalog.has_value());
        return std::move(*parsed.catalog);
    }();
    CatalogParse merged = merge_register(base, *overlay);
    RETURNLOOP_FUZZ_CHECK(merged.catalog.has_value());
    for (const auto& [key, row] : overlay->rows) RETURNLOOP_FUZZ_CHECK(merged.catalog->find(key).has_value());
    for (std::uint64_t key : overlay->removed) RETURNLOOP_FUZZ_CHECK(!merged.catalog->find(key).has_value());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    const HubConfigMerge merged = merge_hub_config(kSettings, body, "de");
    if (merged.refusal) {
        RETURNLOOP_FUZZ_CHECK(known_error(merged.refusal->error) && merged.refusal->field.starts_with("settings") &&
                              !merged.refusal->message.empty());
    } else {
        RETURNLOOP_FUZZ_CHECK(Json::parse(merged.text, nullptr, false).is_object());
        if (!merged.register_part.empty()) check_overlay(Json::parse(merged.register_part));
    }
    const Json request = Json::parse(body, nullptr, false);
    if (request.is_object()) {
        const Json none;
        Result<RegisterOverlay> delta = parse_register_delta(request.contains("add") ? request["add"] : none,
                                                             request.contains("remove") ? request["remove"] : none);
        if (!delta) {
            RETURNLOOP_FUZZ_CHECK((delta.error().path.starts_with("add") || delta.error().path.starts_with("remove")) &&
                                  !delta.error().message.empty());
        } else {
            RETURNLOOP_FUZZ_CHECK(delta->size() > 0 && delta->size() <= kMaxRegisterDeltaRows);
            check_overlay(apply_register_delta(RegisterOverlay{}, *delta).to_json());
        }
    }
    return 0;
}
