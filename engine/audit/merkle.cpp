#include "engine/audit/merkle.hpp"

#include <openssl/evp.h>

#include <bit>
#include <stdexcept>

namespace tdkt::engine::audit {
namespace {

constexpr unsigned char kLeafPrefix = 0x00;
constexpr unsigned char kNodePrefix = 0x01;

MerkleHash Sha256(const unsigned char* data, std::size_t size) {
  MerkleHash out{};
  unsigned int length = 0;
  if (EVP_Digest(data, size, out.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != out.size()) {
    // Only a broken libcrypto fails here: an installation error, not a data error.
    throw std::runtime_error("libcrypto could not compute SHA-256");
  }
  return out;
}

// RFC 9162 §2.1.1: "k is the largest power of two smaller than n" (n > 1).
std::size_t SplitPoint(std::size_t n) { return std::bit_floor(n - 1); }

// RFC 9162 §2.1.3.1: PATH(m, D[n]), the sibling next to the leaf first.
void Path(std::span<const MerkleHash> leaves, std::uint64_t m, std::vector<MerkleHash>& out) {
  const std::size_t n = leaves.size();
  if (n <= 1) return;
  const std::size_t k = SplitPoint(n);
  if (m < k) {
    Path(leaves.first(k), m, out);
    out.push_back(TreeHash(leaves.subspan(k)));
  } else {
    Path(leaves.subspan(k), m - k, out);
    out.push_back(TreeHash(leaves.first(k)));
  }
}

// RFC 9162 §2.1.4.1: SUBPROOF(m, D[n], b).
void SubProof(std::span<const MerkleHash> leaves, std::uint64_t m, bool b,
              std::vector<MerkleHash>& out) {
  const std::size_t n = leaves.size();
  if (m == n) {
    if (!b) out.push_back(TreeHash(leaves));
    return;
  }
  const std::size_t k = SplitPoint(n);
  if (m <= k) {
    SubProof(leaves.first(k), m, b, out);
    out.push_back(TreeHash(leaves.subspan(k)));
  } else {
    SubProof(leaves.subspan(k), m - k, false, out);
    out.push_back(TreeHash(leaves.first(k)));
  }
}

bool Odd(std::uint64_t v) { return (v & 1U) != 0; }

}  // namespace

MerkleHash LeafHash(std::string_view leaf) {
  std::string input;
  input.reserve(leaf.size() + 1);
  input.push_back(static_cast<char>(kLeafPrefix));
  input.append(leaf);
  return Sha256(reinterpret_cast<const unsigned char*>(input.data()), input.size());
}

MerkleHash NodeHash(const MerkleHash& left, const MerkleHash& right) {
  std::array<unsigned char, 1 + 2 * 32> input{};
  input[0] = kNodePrefix;
  std::copy(left.begin(), left.end(), input.begin() + 1);
  std::copy(right.begin(), right.end(), input.begin() + 1 + 32);
  return Sha256(input.data(), input.size());
}

MerkleHash EmptyTreeHash() { return Sha256(nullptr, 0); }

MerkleHash TreeHash(std::span<const MerkleHash> leaves) {
  const std::size_t n = leaves.size();
  if (n == 0) return EmptyTreeHash();
  // The leaves arrive hashed already: MTH({d0}) = LeafHash(d0) is the leaf hash itself.
  if (n == 1) return leaves[0];
  const std::size_t k = SplitPoint(n);
  return NodeHash(TreeHash(leaves.first(k)), TreeHash(leaves.subspan(k)));
}

Result<std::vector<MerkleHash>> InclusionProof(std::span<const MerkleHash> leaves,
                                               std::uint64_t index) {
  if (index >= leaves.size()) {
    return Status::InvalidArgument("leaf " + std::to_string(index) + " is not in a tree of size " +
                                   std::to_string(leaves.size()));
  }
  std::vector<MerkleHash> proof;
  Path(leaves, index, proof);
  return proof;
}

bool VerifyInclusion(std::uint64_t index, std::uint64_t size, const MerkleHash& leaf,
                     std::span<const MerkleHash> proof, const MerkleHash& root) {
  // RFC 9162 §2.1.3.2, step by step.
  if (index >= size) return false;  // 1
  std::uint64_t fn = index;         // 2
  std::uint64_t sn = size - 1;
  MerkleHash r = leaf;  // 3
  for (const MerkleHash& p : proof) {
    if (sn == 0) return false;  // 4a
    if (Odd(fn) || fn == sn) {  // 4b
      r = NodeHash(p, r);
      while (!Odd(fn) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;  // 4c
    sn >>= 1;
  }
  return sn == 0 && r == root;  // 5
}

Result<std::vector<MerkleHash>> ConsistencyProof(std::span<const MerkleHash> leaves,
                                                 std::uint64_t first) {
  if (first > leaves.size()) {
    return Status::InvalidArgument("a tree of size " + std::to_string(first) +
                                   " cannot be a prefix of a tree of size " +
                                   std::to_string(leaves.size()));
  }
  std::vector<MerkleHash> proof;
  // PROOF(m, D[n]) = SUBPROOF(m, D[n], true); for m = 0 RFC 9162 defines no proof, and none is
  // needed: every tree extends the empty one.
  if (first != 0) SubProof(leaves, first, true, proof);
  return proof;
}

bool VerifyConsistency(std::uint64_t first, std::uint64_t second, const MerkleHash& first_root,
                       const MerkleHash& second_root, std::span<const MerkleHash> proof) {
  if (first > second) return false;
  if (first == second) return proof.empty() && first_root == second_root;
  if (first == 0) return proof.empty() && first_root == EmptyTreeHash();
  // RFC 9162 §2.1.4.2, step by step.
  if (proof.empty()) return false;  // 1
  std::vector<MerkleHash> path;
  path.reserve(proof.size() + 1);
  if (std::has_single_bit(first)) path.push_back(first_root);  // 2
  path.insert(path.end(), proof.begin(), proof.end());
  std::uint64_t fn = first - 1;  // 3
  std::uint64_t sn = second - 1;
  while (Odd(fn)) {  // 4
    fn >>= 1;
    sn >>= 1;
  }
  MerkleHash fr = path.front();  // 5
  MerkleHash sr = path.front();
  for (std::size_t i = 1; i < path.size(); ++i) {  // 6
    const MerkleHash& c = path[i];
    if (sn == 0) return false;  // 6a
    if (Odd(fn) || fn == sn) {  // 6b
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      while (!Odd(fn) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;  // 6c
    sn >>= 1;
  }
  return fr == first_root && sr == second_root && sn == 0;  // 7
}

std::string MerkleHex(const MerkleHash& hash) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (unsigned char c : hash) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0x0F]);
  }
  return out;
}

Result<MerkleHash> MerkleHashFromHex(std::string_view hex) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  MerkleHash out{};
  if (hex.size() != 2 * out.size()) {
    return Status::InvalidArgument("a hash is 64 lower-case hex digits, not " +
                                   std::to_string(hex.size()) + " characters");
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int high = digit(hex[2 * i]);
    const int low = digit(hex[2 * i + 1]);
    if (high < 0 || low < 0) {
      return Status::InvalidArgument("a hash is 64 lower-case hex digits: '" + std::string(hex) +
                                     "' is not");
    }
    out[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return out;
}

}  // namespace tdkt::engine::audit
