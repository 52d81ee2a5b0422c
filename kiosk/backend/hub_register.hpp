// Product register updates from the hub (hub/README.md, "Product register updates"). The scheme operator publishes
// deltas (rows to add or change, GTINs to remove); the hub adds them up, per retailer, into one overlay and carries it
// in every configuration version as "register"; the kiosk keeps the overlay in a file of its own beside its ledger and
// lays it over the base register (--catalog) whenever it loads one. Rows are JSON objects named by the register's
// CSV columns and are checked by the core's own register parser, so the hub, the kiosk and a CSV file agree on what
// a product is; every problem names its JSON path ("add[2].volume_ml").
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>

#include "common/status.hpp"
#include "returnloop/catalog.hpp"

namespace returnloop::kiosk {

inline constexpr std::size_t kMaxRegisterDeltaRows = 10000;     // rows plus removals in one published delta
inline constexpr std::size_t kMaxRegisterOverlayRows = 50000;   // a bigger change is a new base register file

// Rows to add or replace and GTINs to remove, each keyed by its GTIN key (Gtin::key()): a delta, or an overlay (the
// sum of deltas). A key is in at most one of the two.
struct RegisterOverlay {
    std::map<std::uint64_t, nlohmann::json> rows;  // the row as published, register column names
    std::set<std::uint64_t> removed;
    std::size_t size() const { return rows.size() + removed.size(); }
    // {"rows": [...], "removed": ["<GTIN-14>", ...]} in GTIN order: one overlay, one text.
    nlohmann::json to_json() const;
};

// {add?: [rows], remove?: [GTINs]} as published: each row checked by the core's register rules, each GTIN by its
// check digit; a GTIN both added and removed, an empty delta or one over kMaxRegisterDeltaRows is refused. Errors
// carry the JSON path in Error::path ("add[0].gtin", "remove[3]").
Result<RegisterOverlay> parse_register_delta(const nlohmann::json& add, const nlohmann::json& remove);
// An overlay as carried in a version or kept in the overlay file ({rows, removed}); paths start with `prefix`.
Result<RegisterOverlay> parse_register_overlay(const nlohmann::json& overlay, const std::string& prefix);
// The overlay after a delta: the delta's rows replace or add, its removals drop.
RegisterOverlay apply_register_delta(RegisterOverlay overlay, const RegisterOverlay& delta);

// The base register with the overlay laid over it: rows not mentioned kept, rows of the overlay added or replacing,
// removed GTINs gone. Goes through parse_catalog() again, so the result obeys every rule a register file does.
CatalogParse merge_register(const Catalog& base, const RegisterOverlay& overlay);

// The kiosk's overlay file: beside the ledger, written only by the kiosk (mode 0600).
std::string register_overlay_path(const std::string& ledger_path);
// The overlay file's overlay; an absent file is an empty overlay, an unreadable or invalid one an error.
Result<RegisterOverlay> read_register_overlay_file(const std::string& path);

// A version's register, prepared between sessions: the new register is built and checked before anything is
// written; write() replaces the overlay file atomically and undo() puts the previous one back if a later step of the
// same version fails. An unchanged overlay writes nothing and builds no register.
class RegisterUpdate {
public:
    // Errors: path "register..." (the version's fault) or "register" with a write/read problem of the kiosk's files.
    static Result<RegisterUpdate> prepare(const std::string& catalog_path, const std::string& overlay_path,
                                          const nlohmann::json& version_register);
    bool changed() const { return changed_; }
    Status write();
    void undo();
    nlohmann::json summary() const;  // {rows, removed, products}: for the ledger's register_changed event; before take
    Catalog take_register() { return std::move(register_); }

private:
    std::string overlay_path_;
    std::string new_text_;
    std::optional<std::string> old_text_;  // nullopt: there was no overlay file
    bool changed_ = false;
    std::size_t rows_ = 0, removed_ = 0;
    Catalog register_;
};

}  // namespace returnloop::kiosk
