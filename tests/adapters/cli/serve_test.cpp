// End-to-end: the real tdkt binary, migrated and serving on each backend.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "adapters/db/migrations.hpp"
#include "tests/adapters/support/db_fixture.hpp"
#include "tests/adapters/support/http_get.hpp"
#include "tests/adapters/support/service_config.hpp"
#include "tests/adapters/support/subprocess.hpp"

namespace tdkt {
namespace {

using namespace std::chrono_literals;
using testing::RunToCompletion;
using testing::Subprocess;

// `tdkt serve` with the source tree's configuration and then `args`.
std::vector<std::string> ServeWith(const std::string& db_url, std::vector<std::string> args) {
  static const std::string config =
      testing::WriteServiceConfig(std::filesystem::temp_directory_path() /
                                      ("tdkt-serve-" + std::to_string(::getpid()) + ".yaml"),
                                  db_url);
  std::vector<std::string> argv = {TDKT_BINARY, "serve", "--config", config};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

class Serve : public testing::DatabaseTest {
 protected:
  // Starts `tdkt serve` on a free port; returns the port read from its first line, or 0.
  std::uint16_t Start(Subprocess& child) {
    auto line = child.ReadLine(30s);
    if (!line) return 0;
    std::smatch match;
    static const std::regex kUrl(R"(on http://127\.0\.0\.1:(\d+)/)");
    if (!std::regex_search(*line, match, kUrl)) return 0;
    return static_cast<std::uint16_t>(std::stoi(match[1]));
  }
};

TEST_P(Serve, MigrateTwiceThenHealthzReportsBackendAndSchemaVersion) {
  auto first = RunToCompletion({TDKT_BINARY, "migrate", "--db", url()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("migrated"), std::string::npos) << first.out;
  auto second = RunToCompletion({TDKT_BINARY, "migrate", "--db", url()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("up to date"), std::string::npos) << second.out;

  Subprocess server(ServeWith(url(), {"--no-scheduler", "--db", url(), "--listen", "127.0.0.1:0"}));
  std::uint16_t port = Start(server);
  ASSERT_NE(port, 0) << server.Stderr();

  auto health = testing::HttpGet(port, "/healthz");
  EXPECT_EQ(health.status, 200) << health.body;
  std::string backend = GetParam() == testing::Backend::kSqlite ? "sqlite" : "postgresql";
  EXPECT_NE(health.body.find("\"database\":\"" + backend + "\""), std::string::npos) << health.body;
  EXPECT_NE(
      health.body.find("\"schema_version\":" + std::to_string(adapters::db::LatestSchemaVersion())),
      std::string::npos)
      << health.body;

  auto version = testing::HttpGet(port, "/api/v1/version");
  EXPECT_EQ(version.status, 200);
  EXPECT_NE(version.body.find("\"name\":\"tdkt\""), std::string::npos);

  // A bounded wait (a hang detector, not a speed measurement): SIGTERM must end it, with 0.
  ASSERT_EQ(::kill(server.pid(), SIGTERM), 0);
  auto code = server.Wait(5s);
  ASSERT_TRUE(code.has_value()) << "tdkt serve did not stop on SIGTERM";
  EXPECT_EQ(*code, 0);
}

TEST_P(Serve, RefusesAnUnmigratedDatabaseAndSaysWhatToRun) {
  auto result = RunToCompletion({TDKT_BINARY, "serve", "--db", url(), "--listen", "127.0.0.1:0"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("run `tdkt migrate"), std::string::npos) << result.err;
}

TEST_P(Serve, MigrateFlagMigratesBeforeServing) {
  Subprocess server(
      ServeWith(url(), {"--no-scheduler", "--migrate", "--db", url(), "--listen", "127.0.0.1:0"}));
  std::uint16_t port = Start(server);
  ASSERT_NE(port, 0) << server.Stderr();
  EXPECT_EQ(testing::HttpGet(port, "/healthz").status, 200);
  ::kill(server.pid(), SIGINT);
  EXPECT_EQ(server.Wait(5s), std::optional<int>(0));
}

TDKT_ON_BOTH_BACKENDS(Serve);

// The first line of stderr only, without the program's prefix.
std::string OneLine(const std::string& err) { return err.substr(0, err.find('\n')); }

TEST(ServeErrors, BadDatabaseUrlIsOneLineAndExitCode2) {
  auto result = RunToCompletion({TDKT_BINARY, "serve", "--db", "mysql://x/y"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_NE(result.err.find("bad database URL \"mysql://x/y\""), std::string::npos) << result.err;
}

TEST(ServeErrors, UnreachablePostgresqlIsOneLineAndExitCode1) {
  auto result = RunToCompletion(
      {TDKT_BINARY, "migrate", "--db", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(OneLine(result.err).find("cannot open postgresql://nobody@127.0.0.1:1/none"),
            std::string::npos)
      << result.err;
}

TEST(ServeErrors, BadConfigFileNamesFileAndKey) {
  auto path = std::filesystem::temp_directory_path() / "tdkt-bad-config.yaml";
  std::ofstream(path) << "http:\n  threads: many\n";
  auto result = RunToCompletion({TDKT_BINARY, "serve", "--config", path.string()});
  std::filesystem::remove(path);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_NE(result.err.find(path.string()), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("http.threads: expected an integer"), std::string::npos) << result.err;
}

TEST(ServeErrors, TakenPortIsAClearError) {
  auto dir = std::filesystem::temp_directory_path() / "tdkt-port-test";
  std::filesystem::create_directories(dir);
  std::string db = "sqlite:" + (dir / "a.db").string();
  Subprocess first(
      ServeWith(db, {"--no-scheduler", "--migrate", "--db", db, "--listen", "127.0.0.1:0"}));
  auto line = first.ReadLine(30s);
  ASSERT_TRUE(line);
  std::string port = line->substr(line->rfind(':') + 1);
  port.pop_back();  // the trailing '/'
  auto second = RunToCompletion(
      ServeWith(db, {"--no-scheduler", "--db", db, "--listen", "127.0.0.1:" + port}));
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("cannot listen on 127.0.0.1:" + port), std::string::npos) << second.err;
  ::kill(first.pid(), SIGTERM);
  first.Wait(5s);
  std::filesystem::remove_all(dir);
}

TEST(Help, EverySubcommandDescribesItsOptions) {
  auto top = RunToCompletion({TDKT_BINARY, "--help"});
  EXPECT_EQ(top.exit_code, 0);
  for (const char* word : {"migrate", "serve", "--log-format"}) {
    EXPECT_NE(top.out.find(word), std::string::npos) << word;
  }
  auto migrate = RunToCompletion({TDKT_BINARY, "migrate", "--help"});
  EXPECT_NE(migrate.out.find("--db"), std::string::npos);
  auto serve = RunToCompletion({TDKT_BINARY, "serve", "--help"});
  for (const char* word : {"--db", "--listen", "--config", "--migrate"}) {
    EXPECT_NE(serve.out.find(word), std::string::npos) << word;
  }
}

}  // namespace
}  // namespace tdkt
