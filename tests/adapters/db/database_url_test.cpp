#include "adapters/db/database_url.hpp"

#include <gtest/gtest.h>

namespace tdkt::adapters::db {
namespace {

TEST(DatabaseUrl, SqlitePathIsTheEmbeddedBackend) {
  auto url = ParseDatabaseUrl("sqlite:var/tdkt.db");
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  EXPECT_EQ(url->backend, Backend::kSqlite);
  EXPECT_EQ(url->sqlite_path, "var/tdkt.db");
  EXPECT_EQ(url->redacted, "sqlite:var/tdkt.db");
}

TEST(DatabaseUrl, DefaultIsSqliteUnderVar) {
  auto url = ParseDatabaseUrl(kDefaultDatabaseUrl);
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->sqlite_path, "var/tdkt.db");
}

TEST(DatabaseUrl, PostgresqlUriIsPassedToLibpqAndItsPasswordHidden) {
  auto url = ParseDatabaseUrl("postgresql://tdkt:s3cret@db.example:5432/tdkt?sslmode=require");
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  EXPECT_EQ(url->backend, Backend::kPostgresql);
  // SOCI takes libpq's key=value form; libpq itself did the parsing.
  EXPECT_NE(url->connect_string.find("host='db.example'"), std::string::npos)
      << url->connect_string;
  EXPECT_NE(url->connect_string.find("dbname='tdkt'"), std::string::npos);
  EXPECT_NE(url->connect_string.find("sslmode='require'"), std::string::npos);
  EXPECT_EQ(url->redacted.find("s3cret"), std::string::npos) << url->redacted;
}

TEST(DatabaseUrl, LibpqKeyValueStringIsPostgresql) {
  auto url = ParseDatabaseUrl("host=127.0.0.1 port=5432 dbname=tdkt user=tdkt password='a b'");
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  EXPECT_EQ(url->backend, Backend::kPostgresql);
  EXPECT_EQ(url->redacted.find("'a b'"), std::string::npos) << url->redacted;
}

TEST(DatabaseUrl, LibpqRefusalIsReported) {
  auto url = ParseDatabaseUrl("postgresql://u@h/d?no_such_option=1");
  ASSERT_FALSE(url.ok());
  EXPECT_NE(url.status().message().find("no_such_option"), std::string::npos)
      << url.status().message();
}

TEST(DatabaseUrl, UnknownSchemeIsRefusedWithTheExpectedForms) {
  for (const char* bad : {"mysql://x@y/z", "", "sqlite:", "just-a-word", "postgresql://a b/c"}) {
    auto url = ParseDatabaseUrl(bad);
    ASSERT_FALSE(url.ok()) << bad;
    EXPECT_EQ(url.status().code(), engine::StatusCode::kInvalidArgument);
    EXPECT_NE(url.status().message().find("expected sqlite:PATH"), std::string::npos)
        << url.status().message();
  }
}

}  // namespace
}  // namespace tdkt::adapters::db
