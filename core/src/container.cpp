// The stable text IDs of materials and beverage categories, shared by JSON, CSV and the JS API.
#include "returnloop/container.hpp"

#include <array>

namespace returnloop {
namespace {

constexpr std::array<std::string_view, kMaterialCount> kMaterialIds{"pet",   "hdpe",   "aluminium", "steel",
                                                                    "glass", "carton", "other"};
constexpr std::array<std::string_view, kCategoryCount> kCategoryIds{"water", "soft_drink", "juice", "beer",
                                                                    "wine",  "spirits",    "dairy", "other"};

}  // namespace

std::string_view material_id(Material material) { return kMaterialIds[static_cast<int>(material)]; }
std::string_view category_id(Category category) { return kCategoryIds[static_cast<int>(category)]; }

std::optional<Material> material_from_id(std::string_view id) {
    for (int i = 0; i < kMaterialCount; ++i) {
        if (kMaterialIds[i] == id) return static_cast<Material>(i);
    }
    return std::nullopt;
}

std::optional<Category> category_from_id(std::string_view id) {
    for (int i = 0; i < kCategoryCount; ++i) {
        if (kCategoryIds[i] == id) return static_cast<Category>(i);
    }
    return std::nullopt;
}

}  // namespace returnloop
