#include "engine/audit/chain_verifier.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "engine/audit/record.hpp"

namespace tdkt::engine::audit {
namespace {

// A record as the event log writes it: linked to `prev` and sealed.
AuditRecord Sealed(std::string dossier, std::int64_t seq, std::int64_t dossier_seq,
                   std::string prev, std::string event = "submit") {
  AuditRecord r;
  r.seq = seq;
  r.dossier_id = std::move(dossier);
  r.dossier_seq = dossier_seq;
  r.event_type = std::move(event);
  r.payload = boost::json::object{{"reason", "Bình xét lần " + std::to_string(dossier_seq)}};
  r.actor_id = "u-officer";
  r.actor_role = "unit_officer";
  r.actor_unit = "thon-1";
  r.occurred_at = "2024-07-22T01:00:00Z";
  r.request_id = "req-" + std::to_string(seq);
  r.prev_hash = std::move(prev);
  r.hash = ComputeRecordHash(r).value();
  return r;
}

// Four records of dossier D-1 at seq 2, 4, 6, 8.
std::vector<AuditRecord> Chain(int length = 4) {
  std::vector<AuditRecord> chain;
  std::string prev(kGenesisHash);
  for (int i = 1; i <= length; ++i) {
    chain.push_back(Sealed("D-1", 2 * i, i, prev));
    prev = chain.back().hash;
  }
  return chain;
}

TEST(AuditRecord, HashIsSha256OfPrevHashThenCanonicalRecordAsPythonComputesIt) {
  AuditRecord r;
  r.seq = 1;
  r.dossier_id = "D-1";
  r.dossier_seq = 1;
  r.event_type = "submit";
  r.payload = boost::json::object{{"award", "giay_khen_xa"}, {"nominee", "Lê Thị Hoa"}};
  r.actor_id = "u-officer";
  r.actor_role = "unit_officer";
  r.actor_unit = "thon-1";
  r.occurred_at = "2024-07-22T01:00:00Z";
  r.request_id = "req-1";
  r.prev_hash = std::string(kGenesisHash);
  // hashlib.sha256(prev_hash.encode() + json.dumps(record, sort_keys=True,
  //   separators=(",", ":"), ensure_ascii=False).encode()).hexdigest(), rule_pack None
  EXPECT_EQ(ComputeRecordHash(r).value(),
            "bb6158fce848685ed25d4c8259842de66aa1ff180708a88a47fe613e065fde4a");
}

TEST(AuditRecord, TimestampsRoundTripInRfc3339UtcSeconds) {
  auto t = ParseTimestamp("2024-07-22T01:00:00Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatTimestamp(*t), "2024-07-22T01:00:00Z");
  EXPECT_FALSE(ParseTimestamp("2024-07-22T01:00:00+07:00").ok());
  EXPECT_FALSE(ParseTimestamp("2024-02-30T01:00:00Z").ok());
  EXPECT_FALSE(ParseTimestamp("2024-07-22 01:00:00Z").ok());
}

TEST(AuditRecord, ValidateRefusesFloatsAndNonObjectPayloads) {
  AuditRecord r = Chain(1).front();
  EXPECT_TRUE(ValidateRecord(r).ok());
  r.payload = boost::json::object{{"share", 0.5}};
  EXPECT_FALSE(ValidateRecord(r).ok());
  r.payload = boost::json::array{1};
  EXPECT_FALSE(ValidateRecord(r).ok());
}

TEST(VerifyChain, IntactChainPasses) {
  auto chain = Chain();
  EXPECT_EQ(VerifyChain(chain), std::nullopt);
  EXPECT_EQ(VerifyChain(chain, 4), std::nullopt);
}

void ExpectFailure(const std::optional<ChainFailure>& failure, FailureKind kind,
                   std::int64_t dossier_seq) {
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(FailureKindName(failure->kind), FailureKindName(kind)) << failure->message;
  EXPECT_EQ(failure->dossier_seq, dossier_seq) << failure->message;
}

TEST(VerifyChain, ChangedPayloadIsChanged) {
  auto chain = Chain();
  chain[1].payload = boost::json::object{{"reason", "sửa đổi"}};
  ExpectFailure(VerifyChain(chain), FailureKind::kChanged, 2);
}

TEST(VerifyChain, ChangedAndReHashedRecordIsChangedNotMissing) {
  auto chain = Chain();
  chain[1].actor_id = "u-forger";
  chain[1].hash = ComputeRecordHash(chain[1]).value();
  ExpectFailure(VerifyChain(chain), FailureKind::kChanged, 2);
}

TEST(VerifyChain, DeletedMiddleRecordIsMissing) {
  auto chain = Chain();
  chain.erase(chain.begin() + 1);
  auto failure = VerifyChain(chain);
  ExpectFailure(failure, FailureKind::kMissing, 3);
  EXPECT_NE(failure->message.find("dossier_seq 2 missing"), std::string::npos) << failure->message;
}

TEST(VerifyChain, DeletedFirstRecordIsMissing) {
  auto chain = Chain();
  chain.erase(chain.begin());
  ExpectFailure(VerifyChain(chain), FailureKind::kMissing, 2);
}

TEST(VerifyChain, DeletedLastRecordIsMissingAgainstTheProjection) {
  auto chain = Chain();
  chain.pop_back();
  EXPECT_EQ(VerifyChain(chain), std::nullopt);  // the limit of a chain on its own
  ExpectFailure(VerifyChain(chain, 4), FailureKind::kMissing, 4);
}

TEST(VerifyChain, SwappedPositionsAreReordered) {
  auto chain = Chain();
  // Rows 2 and 3 exchange their seq and dossier_seq; the log now reads them as 1, 3', 2', 4.
  std::swap(chain[1].seq, chain[2].seq);
  std::swap(chain[1].dossier_seq, chain[2].dossier_seq);
  std::swap(chain[1], chain[2]);
  ExpectFailure(VerifyChain(chain), FailureKind::kReordered, 2);
}

TEST(VerifyChain, SwappedGlobalSeqIsReordered) {
  auto chain = Chain();
  std::swap(chain[1].seq, chain[2].seq);
  ExpectFailure(VerifyChain(chain), FailureKind::kReordered, 2);
}

TEST(VerifyChain, ForgedRecordInTheMiddleIsInserted) {
  auto chain = Chain();
  // Linked to record 1, as a forger would, but record 2 still links to record 1.
  AuditRecord forged = Sealed("D-1", 3, 2, chain[0].hash, "approve");
  chain.insert(chain.begin() + 1, forged);
  ExpectFailure(VerifyChain(chain), FailureKind::kInserted, 2);
}

TEST(VerifyChain, ForgedRecordAtTheEndIsInsertedAgainstTheProjection) {
  auto chain = Chain();
  chain.push_back(Sealed("D-1", 10, 5, chain.back().hash, "approve"));
  ExpectFailure(VerifyChain(chain, 4), FailureKind::kInserted, 5);
}

TEST(VerifyChain, ForgedRecordWithABadHashPastTheProjectionIsInsertedNotChanged) {
  auto chain = Chain();
  AuditRecord forged = Sealed("D-1", 10, 5, chain.back().hash, "approve");
  forged.hash = std::string(64, 'f');
  chain.push_back(forged);
  ExpectFailure(VerifyChain(chain, 4), FailureKind::kInserted, 5);
  ExpectFailure(VerifyChain(chain), FailureKind::kChanged, 5);
}

TEST(VerifyChain, ForgedRecordWithRenumberedSuccessorsIsInserted) {
  auto chain = Chain();
  for (std::size_t i = 2; i < chain.size(); ++i) ++chain[i].dossier_seq;
  AuditRecord forged = Sealed("D-1", 100, 3, chain[1].hash, "approve");
  forged.hash = std::string(64, 'f');
  chain.insert(chain.begin() + 2, forged);
  ExpectFailure(VerifyChain(chain, 4), FailureKind::kInserted, 3);
}

TEST(LogVerifier, ReportsTheEarliestFailureAcrossDossiers) {
  LogVerifier verifier({{"D-1", 4}, {"D-2", 2}, {"D-3", 1}});
  auto one = Chain();
  one[3].payload = boost::json::object{{"reason", "x"}};  // seq 8
  AuditRecord a = Sealed("D-2", 1, 1, std::string(kGenesisHash));
  AuditRecord b = Sealed("D-2", 3, 2, a.hash);
  b.event_type = "approve";  // seq 3: the earliest failure
  for (auto& r : one) verifier.Add(r);
  verifier.Add(a);
  verifier.Add(b);
  LogSummary summary = verifier.Finish();
  EXPECT_EQ(summary.records, 6);
  EXPECT_EQ(summary.dossiers, 2);
  EXPECT_EQ(summary.failed_dossiers, 3);  // D-3 is in the projection but not in the log
  ASSERT_TRUE(summary.first_failure);
  EXPECT_EQ(summary.first_failure->dossier_id, "D-2");
  EXPECT_EQ(summary.first_failure->seq, 3);
  EXPECT_EQ(summary.first_failure->kind, FailureKind::kChanged);
}

TEST(LogVerifier, IntactLogHasNoFailure) {
  LogVerifier verifier({{"D-1", 4}});
  for (auto& r : Chain()) verifier.Add(r);
  LogSummary summary = verifier.Finish();
  EXPECT_EQ(summary.records, 4);
  EXPECT_FALSE(summary.first_failure);
}

}  // namespace
}  // namespace tdkt::engine::audit
