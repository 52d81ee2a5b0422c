// The shopper's view of the machine's intake: a container "checking" until binned (then paid and in the total) or
// handed back (never paid), refusals in words, the printer out and out of service told in the shopper's language
// with the credit kept, and the Finish screen offering no printed voucher while the printer is out.
#include "intake_fixtures.hpp"

#include "ui/intake_view.hpp"

using namespace ui_test;

TEST_SUITE("ui_actions") {
    TEST_CASE("intake: checking counts for nothing, binned pays, pulled back is shown as not paid") {
        Kiosk k;
        k.frame();
        present(k, "i-1", "9520000000011");
        CHECK(k.state.screen == Screen::returning);
        REQUIRE(k.state.shopper.lines.size() == 1);
        CHECK(k.state.shopper.lines[0].checking);
        CHECK(k.backend().session().total().minor == 0);
        k.frame();  // drawn while checking
        binned(k, "i-1");
        CHECK_FALSE(k.state.shopper.lines[0].checking);
        CHECK(k.state.shopper.lines[0].accepted);
        CHECK(k.backend().session().total().minor == 25);
        present(k, "i-2", "9520000000042");
        REQUIRE(k.backend().returned("i-2", k.clock).ok());
        IntakeNotice pulled{IntakeNotice::Kind::returned, "i-2", "09520000000042"};
        pulled.reason = "pulled";
        on_intake_notice(k.state, pulled);
        CHECK_FALSE(k.state.shopper.lines[1].accepted);
        CHECK(k.state.shopper.lines[1].reason_key == "reason.returned_pulled");
        // Refused by the plausibility rule: the reason in words, a line of its own.
        k.backend().set_mass_model(factors());  // what an empty 500 mL PET bottle weighs
        const IntakeDecision full = k.backend().present(Presented{"i-3", "9520000000011", 480.0, "pet"}, k.clock);
        REQUIRE_FALSE(full.accept);
        IntakeNotice refused{IntakeNotice::Kind::presented, "i-3", full.outcome.gtin14, false};
        refused.reason = full.reason;
        on_intake_notice(k.state, refused);
        CHECK(k.state.shopper.lines[2].reason_key == "reason.container_not_empty");
        k.frame();
        CHECK(k.backend().session().total().minor == 25);
    }

    TEST_CASE("intake: out of service and the printer out are told in the shopper's language, the credit kept") {
        Kiosk k;
        present(k, "i-1", "9520000000042");
        binned(k, "i-1");
        set_language(k.state, Language::zh_CN);
        IntakeNotice out{IntakeNotice::Kind::service};
        out.active = true;
        out.reasons = {"jam"};
        on_intake_notice(k.state, out);
        REQUIRE(k.state.notice.has_value());
        CHECK(k.state.notice->text.rfind(k.tr("service.jam"), 0) == 0);
        CHECK(k.state.notice->text.find("0.25") != std::string::npos);
        k.frame();
        out.active = false;
        out.reasons.clear();
        on_intake_notice(k.state, out);
        CHECK_FALSE(k.state.notice.has_value());

        k.backend().set_printer_out(true);
        IntakeNotice paper{IntakeNotice::Kind::fault};
        paper.reason = "paper_out";
        paper.active = true;
        on_intake_notice(k.state, paper);
        REQUIRE(k.state.notice.has_value());
        CHECK(k.state.notice->text == k.tr("notice.printer_out"));
        go_to(k.state, Screen::finish);
        k.frame();
        // "Print voucher" is drawn disabled with the reason; digital credit pays.
        const AuditItem* voucher = k.item(k.tr("finish.voucher"));
        REQUIRE(voucher != nullptr);
        k.tap(k.tr("finish.voucher"));
        CHECK(k.state.screen == Screen::finish);
        k.tap(k.tr("finish.digital"));
        CHECK(k.state.screen == Screen::voucher);
        REQUIRE(k.state.shopper.voucher.has_value());
        CHECK(k.state.shopper.voucher->delivery.payout.kind == PayoutKind::digital);
    }
}
