// The product register: GTIN -> product (name, brand, container, optional deposit override), from CSV bytes.
// The CSV format is documented in assets/catalog/README.md. Built to hold a national register (10^6 rows).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "returnloop/container.hpp"
#include "returnloop/gtin.hpp"
#include "returnloop/result.hpp"

namespace returnloop {

struct ProductView {
    std::uint64_t gtin_key = 0;  // Gtin::key()
    std::string_view name;
    std::string_view brand;
    Container container;
    std::optional<std::int64_t> deposit_override_minor;  // in the scheme's currency, when the register sets one
    std::optional<double> mass_g;  // the empty container's mass, when the register gives one (tenths of a gram)
};

class Catalog {
public:
    std::size_t size() const;
    std::optional<ProductView> find(const Gtin& gtin) const;   // nullopt: "not registered"
    std::optional<ProductView> find(std::uint64_t gtin_key) const;
    ProductView at(std::size_t index) const;                   // rows in file order, for listings and demo buttons

    struct Impl;
    Catalog();
    Catalog(Catalog&&) noexcept;
    Catalog& operator=(Catalog&&) noexcept;
    ~Catalog();

private:
    friend struct CatalogLoader;
    Impl* impl_;
};

// Parses the whole file or nothing: on any bad row the errors (line number and column, at most max_errors)
// are returned and no catalog, so a caller keeps its previous one.
struct CatalogParse {
    std::optional<Catalog> catalog;
    std::vector<Error> errors;
};
CatalogParse parse_catalog(std::string_view csv_text, std::size_t max_errors = 20);

}  // namespace returnloop
