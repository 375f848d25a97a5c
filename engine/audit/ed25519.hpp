#pragma once
// Ed25519 signatures (RFC 8032) through OpenSSL's EVP interface, for the audit log's signed
// checkpoints. Keys travel as PEM text: the private key as PKCS#8 ("BEGIN PRIVATE KEY"), the
// public key as SubjectPublicKeyInfo ("BEGIN PUBLIC KEY") — what `tdkt audit keygen` and
// `openssl genpkey -algorithm ed25519` write and what python3-cryptography reads.
//
// Pure (the PEM is parsed from memory; making a key, which needs the system's randomness, is the
// CLI's business); thread-safe.

#include <string>
#include <string_view>

#include "engine/status.hpp"

namespace tdkt::engine::audit {

// The 32 raw bytes of the public key in `pem`, which may hold a public or a private Ed25519 key.
// InvalidArgument when `pem` is not PEM, or holds another kind of key.
Result<std::string> Ed25519PublicKey(std::string_view pem);

// The 64-byte Ed25519 signature of `message` by the private key in `private_key_pem`.
// InvalidArgument when it is not an Ed25519 private key in PEM.
Result<std::string> Ed25519Sign(std::string_view private_key_pem, std::string_view message);

// Whether `signature` (64 bytes) is `public_key`'s (32 raw bytes) signature of `message`.
bool Ed25519Verify(std::string_view public_key, std::string_view message,
                   std::string_view signature);

}  // namespace tdkt::engine::audit
