#include "engine/audit/sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace tdkt::engine::audit {

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    // Only a broken libcrypto fails here: a programmer/installation error, not a data error.
    throw std::runtime_error("libcrypto could not compute SHA-256");
  }
  return HexLower(std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string HexLower(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * bytes.size());
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0x0F]);
  }
  return out;
}

}  // namespace tdkt::engine::audit
