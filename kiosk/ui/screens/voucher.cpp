// Voucher: the issued voucher (or digital credit, or donation) on screen, with the receipt image the back end
// rendered (barcodes included, drawn pixel for pixel so a till scanner reads them off the glass), and "Done".
#include <cmath>

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

    // The receipt, at one image pixel per screen pixel when it fits (bars stay sharp), else scaled down to fit.
    float info_x = body.min.x;
    if (!donation) {
        const float frame_h = body.height();
        float scale = 1;
        if (view.image) {
            const float fit = std::min((frame_h - 2 * m.pad) / static_cast<float>(view.image.height()), 1.0f);
            scale = fit >= 1 ? 1 : fit;
        }
        const float image_w = view.image ? std::floor(static_cast<float>(view.image.width()) * scale) : 560 * m.scale;
        const float image_h = view.image ? std::floor(static_cast<float>(view.image.height()) * scale) : frame_h - 2 * m.pad;
        const float frame_w = image_w + 2 * m.pad;
        card(state, body.min, ImVec2(body.min.x + frame_w, body.max.y));
        const ImVec2 at(std::floor(body.min.x + m.pad), std::floor(body.min.y + (frame_h - image_h) * 0.5f));
        if (view.image) {
            // Receipts are black on white whatever the theme: a barcode needs its light quiet zone.
            draw->AddRectFilled(at, ImVec2(at.x + image_w, at.y + image_h), IM_COL32(255, 255, 255, 255));
            draw->AddImage(view.image.id(), at, ImVec2(at.x + image_w, at.y + image_h));
        } else {
            const std::string code = payout.kind == PayoutKind::digital ? payout.codes.qr : payout.codes.code128;
            draw_text(draw, state.fonts.body, m.body, at, p.text, fill(state.tr("voucher.no_image"), {{"code", code}}), image_w);
        }
        info_x = body.min.x + frame_w + m.gap;
    }

    const Rect info{ImVec2(info_x, body.min.y), body.max};
    card(state, info.min, info.max);
    const Rect in = info.inset(m.pad * 1.5f);
    float y = in.min.y;
    const float mark_r = m.title * 0.7f;
    const ImVec2 mark(in.min.x + in.width() * 0.5f, y + mark_r);
    if (donation) {
        draw->AddCircleFilled(mark, mark_r, p.accept, 0);
        draw_icon(draw, Icon::heart, mark, mark_r * 1.2f, p.on_primary);
    } else {
        draw_status_mark(draw, true, mark, mark_r, p.accept, p.on_primary);
    }
    y += 2 * mark_r + m.gap;
    y += draw_text(draw, state.fonts.title, m.title, ImVec2(in.min.x, y), p.text, state.tr("voucher.thanks"), in.width(), Align::center);
    const std::string amount = amount_text(state, payout.amount);
    const float display = fitting_size(state.fonts.display, {m.display, m.display * 0.75f}, amount, ImVec2(in.width(), m.display));
    const float amount_w = state.fonts.display->CalcTextSizeA(display, FLT_MAX, 0, amount.c_str()).x;
    draw->AddText(state.fonts.display, display, ImVec2(in.min.x + (in.width() - amount_w) * 0.5f, y), p.text, amount.c_str());
    y += display * 1.05f + m.gap * 0.5f;
    y += draw_text(draw, state.fonts.body, m.body, ImVec2(in.min.x, y), p.text, message_for(state, view), in.width(), Align::center);
    y += m.gap;
    if (payout.kind == PayoutKind::voucher && !payout.codes.ean13.empty()) {
        y += draw_text(draw, state.fonts.small, m.small, ImVec2(in.min.x, y), p.text_muted,
                       state.tr("voucher.code") + ": " + payout.codes.ean13, in.width(), Align::center);
        y += m.gap * 0.5f;
    }
    if (view.impact.co2e_known) {
        const std::string saved = fill(state.tr("voucher.saved"), {{"co2e", mass_text(state, view.impact.kg_co2e)}});
        const float icon = m.heading;
        const float text_w = std::min(in.width() - icon - m.gap, state.fonts.body->CalcTextSizeA(m.body, FLT_MAX, 0, saved.c_str()).x);
        const float x = in.min.x + (in.width() - text_w - icon - m.gap * 0.5f) * 0.5f;
        draw_icon(draw, Icon::leaf, ImVec2(x + icon * 0.5f, y + m.body * 0.5f), icon, p.accept);
        draw_text(draw, state.fonts.body, m.body, ImVec2(x + icon + m.gap * 0.5f, y), p.text, saved, text_w);
    }
    const float done_h = std::round(m.touch * 1.5f);
    // The shopper may print the voucher just issued again until they leave this screen (never a second voucher).
    if (!donation && state.backend().last_payout_id() == payout.id) {
        ImGui::SetCursorScreenPos(ImVec2(in.min.x, in.max.y - done_h - m.gap - m.touch));
        ButtonSpec again{state.tr("voucher.reprint"), {}, Icon::printer, ButtonKind::secondary};
        again.font = state.fonts.body;
        if (big_button(state, "reprint", ImVec2(in.width(), m.touch), again)) reprint_voucher(state);
    }
    ImGui::SetCursorScreenPos(ImVec2(in.min.x, in.max.y - done_h));
    if (big_button(state, "done", ImVec2(in.width(), done_h), ButtonSpec{state.tr("voucher.done"), {}, Icon::check, ButtonKind::primary})) {
        back_to_attract(state);
    }
    end_screen();
}

}  // namespace returnloop::kiosk::ui
