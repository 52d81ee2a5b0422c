// The headless machine interface: what a scanner types and touch actions in, one JSON event per line out; junk,
// 10,000-character lines and binary bytes give clear events, and the line reader never buffers more than a line.
#include <doctest/doctest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "backend/headless.hpp"
#include "kiosk_fixtures.hpp"

using namespace kiosk_test;
using Json = nlohmann::json;

namespace {

struct Recorder {
    std::vector<Json> events;
    EventSink sink() {
        return [this](const std::string& line) {
            CHECK(line.find('\n') == std::string::npos);
            for (char c : line) CHECK(static_cast<unsigned char>(c) >= 0x20);
            events.push_back(Json::parse(line));  // throws (fails the test) if a line is not JSON
        };
    }
};

// Feeds bytes through a pipe to run_headless, as a USB scanner's keystrokes arrive on stdin.
std::vector<Json> run_with_input(KioskBackend& backend, const std::string& input, KioskTime t) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    std::thread writer([&] {
        std::size_t done = 0;
        while (done < input.size()) {
            const ssize_t n = ::write(fds[1], input.data() + done, input.size() - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        ::close(fds[1]);
    });
    Recorder recorder;
    std::int64_t tick = 0;
    run_headless(backend, fds[0], recorder.sink(), [&] { return later(t, (tick++) * 2500); });
    writer.join();
    ::close(fds[0]);
    return recorder.events;
}

}  // namespace

TEST_SUITE("headless") {
TEST_CASE("a session over stdin: scans, rejections and a voucher, as JSON lines") {
    Machine m;
    const std::vector<Json> events =
        run_with_input(*m.backend, "9520000000011\n9520000000042\r\n4006381333931\n\n:finish voucher\n", day(2025, 3, 14));
    REQUIRE(events.size() == 5);
    CHECK(events[0]["event"] == "ready");
    CHECK(events[0]["currency"] == "EUR");
    CHECK(events[1] == Json{{"event", "accepted"}, {"gtin", "09520000000011"}, {"amountMinor", 25}, {"totalMinor", 25},
                            {"currency", "EUR"}, {"session", 1}, {"item", 0}, {"items", 1}});
    CHECK(events[2]["totalMinor"] == 50);
    CHECK(events[3]["event"] == "rejected");
    CHECK(events[3]["reason"] == "not_registered");
    CHECK(events[3]["gtin"] == "04006381333931");
    CHECK(events[4]["event"] == "voucher");
    CHECK(events[4]["amountMinor"] == 50);
    CHECK(events[4]["code"].get<std::string>().size() == 40);
    CHECK(events[4]["ean13"].get<std::string>().size() == 13);
    CHECK(zbar_decode(events[4]["png"].get<std::string>()).size() == 2);
}

TEST_CASE(":lang sets the receipt language; :reprint prints the same voucher again, then only staff's :reprint ID") {
    Machine m;
    const std::vector<Json> events = run_with_input(
        *m.backend, ":lang xx\n:lang zh-CN\n9520000000011\n:finish voucher\n:reprint\n9520000000042\n:reprint\n:reprint 1\n:reprint x\n",
        day(2025, 3, 14));
    REQUIRE(events.size() == 10);
    CHECK(events[1]["event"] == "error");
    CHECK(events[1]["reason"] == "unknown_language");
    CHECK(events[2] == Json{{"event", "language"}, {"language", "zh-CN"}});
    REQUIRE(events[4]["event"] == "voucher");
    CHECK(events[4]["payout"] == 1);
    CHECK(events[5]["event"] == "voucher");
    CHECK(events[5]["reprint"] == true);
    CHECK(events[5]["code"] == events[4]["code"]);
    CHECK(events[5]["png"] != events[4]["png"]);
    CHECK(events[6]["event"] == "accepted");
    CHECK(events[7]["reason"] == "reprint_refused");  // the shopper has moved on
    CHECK(events[8]["reprint"] == true);
    CHECK(events[8]["code"] == events[4]["code"]);
    CHECK(events[9]["reason"] == "reprint_refused");
    CHECK(sql_value(m.ledger_path, "SELECT COUNT(*) FROM payouts") == "1");
    CHECK(m.backend->ledger().events("receipt_reprinted").value().size() == 2);
}

TEST_CASE("a restarted kiosk announces the restored session first") {
    Machine m;
    run_with_input(*m.backend, "9520000000011\n9520000000042\n", day(2025, 3, 14));
    m.crash_and_restart();
    const std::vector<Json> events = run_with_input(*m.backend, ":finish donate\n", day(2025, 3, 14, 13));
    REQUIRE(events.size() == 3);
    CHECK(events[0] == Json{{"event", "restored"}, {"session", 1}, {"items", 2}, {"totalMinor", 50}, {"currency", "EUR"}});
    CHECK(events[1]["event"] == "ready");
    CHECK(events[2]["event"] == "donation");
    CHECK(events[2]["charity"] == "Sample charity");
    CHECK(events[2]["amountMinor"] == 50);
}

TEST_CASE("junk on stdin gives clear events and never a crash") {
    Machine m;
    std::string input;
    input += std::string(10000, '7') + "\n";                  // a 10,000-character line of digits
    input += std::string(100000, 'x') + "\n";                 // longer than a line may be
    input += std::string("\x00\x01\xff\xfe\x80garbage\x1b[2J", 15) + "\n";
    input += "hello world\n";
    input += ":finish\n:finish voucher\n:fly\n:cancel\n";
    input += "9520000000011";                                 // last line without a newline
    const std::vector<Json> events = run_with_input(*m.backend, input, day(2025, 3, 14));
    REQUIRE(events.size() == 10);
    for (int i : {1, 2}) {
        CHECK(events[i]["reason"] == "unreadable");
        CHECK(events[i]["message"] == "the line is longer than 4096 bytes: not a barcode");
        CHECK(events[i]["input"].get<std::string>().size() == 35);  // a 32-byte preview and "..."
    }
    CHECK(events[3]["reason"] == "unreadable");
    CHECK(events[3]["input"].get<std::string>().find('?') != std::string::npos);
    CHECK(events[4]["reason"] == "unreadable");
    CHECK(events[5]["reason"] == "unknown_action");
    CHECK(events[6]["reason"] == "nothing_to_pay");
    CHECK(events[7]["reason"] == "unknown_action");
    CHECK(events[8]["event"] == "cancelled");
    CHECK(events[9]["event"] == "accepted");
}

TEST_CASE(":cancel with containers taken is refused; :status reports the session") {
    Machine m;
    const std::vector<Json> events = run_with_input(*m.backend, "9520000000011\n:cancel\n:status\n", day(2025, 3, 14));
    REQUIRE(events.size() == 4);
    CHECK(events[2]["reason"] == "session_not_empty");
    CHECK(events[3]["event"] == "status");
    CHECK(events[3]["items"] == 1);
    CHECK(events[3]["totalMinor"] == 25);
}

TEST_CASE("the line reader splits lines and cuts overlong ones without holding them") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const std::string input = "a\n" + std::string(20000, 'x') + "\nb\r\n\nc";
    std::thread writer([&] {
        REQUIRE(::write(fds[1], input.data(), input.size()) == static_cast<ssize_t>(input.size()));
        ::close(fds[1]);
    });
    LineReader reader(fds[0]);
    std::string line;
    bool overlong = false;
    std::vector<std::pair<std::string, bool>> lines;
    while (reader.next(line, overlong)) lines.emplace_back(line, overlong);
    writer.join();
    ::close(fds[0]);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0] == std::make_pair(std::string("a"), false));
    CHECK(lines[1].second);
    CHECK(lines[1].first.size() == kMaxScanLine);
    CHECK(lines[2] == std::make_pair(std::string("b\r"), false));
    CHECK(lines[3] == std::make_pair(std::string(""), false));
    CHECK(lines[4] == std::make_pair(std::string("c"), false));
}
}
