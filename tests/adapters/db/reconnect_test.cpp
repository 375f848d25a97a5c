// A PostgreSQL connection that breaks under the service (the server restarts, or fails over) is
// opened again by the pool: the statement that meets the broken connection fails as
// Unavailable, the next lease works, with no restart of the process.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "adapters/db/database.hpp"
#include "adapters/db/sql_error.hpp"
#include "tests/adapters/support/store_fixture.hpp"

namespace tdkt {
namespace {

class Reconnect : public testing::MigratedDatabaseTest {};

TEST_P(Reconnect, ABrokenConnectionIsOpenedAgainByTheNextLease) {
  if (GetParam() != testing::Backend::kPostgresql) {
    GTEST_SKIP() << "SQLite has no server connection to lose";
  }
  auto db = Open(1);  // one connection: the next lease is the broken one
  ASSERT_TRUE(db);
  int pid = 0;
  {
    auto sql = db->Acquire();
    *sql << "SELECT pg_backend_pid()", soci::into(pid);
  }
  {
    // Cut the connection from the server's side, as a server restart or failover does.
    auto admin = db_->Acquire();
    int terminated = 0;
    *admin << "SELECT CASE WHEN pg_terminate_backend(:pid) THEN 1 ELSE 0 END", soci::use(pid),
        soci::into(terminated);
    ASSERT_EQ(terminated, 1);
  }
  // pg_terminate_backend only signals the backend: whether the next statement meets the broken
  // connection or the lease already finds it closed depends on timing. Either way, at most one
  // statement fails (as Unavailable), and a later lease works on a new connection.
  int failures = 0;
  int now = 0;
  for (int attempt = 0; attempt < 3 && now == 0; ++attempt) {
    auto sql = db->Acquire();
    try {
      *sql << "SELECT pg_backend_pid()", soci::into(now);
    } catch (const soci::soci_error& e) {
      ++failures;
      EXPECT_EQ(adapters::db::StatusFromSqlError(e, "select").code(),
                engine::StatusCode::kUnavailable);
    }
  }
  EXPECT_LE(failures, 1);
  EXPECT_NE(now, 0) << "the pool never reconnected";
  EXPECT_NE(now, pid);
}

TDKT_ON_BOTH_BACKENDS(Reconnect);

}  // namespace
}  // namespace tdkt
