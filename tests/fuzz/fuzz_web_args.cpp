// Fuzzes the core's one JSON reader (core/src/json_input.cpp) as the web module reads its call arguments, against
// RapidJSON's own reading of the same text: whatever it accepts RapidJSON accepts too, with the same shape, the same
// whole numbers typed the same way, and decimals within a few units in the last place; nothing deeper than its limit.
#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "returnloop/json_input.hpp"
#include "fuzz_support.hpp"

namespace {

void same(const rapidjson::Value& ours, const rapidjson::Value& theirs) {
    RETURNLOOP_FUZZ_CHECK(ours.GetType() == theirs.GetType());
    if (ours.IsNumber()) {
        RETURNLOOP_FUZZ_CHECK(ours.IsInt() == theirs.IsInt() && ours.IsUint() == theirs.IsUint());
        RETURNLOOP_FUZZ_CHECK(ours.IsInt64() == theirs.IsInt64() && ours.IsUint64() == theirs.IsUint64());
        if (ours.IsInt64()) RETURNLOOP_FUZZ_CHECK(ours.GetInt64() == theirs.GetInt64());
        else if (ours.IsUint64()) RETURNLOOP_FUZZ_CHECK(ours.GetUint64() == theirs.GetUint64());
        else RETURNLOOP_FUZZ_CHECK(std::fabs(ours.GetDouble() - theirs.GetDouble()) <= 1e-14 * std::fabs(theirs.GetDouble()) ||
                                   std::fabs(theirs.GetDouble()) < 1e-300);
    } else if (ours.IsObject()) {
        RETURNLOOP_FUZZ_CHECK(ours.MemberCount() == theirs.MemberCount());
        for (auto a = ours.MemberBegin(), b = theirs.MemberBegin(); a != ours.MemberEnd(); ++a, ++b) {
            RETURNLOOP_FUZZ_CHECK(a->name == b->name);
            same(a->value, b->value);
        }
    } else if (ours.IsArray()) {
        RETURNLOOP_FUZZ_CHECK(ours.Size() == theirs.Size());
        for (rapidjson::SizeType i = 0; i < ours.Size(); ++i) same(ours[i], theirs[i]);
    } else if (ours.IsString()) {
        RETURNLOOP_FUZZ_CHECK(ours == theirs);
    }
}

std::size_t depth(const rapidjson::Value& v) {
    std::size_t deepest = 0;
    if (v.IsObject())
        for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) deepest = std::max(deepest, depth(m->value));
    else if (v.IsArray())
        for (const auto& e : v.GetArray()) deepest = std::max(deepest, depth(e));
    else return 0;
    return deepest + 1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    returnloop::JsonDocument ours;
    const bool ok = static_cast<bool>(returnloop::read_json(text, ours, returnloop::kCallArgumentLimits));
    RETURNLOOP_FUZZ_CHECK(ok || ours.IsNull());
    RETURNLOOP_FUZZ_CHECK(!ok || depth(ours) <= returnloop::kCallArgumentLimits.max_depth);
    if (!ok) return 0;
    rapidjson::Document theirs;
    // RapidJSON's default reading, as the module read its arguments before (its full-precision mode trips UBSan in
    // diyfp.h of Debian's 1.1.0).
    theirs.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
    RETURNLOOP_FUZZ_CHECK(!theirs.HasParseError());
    same(ours, theirs);
    return 0;
}
