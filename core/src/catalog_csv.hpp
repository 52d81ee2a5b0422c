// RFC 4180 record reader for the product register: quoted fields, doubled quotes, CRLF or LF line ends.
// Reads in place: a field is a view into the input unless it contained a doubled quote.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace returnloop::detail {

struct CsvRecord {
    std::size_t line = 0;                  // physical line the record starts on, 1-based
    std::vector<std::string_view> fields;  // unquoted values; only the first kMaxStoredFields are kept
    std::size_t field_count = 0;           // every field of the record, kept or not
    bool blank = false;                    // an empty line, which the register skips
    // A syntax error ends the record at the next line break; the fields read before it are kept.
    bool has_error = false;
    std::size_t error_field = 0;     // 0-based index of the field at fault
    std::string_view error_message;  // static text
};

class CsvReader {
public:
    // A register has eight columns; more than this many fields can only be junk, so only their count is kept.
    static constexpr std::size_t kMaxStoredFields = 64;

    explicit CsvReader(std::string_view text) : text_(text) {}

    // Reads the next record into `record` (its views live until the next call); false at end of input.
    bool next(CsvRecord& record);

private:
    struct Span {
        std::size_t offset;
        std::size_t size;
        bool in_scratch;  // unescaped copy in scratch_ rather than a view of the input
    };

    void push(std::size_t field_index, Span span);
    void skip_rest_of_line(std::size_t from);
    void finish(CsvRecord& record);

    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::string scratch_;      // fields with doubled quotes, unescaped
    std::vector<Span> spans_;  // the record's fields until finish() turns them into views
};

}  // namespace returnloop::detail
