// Who is calling: a machine or a till holding the credential it got at enrolment, or a person with a login session.
// Bearer tokens are 32 random bytes; only their SHA-256 is stored, so a database leak does not leak credentials.
// People's passwords are argon2id hashes (the kiosk's own libsodium wrapper). Scope: an operator sees everything,
// a retailer user its retailer's stores, a store user its store, a device only itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db.hpp"

namespace returnloop::hub {

struct Caller {
    enum class Kind { machine, till, person } kind = Kind::person;
    std::int64_t machine_id = 0;   // machines
    std::int64_t till_id = 0;      // tills
    std::string till_name;
    std::int64_t user_id = 0;      // people
    std::string role;              // people: operator, retailer, store
    std::int64_t store_id = 0;     // devices and store users
    int store_number = 0;
    int machine_number = 0;
    std::int64_t retailer_id = 0;  // everyone but operators
};

std::string new_token(std::string_view prefix);  // prefix + 64 hex digits
std::string token_hash(std::string_view token);

// The caller a bearer token belongs to, or nullopt when it is unknown, revoked or expired.
std::optional<Caller> caller_for_token(Connection& db, const std::string& token);

struct Enrolment {
    std::string kind;        // "machine" or "till"
    std::string credential;  // the device's bearer token (shown once)
    int store = 0;
    int machine = 0;
    std::string till;
    std::string voucher_key_hex;  // machines: the store key the kiosk signs vouchers and uploads with
};
// Consumes a one-time code (atomically: two devices racing for one code cannot both enrol).
std::optional<Enrolment> redeem_enrolment_code(Connection& db, const std::string& code);

// Creates (if needed) the retailer, store and machine or till, and returns a fresh one-time code valid for a day.
std::string make_machine_enrolment(Connection& db, const std::string& retailer, int store, int machine,
                                   const std::optional<std::string>& voucher_key_hex);
std::string make_till_enrolment(Connection& db, const std::string& retailer, int store, const std::string& till);

void add_user(Connection& db, const std::string& email, const std::string& password, const std::string& role,
              const std::optional<std::string>& retailer, std::optional<int> store);

struct Login {
    std::string token;
    std::string role;
};
std::optional<Login> log_in(Connection& db, const std::string& email, const std::string& password);

}  // namespace returnloop::hub
