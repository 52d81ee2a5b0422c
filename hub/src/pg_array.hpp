// A PostgreSQL array literal built element by element ({"a","b"}), passed as one text parameter and expanded with
// unnest() so many rows are written by one statement. Every element is quoted and escaped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace returnloop::hub {

class PgArray {
public:
    void add(std::int64_t value) { separate(); text_ += std::to_string(value); }
    void add(std::string_view value) {
        separate();
        text_ += '"';
        for (char c : value) {
            if (c == '"' || c == '\\') text_ += '\\';
            text_ += c;
        }
        text_ += '"';
    }
    bool empty() const { return count_ == 0; }
    std::string text() const { return "{" + text_ + "}"; }

private:
    void separate() {
        if (count_++ > 0) text_ += ',';
    }
    std::string text_;
    std::size_t count_ = 0;
};

}  // namespace returnloop::hub
