// Each container's material, for the console's "containers by material" (a store's day, a clearing statement):
// the core's product register lookup (parse_catalog, Catalog::find) of the GTIN the kiosk uploaded, in the same
// register CSV the kiosks are started with (--catalog). A GTIN the register lacks is "unregistered".
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "returnloop/catalog.hpp"

namespace returnloop::hub::console {

class MaterialRegister {
public:
    // An unreadable or invalid file leaves an empty register (every GTIN unregistered) and says why on stderr.
    static MaterialRegister load(const std::string& path);
    std::string material_of(std::string_view gtin) const;  // "pet", "aluminium", ... or "unregistered"
    std::size_t size() const { return catalog_ ? catalog_->size() : 0; }

private:
    std::shared_ptr<const Catalog> catalog_;
};

// Containers counted per GTIN, summed per material: {material: count}.
std::map<std::string, std::int64_t> by_material(const MaterialRegister& materials, const std::map<std::string, std::int64_t>& by_gtin);

}  // namespace returnloop::hub::console
