// End-to-end, on both backends: `tdkt serve --checkpoint-key` takes the day's signed checkpoint of
// the audit log, delivers it to the auditor by e-mail through the outbox (a real SMTP server on
// loopback, tests/tools/smtp_sink.py), serves it without a token at /audit/checkpoints, and the
// document verifies with `tdkt audit verify --checkpoint`.

#include <gtest/gtest.h>
#include <signal.h>
#include <soci/soci.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/adapters/support/http_get.hpp"
#include "tests/adapters/support/service_config.hpp"
#include "tests/adapters/support/store_fixture.hpp"
#include "tests/adapters/support/subprocess.hpp"

namespace tdkt {
namespace {

using namespace std::chrono_literals;
using testing::RunToCompletion;
using testing::Subprocess;

class ServeCheckpoint : public testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    dir_ = std::filesystem::temp_directory_path() /
           ("tdkt-serve-checkpoint-" + std::to_string(::getpid()) + "-" +
            std::to_string(GetParam() == testing::Backend::kSqlite ? 0 : 1));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    AppendEvents({"D-1", "D-2", "D-3"}, 4);
    auto sql = db_->Acquire();
    *sql << "INSERT INTO users (id, display_name, role, email, created_at) VALUES ('u-a',"
            " 'Trần Văn Kiểm', 'auditor', 'kiem@binhluong.example', '2024-03-01T00:00:00Z')";
    auto keygen =
        RunToCompletion({TDKT_BINARY, "audit", "keygen", "--out", (dir_ / "key").string()});
    ASSERT_EQ(keygen.exit_code, 0) << keygen.err;
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    MigratedDatabaseTest::TearDown();
  }

  int CheckpointRows() {
    auto sql = db_->Acquire();
    int rows = 0;
    *sql << "SELECT COUNT(*) FROM outbox WHERE kind = 'audit_checkpoint' AND status = 'sent'",
        soci::into(rows);
    return rows;
  }

  std::filesystem::path dir_;
};

TEST_P(ServeCheckpoint, TheDailyCheckpointReachesTheAuditorAndThePage) {
  const auto mail_dir = dir_ / "mail";
  std::filesystem::create_directories(mail_dir);
  Subprocess sink(
      {"/usr/bin/python3", TDKT_SOURCE_DIR "/tests/tools/smtp_sink.py", mail_dir.string()});
  auto line = sink.ReadLine(20s);
  ASSERT_TRUE(line && line->rfind("PORT ", 0) == 0) << sink.Stderr();
  const std::string config =
      testing::WriteServiceConfig(dir_ / "tdkt.yaml", url(),
                                  "notify:\n  smtp_url: smtp://127.0.0.1:" + line->substr(5) +
                                      "\n  smtp_from: tdkt@binhluong.example\n");
  Subprocess server({TDKT_BINARY, "--log-level", "error", "serve", "--config", config, "--listen",
                     "127.0.0.1:0", "--checkpoint-key", (dir_ / "key").string()});
  auto serving = server.ReadLine(30s);
  ASSERT_TRUE(serving.has_value()) << server.Stderr();
  const auto colon = serving->rfind(':');
  const auto port = static_cast<std::uint16_t>(std::stoi(serving->substr(colon + 1)));
  // A bounded wait (a hang detector, not a timing).
  const auto summary = mail_dir / "1.json";
  for (int i = 0; i < 600 && (!std::filesystem::exists(summary) || CheckpointRows() != 1); ++i) {
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_TRUE(std::filesystem::exists(summary)) << "no mail arrived";
  std::stringstream text;
  text << std::ifstream(summary).rdbuf();
  boost::json::object mail = boost::json::parse(text.str()).as_object();
  EXPECT_EQ(mail["rcpt_tos"].as_array(), boost::json::array{"kiem@binhluong.example"});
  EXPECT_NE(std::string(mail["subject"].as_string()).find("Điểm kiểm tra nhật ký kiểm toán ngày"),
            std::string::npos)
      << mail["subject"];
  const std::string body(mail["body"].as_string());

  // The page needs no token and shows the same document.
  auto latest = testing::HttpGet(port, "/audit/checkpoints/latest");
  ASSERT_EQ(latest.status, 200) << latest.body;
  EXPECT_TRUE(latest.body.starts_with("tdkt audit checkpoint v1\nsize: 12\nlast-seq: 12\n"))
      << latest.body;
  EXPECT_NE(body.find(latest.body), std::string::npos) << body;
  auto all = testing::HttpGet(port, "/audit/checkpoints");
  EXPECT_EQ(all.status, 200);
  EXPECT_EQ(all.body, latest.body);

  ASSERT_EQ(::kill(server.pid(), SIGTERM), 0);
  auto code = server.Wait(10s);
  ASSERT_TRUE(code.has_value()) << "tdkt serve did not stop on SIGTERM";
  EXPECT_EQ(*code, 0);
  EXPECT_EQ(CheckpointRows(), 1);

  // What the auditor received verifies against the log.
  std::ofstream(dir_ / "checkpoint.txt", std::ios::binary) << latest.body;
  auto verified = RunToCompletion({TDKT_BINARY, "audit", "verify", "--db", url(), "--checkpoint",
                                   (dir_ / "checkpoint.txt").string(), "--public-key",
                                   (dir_ / "key.pub").string()});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
}

TEST_P(ServeCheckpoint, AMissingKeyStopsTheStartNamingIt) {
  auto result = RunToCompletion({TDKT_BINARY, "serve", "--config",
                                 testing::WriteServiceConfig(dir_ / "tdkt.yaml", url()), "--listen",
                                 "127.0.0.1:0", "--checkpoint-key", (dir_ / "nowhere").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--checkpoint-key: cannot read the private key " +
                            (dir_ / "nowhere").string()),
            std::string::npos)
      << result.err;
}

TDKT_ON_BOTH_BACKENDS(ServeCheckpoint);

}  // namespace
}  // namespace tdkt
