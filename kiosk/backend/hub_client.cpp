// HTTP calls to the hub and the credential file (see hub_client.hpp).
#include "backend/hub_client.hpp"

#include <httplib.h>
#include <sys/stat.h>

#include <csignal>
#include <iostream>
#include <nlohmann/json.hpp>

#include "backend/commands.hpp"
#include "common/files.hpp"

namespace returnloop::kiosk {
namespace {

using Json = nlohmann::json;

bool loopback_http(const std::string& url) {
    for (const char* prefix : {"http://127.0.0.1:", "http://127.0.0.1/", "http://localhost:", "http://localhost/", "http://[::1]:"}) {
        if (url.starts_with(prefix)) return true;
    }
    return url == "http://127.0.0.1" || url == "http://localhost";
}

httplib::Client client_for(const std::string& url, const std::string& ca_file, const std::string& token) {
    httplib::Client c(url);
    c.set_connection_timeout(3, 0);
    c.set_read_timeout(15, 0);
    c.set_write_timeout(15, 0);
    c.enable_server_certificate_verification(true);
    if (!ca_file.empty()) c.set_ca_cert_path(ca_file.c_str());
    if (!token.empty()) c.set_bearer_token_auth(token.c_str());
    return c;
}

Result<HubResponse> answer(const httplib::Result& r, const std::string& url) {
    if (!r) return Error{"hub", "cannot reach the hub at " + url + " (" + httplib::to_string(r.error()) + ")"};
    return HubResponse{r->status, r->body};
}

}  // namespace

Result<HubCredential> read_hub_credential(const std::string& path) {
    Result<std::string> text = read_file(path, 64 * 1024);
    if (!text) return text.error();
    Json j = Json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Error{"credential", path + " is not a hub credential file"};
    HubCredential c;
    try {
        c.hub = j.at("hub").get<std::string>();
        c.token = j.at("credential").get<std::string>();
        c.store = j.at("store").get<int>();
        c.machine = j.at("machine").get<int>();
        Result<VoucherKey> key = parse_voucher_key(j.at("voucherKey").get<std::string>());
        if (!key) return Error{"credential", path + ": voucherKey " + key.error().message};
        c.voucher_key = *key;
    } catch (const Json::exception&) {
        return Error{"credential", path + " lacks hub, credential, store, machine or voucherKey"};
    }
    return c;
}

Status write_hub_credential(const std::string& path, const HubCredential& c) {
    const Json j = {{"hub", c.hub}, {"credential", c.token}, {"store", c.store}, {"machine", c.machine},
                    {"voucherKey", voucher_key_hex(c.voucher_key)}};
    const mode_t old = ::umask(077);  // the temporary file and so the credential are created 0600
    Status s = write_file_atomic(path, j.dump(2) + "\n");
    ::umask(old);
    if (s) ::chmod(path.c_str(), 0600);
    return s;
}

Result<HubClient> HubClient::make(const std::string& url, const std::string& ca_file, const std::string& token) {
    if (!url.starts_with("https://") && !url.starts_with("http://")) return Error{"hub", "the hub URL must start with https://"};
    if (url.starts_with("http://") && !loopback_http(url)) {
        return Error{"hub", "plain http:// is allowed only for a hub on loopback; use https://"};
    }
    // OpenSSL writes its alert (or a request) to a socket the hub may have closed: that must be an error the caller
    // sees, not a SIGPIPE that ends the kiosk (`enroll` against an unknown certificate died of it).
    ::signal(SIGPIPE, SIG_IGN);
    HubClient c;
    c.url_ = url;
    while (!c.url_.empty() && c.url_.back() == '/') c.url_.pop_back();
    c.ca_file_ = ca_file;
    c.token_ = token;
    return c;
}

Result<HubResponse> HubClient::post(const std::string& path, const std::string& json) const {
    httplib::Client c = client_for(url_, ca_file_, token_);
    return answer(c.Post(path.c_str(), json, "application/json"), url_);
}

Result<HubResponse> HubClient::get(const std::string& path) const {
    httplib::Client c = client_for(url_, ca_file_, token_);
    return answer(c.Get(path.c_str()), url_);
}

int enroll_command(const std::string& hub, const std::string& code, const std::string& credential_file,
                   const std::string& key_file, const std::string& ca_file) {
    Result<HubClient> client = HubClient::make(hub, ca_file, "");
    if (!client) {
        std::cerr << "returnloop-kiosk: " << client.error().message << "\n";
        return kExitUsage;
    }
    Result<HubResponse> r = client->post("/v1/enroll", Json{{"code", code}}.dump());
    if (!r) {
        std::cerr << "returnloop-kiosk: " << r.error().message << "\n";
        return kExitFailed;
    }
    Json j = Json::parse(r->body, nullptr, false);
    if (r->status != 200 || j.is_discarded() || j.value("kind", "") != "machine") {
        std::cerr << "returnloop-kiosk: the hub refused the enrolment (" << r->status << "): "
                  << (j.is_object() ? j.value("message", r->body) : r->body) << "\n";
        return kExitRefused;
    }
    HubCredential c;
    c.hub = hub;
    try {
        c.token = j.at("credential").get<std::string>();
        c.store = j.at("store").get<int>();
        c.machine = j.at("machine").get<int>();
        Result<VoucherKey> key = parse_voucher_key(j.at("voucherKey").get<std::string>());
        if (!key) throw std::invalid_argument("voucherKey");
        c.voucher_key = *key;
    } catch (const std::exception&) {
        std::cerr << "returnloop-kiosk: the hub's enrolment answer is incomplete\n";
        return kExitFailed;
    }
    if (Status s = write_hub_credential(credential_file, c); !s) {
        std::cerr << "returnloop-kiosk: " << s.error().message << "\n";
        return kExitFailed;
    }
    if (!key_file.empty()) {
        const mode_t old = ::umask(077);
        Status s = write_file_atomic(key_file, voucher_key_hex(c.voucher_key) + "\n");
        ::umask(old);
        if (!s) {
            std::cerr << "returnloop-kiosk: " << s.error().message << "\n";
            return kExitFailed;
        }
        ::chmod(key_file.c_str(), 0600);
    }
    std::cout << Json{{"event", "enrolled"}, {"store", c.store}, {"machine", c.machine}, {"credential", credential_file}}.dump() << "\n";
    return kExitOk;
}

}  // namespace returnloop::kiosk
