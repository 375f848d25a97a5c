#include "engine/audit/ed25519.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

namespace tdkt::engine::audit {
namespace {

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

constexpr std::size_t kPublicKeySize = 32;
constexpr std::size_t kSignatureSize = 64;

std::unique_ptr<BIO, BioFree> MemoryBio(std::string_view pem) {
  return std::unique_ptr<BIO, BioFree>(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

// The key in `pem`: a private key when it holds one, else a public key; null when neither.
Key ReadKey(std::string_view pem, bool want_private) {
  auto bio = MemoryBio(pem);
  if (!bio) return nullptr;
  EVP_PKEY* key = want_private ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                               : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  return Key(key);
}

bool IsEd25519(const Key& key) { return key && EVP_PKEY_get_id(key.get()) == EVP_PKEY_ED25519; }

}  // namespace

Result<std::string> Ed25519PublicKey(std::string_view pem) {
  Key key = ReadKey(pem, pem.find("PRIVATE KEY-----") != std::string_view::npos);
  if (!key) return Status::InvalidArgument("not a key in PEM form");
  if (!IsEd25519(key)) return Status::InvalidArgument("not an Ed25519 key");
  std::string raw(kPublicKeySize, '\0');
  std::size_t length = raw.size();
  if (EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char*>(raw.data()),
                                  &length) != 1 ||
      length != kPublicKeySize) {
    return Status::InvalidArgument("the Ed25519 key has no public part");
  }
  return raw;
}

Result<std::string> Ed25519Sign(std::string_view private_key_pem, std::string_view message) {
  Key key = ReadKey(private_key_pem, true);
  if (!key) return Status::InvalidArgument("not a private key in PEM form");
  if (!IsEd25519(key)) return Status::InvalidArgument("not an Ed25519 private key");
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  std::string signature(kSignatureSize, '\0');
  std::size_t length = signature.size();
  // Ed25519 hashes internally: no digest is named, and the message goes in one piece.
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1 ||
      length != kSignatureSize) {
    return Status::InvalidArgument("libcrypto could not sign with the Ed25519 key");
  }
  return signature;
}

bool Ed25519Verify(std::string_view public_key, std::string_view message,
                   std::string_view signature) {
  if (public_key.size() != kPublicKeySize || signature.size() != kSignatureSize) return false;
  Key key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                      reinterpret_cast<const unsigned char*>(public_key.data()),
                                      public_key.size()));
  if (!key) return false;
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                          message.size()) == 1;
}

}  // namespace tdkt::engine::audit
