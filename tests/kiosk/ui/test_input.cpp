// Scanner input: a USB scanner's burst is told from a person typing, so a PIN is never taken for a scan.
#include "ui_fixtures.hpp"

#include "ui/scan_input.hpp"

using namespace ui_test;

TEST_SUITE("ui_input") {
    TEST_CASE("thirteen digits 5 ms apart and Enter are a scanner's burst") {
        ScanInput input;
        std::int64_t t = 1000;
        for (char c : std::string("4006381333931")) input.on_text(std::string(1, c), t += 5);
        const std::optional<TypedCode> code = input.on_enter(t + 5);
        REQUIRE(code.has_value());
        CHECK(code->text == "4006381333931");
        CHECK(code->burst);
        CHECK(input.pending().empty());
    }

    TEST_CASE("digits typed by a person, 150 ms apart, are not a burst") {
        ScanInput input;
        std::int64_t t = 1000;
        for (char c : std::string("24681357")) input.on_text(std::string(1, c), t += 150);
        const std::optional<TypedCode> code = input.on_enter(t + 150);
        REQUIRE(code.has_value());
        CHECK_FALSE(code->burst);
    }

    TEST_CASE("one character held up by a busy machine keeps a scan a scan; a person's pause does not") {
        const std::string gtin = "4006381333931";
        auto typed = [&gtin](std::int64_t held_up_ms) {
            ScanInput input;
            std::int64_t t = 1000;
            for (std::size_t i = 0; i < gtin.size(); ++i) input.on_text(gtin.substr(i, 1), t += (i == 6 ? held_up_ms : 5));
            return input.on_enter(t + 5)->burst;
        };
        CHECK(typed(120));
        CHECK(typed(ScanInput::kBurstLongestGapMs));
        CHECK_FALSE(typed(ScanInput::kBurstLongestGapMs + 1));
    }

    TEST_CASE("a fast typist's 60 ms rhythm is not a burst, even with a few quick pairs") {
        ScanInput input;
        std::int64_t t = 1000;
        for (std::size_t i = 0; i < 13; ++i) input.on_text("7", t += (i % 3 == 0 ? 10 : 60));
        CHECK_FALSE(input.on_enter(t + 60)->burst);
    }

    TEST_CASE("a four-digit PIN is never a burst however fast it is typed") {
        ScanInput input;
        for (char c : std::string("2468")) input.on_text(std::string(1, c), 1000);
        CHECK_FALSE(input.on_enter(1001)->burst);
    }

    TEST_CASE("a pause mid-code, a stray Enter and control characters") {
        ScanInput input;
        CHECK_FALSE(input.on_enter(0).has_value());
        input.on_text("12\x01", 0);
        CHECK(input.pending() == "12");
        input.expire(ScanInput::kAbandonMs - 1);
        CHECK(input.pending() == "12");
        input.expire(ScanInput::kAbandonMs);
        CHECK(input.pending().empty());
        input.on_text("9", 0);
        input.on_backspace();
        CHECK(input.pending().empty());
    }

    TEST_CASE("megabytes of junk stay bounded and cannot parse as a code") {
        ScanInput input;
        const std::string junk(1 << 20, '7');
        input.on_text(junk, 0);
        CHECK(input.pending().size() == ScanInput::kMaxLength);
        const std::optional<TypedCode> code = input.on_enter(1);
        REQUIRE(code.has_value());
        CHECK(code->text.size() == ScanInput::kMaxLength + 3);
    }
}
