// The product register's lookups: GTIN key -> product through the hash index, and rows in file order.
// Loading lives in catalog_load.cpp.
#include "returnloop/catalog.hpp"

#include "catalog_impl.hpp"

namespace returnloop {

Catalog::Catalog() : impl_(new Impl) {}
Catalog::Catalog(Catalog&& other) noexcept : impl_(other.impl_) { other.impl_ = nullptr; }
Catalog& Catalog::operator=(Catalog&& other) noexcept {
    if (this != &other) {
        delete impl_;
        impl_ = other.impl_;
        other.impl_ = nullptr;
    }
    return *this;
}
Catalog::~Catalog() { delete impl_; }

// A moved-from catalog answers like an empty one instead of crashing.
std::size_t Catalog::size() const { return impl_ ? impl_->rows.size() : 0; }

std::optional<ProductView> Catalog::find(const Gtin& gtin) const { return find(gtin.key()); }

std::optional<ProductView> Catalog::find(std::uint64_t gtin_key) const {
    if (!impl_) return std::nullopt;
    const Impl& impl = *impl_;
    const auto row = impl.index.find(gtin_key, [&impl](std::uint32_t r) { return impl.key(r); });
    if (!row) return std::nullopt;
    return impl.view(*row);
}

// Out of range gives an empty product (key 0, no name) rather than undefined behaviour: callers index
// from size(), and a stale index after a reload must not crash the kiosk.
ProductView Catalog::at(std::size_t index) const {
    if (!impl_ || index >= impl_->rows.size()) return ProductView{};
    return impl_->view(index);
}

}  // namespace returnloop
