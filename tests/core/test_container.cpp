// Container IDs: every material and category has one stable text ID, and unknown IDs are refused.
#include <doctest/doctest.h>

#include "returnloop/container.hpp"

using namespace returnloop;

TEST_CASE("container ids") {
    SUBCASE("materials round-trip") {
        for (int i = 0; i < kMaterialCount; ++i) {
            const auto material = static_cast<Material>(i);
            CHECK(material_from_id(material_id(material)) == material);
        }
        CHECK(material_id(Material::aluminium) == "aluminium");
        CHECK_FALSE(material_from_id("aluminum").has_value());  // one spelling, as in the JSON format
        CHECK_FALSE(material_from_id("PET").has_value());
    }
    SUBCASE("categories round-trip") {
        for (int i = 0; i < kCategoryCount; ++i) {
            const auto category = static_cast<Category>(i);
            CHECK(category_from_id(category_id(category)) == category);
        }
        CHECK(category_id(Category::soft_drink) == "soft_drink");
        CHECK_FALSE(category_from_id("").has_value());
    }
}
