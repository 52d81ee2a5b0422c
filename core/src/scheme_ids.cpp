// Stable string ids of the scheme enums (as the JSON files and the JS API spell them), and source lookup.
#include <array>

#include "scheme_detail.hpp"

namespace returnloop {

namespace {

constexpr std::array<std::string_view, 8> kReasonIds = {
    "none",
    "not_in_force",
    "ended",
    "material_not_covered",
    "category_not_covered",
    "refillable_not_covered",
    "single_use_not_covered",
    "volume_out_of_range",
};

constexpr std::array<std::string_view, detail::kRefillScopeCount> kRefillScopeIds = {"single_use", "refillable", "any"};

constexpr std::array<std::string_view, detail::kSchemeStatusCount> kSchemeStatusIds = {
    "in_force", "planned", "uncertain", "hypothetical"};

constexpr std::array<std::string_view, detail::kSourceQualityCount> kSourceQualityIds = {
    "official", "operator", "secondary", "weak"};

template <std::size_t N>
std::string_view id_at(const std::array<std::string_view, N>& ids, std::size_t index) {
    return index < N ? ids[index] : std::string_view{};
}

}  // namespace

std::string_view reason_id(Reason reason) { return id_at(kReasonIds, static_cast<std::size_t>(reason)); }

const Source* Scheme::find_source(std::string_view source_id) const {
    for (const Source& source : sources)
        if (source.id == source_id) return &source;
    return nullptr;
}

std::string_view refill_scope_id(RefillScope scope) {
    return id_at(kRefillScopeIds, static_cast<std::size_t>(scope));
}

std::optional<RefillScope> refill_scope_from_id(std::string_view id) {
    for (std::size_t i = 0; i < kRefillScopeIds.size(); ++i)
        if (kRefillScopeIds[i] == id) return static_cast<RefillScope>(i);
    return std::nullopt;
}

std::string_view scheme_status_id(SchemeStatus status) {
    return id_at(kSchemeStatusIds, static_cast<std::size_t>(status));
}

std::optional<SchemeStatus> scheme_status_from_id(std::string_view id) {
    for (std::size_t i = 0; i < kSchemeStatusIds.size(); ++i)
        if (kSchemeStatusIds[i] == id) return static_cast<SchemeStatus>(i);
    return std::nullopt;
}

std::string_view source_quality_id(SourceQuality quality) {
    return id_at(kSourceQualityIds, static_cast<std::size_t>(quality));
}

std::optional<SourceQuality> source_quality_from_id(std::string_view id) {
    for (std::size_t i = 0; i < kSourceQualityIds.size(); ++i)
        if (kSourceQualityIds[i] == id) return static_cast<SourceQuality>(i);
    return std::nullopt;
}

}  // namespace returnloop
