// Product register deltas and overlays: JSON rows checked by the core's register parser, overlays added up and laid
// over a base register, and the kiosk's overlay file (see hub_register.hpp).
#include "backend/hub_register.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cmath>

#include "common/files.hpp"
#include "returnloop/container.hpp"
#include "returnloop/gtin.hpp"

namespace returnloop::kiosk {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxCatalogBytes = std::size_t{512} << 20;  // as the loader: a national register is ~80 MB
constexpr std::size_t kMaxOverlayBytes = std::size_t{64} << 20;

enum class Cell { text, integer, boolean, optional_integer, optional_number };
struct Column {
    std::string_view name;
    Cell cell;
};
constexpr std::array<Column, 9> kColumns{{{"gtin", Cell::text},
                                          {"name", Cell::text},
                                          {"brand", Cell::text},
                                          {"material", Cell::text},
                                          {"volume_ml", Cell::integer},
                                          {"category", Cell::text},
                                          {"refillable", Cell::boolean},
                                          {"deposit_minor", Cell::optional_integer},
                                          {"mass_g", Cell::optional_number}}};
constexpr std::string_view kHeader = "gtin,name,brand,material,volume_ml,category,refillable,deposit_minor,mass_g\n";

std::string indexed(const std::string& list, std::size_t i) { return list + "[" + std::to_string(i) + "]"; }

std::string csv_quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

bool has_control_character(std::string_view text) {
    for (unsigned char c : text) {
        if (c < 0x20 || c == 0x7f) return true;
    }
    return false;
}

// One JSON row as a CSV line, or the error naming the field: the shape (known columns, JSON types, one line) is
// checked here; every value rule is left to parse_catalog(), which names the column.
Result<std::string> row_line(const Json& row, const std::string& path) {
    if (!row.is_object()) return Error{path, "must be an object with the register's columns (gtin, name, brand, ...)"};
    for (const auto& [key, _] : row.items()) {
        bool known = false;
        for (const Column& c : kColumns) known = known || c.name == key;
        if (!known) return Error{path + "." + key.substr(0, 40), "is not a register column"};
    }
    std::string line;
    for (const Column& c : kColumns) {
        const std::string field = path + "." + std::string(c.name);
        const auto value = row.find(std::string(c.name));
        const bool present = value != row.end() && !value->is_null();
        if (c.name != kColumns.front().name) line += ',';
        if (!present) {
            if (c.cell == Cell::optional_integer || c.cell == Cell::optional_number) continue;
            return Error{field, "is required"};
        }
        switch (c.cell) {
            case Cell::text:
                if (!value->is_string()) return Error{field, "must be a string"};
                if (has_control_character(value->get_ref<const std::string&>())) return Error{field, "must not hold control characters"};
                line += csv_quoted(value->get_ref<const std::string&>());
                break;
            case Cell::integer:
            case Cell::optional_integer:
                if (!value->is_number_integer()) return Error{field, "must be a whole number"};
                line += value->dump();
                break;
            case Cell::boolean:
                if (!value->is_boolean()) return Error{field, "must be true or false"};
                line += value->get<bool>() ? "true" : "false";
                break;
            case Cell::optional_number:
                if (!value->is_number()) return Error{field, "must be a number of grams"};
                line += value->dump();
                break;
        }
    }
    return line + "\n";
}

// "line 7, column volume_ml" -> "<list>[5].volume_ml" (line 1 is the header, one row a line).
std::string row_field(const std::string& list, const std::string& catalog_path) {
    std::size_t line = 0;
    std::size_t at = 0;
    if (!catalog_path.starts_with("line ")) return list;
    for (at = 5; at < catalog_path.size() && catalog_path[at] >= '0' && catalog_path[at] <= '9'; ++at) {
        line = line * 10 + static_cast<std::size_t>(catalog_path[at] - '0');
    }
    if (line < 2) return list;
    std::string out = indexed(list, line - 2);
    const std::string column = ", column ";
    if (catalog_path.compare(at, column.size(), column) == 0) out += "." + catalog_path.substr(at + column.size());
    return out;
}

std::string gtin14(std::uint64_t key) {
    std::string digits = std::to_string(key);
    digits.insert(0, 14 - std::min<std::size_t>(digits.size(), 14), '0');
    return digits;
}

// Rows keyed by GTIN, every one accepted by parse_catalog() (which also finds a GTIN given twice).
Result<std::map<std::uint64_t, Json>> parse_rows(const Json& rows, const std::string& list) {
    std::map<std::uint64_t, Json> out;
    if (rows.is_null()) return out;
    if (!rows.is_array()) return Error{list, "must be an array of register rows"};
    std::string csv(kHeader);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        Result<std::string> line = row_line(rows[i], indexed(list, i));
        if (!line) return line.error();
        csv += *line;
    }
    CatalogParse parsed = parse_catalog(csv, 1);
    if (!parsed.catalog) {
        const Error& first = parsed.errors.front();
        return Error{row_field(list, first.path), first.message};
    }
    for (std::size_t i = 0; i < rows.size(); ++i) out.emplace(parsed.catalog->at(i).gtin_key, rows[i]);
    return out;
}

Result<std::set<std::uint64_t>> parse_gtins(const Json& gtins, const std::string& list) {
    std::set<std::uint64_t> out;
    if (gtins.is_null()) return out;
    if (!gtins.is_array()) return Error{list, "must be an array of GTINs"};
    for (std::size_t i = 0; i < gtins.size(); ++i) {
        if (!gtins[i].is_string()) return Error{indexed(list, i), "must be a GTIN as a string of digits"};
        Result<Gtin> gtin = parse_gtin(gtins[i].get_ref<const std::string&>());
        if (!gtin) return Error{indexed(list, i), gtin.error().message};
        if (!out.insert(gtin->key()).second) return Error{indexed(list, i), "names a GTIN already in the list"};
    }
    return out;
}

Result<RegisterOverlay> parse_parts(const Json& rows, const Json& gtins, const std::string& rows_list, const std::string& gtins_list) {
    Result<std::map<std::uint64_t, Json>> parsed_rows = parse_rows(rows, rows_list);
    if (!parsed_rows) return parsed_rows.error();
    Result<std::set<std::uint64_t>> parsed_gtins = parse_gtins(gtins, gtins_list);
    if (!parsed_gtins) return parsed_gtins.error();
    for (std::uint64_t key : *parsed_gtins) {
        if (parsed_rows->contains(key)) return Error{gtins_list, "GTIN " + gtin14(key) + " is both added and removed"};
    }
    RegisterOverlay out;
    out.rows = std::move(parsed_rows).value();
    out.removed = std::move(parsed_gtins).value();
    return out;
}

// A register row of `view` in the CSV columns of kHeader.
std::string product_line(const ProductView& view) {
    std::string line = gtin14(view.gtin_key) + "," + csv_quoted(view.name) + "," + csv_quoted(view.brand) + "," +
                       std::string(material_id(view.container.material)) + "," + std::to_string(view.container.volume_ml) + "," +
                       std::string(category_id(view.container.category)) + "," + (view.container.refillable ? "true" : "false") + ",";
    if (view.deposit_override_minor) line += std::to_string(*view.deposit_override_minor);
    line += ",";
    if (view.mass_g) {  // the register keeps tenths of a gram
        const long long tenths = std::llround(*view.mass_g * 10);
        line += std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
    }
    return line + "\n";
}

}  // namespace

Json RegisterOverlay::to_json() const {
    Json list = Json::array();
    for (const auto& [key, row] : rows) list.push_back(row);
    Json gone = Json::array();
    for (std::uint64_t key : removed) gone.push_back(gtin14(key));
    return Json{{"rows", list}, {"removed", gone}};
}

Result<RegisterOverlay> parse_register_delta(const Json& add, const Json& remove) {
    const std::size_t count = (add.is_array() ? add.size() : 0) + (remove.is_array() ? remove.size() : 0);
    if (count > kMaxRegisterDeltaRows) {
        return Error{add.is_array() && add.size() > kMaxRegisterDeltaRows ? "add" : "remove",
                     "a delta holds at most " + std::to_string(kMaxRegisterDeltaRows) + " rows and removals"};
    }
    Result<RegisterOverlay> delta = parse_parts(add, remove, "add", "remove");
    if (delta && delta->size() == 0) return Error{"add", "the delta adds, changes or removes nothing"};
    return delta;
}

Result<RegisterOverlay> parse_register_overlay(const Json& overlay, const std::string& prefix) {
    if (!overlay.is_object()) return Error{prefix, "must be an object {rows, removed}"};
    for (const auto& [key, _] : overlay.items()) {
        if (key != "rows" && key != "removed") return Error{prefix + "." + key.substr(0, 40), "is not a field of a register overlay"};
    }
    const Json none;
    const Json& rows = overlay.contains("rows") ? overlay["rows"] : none;
    const Json& removed = overlay.contains("removed") ? overlay["removed"] : none;
    if ((rows.is_array() ? rows.size() : 0) + (removed.is_array() ? removed.size() : 0) > kMaxRegisterOverlayRows) {
        return Error{prefix, "an overlay holds at most " + std::to_string(kMaxRegisterOverlayRows) + " rows and removals"};
    }
    return parse_parts(rows, removed, prefix + ".rows", prefix + ".removed");
}

RegisterOverlay apply_register_delta(RegisterOverlay overlay, const RegisterOverlay& delta) {
    for (const auto& [key, row] : delta.rows) {
        overlay.removed.erase(key);
        overlay.rows[key] = row;
    }
    for (std::uint64_t key : delta.removed) {
        overlay.rows.erase(key);
        overlay.removed.insert(key);
    }
    return overlay;
}

CatalogParse merge_register(const Catalog& base, const RegisterOverlay& overlay) {
    std::string csv(kHeader);
    csv.reserve(kHeader.size() + (base.size() + overlay.rows.size()) * 96);
    for (std::size_t i = 0; i < base.size(); ++i) {
        const ProductView view = base.at(i);
        if (overlay.rows.contains(view.gtin_key) || overlay.removed.contains(view.gtin_key)) continue;
        csv += product_line(view);
    }
    for (const auto& [key, row] : overlay.rows) {
        Result<std::string> line = row_line(row, "register");
        if (!line) return CatalogParse{std::nullopt, {line.error()}};  // parse_register_overlay() let it in: cannot happen
        csv += *line;
    }
    return parse_catalog(csv);
}

std::string register_overlay_path(const std::string& ledger_path) { return ledger_path + ".hub-register.json"; }

Result<RegisterOverlay> read_register_overlay_file(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0 && errno == ENOENT) return RegisterOverlay{};
    Result<std::string> text = read_file(path, kMaxOverlayBytes);
    if (!text) return text.error();
    const Json overlay = Json::parse(*text, nullptr, false);
    Result<RegisterOverlay> parsed = parse_register_overlay(overlay, "register");
    if (!parsed) return Error{path, path + ": " + parsed.error().path + " " + parsed.error().message};
    return parsed;
}

Result<RegisterUpdate> RegisterUpdate::prepare(const std::string& catalog_path, const std::string& overlay_path,
                                               const Json& version_register) {
    Result<RegisterOverlay> overlay = parse_register_overlay(version_register, "register");
    if (!overlay) return overlay.error();
    RegisterUpdate update;
    update.overlay_path_ = overlay_path;
    update.new_text_ = overlay->to_json().dump(1) + "\n";
    update.rows_ = overlay->rows.size();
    update.removed_ = overlay->removed.size();
    struct stat info {};
    if (::stat(overlay_path.c_str(), &info) == 0 || errno != ENOENT) {
        Result<std::string> old_text = read_file(overlay_path, kMaxOverlayBytes);
        if (!old_text) return Error{"register", old_text.error().message};
        update.old_text_ = std::move(old_text).value();
    }
    update.changed_ = update.old_text_ != update.new_text_;
    if (!update.changed_) return update;
    Result<std::string> csv = read_file(catalog_path, kMaxCatalogBytes);
    if (!csv) return Error{"register", csv.error().message};
    CatalogParse base = parse_catalog(*csv);
    if (!base.catalog) return Error{"register", "the base catalog " + catalog_path + " is not valid"};
    csv.value() = std::string();
    CatalogParse merged = merge_register(*base.catalog, *overlay);
    if (!merged.catalog) return Error{"register", merged.errors.front().path + ": " + merged.errors.front().message};
    update.register_ = std::move(*merged.catalog);
    return update;
}

Status RegisterUpdate::write() {
    if (!changed_) return ok_status();
    return write_file_atomic(overlay_path_, new_text_, kSecretFileMode);
}

void RegisterUpdate::undo() {
    if (!changed_) return;
    if (old_text_) (void)write_file_atomic(overlay_path_, *old_text_, kSecretFileMode);
    else ::unlink(overlay_path_.c_str());
}

Json RegisterUpdate::summary() const {
    return Json{{"rows", rows_}, {"removed", removed_}, {"products", register_.size()}};
}

}  // namespace returnloop::kiosk
