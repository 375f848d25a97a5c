#pragma once
// Canonical JSON: the one byte form of a JSON value that the audit chain hashes.
//
// The form is exactly what Python's standard library writes with
//   json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
// so that an auditor can recompute every hash with a few lines of their own (docs/audit-format.md):
//   - no whitespace; object members sorted by key, comparing keys by Unicode code point (which is
//     the byte order of their UTF-8 encoding);
//   - strings in UTF-8, unescaped except `"` and `\` (as \" and \\), \b \f \n \r \t, and the other
//     control characters U+0000..U+001F as \u00XX with lower-case hex;
//   - integers in plain decimal; true, false, null;
//   - no floating-point numbers: a double anywhere is refused, since its text form is not stable
//     across languages. Nor are strings that are not valid UTF-8, or duplicate keys.
// Pure functions; safe to call from any thread.

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "engine/status.hpp"

namespace tdkt::engine::audit {

// The canonical bytes of `value`. Returns InvalidArgument naming the offending path ("$.a[2]")
// when it holds a floating-point number or a string that is not valid UTF-8.
Result<std::string> CanonicalJson(const boost::json::value& value);

// Parses `text` (any JSON, whitespace allowed) and returns its canonical bytes. Returns
// InvalidArgument when `text` is not JSON or is refused by CanonicalJson.
Result<std::string> CanonicalizeJsonText(std::string_view text);

// Parses `text` into a value; InvalidArgument with the parser's message when it is not JSON.
Result<boost::json::value> ParseJson(std::string_view text);

}  // namespace tdkt::engine::audit
