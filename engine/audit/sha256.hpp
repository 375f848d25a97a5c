#pragma once
// SHA-256 (FIPS 180-4) through OpenSSL's libcrypto, as lower-case hex; and that hex encoding.
// Pure; thread-safe.

#include <string>
#include <string_view>

namespace tdkt::engine::audit {

// The 64 lower-case hex digits of SHA-256 over `bytes`.
std::string Sha256Hex(std::string_view bytes);

// Two lower-case hex digits per byte of `bytes`.
std::string HexLower(std::string_view bytes);

}  // namespace tdkt::engine::audit
