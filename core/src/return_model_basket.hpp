// Reads the return-rate model's reference basket (shared by the model file and the fit's observations file).
#pragma once

#include <string>
#include <vector>

#include "impact_json.hpp"
#include "returnloop/return_model.hpp"

namespace returnloop::detail {

// Reads parent's "basket" array (parent at `path`, "" for the document) into basket; every problem is reported at
// its path, and an empty basket is an error.
inline void read_basket(JsonReader& r, const rapidjson::Value& parent, const std::string& path,
                        std::vector<BasketItem>& basket) {
    const rapidjson::Value* items = r.array(parent, path, "basket");
    if (!items) return;
    const std::string basket_path = JsonReader::join(path, "basket");
    for (rapidjson::SizeType i = 0; i < items->Size(); ++i) {
        std::string p = JsonReader::index(basket_path, i);
        const rapidjson::Value& b = (*items)[i];
        if (!b.IsObject()) {
            r.wrong_type(p, "object", b, "must be an object");
            continue;
        }
        r.only(b, p, {"material", "volumeMl", "category", "refillable", "weight"});
        BasketItem item;
        std::string material, category;
        int ml = 0;
        if (r.string(b, p, "material", material)) {
            if (auto m = material_from_id(material)) item.container.material = *m;
            else r.fail(JsonReader::join(p, "material"), ErrorCode::unknown_value,
                        {{"kind", "material"}, {"given", JsonReader::quoted(material)}, {"suggestion", ""}},
                        "unknown material '" + material + "'");
        }
        if (r.string(b, p, "category", category)) {
            if (auto c = category_from_id(category)) item.container.category = *c;
            else r.fail(JsonReader::join(p, "category"), ErrorCode::unknown_value,
                        {{"kind", "category"}, {"given", JsonReader::quoted(category)}, {"suggestion", ""}},
                        "unknown category '" + category + "'");
        }
        r.integer(b, p, "volumeMl", ml, 1, 100000);
        item.container.volume_ml = static_cast<std::uint32_t>(ml);
        r.boolean(b, p, "refillable", item.container.refillable, false);
        r.number(b, p, "weight", item.weight, 1e-6, 1);
        basket.push_back(item);
    }
    if (basket.empty()) r.fail(basket_path, ErrorCode::empty_list, {}, "at least one container is needed");
}

}  // namespace returnloop::detail
