// Shared by the benchmark programs (see bench_support.hpp).
#include "bench_support.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <string_view>

#include "returnloop/gtin.hpp"

namespace returnloop::bench {
namespace {

constexpr std::array<std::string_view, 12> kFlavours{
    "Sample",        "Sample classic", "Sample zero sugar", "Sample lemon",    "Sample orange", "Sample apple",
    "Sample cherry", "Sample light",   "Sample sparkling",  "Sample original", "Sample mango",  "Sample ginger"};
constexpr std::array<std::string_view, 10> kProducts{"water", "cola",  "lemonade", "juice",  "lager",
                                                     "ale",   "wine",  "iced tea", "cider", "milk drink"};
constexpr std::array<std::string_view, 10> kMaterials{"pet",   "pet",    "aluminium", "aluminium", "glass",
                                                      "glass", "carton", "hdpe",      "steel",     "other"};
constexpr std::array<std::string_view, 8> kCategories{"water", "soft_drink", "juice",  "beer",
                                                      "wine",  "spirits",    "dairy",  "other"};
constexpr std::array<int, 8> kVolumes{250, 330, 355, 440, 500, 750, 1000, 1500};

std::uint64_t field_bytes(std::string_view status, std::string_view field) {
    const std::size_t at = status.find(field);
    if (at == std::string_view::npos) return 0;
    std::uint64_t kib = 0;
    for (std::size_t i = at + field.size(); i < status.size() && status[i] != '\n'; ++i) {
        if (status[i] >= '0' && status[i] <= '9') kib = kib * 10 + static_cast<std::uint64_t>(status[i] - '0');
    }
    return kib * 1024;
}

std::uint64_t status_field(std::string_view field) {
    const std::optional<std::string> status = read_file("/proc/self/status");
    return status ? field_bytes(*status, field) : 0;
}

}  // namespace

std::string generate_register(std::size_t rows, std::vector<std::uint64_t>* keys) {
    std::string csv = "gtin,name,brand,material,volume_ml,category,refillable,deposit_minor\n";
    csv.reserve(rows * 96 + csv.size());  // exact-ish, so generating does not inflate the peak being measured
    if (keys) keys->reserve(rows);
    std::string body;
    for (std::size_t i = 0; i < rows; ++i) {
        body = std::to_string(952000000000ULL + i);  // 12 digits: prefix 952 + item number
        body += static_cast<char>('0' + gtin_check_digit(body));
        if (keys) keys->push_back(std::stoull(body));
        const int volume = kVolumes[(i / 7) % kVolumes.size()];
        csv += body;
        csv += ',';
        csv += kFlavours[i % kFlavours.size()];
        csv += ' ';
        csv += kProducts[(i / 3) % kProducts.size()];
        csv += ' ';
        csv += std::to_string(volume);
        csv += " mL,Sample brand ";
        csv += std::to_string((i * 7919) % 2000);
        csv += ',';
        csv += kMaterials[(i / 11) % kMaterials.size()];
        csv += ',';
        csv += std::to_string(volume);
        csv += ',';
        csv += kCategories[(i / 5) % kCategories.size()];
        csv += i % 10 == 0 ? ",true," : ",false,";
        if (i % 20 == 0) csv += std::to_string(5 + i % 30);
        csv += '\n';
    }
    return csv;
}

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

std::uint64_t resident_bytes() { return status_field("VmRSS:"); }
std::uint64_t peak_resident_bytes() { return status_field("VmHWM:"); }

bool reset_peak_resident() {
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
    clear.flush();
    return clear.good();
}

}  // namespace returnloop::bench
