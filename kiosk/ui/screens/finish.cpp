// Finish: how the shopper takes their refund: a printed voucher, a donation to the configured charity, or a digital
// voucher (a QR code on screen). Scanning another container from here simply continues the session.
#include <algorithm>
#include <cmath>

#include "ui/actions.hpp"
#include "ui/format.hpp"
#include "ui/layout.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"

namespace returnloop::kiosk::ui {

void show_finish(AppState& state) {
    begin_screen(state, "finish");
    top_bar(state, false);
    const Metrics& m = state.metrics;
    const Palette& p = state.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const KioskBackend& backend = state.backend();
    const Rect body = body_rect(state);
    const std::string amount = amount_text(state, backend.session().total());

    float y = body.min.y;
    y += draw_text(draw, state.fonts.title, m.title * 0.8f, ImVec2(body.min.x, y), p.text, state.tr("finish.title"), body.width(), Align::center);
    y += m.gap * 0.3f;
    const std::uint64_t count = backend.session().item_count();
    const std::string summary = fill(state.tr("finish.summary"), {{"amount", amount}}) + "  ·  " +
                                fill(state.tr(plural_key("returning.items", state.shopper.language, count)), {{"n", count_text(state, count)}});
    y += draw_text(draw, state.fonts.body, m.heading * 0.8f, ImVec2(body.min.x, y), p.text_muted, summary, body.width(), Align::center);
    y += m.gap * 1.5f;

    // Three choices, side by side, each a card-sized button with a picture, a name and what happens.
    const std::optional<std::string>& charity = backend.settings().charity;
    const float back_h = std::round(m.touch * 1.2f);
    const float cards_h = body.max.y - y - back_h - m.gap * 1.5f;
    const float card_w = std::floor((body.width() - 2 * m.gap) / 3);
    struct Choice {
        const char* id;
        PayoutKind kind;
        Icon icon;
        std::string label, hint;
        bool enabled;
    };
    // Only what the machine can pay now: no printed voucher while the printer is out (never one only on screen).
    const std::vector<PayoutKind> offered = state.backend().payout_options();
    auto offers = [&offered](PayoutKind kind) { return std::find(offered.begin(), offered.end(), kind) != offered.end(); };
    const bool can_print = offers(PayoutKind::voucher);
    const Choice choices[3] = {
        {"voucher", PayoutKind::voucher, Icon::printer, state.tr("finish.voucher"),
         can_print ? state.tr("finish.voucher_hint") : state.tr("finish.printer_out"), can_print},
        {"digital", PayoutKind::digital, Icon::qr, state.tr("finish.digital"),
         offers(PayoutKind::digital) ? state.tr("finish.digital_hint") : state.tr("finish.printer_out"), offers(PayoutKind::digital)},
        {"donate", PayoutKind::donation, Icon::heart, state.tr("finish.donate"),
         charity ? fill(state.tr("finish.donate_hint"), {{"amount", amount}, {"charity", *charity}}) : state.tr("finish.donate_unavailable"),
         charity.has_value()},
    };
    for (int i = 0; i < 3; ++i) {
        const Choice& c = choices[i];
        ImGui::SetCursorScreenPos(ImVec2(body.min.x + static_cast<float>(i) * (card_w + m.gap), y));
        ButtonSpec spec{c.label, c.hint, c.icon, i == 0 ? ButtonKind::primary : ButtonKind::secondary};
        spec.vertical = true;
        spec.enabled = c.enabled;
        spec.font = state.fonts.title;
        if (big_button(state, c.id, ImVec2(card_w, cards_h), spec)) finish_session(state, c.kind);
    }

    const float back_w = std::min(body.width(), 640 * m.scale);
    ImGui::SetCursorScreenPos(ImVec2(body.min.x + (body.width() - back_w) * 0.5f, body.max.y - back_h));
    if (big_button(state, "back", ImVec2(back_w, back_h), ButtonSpec{state.tr("finish.back"), {}, Icon::back})) go_to(state, Screen::returning);
    end_screen();
}

}  // namespace returnloop::kiosk::ui
