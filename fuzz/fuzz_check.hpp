#pragma once
// What the harnesses share: a check of a property that must hold for every input, which stops the
// run (and so makes libFuzzer keep the input as a crash) when it does not. Single-threaded, as
// libFuzzer calls a harness.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace tdkt::fuzz {

// Aborts with `what` and `detail` on stderr unless `condition` holds.
inline void Check(bool condition, const char* what, std::string_view detail = {}) {
  if (condition) return;
  std::fprintf(stderr, "property violated: %s\n%.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

inline std::string_view AsText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace tdkt::fuzz
