// Canonical JSON (the bytes the audit chain hashes) on arbitrary text.
//
// Whatever CanonicalizeJsonText accepts, its output must be JSON that canonicalizes to itself
// (the form is a fixed point), hold no whitespace outside strings, and parse back to the same
// value as the input.

#include <boost/json.hpp>

#include "engine/audit/canonical_json.hpp"
#include "fuzz/fuzz_check.hpp"

namespace {

using tdkt::fuzz::Check;

// No space, tab, CR or LF outside string literals.
bool NoWhitespaceOutsideStrings(std::string_view text) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = tdkt::fuzz::AsText(data, size);
  auto canonical = tdkt::engine::audit::CanonicalizeJsonText(text);
  if (!canonical.ok()) return 0;

  auto again = tdkt::engine::audit::CanonicalizeJsonText(*canonical);
  Check(again.ok(), "canonical bytes must be accepted again", *canonical);
  Check(*again == *canonical, "canonical bytes must canonicalize to themselves",
        *canonical + "\n" + *again);
  Check(NoWhitespaceOutsideStrings(*canonical), "no whitespace outside strings", *canonical);

  auto original = tdkt::engine::audit::ParseJson(text);
  auto reparsed = tdkt::engine::audit::ParseJson(*canonical);
  Check(original.ok() && reparsed.ok() && *original == *reparsed,
        "canonical bytes must hold the same value as the input", *canonical);
  return 0;
}
