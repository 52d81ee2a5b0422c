// Reads a call's JSON arguments for the web module, numbers included, without RapidJSON's own decimal conversion.
#pragma once

#include <rapidjson/document.h>

#include <string_view>

namespace returnloop::web {

// A RapidJSON document whose numbers are converted here from their text: integers as RapidJSON types them, decimals
// exactly up to 15 digits (args_reader.cpp). RapidJSON's own conversion carries a table of 309 powers of ten
// (2.4 KB brotli), more than the first view's module can spend on reading a few rates and masses.
class ArgsDocument : public rapidjson::Document {
public:
    bool RawNumber(const char* text, rapidjson::SizeType length, bool copy);  // the reader's event for a number
};

// Parses json into doc; false (doc left null) when it is not JSON or a number is out of a double's range.
bool read_args(std::string_view json, ArgsDocument& doc);

}  // namespace returnloop::web
