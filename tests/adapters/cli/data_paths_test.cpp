// Where the program finds its data without a configuration file, and what a configuration file
// that leaves the data paths out keeps (adapters/cli/data_paths.hpp). The installed cases — share/
// tdkt beside the program, from any directory — are tried on the real package by
// tests/packaging/deb_package_test.sh.

#include "adapters/cli/data_paths.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "adapters/config/yaml_reader.hpp"

namespace tdkt::adapters::cli {
namespace {

namespace fs = std::filesystem;

// A throwaway directory that is the working directory for the test's duration.
class InDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    previous_ = fs::current_path();
    dir_ = fs::temp_directory_path() /
           ("tdkt_data_paths_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::current_path(dir_);
  }
  void TearDown() override {
    fs::current_path(previous_);
    fs::remove_all(dir_);
  }
  static void Write(const fs::path& file, const std::string& text) { std::ofstream(file) << text; }

  fs::path previous_;
  fs::path dir_;
};

TEST_F(InDirectory, ACheckoutUsesItsOwnConfigDirectory) {
  fs::create_directories("config/rules");
  const config::ServiceSettings settings = DefaultServiceSettings();
  EXPECT_EQ(settings.rules_dir, "config/rules");
  EXPECT_EQ(settings.calendar_dir, "config/calendar");
  EXPECT_EQ(settings.web_dir, "web");
  EXPECT_EQ(settings.database_url, config::ServiceSettings{}.database_url);
}

TEST_F(InDirectory, NoConfigurationFileGivesTheDefaults) {
  fs::create_directories("config/rules");
  const config::ServiceSettings settings = LoadSettings("");
  EXPECT_EQ(settings.rules_dir, DefaultServiceSettings().rules_dir);
  EXPECT_EQ(settings.listen, config::ServiceSettings{}.listen);
}

TEST_F(InDirectory, KeysAFileLeavesOutKeepTheDataFound) {
  fs::create_directories("config/rules");
  Write("tdkt.yaml", "database:\n  url: sqlite:other.db\npaths:\n  rules: /srv/tdkt/rules\n");
  const config::ServiceSettings settings = LoadSettings("tdkt.yaml");
  EXPECT_EQ(settings.database_url, "sqlite:other.db");
  EXPECT_EQ(settings.rules_dir, "/srv/tdkt/rules");
  EXPECT_EQ(settings.calendar_dir, "config/calendar");
  EXPECT_EQ(settings.web_dir, "web");
}

TEST_F(InDirectory, ABadFileIsAConfigError) {
  Write("tdkt.yaml", "paths:\n  rulez: x\n");
  EXPECT_THROW(LoadSettings("tdkt.yaml"), config::ConfigError);
}

}  // namespace
}  // namespace tdkt::adapters::cli
