// Signed checkpoints end to end, on both backends: the real tdkt binary makes a key, signs
// checkpoints of a log written through EventLogStore, and `audit verify --checkpoint` catches what
// the hash chains alone cannot — a tail rewritten and re-hashed, a truncation, a dossier deleted
// whole, a record slipped in — naming where the first difference lies; an intact or extended log
// passes; forged, altered and foreign checkpoints are refused. Proofs from `audit prove` are
// re-checked by tests/tools/verify_checkpoint.py (Python with python3-cryptography).

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "adapters/db/checkpoint_outbox.hpp"
#include "adapters/db/event_log_store.hpp"
#include "adapters/db/transaction.hpp"
#include "engine/audit/canonical_json.hpp"
#include "tests/adapters/support/store_fixture.hpp"
#include "tests/adapters/support/subprocess.hpp"

namespace tdkt {
namespace {

using testing::RunResult;
using testing::RunToCompletion;

constexpr int kRefused = 3;

class AuditCheckpoint : public testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = std::filesystem::temp_directory_path() /
           ("tdkt_checkpoint_" + std::to_string(::getpid()) + "_" + name);
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto keygen = Run({"audit", "keygen", "--out", Path("key")});
    ASSERT_EQ(keygen.exit_code, 0) << keygen.err;
    // Three dossiers of four records, interleaved: D-2's dossier_seq k has seq 3k - 1.
    AppendEvents({"D-1", "D-2", "D-3"}, 4);
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    MigratedDatabaseTest::TearDown();
  }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  RunResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), TDKT_BINARY);
    return RunToCompletion(args);
  }

  // Signs a checkpoint of the log as it is now into `name`.
  std::string TakeCheckpoint(const std::string& name) {
    auto result =
        Run({"audit", "checkpoint", "--db", url(), "--key", Path("key"), "--out", Path(name)});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return Path(name);
  }

  RunResult Verify(const std::vector<std::string>& checkpoints) {
    std::vector<std::string> args = {"audit", "verify",       "--db",
                                     url(),   "--public-key", Path("key.pub")};
    for (const auto& c : checkpoints) {
      args.push_back("--checkpoint");
      args.push_back(c);
    }
    return Run(args);
  }

  RunResult Python(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {
        "/usr/bin/python3", std::string(TDKT_SOURCE_DIR) + "/tests/tools/verify_checkpoint.py",
        "--public-key", Path("key.pub")};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunToCompletion(argv);
  }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(Path(name), std::ios::binary) << text;
  }
  std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // Lifts the append-only protection, as only a superuser (PostgreSQL) or someone holding the
  // file (SQLite) can, and runs `statements`.
  void Tamper(const std::vector<std::string>& statements) {
    auto sql = db_->Acquire();
    if (GetParam() == testing::Backend::kPostgresql) {
      *sql << "ALTER TABLE event_log DISABLE TRIGGER ALL";
    } else {
      *sql << "DROP TRIGGER IF EXISTS event_log_no_update";
      *sql << "DROP TRIGGER IF EXISTS event_log_no_delete";
    }
    for (const auto& statement : statements) *sql << statement;
  }

  // Rewrites `dossier`'s record `from` (a forged reason) and re-hashes it and every later record
  // of the dossier, as someone who can write the database can: every chain still verifies.
  void RewriteAndRehash(const std::string& dossier, int from) {
    adapters::db::EventLogStore log(db_->backend());
    std::vector<engine::audit::AuditRecord> records;
    {
      auto sql = db_->Acquire();
      auto read = log.ReadDossier(*sql, dossier);
      ASSERT_TRUE(read.ok());
      records = *read;
    }
    std::vector<std::string> statements;
    std::string prev(engine::audit::kGenesisHash);
    for (auto& r : records) {
      if (r.dossier_seq >= from) {
        if (r.dossier_seq == from) r.payload = boost::json::object{{"reason", "forged"}};
        r.prev_hash = prev;
        r.hash = *engine::audit::ComputeRecordHash(r);
        statements.push_back("UPDATE event_log SET payload = '" +
                             *engine::audit::CanonicalJson(r.payload) + "', prev_hash = '" +
                             r.prev_hash + "', hash = '" + r.hash +
                             "' WHERE seq = " + std::to_string(r.seq));
      }
      prev = r.hash;
    }
    Tamper(statements);
  }

  std::filesystem::path dir_;
};

void ExpectFinding(const RunResult& result, const std::string& line) {
  EXPECT_EQ(result.exit_code, kRefused) << result.out << result.err;
  EXPECT_NE(result.out.find(line), std::string::npos) << result.out << result.err;
}

TEST_P(AuditCheckpoint, IntactAndExtendedLogsExtendEveryCheckpoint) {
  const std::string first = TakeCheckpoint("c1");
  EXPECT_TRUE(Read(first).starts_with("tdkt audit checkpoint v1\nsize: 12\nlast-seq: 12\n"))
      << Read(first);
  auto intact = Verify({first});
  EXPECT_EQ(intact.exit_code, 0) << intact.out << intact.err;
  EXPECT_NE(intact.out.find("audit chain intact: 12 records in 3 dossiers verified\n"),
            std::string::npos);
  EXPECT_NE(intact.out.find("audit checkpoints hold: the log (12 records) extends 1 checkpoint"),
            std::string::npos)
      << intact.out;

  AppendEvents({"D-4", "D-5"}, 3);
  const std::string second = TakeCheckpoint("c2");
  auto extended = Verify({second, first});
  EXPECT_EQ(extended.exit_code, 0) << extended.out << extended.err;
  EXPECT_NE(extended.out.find("audit checkpoints hold: the log (18 records) extends 2"),
            std::string::npos)
      << extended.out;
}

TEST_P(AuditCheckpoint, ARewrittenAndRehashedTailIsCaughtAndLocated) {
  const std::string first = TakeCheckpoint("c1");
  AppendEvents({"D-4", "D-5"}, 3);  // seq 13 to 18: D-5's records 1, 2, 3 are 14, 16, 18
  const std::string second = TakeCheckpoint("c2");
  RewriteAndRehash("D-5", 2);
  // The chains alone cannot tell.
  auto chains = Run({"audit", "verify", "--db", url()});
  EXPECT_EQ(chains.exit_code, 0) << chains.out;
  auto result = Verify({first, second});
  ExpectFinding(result, "checkpoint " + second + " (18 records, ");
  ExpectFinding(result,
                "): changed: the log's first 18 records up to seq 18 do not hash to the "
                "checkpoint's root: records were rewritten");
  EXPECT_NE(result.out.find("checkpoint " + first), std::string::npos);
  EXPECT_NE(result.out.find("): extends: the log (18 records) extends the 12 records"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("first record that differs: among records 13 to 18 of the log, seq "
                            "13 to 18 (between the checkpoints of 12 and 18 records)"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("1 of 2 checkpoints not extended"), std::string::npos);
  // Rewriting from a record the first checkpoint covers fails that one too.
  RewriteAndRehash("D-2", 2);
  ExpectFinding(Verify({first}), "first record that differs: among records 1 to 12 of the log");
}

// The daily checkpoints the service keeps in the database (signed, so they cannot be forged
// there) are evidence too: a rewrite after the auditor's last checkpoint is caught by them, and
// they narrow where the first difference lies; rows not signed by the key are ignored.
TEST_P(AuditCheckpoint, TheDailyCheckpointsKeptInTheDatabaseCatchAndLocateARewrite) {
  const std::string auditors = TakeCheckpoint("auditors");
  AppendEvents({"D-4", "D-5"}, 3);  // seq 13 to 18
  auto daily = engine::audit::ParseCheckpoint(Read(TakeCheckpoint("daily")));
  ASSERT_TRUE(daily.ok());
  {
    auto sql = db_->Acquire();
    ASSERT_TRUE(adapters::db::QueueCheckpoint(*sql, *daily, "2024-07-23",
                                              *engine::audit::ParseTimestamp(daily->time))
                    .ok());
    engine::audit::Checkpoint forged = *daily;
    forged.size = 17;  // its signature no longer holds
    ASSERT_TRUE(adapters::db::QueueCheckpoint(*sql, forged, "2024-07-24",
                                              *engine::audit::ParseTimestamp(daily->time))
                    .ok());
  }
  auto intact = Verify({auditors});
  EXPECT_EQ(intact.exit_code, 0) << intact.out;
  EXPECT_NE(intact.out.find("checkpoints kept in the database: 1 signed by the key, of which 1 "
                            "extended by the log; 1 not signed by it, ignored"),
            std::string::npos)
      << intact.out;
  // The key alone checks the kept ones.
  auto kept = Verify({});
  EXPECT_EQ(kept.exit_code, 0) << kept.out << kept.err;
  EXPECT_NE(kept.out.find("audit checkpoints hold: the log (18 records) extends 1 checkpoint"),
            std::string::npos)
      << kept.out;
  RewriteAndRehash("D-5", 2);  // seq 16
  EXPECT_EQ(Verify({}).exit_code, kRefused);
  auto result = Verify({auditors});
  ExpectFinding(result, "checkpoint of " + daily->time +
                            " kept in the database (18 records): changed: the log's first 18 "
                            "records up to seq 18 do not hash to the checkpoint's root");
  EXPECT_NE(result.out.find("first record that differs: among records 13 to 18 of the log, seq "
                            "13 to 18 (between the checkpoints of 12 and 18 records)"),
            std::string::npos)
      << result.out;
}

TEST_P(AuditCheckpoint, ATruncationIsCaught) {
  const std::string checkpoint = TakeCheckpoint("c1");
  // The last two records cut off, with the projection moved back to match.
  Tamper({"DELETE FROM event_log WHERE seq >= 11",
          "UPDATE dossiers SET version = 3 WHERE id IN ('D-2', 'D-3')"});
  EXPECT_EQ(Run({"audit", "verify", "--db", url()}).exit_code, 0);
  auto result = Verify({checkpoint});
  ExpectFinding(result,
                "): truncated: the checkpoint signed 12 records up to seq 12; it ends at "
                "seq 10: records 11 to 12 of the log were cut off");
  EXPECT_NE(result.out.find("first record that differs: record 11 of the log (after seq 10): "
                            "missing"),
            std::string::npos)
      << result.out;
}

TEST_P(AuditCheckpoint, ADossierDeletedWholeIsCaught) {
  const std::string checkpoint = TakeCheckpoint("c1");
  AppendEvents({"D-4"}, 2);
  Tamper(
      {"DELETE FROM event_log WHERE dossier_id = 'D-2'", "DELETE FROM dossiers WHERE id = 'D-2'"});
  EXPECT_EQ(Run({"audit", "verify", "--db", url()}).exit_code, 0);
  ExpectFinding(Verify({checkpoint}),
                "): missing: the log has 8 records up to seq 12 where the checkpoint signed 12 "
                "records up to seq 12: records were deleted");
}

// A forged first record of a new dossier at `seq`, hashed as the engine would.
std::string ForgedInsert(std::int64_t seq) {
  engine::audit::AuditRecord forged;
  forged.seq = seq;
  forged.dossier_id = "D-9";
  forged.dossier_seq = 1;
  forged.event_type = "submit";
  forged.payload = boost::json::object{{"reason", "forged"}};
  forged.actor_id = "u-forger";
  forged.actor_role = "unit_officer";
  forged.occurred_at = "2024-07-22T01:00:00Z";
  forged.request_id = "req-forged";
  forged.prev_hash = std::string(engine::audit::kGenesisHash);
  forged.hash = *engine::audit::ComputeRecordHash(forged);
  return "INSERT INTO event_log (seq, dossier_id, dossier_seq, event_type, payload, actor_id, "
         "actor_role, actor_unit, occurred_at, request_id, rule_pack, prev_hash, hash) VALUES (" +
         std::to_string(seq) +
         ", 'D-9', 1, 'submit', '{\"reason\":\"forged\"}', 'u-forger', 'unit_officer', NULL, "
         "'2024-07-22T01:00:00Z', 'req-forged', NULL, '" +
         forged.prev_hash + "', '" + forged.hash + "')";
}

TEST_P(AuditCheckpoint, ARecordSlippedInBeforeTheCheckpointIsCaught) {
  const std::string checkpoint = TakeCheckpoint("c1");
  // Records 6 to 12 moved up one seq to make room, and a forged record put at seq 6.
  std::vector<std::string> statements;
  for (int seq = 12; seq >= 6; --seq) {
    statements.push_back("UPDATE event_log SET seq = " + std::to_string(seq + 1) +
                         " WHERE seq = " + std::to_string(seq));
  }
  statements.push_back(ForgedInsert(6));
  Tamper(statements);
  ExpectFinding(Verify({checkpoint}),
                "): changed: the log's first 12 records up to seq 12 do not hash to the "
                "checkpoint's root");
}

// PostgreSQL's seq has gaps where an append rolled back: a record put into one, below the
// checkpoint's last seq, is one record too many there.
TEST_P(AuditCheckpoint, ARecordPutInAGapBeforeTheCheckpointIsInserted) {
  if (GetParam() != testing::Backend::kPostgresql) {
    GTEST_SKIP() << "SQLite's seq has no gaps (MAX(seq) + 1 under the write lock)";
  }
  adapters::db::EventLogStore log(db_->backend());
  engine::Status rolled_back = adapters::db::RunInTransaction(*db_, [&](soci::session& sql) {
    auto record = log.Append(sql, testing::MakeEvent("D-1", 5));  // seq 13, then rolled back
    return record.ok() ? engine::Status::InvalidArgument("rolled back") : record.status();
  });
  ASSERT_EQ(rolled_back.code(), engine::StatusCode::kInvalidArgument);
  AppendEvents({"D-4"}, 2);  // seq 14 and 15
  const std::string checkpoint = TakeCheckpoint("c1");
  EXPECT_EQ(Verify({checkpoint}).exit_code, 0);
  Tamper({ForgedInsert(13)});
  ExpectFinding(Verify({checkpoint}),
                "): inserted: the log has 15 records up to seq 15 where the checkpoint signed 14 "
                "records up to seq 15: records were inserted");
}

TEST_P(AuditCheckpoint, ForgedAlteredAndForeignCheckpointsAreRefused) {
  const std::string checkpoint = TakeCheckpoint("c1");
  std::string text = Read(checkpoint);
  // A stale signature: the size moved back to hide a later truncation.
  std::string altered = text;
  altered.replace(altered.find("size: 12"), 8, "size: 11");
  Write("altered", altered);
  ExpectFinding(Verify({Path("altered")}),
                "): refused: forged: its signature does not verify with the public key");
  // A signature that is not one.
  std::string forged = text;
  const auto at = forged.find("signature: ") + 11;
  forged[at] = forged[at] == '0' ? '1' : '0';
  Write("forged", forged);
  ExpectFinding(Verify({Path("forged")}), "): refused: forged");
  // Signed with another key.
  ASSERT_EQ(Run({"audit", "keygen", "--out", Path("other")}).exit_code, 0);
  auto foreign = Run({"audit", "verify", "--db", url(), "--public-key", Path("other.pub"),
                      "--checkpoint", checkpoint});
  ExpectFinding(foreign, "): refused: signed by key ");
  // The independent verifier agrees.
  EXPECT_EQ(Python({"checkpoint", checkpoint}).exit_code, 0);
  auto python = Python({"checkpoint", Path("altered")});
  EXPECT_EQ(python.exit_code, 1) << python.out << python.err;
  EXPECT_NE(python.out.find("the signature does not verify"), std::string::npos) << python.out;
}

TEST_P(AuditCheckpoint, MissingAndInvalidInputsAreNamed) {
  const std::string checkpoint = TakeCheckpoint("c1");
  auto nothing = Verify({});  // the key, and no checkpoint given or kept
  EXPECT_EQ(nothing.exit_code, 2);
  EXPECT_NE(nothing.err.find("no checkpoint to check"), std::string::npos) << nothing.err;
  auto no_key = Run({"audit", "verify", "--db", url(), "--checkpoint", checkpoint});
  EXPECT_EQ(no_key.exit_code, 2);
  EXPECT_NE(no_key.err.find("--checkpoint needs --public-key FILE"), std::string::npos);
  auto missing = Verify({Path("nowhere")});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read the checkpoint " + Path("nowhere")), std::string::npos)
      << missing.err;
  Write("garbage", "{\"size\": 12}\n");
  auto garbage = Verify({Path("garbage")});
  EXPECT_EQ(garbage.exit_code, 2);
  EXPECT_NE(garbage.err.find("the checkpoint " + Path("garbage") +
                             " is not valid: line 1 must be \"tdkt audit checkpoint v1\""),
            std::string::npos)
      << garbage.err;
  auto public_as_private = Run({"audit", "checkpoint", "--db", url(), "--key", Path("key.pub")});
  EXPECT_EQ(public_as_private.exit_code, 2);
  EXPECT_NE(public_as_private.err.find("is a public key"), std::string::npos);
  Write("not-a-key", "hello\n");
  auto not_a_key = Run({"audit", "checkpoint", "--db", url(), "--key", Path("not-a-key")});
  EXPECT_EQ(not_a_key.exit_code, 2);
  EXPECT_NE(not_a_key.err.find("holds no Ed25519 key"), std::string::npos) << not_a_key.err;
  auto again = Run({"audit", "keygen", "--out", Path("key")});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("never replaces a key"), std::string::npos);
  auto uncovered =
      Run({"audit", "prove", "--db", url(), "--checkpoint", checkpoint, "--record", "99"});
  EXPECT_EQ(uncovered.exit_code, 2);
  EXPECT_NE(uncovered.err.find("there is no record seq 99"), std::string::npos);
}

TEST_P(AuditCheckpoint, ProofsAreCheckedByTheIndependentVerifier) {
  const std::string first = TakeCheckpoint("c1");
  AppendEvents({"D-4"}, 5);
  const std::string second = TakeCheckpoint("c2");
  // The whole tree, recomputed from the export.
  auto exported = Run({"audit", "export", "--db", url()});
  ASSERT_EQ(exported.exit_code, 0);
  Write("export.jsonl", exported.out);
  auto tree = Python({"tree", first, Path("export.jsonl")});
  EXPECT_EQ(tree.exit_code, 0) << tree.out << tree.err;
  EXPECT_EQ(Python({"tree", second, Path("export.jsonl")}).exit_code, 0);
  // Every record's inclusion in the later checkpoint.
  for (int seq = 1; seq <= 17; ++seq) {
    auto proof = Run(
        {"audit", "prove", "--db", url(), "--checkpoint", second, "--record", std::to_string(seq)});
    ASSERT_EQ(proof.exit_code, 0) << proof.err;
    Write("inclusion.json", proof.out);
    auto checked = Python({"inclusion", Path("inclusion.json")});
    EXPECT_EQ(checked.exit_code, 0) << seq << ": " << checked.out << checked.err;
  }
  auto proof = Run({"audit", "prove", "--db", url(), "--checkpoint", second, "--record", "5"});
  EXPECT_NE(Python({"inclusion", Path("inclusion.json")}).out.find("ok: record seq 17"),
            std::string::npos);
  // A record altered in the proof is refused.
  std::string altered = proof.out;
  altered.replace(altered.find("u-officer-"), 10, "u-forger-1");
  Write("altered.json", altered);
  EXPECT_EQ(Python({"inclusion", Path("altered.json")}).exit_code, 1);
  // The consistency of the two checkpoints.
  auto consistency = Run({"audit", "prove", "--db", url(), "--checkpoint", first, "--to", second});
  ASSERT_EQ(consistency.exit_code, 0) << consistency.err;
  Write("consistency.json", consistency.out);
  auto checked = Python({"consistency", Path("consistency.json")});
  EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
  EXPECT_EQ(checked.out, "ok: the 17-record checkpoint extends the 12-record one\n");
  // A record that came after the checkpoint has no proof in it.
  auto later = Run({"audit", "prove", "--db", url(), "--checkpoint", first, "--record", "15"});
  EXPECT_EQ(later.exit_code, 2);
  EXPECT_NE(later.err.find("came after the checkpoint"), std::string::npos) << later.err;
  // Once the log is rewritten there is no proof from the checkpoint.
  RewriteAndRehash("D-1", 2);
  auto broken = Run({"audit", "prove", "--db", url(), "--checkpoint", first, "--record", "1"});
  EXPECT_EQ(broken.exit_code, kRefused);
  EXPECT_NE(broken.err.find("the log does not extend the checkpoint"), std::string::npos);
}

// PostgreSQL hands seq numbers out before the transactions that drew them commit: a checkpoint
// taken while one is open must wait for it, or the record would later land inside the signed
// prefix and the honest log would fail to extend the checkpoint.
TEST_P(AuditCheckpoint, ACheckpointCoversOnlyTheSettledPrefix) {
  if (GetParam() != testing::Backend::kPostgresql) {
    GTEST_SKIP() << "SQLite draws seq under its single write lock: every committed prefix is "
                    "settled";
  }
  adapters::db::EventLogStore log(db_->backend());
  auto open = db_->Acquire();
  *open << "BEGIN";
  auto drawn = log.Append(*open, testing::MakeEvent("D-1", 5));  // seq 13, not committed
  ASSERT_TRUE(drawn.ok()) << drawn.status().ToString();
  ASSERT_EQ(drawn->seq, 13);
  ASSERT_TRUE(UpsertProjection(*open, "D-1", 5).ok());
  ASSERT_TRUE(adapters::db::RunInTransaction(*db_, [&](soci::session& sql) {
                auto record = log.Append(sql, testing::MakeEvent("D-2", 5));  // seq 14
                if (!record.ok()) return record.status();
                return UpsertProjection(sql, "D-2", 5);
              }).ok());
  testing::Subprocess checkpoint({TDKT_BINARY, "audit", "checkpoint", "--db", url(), "--key",
                                  Path("key"), "--out", Path("c1")});
  // Wait (bounded) until the checkpoint is queued on the settling lock, then commit seq 13.
  auto watcher = db_->Acquire();
  int waiting = 0;
  for (int i = 0; i < 600 && waiting == 0; ++i) {
    *watcher << "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
        soci::into(waiting);
    if (waiting == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(waiting, 1) << "the checkpoint did not wait for the open transaction";
  *open << "COMMIT";
  ASSERT_EQ(checkpoint.Wait(std::chrono::seconds(30)), 0) << checkpoint.Stderr();
  EXPECT_TRUE(Read(Path("c1")).starts_with("tdkt audit checkpoint v1\nsize: 14\nlast-seq: 14\n"))
      << Read(Path("c1"));
  auto result = Verify({Path("c1")});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

TDKT_ON_BOTH_BACKENDS(AuditCheckpoint);

}  // namespace
}  // namespace tdkt
