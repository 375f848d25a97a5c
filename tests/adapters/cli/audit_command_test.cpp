// End-to-end: records written through EventLogStore, then tampered with by plain SQL behind the
// engine's back (as an attacker with superuser rights would: append-only triggers disabled
// first), then checked by the real `tdkt audit verify` binary and by an independent Python
// verifier reading `tdkt audit export`.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <fstream>

#include "tests/adapters/support/store_fixture.hpp"
#include "tests/adapters/support/subprocess.hpp"

namespace tdkt {
namespace {

using testing::RunResult;
using testing::RunToCompletion;

constexpr int kBrokenChain = 3;

class AuditCommand : public testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    // Three dossiers of four records, interleaved: D-2's dossier_seq k has seq 3k - 1.
    AppendEvents({"D-1", "D-2", "D-3"}, 4);
  }

  RunResult Verify(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> argv = {TDKT_BINARY, "audit", "verify", "--db", url()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return RunToCompletion(argv);
  }

  // Lifts the append-only protection, as only a superuser (PostgreSQL) or someone holding the
  // file (SQLite) can.
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

  std::string HashOf(const std::string& dossier, int dossier_seq) {
    std::string hash;
    auto sql = db_->Acquire();
    *sql << "SELECT hash FROM event_log WHERE dossier_id = :d AND dossier_seq = :s",
        soci::use(dossier), soci::use(dossier_seq), soci::into(hash);
    return hash;
  }

  // Runs the export and the Python verifier on it; returns the verifier's result.
  RunResult PythonVerify() {
    auto exported = RunToCompletion({TDKT_BINARY, "audit", "export", "--db", url()});
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    auto file = std::filesystem::temp_directory_path() /
                ("tdkt_export_" + std::to_string(::getpid()) + ".jsonl");
    std::ofstream(file) << exported.out;
    auto result = RunToCompletion({"/usr/bin/python3",
                                   std::string(TDKT_SOURCE_DIR) + "/tests/tools/verify_audit.py",
                                   file.string()});
    std::filesystem::remove(file);
    return result;
  }
};

void ExpectBroken(const RunResult& result, const std::string& kind, const std::string& record) {
  EXPECT_EQ(result.exit_code, kBrokenChain) << result.out << result.err;
  EXPECT_NE(result.out.find("audit chain broken: " + kind + ": " + record), std::string::npos)
      << result.out << result.err;
}

TEST_P(AuditCommand, IntactLogVerifiesWithAOneLineSummary) {
  auto result = Verify();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "audit chain intact: 12 records in 3 dossiers verified\n");
  auto one = Verify({"--dossier", "D-2"});
  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, "audit chain intact: 4 records in 1 dossier verified\n");
}

TEST_P(AuditCommand, ChangedPayloadIsNamed) {
  Tamper({"UPDATE event_log SET payload = '{\"reason\":\"forged\"}' WHERE seq = 5"});
  ExpectBroken(Verify(), "changed", "record seq 5 (dossier D-2, dossier_seq 2)");
  ExpectBroken(Verify({"--dossier", "D-2"}), "changed",
               "record seq 5 (dossier D-2, dossier_seq 2)");
  EXPECT_EQ(Verify({"--dossier", "D-1"}).exit_code, 0);
}

TEST_P(AuditCommand, DeletedRecordIsMissing) {
  Tamper({"DELETE FROM event_log WHERE seq = 5"});
  auto result = Verify();
  ExpectBroken(result, "missing", "record seq 8 (dossier D-2, dossier_seq 3)");
  EXPECT_NE(result.out.find("dossier_seq 2 missing"), std::string::npos) << result.out;
}

TEST_P(AuditCommand, DeletedLastRecordIsMissingAgainstTheProjection) {
  Tamper({"DELETE FROM event_log WHERE seq = 11"});
  auto result = Verify();
  EXPECT_EQ(result.exit_code, kBrokenChain);
  EXPECT_NE(result.out.find("audit chain broken: missing: dossier D-2: the projection is at "
                            "version 4 but the log ends at dossier_seq 3"),
            std::string::npos)
      << result.out;
}

TEST_P(AuditCommand, SwappedRecordsAreReordered) {
  // D-2's records 2 (seq 5) and 3 (seq 8) exchange their places in the log.
  Tamper({"UPDATE event_log SET seq = -5, dossier_seq = -2 WHERE seq = 5",
          "UPDATE event_log SET seq = 5, dossier_seq = 2 WHERE seq = 8",
          "UPDATE event_log SET seq = 8, dossier_seq = 3 WHERE seq = -5"});
  ExpectBroken(Verify(), "reordered", "record seq 5 (dossier D-2, dossier_seq 2)");
}

TEST_P(AuditCommand, ForgedRecordAtTheEndIsInserted) {
  const std::string prev = HashOf("D-2", 4);
  Tamper(
      {"INSERT INTO event_log (seq, dossier_id, dossier_seq, event_type, payload, actor_id, "
       "actor_role, occurred_at, request_id, prev_hash, hash) VALUES (100, 'D-2', 5, "
       "'approve', '{}', 'u-chairman', 'chairman', '2024-08-01T01:00:00Z', 'forged-1', '" +
       prev + "', '" + std::string(64, 'f') + "')"});
  ExpectBroken(Verify(), "inserted", "record seq 100 (dossier D-2, dossier_seq 5)");
}

TEST_P(AuditCommand, ForgedRecordInTheMiddleIsInserted) {
  // The forger renumbers D-2's records 3 and 4 to make room for a record 3 of their own.
  const std::string prev = HashOf("D-2", 2);
  Tamper({"UPDATE event_log SET dossier_seq = 5 WHERE seq = 11",
          "UPDATE event_log SET dossier_seq = 4 WHERE seq = 8",
          "INSERT INTO event_log (seq, dossier_id, dossier_seq, event_type, payload, actor_id, "
          "actor_role, occurred_at, request_id, prev_hash, hash) VALUES (100, 'D-2', 3, "
          "'approve', '{}', 'u-chairman', 'chairman', '2024-08-01T01:00:00Z', 'forged-1', '" +
              prev + "', '" + std::string(64, 'f') + "')"});
  ExpectBroken(Verify(), "inserted", "record seq 100 (dossier D-2, dossier_seq 3)");
}

TEST_P(AuditCommand, AnUnknownDossierIsBadInput) {
  auto unknown = Verify({"--dossier", "D-none"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.out;
  EXPECT_NE(unknown.err.find("D-none"), std::string::npos) << unknown.err;
}

TEST_P(AuditCommand, ExportWritesCanonicalJsonLinesAndCsvInSeqOrder) {
  auto jsonl = RunToCompletion({TDKT_BINARY, "audit", "export", "--db", url(), "--dossier", "D-3"});
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
  auto first = jsonl.out.substr(0, jsonl.out.find('\n'));
  EXPECT_EQ(first.rfind("{\"actor_id\":\"u-officer-1\",\"actor_role\":\"unit_officer\","
                        "\"actor_unit\":null,\"dossier_id\":\"D-3\",\"dossier_seq\":1,",
                        0),
            0u)
      << first;
  EXPECT_EQ(std::count(jsonl.out.begin(), jsonl.out.end(), '\n'), 4);

  auto csv = RunToCompletion({TDKT_BINARY, "audit", "export", "--db", url(), "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("seq,dossier_id,dossier_seq,event_type,payload,", 0), 0u);
  EXPECT_NE(csv.out.find("\r\n1,D-1,1,submit,\"{\"\"reason\"\":\"\"Bình xét lần 1\"\","),
            std::string::npos)
      << csv.out;
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 13);
}

TEST_P(AuditCommand, AnIndependentPythonVerifierRecomputesEveryHash) {
  auto intact = PythonVerify();
  EXPECT_EQ(intact.exit_code, 0) << intact.out << intact.err;
  EXPECT_EQ(intact.out, "ok: 12 records in 3 dossiers\n");

  Tamper({"UPDATE event_log SET actor_id = 'u-forger' WHERE seq = 5"});
  auto changed = PythonVerify();
  EXPECT_EQ(changed.exit_code, 1) << changed.out << changed.err;
  EXPECT_NE(changed.out.find("record seq 5 (dossier D-2, dossier_seq 2): hash does not match"),
            std::string::npos)
      << changed.out;
}

TEST_P(AuditCommand, PythonAgreesOnTheCanonicalFormOfAwkwardPayloads) {
  adapters::db::EventLogStore log(db_->backend());
  auto event = testing::MakeEvent("D-4", 1);
  event.payload = boost::json::object{
      {"ký tự", "\"\\/\b\f\n\r\t\x01\x1f\x7f 😀 \u2028 Đ"},
      {"Z", -5},
      {"big", std::numeric_limits<std::uint64_t>::max()},
      {"nested", boost::json::object{{"z", boost::json::array()}, {"a", boost::json::object()}}},
      {"flags", boost::json::array{true, false, nullptr}},
      {"", "empty key"}};
  ASSERT_TRUE(adapters::db::RunInTransaction(*db_, [&](soci::session& sql) {
                return log.Append(sql, event).status();
              }).ok());
  auto result = PythonVerify();
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out, "ok: 13 records in 4 dossiers\n");
  EXPECT_EQ(Verify().exit_code, 0);
}

TDKT_ON_BOTH_BACKENDS(AuditCommand);

}  // namespace
}  // namespace tdkt
