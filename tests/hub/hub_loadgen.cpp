// Generates a machine's upload records exactly as a kiosk signs them (the kiosk back end's item_payload,
// payout_payload, code128_code and sign_upload_record), for the hub's tests and benchmark: JSON lines
//   {"seq":1,"kind":"item","payload":"...","mac":"..."}  and, for each voucher, {"voucher":"<40-digit code>", ...}
// Usage: hub_loadgen STORE MACHINE KEY_HEX ITEMS ITEMS_PER_SESSION [FIRST_DATE YYYY-MM-DD]
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "backend/hub_records.hpp"
#include "backend/voucher_code.hpp"

int main(int argc, char** argv) {
    using namespace returnloop;
    using namespace returnloop::kiosk;
    if (argc < 6) {
        std::cerr << "usage: hub_loadgen STORE MACHINE KEY_HEX ITEMS ITEMS_PER_SESSION [FIRST_DATE]\n";
        return 2;
    }
    const int store = std::stoi(argv[1]);
    const int machine = std::stoi(argv[2]);
    Result<VoucherKey> key = parse_voucher_key(argv[3]);
    if (!key) {
        std::cerr << "hub_loadgen: bad key\n";
        return 2;
    }
    const long items = std::stol(argv[4]);
    const int per_session = std::max(1, std::stoi(argv[5]));
    Result<Date> first = parse_date(argc > 6 ? argv[6] : "2026-11-01");
    if (!first) return 2;
    const UploadKey upload = upload_key(*key);
    std::int64_t seq = 0, session = 0, voucher_seq = 0;
    std::string previous;
    auto emit = [&](const char* kind, const std::string& payload) {
        ++seq;
        const std::string mac = sign_upload_record(upload, store, machine, seq, kind, payload, previous);
        previous = mac;
        std::cout << nlohmann::json{{"seq", seq}, {"kind", kind}, {"payload", payload}, {"mac", mac}}.dump() << "\n";
    };
    std::int64_t ms = 1793491200000;  // 2026-11-01T00:00:00Z
    for (long i = 0; i < items;) {
        ++session;
        const Date date = Date{first->days + static_cast<std::int32_t>(session / 500 % 28)};  // spread over days and months
        std::int64_t total = 0;
        int in_session = 0;
        for (; in_session < per_session && i < items; ++in_session, ++i) {
            LedgerItem item;
            item.id = i + 1;
            item.session_id = session;
            item.position = in_session;
            item.gtin14 = "0400638133393" + std::to_string(i % 10);
            item.refund_minor = 25;
            item.deposit_minor = 25;
            item.handling_fee_micros = 2000;
            item.scanned_ms = ms += 1500;
            item.scanned_date = date;
            total += item.refund_minor;
            emit("item", item_payload(item, Currency::EUR, "de"));
        }
        PayoutRecord p;
        p.id = session;
        p.session_id = session;
        p.kind = PayoutKind::voucher;
        p.amount = Money{total, Currency::EUR};
        p.item_count = in_session;
        p.created_ms = ms;
        p.created_date = date;
        p.voucher_seq = ++voucher_seq;
        p.expires = Date{date.days + 3650};
        const VoucherId id{store, machine, date, p.voucher_seq, p.amount};
        p.codes.code128 = code128_code(id, *key);
        p.codes.qr = qr_code_text(id, *key);
        emit("payout", payout_payload(p));
        std::cout << nlohmann::json{{"voucher", p.codes.code128}, {"amountMinor", total}}.dump() << "\n";
    }
    return 0;
}
