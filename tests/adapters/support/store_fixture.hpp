#pragma once
// A DatabaseTest whose database is migrated to the latest schema, with helpers to write events
// through EventLogStore. One fixture per test; not thread-safe (tests' threads open their own).

#include <gtest/gtest.h>

#include <string>

#include "adapters/db/event_log_store.hpp"
#include "adapters/db/migrations.hpp"
#include "adapters/db/transaction.hpp"
#include "engine/audit/record.hpp"
#include "tests/adapters/support/db_fixture.hpp"

namespace tdkt::testing {

// A well-formed event; `n` makes its request id and reason unique.
inline adapters::db::NewEvent MakeEvent(const std::string& dossier, int n,
                                        const std::string& type = "submit") {
  adapters::db::NewEvent event;
  event.dossier_id = dossier;
  event.event_type = type;
  event.payload = boost::json::object{{"reason", "Bình xét lần " + std::to_string(n)},
                                      {"votes", boost::json::array{7, 1, 9}}};
  event.actor_id = "u-officer-" + std::to_string(n % 3);
  event.actor_role = "unit_officer";
  if (n % 2 == 0) event.actor_unit = "thon-" + std::to_string(n % 6);
  event.occurred_at =
      engine::audit::ParseTimestamp("2024-07-22T01:00:00Z").value() + std::chrono::minutes(n);
  event.request_id = "req-" + dossier + "-" + std::to_string(n);
  if (n % 3 == 0) event.rule_pack = "thanh-hoa-2024";
  return event;
}

class MigratedDatabaseTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    db_ = Open();
    ASSERT_TRUE(db_);
    auto report = adapters::db::Migrate(*db_);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
  }
  void TearDown() override {
    db_.reset();
    DatabaseTest::TearDown();
  }

  // Appends `count` events to each dossier in `dossiers`, round-robin, each in its own
  // transaction, and records the projection's version as Apply would.
  void AppendEvents(const std::vector<std::string>& dossiers, int count) {
    adapters::db::EventLogStore log(db_->backend());
    for (int n = 1; n <= count; ++n) {
      for (const auto& dossier : dossiers) {
        engine::Status status = adapters::db::RunInTransaction(*db_, [&](soci::session& sql) {
          auto record = log.Append(sql, MakeEvent(dossier, n));
          if (!record.ok()) return record.status();
          return UpsertProjection(sql, dossier, record->dossier_seq);
        });
        ASSERT_TRUE(status.ok()) << status.ToString();
      }
    }
  }

  // The dossier's projection row at `version` (with the campaign and unit it needs).
  static engine::Status UpsertProjection(soci::session& sql, const std::string& dossier,
                                         std::int64_t version) {
    long long v = version;
    sql << "INSERT INTO campaigns (id, name, created_at) VALUES ('c-75', 'Kỷ niệm 75 năm', "
           "'2024-03-01T00:00:00Z') ON CONFLICT (id) DO NOTHING";
    sql << "INSERT INTO units (id, name) VALUES ('thon-1', 'Thôn 1') ON CONFLICT (id) DO NOTHING";
    sql << "INSERT INTO dossiers (id, campaign_id, unit_id, state, version, nominee_kind, "
           "nominee_name, award, created_at, updated_at) VALUES (:id, 'c-75', 'thon-1', "
           "'unit_review', :v, 'individual', 'Lê Thị Hoa', 'giay_khen_xa', "
           "'2024-07-22T01:00:00Z', '2024-07-22T01:00:00Z') "
           "ON CONFLICT (id) DO UPDATE SET version = excluded.version",
        soci::use(dossier), soci::use(v);
    return engine::Status::Ok();
  }

  std::unique_ptr<adapters::db::Database> db_;
};

}  // namespace tdkt::testing
