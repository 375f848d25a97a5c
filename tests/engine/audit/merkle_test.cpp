// The RFC 9162 Merkle tree: roots against the published test vectors of the RFC 6962/9162 tree
// (the eight leaves used by transparency-dev/merkle's testonly package), and every inclusion and
// consistency proof of every tree up to 70 leaves generated and checked, and refused once altered.

#include "engine/audit/merkle.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tdkt::engine::audit {
namespace {

MerkleHash Hex(std::string_view hex) {
  auto hash = MerkleHashFromHex(hex);
  EXPECT_TRUE(hash.ok()) << hash.status().message();
  return hash.ok() ? *hash : MerkleHash{};
}

std::string Bytes(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

std::vector<MerkleHash> VectorLeaves() {
  std::vector<MerkleHash> leaves;
  for (const char* hex : {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                          "606162636465666768696a6b6c6d6e6f"}) {
    leaves.push_back(LeafHash(Bytes(hex)));
  }
  return leaves;
}

std::vector<MerkleHash> Leaves(std::size_t n) {
  std::vector<MerkleHash> leaves;
  for (std::size_t i = 0; i < n; ++i) leaves.push_back(LeafHash("record " + std::to_string(i)));
  return leaves;
}

TEST(Merkle, LeafAndNodeHashesUseTheRfc9162Prefixes) {
  EXPECT_EQ(MerkleHex(LeafHash("")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(MerkleHex(EmptyTreeHash()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const auto leaves = VectorLeaves();
  EXPECT_EQ(MerkleHex(NodeHash(leaves[0], leaves[1])),
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
}

TEST(Merkle, RootsMatchThePublishedVectors) {
  const char* roots[] = {
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
  };
  const auto leaves = VectorLeaves();
  for (std::size_t n = 0; n <= leaves.size(); ++n) {
    EXPECT_EQ(MerkleHex(TreeHash(std::span(leaves).first(n))), roots[n]) << "size " << n;
  }
}

TEST(Merkle, InclusionProofsOfEveryLeafVerifyAndAlteredOnesDoNot) {
  const auto all = Leaves(70);
  for (std::size_t n = 1; n <= all.size(); ++n) {
    const auto leaves = std::span(all).first(n);
    const MerkleHash root = TreeHash(leaves);
    for (std::size_t i = 0; i < n; ++i) {
      auto proof = InclusionProof(leaves, i);
      ASSERT_TRUE(proof.ok());
      ASSERT_TRUE(VerifyInclusion(i, n, leaves[i], *proof, root)) << i << " of " << n;
      // Another leaf, another position, a changed, shortened or lengthened path: refused.
      EXPECT_FALSE(VerifyInclusion(i, n, LeafHash("forged"), *proof, root));
      if (n > 1) {
        EXPECT_FALSE(VerifyInclusion((i + 1) % n, n, leaves[i], *proof, root));
      }
      if (!proof->empty()) {
        auto changed = *proof;
        changed.back()[0] ^= 1;
        EXPECT_FALSE(VerifyInclusion(i, n, leaves[i], changed, root));
        auto shorter = *proof;
        shorter.pop_back();
        EXPECT_FALSE(VerifyInclusion(i, n, leaves[i], shorter, root));
      }
      auto longer = *proof;
      longer.push_back(root);
      EXPECT_FALSE(VerifyInclusion(i, n, leaves[i], longer, root));
    }
  }
  EXPECT_FALSE(InclusionProof(std::span(all).first(3), 3).ok());
}

TEST(Merkle, ConsistencyProofsBetweenEveryPairOfSizesVerify) {
  const auto all = Leaves(70);
  for (std::size_t n = 0; n <= all.size(); ++n) {
    const auto leaves = std::span(all).first(n);
    const MerkleHash root = TreeHash(leaves);
    for (std::size_t m = 0; m <= n; ++m) {
      const MerkleHash old_root = TreeHash(leaves.first(m));
      auto proof = ConsistencyProof(leaves, m);
      ASSERT_TRUE(proof.ok());
      ASSERT_TRUE(VerifyConsistency(m, n, old_root, root, *proof)) << m << " to " << n;
      if (m == 0 || m == n) continue;
      EXPECT_FALSE(VerifyConsistency(m, n, LeafHash("forged"), root, *proof));
      EXPECT_FALSE(VerifyConsistency(m, n, old_root, LeafHash("forged"), *proof));
      EXPECT_FALSE(VerifyConsistency(m, n, old_root, root, {}));
      for (std::size_t j = 0; j < proof->size(); ++j) {
        auto changed = *proof;
        changed[j][31] ^= 0x80;
        EXPECT_FALSE(VerifyConsistency(m, n, old_root, root, changed)) << m << " " << n << " " << j;
      }
      auto shorter = *proof;
      shorter.pop_back();
      EXPECT_FALSE(VerifyConsistency(m, n, old_root, root, shorter));
    }
  }
}

TEST(Merkle, AChangedPrefixIsNotConsistentWithTheOldRoot) {
  auto leaves = Leaves(21);
  const MerkleHash old_root = TreeHash(std::span(leaves).first(13));
  for (std::size_t changed = 0; changed < 13; ++changed) {
    auto rewritten = leaves;
    rewritten[changed] = LeafHash("rewritten");
    auto proof = ConsistencyProof(rewritten, 13);
    ASSERT_TRUE(proof.ok());
    EXPECT_FALSE(VerifyConsistency(13, 21, old_root, TreeHash(rewritten), *proof)) << changed;
  }
  // A tree of 13 leaves is no prefix of a tree of 12 (a truncation).
  EXPECT_FALSE(ConsistencyProof(std::span(leaves).first(12), 13).ok());
  EXPECT_FALSE(VerifyConsistency(13, 12, old_root, TreeHash(std::span(leaves).first(12)), {}));
}

TEST(Merkle, HexRoundTripsAndRefusesWhatIsNotAHash) {
  const MerkleHash h = LeafHash("x");
  EXPECT_EQ(Hex(MerkleHex(h)), h);
  EXPECT_FALSE(MerkleHashFromHex("abc").ok());
  EXPECT_FALSE(MerkleHashFromHex(std::string(64, 'A')).ok());
  EXPECT_FALSE(MerkleHashFromHex(std::string(64, 'g')).ok());
}

}  // namespace
}  // namespace tdkt::engine::audit
