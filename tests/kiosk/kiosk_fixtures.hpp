// Shared fixtures for the kiosk suites: temporary folders, the German scheme and the sample register from
// assets/, a settings file with a test key and PIN, fixed dates, and zbarimg as the external barcode reader.
#pragma once

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "backend/backend.hpp"
#include "backend/clock.hpp"
#include "backend/receipt_content.hpp"
#include "backend/crypto.hpp"
#include "backend/settings.hpp"
#include "returnloop/catalog.hpp"

namespace kiosk_test {

namespace fs = std::filesystem;
using namespace returnloop;
using namespace returnloop::kiosk;

// The tests' own voucher key; never a store's.
inline const char* const kTestKeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
inline const char* const kTestPin = "246810";

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "rl-kiosk-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ignored);
        fs::remove_all(path, ignored);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

inline void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    REQUIRE(out.good());
    out << text;
}

inline std::string asset(const std::string& relative) { return std::string(RETURNLOOP_ASSETS_DIR) + "/" + relative; }

// argon2id is deliberately slow; one hash serves every test.
inline const std::string& test_pin_hash() {
    static const std::string hash = hash_pin(kTestPin);
    return hash;
}

struct ConfigOptions {
    std::string scheme = asset("schemes/de.json");
    std::string currency = "EUR";
    int session_items = 300;
    int session_value = 5000;
    long long daily_value = 0;
    int duplicate_ms = 2000;
    bool donation = true;
    std::string printer;  // "" = none
    int expiry_days = 90;
    bool accept_ean13 = true;  // the suites redeem bare EAN-13s; a store's default is off
    std::string keys;     // raw JSON voucher-key members; "" = the inline test key
    std::string extra;    // raw JSON members appended at the top level
};

inline std::string config_json(const ConfigOptions& o = {}) {
    std::string json = "{\n"
                       "  \"configVersion\": 1,\n"
                       "  \"storeId\": \"0421\",\n"
                       "  \"machineId\": 1,\n"
                       "  \"scheme\": \"" + o.scheme + "\",\n"
                       "  \"currency\": \"" + o.currency + "\",\n"
                       "  \"limits\": {\"sessionItems\": " + std::to_string(o.session_items) +
                       ", \"sessionValueMinor\": " + std::to_string(o.session_value) +
                       ", \"dailyValueMinor\": " + std::to_string(o.daily_value) +
                       ", \"duplicateWindowMs\": " + std::to_string(o.duplicate_ms) + "},\n";
    if (o.donation) json += "  \"donation\": {\"charity\": \"Sample charity\"},\n";
    json += "  \"voucher\": {\"expiryDays\": " + std::to_string(o.expiry_days) + ", \"ean13Prefix\": \"29\", \"acceptEan13\": " +
            (o.accept_ean13 ? "true, " : "false, ") + (o.keys.empty() ? "\"keyHex\": \"" + std::string(kTestKeyHex) + "\"" : o.keys) + "},\n";
    if (!o.printer.empty()) json += "  \"printer\": {\"target\": \"" + o.printer + "\", \"widthDots\": 576},\n";
    json += o.extra;
    json += "  \"adminPinHash\": \"" + test_pin_hash() + "\",\n"
            "  \"idleTimeoutSeconds\": 60\n"
            "}\n";
    return json;
}

inline KioskSettings settings_from(const std::string& json, const std::string& folder = ".") {
    SettingsParse parsed = parse_settings(json, folder, disk_reader(), SettingsPolicy{true});  // the inline test key
    for (const Error& e : parsed.errors) MESSAGE(e.path << ": " << e.message);
    REQUIRE(parsed.settings.has_value());
    return std::move(*parsed.settings);
}

inline Catalog sample_catalog() {
    CatalogParse parsed = parse_catalog(read_text(asset("catalog/sample.csv")));
    REQUIRE(parsed.catalog.has_value());
    return std::move(*parsed.catalog);
}

inline KioskTime day(int year, int month, int dom, int hour = 12, int minute = 0) {
    return time_at(date_from_ymd(year, month, dom), hour, minute);
}

inline KioskTime later(KioskTime t, std::int64_t ms) {
    t.unix_ms += ms;
    return t;
}

// A backend in a temporary folder: settings file, ledger and voucher folder side by side.
struct Machine {
    TempDir dir;
    std::string config_path = dir.file("kiosk.json");
    std::string ledger_path = dir.file("ledger.sqlite");
    std::string vouchers = dir.file("vouchers");
    std::unique_ptr<KioskBackend> backend;

    explicit Machine(const ConfigOptions& options = {}) {
        fs::create_directory(vouchers);
        write_text(config_path, config_json(options));
        start();
    }
    void start() {
        Result<std::unique_ptr<KioskBackend>> opened =
            KioskBackend::open(settings_from(read_text(config_path), dir.path.string()), sample_catalog(),
                               BackendPaths{config_path, ledger_path, vouchers, SettingsPolicy{true}, {}});
        if (!opened) MESSAGE(opened.error().message);
        REQUIRE(opened.ok());
        backend = std::move(opened).value();
    }
    // A power cut: the process state is gone, the files stay.
    void crash_and_restart() {
        backend.reset();
        start();
    }
};

// zbarimg's decoded texts, one per symbol found (empty when it finds none).
inline std::vector<std::string> zbar_decode(const std::string& png) {
    const std::string command = std::string(ZBARIMG) + " -q --nodbus --raw '" + png + "' 2>/dev/null";
    std::FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
    ::pclose(pipe);
    std::vector<std::string> lines;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

}  // namespace kiosk_test

namespace kiosk_test {

// Makes a file unwritable even for root (chmod, then the immutable attribute); false when the system allows neither.
inline bool make_read_only(const std::string& path) {
    fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    if (::access(path.c_str(), W_OK) != 0) return true;
    const std::string command = "chattr +i '" + path + "' 2>/dev/null";
    if (std::system(command.c_str()) == 0 && ::access(path.c_str(), W_OK) != 0) return true;
    return false;
}

inline void make_writable(const std::string& path) {
    const std::string command = "chattr -i '" + path + "' 2>/dev/null";
    (void)std::system(command.c_str());
    std::error_code ignored;
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add, ignored);
}

// Runs one SQL statement on a ledger file through a separate connection, as a tamperer (or a checker) would.
inline std::string sql_value(const std::string& ledger, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(ledger.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    std::string value;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
        value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

}  // namespace kiosk_test
