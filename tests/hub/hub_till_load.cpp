// Drives POST /v1/redeem from many tills at once for scripts/bench-hub, so that the client is not what gets measured.
// Reads jobs as JSON lines {"code":"...","till":"...","credential":"..."} on stdin; each till sends its own jobs, in
// input order, from its own thread over a fresh connection per redemption (as a till does); prints one JSON line per
// answer {"ms":latency,"result":"redeemed"}. Two shapes:
//   hub_till_load URL closed               every till sends its next voucher as soon as the last one is answered
//                                          (saturation: what the hub can do at most)
//   hub_till_load URL open SECONDS_APART   every till sends one voucher every SECONDS_APART seconds, the tills'
//                                          clocks spread evenly; latency counts from the scheduled moment, so a hub
//                                          that falls behind cannot hide its queue (no coordinated omission)
#include <httplib.h>

#include <chrono>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Job {
    std::string code;
    std::string credential;
};

struct Answer {
    double ms = 0;
    std::string result;
};

Answer redeem(const std::string& url, const std::string& till, const Job& job, Clock::time_point counted_from) {
    httplib::Client client(url);
    client.set_connection_timeout(30);
    client.set_read_timeout(120);
    const nlohmann::json body = {{"code", job.code}, {"till", till}};
    const httplib::Headers headers = {{"Authorization", "Bearer " + job.credential}};
    const httplib::Result response = client.Post("/v1/redeem", headers, body.dump(), "application/json");
    Answer answer;
    answer.ms = std::chrono::duration<double, std::milli>(Clock::now() - counted_from).count();
    if (!response) {
        answer.result = "transport_error";
    } else {
        const nlohmann::json parsed = nlohmann::json::parse(response->body, nullptr, false);
        answer.result = parsed.is_object() && parsed.contains("result") && parsed["result"].is_string()
                            ? parsed["result"].get<std::string>()
                            : "http_" + std::to_string(response->status);
    }
    return answer;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3 || (std::string(argv[2]) == "open" && argc < 4)) {
        std::cerr << "usage: hub_till_load URL closed | hub_till_load URL open SECONDS_APART\n";
        return 2;
    }
    const std::string url = argv[1];
    const bool open = std::string(argv[2]) == "open";
    const double seconds_apart = open ? std::stod(argv[3]) : 0;

    std::map<std::string, std::vector<Job>> jobs_by_till;
    std::string line;
    while (std::getline(std::cin, line)) {
        const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_object() || !j.contains("code") || !j.contains("till") || !j.contains("credential")) {
            std::cerr << "hub_till_load: a job line needs code, till and credential\n";
            return 2;
        }
        jobs_by_till[j["till"].get<std::string>()].push_back({j["code"].get<std::string>(), j["credential"].get<std::string>()});
    }

    std::mutex output;
    std::vector<std::thread> tills;
    const auto start = Clock::now() + std::chrono::milliseconds(200);  // every thread is running before the first send
    const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds_apart));
    std::size_t index = 0;
    for (const auto& [till, jobs] : jobs_by_till) {
        const auto offset = period * static_cast<long>(index++) / static_cast<long>(jobs_by_till.size());
        tills.emplace_back([&, till = till, jobs = jobs, offset] {
            for (std::size_t k = 0; k < jobs.size(); ++k) {
                Clock::time_point counted_from = Clock::now();
                if (open) {
                    counted_from = start + offset + period * static_cast<long>(k);
                    std::this_thread::sleep_until(counted_from);
                }
                const Answer answer = redeem(url, till, jobs[k], counted_from);
                const std::lock_guard lock(output);
                std::cout << nlohmann::json{{"ms", answer.ms}, {"result", answer.result}}.dump() << "\n";
            }
        });
    }
    for (std::thread& t : tills) t.join();
    return 0;
}
