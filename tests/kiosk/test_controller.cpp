// The machine-controller protocol and intake: every message parsed and written back, every kind of bad line refused
// with its field named, the line splitter under floods, controller addresses, and the back end paying a container
// only once the controller confirms it binned (returned and unknown ones never), across a crash.
#include <doctest/doctest.h>

#include "backend/controller_link.hpp"
#include "backend/controller_protocol.hpp"
#include "backend/controller_session.hpp"
#include "backend/impact_files.hpp"
#include "kiosk_fixtures.hpp"

using namespace kiosk_test;

namespace {

ControllerMessage parsed(std::string_view line) {
    auto result = parse_controller_line(line);
    if (const ProtocolError* e = std::get_if<ProtocolError>(&result)) FAIL_CHECK(e->message);
    REQUIRE(std::holds_alternative<ControllerMessage>(result));
    return std::get<ControllerMessage>(result);
}

ProtocolError refused(std::string_view line) {
    auto result = parse_controller_line(line);
    REQUIRE(std::holds_alternative<ProtocolError>(result));
    return std::get<ProtocolError>(result);
}

Presented container(const std::string& item, const std::string& gtin) { return Presented{item, gtin, std::nullopt, ""}; }

}  // namespace

TEST_SUITE("controller") {
TEST_CASE("every message type parses, and what either side writes parses back to the same message") {
    const ControllerMessage p = parsed(R"({"v":1,"type":"presented","item":"a-1","gtin":"9520000000011","weightG":24.5,"material":"pet","heightMm":210,"future":true})");
    CHECK(p.type == MessageType::presented);
    CHECK(p.item == "a-1");
    CHECK(p.gtin == "9520000000011");
    CHECK(*p.weight_g == doctest::Approx(24.5));
    CHECK(p.material == "pet");
    CHECK(*p.height_mm == doctest::Approx(210));
    CHECK(parsed(R"({"v":1,"type":"binned","item":"a-1","bin":"pet"})").bin == "pet");
    CHECK(parsed(R"({"v":1,"type":"returned","item":"a-1","reason":"pulled"})").reason == "pulled");
    CHECK(parsed(R"({"v":1,"type":"fault","fault":"door_open","detail":"rear door"})").fault == FaultKind::door_open);
    CHECK(parsed(R"({"v":1,"type":"cleared","fault":"paper_out"})").fault == FaultKind::paper_out);
    CHECK(parsed(R"({"v":1,"type":"heartbeat","seq":7})").seq == 7);
    CHECK_FALSE(parsed(R"({"v":1,"type":"hello","name":"old"})").faults.has_value());  // says nothing about faults
    CHECK(parsed(R"({"v":1,"type":"hello","faults":[]})").faults == std::vector<FaultKind>{});  // none open
    CHECK(parsed(R"({"v":1,"type":"hello","faults":["jam","paper_out"]})").faults == std::vector<FaultKind>{FaultKind::jam, FaultKind::paper_out});
    const ControllerMessage bins = parsed(R"({"v":1,"type":"bins","bins":[{"bin":"pet","count":120,"capacity":600}]})");
    REQUIRE(bins.bins.size() == 1);
    CHECK(bins.bins[0].count == 120);
    CHECK(bins.bins[0].capacity == 600);
    const ControllerMessage status = parsed(R"({"v":1,"type":"status","items":[{"item":"a-1","state":"binned","bin":"pet"},{"item":"a-2","state":"unknown"}]})");
    REQUIRE(status.statuses.size() == 2);
    CHECK(status.statuses[0].fate == ItemFate::binned);
    CHECK(status.statuses[1].fate == ItemFate::unknown);

    for (MessageType type : {MessageType::hello, MessageType::presented, MessageType::binned, MessageType::returned, MessageType::bins,
                             MessageType::fault, MessageType::cleared, MessageType::heartbeat, MessageType::status,
                             MessageType::accept, MessageType::reject, MessageType::query}) {
        ControllerMessage m;
        m.type = type;
        m.item = "b-9";
        m.bin = "glass";
        m.reason = "not_registered";
        m.gtin = "4006381333931";
        m.weight_g = 410.0;
        m.fault = FaultKind::intake_blocked;
        m.bins = {BinLevel{"glass", 3, 400}};
        m.statuses = {ItemStatus{"b-9", ItemFate::returned, ""}};
        m.items = {"b-9", "b-10"};
        m.seq = 12;
        m.faults = std::vector<FaultKind>{FaultKind::door_open};
        const std::string line = encode_controller_message(m);
        CAPTURE(line);
        REQUIRE(line.back() == '\n');
        const ControllerMessage back = parsed(std::string_view(line).substr(0, line.size() - 1));
        CHECK(back.type == type);
        CHECK(encode_controller_message(back) == line);
    }
}

TEST_CASE("bad lines are refused with their kind and the field at fault") {
    CHECK(refused(std::string(kMaxControllerLine + 1, ' ')).kind == ProtocolErrorKind::oversize);
    CHECK(refused("{not json").kind == ProtocolErrorKind::malformed);
    CHECK(refused("[1,2]").kind == ProtocolErrorKind::malformed);
    CHECK(refused(R"({"type":"heartbeat"})").kind == ProtocolErrorKind::version);
    CHECK(refused(R"({"v":2,"type":"heartbeat"})").kind == ProtocolErrorKind::version);
    CHECK(refused(R"({"v":"1","type":"heartbeat"})").kind == ProtocolErrorKind::version);
    CHECK(refused(R"({"v":1,"type":"teleport"})").kind == ProtocolErrorKind::unknown_type);
    CHECK(refused(R"({"v":1})").field == "type");
    CHECK(refused(R"({"v":1,"type":"presented","gtin":"1"})").field == "item");
    CHECK(refused(R"({"v":1,"type":"presented","item":""})").field == "item");
    CHECK(refused(R"({"v":1,"type":"presented","item":"a","weightG":-3})").field == "weightG");
    CHECK(refused(R"({"v":1,"type":"presented","item":"a","weightG":"heavy"})").field == "weightG");
    CHECK(refused(R"({"v":1,"type":"presented","item":"a\u0001"})").field == "item");
    CHECK(refused(R"({"v":1,"type":"presented","item":")" + std::string(kMaxItemId + 1, 'x') + "\"}").field == "item");
    CHECK(refused(R"({"v":1,"type":"fault","fault":"fire"})").field == "fault");
    CHECK(refused(R"({"v":1,"type":"hello","faults":"jam"})").field == "faults");
    CHECK(refused(R"({"v":1,"type":"hello","faults":["jam",7]})").field == "faults[1]");
    CHECK(refused(R"({"v":1,"type":"hello","faults":["jam","jam","jam","jam","jam","jam"]})").field == "faults");
    CHECK(refused(R"({"v":1,"type":"bins","bins":[{"bin":"pet","count":-1}]})").field == "bins[0].count");
    CHECK(refused(R"({"v":1,"type":"status","items":[{"item":"a","state":"lost"}]})").field == "items[0].state");
    CHECK(refused(R"({"v":1,"type":"heartbeat","seq":1.5})").field == "seq");
    const ProtocolError e = refused(R"({"v":1,"type":"binned"})");
    CHECK(e.kind == ProtocolErrorKind::bad_field);
    CHECK(e.message.find("item") != std::string::npos);
}

TEST_CASE("the line splitter never holds more than one line and reports a flood once") {
    LineSplitter splitter(16);
    std::string line;
    bool oversize = false;
    splitter.feed("abc\r\nde", 7);
    REQUIRE(splitter.next(line, oversize));
    CHECK(line == "abc");
    CHECK_FALSE(oversize);
    CHECK_FALSE(splitter.next(line, oversize));
    const std::string flood(100000, 'x');
    splitter.feed(flood.data(), flood.size());
    CHECK_FALSE(splitter.next(line, oversize));
    splitter.feed("\nok\n", 4);
    REQUIRE(splitter.next(line, oversize));
    CHECK(oversize);
    CHECK(line.empty());
    REQUIRE(splitter.next(line, oversize));
    CHECK(line == "ok");
    CHECK_FALSE(oversize);
}

TEST_CASE("controller addresses: unix, tcp, serial with its speed, and clear errors") {
    Result<ControllerAddress> unix_address = parse_controller_address("unix:/run/rvm.sock");
    REQUIRE(unix_address);
    CHECK(unix_address->kind == ControllerAddress::Kind::unix_socket);
    CHECK(unix_address->path == "/run/rvm.sock");
    Result<ControllerAddress> tcp = parse_controller_address("tcp://[::1]:7400");
    REQUIRE(tcp);
    CHECK(tcp->host == "::1");
    CHECK(tcp->port == 7400);
    CHECK(format_controller_address(*tcp) == "tcp://[::1]:7400");
    Result<ControllerAddress> serial = parse_controller_address("serial:/dev/ttyUSB0,57600");
    REQUIRE(serial);
    CHECK(serial->path == "/dev/ttyUSB0");
    CHECK(serial->baud == 57600);
    CHECK(parse_controller_address("serial:/dev/ttyS0")->baud == 115200);
    CHECK_FALSE(parse_controller_address("serial:/dev/ttyS0,12345"));
    CHECK_FALSE(parse_controller_address("tcp://host"));
    CHECK_FALSE(parse_controller_address("tcp://host:99999"));
    CHECK_FALSE(parse_controller_address("unix:"));
    const Result<ControllerAddress> bad = parse_controller_address("http://x");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().path == "--controller");
    // A serial path that is not a terminal is refused by name, not used as a file.
    TempDir dir;
    write_text(dir.file("not-a-tty"), "");
    Result<int> fd = connect_controller(*parse_controller_address("serial:" + dir.file("not-a-tty")));
    REQUIRE_FALSE(fd);
    CHECK(fd.error().message.find("not a serial line") != std::string::npos);
}

TEST_CASE("a container is paid only when binned; returned is never paid; typed codes are refused") {
    Machine m;
    m.backend->set_intake_required(true);
    const KioskTime t = day(2025, 3, 14);
    CHECK(m.backend->scan("9520000000011", t).verdict == ScanVerdict::no_container);

    const IntakeDecision accepted = m.backend->present(container("k-1", "9520000000011"), t);
    REQUIRE(accepted.accept);
    CHECK(accepted.bin == "pet");
    CHECK(sql_value(m.ledger_path, "SELECT state FROM intake WHERE controller_item = 'k-1'") == "accepted");
    CHECK(sql_value(m.ledger_path, "SELECT COUNT(*) FROM items") == "0");
    CHECK(m.backend->stats().total.minor == 0);  // "checking...": counts for nothing yet
    CHECK(m.backend->finish(PayoutKind::voucher, t).error().path == "pending");

    Result<IntakeSettled> paid = m.backend->binned("k-1", later(t, 900));
    REQUIRE(paid);
    CHECK(paid->amount.minor == 25);
    CHECK(paid->total.minor == 25);
    CHECK(paid->position == 0);
    CHECK(sql_value(m.ledger_path, "SELECT state FROM intake WHERE controller_item = 'k-1'") == "binned");
    CHECK(sql_value(m.ledger_path, "SELECT COUNT(*) FROM items") == "1");

    // Binned twice, or an item it never accepted: not paid again, an error for staff.
    CHECK(m.backend->binned("k-1", later(t, 950)).error().path == "out_of_order");
    CHECK(m.backend->binned("ghost", later(t, 960)).error().path == "unknown_item");

    REQUIRE(m.backend->present(container("k-2", "9520000000042"), later(t, 1000)).accept);
    CHECK(m.backend->present(container("k-2", "9520000000042"), later(t, 1001)).reason == "duplicate_item");
    REQUIRE(m.backend->returned("k-2", later(t, 1500)));
    CHECK(sql_value(m.ledger_path, "SELECT state FROM intake WHERE controller_item = 'k-2'") == "returned");
    CHECK(m.backend->binned("k-2", later(t, 1600)).error().path == "out_of_order");
    CHECK(m.backend->stats().total.minor == 25);

    // The same can again, moments later: a new container, no duplicate window in a reverse-vending machine.
    REQUIRE(m.backend->present(container("k-3", "9520000000011"), later(t, 1700)).accept);
    REQUIRE(m.backend->binned("k-3", later(t, 1800)));
    // Refused by the core: nothing recorded.
    const IntakeDecision refused_one = m.backend->present(container("k-4", "4006381333931"), later(t, 1900));
    CHECK_FALSE(refused_one.accept);
    CHECK(refused_one.reason == "not_registered");
    CHECK(sql_value(m.ledger_path, "SELECT COUNT(*) FROM intake") == "3");

    Result<Delivery> voucher = m.backend->finish(PayoutKind::voucher, later(t, 2000));
    REQUIRE(voucher);
    CHECK(voucher->payout.amount.minor == 50);
    CHECK(voucher->payout.item_count == 2);
}

TEST_CASE("after a crash the kiosk knows which containers were still being checked") {
    Machine m;
    m.backend->set_intake_required(true);
    const KioskTime t = day(2025, 3, 14);
    REQUIRE(m.backend->present(container("c-1", "9520000000011"), t).accept);
    REQUIRE(m.backend->binned("c-1", later(t, 100)));
    REQUIRE(m.backend->present(container("c-2", "9520000000042"), later(t, 200)).accept);
    REQUIRE(m.backend->present(container("c-3", "9520000000219"), later(t, 300)).accept);
    REQUIRE(m.backend->present(container("c-4", "9520000000080"), later(t, 400)).accept);
    m.crash_and_restart();
    m.backend->set_intake_required(true);
    CHECK(m.backend->pending_items() == std::vector<std::string>{"c-2", "c-3", "c-4"});
    CHECK(m.backend->stats().total.minor == 25);
    // The controller answers: c-2 binned (paid), c-3 returned (not paid), c-4 unknown (not paid, listed for staff).
    REQUIRE(m.backend->binned("c-2", later(t, 1000)));
    REQUIRE(m.backend->returned("c-3", later(t, 1000)));
    Result<IntakeSettled> lost = m.backend->unresolved("c-4", later(t, 1000));
    REQUIRE(lost);
    CHECK(lost->gtin14 == "09520000000080");
    CHECK(m.backend->pending_items().empty());
    CHECK(sql_value(m.ledger_path, "SELECT COUNT(*) FROM events WHERE kind = 'intake_unresolved' AND detail LIKE '%c-4%'") == "1");
    Result<Delivery> voucher = m.backend->finish(PayoutKind::voucher, later(t, 2000));
    REQUIRE(voucher);
    CHECK(voucher->payout.amount.minor == 50);
    CHECK(voucher->payout.item_count == 2);
}

TEST_CASE("a fault that ended while the kiosk was stopped is closed in the ledger when the controller's hello lists none") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    const auto quiet = [](const std::string&) {};
    const auto fault_rows = [&] { return sql_value(m.ledger_path, "SELECT COUNT(*) FROM events WHERE kind = 'controller_fault'"); };
    const auto newest_open = [&] {
        return sql_value(m.ledger_path, "SELECT json_extract(detail, '$.open') FROM events WHERE kind = 'controller_fault' ORDER BY id DESC LIMIT 1");
    };
    {
        IntakeController controller(*m.backend, IntakeOptions{}, quiet);
        controller.handle_line(R"({"v":1,"type":"hello","name":"sim","faults":[]})", false, t);
        CHECK(fault_rows() == "0");  // nothing open, and the ledger never said otherwise
        controller.handle_line(R"({"v":1,"type":"hello","name":"sim","faults":["jam"]})", false, later(t, 50));
        CHECK(newest_open() == R"(["jam"])");
        CHECK(controller.out_of_service());
    }
    m.crash_and_restart();  // stopped; the jam is cleared at the controller meanwhile
    IntakeController controller(*m.backend, IntakeOptions{}, quiet);
    controller.handle_line(R"({"v":1,"type":"hello","name":"old-controller"})", false, later(t, 100));
    CHECK(fault_rows() == "1");  // a hello without "faults" says nothing about them
    controller.handle_line(R"({"v":1,"type":"hello","name":"sim","faults":[]})", false, later(t, 200));
    CHECK(newest_open() == "[]");
    CHECK(fault_rows() == "2");
    controller.handle_line(R"({"v":1,"type":"hello","name":"sim","faults":[]})", false, later(t, 300));
    CHECK(fault_rows() == "2");  // the same set again (a reconnect): nothing new to record

    // Open in this run, ended while the link was down: cleared as a fault of its own, then nothing more to record.
    controller.handle_line(R"({"v":1,"type":"fault","fault":"door_open"})", false, later(t, 400));
    controller.handle_line(R"({"v":1,"type":"fault","fault":"paper_out"})", false, later(t, 450));
    CHECK(newest_open() == R"(["door_open","paper_out"])");
    controller.handle_line(R"({"v":1,"type":"hello","name":"sim","faults":["intake_blocked"]})", false, later(t, 500));
    CHECK(newest_open() == R"(["intake_blocked"])");
    CHECK_FALSE(m.backend->printer_out());
    CHECK(fault_rows() == "7");  // door_open, paper_out raised; door_open, paper_out cleared; intake_blocked raised
}

TEST_CASE("the intake asks the core whether the container is empty and is the registered product") {
    Machine m;
    m.backend->set_intake_required(true);
    Result<ImpactFactors> factors = load_impact_factors(asset("factors"));
    REQUIRE(factors);
    m.backend->set_mass_model(std::move(factors).value());
    const KioskTime t = day(2025, 3, 14);
    // 9520000000011: still water 500 mL PET; the mass model says about 10 g empty.
    const IntakeDecision full = m.backend->present(Presented{"p-1", "9520000000011", 512.0, "pet"}, t);
    CHECK_FALSE(full.accept);
    CHECK(full.reason == "container_not_empty");
    CHECK(full.plausibility == Plausibility::too_heavy);
    const IntakeDecision other = m.backend->present(Presented{"p-2", "9520000000011", 11.0, "glass"}, t);
    CHECK(other.reason == "not_as_registered");
    CHECK(other.plausibility == Plausibility::wrong_material);
    // 9520000000219: a 330 mL glass beer bottle, about 195 g; 30 g is not that bottle.
    CHECK(m.backend->present(Presented{"p-3", "9520000000219", 30.0, ""}, t).reason == "not_as_registered");
    const IntakeDecision empty = m.backend->present(Presented{"p-4", "9520000000011", 10.4, "pet"}, t);
    CHECK(empty.accept);
    CHECK(empty.plausibility == Plausibility::plausible);
    CHECK(sql_value(m.ledger_path, "SELECT COUNT(*) FROM intake") == "1");
    CHECK(sql_value(m.ledger_path, "SELECT weight_mg || ' ' || material FROM intake") == "10400 pet");
}
}
