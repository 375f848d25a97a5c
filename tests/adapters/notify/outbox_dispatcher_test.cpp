// OutboxDispatcher on both backends, against real receivers on loopback: an SMTP server
// (tests/tools/smtp_sink.py, aiosmtpd) and a webhook receiver that checks the HMAC signature and
// can fail the first N requests (tests/tools/webhook_receiver.py). Time is a manual clock.

#include "adapters/notify/outbox_dispatcher.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "adapters/notify/curl_channels.hpp"
#include "adapters/notify/log_channel.hpp"
#include "engine/audit/record.hpp"
#include "tests/adapters/support/store_fixture.hpp"
#include "tests/adapters/support/subprocess.hpp"

namespace tdkt::adapters::notify {
namespace {

using namespace std::chrono_literals;

constexpr char kPython[] = "/usr/bin/python3";  // Debian's, which has python3-aiosmtpd
const std::string kTools = std::string(TDKT_SOURCE_DIR) + "/tests/tools/";
constexpr char kSecret[] = "bí mật chung";

class TestClock final : public engine::Clock {
 public:
  engine::Timestamp Now() const override { return engine::Timestamp(std::chrono::seconds(now_)); }
  void Set(const std::string& rfc3339) {
    now_ = engine::audit::ParseTimestamp(rfc3339).value().time_since_epoch().count();
  }
  void Advance(std::chrono::seconds by) { now_ += by.count(); }

 private:
  std::atomic<long long> now_{0};
};

// A helper process that prints "PORT <n>" once it listens.
int ReadPort(testing::Subprocess& child) {
  auto line = child.ReadLine(20s);
  if (!line || line->rfind("PORT ", 0) != 0) return 0;
  return std::stoi(line->substr(5));
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class OutboxDispatcherTest : public testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    templates_ = LoadTemplates(std::string(TDKT_SOURCE_DIR) + "/config/notify/templates.yaml");
    clock_.Set("2024-08-01T02:00:00Z");
    logger_ = std::make_shared<spdlog::logger>("notify-test",
                                               std::make_shared<spdlog::sinks::null_sink_mt>());
    dir_ = std::filesystem::temp_directory_path() /
           ("tdkt_notify_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto sql = db_->Acquire();
    ASSERT_TRUE(testing::MigratedDatabaseTest::UpsertProjection(*sql, "HS-17", 3).ok());
    *sql << "UPDATE dossiers SET state = 'awaiting_supplement', award = 'lao_dong_tien_tien',"
            " next_deadline_at = '2024-08-07T17:00:00Z' WHERE id = 'HS-17'";
    *sql << "INSERT INTO users (id, display_name, role, unit_id, email, created_at) VALUES"
            " ('u-1', 'Nguyễn Văn An', 'unit_officer', 'thon-1', 'an.thon1@binhluong.example',"
            " '2024-03-01T00:00:00Z')";
    *sql << "INSERT INTO users (id, display_name, role, unit_id, email, active, created_at)"
            " VALUES ('u-2', 'Trần Văn Bình', 'unit_officer', 'thon-1', 'binh@binhluong.example',"
            " 0, '2024-03-01T00:00:00Z')";
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    MigratedDatabaseTest::TearDown();
  }

  long long Enqueue(const std::string& kind, const std::string& payload) {
    auto sql = db_->Acquire();
    std::string key = "req-" + kind;
    std::string k = kind;
    std::string p = payload;
    std::string at = engine::audit::FormatTimestamp(clock_.Now());
    std::string at2 = at;
    *sql << "INSERT INTO outbox (dedupe_key, dossier_id, kind, channel, recipient, payload,"
            " status, next_attempt_at, created_at) VALUES (:k, 'HS-17', :kind, 'log',"
            " 'unit_officer@thon-1', :p, 'pending', :at, :created)",
        soci::use(key), soci::use(k), soci::use(p), soci::use(at), soci::use(at2);
    long long id = 0;
    *sql << "SELECT id FROM outbox WHERE dedupe_key = :k", soci::into(id), soci::use(key);
    return id;
  }

  OutboxEntry Row(OutboxDispatcher& dispatcher, long long id) {
    auto all = dispatcher.List("");
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    for (const auto& e : *all) {
      if (e.id == id) return e;
    }
    ADD_FAILURE() << "no outbox row " << id;
    return {};
  }

  void SetWebhook(const std::string& url) {
    auto sql = db_->Acquire();
    std::string u = url;
    *sql << "UPDATE units SET webhook_url = :u WHERE id = 'thon-1'", soci::use(u);
  }

  TemplateSet templates_;
  TestClock clock_;
  std::shared_ptr<spdlog::logger> logger_;
  std::filesystem::path dir_;
};

const char kEnteredSupplement[] =
    R"({"template":"dossier_entered_awaiting_supplement","dossier":"HS-17",)"
    R"("role":"unit_officer","unit":"thon-1","state":"awaiting_supplement"})";

TEST_P(OutboxDispatcherTest, SmtpDeliversVietnameseMailToTheUnitsOfficer) {
  testing::Subprocess sink({kPython, kTools + "smtp_sink.py", dir_.string()});
  const int port = ReadPort(sink);
  ASSERT_GT(port, 0) << sink.Stderr();
  SmtpSettings smtp_settings;
  smtp_settings.url = "smtp://127.0.0.1:" + std::to_string(port);
  smtp_settings.from = "tdkt@binhluong.example";
  smtp_settings.from_name = "Hội đồng TĐKT xã Bình Lương";
  SmtpChannel smtp(smtp_settings);
  LogChannel log(logger_);
  OutboxDispatcher dispatcher(*db_, clock_, templates_, {.log = &log, .email = &smtp}, {}, logger_);
  const long long id = Enqueue("dossier_entered_awaiting_supplement", kEnteredSupplement);

  auto handled = dispatcher.RunOnce();
  ASSERT_TRUE(handled.ok()) << handled.status().ToString();
  EXPECT_EQ(*handled, 1);
  const auto summary_path = dir_ / "1.json";
  for (int i = 0; i < 500 && !std::filesystem::exists(summary_path); ++i) {
    std::this_thread::sleep_for(10ms);
  }
  ASSERT_TRUE(std::filesystem::exists(summary_path)) << "the SMTP server received nothing";
  EXPECT_FALSE(std::filesystem::exists(dir_ / "2.json")) << "the inactive user got mail";
  boost::json::object mail = boost::json::parse(ReadFile(summary_path)).as_object();
  EXPECT_EQ(mail["mail_from"].as_string(), "tdkt@binhluong.example");
  EXPECT_EQ(mail["rcpt_tos"].as_array(), boost::json::array{"an.thon1@binhluong.example"});
  EXPECT_EQ(mail["to"].as_string(), "<an.thon1@binhluong.example>");
  EXPECT_NE(mail["from"].as_string().find("<tdkt@binhluong.example>"), std::string::npos);
  EXPECT_EQ(mail["content_type"].as_string(), "text/plain; charset=UTF-8");
  EXPECT_EQ(mail["transfer_encoding"].as_string(), "base64");
  EXPECT_EQ(std::string(mail["subject_raw"].as_string()).rfind("=?UTF-8?B?", 0), 0u);
  EXPECT_EQ(mail["subject"].as_string(), "[TĐKT] Đề nghị bổ sung hồ sơ HS-17 (Lê Thị Hoa)");
  std::string body(mail["body"].as_string());
  EXPECT_NE(body.find("Hồ sơ đề nghị khen thưởng số HS-17"), std::string::npos) << body;
  EXPECT_NE(body.find("Người/tập thể được đề nghị: Lê Thị Hoa"), std::string::npos) << body;
  EXPECT_NE(body.find("Hình thức khen thưởng: Lao động tiên tiến"), std::string::npos) << body;
  EXPECT_NE(body.find("Trạng thái hiện tại: Chờ bổ sung"), std::string::npos) << body;
  // 2024-08-07T17:00:00Z is midnight starting 8/8 in Vietnam (UTC+7).
  EXPECT_NE(body.find("Hạn xử lý: 00:00 08/08/2024"), std::string::npos) << body;
  EXPECT_NE(body.find("Việc cần làm: bổ sung các tài liệu còn thiếu"), std::string::npos) << body;

  OutboxEntry row = Row(dispatcher, id);
  EXPECT_EQ(row.status, "sent");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.sent_at, "2024-08-01T02:00:00Z");
  auto attempts = dispatcher.Attempts(id);
  ASSERT_TRUE(attempts.ok());
  ASSERT_EQ(attempts->size(), 2u);  // the log and the e-mail
  EXPECT_EQ((*attempts)[1].channel, "email");
  EXPECT_EQ((*attempts)[1].target, "an.thon1@binhluong.example");
  EXPECT_EQ((*attempts)[1].outcome, "sent");
  EXPECT_EQ(*dispatcher.RunOnce(), 0) << "a sent row was delivered again";
}

TEST_P(OutboxDispatcherTest, WebhookFailingThreeTimesGetsExactlyOneSignedSuccess) {
  const auto log_file = dir_ / "webhook.jsonl";
  testing::Subprocess receiver(
      {kPython, kTools + "webhook_receiver.py", kSecret, "3", log_file.string()});
  const int port = ReadPort(receiver);
  ASSERT_GT(port, 0) << receiver.Stderr();
  SetWebhook("http://127.0.0.1:" + std::to_string(port) + "/tdkt");
  WebhookChannel webhook({.secret = kSecret});
  OutboxDispatcher dispatcher(*db_, clock_, templates_, {.webhook = &webhook},
                              {.max_attempts = 5, .backoff_base = 60s}, logger_);
  const long long id =
      Enqueue("reminder", R"({"template":"reminder","dossier":"HS-17",)"
                          R"("deadline_kind":"supplement","due_at":"2024-08-07T17:00:00Z",)"
                          R"("working_days_left":3})");
  // Attempt n fails and waits 60 s * 2^(n-1); a run one second early finds nothing due.
  for (int attempt = 1; attempt <= 3; ++attempt) {
    EXPECT_EQ(*dispatcher.RunOnce(), 1) << "attempt " << attempt;
    OutboxEntry row = Row(dispatcher, id);
    EXPECT_EQ(row.status, "pending");
    EXPECT_EQ(row.attempts, attempt);
    EXPECT_NE(row.last_error.find("HTTP 500"), std::string::npos) << row.last_error;
    const auto wait = 60s * (1 << (attempt - 1));
    EXPECT_EQ(row.next_attempt_at, engine::audit::FormatTimestamp(clock_.Now() + wait));
    clock_.Advance(wait - 1s);
    EXPECT_EQ(*dispatcher.RunOnce(), 0) << "due too early after attempt " << attempt;
    clock_.Advance(1s);
  }
  EXPECT_EQ(*dispatcher.RunOnce(), 1);
  EXPECT_EQ(Row(dispatcher, id).status, "sent");
  clock_.Advance(24h);
  EXPECT_EQ(*dispatcher.RunOnce(), 0);

  std::vector<boost::json::object> requests;
  std::istringstream lines(ReadFile(log_file));
  for (std::string line; std::getline(lines, line);) {
    requests.push_back(boost::json::parse(line).as_object());
  }
  ASSERT_EQ(requests.size(), 4u);
  int successes = 0;
  for (auto& r : requests) {
    EXPECT_TRUE(r["signature_ok"].as_bool());
    EXPECT_EQ(r["delivery"].as_string(), std::to_string(id));
    EXPECT_EQ(r["content_type"].as_string(), "application/json; charset=utf-8");
    successes += r["status"].as_int64() == 200 ? 1 : 0;
  }
  EXPECT_EQ(successes, 1);
  auto& body = requests.back()["body"].as_object();
  EXPECT_EQ(body["kind"].as_string(), "reminder");
  EXPECT_EQ(body["dossier"].as_string(), "HS-17");
  EXPECT_EQ(body["subject"].as_string(), "[TĐKT] Nhắc hạn bổ sung hồ sơ: hồ sơ HS-17 (Lê Thị Hoa)");
  EXPECT_EQ(body["payload"].as_object()["working_days_left"].as_int64(), 3);

  auto attempts = dispatcher.Attempts(id);
  ASSERT_TRUE(attempts.ok());
  ASSERT_EQ(attempts->size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ((*attempts)[i].attempt, i + 1);
    EXPECT_EQ((*attempts)[i].channel, "webhook");
    EXPECT_EQ((*attempts)[i].outcome, i < 3 ? "failed" : "sent");
  }
}

TEST_P(OutboxDispatcherTest, GivesUpIntoDeadLetterAndRetryBringsItBack) {
  // Nothing listens on the loopback's port 9 (discard) here: every attempt is refused.
  SetWebhook("http://127.0.0.1:9/unreachable");
  WebhookChannel webhook({.secret = kSecret, .timeout = 2000ms});
  LogChannel log(logger_);
  OutboxDispatcher dispatcher(*db_, clock_, templates_, {.log = &log, .webhook = &webhook},
                              {.max_attempts = 3, .backoff_base = 10s, .backoff_cap = 15s},
                              logger_);
  const long long id = Enqueue("dossier_entered_awaiting_supplement", kEnteredSupplement);
  EXPECT_EQ(*dispatcher.RunOnce(), 1);
  EXPECT_EQ(Row(dispatcher, id).next_attempt_at, "2024-08-01T02:00:10Z");
  clock_.Advance(10s);
  EXPECT_EQ(*dispatcher.RunOnce(), 1);
  EXPECT_EQ(Row(dispatcher, id).next_attempt_at, "2024-08-01T02:00:25Z") << "capped at 15 s";
  clock_.Advance(15s);
  EXPECT_EQ(*dispatcher.RunOnce(), 1);
  OutboxEntry dead = Row(dispatcher, id);
  EXPECT_EQ(dead.status, "failed");
  EXPECT_EQ(dead.attempts, 3);
  EXPECT_NE(dead.last_error.find("webhook http://127.0.0.1:9/unreachable"), std::string::npos)
      << dead.last_error;
  clock_.Advance(24h);
  EXPECT_EQ(*dispatcher.RunOnce(), 0) << "a dead letter was retried by itself";
  auto failed = dispatcher.List("failed");
  ASSERT_TRUE(failed.ok());
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ(failed->front().id, id);
  // The log got it on the first attempt and is not sent it again; every webhook try is recorded.
  auto attempts = dispatcher.Attempts(id);
  ASSERT_TRUE(attempts.ok());
  ASSERT_EQ(attempts->size(), 4u);
  EXPECT_EQ((*attempts)[0].channel, "log");
  EXPECT_EQ((*attempts)[0].outcome, "sent");

  ASSERT_TRUE(dispatcher.Retry(id).ok());
  EXPECT_EQ(dispatcher.Retry(id).code(), engine::StatusCode::kNotFound) << "not failed any more";
  EXPECT_EQ(dispatcher.Retry(id + 100).code(), engine::StatusCode::kNotFound);
  OutboxEntry again = Row(dispatcher, id);
  EXPECT_EQ(again.status, "pending");
  EXPECT_EQ(again.attempts, 0);
  EXPECT_TRUE(dispatcher.List("failed")->empty());
  SetWebhook("");
  EXPECT_EQ(*dispatcher.RunOnce(), 1);
  EXPECT_EQ(Row(dispatcher, id).status, "sent");
}

TDKT_ON_BOTH_BACKENDS(OutboxDispatcherTest);

}  // namespace
}  // namespace tdkt::adapters::notify
