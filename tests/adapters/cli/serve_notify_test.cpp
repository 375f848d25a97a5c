// End-to-end: `tdkt serve` delivers the outbox by e-mail to a real SMTP server on loopback
// (tests/tools/smtp_sink.py), on both backends, and stops cleanly on SIGTERM.

#include <gtest/gtest.h>
#include <signal.h>
#include <soci/soci.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/adapters/support/service_config.hpp"
#include "tests/adapters/support/store_fixture.hpp"
#include "tests/adapters/support/subprocess.hpp"

namespace tdkt {
namespace {

using namespace std::chrono_literals;
using testing::Subprocess;

class ServeNotify : public testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    dir_ = std::filesystem::temp_directory_path() /
           ("tdkt-serve-notify-" + std::to_string(::getpid()) + "-" +
            std::to_string(GetParam() == testing::Backend::kSqlite ? 0 : 1));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto sql = db_->Acquire();
    ASSERT_TRUE(UpsertProjection(*sql, "HS-21", 2).ok());
    *sql << "INSERT INTO users (id, display_name, role, email, created_at) VALUES ('u-s',"
            " 'Phạm Thị Thu', 'secretariat', 'thu@binhluong.example', '2024-03-01T00:00:00Z')";
    *sql << "INSERT INTO outbox (dedupe_key, dossier_id, kind, channel, recipient, payload,"
            " status, next_attempt_at, created_at) VALUES ('r-21:0', 'HS-21',"
            " 'dossier_entered_intake', 'log', 'secretariat',"
            " '{\"template\":\"dossier_entered_intake\",\"dossier\":\"HS-21\"}', 'pending',"
            " '2024-07-22T01:00:00Z', '2024-07-22T01:00:00Z')";
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    MigratedDatabaseTest::TearDown();
  }

  std::string Config(const std::string& extra = "") {
    return testing::WriteServiceConfig(dir_ / "tdkt.yaml", url(), extra);
  }

  std::string Status() {
    auto sql = db_->Acquire();
    std::string status;
    *sql << "SELECT status FROM outbox WHERE dedupe_key = 'r-21:0'", soci::into(status);
    return status;
  }

  std::filesystem::path dir_;
};

TEST_P(ServeNotify, ServeDeliversTheOutboxByEmail) {
  const auto mail_dir = dir_ / "mail";
  std::filesystem::create_directories(mail_dir);
  Subprocess sink(
      {"/usr/bin/python3", TDKT_SOURCE_DIR "/tests/tools/smtp_sink.py", mail_dir.string()});
  auto line = sink.ReadLine(20s);
  ASSERT_TRUE(line && line->rfind("PORT ", 0) == 0) << sink.Stderr();
  // The SMTP server from the configuration file's notify: section.
  Subprocess server({TDKT_BINARY, "--log-level", "error", "serve", "--config",
                     Config("notify:\n  smtp_url: smtp://127.0.0.1:" + line->substr(5) +
                            "\n  smtp_from: tdkt@binhluong.example\n"),
                     "--listen", "127.0.0.1:0"});
  ASSERT_TRUE(server.ReadLine(30s).has_value()) << server.Stderr();
  // A bounded wait (a hang detector, not a timing).
  const auto summary = mail_dir / "1.json";
  for (int i = 0; i < 600 && (!std::filesystem::exists(summary) || Status() != "sent"); ++i) {
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_TRUE(std::filesystem::exists(summary)) << "no mail arrived";
  std::stringstream text;
  text << std::ifstream(summary).rdbuf();
  boost::json::object mail = boost::json::parse(text.str()).as_object();
  EXPECT_EQ(mail["rcpt_tos"].as_array(), boost::json::array{"thu@binhluong.example"});
  EXPECT_EQ(mail["subject"].as_string(), "[TĐKT] Tiếp nhận hồ sơ HS-21 (Lê Thị Hoa)");
  EXPECT_EQ(Status(), "sent");
  ASSERT_EQ(::kill(server.pid(), SIGTERM), 0);
  auto code = server.Wait(10s);
  ASSERT_TRUE(code.has_value()) << "tdkt serve did not stop on SIGTERM";
  EXPECT_EQ(*code, 0);
}

TDKT_ON_BOTH_BACKENDS(ServeNotify);

}  // namespace
}  // namespace tdkt
