// The kiosk's HTTP(S) calls to the hub: the enrolment credential file and JSON POST/GET over cpp-httplib. HTTPS
// verifies the hub's certificate (against --hub-ca when given, else the system's CAs) and refuses an unknown one;
// plain http:// is accepted only for a hub on loopback.
#pragma once

#include <string>

#include "common/status.hpp"
#include "backend/voucher_code.hpp"

namespace returnloop::kiosk {

struct HubCredential {
    std::string hub;         // base URL
    std::string token;       // the machine's bearer credential
    int store = 0;
    int machine = 0;
    VoucherKey voucher_key;  // issued (or adopted) by the hub at enrolment
};

Result<HubCredential> read_hub_credential(const std::string& path);
Status write_hub_credential(const std::string& path, const HubCredential& credential);  // mode 0600, atomic

struct HubResponse {
    int status = 0;
    std::string body;
};

class HubClient {
public:
    // Refuses a malformed URL or plain HTTP to a host that is not loopback.
    static Result<HubClient> make(const std::string& url, const std::string& ca_file, const std::string& token);
    Result<HubResponse> post(const std::string& path, const std::string& json) const;
    Result<HubResponse> get(const std::string& path) const;

private:
    std::string url_, ca_file_, token_;
};

// `returnloop-kiosk enroll`: trades a one-time code for the machine's credential and the store's voucher key.
// Writes the credential file and, when key_file is not empty, the voucher key file the settings' keyFile can name.
int enroll_command(const std::string& hub, const std::string& code, const std::string& credential_file,
                   const std::string& key_file, const std::string& ca_file);

}  // namespace returnloop::kiosk
