// RFC 4180 record reader for the product register (see catalog_csv.hpp).
// Plain fields are scanned byte by byte against a table; quoted fields jump from quote to quote with memchr,
// which keeps a 10^6-row register well inside its load budget.
#include "catalog_csv.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace returnloop::detail {
namespace {

constexpr std::array<bool, 256> make_plain_stops() {
    std::array<bool, 256> stops{};
    stops[static_cast<unsigned char>(',')] = true;
    stops[static_cast<unsigned char>('\n')] = true;
    stops[static_cast<unsigned char>('"')] = true;
    return stops;
}
constexpr std::array<bool, 256> kPlainStops = make_plain_stops();

constexpr std::string_view kUnclosedQuote = "a quoted field is not closed before the end of the file";
constexpr std::string_view kTextAfterQuote =
    "text after a closing quote; inside a quoted field a quote is written twice (\"\")";
constexpr std::string_view kQuoteInPlainField =
    "a quote inside an unquoted field; quote the whole field and write the quote twice (\"\")";

}  // namespace

void CsvReader::push(std::size_t field_index, Span span) {
    if (field_index < kMaxStoredFields) spans_.push_back(span);
}

void CsvReader::skip_rest_of_line(std::size_t from) {
    const void* newline = std::memchr(text_.data() + from, '\n', text_.size() - from);
    if (newline == nullptr) {
        pos_ = text_.size();
        return;
    }
    pos_ = static_cast<std::size_t>(static_cast<const char*>(newline) - text_.data()) + 1;
    ++line_;
}

void CsvReader::finish(CsvRecord& record) {
    record.fields.clear();
    for (const Span& span : spans_) {
        const char* base = span.in_scratch ? scratch_.data() : text_.data();
        record.fields.emplace_back(base + span.offset, span.size);
    }
}

bool CsvReader::next(CsvRecord& record) {
    const char* const data = text_.data();
    const std::size_t size = text_.size();
    if (pos_ >= size) return false;

    record.line = line_;
    record.fields.clear();
    record.field_count = 0;
    record.blank = false;
    record.has_error = false;
    record.error_field = 0;
    record.error_message = {};
    scratch_.clear();
    spans_.clear();

    std::size_t p = pos_;
    if (data[p] == '\n' || (data[p] == '\r' && p + 1 < size && data[p + 1] == '\n')) {
        record.blank = true;
        pos_ = p + (data[p] == '\n' ? 1 : 2);
        ++line_;
        return true;
    }

    auto fail = [&](std::size_t field_index, std::string_view message, std::size_t resume_from) {
        record.has_error = true;
        record.error_field = field_index;
        record.error_message = message;
        skip_rest_of_line(resume_from);
        finish(record);
        return true;
    };
    // Ends the record; the next one starts at `after`.
    auto end_record = [&](std::size_t after) {
        pos_ = after;
        finish(record);
        return true;
    };

    for (;;) {
        const std::size_t field_index = record.field_count++;
        if (p < size && data[p] == '"') {
            ++p;
            std::size_t segment = p;
            bool escaped = false;
            const std::size_t scratch_start = scratch_.size();
            for (;;) {
                const void* quote = std::memchr(data + p, '"', size - p);
                if (quote == nullptr) {
                    line_ += static_cast<std::size_t>(std::count(data + p, data + size, '\n'));
                    record.has_error = true;
                    record.error_field = field_index;
                    record.error_message = kUnclosedQuote;
                    pos_ = size;
                    finish(record);
                    return true;
                }
                const std::size_t q = static_cast<std::size_t>(static_cast<const char*>(quote) - data);
                line_ += static_cast<std::size_t>(std::count(data + p, data + q, '\n'));
                if (q + 1 < size && data[q + 1] == '"') {
                    escaped = true;
                    scratch_.append(data + segment, q + 1 - segment);  // keeps one of the two quotes
                    p = q + 2;
                    segment = p;
                    continue;
                }
                if (escaped) {
                    scratch_.append(data + segment, q - segment);
                    push(field_index, Span{scratch_start, scratch_.size() - scratch_start, true});
                } else {
                    push(field_index, Span{segment, q - segment, false});
                }
                p = q + 1;
                break;
            }
            if (p >= size) return end_record(size);
            if (data[p] == ',') {
                ++p;
                continue;
            }
            if (data[p] == '\n') {
                ++line_;
                return end_record(p + 1);
            }
            if (data[p] == '\r' && p + 1 < size && data[p + 1] == '\n') {
                ++line_;
                return end_record(p + 2);
            }
            return fail(field_index, kTextAfterQuote, p);
        }

        const std::size_t start = p;
        while (p < size && !kPlainStops[static_cast<unsigned char>(data[p])]) ++p;
        if (p < size && data[p] == '"') return fail(field_index, kQuoteInPlainField, p);
        if (p >= size) {
            push(field_index, Span{start, p - start, false});
            return end_record(size);
        }
        if (data[p] == ',') {
            push(field_index, Span{start, p - start, false});
            ++p;
            continue;
        }
        // A line feed; a carriage return just before it belongs to the CRLF line end, not to the field.
        const std::size_t end = (p > start && data[p - 1] == '\r') ? p - 1 : p;
        push(field_index, Span{start, end - start, false});
        ++line_;
        return end_record(p + 1);
    }
}

}  // namespace returnloop::detail
