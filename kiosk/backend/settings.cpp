// Settings file parsing and validation (see settings.hpp). JSON is read with nlohmann-json; the scheme part is
// handed to the core's parse_scheme, so the kiosk validates deposit tables exactly as the web editor does.
#include "backend/settings.hpp"

#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <set>

#include "backend/crypto.hpp"
#include "backend/files.hpp"

namespace returnloop::kiosk {
namespace {

using Json = nlohmann::json;

constexpr int kMaxNesting = 64;
constexpr std::int64_t kMaxDailyValueMinor = 1'000'000'000'000;  // 10^10 major units: far above any machine
constexpr std::int64_t kCounterDailyItems = 2000;        // counter mode's default daily limits
constexpr std::int64_t kCounterDailyValueMinor = 50000;  // (the session value limit is required everywhere)

// Rejects pathological nesting before a recursive structure is built from it.
bool nesting_ok(std::string_view text) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '{' || c == '[') {
            if (++depth > kMaxNesting) return false;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return true;
}

class Checker {
public:
    explicit Checker(std::vector<Error>& errors) : errors_(errors) {}

    void fail(std::string path, std::string message) { fail(Error{std::move(path), std::move(message)}); }
    // An error with the core's typed code and arguments, so every face (kiosk admin, hub console) words it.
    void fail(Error error) {
        if (errors_.size() < 50) errors_.push_back(std::move(error));
    }
    std::size_t count() const { return errors_.size(); }

    void only_known(const Json& object, const std::string& prefix, std::initializer_list<const char*> known) {
        std::set<std::string> allowed(known.begin(), known.end());
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!allowed.count(it.key())) {
                std::string shown = it.key().substr(0, 40);
                fail(coded(prefix + shown, ErrorCode::unknown_field, {{"name", shown}, {"suggestion", ""}},
                           "unknown field \"" + shown + "\" (check its spelling; fields are case-sensitive)"));
            }
        }
    }

    // A whole number in [min, max]; absent -> fallback (or an error when required).
    std::optional<std::int64_t> integer(const Json& object, const std::string& prefix, const char* key, std::int64_t min,
                                        std::int64_t max, std::optional<std::int64_t> fallback) {
        const std::string path = prefix + key;
        auto it = object.find(key);
        if (it == object.end()) {
            if (!fallback) fail(coded(path, ErrorCode::missing_field, {{"name", key}}, "is required"));
            return fallback;
        }
        if (!it->is_number_integer()) {
            fail(coded(path, ErrorCode::not_whole_number, {}, "must be a whole number"));
            return std::nullopt;
        }
        const std::string range = "; it must be " + std::to_string(min) + " to " + std::to_string(max);
        if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
            const std::string shown = std::to_string(it->get<std::uint64_t>());
            fail(coded(path, ErrorCode::above_max, {{"max", std::to_string(max)}, {"value", shown}}, "is " + shown + range));
            return std::nullopt;
        }
        const std::int64_t value = it->get<std::int64_t>();
        if (value < min || value > max) {
            const std::string shown = std::to_string(value);
            fail(value < min ? coded(path, ErrorCode::below_min, {{"min", std::to_string(min)}, {"value", shown}}, "is " + shown + range)
                             : coded(path, ErrorCode::above_max, {{"max", std::to_string(max)}, {"value", shown}}, "is " + shown + range));
            return std::nullopt;
        }
        return value;
    }

    std::optional<std::string> string(const Json& object, const std::string& prefix, const char* key, bool required,
                                      std::size_t max_bytes = 256) {
        const std::string path = prefix + key;
        auto it = object.find(key);
        if (it == object.end()) {
            if (required) fail(coded(path, ErrorCode::missing_field, {{"name", key}}, "is required"));
            return std::nullopt;
        }
        if (!it->is_string()) {
            fail(coded(path, ErrorCode::wrong_type, {{"expected", "string"}, {"got", it->type_name()}}, "must be a string"));
            return std::nullopt;
        }
        const std::string& value = it->get_ref<const std::string&>();
        if (value.size() > max_bytes) {
            fail(path, "is " + std::to_string(value.size()) + " bytes; at most " + std::to_string(max_bytes) + " are allowed");
            return std::nullopt;
        }
        return value;
    }

    const Json* object(const Json& parent, const std::string& prefix, const char* key, bool required) {
        auto it = parent.find(key);
        if (it == parent.end()) {
            if (required) fail(prefix + key, "is required");
            return nullptr;
        }
        if (!it->is_object()) {
            fail(prefix + key, "must be an object");
            return nullptr;
        }
        return &*it;
    }

private:
    std::vector<Error>& errors_;
};

bool printable(std::string_view text) {
    for (char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
    }
    return true;
}

// Applies the overrides to the scheme JSON; the core then validates the result as one scheme.
void apply_overrides(Json& scheme, const std::vector<RuleOverride>& overrides, Checker& check) {
    Json* rules = scheme.is_object() && scheme.contains("rules") && scheme["rules"].is_array() ? &scheme["rules"] : nullptr;
    for (std::size_t i = 0; i < overrides.size(); ++i) {
        const RuleOverride& o = overrides[i];
        const std::string path = "overrides[" + std::to_string(i) + "].rule";
        Json* rule = nullptr;
        if (rules) {
            for (Json& candidate : *rules) {
                const auto id = candidate.is_object() ? candidate.find("id") : candidate.end();
                if (id != candidate.end() && id->is_string() && id->get_ref<const std::string&>() == o.rule) rule = &candidate;
            }
        }
        if (!rule) {
            check.fail(coded(path, ErrorCode::unknown_id, {{"id", o.rule.substr(0, 40)}}, "the scheme has no rule \"" + o.rule.substr(0, 40) + "\""));
            continue;
        }
        if (o.deposit_minor) (*rule)["depositMinor"] = *o.deposit_minor;
        if (o.refund_minor) (*rule)["refundMinor"] = *o.refund_minor;
        if (o.handling_fee) (*rule)["handlingFee"] = *o.handling_fee;
    }
}

// bins: [{id, materials, capacity, warnPercent}]; each material in at most one bin.
void parse_bins(Checker& check, const Json& root, KioskSettings& s) {
    const auto it = root.find("bins");
    if (it == root.end()) return;
    if (!it->is_array() || it->empty() || it->size() > 16) {
        check.fail("bins", "must be a list of 1 to 16 bins");
        return;
    }
    std::set<std::string> ids;
    std::set<Material> routed;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Json& entry = (*it)[i];
        const std::string prefix = "bins[" + std::to_string(i) + "].";
        if (!entry.is_object()) {
            check.fail("bins[" + std::to_string(i) + "]", "must be an object {id, materials, capacity}");
            continue;
        }
        check.only_known(entry, prefix, {"id", "materials", "capacity", "warnPercent"});
        BinSetting bin;
        if (auto id = check.string(entry, prefix, "id", true, 32)) {
            if (id->empty() || !ids.insert(*id).second) check.fail(prefix + "id", "must be a unique, non-empty name");
            bin.id = *id;
        }
        bin.capacity = check.integer(entry, prefix, "capacity", 1, 1'000'000, std::nullopt).value_or(0);
        bin.warn_percent = static_cast<int>(check.integer(entry, prefix, "warnPercent", 1, 100, 90).value_or(90));
        const auto materials = entry.find("materials");
        if (materials == entry.end() || !materials->is_array() || materials->empty()) {
            check.fail(prefix + "materials", "must list the materials this bin takes (pet, hdpe, aluminium, steel, glass, carton, other)");
        } else {
            for (std::size_t m = 0; m < materials->size(); ++m) {
                const std::string path = prefix + "materials[" + std::to_string(m) + "]";
                const std::optional<Material> material =
                    (*materials)[m].is_string() ? material_from_id((*materials)[m].get<std::string>()) : std::nullopt;
                if (!material) check.fail(path, "is not a material (pet, hdpe, aluminium, steel, glass, carton, other)");
                else if (!routed.insert(*material).second) check.fail(path, "is already routed to another bin");
                else bin.materials.push_back(*material);
            }
        }
        s.bins.push_back(std::move(bin));
    }
}

}  // namespace

std::string_view machine_mode_id(MachineMode mode) { return mode == MachineMode::counter ? "counter" : "rvm"; }

std::string_view printer_out_policy_id(PrinterOutPolicy policy) {
    switch (policy) {
        case PrinterOutPolicy::digital: return "digital";
        case PrinterOutPolicy::donation: return "donation";
        case PrinterOutPolicy::out_of_service: return "out_of_service";
    }
    return "digital";
}

FileReader disk_reader() {
    return [](const std::string& path) { return read_file(path, kMaxSettingsBytes); };
}

Status check_secret_file(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return Error{path, "cannot read " + path};
    if ((info.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
        return Error{path, "the key file " + path + " has mode " + mode + "; a key must be readable by the kiosk's user alone (chmod 600)"};
    }
    if (info.st_uid != ::geteuid()) {
        return Error{path, "the key file " + path + " is owned by user " + std::to_string(info.st_uid) + ", not by the kiosk's user " +
                               std::to_string(::geteuid())};
    }
    return ok_status();
}

SettingsParse parse_settings(std::string_view json_text, const std::string& base_folder, const FileReader& reader,
                             const SettingsPolicy& policy) {
    SettingsParse out;
    Checker check(out.errors);
    if (json_text.size() > kMaxSettingsBytes) {
        check.fail("", "the settings file is larger than 1 MiB");
        return out;
    }
    if (!nesting_ok(json_text)) {
        check.fail("", "the settings file nests objects or arrays more than 64 deep");
        return out;
    }
    Json root;
    try {
        root = Json::parse(json_text);
    } catch (const Json::parse_error& e) {
        check.fail("", "malformed JSON at byte " + std::to_string(e.byte) + ": " + std::string(e.what()).substr(0, 200));
        return out;
    } catch (const Json::exception& e) {  // e.g. a number too large for a double (1e400)
        check.fail("", std::string("unreadable JSON: ") + std::string(e.what()).substr(0, 200));
        return out;
    }
    if (!root.is_object()) {
        check.fail("", "the settings file must be a JSON object");
        return out;
    }
    check.only_known(root, "", {"configVersion", "storeId", "store", "machineId", "scheme", "currency", "overrides", "limits",
                                "donation", "voucher", "printer", "adminPinHash", "idleTimeoutSeconds", "savedOverrides",
                                "mode", "counter", "bins"});
    KioskSettings s;
    s.fingerprint = sha256_hex(json_text);
    if (auto mode = check.string(root, "", "mode", false, 16)) {
        if (*mode == "rvm") s.mode = MachineMode::rvm;
        else if (*mode == "counter") s.mode = MachineMode::counter;
        else check.fail("mode", "is \"" + mode->substr(0, 16) + "\"; it must be \"rvm\" (a machine with a controller) or \"counter\" (a staffed return point)");
    }

    check.integer(root, "", "configVersion", 1, 1, std::nullopt);
    if (auto store = check.string(root, "", "storeId", true, 16)) {
        bool digits = !store->empty() && store->size() <= 4;
        for (char c : *store) digits = digits && c >= '0' && c <= '9';
        if (!digits) check.fail("storeId", "must be 1 to 4 digits (it is printed in every voucher code)");
        else s.store = std::stoi(*store);
    }
    if (auto machine = check.integer(root, "", "machineId", 0, 9, std::nullopt)) s.machine = static_cast<int>(*machine);

    // Other schemes' overrides, kept by the admin's scheme switch for when that scheme is chosen again: an object of
    // scheme id -> overrides array. Only their shape is checked here; they are validated when they come back.
    if (auto it = root.find("savedOverrides"); it != root.end()) {
        if (!it->is_object()) check.fail("savedOverrides", "must be an object of scheme id -> overrides");
        else if (it->size() > 100) check.fail("savedOverrides", "has more than 100 schemes");
        for (auto entry = it->begin(); it->is_object() && entry != it->end(); ++entry) {
            if (!entry.value().is_array() || entry.value().size() > 200) {
                check.fail("savedOverrides." + entry.key().substr(0, 40), "must be an array of at most 200 overrides");
            }
        }
    }

    // Overrides are read before the scheme so they can be applied to it.
    if (auto it = root.find("overrides"); it != root.end()) {
        if (!it->is_array()) {
            check.fail("overrides", "must be an array");
        } else if (it->size() > 200) {
            check.fail("overrides", "has more than 200 entries");
        } else {
            for (std::size_t i = 0; i < it->size(); ++i) {
                const Json& entry = (*it)[i];
                const std::string prefix = "overrides[" + std::to_string(i) + "].";
                if (!entry.is_object()) {
                    check.fail("overrides[" + std::to_string(i) + "]", "must be an object");
                    continue;
                }
                const std::size_t problems_before = check.count();
                check.only_known(entry, prefix, {"rule", "depositMinor", "refundMinor", "handlingFee"});
                RuleOverride o;
                if (auto rule = check.string(entry, prefix, "rule", true, 64)) o.rule = *rule;
                if (entry.contains("depositMinor")) o.deposit_minor = check.integer(entry, prefix, "depositMinor", 0, 1'000'000, 0);
                if (entry.contains("refundMinor")) o.refund_minor = check.integer(entry, prefix, "refundMinor", 0, 1'000'000, 0);
                if (entry.contains("handlingFee")) o.handling_fee = check.string(entry, prefix, "handlingFee", false, 32);
                // An entry whose only value was refused above already has its error; this one is for an empty override.
                if (!o.deposit_minor && !o.refund_minor && !o.handling_fee && check.count() == problems_before) {
                    check.fail(prefix + "rule", "an override changes depositMinor, refundMinor or handlingFee");
                }
                s.overrides.push_back(std::move(o));
            }
        }
    }

    // The scheme: a path to a scheme file, or the scheme object itself.
    std::optional<Json> scheme_json;
    bool scheme_ok = false;
    if (auto it = root.find("scheme"); it == root.end()) {
        check.fail("scheme", "is required: a scheme file path or an embedded scheme object");
    } else if (it->is_string()) {
        const std::string& relative = it->get_ref<const std::string&>();
        s.scheme_source = resolve_path(base_folder, relative);
        Result<std::string> text = relative.empty() ? Result<std::string>(Error{"", "the path is empty"}) : reader(s.scheme_source);
        if (!text) {
            check.fail("scheme", "cannot read the scheme file: " + text.error().message);
        } else if (!nesting_ok(*text)) {
            check.fail("scheme", "the scheme file nests objects or arrays more than 64 deep");
        } else {
            try {
                scheme_json = Json::parse(*text);
            } catch (const Json::parse_error& e) {
                check.fail("scheme", "the scheme file " + relative.substr(0, 80) + " is not JSON (byte " + std::to_string(e.byte) + ")");
            } catch (const Json::exception& e) {
                check.fail("scheme", "the scheme file " + relative.substr(0, 80) + " is not usable JSON: " + std::string(e.what()).substr(0, 120));
            }
        }
    } else if (it->is_object()) {
        s.scheme_source = "embedded";
        scheme_json = *it;
    } else {
        check.fail("scheme", "must be a scheme file path or an embedded scheme object");
    }
    if (scheme_json) {
        apply_overrides(*scheme_json, s.overrides, check);
        const SchemeParse parsed = parse_scheme(scheme_json->dump());
        for (const Error& e : parsed.errors) {
            check.fail(Error{"scheme" + (e.path.empty() ? std::string() : "." + e.path),
                             (s.overrides.empty() ? "" : "after the local overrides: ") + e.message, e.code, e.args});
        }
        if (parsed.scheme) {
            s.scheme = *parsed.scheme;
            scheme_ok = true;
        }
    }
    if (auto currency = check.string(root, "", "currency", true, 8)) {
        const std::optional<Currency> code = currency_from_code(*currency);
        if (!code) {
            check.fail("currency", "\"" + currency->substr(0, 8) + "\" is not an ISO 4217 code ReturnLoop knows");
        } else if (scheme_ok && *code != s.scheme.currency) {
            check.fail("currency", "the settings say " + *currency + " but scheme " + s.scheme.id + " pays in " +
                                       std::string(currency_code(s.scheme.currency)));
        }
    }

    if (const Json* limits = check.object(root, "", "limits", true)) {
        check.only_known(*limits, "limits.", {"sessionItems", "sessionValueMinor", "dailyItems", "dailyValueMinor", "duplicateWindowMs"});
        s.limits.max_items = static_cast<std::uint32_t>(check.integer(*limits, "limits.", "sessionItems", 1, 10000, 300).value_or(300));
        s.limits.max_value_minor = check.integer(*limits, "limits.", "sessionValueMinor", 1, kMaxVoucherAmountMinor, std::nullopt).value_or(0);
        // A staffed counter has no intake to check what is scanned, so its daily limits are on unless set (0 = none).
        const bool counter = s.mode == MachineMode::counter;
        const std::int64_t daily_items = counter ? kCounterDailyItems : 0, daily_value = counter ? kCounterDailyValueMinor : 0;
        s.limits.daily_items = static_cast<std::uint32_t>(check.integer(*limits, "limits.", "dailyItems", 0, 10'000'000, daily_items).value_or(0));
        s.limits.daily_value_minor = check.integer(*limits, "limits.", "dailyValueMinor", 0, kMaxDailyValueMinor, daily_value).value_or(0);
        s.limits.duplicate_window_ms = check.integer(*limits, "limits.", "duplicateWindowMs", 0, 60000, 2000).value_or(2000);
        if (s.limits.daily_value_minor > 0 && s.limits.max_value_minor > s.limits.daily_value_minor) {
            check.fail("limits.dailyValueMinor", "is below limits.sessionValueMinor: no session could reach its own limit");
        }
    }

    if (const Json* store = check.object(root, "", "store", false)) {
        check.only_known(*store, "store.", {"name", "address", "returnElsewhere"});
        if (auto elsewhere = check.string(*store, "store.", "returnElsewhere", false, 200)) s.return_elsewhere = *elsewhere;
        if (auto name = check.string(*store, "store.", "name", false, 120)) {
            if (name->empty() || !printable(*name)) check.fail("store.name", "must be a non-empty name without control characters");
            else s.store_name = *name;
        }
        if (auto address = check.string(*store, "store.", "address", false, 240)) {
            if (address->empty() || !printable(*address)) check.fail("store.address", "must be a non-empty address without control characters");
            else s.store_address = *address;
        }
    }

    if (const Json* donation = check.object(root, "", "donation", false)) {
        check.only_known(*donation, "donation.", {"charity"});
        if (auto charity = check.string(*donation, "donation.", "charity", true, 80)) {
            if (charity->empty() || !printable(*charity)) check.fail("donation.charity", "must be a non-empty name without control characters");
            else s.charity = *charity;
        }
    }

    if (const Json* voucher = check.object(root, "", "voucher", true)) {
        check.only_known(*voucher, "voucher.", {"expiryDays", "ean13Prefix", "keyFile", "keyHex", "keyId", "retiredKeys", "acceptEan13"});
        s.voucher_expiry_days = static_cast<int>(check.integer(*voucher, "voucher.", "expiryDays", 1, 3650, std::nullopt).value_or(90));
        if (auto prefix = check.string(*voucher, "voucher.", "ean13Prefix", false, 8)) {
            if (prefix->size() != 2 || (*prefix)[0] != '2' || (*prefix)[1] < '0' || (*prefix)[1] > '9') {
                check.fail("voucher.ean13Prefix", "must be a GS1 restricted-circulation prefix \"20\" to \"29\"");
            } else {
                s.ean13_prefix = *prefix;
            }
        }
        if (auto it = voucher->find("acceptEan13"); it != voucher->end()) {
            if (!it->is_boolean()) check.fail("voucher.acceptEan13", "must be true or false");
            else s.accept_ean13 = it->get<bool>();
        }
        s.keys.current_id = static_cast<int>(check.integer(*voucher, "voucher.", "keyId", 1, 999, 1).value_or(1));
        // A key file must be a secret; its bytes must not be the public demo key.
        auto key_from_file = [&](const std::string& path, const std::string& field) -> std::optional<VoucherKey> {
            const std::string resolved = resolve_path(base_folder, path);
            Result<std::string> text = path.empty() ? Result<std::string>(Error{"", "the path is empty"}) : reader(resolved);
            Result<VoucherKey> key = text ? parse_voucher_key(*text) : Result<VoucherKey>(text.error());
            if (!key) {
                check.fail(field, key.error().message);
                return std::nullopt;
            }
            if (!policy.demo) {
                if (is_demo_key(*key)) {
                    check.fail(field, "is the public demo key (assets/kiosk/sample-voucher.key): anyone can forge vouchers with it; "
                                      "make a store key with `returnloop-kiosk make-key` (allowed only with --demo)");
                    return std::nullopt;
                }
                if (Status secret = policy.secret_file_check(resolved); !secret) {
                    check.fail(field, secret.error().message);
                    return std::nullopt;
                }
            }
            return *key;
        };
        const bool has_file = voucher->contains("keyFile");
        const bool has_hex = voucher->contains("keyHex");
        if (has_file == has_hex) {
            check.fail("voucher.keyFile", "give exactly one of voucher.keyFile and voucher.keyHex");
        } else if (has_file) {
            if (auto path = check.string(*voucher, "voucher.", "keyFile", true, 512)) {
                if (auto key = key_from_file(*path, "voucher.keyFile")) {
                    s.keys.keys[s.keys.current_id] = *key;
                    s.key_source = "keyFile " + resolve_path(base_folder, *path);
                }
            }
        } else if (auto hex = check.string(*voucher, "voucher.", "keyHex", true, 128)) {
            Result<VoucherKey> key = parse_voucher_key(*hex);
            if (!key) check.fail("voucher.keyHex", key.error().message);
            else if (!policy.demo) check.fail("voucher.keyHex", "an inline key is allowed only with --demo; a store keeps its key in a keyFile (mode 0600)");
            else {
                s.keys.keys[s.keys.current_id] = *key;
                s.key_source = "keyHex";
            }
        }
        if (auto it = voucher->find("retiredKeys"); it != voucher->end()) {
            if (!it->is_array() || it->size() > 32) {
                check.fail("voucher.retiredKeys", "must be a list of at most 32 {\"id\", \"keyFile\"} entries");
            } else {
                for (std::size_t i = 0; i < it->size(); ++i) {
                    const Json& entry = (*it)[i];
                    const std::string prefix = "voucher.retiredKeys[" + std::to_string(i) + "].";
                    if (!entry.is_object()) {
                        check.fail("voucher.retiredKeys[" + std::to_string(i) + "]", "must be an object with id and keyFile");
                        continue;
                    }
                    check.only_known(entry, prefix, {"id", "keyFile"});
                    const std::optional<std::int64_t> id = check.integer(entry, prefix, "id", 1, 999, std::nullopt);
                    const std::optional<std::string> path = check.string(entry, prefix, "keyFile", true, 512);
                    if (!id || !path) continue;
                    if (s.keys.keys.count(static_cast<int>(*id)) || *id == s.keys.current_id) {
                        check.fail(prefix + "id", "key id " + std::to_string(*id) + " is given twice");
                        continue;
                    }
                    if (auto key = key_from_file(*path, prefix + "keyFile")) s.keys.keys[static_cast<int>(*id)] = *key;
                }
            }
        }
    }

    if (const Json* printer = check.object(root, "", "printer", false)) {
        check.only_known(*printer, "printer.", {"target", "widthDots", "whenOut"});
        if (auto when_out = check.string(*printer, "printer.", "whenOut", false, 32)) {
            if (*when_out == "digital") s.printer_out = PrinterOutPolicy::digital;
            else if (*when_out == "donation") s.printer_out = PrinterOutPolicy::donation;
            else if (*when_out == "out_of_service") s.printer_out = PrinterOutPolicy::out_of_service;
            else check.fail("printer.whenOut", "must be \"digital\", \"donation\" or \"out_of_service\"");
        }
        if (auto target = check.string(*printer, "printer.", "target", true, 512)) {
            Result<PrinterTarget> parsed = parse_printer_target(*target);
            if (!parsed) check.fail("printer.target", parsed.error().message);
            else s.printer = *parsed;
        }
        if (auto width = check.integer(*printer, "printer.", "widthDots", 8, 4096, 576)) {
            if (*width < kMinPrinterWidthDots) {
                check.fail("printer.widthDots", "is " + std::to_string(*width) + "; the Code 128 voucher needs at least " +
                                                    std::to_string(kMinPrinterWidthDots) + " dots (an 80 mm printer has 576)");
            } else {
                s.printer_width_dots = static_cast<int>(*width);
            }
        }
    }

    if (auto hash = check.string(root, "", "adminPinHash", true, 256)) {
        if (!looks_like_argon2id_hash(*hash)) {
            check.fail("adminPinHash", "must be an argon2id hash as `returnloop-kiosk hash-pin` prints it ($argon2id$...)");
        } else if (!policy.demo && is_demo_pin_hash(*hash)) {
            check.fail("adminPinHash", "is the published demo PIN: make the store's own with `returnloop-kiosk hash-pin` (allowed only with --demo)");
        } else {
            s.admin_pin_hash = *hash;
        }
    }
    s.idle_timeout_seconds = static_cast<int>(check.integer(root, "", "idleTimeoutSeconds", 10, 3600, 60).value_or(60));
    if (const Json* counter = check.object(root, "", "counter", false)) {
        check.only_known(*counter, "counter.", {"pinAboveMinor"});
        s.counter_pin_above_minor = check.integer(*counter, "counter.", "pinAboveMinor", 0, kMaxVoucherAmountMinor, 2000).value_or(2000);
    }
    parse_bins(check, root, s);
    if (s.printer_out == PrinterOutPolicy::donation && !s.charity) {
        check.fail("printer.whenOut", "is \"donation\" but no donation.charity is set: the credit could not be paid out");
    }

    if (out.errors.empty()) out.settings = std::move(s);
    return out;
}

SettingsParse load_settings(const std::string& path, const SettingsPolicy& policy) {
    Result<std::string> text = read_file(path, kMaxSettingsBytes);
    if (!text) {
        SettingsParse out;
        out.errors.push_back(Error{"", text.error().message});
        return out;
    }
    return parse_settings(*text, parent_folder(path), disk_reader(), policy);
}

}  // namespace returnloop::kiosk
