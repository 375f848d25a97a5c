#pragma once
// The program's version, for /api/v1/version and `tdkt --version`.

#include <string_view>

namespace tdkt::engine {
inline constexpr std::string_view kVersion = "0.1.0";
}  // namespace tdkt::engine
