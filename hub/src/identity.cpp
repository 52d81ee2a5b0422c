// Credentials, enrolment codes, people and sessions (see identity.hpp).
#include "identity.hpp"

#include <sodium.h>

#include <stdexcept>

#include "backend/crypto.hpp"

namespace returnloop::hub {
namespace {

namespace kiosk = returnloop::kiosk;

std::int64_t ensure_store(Connection& db, const std::string& retailer, int store, const std::optional<std::string>& key_hex) {
    db.query("INSERT INTO retailers(name) VALUES ($1) ON CONFLICT (name) DO NOTHING", {retailer});
    Rows existing = db.query("SELECT s.id, r.name FROM stores s JOIN retailers r ON r.id = s.retailer_id WHERE s.number = $1",
                             {std::to_string(store)});
    if (!existing.empty()) {
        if (existing.text(0, 1) != retailer) {
            throw std::invalid_argument("store " + std::to_string(store) + " belongs to retailer " + existing.text(0, 1));
        }
        if (key_hex) {
            Rows same = db.query("SELECT encode(voucher_key, 'hex') = lower($2) FROM stores WHERE id = $1",
                                 {existing.text(0, 0), *key_hex});
            if (!same.boolean(0, 0)) throw std::invalid_argument("store " + std::to_string(store) + " already has another voucher key");
        }
        return existing.integer(0, 0);
    }
    // A new store gets a new random key unless an existing kiosk's key is imported.
    std::string key = key_hex ? *key_hex : new_token("");
    Rows created = db.query(
        "INSERT INTO stores(retailer_id, number, name, voucher_key) SELECT id, $2, $3, decode($4, 'hex') FROM retailers WHERE name = $1 "
        "RETURNING id",
        {retailer, std::to_string(store), "Store " + std::to_string(store), key});
    return created.integer(0, 0);
}

std::string issue_code(Connection& db, const char* column, const std::string& id) {
    // Ten groups of 4 characters would be safer but longer to type; 20 hex digits (80 bits) valid for a day suffice.
    std::string code = new_token("").substr(0, 20);
    db.query(std::string("INSERT INTO enrolment_codes(code_hash, ") + column + ", expires_at) VALUES ($1, $2, now() + interval '1 day')",
             {token_hash(code), id});
    return code;
}

}  // namespace

std::string new_token(std::string_view prefix) {
    kiosk::ensure_sodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return std::string(prefix) + kiosk::to_hex(bytes, sizeof bytes);
}

std::string token_hash(std::string_view token) { return kiosk::sha256_hex(token); }

std::optional<Caller> caller_for_token(Connection& db, const std::string& token) {
    if (token.empty() || token.size() > 200) return std::nullopt;
    const std::string hash = token_hash(token);
    Rows device = db.query(
        "SELECT c.machine_id, c.till_id, t.name, s.id, s.number, m.number, s.retailer_id "
        "FROM credentials c LEFT JOIN machines m ON m.id = c.machine_id LEFT JOIN tills t ON t.id = c.till_id "
        "JOIN stores s ON s.id = COALESCE(m.store_id, t.store_id) WHERE c.token_hash = $1 AND c.revoked_at IS NULL",
        {hash});
    if (!device.empty()) {
        Caller c;
        c.kind = device.is_null(0, 0) ? Caller::Kind::till : Caller::Kind::machine;
        c.machine_id = device.is_null(0, 0) ? 0 : device.integer(0, 0);
        c.till_id = device.is_null(0, 1) ? 0 : device.integer(0, 1);
        c.till_name = device.text(0, 2);
        c.store_id = device.integer(0, 3);
        c.store_number = static_cast<int>(device.integer(0, 4));
        c.machine_number = device.is_null(0, 5) ? 0 : static_cast<int>(device.integer(0, 5));
        c.retailer_id = device.integer(0, 6);
        return c;
    }
    Rows person = db.query(
        "SELECT u.id, u.role, COALESCE(u.store_id, 0), COALESCE(u.retailer_id, s.retailer_id, 0), COALESCE(s.number, 0) "
        "FROM sessions x JOIN users u ON u.id = x.user_id LEFT JOIN stores s ON s.id = u.store_id "
        "WHERE x.token_hash = $1 AND x.expires_at > now()",
        {hash});
    if (person.empty()) return std::nullopt;
    Caller c;
    c.kind = Caller::Kind::person;
    c.user_id = person.integer(0, 0);
    c.role = person.text(0, 1);
    c.store_id = person.integer(0, 2);
    c.retailer_id = person.integer(0, 3);
    c.store_number = static_cast<int>(person.integer(0, 4));
    return c;
}

std::optional<Enrolment> redeem_enrolment_code(Connection& db, const std::string& code) {
    Transaction tx(db);
    Rows used = db.query(
        "UPDATE enrolment_codes SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() "
        "RETURNING machine_id, till_id",
        {token_hash(code)});
    if (used.empty()) return std::nullopt;
    Enrolment e;
    if (!used.is_null(0, 0)) {
        e.kind = "machine";
        e.credential = new_token("rlm_");
        Rows m = db.query("SELECT s.number, m.number, encode(s.voucher_key, 'hex') FROM machines m JOIN stores s ON s.id = m.store_id "
                          "WHERE m.id = $1",
                          {used.text(0, 0)});
        e.store = static_cast<int>(m.integer(0, 0));
        e.machine = static_cast<int>(m.integer(0, 1));
        e.voucher_key_hex = m.text(0, 2);
        // A re-enrolled machine's older credentials stop working.
        db.query("UPDATE credentials SET revoked_at = now() WHERE machine_id = $1 AND revoked_at IS NULL", {used.text(0, 0)});
        db.query("INSERT INTO credentials(token_hash, machine_id) VALUES ($1, $2)", {token_hash(e.credential), used.text(0, 0)});
    } else {
        e.kind = "till";
        e.credential = new_token("rlt_");
        Rows t = db.query("SELECT s.number, t.name FROM tills t JOIN stores s ON s.id = t.store_id WHERE t.id = $1", {used.text(0, 1)});
        e.store = static_cast<int>(t.integer(0, 0));
        e.till = t.text(0, 1);
        db.query("UPDATE credentials SET revoked_at = now() WHERE till_id = $1 AND revoked_at IS NULL", {used.text(0, 1)});
        db.query("INSERT INTO credentials(token_hash, till_id) VALUES ($1, $2)", {token_hash(e.credential), used.text(0, 1)});
    }
    db.query("INSERT INTO events(kind, machine_id, till_id, detail) VALUES ('enrolled', $1, $2, '{}')",
             {used.is_null(0, 0) ? Param() : Param(used.text(0, 0)), used.is_null(0, 1) ? Param() : Param(used.text(0, 1))});
    tx.commit();
    return e;
}

std::string make_machine_enrolment(Connection& db, const std::string& retailer, int store, int machine,
                                   const std::optional<std::string>& voucher_key_hex) {
    Transaction tx(db);
    const std::int64_t store_id = ensure_store(db, retailer, store, voucher_key_hex);
    Rows m = db.query("INSERT INTO machines(store_id, number) VALUES ($1, $2) ON CONFLICT (store_id, number) DO UPDATE SET number = EXCLUDED.number "
                      "RETURNING id",
                      {std::to_string(store_id), std::to_string(machine)});
    std::string code = issue_code(db, "machine_id", m.text(0, 0));
    tx.commit();
    return code;
}

std::string make_till_enrolment(Connection& db, const std::string& retailer, int store, const std::string& till) {
    Transaction tx(db);
    const std::int64_t store_id = ensure_store(db, retailer, store, std::nullopt);
    Rows t = db.query("INSERT INTO tills(store_id, name) VALUES ($1, $2) ON CONFLICT (store_id, name) DO UPDATE SET name = EXCLUDED.name "
                      "RETURNING id",
                      {std::to_string(store_id), till});
    std::string code = issue_code(db, "till_id", t.text(0, 0));
    tx.commit();
    return code;
}

void add_user(Connection& db, const std::string& email, const std::string& password, const std::string& role,
              const std::optional<std::string>& retailer, std::optional<int> store) {
    if (password.size() < 10) throw std::invalid_argument("the password must have at least 10 characters");
    const std::string hash = kiosk::hash_pin(password);
    if (hash.empty()) throw std::runtime_error("argon2id hashing ran out of memory");
    db.query("INSERT INTO users(email, password_hash, role, retailer_id, store_id) VALUES ($1, $2, $3, "
             "(SELECT id FROM retailers WHERE name = $4), (SELECT id FROM stores WHERE number = $5::integer))",
             {email, hash, role, retailer ? Param(*retailer) : Param(), store ? Param(std::to_string(*store)) : Param()});
}

std::optional<Login> log_in(Connection& db, const std::string& email, const std::string& password) {
    Rows user = db.query("SELECT id, password_hash, role FROM users WHERE email = $1", {email});
    // An unknown email costs the same argon2id time as a wrong password, so timing does not reveal accounts.
    static const std::string dummy = kiosk::hash_pin("not a real password");
    const std::string hash = user.empty() ? dummy : user.text(0, 1);
    if (!kiosk::pin_matches(hash, password) || user.empty()) return std::nullopt;
    Login login{new_token("rls_"), user.text(0, 2)};
    db.query("INSERT INTO sessions(token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '12 hours')",
             {token_hash(login.token), user.text(0, 0)});
    return login;
}

}  // namespace returnloop::hub
