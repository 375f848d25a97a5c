// Signed checkpoints: the document round-trips, its signature holds only for its own bytes and
// its own key, malformed documents and keys are refused naming what is wrong, and the comparison
// with a log tells an extension from a truncation, a deletion, an insertion and a rewrite.

#include "engine/audit/checkpoint.hpp"

#include <gtest/gtest.h>

#include "engine/audit/ed25519.hpp"

namespace tdkt::engine::audit {
namespace {

// Made once with `openssl genpkey -algorithm ed25519` for these tests only.
constexpr std::string_view kPrivateKey =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIDzOnr5fx5QsVAor5LFYw9W2ACSrkWgSB9FDhgRgje6y\n"
    "-----END PRIVATE KEY-----\n";
constexpr std::string_view kPublicKey =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAqIXfOUeI3xgbDnhos8Pyhm2xJ11IGb9+SEYb8bxOUSY=\n"
    "-----END PUBLIC KEY-----\n";
constexpr std::string_view kOtherPublicKey =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAI/2cs2Box6UVbME70AJ/bIcJUaL14DIybLArLdFqR2s=\n"
    "-----END PUBLIC KEY-----\n";
// An X25519 key: a valid PEM key of the wrong kind.
constexpr std::string_view kX25519Key =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VuBCIEIEhJ496lDiP6iz8DpkeS9LF7P74qbzSPpCJ9TVOgjnR2\n"
    "-----END PRIVATE KEY-----\n";

LogLeaves Log(std::int64_t records) {
  LogLeaves log;
  for (std::int64_t seq = 1; seq <= records; ++seq) {
    log.hashes.push_back(LeafHash("record " + std::to_string(seq)));
    log.seqs.push_back(seq);
  }
  return log;
}

Checkpoint CheckpointOf(const LogLeaves& log) {
  Checkpoint checkpoint;
  checkpoint.size = log.hashes.size();
  checkpoint.last_seq = log.seqs.empty() ? 0 : log.seqs.back();
  checkpoint.root = TreeHash(log.hashes);
  checkpoint.time = "2026-11-27T05:00:00Z";
  EXPECT_TRUE(SignCheckpoint(checkpoint, kPrivateKey).ok());
  return checkpoint;
}

TEST(Checkpoint, DocumentRoundTripsAndItsSignatureVerifies) {
  const Checkpoint checkpoint = CheckpointOf(Log(12));
  const std::string text = FormatCheckpoint(checkpoint);
  EXPECT_TRUE(text.starts_with("tdkt audit checkpoint v1\nsize: 12\nlast-seq: 12\nroot: "));
  auto parsed = ParseCheckpoint(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(FormatCheckpoint(*parsed), text);
  auto check = CheckCheckpointSignature(*parsed, kPublicKey);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(*check, SignatureCheck::kValid);
  // The private key's file names the same public key.
  EXPECT_EQ(*Ed25519PublicKey(kPrivateKey), *Ed25519PublicKey(kPublicKey));
  // E-mail's CRLF line ends are read as the same document.
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  auto from_mail = ParseCheckpoint(crlf);
  ASSERT_TRUE(from_mail.ok()) << from_mail.status().message();
  EXPECT_EQ(*CheckCheckpointSignature(*from_mail, kPublicKey), SignatureCheck::kValid);
}

TEST(Checkpoint, AlteredOrForeignSignaturesAreRefused) {
  Checkpoint checkpoint = CheckpointOf(Log(12));
  Checkpoint larger = checkpoint;
  larger.size = 13;  // a stale signature on other content
  EXPECT_EQ(*CheckCheckpointSignature(larger, kPublicKey), SignatureCheck::kBadSignature);
  Checkpoint forged = checkpoint;
  forged.signature[0] = static_cast<char>(forged.signature[0] ^ 1);
  EXPECT_EQ(*CheckCheckpointSignature(forged, kPublicKey), SignatureCheck::kBadSignature);
  EXPECT_EQ(*CheckCheckpointSignature(checkpoint, kOtherPublicKey), SignatureCheck::kOtherKey);
  EXPECT_FALSE(CheckCheckpointSignature(checkpoint, "not a key").ok());
  EXPECT_FALSE(CheckCheckpointSignature(checkpoint, kX25519Key).ok());
  EXPECT_FALSE(SignCheckpoint(checkpoint, kPublicKey).ok());  // a public key cannot sign
  EXPECT_FALSE(SignCheckpoint(checkpoint, kX25519Key).ok());
}

TEST(Checkpoint, MalformedDocumentsAreRefusedNamingTheLine) {
  const std::string text = FormatCheckpoint(CheckpointOf(Log(3)));
  auto error = [](std::string_view document) {
    auto parsed = ParseCheckpoint(document);
    EXPECT_FALSE(parsed.ok());
    return parsed.ok() ? std::string() : parsed.status().message();
  };
  EXPECT_NE(error("").find("line 1"), std::string::npos);
  EXPECT_NE(error("{\"size\": 3}\n").find("not a tdkt audit checkpoint"), std::string::npos);
  EXPECT_NE(error(text.substr(0, text.size() - 1)).find("line break"), std::string::npos);
  std::string bad_size = text;
  bad_size.replace(bad_size.find("size: 3"), 7, "size: 03");
  EXPECT_NE(error(bad_size).find("size"), std::string::npos);
  std::string bad_root = text;
  bad_root.replace(bad_root.find("root: ") + 6, 1, "X");
  EXPECT_NE(error(bad_root).find("root"), std::string::npos);
  std::string no_signature = text.substr(0, text.find("signature: "));
  EXPECT_NE(error(no_signature).find("7 lines"), std::string::npos);
  std::string bad_time = text;
  bad_time.replace(bad_time.find("time: ") + 6, 4, "yyyy");
  EXPECT_NE(error(bad_time).find("time"), std::string::npos);
}

TEST(Checkpoint, AnIntactOrExtendedLogExtendsIt) {
  const Checkpoint checkpoint = CheckpointOf(Log(12));
  EXPECT_EQ(CheckAgainstCheckpoint(Log(12), checkpoint).kind, CheckpointFinding::Kind::kExtends);
  EXPECT_EQ(CheckAgainstCheckpoint(Log(40), checkpoint).kind, CheckpointFinding::Kind::kExtends);
  EXPECT_EQ(CheckAgainstCheckpoint(Log(5), CheckpointOf(Log(0))).kind,
            CheckpointFinding::Kind::kExtends);
}

TEST(Checkpoint, EachKindOfTamperingIsTold) {
  using Kind = CheckpointFinding::Kind;
  const Checkpoint checkpoint = CheckpointOf(Log(12));
  // Cut off after seq 9.
  auto truncated = CheckAgainstCheckpoint(Log(9), checkpoint);
  EXPECT_EQ(truncated.kind, Kind::kTruncated);
  EXPECT_NE(truncated.message.find("records 10 to 12"), std::string::npos) << truncated.message;
  // Seq 4 and 7 deleted (a dossier), later records appended.
  LogLeaves deleted = Log(20);
  for (std::int64_t seq : {7, 4}) {
    deleted.hashes.erase(deleted.hashes.begin() + seq - 1);
    deleted.seqs.erase(deleted.seqs.begin() + seq - 1);
  }
  EXPECT_EQ(CheckAgainstCheckpoint(deleted, checkpoint).kind, Kind::kMissing);
  // A record slipped in after seq 5, numbered to fit (its seq repeats: nothing else is free).
  LogLeaves inserted = Log(12);
  inserted.hashes.insert(inserted.hashes.begin() + 5, LeafHash("forged"));
  inserted.seqs.insert(inserted.seqs.begin() + 5, 5);
  EXPECT_EQ(CheckAgainstCheckpoint(inserted, checkpoint).kind, Kind::kInserted);
  // The last three records rewritten.
  LogLeaves rewritten = Log(12);
  for (std::size_t i = 9; i < 12; ++i) rewritten.hashes[i] = LeafHash("rewritten");
  auto changed = CheckAgainstCheckpoint(rewritten, checkpoint);
  EXPECT_EQ(changed.kind, Kind::kChanged);
  EXPECT_NE(changed.message.find("first 12 records up to seq 12"), std::string::npos);
}

}  // namespace
}  // namespace tdkt::engine::audit
