#pragma once
// Duplicate keys in JSON text. RFC 8259 leaves an object with a key twice to the reader, and
// Boost.JSON (1.81) keeps the last one silently: a request could say "type" twice and be judged
// on the value a reviewer did not read. The API refuses such bodies instead.
//
// Pure; safe from any thread.

#include <optional>
#include <string>
#include <string_view>

namespace tdkt::engine::codec {

// The first key that appears twice in one object of `json` ("payload.reason"), or nullopt when
// none does or the text is not JSON (the JSON parser reports that).
std::optional<std::string> FindDuplicateKey(std::string_view json);

}  // namespace tdkt::engine::codec
