// Draw-list pictograms (see icons.hpp). Coordinates are in units of the icon's size, centred on 0.
#include "ui/icons.hpp"

#include <algorithm>
#include <cmath>

namespace returnloop::kiosk::ui {
namespace {

constexpr float kPi = 3.14159265f;

struct Pen {
    ImDrawList* draw;
    ImVec2 c;
    float s;
    ImU32 color;
    ImVec2 at(float x, float y) const { return ImVec2(c.x + x * s, c.y + y * s); }
    float w(float units) const { return std::max(1.5f, units * s); }
    void line(float x0, float y0, float x1, float y1, float thick) const { draw->AddLine(at(x0, y0), at(x1, y1), color, w(thick)); }
    void rect(float x0, float y0, float x1, float y1, float round, float thick) const {
        draw->AddRect(at(x0, y0), at(x1, y1), color, round * s, 0, w(thick));
    }
    void fill(float x0, float y0, float x1, float y1, float round = 0) const { draw->AddRectFilled(at(x0, y0), at(x1, y1), color, round * s); }
    void circle(float x, float y, float r, float thick) const { draw->AddCircle(at(x, y), r * s, color, 0, w(thick)); }
    void disc(float x, float y, float r) const { draw->AddCircleFilled(at(x, y), r * s, color, 0); }
    // ImGui 1.86 has no ellipse primitive: a 32-point path.
    void ellipse_path(float x, float y, float rx, float ry) const {
        for (int i = 0; i < 32; ++i) {
            const float a = static_cast<float>(i) * 2 * kPi / 32;
            draw->PathLineTo(at(x + std::cos(a) * rx, y + std::sin(a) * ry));
        }
    }
    void ellipse(float x, float y, float rx, float ry, float thick) const {
        ellipse_path(x, y, rx, ry);
        draw->PathStroke(color, ImDrawFlags_Closed, w(thick));
    }
    void ellipse_fill(float x, float y, float rx, float ry) const {
        ellipse_path(x, y, rx, ry);
        draw->PathFillConvex(color);
    }
};

}  // namespace

void draw_icon(ImDrawList* draw, Icon icon, ImVec2 center, float size, ImU32 color) {
    const Pen p{draw, center, size, color};
    const float t = 0.075f;  // stroke width
    switch (icon) {
        case Icon::none: break;
        case Icon::barcode: {
            const float bars[][2] = {{-0.42f, 0.05f}, {-0.32f, 0.03f}, {-0.25f, 0.08f}, {-0.12f, 0.03f}, {-0.05f, 0.05f},
                                     {0.05f, 0.08f},  {0.18f, 0.03f},  {0.25f, 0.05f},  {0.35f, 0.08f}};
            for (const auto& bar : bars) p.fill(bar[0], -0.32f, bar[0] + bar[1], 0.32f);
            p.line(-0.48f, 0, 0.48f, 0, 0.035f);  // the scanner's red line, drawn as a line: shape, not colour
            break;
        }
        case Icon::keypad:
            for (int row = 0; row < 3; ++row) {
                for (int col = 0; col < 3; ++col) {
                    const float x = -0.36f + static_cast<float>(col) * 0.27f, y = -0.36f + static_cast<float>(row) * 0.27f;
                    p.fill(x, y, x + 0.2f, y + 0.2f, 0.05f);
                }
            }
            break;
        case Icon::check: {
            const ImVec2 pts[] = {p.at(-0.34f, 0.02f), p.at(-0.1f, 0.26f), p.at(0.36f, -0.24f)};
            draw->AddPolyline(pts, 3, color, 0, p.w(0.12f));
            break;
        }
        case Icon::cross:
            p.line(-0.28f, -0.28f, 0.28f, 0.28f, 0.12f);
            p.line(0.28f, -0.28f, -0.28f, 0.28f, 0.12f);
            break;
        case Icon::printer:
            p.rect(-0.26f, -0.42f, 0.26f, -0.12f, 0.02f, t);        // paper in
            p.fill(-0.44f, -0.14f, 0.44f, 0.2f, 0.08f);             // body
            p.fill(-0.26f, 0.12f, 0.26f, 0.44f, 0.02f);             // receipt out
            draw->AddRectFilled(p.at(-0.18f, 0.2f), p.at(0.18f, 0.24f), IM_COL32(255, 255, 255, 200));
            draw->AddRectFilled(p.at(-0.18f, 0.3f), p.at(0.1f, 0.34f), IM_COL32(255, 255, 255, 200));
            break;
        case Icon::heart:
            p.disc(-0.17f, -0.1f, 0.2f);
            p.disc(0.17f, -0.1f, 0.2f);
            draw->AddTriangleFilled(p.at(-0.362f, -0.03f), p.at(0.362f, -0.03f), p.at(0, 0.4f), color);
            break;
        case Icon::qr: {
            auto finder = [&](float x, float y) {
                p.rect(x, y, x + 0.28f, y + 0.28f, 0.02f, 0.06f);
                p.fill(x + 0.09f, y + 0.09f, x + 0.19f, y + 0.19f);
            };
            finder(-0.42f, -0.42f);
            finder(0.14f, -0.42f);
            finder(-0.42f, 0.14f);
            const float dots[][2] = {{0.14f, 0.14f}, {0.28f, 0.2f}, {0.2f, 0.32f}, {0.34f, 0.36f}, {-0.04f, -0.1f}, {0.02f, 0.04f}, {-0.1f, 0.2f}};
            for (const auto& d : dots) p.fill(d[0], d[1], d[0] + 0.08f, d[1] + 0.08f);
            break;
        }
        case Icon::back: {
            p.line(-0.3f, 0, 0.34f, 0, 0.1f);
            const ImVec2 pts[] = {p.at(-0.02f, -0.3f), p.at(-0.32f, 0), p.at(-0.02f, 0.3f)};
            draw->AddPolyline(pts, 3, color, 0, p.w(0.1f));
            break;
        }
        case Icon::lock:
            draw->PathArcTo(p.at(0, -0.12f), 0.2f * size, kPi, 2 * kPi);
            draw->PathStroke(color, 0, p.w(0.08f));
            p.line(-0.2f, -0.12f, -0.2f, 0.0f, 0.08f);
            p.line(0.2f, -0.12f, 0.2f, 0.0f, 0.08f);
            p.fill(-0.32f, -0.02f, 0.32f, 0.4f, 0.06f);
            break;
        case Icon::leaf: {
            // A leaf from its stalk (bottom left) to its tip (top right): both edges bulge by sin(pi t), so the outline
            // is convex and fills cleanly; the midrib is drawn over it.
            const ImVec2 base = p.at(-0.36f, 0.36f), tip = p.at(0.4f, -0.4f);
            const ImVec2 along(tip.x - base.x, tip.y - base.y);
            const float length = std::sqrt(along.x * along.x + along.y * along.y);
            const ImVec2 normal(-along.y / length, along.x / length);
            const float bulge = 0.3f * length;
            constexpr int kSteps = 16;
            for (int side = 0; side < 2; ++side) {
                for (int i = 0; i <= kSteps; ++i) {
                    const float t = side == 0 ? static_cast<float>(i) / kSteps : 1.0f - static_cast<float>(i) / kSteps;
                    const float out = (side == 0 ? 1.0f : -1.0f) * bulge * std::sin(kPi * t);
                    draw->PathLineTo(ImVec2(base.x + along.x * t + normal.x * out, base.y + along.y * t + normal.y * out));
                }
            }
            draw->PathFillConvex(color);
            draw->AddLine(p.at(-0.46f, 0.46f), p.at(0.18f, -0.18f), IM_COL32(255, 255, 255, 200), p.w(0.045f));
            break;
        }
        case Icon::download:
            p.line(0, -0.4f, 0, 0.16f, 0.09f);
            {
                const ImVec2 pts[] = {p.at(-0.22f, -0.06f), p.at(0, 0.18f), p.at(0.22f, -0.06f)};
                draw->AddPolyline(pts, 3, color, 0, p.w(0.09f));
            }
            p.line(-0.4f, 0.2f, -0.4f, 0.38f, 0.08f);
            p.line(-0.4f, 0.38f, 0.4f, 0.38f, 0.08f);
            p.line(0.4f, 0.2f, 0.4f, 0.38f, 0.08f);
            break;
        case Icon::globe:
            p.circle(0, 0, 0.4f, 0.07f);
            p.ellipse(0, 0, 0.17f, 0.4f, 0.06f);
            p.line(-0.4f, 0, 0.4f, 0, 0.06f);
            p.line(-0.34f, -0.2f, 0.34f, -0.2f, 0.05f);
            p.line(-0.34f, 0.2f, 0.34f, 0.2f, 0.05f);
            break;
        case Icon::contrast:
            p.circle(0, 0, 0.38f, 0.08f);
            draw->PathArcTo(p.at(0, 0), 0.38f * size, -kPi * 0.5f, kPi * 0.5f, 24);
            draw->PathFillConvex(color);
            break;
        case Icon::text_size:
            // A small and a big "A", as strokes, so the icon needs no font.
            p.line(-0.44f, 0.3f, -0.3f, -0.06f, 0.06f);
            p.line(-0.3f, -0.06f, -0.16f, 0.3f, 0.06f);
            p.line(-0.39f, 0.17f, -0.21f, 0.17f, 0.05f);
            p.line(-0.06f, 0.36f, 0.16f, -0.36f, 0.08f);
            p.line(0.16f, -0.36f, 0.38f, 0.36f, 0.08f);
            p.line(0.02f, 0.12f, 0.3f, 0.12f, 0.07f);
            break;
        case Icon::play:
            draw->AddTriangleFilled(p.at(-0.24f, -0.34f), p.at(0.36f, 0), p.at(-0.24f, 0.34f), color);
            break;
        case Icon::warning:
            draw->AddTriangle(p.at(0, -0.4f), p.at(0.44f, 0.36f), p.at(-0.44f, 0.36f), color, p.w(0.08f));
            p.line(0, -0.14f, 0, 0.12f, 0.08f);
            p.disc(0, 0.24f, 0.05f);
            break;
        case Icon::info:
            p.circle(0, 0, 0.4f, 0.07f);
            p.line(0, -0.04f, 0, 0.24f, 0.08f);
            p.disc(0, -0.18f, 0.05f);
            break;
        case Icon::chart:
            p.fill(-0.38f, 0.0f, -0.18f, 0.38f, 0.03f);
            p.fill(-0.1f, -0.36f, 0.1f, 0.38f, 0.03f);
            p.fill(0.18f, -0.16f, 0.38f, 0.38f, 0.03f);
            break;
        case Icon::coins:
            p.ellipse_fill(0, 0.22f, 0.36f, 0.14f);
            p.ellipse_fill(0, 0.02f, 0.36f, 0.14f);
            p.ellipse(0, -0.2f, 0.36f, 0.14f, 0.06f);
            break;
        case Icon::list:
            for (int i = 0; i < 3; ++i) {
                const float y = -0.26f + static_cast<float>(i) * 0.26f;
                p.disc(-0.32f, y, 0.06f);
                p.line(-0.16f, y, 0.38f, y, 0.07f);
            }
            break;
        case Icon::shield: {
            const ImVec2 pts[] = {p.at(0, -0.42f), p.at(0.36f, -0.28f), p.at(0.32f, 0.1f), p.at(0, 0.42f), p.at(-0.32f, 0.1f), p.at(-0.36f, -0.28f)};
            draw->AddPolyline(pts, 6, color, ImDrawFlags_Closed, p.w(0.07f));
            const ImVec2 tick[] = {p.at(-0.16f, 0.0f), p.at(-0.03f, 0.13f), p.at(0.18f, -0.12f)};
            draw->AddPolyline(tick, 3, color, 0, p.w(0.07f));
            break;
        }
    }
}

void draw_status_mark(ImDrawList* draw, bool accepted, ImVec2 center, float radius, ImU32 fill, ImU32 mark) {
    if (accepted) {
        draw->AddCircleFilled(center, radius, fill, 0);
        draw_icon(draw, Icon::check, center, radius * 1.5f, mark);
        return;
    }
    ImVec2 points[8];
    for (int i = 0; i < 8; ++i) {
        const float angle = kPi / 8 + static_cast<float>(i) * kPi / 4;
        points[i] = ImVec2(center.x + std::cos(angle) * radius * 1.04f, center.y + std::sin(angle) * radius * 1.04f);
    }
    draw->AddConvexPolyFilled(points, 8, fill);
    draw_icon(draw, Icon::cross, center, radius * 1.4f, mark);
}

void draw_logo(ImDrawList* draw, ImVec2 center, float radius, ImU32 fill, ImU32 mark) {
    draw->AddCircleFilled(center, radius, fill, 0);
    const float r = radius * 0.56f, thick = std::max(2.0f, radius * 0.16f);
    for (int half = 0; half < 2; ++half) {
        const float start = static_cast<float>(half) * kPi + 0.35f, end = start + kPi - 0.7f;
        draw->PathArcTo(center, r, start, end, 20);
        draw->PathStroke(mark, 0, thick);
        // The arrowhead at the arc's end, pointing along the circle.
        const ImVec2 tip(center.x + std::cos(end + 0.28f) * r, center.y + std::sin(end + 0.28f) * r);
        const ImVec2 out(center.x + std::cos(end) * (r + thick * 1.1f), center.y + std::sin(end) * (r + thick * 1.1f));
        const ImVec2 in(center.x + std::cos(end) * (r - thick * 1.1f), center.y + std::sin(end) * (r - thick * 1.1f));
        draw->AddTriangleFilled(out, tip, in, mark);
    }
}

}  // namespace returnloop::kiosk::ui
