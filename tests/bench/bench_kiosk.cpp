// The kiosk back end's costs: durable item commits (one fsync'ed SQLite transaction per accepted container),
// rendering a voucher receipt to PNG, and restoring an open session when the kiosk starts after a crash.
// Targets from the kiosk issue, reported by scripts/bench, never asserted: >= 1,000 durable commits per second,
// voucher PNG <= 20 ms, restore <= 50 ms.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "backend/backend.hpp"
#include "backend/crypto.hpp"
#include "backend/receipt.hpp"
#include "backend/receipt_content.hpp"

namespace {

namespace fs = std::filesystem;
using namespace returnloop;
using namespace returnloop::kiosk;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

struct BenchDir {
    fs::path path;
    explicit BenchDir(const fs::path& base = fs::temp_directory_path()) {
        std::string pattern = (base / "rl-bench-kiosk-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) std::abort();
        path = pattern;
        fs::create_directory(path / "vouchers");
    }
    ~BenchDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

const std::string& pin_hash() {
    static const std::string hash = hash_pin("246810");
    return hash;
}

KioskSettings bench_settings() {
    const std::string json =
        "{\"configVersion\": 1, \"storeId\": \"0421\", \"machineId\": 1, \"scheme\": \"" RETURNLOOP_ASSETS_DIR
        "/schemes/de.json\", \"currency\": \"EUR\", \"limits\": {\"sessionItems\": 10000, \"sessionValueMinor\": 99999, "
        "\"duplicateWindowMs\": 0}, \"donation\": {\"charity\": \"Sample charity\"}, \"voucher\": {\"expiryDays\": 90, "
        "\"keyHex\": \"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\"}, \"adminPinHash\": \"" +
        pin_hash() + "\"}";
    SettingsParse parsed = parse_settings(json, ".", disk_reader(), SettingsPolicy{true});
    if (!parsed.settings) std::abort();
    return std::move(*parsed.settings);
}

Catalog bench_catalog() {
    CatalogParse parsed = parse_catalog(slurp(RETURNLOOP_ASSETS_DIR "/catalog/sample.csv"));
    if (!parsed.catalog) std::abort();
    return std::move(*parsed.catalog);
}

std::unique_ptr<KioskBackend> open_backend(const BenchDir& dir) {
    Result<std::unique_ptr<KioskBackend>> backend = KioskBackend::open(
        bench_settings(), bench_catalog(),
        BackendPaths{"", (dir.path / "ledger.sqlite").string(), (dir.path / "vouchers").string()});
    if (!backend) std::abort();
    return std::move(backend).value();
}

KioskTime at(std::int64_t ms) {
    KioskTime t = time_at(date_from_ymd(2025, 3, 14));
    t.unix_ms += ms;
    return t;
}

// The ledger alone: one INSERT per transaction, COMMIT fsync'ed (WAL, synchronous=FULL). Arg 0: the temporary
// folder (a real disk: the time is mostly the fsync's); arg 1: /dev/shm, where fsync costs nothing, which leaves
// the software's own cost per commit (SQLite, the record signature) - not durable, for comparison only.
void BM_LedgerDurableItemCommit(benchmark::State& state) {
    if (state.range(0) == 1 && !fs::is_directory("/dev/shm")) {
        state.SkipWithError("no /dev/shm");
        return;
    }
    BenchDir dir(state.range(0) == 1 ? fs::path("/dev/shm") : fs::temp_directory_path());
    auto ledger = Ledger::open((dir.path / "ledger.sqlite").string(), bench_settings().keys, LedgerOptions{421, 1, true}).value();
    NewItem item;
    item.currency = Currency::EUR;
    item.scheme_id = "de";
    item.item.gtin14 = "09520000000011";
    item.item.refund = Money{25, Currency::EUR};
    item.item.deposit = Money{25, Currency::EUR};
    item.rule_id = "einweg-plastic-2024";
    item.date = date_from_ymd(2025, 3, 14);
    for (auto _ : state) {
        ++item.item.scanned_at_ms;
        Result<AppendedItem> appended = ledger->append_item(item);
        if (!appended) {
            state.SkipWithError(appended.error().message.c_str());
            break;
        }
        item.session_id = appended->session_id;
    }
    state.counters["commits_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LedgerDurableItemCommit)->Arg(0)->Arg(1)->ArgNames({"disk0_shm1"})->UseRealTime()->MinTime(2.0);

// What a shopper's container costs end to end: the core's decision, then the durable commit.
void BM_BackendScanAccepted(benchmark::State& state) {
    BenchDir dir;
    auto backend = open_backend(dir);
    const char* codes[] = {"9520000000011", "9520000000042", "9520000000028", "9520000000080"};
    std::int64_t ms = 0;
    for (auto _ : state) {
        const ScanReport r = backend->scan(codes[ms % 4], at(ms));
        ++ms;
        if (!r.accepted()) {  // the session is full: pay it out, off the clock
            state.PauseTiming();
            if (!backend->finish(PayoutKind::donation, at(ms)).ok()) std::abort();
            state.ResumeTiming();
        }
    }
    state.counters["scans_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BackendScanAccepted)->UseRealTime()->MinTime(2.0);

// A voucher receipt (EAN-13 + Code 128 + text) drawn and encoded as PNG in memory; arg 1 adds the atomic,
// fsync'ed file write the kiosk does.
void BM_VoucherPngRender(benchmark::State& state) {
    BenchDir dir;
    const KioskSettings settings = bench_settings();
    PayoutRecord payout;
    payout.kind = state.range(0) == 2 ? PayoutKind::digital : PayoutKind::voucher;
    payout.session_id = 1;
    payout.amount = Money{1275, Currency::EUR};
    payout.item_count = 51;
    payout.created_ms = at(0).unix_ms;
    payout.created_date = date_from_ymd(2025, 3, 14);
    payout.voucher_seq = 12;
    payout.expires = date_from_ymd(2025, 6, 12);
    const VoucherId id{settings.store, settings.machine, payout.created_date, payout.voucher_seq, payout.amount};
    payout.codes = PayoutCodes{code128_code(id, settings.keys.current()), ean13_code(id, settings.ean13_prefix), qr_code_text(id, settings.keys.current())};
    const std::string path = (dir.path / "voucher.png").string();
    std::size_t bytes = 0;
    for (auto _ : state) {
        Result<std::vector<ReceiptBlock>> blocks = payout_receipt(payout, settings);
        Result<RenderedReceipt> receipt = render_receipt(*blocks, screen_profile());
        if (state.range(0) == 1) {
            if (!write_png(receipt->raster, path).ok()) std::abort();
        } else {
            Result<std::string> png = png_bytes(receipt->raster);
            bytes = png->size();
            benchmark::DoNotOptimize(bytes);
        }
    }
    state.counters["png_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_VoucherPngRender)->Arg(0)->Arg(1)->Arg(2)->ArgNames({"voucher0_file1_qr2"})->Unit(benchmark::kMillisecond)->UseRealTime();

// Start after a crash: open the ledger (10,000 earlier items in paid sessions) and restore an open session of
// state.range(0) items. Settings and catalog are parsed off the clock: they are not part of the restore.
void BM_RestoreOpenSession(benchmark::State& state) {
    BenchDir dir;
    {
        auto backend = open_backend(dir);
        std::int64_t ms = 0;
        for (int session = 0; session < 50; ++session) {
            for (int i = 0; i < 200; ++i) backend->scan("9520000000042", at(ms++));
            backend->finish(PayoutKind::donation, at(ms++));
        }
        for (int i = 0; i < state.range(0); ++i) backend->scan("9520000000011", at(ms++));
    }
    std::size_t restored = 0;
    for (auto _ : state) {
        state.PauseTiming();
        KioskSettings settings = bench_settings();
        Catalog catalog = bench_catalog();
        state.ResumeTiming();
        Result<std::unique_ptr<KioskBackend>> backend = KioskBackend::open(
            std::move(settings), std::move(catalog),
            BackendPaths{"", (dir.path / "ledger.sqlite").string(), (dir.path / "vouchers").string()});
        if (!backend || !(*backend)->restored()) std::abort();
        restored = (*backend)->restored()->items;
        state.PauseTiming();
        backend = Error{"", ""};  // close off the clock
        state.ResumeTiming();
    }
    state.counters["items_restored"] = static_cast<double>(restored);
}
BENCHMARK(BM_RestoreOpenSession)->Arg(20)->Arg(300)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
