#include "adapters/db/migrations.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <thread>
#include <vector>

#include "tests/adapters/support/db_fixture.hpp"

namespace tdkt::adapters::db {
namespace {

class Migrations : public testing::DatabaseTest {};

TEST_P(Migrations, FreshDatabaseIsAtVersionZero) {
  auto db = Open();
  ASSERT_TRUE(db);
  auto version = SchemaVersion(*db);
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  EXPECT_EQ(*version, 0);
}

TEST_P(Migrations, ApplyEveryMigrationInOrderAndRecordEach) {
  auto db = Open();
  ASSERT_TRUE(db);
  auto report = Migrate(*db);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->from_version, 0);
  EXPECT_EQ(report->to_version, LatestSchemaVersion());
  ASSERT_EQ(report->applied.size(), AllMigrations().size());
  for (std::size_t i = 0; i < AllMigrations().size(); ++i) {
    EXPECT_EQ(report->applied[i], AllMigrations()[i].version);
  }
  auto sql = db->Acquire();
  int recorded = 0;
  *sql << "SELECT COUNT(*) FROM schema_migrations", soci::into(recorded);
  EXPECT_EQ(recorded, static_cast<int>(AllMigrations().size()));
}

TEST_P(Migrations, RunningTwiceIsHarmless) {
  auto db = Open();
  ASSERT_TRUE(db);
  ASSERT_TRUE(Migrate(*db).ok());
  auto second = Migrate(*db);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE(second->applied.empty());
  EXPECT_EQ(second->from_version, LatestSchemaVersion());
  auto version = SchemaVersion(*db);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, LatestSchemaVersion());
}

TEST_P(Migrations, ConcurrentMigratorsApplyEachMigrationExactlyOnce) {
  constexpr int kMigrators = 4;
  std::vector<std::unique_ptr<Database>> handles;
  for (int i = 0; i < kMigrators; ++i) {
    handles.push_back(Open(1));
    ASSERT_TRUE(handles.back());
  }
  std::vector<std::string> errors(kMigrators);
  std::vector<std::size_t> applied(kMigrators, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kMigrators; ++i) {
    threads.emplace_back([&, i] {
      auto result = Migrate(*handles[i]);
      if (result.ok()) {
        applied[i] = result->applied.size();
      } else {
        errors[i] = result.status().ToString();
      }
    });
  }
  for (auto& t : threads) t.join();
  std::size_t applied_total = 0;
  for (int i = 0; i < kMigrators; ++i) {
    EXPECT_EQ(errors[i], "") << "migrator " << i;
    applied_total += applied[i];
  }
  EXPECT_EQ(applied_total, AllMigrations().size());
  auto sql = handles[0]->Acquire();
  int recorded = 0;
  *sql << "SELECT COUNT(*) FROM schema_migrations", soci::into(recorded);
  EXPECT_EQ(recorded, static_cast<int>(AllMigrations().size()));
}

TDKT_ON_BOTH_BACKENDS(Migrations);

}  // namespace
}  // namespace tdkt::adapters::db
