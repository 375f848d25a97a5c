// PlanTimer: each kind of timer EffectWriter writes maps to its event and its notices. No I/O.

#include "adapters/scheduler/timer_firer.hpp"

#include <gtest/gtest.h>

namespace tdkt::adapters::scheduler {
namespace {

TimerRow Timer(const std::string& kind, const std::string& payload) {
  TimerRow row;
  row.id = 1;
  row.key = "d-1:4:" + kind;
  row.dossier = "d-1";
  row.kind = kind;
  row.due_at = "2024-02-23T10:00:00Z";
  row.payload = payload;
  return row;
}

std::string Payload(const std::string& kind, const std::string& timer, int before,
                    const std::string& unit = "null") {
  return R"({"deadline_kind":")" + kind + R"(","timer":")" + timer + R"(","working_days_before":)" +
         std::to_string(before) +
         R"(,"due_at":"2024-02-23T10:00:00Z","remind_role":"secretariat","remind_unit":)" + unit +
         R"(,"supervisor_role":"chairman"})";
}

TEST(PlanTimer, CutoffIsTheCutoffEventWithoutNotices) {
  auto plan = PlanTimer(Timer("cutoff", "{}"));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(std::holds_alternative<engine::Cutoff>(plan->command));
  EXPECT_TRUE(plan->notices.empty());
}

TEST(PlanTimer, ReminderRemindsTheRoleThatMustActWithTheWorkingDaysLeft) {
  auto plan = PlanTimer(Timer("appraisal", Payload("appraisal", "reminder", 3)));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const auto* remind = std::get_if<engine::Remind>(&plan->command);
  ASSERT_NE(remind, nullptr);
  EXPECT_EQ(remind->deadline_kind, "appraisal");
  EXPECT_EQ(remind->working_days_left, 3);
  ASSERT_EQ(plan->notices.size(), 1u);
  EXPECT_EQ(plan->notices[0].kind, "reminder");
  EXPECT_EQ(plan->notices[0].recipient, "secretariat");
  EXPECT_EQ(plan->due_at, "2024-02-23T10:00:00Z");
}

TEST(PlanTimer, ReminderToAUnitRoleNamesTheUnit) {
  auto plan = PlanTimer(Timer("supplement", Payload("supplement", "reminder", 1, "\"thon-1\"")));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->notices.size(), 1u);
  EXPECT_EQ(plan->notices[0].recipient, "secretariat@thon-1");
}

TEST(PlanTimer, DueRemindsWithNoDaysLeft) {
  auto plan = PlanTimer(Timer("appraisal", Payload("appraisal", "due", 0)));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const auto* remind = std::get_if<engine::Remind>(&plan->command);
  ASSERT_NE(remind, nullptr);
  EXPECT_EQ(remind->working_days_left, 0);
  ASSERT_EQ(plan->notices.size(), 1u);
  EXPECT_EQ(plan->notices[0].kind, "due");
}

TEST(PlanTimer, OverdueAlsoNoticesTheSupervisor) {
  auto plan = PlanTimer(Timer("appraisal", Payload("appraisal", "overdue", -1)));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const auto* remind = std::get_if<engine::Remind>(&plan->command);
  ASSERT_NE(remind, nullptr);
  EXPECT_EQ(remind->working_days_left, 0);
  ASSERT_EQ(plan->notices.size(), 2u);
  EXPECT_EQ(plan->notices[0].recipient, "secretariat");
  EXPECT_EQ(plan->notices[1].recipient, "chairman");
  EXPECT_EQ(plan->notices[1].kind, "overdue");
}

TEST(PlanTimer, PublicNoticeDueEndsTheNotice) {
  auto plan = PlanTimer(Timer("public_notice", Payload("public_notice", "due", 0)));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(std::holds_alternative<engine::NoticeEnded>(plan->command));
  EXPECT_TRUE(plan->notices.empty());
}

TEST(PlanTimer, PublicNoticeReminderIsAReminder) {
  auto plan = PlanTimer(Timer("public_notice", Payload("public_notice", "reminder", 1)));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(std::holds_alternative<engine::Remind>(plan->command));
}

TEST(PlanTimer, MalformedPayloadsAreInvalid) {
  EXPECT_EQ(PlanTimer(Timer("appraisal", "not json")).status().code(),
            engine::StatusCode::kInvalidArgument);
  EXPECT_EQ(PlanTimer(Timer("appraisal", Payload("appraisal", "someday", 0))).status().code(),
            engine::StatusCode::kInvalidArgument);
  EXPECT_EQ(PlanTimer(Timer("appraisal", Payload("appraisal", "reminder", 0))).status().code(),
            engine::StatusCode::kInvalidArgument);
  EXPECT_EQ(PlanTimer(Timer("appraisal", R"({"timer":"due"})")).status().code(),
            engine::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tdkt::adapters::scheduler
