// End-to-end: the real tdkt binary refuses bad command lines with one line on stderr and exit code
// 2 (README, "The program"), while --help and --version still print and exit 0.

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/adapters/support/subprocess.hpp"

namespace tdkt {
namespace {

using testing::RunResult;
using testing::RunToCompletion;

// Checks the program's rule for bad input: exit 2, nothing on stdout, exactly one line on stderr
// that starts "tdkt: error: " and contains `needle`.
void ExpectOneLineError(const RunResult& result, const std::string& needle, int exit_code = 2) {
  EXPECT_EQ(result.exit_code, exit_code) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_EQ(result.err.rfind("tdkt: error: ", 0), 0u) << result.err;
  EXPECT_NE(result.err.find(needle), std::string::npos)
      << "expected \"" << needle << "\" in " << result.err;
}

TEST(ArgumentErrors, UnknownOptionIsOneLineAndExitCode2) {
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "migrate", "--bogus"}), "--bogus");
}

TEST(ArgumentErrors, MissingRequiredOptionIsOneLineAndExitCode2) {
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "timers", "list"}), "--due-before");
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "user", "add", "--id", "a", "--name", "A"}),
                     "--role");
}

TEST(ArgumentErrors, BadValueForACheckedOptionIsOneLineAndExitCode2) {
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "--log-format", "xml", "migrate"}), "xml");
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "timers", "list", "--due-before", "2024-07-22",
                                      "--status", "maybe"}),
                     "maybe");
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "serve", "--scheduler-batch", "0"}),
                     "--scheduler-batch");
}

TEST(ArgumentErrors, UnknownSubcommandIsOneLineAndExitCode2) {
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "frobnicate"}), "frobnicate");
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "calendar", "easter", "2024"}), "easter");
}

TEST(ArgumentErrors, MissingSubcommandIsOneLineAndExitCode2) {
  ExpectOneLineError(RunToCompletion({TDKT_BINARY}), "subcommand");
}

TEST(ArgumentErrors, ExtraPositionalIsOneLineAndExitCode2) {
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "calendar", "holidays", "2024", "2025"}),
                     "2025");
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "migrate", "now"}), "now");
}

TEST(ArgumentErrors, NewlineInAValueStaysOnOneLine) {
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "--log-format", "te\nxt", "migrate"}),
                     "te\\nxt");
}

TEST(ArgumentErrors, HelpAndVersionStillPrintAndExit0) {
  auto help = RunToCompletion({TDKT_BINARY, "--help"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  EXPECT_NE(help.out.find("calendar"), std::string::npos) << help.out;
  EXPECT_EQ(help.err, "");
  auto sub_help = RunToCompletion({TDKT_BINARY, "timers", "list", "--help"});
  EXPECT_EQ(sub_help.exit_code, 0) << sub_help.err;
  EXPECT_NE(sub_help.out.find("--due-before"), std::string::npos) << sub_help.out;
  auto version = RunToCompletion({TDKT_BINARY, "--version"});
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_NE(version.out.find('.'), std::string::npos) << version.out;
}

TEST(DatabaseDirectory, MissingSqliteDirectoryIsNamedAndNeverCreated) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("tdkt-no-such-dir-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const std::string missing = (dir / "sub").string();
  auto migrate = RunToCompletion({TDKT_BINARY, "migrate", "--db", "sqlite:" + missing + "/t.db"});
  ExpectOneLineError(migrate, missing + " does not exist");
  EXPECT_FALSE(std::filesystem::exists(dir)) << "migrate created " << dir;
  auto timers = RunToCompletion({TDKT_BINARY, "timers", "list", "--due-before", "2024-07-22",
                                 "--db", "sqlite:" + missing + "/t.db"});
  ExpectOneLineError(timers, missing + " does not exist");
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(DatabaseDirectory, AFileWhereTheDirectoryShouldBeIsNamed) {
  const auto file =
      std::filesystem::temp_directory_path() / ("tdkt-not-a-dir-" + std::to_string(::getpid()));
  std::filesystem::remove_all(file);
  {
    std::FILE* f = std::fopen(file.c_str(), "w");
    if (f != nullptr) std::fclose(f);
  }
  auto result =
      RunToCompletion({TDKT_BINARY, "migrate", "--db", "sqlite:" + file.string() + "/t.db"});
  std::filesystem::remove(file);
  ExpectOneLineError(result, file.string() + " is not a directory");
}

// A scratch directory of this test's own, removed afterwards.
class ScratchDirectory {
 public:
  ScratchDirectory()
      : path_(std::filesystem::temp_directory_path() /
              ("tdkt-args-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDirectory() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(ArgumentErrors, AUserIdWithANewlineIsRefusedNamingTheFlag) {
  ScratchDirectory scratch;
  const std::string db = "sqlite:" + (scratch.path() / "users.db").string();
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "user", "add", "--id", "a\nb", "--name", "A",
                                      "--role", "secretariat", "--db", db}),
                     "--id: must not contain control characters, got 'a\\nb'");
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "user", "add", "--id", "a", "--name", "A\rB",
                                      "--role", "secretariat", "--db", db}),
                     "--name");
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "token", "issue", "--user", "a\nb", "--db", db}),
                     "--user: must not contain control characters");
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "user", "add", "--id", "", "--name", "A",
                                      "--role", "secretariat", "--db", db}),
                     "--id: must not be empty");
  EXPECT_FALSE(std::filesystem::exists(scratch.path() / "users.db"))
      << "the database was opened before the flags were checked";
}

TEST(ServeConfiguration, AMissingWebDirectoryIsNamedWithWhereItCameFrom) {
  ScratchDirectory scratch;
  const std::string db = "sqlite:" + (scratch.path() / "serve.db").string();
  const std::string missing = (scratch.path() / "no-web").string();
  const std::string config = (scratch.path() / "tdkt.yaml").string();
  {
    std::FILE* f = std::fopen(config.c_str(), "w");
    ASSERT_NE(f, nullptr);
    const std::string text = "paths:\n  rules: \"" TDKT_SOURCE_DIR
                             "/config/rules\"\n  calendar: \"" TDKT_SOURCE_DIR
                             "/config/calendar\"\n  web: \"" +
                             missing + "\"\n";
    std::fputs(text.c_str(), f);
    std::fclose(f);
  }
  const std::vector<std::string> serve = {TDKT_BINARY, "serve", "--migrate", "--no-scheduler",
                                          "--db",      db,      "--listen",  "127.0.0.1:0",
                                          "--config",  config};
  ExpectOneLineError(RunToCompletion(serve),
                     config + ": paths.web: " + missing + " is not a directory");
  auto with_flag = serve;
  with_flag.insert(with_flag.end(), {"--web", missing + "-too"});
  ExpectOneLineError(RunToCompletion(with_flag), "--web: " + missing + "-too is not a directory");
}

TEST(ServeConfiguration, ADuplicateKeyInTheConfigFileIsOneLineAndExitCode2) {
  ScratchDirectory scratch;
  const std::string config = (scratch.path() / "tdkt.yaml").string();
  {
    std::FILE* f = std::fopen(config.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("http:\n  listen: 127.0.0.1:0\n  listen: 0.0.0.0:80\n", f);
    std::fclose(f);
  }
  ExpectOneLineError(RunToCompletion({TDKT_BINARY, "serve", "--config", config}),
                     config + ":3:3: http.listen: duplicate key (first given at line 2)");
  // The same file named by TDKT_CONFIG instead of --config.
  ExpectOneLineError(
      RunToCompletion({"/usr/bin/env", "TDKT_CONFIG=" + config, TDKT_BINARY, "serve"}),
      config + ":3:3: http.listen: duplicate key");
}

}  // namespace
}  // namespace tdkt
