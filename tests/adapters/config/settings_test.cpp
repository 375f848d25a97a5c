#include "adapters/config/settings.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "adapters/config/yaml_reader.hpp"

namespace tdkt::adapters::config {
namespace {

// Writes `text` to a temporary file of this test's own (CTest runs the tests in parallel) and
// loads it; returns the ConfigError message, or "".
std::string LoadError(const std::string& text) {
  auto path = std::filesystem::temp_directory_path() /
              (std::string("tdkt-settings-test-") +
               ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".yaml");
  std::ofstream(path) << text;
  std::string error;
  try {
    LoadServiceSettings(path.string());
  } catch (const ConfigError& e) {
    error = e.what();
  }
  std::filesystem::remove(path);
  return error;
}

TEST(ServiceSettings, ShippedExampleLoadsWithTheDefaults) {
  ServiceSettings s = LoadServiceSettings(TDKT_SOURCE_DIR "/config/tdkt.yaml");
  ServiceSettings defaults;
  EXPECT_EQ(s.database_url, defaults.database_url);
  EXPECT_EQ(s.listen, defaults.listen);
  EXPECT_EQ(s.max_body_bytes, defaults.max_body_bytes);
  EXPECT_EQ(s.log_format, "text");
}

TEST(ServiceSettings, ValuesInTheFileOverrideDefaults) {
  auto path = std::filesystem::temp_directory_path() / "tdkt-settings-ok.yaml";
  std::ofstream(path) << "database:\n  url: postgresql://t@h/d\n  pool_size: 3\n"
                         "log:\n  format: json\n";
  ServiceSettings s = LoadServiceSettings(path.string());
  EXPECT_EQ(s.database_url, "postgresql://t@h/d");
  EXPECT_EQ(s.database_pool_size, 3);
  EXPECT_EQ(s.log_format, "json");
  EXPECT_EQ(s.listen, "127.0.0.1:8080");
}

TEST(ServiceSettings, NotificationDeliveryIsConfigurable) {
  auto path = std::filesystem::temp_directory_path() / "tdkt-settings-notify.yaml";
  std::ofstream(path) << "notify:\n  max_attempts: 3\n  backoff_base_seconds: 5\n"
                         "  backoff_cap_seconds: 40\n  smtp_url: smtp://127.0.0.1:2525\n"
                         "  smtp_from: tdkt@binhluong.example\n";
  ServiceSettings s = LoadServiceSettings(path.string());
  std::filesystem::remove(path);
  EXPECT_EQ(s.notify_max_attempts, 3);
  EXPECT_EQ(s.notify_backoff_base_seconds, 5);
  EXPECT_EQ(s.notify_backoff_cap_seconds, 40);
  EXPECT_EQ(s.smtp_url, "smtp://127.0.0.1:2525");
  EXPECT_EQ(s.smtp_from, "tdkt@binhluong.example");
  EXPECT_EQ(ServiceSettings().notify_max_attempts, 8);
}

TEST(ServiceSettings, ABackoffCapShorterThanItsBaseIsRefused) {
  std::string error =
      LoadError("notify:\n  backoff_base_seconds: 600\n  backoff_cap_seconds: 60\n");
  EXPECT_NE(error.find("notify.backoff_cap_seconds: must not be shorter than backoff_base_seconds"),
            std::string::npos)
      << error;
  EXPECT_NE(LoadError("notify:\n  max_attempts: 0\n").find("notify.max_attempts"),
            std::string::npos);
}

TEST(ServiceSettings, UnknownKeyIsNamed) {
  EXPECT_NE(LoadError("http:\n  lisen: 1.2.3.4:80\n").find("http.lisen: unknown key"),
            std::string::npos);
  EXPECT_NE(LoadError("colour: blue\n").find("colour: unknown key"), std::string::npos);
}

TEST(ServiceSettings, WrongTypeSaysWhatWasExpected) {
  std::string error = LoadError("http:\n  threads: many\n");
  EXPECT_NE(error.find("http.threads: expected an integer, got \"many\""), std::string::npos)
      << error;
  error = LoadError("http: [1, 2]\n");
  EXPECT_NE(error.find("http: expected a mapping"), std::string::npos) << error;
}

TEST(ServiceSettings, MissingRequiredValueIsNamed) {
  std::string error = LoadError("database:\n  pool_size: 2\n");
  EXPECT_NE(error.find("database.url: missing required value"), std::string::npos) << error;
}

TEST(ServiceSettings, ValueOutsideItsSetIsRefused) {
  std::string error = LoadError("log:\n  format: xml\n");
  EXPECT_NE(error.find("log.format: expected one of text, json, got \"xml\""), std::string::npos)
      << error;
  error = LoadError("http:\n  threads: 0\n");
  EXPECT_NE(error.find("http.threads: expected an integer from 1"), std::string::npos) << error;
}

TEST(ServiceSettings, SyntaxErrorNamesFileAndLine) {
  std::string error = LoadError("http:\n  listen: [unclosed\n");
  EXPECT_NE(error.find("tdkt-settings-test-SyntaxErrorNamesFileAndLine.yaml:"), std::string::npos)
      << error;
  EXPECT_NE(error.find("YAML syntax error"), std::string::npos) << error;
}

TEST(ServiceSettings, MissingFileIsNamed) {
  try {
    LoadServiceSettings("/nonexistent/tdkt.yaml");
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/tdkt.yaml: cannot read"), std::string::npos);
  }
}

TEST(ServiceSettings, ADuplicateKeyIsRefusedNamingBothLines) {
  // yaml-cpp keeps both and lookups take the first: the second would be silently ignored.
  std::string error = LoadError("http:\n  threads: 2\n  listen: 127.0.0.1:80\n  threads: 8\n");
  EXPECT_NE(error.find("tdkt-settings-test-ADuplicateKeyIsRefusedNamingBothLines.yaml:4:"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("http.threads: duplicate key (first given at line 2)"), std::string::npos)
      << error;
  error = LoadError("log:\n  level: warn\nlog:\n  level: debug\n");
  EXPECT_NE(error.find("log: duplicate key (first given at line 1)"), std::string::npos) << error;
  // Quoting does not make a key another one.
  error = LoadError("paths:\n  web: a\n  \"web\": b\n");
  EXPECT_NE(error.find("paths.web: duplicate key"), std::string::npos) << error;
}

TEST(ServiceSettings, APathWithANulIsRefusedNamingTheKey) {
  // Cut at the NUL, "config\0rules" would quietly become "config".
  std::string error = LoadError("paths:\n  rules: \"config\\0rules\"\n");
  EXPECT_NE(error.find("tdkt-settings-test-APathWithANulIsRefusedNamingTheKey.yaml:2:"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("paths.rules: contains a NUL character"), std::string::npos) << error;
  error = LoadError("database:\n  url: \"sqlite:var/a.db\\0.x\"\n");
  EXPECT_NE(error.find("database.url: contains a NUL character"), std::string::npos) << error;
}

TEST(ServiceSettings, ShippedYamlFilesHaveNoDuplicateKeys) {
  int files = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(TDKT_SOURCE_DIR "/config")) {
    const auto ext = entry.path().extension();
    if (ext != ".yaml" && ext != ".yml") continue;
    EXPECT_NO_THROW(LoadYamlFile(entry.path().string())) << entry.path();
    ++files;
  }
  EXPECT_GT(files, 5);
}

}  // namespace
}  // namespace tdkt::adapters::config
