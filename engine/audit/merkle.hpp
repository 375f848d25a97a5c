#pragma once
// The Merkle tree of the whole event log, as RFC 9162 (Certificate Transparency 2.0) defines it:
// the tree hash (§2.1.1), inclusion proofs (§2.1.3) and consistency proofs (§2.1.4), with
// SHA-256. The leaves are the event log's records in seq order; what bytes a leaf is, is the
// caller's business (docs/audit-format.md, "Signed checkpoints": the record's canonical JSON line).
//
// A tree is given as the hashes of its leaves (LeafHash of each leaf's bytes), in order. Every
// function is pure and thread-safe. Computing a root or a proof visits every leaf hash once
// (O(n) hashes, O(log n) stack).

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/status.hpp"

namespace tdkt::engine::audit {

// One SHA-256 value: a leaf hash, a node hash or a root.
using MerkleHash = std::array<unsigned char, 32>;

// RFC 9162 §2.1.1: the hash of a leaf, SHA-256(0x00 || leaf).
MerkleHash LeafHash(std::string_view leaf);
// RFC 9162 §2.1.1: the hash of an interior node, SHA-256(0x01 || left || right).
MerkleHash NodeHash(const MerkleHash& left, const MerkleHash& right);
// RFC 9162 §2.1.1: the root of the empty tree, SHA-256 of no bytes.
MerkleHash EmptyTreeHash();

// RFC 9162 §2.1.1: MTH(D[n]) over the leaves whose hashes are `leaves`.
MerkleHash TreeHash(std::span<const MerkleHash> leaves);

// RFC 9162 §2.1.3.1: the inclusion proof PATH(index, D[n]) of the leaf at `index` (0-based) in the
// tree of `leaves`. InvalidArgument when index >= leaves.size().
Result<std::vector<MerkleHash>> InclusionProof(std::span<const MerkleHash> leaves,
                                               std::uint64_t index);

// RFC 9162 §2.1.3.2: whether `proof` proves that `leaf` (a leaf hash) is at `index` in the tree of
// `size` leaves whose root is `root`.
bool VerifyInclusion(std::uint64_t index, std::uint64_t size, const MerkleHash& leaf,
                     std::span<const MerkleHash> proof, const MerkleHash& root);

// RFC 9162 §2.1.4.1: the consistency proof PROOF(first, D[n]) between the tree of the first
// `first` leaves and the tree of all of `leaves`. Empty when first is 0 or leaves.size();
// InvalidArgument when first > leaves.size().
Result<std::vector<MerkleHash>> ConsistencyProof(std::span<const MerkleHash> leaves,
                                                 std::uint64_t first);

// RFC 9162 §2.1.4.2: whether `proof` proves that the tree of `second` leaves with root
// `second_root` extends the tree of `first` leaves with root `first_root` (its first `first`
// leaves are exactly those). The degenerate cases RFC 9162 leaves to the caller: first == second
// holds when the proof is empty and the roots are equal; first == 0 holds when the proof is empty
// and `first_root` is EmptyTreeHash(); first > second never holds.
bool VerifyConsistency(std::uint64_t first, std::uint64_t second, const MerkleHash& first_root,
                       const MerkleHash& second_root, std::span<const MerkleHash> proof);

// 64 lower-case hex digits.
std::string MerkleHex(const MerkleHash& hash);
// The inverse of MerkleHex (upper-case digits refused too); InvalidArgument otherwise.
Result<MerkleHash> MerkleHashFromHex(std::string_view hex);

}  // namespace tdkt::engine::audit
