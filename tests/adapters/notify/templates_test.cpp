// The Vietnamese notification texts of config/notify/templates.yaml: one for every state a dossier
// can enter and for every kind of deadline timer; each renders with a notification's facts.

#include "adapters/notify/templates.hpp"

#include <gtest/gtest.h>

#include <string>

#include "adapters/config/yaml_reader.hpp"
#include "engine/calendar/deadline_plan.hpp"
#include "engine/lifecycle_names.hpp"

namespace tdkt::adapters::notify {
namespace {

const std::string kTemplates = std::string(TDKT_SOURCE_DIR) + "/config/notify/templates.yaml";

std::map<std::string, std::string> Facts() {
  return {{"dossier", "HS-2024-017"},
          {"nominee", "Lê Thị Hoa"},
          {"award", "Lao động tiên tiến"},
          {"state", "Thẩm định"},
          {"unit", "Thôn 1"},
          {"deadline", "00:00 05/08/2024"},
          {"deadline_kind", "thẩm định hồ sơ"},
          {"working_days_left", "3"}};
}

TEST(Templates, EveryStateAndEveryTimerKindRenderInVietnamese) {
  TemplateSet set = LoadTemplates(kTemplates);
  // The notices the timers send are named by their kind (the firer queues "due" on the deadline
  // day, "reminder" before it, "overdue" after it).
  std::vector<std::string> ids;
  for (auto kind : engine::calendar::kAllTimerKinds) {
    ids.emplace_back(engine::calendar::TimerKindName(kind));
  }
  for (engine::State state : engine::kAllStates) {
    ids.push_back("dossier_entered_" + std::string(engine::StateName(state)));
  }
  for (const auto& id : ids) {
    auto rendered = Render(set, id, Facts());
    ASSERT_TRUE(rendered.ok()) << id << ": " << rendered.status().ToString();
    EXPECT_NE(rendered->subject.find("HS-2024-017"), std::string::npos) << id;
    EXPECT_NE(rendered->subject.find("Lê Thị Hoa"), std::string::npos) << id;
    EXPECT_NE(rendered->body.find("Lao động tiên tiến"), std::string::npos) << id;
    EXPECT_NE(rendered->body.find("Việc cần làm: "), std::string::npos) << id;
    EXPECT_EQ(rendered->body.find('{'), std::string::npos) << id << " left a placeholder";
  }
  auto reminder = Render(set, "reminder", Facts());
  ASSERT_TRUE(reminder.ok());
  EXPECT_NE(reminder->body.find("còn 3 ngày làm việc đến hạn thẩm định hồ sơ"), std::string::npos)
      << reminder->body;
  EXPECT_EQ(set.awards.at("chien_si_thi_dua_co_so"), "Chiến sĩ thi đua cơ sở");
}

TEST(Templates, UnknownTemplateAndMissingValueAreNamed) {
  TemplateSet set = LoadTemplates(kTemplates);
  auto unknown = Render(set, "dossier_entered_nowhere", Facts());
  EXPECT_EQ(unknown.status().code(), engine::StatusCode::kNotFound);
  auto facts = Facts();
  facts.erase("working_days_left");
  auto missing = Render(set, "reminder", facts);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("{working_days_left}"), std::string::npos);
}

TEST(Templates, MisspeltKeyIsRefusedNamingFileAndKey) {
  std::string path = ::testing::TempDir() + "/templates_bad.yaml";
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("layout: x\nno_deadline: y\ntemplates:\n  a:\n    subjct: s\n    action: a\n", f);
    std::fclose(f);
  }
  try {
    (void)LoadTemplates(path);
    FAIL() << "a misspelt key was accepted";
  } catch (const config::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("templates.a.subject"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace tdkt::adapters::notify
