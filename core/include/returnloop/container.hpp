// What a drink container is, in the terms deposit laws use: material, volume, beverage, refillable or not.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace returnloop {

enum class Material : std::uint8_t { pet, hdpe, aluminium, steel, glass, carton, other };
inline constexpr int kMaterialCount = 7;

enum class Category : std::uint8_t { water, soft_drink, juice, beer, wine, spirits, dairy, other };
inline constexpr int kCategoryCount = 8;

struct Container {
    Material material = Material::pet;
    std::uint32_t volume_ml = 0;
    Category category = Category::water;
    bool refillable = false;
    friend bool operator==(const Container&, const Container&) = default;
};

// Stable lower-case IDs used in JSON, CSV and the JS API: "pet", "aluminium", "soft_drink", ...
std::string_view material_id(Material material);
std::string_view category_id(Category category);
std::optional<Material> material_from_id(std::string_view id);
std::optional<Category> category_from_id(std::string_view id);

}  // namespace returnloop
