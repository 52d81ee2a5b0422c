// The admin screen's words (see admin_words.hpp).
#include "ui/admin_words.hpp"

#include "ui/format.hpp"

namespace returnloop::kiosk::ui {
namespace {

std::string trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return std::string(text);
}

// The language's separator becomes the point scheme files use; a point typed in German is refused, not guessed at
// (it would be a thousands separator there).
std::optional<std::string> to_scheme_decimal(const AppState& state, std::string_view typed) {
    std::string text = trimmed(typed);
    const char separator = decimal_separator(state);
    std::size_t separators = 0;
    for (char& c : text) {
        if (c == separator) {
            c = '.';
            ++separators;
        } else if (c < '0' || c > '9') {
            return std::nullopt;
        }
    }
    if (text.empty() || separators > 1 || text.front() == '.' || text.back() == '.') return std::nullopt;
    return text;
}

std::string field_label(const AppState& state, std::string_view field) {
    if (field == "depositMinor") return state.tr("admin.rates.deposit");
    if (field == "refundMinor") return state.tr("admin.rates.refund");
    if (field == "handlingFee") return state.tr("admin.rates.fee");
    return {};
}

}  // namespace

std::string error_sentence(const AppState& state, const Error& error) {
    const std::string key = "error." + std::string(error_code_id(error.code));
    if (error.code != ErrorCode::other && state.strings().has(key)) {
        // One argument at a time: the sentences use at most a few, and a filled value holds no placeholder.
        std::string text = state.tr(key);
        for (const ErrorArg& arg : error.args) text = fill(text, {{arg.name, arg.value}});
        return text;
    }
    return state.shopper.language == Language::en && !error.message.empty() ? error.message : state.tr("error.other");
}

std::string rule_error_text(const AppState& state, int rule, const Error& error) {
    std::string place = rule >= 0 ? fill(state.tr("admin.rates.rule_n"), {{"n", std::to_string(rule + 1)}}) : std::string();
    const ErrorPlace where = error.place();
    if (const std::string field = field_label(state, where.field); !field.empty()) place += (place.empty() ? "" : " · ") + field;
    const std::string message = error_sentence(state, error);
    return place.empty() ? message : fill(state.tr("error.place"), {{"place", place}, {"message", message}});
}

char decimal_separator(const AppState& state) {
    const std::string half = format_number(0.5, locale_of(state), 1);  // "0.5" or "0,5", as the core writes numbers
    return half.size() == 3 ? half[1] : '.';
}

std::string typed_amount(const AppState& state, std::string_view scheme_decimal) {
    std::string out(scheme_decimal);
    for (char& c : out) {
        if (c == '.') c = decimal_separator(state);
    }
    return out;
}

Result<Money> parse_typed_amount(const AppState& state, std::string_view typed, Currency currency) {
    const std::optional<std::string> decimal = to_scheme_decimal(state, typed);
    const std::string example = typed_amount(state, minor_decimal(25, currency));
    if (!decimal) return Error{"amount", fill(state.tr("admin.rates.not_amount"), {{"text", trimmed(typed)}, {"example", example}})};
    Result<Money> money = parse_money(*decimal, currency);
    if (!money) return Error{"amount", error_sentence(state, money.error())};
    return money;
}

std::optional<std::string> parse_typed_fee(const AppState& state, std::string_view typed) {
    if (trimmed(typed).empty()) return std::string("0");
    return to_scheme_decimal(state, typed);
}

std::vector<std::string> daily_report_lines(const AppState& state, const DailyReport& report) {
    const KioskSettings& settings = state.backend().settings();
    auto n = [&state](std::int64_t value) { return count_text(state, static_cast<std::uint64_t>(value)); };
    auto counted = [&](const char* key, std::int64_t count, Money amount) {
        return fill(state.tr(key), {{"n", n(count)}, {"amount", amount_text(state, amount)}});
    };
    std::vector<std::string> lines{
        fill(state.tr("report.title"), {{"date", date_text(state, report.day)}}),
        fill(state.tr("report.machine"), {{"store", std::to_string(settings.store)}, {"machine", std::to_string(settings.machine)}}),
        "",
        counted("report.containers", report.containers, report.refunded),
        state.tr("report.by_material"),
    };
    for (const auto& [material, count] : report.by_material) {
        lines.push_back("  " + fill(state.tr("report.count_of"), {{"what", state.tr("material." + std::string(material_id(material)))}, {"n", n(count)}}));
    }
    if (report.unregistered_containers > 0) {
        lines.push_back("  " + fill(state.tr("report.count_of"), {{"what", state.tr("report.unregistered")}, {"n", n(report.unregistered_containers)}}));
    }
    lines.push_back(state.tr("report.by_deposit"));
    for (const DepositCount& value : report.by_deposit) {
        lines.push_back("  " + fill(state.tr("report.times"), {{"n", n(value.count)}, {"amount", amount_text(state, value.value)}}));
    }
    lines.push_back("");
    lines.push_back(fill(state.tr("report.sessions"), {{"n", n(report.sessions)}}));
    lines.push_back(counted("report.vouchers_issued", report.vouchers_issued, report.vouchers_issued_value));
    lines.push_back(counted("report.vouchers_redeemed", report.vouchers_redeemed, report.vouchers_redeemed_value));
    lines.push_back(counted("report.vouchers_outstanding", report.vouchers_outstanding, report.vouchers_outstanding_value));
    lines.push_back(counted("report.donations", report.donations, report.donated));
    lines.push_back("");
    lines.push_back(fill(state.tr("report.refusals"), {{"n", n(report.refusals_total)}}));
    for (const auto& [reason, count] : report.refusals) {
        const std::string key = "report.reason." + reason;
        const std::string what = state.strings().has(key) ? state.tr(key) : reason;
        lines.push_back("  " + fill(state.tr("report.count_of"), {{"what", what}, {"n", n(count)}}));
    }
    lines.push_back(fill(state.tr("report.bins"), {{"n", n(report.bin_emptyings)}}));
    return lines;
}

}  // namespace returnloop::kiosk::ui
