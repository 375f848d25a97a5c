#include "adapters/db/event_log_store.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <thread>
#include <vector>

#include "adapters/db/transaction.hpp"
#include "engine/audit/chain_verifier.hpp"
#include "tests/adapters/support/store_fixture.hpp"

namespace tdkt::adapters::db {
namespace {

using engine::audit::AuditRecord;
using testing::MakeEvent;

class EventLogStoreTest : public testing::MigratedDatabaseTest {};

TEST_P(EventLogStoreTest, AppendsLinkedSealedRecordsAndReadsThemBack) {
  AppendEvents({"D-1", "D-2"}, 3);
  EventLogStore log(db_->backend());
  auto sql = db_->Acquire();
  auto records = log.ReadDossier(*sql, "D-1");
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].prev_hash, engine::audit::kGenesisHash);
  for (std::size_t i = 0; i < records->size(); ++i) {
    const AuditRecord& r = (*records)[i];
    EXPECT_EQ(r.dossier_seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(r.hash, engine::audit::ComputeRecordHash(r).value());
    if (i > 0) {
      EXPECT_EQ(r.prev_hash, (*records)[i - 1].hash);
      EXPECT_GT(r.seq, (*records)[i - 1].seq);
    }
  }
  EXPECT_EQ((*records)[0].payload.at("reason").as_string(), "Bình xét lần 1");
  EXPECT_EQ((*records)[1].actor_unit, std::optional<std::string>("thon-2"));
  EXPECT_EQ((*records)[0].actor_unit, std::nullopt);
  EXPECT_EQ((*records)[2].rule_pack, std::optional<std::string>("thanh-hoa-2024"));
  EXPECT_EQ((*records)[0].occurred_at, "2024-07-22T01:01:00Z");
  EXPECT_EQ(engine::audit::VerifyChain(*records, 3), std::nullopt);
  auto none = log.ReadDossier(*sql, "D-unknown");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_P(EventLogStoreTest, StreamsTheWholeLogPageByPageInEitherOrder) {
  // More records than one page holds (500), written in one transaction to keep the test quick.
  EventLogStore log(db_->backend());
  constexpr int kPerDossier = 400;
  ASSERT_TRUE(RunInTransaction(*db_, [&](soci::session& sql) {
                for (int n = 1; n <= kPerDossier; ++n) {
                  for (const char* dossier : {"D-b", "D-a", "D-c"}) {
                    auto record = log.Append(sql, MakeEvent(dossier, n));
                    if (!record.ok()) return record.status();
                  }
                }
                return engine::Status::Ok();
              }).ok());
  auto sql = db_->Acquire();
  std::vector<AuditRecord> by_seq;
  ASSERT_TRUE(log.ForEach(*sql, EventLogStore::Order::kBySeq, std::nullopt,
                          [&](AuditRecord&& r) {
                            by_seq.push_back(std::move(r));
                            return engine::Status::Ok();
                          })
                  .ok());
  ASSERT_EQ(by_seq.size(), 3u * kPerDossier);
  for (std::size_t i = 1; i < by_seq.size(); ++i) ASSERT_LT(by_seq[i - 1].seq, by_seq[i].seq);
  EXPECT_EQ(by_seq[0].dossier_id, "D-b");

  engine::audit::LogVerifier verifier;
  std::string previous;
  std::int64_t count = 0;
  ASSERT_TRUE(log.ForEach(*sql, EventLogStore::Order::kByDossier, std::nullopt,
                          [&](AuditRecord&& r) {
                            EXPECT_LE(previous, r.dossier_id);
                            previous = r.dossier_id;
                            ++count;
                            verifier.Add(std::move(r));
                            return engine::Status::Ok();
                          })
                  .ok());
  EXPECT_EQ(count, 3 * kPerDossier);
  auto summary = verifier.Finish();
  EXPECT_EQ(summary.dossiers, 3);
  EXPECT_FALSE(summary.first_failure) << summary.first_failure->message;
}

TEST_P(EventLogStoreTest, TheDatabaseRefusesUpdateDeleteAndTruncateOfTheLog) {
  AppendEvents({"D-1"}, 2);
  auto sql = db_->Acquire();
  EXPECT_THROW(*sql << "UPDATE event_log SET payload = '{}' WHERE dossier_seq = 1",
               soci::soci_error);
  EXPECT_THROW(*sql << "DELETE FROM event_log WHERE dossier_seq = 2", soci::soci_error);
  if (GetParam() == testing::Backend::kPostgresql) {
    EXPECT_THROW(*sql << "TRUNCATE event_log", soci::soci_error);
  }
  int count = 0;
  *sql << "SELECT COUNT(*) FROM event_log", soci::into(count);
  EXPECT_EQ(count, 2);
}

TEST_P(EventLogStoreTest, TheEngineRoleMayAppendButNotChangeTheLog) {
  if (GetParam() == testing::Backend::kSqlite) GTEST_SKIP() << "SQLite has no roles";
  auto sql = db_->Acquire();
  int insert = 0;
  int update = 0;
  int del = 0;
  *sql << "SELECT CASE WHEN has_table_privilege('tdkt_engine', 'event_log', 'INSERT') THEN 1 "
          "ELSE 0 END, CASE WHEN has_table_privilege('tdkt_engine', 'event_log', 'UPDATE') "
          "THEN 1 ELSE 0 END, CASE WHEN has_table_privilege('tdkt_engine', 'event_log', "
          "'DELETE') THEN 1 ELSE 0 END",
      soci::into(insert), soci::into(update), soci::into(del);
  EXPECT_EQ(insert, 1);
  EXPECT_EQ(update, 0);
  EXPECT_EQ(del, 0);
}

TEST_P(EventLogStoreTest, TheEngineRoleCannotChangeTheLogEvenWithTheTriggerDisabled) {
  if (GetParam() == testing::Backend::kSqlite) GTEST_SKIP() << "SQLite has no roles";
  AppendEvents({"D-1"}, 1);
  auto sql = db_->Acquire();
  *sql << "ALTER TABLE event_log DISABLE TRIGGER ALL";
  *sql << "SET ROLE tdkt_engine";
  EventLogStore log(db_->backend());
  {
    auto tx = Transaction::Begin(*sql, db_->backend());
    ASSERT_TRUE(tx.ok());
    auto appended = log.Append(*sql, MakeEvent("D-1", 2));
    EXPECT_TRUE(appended.ok()) << appended.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
  }
  try {
    *sql << "UPDATE event_log SET payload = '{}'";
    ADD_FAILURE() << "tdkt_engine could update the event log";
  } catch (const soci::soci_error& e) {
    EXPECT_NE(std::string(e.what()).find("permission denied"), std::string::npos) << e.what();
  }
  EXPECT_THROW(*sql << "DELETE FROM event_log", soci::soci_error);
  *sql << "RESET ROLE";
  int count = 0;
  *sql << "SELECT COUNT(*) FROM event_log", soci::into(count);
  EXPECT_EQ(count, 2);
}

TEST_P(EventLogStoreTest, RefusesFloatsAndAReusedRequestId) {
  EventLogStore log(db_->backend());
  auto event = MakeEvent("D-1", 1);
  event.payload["share"] = 0.5;
  auto session = db_->Acquire();
  {
    auto tx = Transaction::Begin(*session, db_->backend());
    ASSERT_TRUE(tx.ok());
    auto refused = log.Append(*session, event);
    EXPECT_EQ(refused.status().code(), engine::StatusCode::kInvalidArgument);
  }
  auto tx = Transaction::Begin(*session, db_->backend());
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE(log.Append(*session, MakeEvent("D-1", 1)).ok());
  auto again = log.Append(*session, MakeEvent("D-1", 1));
  EXPECT_EQ(again.status().code(), engine::StatusCode::kConflict) << again.status().ToString();
}

TEST_P(EventLogStoreTest, ConcurrentAppendsToOneDossierEachWinOnceAndTheChainStaysWhole) {
  constexpr int kThreads = 8;
  constexpr int kEach = 6;
  std::vector<std::thread> threads;
  std::vector<engine::Status> failures(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto db = Open(1);
      if (!db) return;
      EventLogStore log(db->backend());
      for (int n = 0; n < kEach; ++n) {
        engine::Status status = RunInTransaction(
            *db,
            [&](soci::session& sql) {
              return log.Append(sql, MakeEvent("D-race", t * 100 + n)).status();
            },
            50);
        if (!status.ok()) failures[t] = status;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& failure : failures) EXPECT_TRUE(failure.ok()) << failure.ToString();
  EventLogStore log(db_->backend());
  auto sql = db_->Acquire();
  auto records = log.ReadDossier(*sql, "D-race");
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(records->size(), static_cast<std::size_t>(kThreads * kEach));
  auto failure = engine::audit::VerifyChain(*records);
  EXPECT_FALSE(failure) << failure->message;
}

TDKT_ON_BOTH_BACKENDS(EventLogStoreTest);

}  // namespace
}  // namespace tdkt::adapters::db
