// Voucher: the issued voucher (or digital credit, or donation) on screen, with the receipt image the back end
// rendered (barcodes included, drawn pixel for pixel so a till scanner reads them off the glass), and "Done".
#include <algorithm>
#include <cmath>
#include <iterator>

#include "ui/actions.hpp"
#include "ui/format.hpp"
#include "ui/layout.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"

namespace returnloop::kiosk::ui {
namespace {

std::string message_for(const AppState& state, const VoucherView& view) {
    const PayoutRecord& payout = view.delivery.payout;
    const std::string until = payout.expires ? date_text(state, *payout.expires) : std::string();
    switch (payout.kind) {
        case PayoutKind::donation:
            return fill(state.tr("voucher.donated"), {{"amount", amount_text(state, payout.amount)}, {"charity", payout.charity}});
        case PayoutKind::digital: return fill(state.tr("voucher.digital"), {{"date", until}});
        case PayoutKind::voucher: break;
    }
    if (view.delivery.printed) return fill(state.tr("voucher.take"), {{"date", until}});
    if (view.delivery.print_error) return fill(state.tr("voucher.printer_error"), {{"date", until}});
    return fill(state.tr("voucher.on_screen"), {{"date", until}});
}

}  // namespace

void show_voucher(AppState& state) {
    begin_screen(state, "voucher");
    top_bar(state, false);
    const Metrics& m = state.metrics;
    const Palette& p = state.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Rect body = body_rect(state);
    if (!state.shopper.voucher) {
        end_screen();
        return;
    }
    const VoucherView& view = *state.shopper.voucher;
    const PayoutRecord& payout = view.delivery.payout;
    const bool donation = payout.kind == PayoutKind::donation;

    // The receipt, at one image pixel per screen pixel when it fits (bars stay sharp), else scaled down to fit: beside
    // the words on a landscape panel, above them on a portrait one (side by side would leave the words a sliver).
    const bool stacked = body.height() > body.width();
    Rect info = body;
    if (!donation) {
        const float room_w = stacked ? body.width() : body.width() * 0.6f;
        const float room_h = stacked ? std::floor(body.height() * 0.55f) : body.height();
        float scale = 1;
        if (view.image) {
            scale = std::min({(room_h - 2 * m.pad) / static_cast<float>(view.image.height()),
                              (room_w - 2 * m.pad) / static_cast<float>(view.image.width()), 1.0f});
        }
        const float image_w = view.image ? std::floor(static_cast<float>(view.image.width()) * scale) : 560 * m.scale;
        const float image_h = view.image ? std::floor(static_cast<float>(view.image.height()) * scale) : room_h - 2 * m.pad;
        const Rect frame = stacked ? body.top(image_h + 2 * m.pad) : body.left(image_w + 2 * m.pad);
        card(state, frame.min, frame.max);
        const ImVec2 at(std::floor(frame.min.x + (frame.width() - image_w) * 0.5f), std::floor(frame.min.y + (frame.height() - image_h) * 0.5f));
        if (view.image) {
            // Receipts are black on white whatever the theme: a barcode needs its light quiet zone.
            draw->AddRectFilled(at, ImVec2(at.x + image_w, at.y + image_h), IM_COL32(255, 255, 255, 255));
            draw->AddImage(view.image.id(), at, ImVec2(at.x + image_w, at.y + image_h));
        } else {
            const std::string code = payout.kind == PayoutKind::digital ? payout.codes.qr : payout.codes.code128;
            draw_text(draw, state.fonts.body, m.body, at, p.text, fill(state.tr("voucher.no_image"), {{"code", code}}), image_w);
        }
        info = stacked ? body.below(frame.height(), m.gap) : body.right_of(frame.width(), m.gap);
    }

    card(state, info.min, info.max);
    const Rect in = info.inset(m.pad * 1.5f);
    const std::string amount = amount_text(state, payout.amount);
    const std::string message = message_for(state, view);
    const std::string code_line =
        payout.kind == PayoutKind::voucher && !payout.codes.ean13.empty() ? state.tr("voucher.code") + ": " + payout.codes.ean13 : std::string();
    const std::string saved = view.impact.co2e_known ? fill(state.tr("voucher.saved"), {{"co2e", mass_text(state, view.impact.kg_co2e)}}) : std::string();
    const float leaf = m.heading;
    const float saved_w = std::min(in.width() - leaf - m.gap, state.fonts.body->CalcTextSizeA(m.body, FLT_MAX, 0, saved.c_str()).x);
    // The shopper may print the voucher just issued again until they leave this screen (never a second voucher).
    const bool can_reprint = !donation && state.backend().last_payout_id() == payout.id;
    const float done_h = std::round(m.touch * 1.5f);

    // The words and both buttons must fit the card whatever the language and text size: first the mark goes (it only
    // decorates), then the heading and the amount get smaller, then "print it again" moves beside "done".
    struct Fit {
        bool mark;
        float title, display;
        bool side_by_side;
    };
    const Fit fits[] = {{true, m.title, m.display, false},
                        {false, m.title, m.display, false},
                        {false, std::round(m.title * 0.8f), std::round(m.display * 0.75f), false},
                        {false, std::round(m.title * 0.8f), std::round(m.display * 0.75f), true}};
    auto display_size = [&](const Fit& f) {
        return fitting_size(state.fonts.display, {f.display, f.display * 0.75f}, amount, ImVec2(in.width(), f.display));
    };
    auto words_height = [&](const Fit& f) {
        float h = f.mark ? 2 * m.title * 0.7f + m.gap : 0;
        h += measure_text(state.fonts.title, f.title, state.tr("voucher.thanks"), in.width()).y;
        h += display_size(f) * 1.05f + m.gap * 0.5f;
        h += measure_text(state.fonts.body, m.body, message, in.width()).y + m.gap;
        if (!code_line.empty()) h += measure_text(state.fonts.small, m.small, code_line, in.width()).y + m.gap * 0.5f;
        if (!saved.empty()) h += measure_text(state.fonts.body, m.body, saved, saved_w).y;
        return h;
    };
    auto buttons_height = [&](const Fit& f) { return m.gap + done_h + (can_reprint && !f.side_by_side ? m.gap + m.touch : 0); };
    Fit fit = fits[std::size(fits) - 1];
    for (const Fit& f : fits) {
        if (words_height(f) + buttons_height(f) <= in.height()) {
            fit = f;
            break;
        }
    }

    float y = in.min.y;
    if (fit.mark) {
        const float mark_r = m.title * 0.7f;
        const ImVec2 mark(in.min.x + in.width() * 0.5f, y + mark_r);
        if (donation) {
            draw->AddCircleFilled(mark, mark_r, p.accept, 0);
            draw_icon(draw, Icon::heart, mark, mark_r * 1.2f, p.on_primary);
        } else {
            draw_status_mark(draw, true, mark, mark_r, p.accept, p.on_primary);
        }
        y += 2 * mark_r + m.gap;
    }
    y += draw_text(draw, state.fonts.title, fit.title, ImVec2(in.min.x, y), p.text, state.tr("voucher.thanks"), in.width(), Align::center);
    const float display = display_size(fit);
    y += draw_text(draw, state.fonts.display, display, ImVec2(in.min.x, y), p.text, amount, in.width(), Align::center) + display * 0.05f;
    y += m.gap * 0.5f;
    y += draw_text(draw, state.fonts.body, m.body, ImVec2(in.min.x, y), p.text, message, in.width(), Align::center);
    y += m.gap;
    if (!code_line.empty()) {
        y += draw_text(draw, state.fonts.small, m.small, ImVec2(in.min.x, y), p.text_muted, code_line, in.width(), Align::center);
        y += m.gap * 0.5f;
    }
    if (!saved.empty()) {
        const float x = in.min.x + (in.width() - saved_w - leaf - m.gap * 0.5f) * 0.5f;
        draw_icon(draw, Icon::leaf, ImVec2(x + leaf * 0.5f, y + m.body * 0.5f), leaf, p.accept);
        draw_text(draw, state.fonts.body, m.body, ImVec2(x + leaf + m.gap * 0.5f, y), p.text, saved, saved_w);
    }
    const float done_w = can_reprint && fit.side_by_side ? std::floor((in.width() - m.gap) * 0.5f) : in.width();
    if (can_reprint) {
        const float again_h = fit.side_by_side ? done_h : m.touch;
        ImGui::SetCursorScreenPos(ImVec2(in.min.x, fit.side_by_side ? in.max.y - done_h : in.max.y - done_h - m.gap - m.touch));
        ButtonSpec again{state.tr("voucher.reprint"), {}, Icon::printer, ButtonKind::secondary};
        again.font = state.fonts.body;
        if (big_button(state, "reprint", ImVec2(fit.side_by_side ? done_w : in.width(), again_h), again)) reprint_voucher(state);
    }
    ImGui::SetCursorScreenPos(ImVec2(in.max.x - done_w, in.max.y - done_h));
    if (big_button(state, "done", ImVec2(done_w, done_h), ButtonSpec{state.tr("voucher.done"), {}, Icon::check, ButtonKind::primary})) {
        back_to_attract(state);
    }
    end_screen();
}

}  // namespace returnloop::kiosk::ui
