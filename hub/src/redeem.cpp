// Till redemption against the shared database (see redeem.hpp).
#include "redeem.hpp"

#include "backend/voucher_code.hpp"

namespace returnloop::hub {
namespace {

namespace kiosk = returnloop::kiosk;

RedeemAnswer answer(std::string result, std::string message) {
    RedeemAnswer a;
    a.result = std::move(result);
    a.message = std::move(message);
    return a;
}

// Fills `a` with who redeemed the voucher and when.
void describe_redemption(Connection& db, std::int64_t voucher_id, RedeemAnswer& a) {
    Rows r = db.query(
        "SELECT to_char(v.redeemed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
        "COALESCE(t.name, 'kiosk:' || v.redeemed_via, '') FROM vouchers v LEFT JOIN tills t ON t.id = v.redeemed_till_id WHERE v.id = $1",
        {std::to_string(voucher_id)});
    if (r.empty()) return;
    a.redeemed_at = r.text(0, 0);
    a.redeemed_by = r.text(0, 1);
}

}  // namespace

RedeemAnswer redeem_at_till(Connection& db, const Caller& till, const std::string& code_text) {
    auto code = kiosk::parse_voucher_code(code_text);
    if (!code) return answer("malformed", code.error().message);
    if (code->form == kiosk::VoucherForm::ean13) {
        return answer("unknown", "an EAN-13 voucher carries no tag and no store: scan the Code 128 or QR code");
    }
    const kiosk::VoucherId& id = code->id;
    // Every key of the store: the enrolment key and those its machines announced when they rotated (space-separated).
    Rows store = db.query("SELECT s.id, s.retailer_id, encode(s.voucher_key, 'hex') || COALESCE((SELECT string_agg(' ' || "
                          "  encode(k.voucher_key, 'hex'), '') FROM store_keys k WHERE k.store_id = s.id), ''), s.voucher_expiry_days, m.id "
                          "FROM stores s LEFT JOIN machines m ON m.store_id = s.id AND m.number = $2 WHERE s.number = $1",
                          {std::to_string(id.store), std::to_string(id.machine)});
    if (store.empty() || store.is_null(0, 4)) return answer("unknown", "no enrolled machine issues vouchers with this store and machine number");
    if (store.integer(0, 1) != till.retailer_id) return answer("wrong_retailer", "this voucher was issued by another retailer");
    bool tag_verified = false;
    const std::string keys = store.text(0, 2);
    for (std::size_t at = 0; at < keys.size() && !tag_verified; at += 65) {
        auto key = kiosk::parse_voucher_key(std::string_view(keys).substr(at, 64));
        tag_verified = key && kiosk::verify_tag(*code, *key);
    }
    if (!tag_verified) return answer("bad_tag", "the voucher's tag does not match: it was altered or forged");

    const std::string machine_id = store.text(0, 4);
    const std::string issued = format_date(id.date);
    const std::string seq_short = std::to_string(id.seq);
    Transaction tx(db);
    // The voucher as its tag proves it, in case its payout record has not arrived yet.
    db.query("INSERT INTO vouchers(machine_id, issued_date, seq_short, amount_minor, currency, expires_date, status) "
             "VALUES ($1, $2, $3, $4, $5, $2::date + $6::integer, 'issued') ON CONFLICT (machine_id, issued_date, seq_short) DO NOTHING",
             {machine_id, issued, seq_short, std::to_string(id.amount.minor), std::string(currency_code(id.amount.currency)),
              store.text(0, 3)});
    Rows voucher = db.query("SELECT id, status, expires_date < current_date, amount_minor, currency FROM vouchers "
                            "WHERE machine_id = $1 AND issued_date = $2 AND seq_short = $3",
                            {machine_id, issued, seq_short});
    RedeemAnswer a;
    a.store = id.store;
    a.machine = id.machine;
    a.amount_minor = voucher.integer(0, 3);
    a.currency = voucher.text(0, 4);
    const std::string voucher_id = voucher.text(0, 0);
    if (voucher.text(0, 1) == "issued" && voucher.boolean(0, 2)) {
        tx.commit();
        a.result = "expired";
        a.message = "the voucher expired";
        return a;
    }
    Rows won = db.query("UPDATE vouchers SET status = 'redeemed', redeemed_at = now(), redeemed_till_id = $2 "
                        "WHERE id = $1 AND status = 'issued' RETURNING uploaded",
                        {voucher_id, std::to_string(till.till_id)});
    if (!won.empty()) {
        db.query("INSERT INTO redemptions(voucher_id, till_id, verified_by) VALUES ($1, $2, $3)",
                 {voucher_id, std::to_string(till.till_id), won.boolean(0, 0) ? "record" : "tag"});
        a.result = "redeemed";
        a.message = "pay out the voucher";
    } else {
        a.result = "already_redeemed";
        a.message = "this voucher was already redeemed";
    }
    describe_redemption(db, std::stoll(voucher_id), a);
    tx.commit();
    return a;
}

}  // namespace returnloop::hub
