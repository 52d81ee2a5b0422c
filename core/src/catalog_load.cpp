// Loads the product register from CSV (format: assets/catalog/README.md) in one pass: header, then each row
// checked cell by cell, names copied into one arena, GTINs into the hash index. All or nothing: any error and
// no catalog is returned, so the caller keeps the one it has.
#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "catalog_csv.hpp"
#include "catalog_fields.hpp"
#include "catalog_impl.hpp"
#include "returnloop/catalog.hpp"

namespace returnloop {
namespace {

enum class Column : std::uint8_t { gtin, name, brand, material, volume_ml, category, refillable, deposit_minor, mass_g };
constexpr int kColumnCount = 9;
constexpr std::array<std::string_view, kColumnCount> kColumnNames{
    "gtin", "name", "brand", "material", "volume_ml", "category", "refillable", "deposit_minor", "mass_g"};
constexpr std::string_view kHeaderHint =
    "gtin,name,brand,material,volume_ml,category,refillable,deposit_minor";

constexpr std::uint64_t kMaxVolumeMl = 100000;         // 100 L: larger is a keg or a tank, not a container
constexpr std::uint64_t kMaxDepositMinor = 1000000000;  // far above any real deposit; fits 32 bits
constexpr double kMaxMassG = 20000;                     // 20 kg empty: beyond any container a machine takes
// The smallest valid row ("96385074,a,,pet,1,beer,0\n") is 25 bytes; dividing by less over-estimates safely.
constexpr std::size_t kMinRowBytes = 24;

bool optional_column(Column column) { return column == Column::deposit_minor || column == Column::mass_g; }

// An empty container's mass in tenths of a gram: digits with at most one decimal, above 0 and at most kMaxMassG.
std::optional<std::uint32_t> parse_mass_decigrams(std::string_view text) {
    const std::size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (whole.empty() || whole.size() > 5 || fraction.size() > 1 || (dot != std::string_view::npos && fraction.empty())) return std::nullopt;
    std::uint32_t tenths = 0;
    for (char c : whole) {
        if (c < '0' || c > '9') return std::nullopt;
        tenths = tenths * 10 + static_cast<std::uint32_t>(c - '0');
    }
    tenths *= 10;
    if (!fraction.empty()) {
        if (fraction[0] < '0' || fraction[0] > '9') return std::nullopt;
        tenths += static_cast<std::uint32_t>(fraction[0] - '0');
    }
    if (tenths == 0 || tenths > static_cast<std::uint32_t>(kMaxMassG * 10)) return std::nullopt;
    return tenths;
}

std::string ascii_lower(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

std::string line_path(std::size_t line) { return "line " + std::to_string(line); }

template <class Id, class Name>
std::string id_list(int count, Name name_of) {
    std::string list;
    for (int i = 0; i < count; ++i) {
        if (i > 0) list += ", ";
        list += name_of(static_cast<Id>(i));
    }
    return list;
}

// Brand interning during a load: brands repeat across thousands of rows, so each is stored once.
class BrandTable {
public:
    explicit BrandTable(Catalog::Impl& impl) : impl_(impl) { slots_.assign(64, 0); }

    std::uint32_t intern(std::string_view brand) {
        const std::uint64_t h = hash(brand);
        std::size_t i = static_cast<std::size_t>(h) & (slots_.size() - 1);
        while (slots_[i] != 0) {
            const std::uint32_t id = slots_[i] - 1;
            if (text(id) == brand) return id;
            i = (i + 1) & (slots_.size() - 1);
        }
        const auto id = static_cast<std::uint32_t>(impl_.brand_offsets.size() - 1);
        impl_.brands.append(brand);
        impl_.brand_offsets.push_back(static_cast<std::uint32_t>(impl_.brands.size()));
        slots_[i] = id + 1;
        if ((id + 1) * 2 > slots_.size()) grow();
        return id;
    }

private:
    static std::uint64_t hash(std::string_view text) {  // FNV-1a
        std::uint64_t h = 14695981039346656037ull;
        for (const char c : text) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ull;
        }
        return h ^ (h >> 29);
    }
    std::string_view text(std::uint32_t id) const {
        return std::string_view(impl_.brands)
            .substr(impl_.brand_offsets[id], impl_.brand_offsets[id + 1] - impl_.brand_offsets[id]);
    }
    void grow() {
        std::vector<std::uint32_t> old(slots_.size() * 2, 0);
        old.swap(slots_);
        for (const std::uint32_t slot : old) {
            if (slot == 0) continue;
            std::size_t i = static_cast<std::size_t>(hash(text(slot - 1))) & (slots_.size() - 1);
            while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
            slots_[i] = slot;
        }
    }

    Catalog::Impl& impl_;
    std::vector<std::uint32_t> slots_;  // brand id + 1; 0 is empty
};

}  // namespace

struct CatalogLoader {
    CatalogLoader(std::string_view text, std::size_t max_errors)
        : text_(text), max_errors_(std::max<std::size_t>(max_errors, 1)), impl_(std::make_unique<Catalog::Impl>()),
          brands_(*impl_) {}

    CatalogParse run();

private:
    struct PendingDuplicate {
        std::size_t error_index;
        std::uint64_t key;
        std::size_t line;
    };

    bool full() const { return errors_.size() >= max_errors_; }
    void add_error(std::string path, std::string message) {
        if (!full()) errors_.push_back(Error{std::move(path), std::move(message)});
    }
    void add_cell_error(std::size_t line, Column column, std::string message) {
        add_error(line_path(line) + ", column " + std::string(kColumnNames[static_cast<int>(column)]),
                  std::move(message));
    }
    std::string column_label(std::size_t field_index) const;

    bool read_header(const detail::CsvRecord& record);
    void reserve_for(std::string_view body);
    void read_row(const detail::CsvRecord& record);
    void resolve_duplicate_lines(std::string_view body);

    std::string_view text_;
    std::size_t max_errors_;
    std::vector<Error> errors_;
    std::unique_ptr<Catalog::Impl> impl_;
    BrandTable brands_;
    std::array<int, kColumnCount> field_of_{};  // column -> field index in a record, -1 when absent
    std::size_t header_fields_ = 0;
    std::vector<PendingDuplicate> duplicates_;
};

std::string CatalogLoader::column_label(std::size_t field_index) const {
    for (int c = 0; c < kColumnCount; ++c) {
        if (field_of_[c] >= 0 && static_cast<std::size_t>(field_of_[c]) == field_index) {
            return std::string(kColumnNames[c]);
        }
    }
    return std::to_string(field_index + 1);
}

bool CatalogLoader::read_header(const detail::CsvRecord& record) {
    field_of_.fill(-1);
    header_fields_ = record.field_count;
    const std::string path = line_path(record.line);
    if (record.has_error) {
        add_error(path + ", column " + std::to_string(record.error_field + 1), std::string(record.error_message));
        return false;
    }
    const std::string expected = ", expected " + std::string(kHeaderHint);
    if (record.field_count > detail::CsvReader::kMaxStoredFields) {
        add_error(path, "the header has " + std::to_string(record.field_count) + " columns" + expected);
        return false;
    }
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        const std::string_view raw = detail::trim_blanks(record.fields[i]);
        const std::string name = ascii_lower(raw);
        const std::string column_path = path + ", column " + std::to_string(i + 1);
        if (name.empty()) {
            add_error(column_path, "the header has an empty column name" + expected);
            continue;
        }
        const auto known = std::find(kColumnNames.begin(), kColumnNames.end(), name);
        if (known == kColumnNames.end()) {
            add_error(column_path, "unknown column " + detail::quote_value(raw) + expected);
            continue;
        }
        const auto column = static_cast<std::size_t>(known - kColumnNames.begin());
        if (field_of_[column] >= 0) {
            add_error(column_path, "column " + name + " appears twice (also column " +
                                       std::to_string(field_of_[column] + 1) + ")");
            continue;
        }
        field_of_[column] = static_cast<int>(i);
    }
    for (int c = 0; c < kColumnCount; ++c) {
        if (field_of_[c] < 0 && !optional_column(static_cast<Column>(c))) {
            add_error(path, "missing required column " + std::string(kColumnNames[c]) + expected);
        }
    }
    return errors_.empty();
}

// Sizes the row table and the index once from a cheap count of line breaks, so a large register is not
// copied as its vectors grow (which would double the peak memory). Reserved but untouched memory is not
// resident, so over-estimating costs address space only.
void CatalogLoader::reserve_for(std::string_view body) {
    const auto line_breaks = static_cast<std::size_t>(std::count(body.begin(), body.end(), '\n'));
    const std::size_t rows = std::min(line_breaks + 1, body.size() / kMinRowBytes + 1);
    impl_->rows.reserve(rows);
    impl_->names.reserve(body.size());
    impl_->index.reserve(rows, [this](std::uint32_t r) { return impl_->key(r); });
}

void CatalogLoader::read_row(const detail::CsvRecord& record) {
    const std::size_t line = record.line;
    auto cell = [&](Column column) -> std::string_view {
        const int field = field_of_[static_cast<int>(column)];
        if (field < 0 || static_cast<std::size_t>(field) >= record.fields.size()) return {};
        return detail::trim_blanks(record.fields[static_cast<std::size_t>(field)]);
    };

    std::optional<std::uint64_t> key;
    const std::string_view gtin_text = cell(Column::gtin);
    if (gtin_text.empty()) {
        add_cell_error(line, Column::gtin, "gtin is empty");
    } else if (Result<Gtin> gtin = parse_gtin(gtin_text); !gtin) {
        add_cell_error(line, Column::gtin, gtin.error().message);  // names the value and what is wrong with it
    } else if (is_restricted_circulation(*gtin)) {
        add_cell_error(line, Column::gtin,
                       detail::quote_value(gtin_text) +
                           " is a GS1 restricted-circulation number (in-store or coupon code), never a product's GTIN");
    } else {
        key = gtin->key();
        // The index slot is a likely cache miss; fetch it while the other cells are checked.
        impl_->index.prefetch(*key);
    }
    const std::size_t gtin_error_slot = errors_.size();  // where a duplicate error goes, to keep column order

    const std::string_view name = cell(Column::name);
    std::string problem = detail::text_problem(name, true);
    const bool name_ok = problem.empty();
    if (!name_ok) add_cell_error(line, Column::name, "name " + problem);
    const std::string_view brand = cell(Column::brand);
    problem = detail::text_problem(brand, false);
    const bool brand_ok = problem.empty();
    if (!brand_ok) add_cell_error(line, Column::brand, "brand " + problem);

    const std::string_view material_text = cell(Column::material);
    const std::optional<Material> material = material_from_id(material_text);
    if (!material) {
        add_cell_error(line, Column::material,
                       "material " + detail::quote_value(material_text) + " is not one of " +
                           id_list<Material>(kMaterialCount, material_id));
    }

    const std::string_view volume_text = cell(Column::volume_ml);
    const std::optional<std::uint64_t> volume = detail::parse_whole(volume_text, kMaxVolumeMl);
    if (!volume || *volume == 0) {
        add_cell_error(line, Column::volume_ml,
                       "volume_ml must be a whole number of millilitres from 1 to " + std::to_string(kMaxVolumeMl) +
                           ", not " + detail::quote_value(volume_text));
    }

    const std::string_view category_text = cell(Column::category);
    const std::optional<Category> category = category_from_id(category_text);
    if (!category) {
        add_cell_error(line, Column::category,
                       "category " + detail::quote_value(category_text) + " is not one of " +
                           id_list<Category>(kCategoryCount, category_id));
    }

    const std::string_view refillable_text = cell(Column::refillable);
    const std::optional<bool> refillable = detail::parse_yes_no(refillable_text);
    if (!refillable) {
        add_cell_error(line, Column::refillable,
                       "refillable must be true or false (also 1/0, yes/no), not " +
                           detail::quote_value(refillable_text));
    }

    const std::string_view deposit_text = cell(Column::deposit_minor);
    std::optional<std::uint64_t> deposit;
    if (!deposit_text.empty()) {
        deposit = detail::parse_whole(deposit_text, kMaxDepositMinor);
        if (!deposit) {
            add_cell_error(line, Column::deposit_minor,
                           deposit_text.front() == '-'
                               ? "deposit_minor must not be negative, not " + detail::quote_value(deposit_text)
                               : "deposit_minor must be empty or a whole number of minor units (cents) from 0 to " +
                                     std::to_string(kMaxDepositMinor) + ", not " + detail::quote_value(deposit_text));
        }
    }

    const std::string_view mass_text = cell(Column::mass_g);
    std::optional<std::uint32_t> mass_decigrams;
    if (!mass_text.empty()) {
        mass_decigrams = parse_mass_decigrams(mass_text);
        if (!mass_decigrams) {
            add_cell_error(line, Column::mass_g,
                           "mass_g must be empty or the empty container's mass in grams (at most one decimal) above 0 and up to " +
                               std::to_string(static_cast<int>(kMaxMassG)) + ", not " + detail::quote_value(mass_text));
        }
    }

    if (!key) return;
    Catalog::Impl& impl = *impl_;
    auto key_of_row = [&impl](std::uint32_t r) { return impl.key(r); };
    if (impl.index.find(*key, key_of_row)) {
        // Both lines are named; the first one's line is found after the pass (rows do not keep line numbers).
        if (gtin_error_slot < max_errors_) {
            errors_.insert(errors_.begin() + static_cast<std::ptrdiff_t>(gtin_error_slot),
                           Error{line_path(line) + ", column gtin", ""});
            if (errors_.size() > max_errors_) errors_.pop_back();  // this row's last error makes room
            duplicates_.push_back(PendingDuplicate{gtin_error_slot, *key, line});
        }
        return;
    }
    if (impl.rows.size() >= detail::KeyIndex::kMaxRows) {
        add_error(line_path(line), "the register has more than " + std::to_string(detail::KeyIndex::kMaxRows) +
                                       " products, the most one catalog can hold");
        return;
    }
    // A row with other errors is still indexed so that a later duplicate of its GTIN is reported; the
    // catalog is thrown away anyway once any error exists.
    using Impl = Catalog::Impl;
    const auto index = static_cast<std::uint32_t>(impl.rows.size());
    if (index % Impl::kRowsPerBase == 0) impl.name_bases.push_back(static_cast<std::uint32_t>(impl.names.size()));
    Impl::Row row;
    row.key_low = static_cast<std::uint32_t>(*key);
    row.key_high_volume = static_cast<std::uint32_t>(*key >> 32) |
                          (static_cast<std::uint32_t>(volume.value_or(0)) << Impl::kVolumeShift);
    row.name_delta = static_cast<std::uint16_t>(impl.names.size() - impl.name_bases.back());
    const std::uint32_t brand_id = brand_ok ? brands_.intern(brand) : 0;  // unused when the row is bad
    row.meta = static_cast<std::uint32_t>(material.value_or(Material::other)) |
               (static_cast<std::uint32_t>(category.value_or(Category::other)) << 3) |
               (static_cast<std::uint32_t>(refillable.value_or(false)) << 6) |
               (static_cast<std::uint32_t>(deposit.has_value()) << 7) | (brand_id << Impl::kBrandShift);
    if (deposit && *deposit < Impl::kDepositElsewhere) {
        row.deposit_minor = static_cast<std::uint16_t>(*deposit);
    } else if (deposit) {
        row.deposit_minor = Impl::kDepositElsewhere;
        impl.large_deposits.emplace_back(index, static_cast<std::uint32_t>(*deposit));
    }
    if (mass_decigrams) impl.masses.emplace_back(index, *mass_decigrams);
    // Only a valid name is stored: at most 200 bytes each keeps 64 names within the 16-bit name_delta.
    if (name_ok) impl.names.append(name);
    impl.rows.push_back(row);
    impl.index.insert(*key, index, impl.rows.size(), key_of_row);
}

// Finds the line of each duplicated GTIN's first occurrence by reading the GTIN column again. This runs
// only when duplicates exist, which keeps a per-row line number out of memory on the normal path.
void CatalogLoader::resolve_duplicate_lines(std::string_view body) {
    std::vector<std::size_t> first_line(duplicates_.size(), 0);
    std::size_t unresolved = duplicates_.size();
    const auto gtin_field = static_cast<std::size_t>(field_of_[static_cast<int>(Column::gtin)]);
    detail::CsvReader reader(body);
    detail::CsvRecord record;
    bool header = true;
    while (unresolved > 0 && reader.next(record)) {
        if (record.blank) continue;
        if (header) {
            header = false;
            continue;
        }
        if (record.has_error || gtin_field >= record.fields.size()) continue;
        const Result<Gtin> gtin = parse_gtin(detail::trim_blanks(record.fields[gtin_field]));
        if (!gtin) continue;
        const std::uint64_t key = gtin->key();
        for (std::size_t i = 0; i < duplicates_.size(); ++i) {
            if (first_line[i] == 0 && duplicates_[i].key == key && record.line < duplicates_[i].line) {
                first_line[i] = record.line;
                --unresolved;
            }
        }
    }
    for (std::size_t i = 0; i < duplicates_.size(); ++i) {
        std::string digits = std::to_string(duplicates_[i].key);
        digits.insert(0, 14 - std::min<std::size_t>(digits.size(), 14), '0');
        errors_[duplicates_[i].error_index].message =
            "duplicate GTIN " + digits + ": already registered on line " + std::to_string(first_line[i]);
    }
}

CatalogParse CatalogLoader::run() {
    if (text_.size() > UINT32_MAX) {
        add_error("", "the file is larger than 4 GiB, more than a product register can be");
        return CatalogParse{std::nullopt, std::move(errors_)};
    }
    std::string_view body = text_;
    if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);  // UTF-8 byte order mark from spreadsheets

    detail::CsvReader reader(body);
    detail::CsvRecord record;
    bool have_header = false;
    while (reader.next(record)) {
        if (!record.blank) {
            have_header = true;
            break;
        }
    }
    if (!have_header) {
        add_error(line_path(1), "the file is empty; the first line must be the header " + std::string(kHeaderHint));
        return CatalogParse{std::nullopt, std::move(errors_)};
    }
    if (!read_header(record)) return CatalogParse{std::nullopt, std::move(errors_)};

    reserve_for(body);
    const int last_field = static_cast<int>(header_fields_) - 1;
    // A spreadsheet may drop a trailing empty cell; that is allowed only for an optional column.
    const bool may_drop_last = field_of_[static_cast<int>(Column::deposit_minor)] == last_field ||
                               field_of_[static_cast<int>(Column::mass_g)] == last_field;
    while (!full() && reader.next(record)) {
        if (record.blank) continue;
        if (record.has_error) {
            add_error(line_path(record.line) + ", column " + column_label(record.error_field),
                      std::string(record.error_message));
            continue;
        }
        const bool dropped_last = may_drop_last && record.field_count + 1 == header_fields_;
        if (record.field_count != header_fields_ && !dropped_last) {
            add_error(line_path(record.line), "the row has " + std::to_string(record.field_count) +
                                                  " cells but the header has " + std::to_string(header_fields_));
            continue;
        }
        read_row(record);
    }
    if (!duplicates_.empty()) resolve_duplicate_lines(body);
    if (!errors_.empty()) return CatalogParse{std::nullopt, std::move(errors_)};

    Catalog catalog;
    delete catalog.impl_;
    catalog.impl_ = impl_.release();
    return CatalogParse{std::move(catalog), {}};
}

CatalogParse parse_catalog(std::string_view csv_text, std::size_t max_errors) {
    return CatalogLoader(csv_text, max_errors).run();
}

}  // namespace returnloop
