// Verifying and storing upload batches (see ingest.hpp).
#include "ingest.hpp"

#include <nlohmann/json.hpp>

#include "backend/hub_records.hpp"
#include "backend/voucher_code.hpp"
#include "pg_array.hpp"

namespace returnloop::hub {
namespace {

using Json = nlohmann::json;
namespace kiosk = returnloop::kiosk;

// Rows derived from verified records, written with one statement per table (arrays through unnest) so a batch of
// a thousand items costs a few round trips, not a thousand.
struct Derived {
    PgArray rec_seq, rec_kind, rec_payload, rec_mac;
    PgArray it_seq, it_ledger, it_session, it_gtin, it_refund, it_deposit, it_fee, it_currency, it_scheme, it_ms, it_date;
};


// Checks a verified record's payload has the fields its kind needs; returns the reason when not.
std::optional<std::string> add_item(Derived& d, std::int64_t seq, const Json& p) {
    const std::string date = p.at("scannedDate").get<std::string>();
    if (!returnloop::parse_date(date)) return "scannedDate is not a date";
    const std::string currency = p.at("currency").get<std::string>();
    if (currency.size() != 3) return "currency is not an ISO 4217 code";
    d.it_seq.add(seq);
    d.it_ledger.add(p.at("id").get<std::int64_t>());
    d.it_session.add(p.at("session").get<std::int64_t>());
    d.it_gtin.add(p.at("gtin").get<std::string>());
    d.it_refund.add(p.at("refundMinor").get<std::int64_t>());
    d.it_deposit.add(p.at("depositMinor").get<std::int64_t>());
    d.it_fee.add(p.at("handlingFeeMicros").get<std::int64_t>());
    d.it_currency.add(currency);
    d.it_scheme.add(p.at("scheme").get<std::string>());
    d.it_ms.add(p.at("scannedMs").get<std::int64_t>());
    d.it_date.add(date);
    return std::nullopt;
}

// A voucher (printed or digital) becomes, or reconciles, its voucher row; donations are kept as records only.
std::optional<std::string> apply_payout(Connection& db, std::int64_t machine_id, const Json& p) {
    if (p.at("code128").get<std::string>().empty()) return std::nullopt;
    auto code = kiosk::parse_voucher_code(p.at("code128").get<std::string>());
    if (!code) return "code128 is not a voucher code";
    const std::string expires = p.at("expires").get<std::string>();
    db.query(
        "INSERT INTO vouchers(machine_id, issued_date, seq_short, voucher_seq, amount_minor, currency, expires_date, status, uploaded) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, 'issued', true) "
        "ON CONFLICT (machine_id, issued_date, seq_short) DO UPDATE SET voucher_seq = EXCLUDED.voucher_seq, "
        "expires_date = EXCLUDED.expires_date, uploaded = true",
        {std::to_string(machine_id), format_date(code->id.date), std::to_string(code->id.seq),
         std::to_string(p.at("voucherSeq").get<std::int64_t>()), std::to_string(p.at("amountMinor").get<std::int64_t>()),
         p.at("currency").get<std::string>(), expires.empty() ? Param() : Param(expires)});
    return std::nullopt;
}

// A voucher the kiosk redeemed at its own till. If a hub till redeemed it first, both are kept and an event says so.
std::optional<std::string> apply_redemption(Connection& db, std::int64_t machine_id, const Json& p) {
    const std::int64_t voucher_seq = p.at("voucherSeq").get<std::int64_t>();
    Rows updated = db.query(
        "UPDATE vouchers SET status = 'redeemed', redeemed_at = to_timestamp($3::bigint / 1000.0), redeemed_via = $4 "
        "WHERE machine_id = $1 AND voucher_seq = $2 AND status = 'issued' RETURNING id",
        {std::to_string(machine_id), std::to_string(voucher_seq), std::to_string(p.at("redeemedMs").get<std::int64_t>()),
         p.at("via").get<std::string>()});
    if (!updated.empty()) {
        db.query("INSERT INTO redemptions(voucher_id, verified_by) VALUES ($1, 'kiosk') ON CONFLICT DO NOTHING",
                 {updated.text(0, 0)});
    } else {
        db.query("INSERT INTO events(kind, machine_id, detail) VALUES ('double_redemption', $1, jsonb_build_object('voucherSeq', $2::bigint))",
                 {std::to_string(machine_id), std::to_string(voucher_seq)});
    }
    return std::nullopt;
}

void write_derived(Connection& db, std::int64_t machine_id, const Derived& d) {
    const std::string m = std::to_string(machine_id);
    if (!d.rec_seq.empty()) {
        db.query("INSERT INTO records(machine_id, seq, kind, payload, mac) "
                 "SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[])",
                 {m, d.rec_seq.text(), d.rec_kind.text(), d.rec_payload.text(), d.rec_mac.text()});
    }
    if (!d.it_seq.empty()) {
        db.query("INSERT INTO items(machine_id, seq, ledger_id, session_id, gtin, refund_minor, deposit_minor, handling_fee_micros, "
                 "currency, scheme, scanned_ms, scanned_date) SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], "
                 "$5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::text[], $10::text[], $11::bigint[], $12::date[])",
                 {m, d.it_seq.text(), d.it_ledger.text(), d.it_session.text(), d.it_gtin.text(), d.it_refund.text(),
                  d.it_deposit.text(), d.it_fee.text(), d.it_currency.text(), d.it_scheme.text(), d.it_ms.text(), d.it_date.text()});
    }
}

}  // namespace

IngestResult ingest_batch(Connection& db, std::int64_t machine_id, const UploadBatch& batch) {
    IngestResult result;
    Transaction tx(db);
    Rows machine = db.query(
        "SELECT m.acked_seq, m.last_mac, encode(s.voucher_key, 'hex') FROM machines m JOIN stores s ON s.id = m.store_id "
        "WHERE m.id = $1 FOR UPDATE OF m",
        {std::to_string(machine_id)});
    if (machine.empty()) throw DbError("the machine is not enrolled", "");
    std::int64_t acked = machine.integer(0, 0);
    std::string previous_mac = machine.text(0, 1);
    auto voucher_key = kiosk::parse_voucher_key(machine.text(0, 2));
    if (!voucher_key) throw DbError("the store's voucher key is damaged", "");
    const kiosk::UploadKey key = kiosk::upload_key(*voucher_key);

    Derived derived;
    for (std::size_t i = 0; i < batch.records.size(); ++i) {
        const UploadRecord& r = batch.records[i];
        const std::string field = "records[seq=" + std::to_string(r.seq) + "]";
        if (r.seq <= acked) {
            Rows stored = db.query("SELECT kind, payload, mac FROM records WHERE machine_id = $1 AND seq = $2",
                                   {std::to_string(machine_id), std::to_string(r.seq)});
            if (!stored.empty() && stored.text(0, 0) == r.kind && stored.text(0, 1) == r.payload && stored.text(0, 2) == r.mac) {
                ++result.duplicates;
                continue;
            }
            result.refused = InputError{field, "differs from the record already stored under this seq (replayed or altered)"};
            result.refusal_kind = "conflict";
            break;
        }
        if (r.seq > acked + 1) {
            result.held_back = static_cast<std::int64_t>(batch.records.size() - i);
            break;
        }
        if (!kiosk::upload_record_matches(key, batch.store, batch.machine, r.seq, r.kind, r.payload, previous_mac, r.mac)) {
            result.refused = InputError{field + ".mac", "does not match the record and the chain (tampered, or signed with another key)"};
            result.refusal_kind = "bad_mac";
            break;
        }
        std::optional<std::string> problem;
        try {
            const Json p = Json::parse(r.payload);
            if (r.kind == "item") problem = add_item(derived, r.seq, p);
            else if (r.kind == "payout") problem = apply_payout(db, machine_id, p);
            else if (r.kind == "redemption") problem = apply_redemption(db, machine_id, p);
        } catch (const Json::exception& e) {
            problem = std::string("a field is missing or of the wrong type (") + e.what() + ")";
        }
        if (problem) {
            result.refused = InputError{field + ".payload", *problem};
            result.refusal_kind = "bad_payload";
            break;
        }
        derived.rec_seq.add(r.seq);
        derived.rec_kind.add(r.kind);
        derived.rec_payload.add(r.payload);
        derived.rec_mac.add(r.mac);
        acked = r.seq;
        previous_mac = r.mac;
        ++result.stored;
    }
    write_derived(db, machine_id, derived);
    db.query("UPDATE machines SET acked_seq = $2, last_mac = $3, last_seen = now() WHERE id = $1",
             {std::to_string(machine_id), std::to_string(acked), previous_mac});
    tx.commit();
    result.acked = acked;
    return result;
}

}  // namespace returnloop::hub
