// A small JSON writer for the web module's answers: one growing string, commas placed automatically, every
// method out of line so each field written costs a call rather than an inlined copy of a generic writer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace returnloop::web {

class JsonOut {
public:
    void clear();
    const char* c_str() const { return text_.c_str(); }

    JsonOut& object();      // {
    JsonOut& array();       // [
    JsonOut& end_object();  // }
    JsonOut& end_array();   // ]
    JsonOut& key(const char* name);

    // Values (after key() inside an object, or as array entries).
    JsonOut& string(std::string_view value);
    JsonOut& integer(std::int64_t value);
    JsonOut& number(double value);  // shortest text that reads back as the same double; null when not finite
    JsonOut& boolean(bool value);
    JsonOut& null();

    // A member: key and value in one call.
    JsonOut& string(const char* name, std::string_view value) { return key(name).string(value); }
    JsonOut& integer(const char* name, std::int64_t value) { return key(name).integer(value); }
    JsonOut& number(const char* name, double value) { return key(name).number(value); }
    JsonOut& boolean(const char* name, bool value) { return key(name).boolean(value); }
    JsonOut& object(const char* name) { return key(name).object(); }
    JsonOut& array(const char* name) { return key(name).array(); }

private:
    void separate();  // the comma before a value or key that is not the first in its container
    std::string text_;
    bool first_ = true;
};

}  // namespace returnloop::web
