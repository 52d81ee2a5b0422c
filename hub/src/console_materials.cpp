// The console's material lookup (see console_materials.hpp).
#include "console_materials.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "returnloop/container.hpp"
#include "returnloop/gtin.hpp"

namespace returnloop::hub::console {

MaterialRegister MaterialRegister::load(const std::string& path) {
    MaterialRegister r;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << "console: no product register at " << path << ": containers are listed as unregistered\n";
        return r;
    }
    std::stringstream text;
    text << in.rdbuf();
    CatalogParse parsed = parse_catalog(text.str());
    if (!parsed.catalog) {
        std::cerr << "console: the product register " << path << " does not load (" << (parsed.errors.empty() ? "" : parsed.errors[0].message)
                  << "): containers are listed as unregistered\n";
        return r;
    }
    r.catalog_ = std::make_shared<const Catalog>(std::move(*parsed.catalog));
    return r;
}

std::string MaterialRegister::material_of(std::string_view gtin) const {
    if (!catalog_) return "unregistered";
    Result<Gtin> parsed = parse_gtin(gtin);
    if (!parsed) return "unregistered";
    const std::optional<ProductView> product = catalog_->find(*parsed);
    return product ? std::string(material_id(product->container.material)) : "unregistered";
}

std::map<std::string, std::int64_t> by_material(const MaterialRegister& materials, const std::map<std::string, std::int64_t>& by_gtin) {
    std::map<std::string, std::int64_t> out;
    for (const auto& [gtin, count] : by_gtin) out[materials.material_of(gtin)] += count;
    return out;
}

}  // namespace returnloop::hub::console
