#pragma once
// A fixture that gives each test a fresh, empty database on each backend: a temporary SQLite file,
// and a new database on the real PostgreSQL named by TDKT_TEST_PG_DSN (scripts/with-postgres sets
// it). Database tests are parameterised over both backends and never run on one only: without the
// DSN the PostgreSQL instance fails, saying how to run it.

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "adapters/db/database.hpp"
#include "adapters/db/database_url.hpp"

namespace tdkt::testing {

using adapters::db::Backend;

// The server part of the PostgreSQL DSN ("postgresql://postgres@127.0.0.1:5999"), or "".
inline std::string PostgresServer() {
  const char* dsn = std::getenv("TDKT_TEST_PG_DSN");
  if (dsn == nullptr) return "";
  std::string text(dsn);
  auto scheme = text.find("://");
  auto slash = text.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? text : text.substr(0, slash);
}

class DatabaseTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    std::string name = "tdkt_t" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    if (GetParam() == Backend::kSqlite) {
      dir_ = std::filesystem::temp_directory_path() / name;
      std::filesystem::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "tdkt.db").string();
    } else {
      server_ = PostgresServer();
      if (server_.empty()) {
        GTEST_FAIL() << "TDKT_TEST_PG_DSN is not set: database tests run on both SQLite and "
                        "PostgreSQL; run them with scripts/with-postgres (or scripts/test)";
      }
      soci::session admin(soci::postgresql, AdminConninfo());
      admin << "CREATE DATABASE " + name;
      pg_name_ = name;
      url_ = server_ + "/" + name;
    }
  }

  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    if (!pg_name_.empty()) {
      soci::session admin(soci::postgresql, AdminConninfo());
      admin << "DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)";
    }
  }

  // Opens the test's database (the test asserts it worked).
  std::unique_ptr<adapters::db::Database> Open(std::size_t pool_size = 4) {
    auto url = adapters::db::ParseDatabaseUrl(url_);
    EXPECT_TRUE(url.ok()) << url.status().ToString();
    auto db = adapters::db::Database::Open(*url, pool_size);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(*db) : nullptr;
  }

  const std::string& url() const { return url_; }

 private:
  std::string AdminConninfo() const {
    return adapters::db::ParseDatabaseUrl(server_ + "/postgres").value().connect_string;
  }

 public:
 private:
  std::string url_;
  std::filesystem::path dir_;
  std::string server_;
  std::string pg_name_;
};

// Prints the backend's name in test output instead of its bytes.
}  // namespace tdkt::testing
namespace tdkt::adapters::db {
inline void PrintTo(Backend backend, std::ostream* os) { *os << BackendName(backend); }
}  // namespace tdkt::adapters::db
namespace tdkt::testing {

inline std::string BackendTestName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgresql";
}

}  // namespace tdkt::testing

// Instantiates a DatabaseTest-derived suite on both backends.
#define TDKT_ON_BOTH_BACKENDS(Suite)                                                               \
  INSTANTIATE_TEST_SUITE_P(                                                                        \
      Backends, Suite,                                                                             \
      ::testing::Values(::tdkt::testing::Backend::kSqlite, ::tdkt::testing::Backend::kPostgresql), \
      ::tdkt::testing::BackendTestName)
