// PlanTimer: each kind of timer EffectWriter writes maps to its event, which says which reminder it
// is (who is told is Decide's business: tests/workflows/decide_effects_test.cpp). No I/O.

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

std::string Payload(const std::string& kind, const std::string& timer, int before) {
  return R"({"deadline_kind":")" + kind + R"(","timer":")" + timer + R"(","working_days_before":)" +
         std::to_string(before) + R"(,"due_at":"2024-02-23T10:00:00Z"})";
}

const engine::Remind& RemindOf(const TimerPlan& plan) {
  static const engine::Remind kNone;
  const auto* remind = std::get_if<engine::Remind>(&plan.command);
  EXPECT_NE(remind, nullptr);
  return remind != nullptr ? *remind : kNone;
}

TEST(PlanTimer, CutoffIsTheCutoffEvent) {
  auto plan = PlanTimer(Timer("cutoff", "{}"));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(std::holds_alternative<engine::Cutoff>(plan->command));
}

TEST(PlanTimer, ReminderSaysItComesBeforeTheDeadlineWithTheWorkingDaysLeft) {
  auto plan = PlanTimer(Timer("appraisal", Payload("appraisal", "reminder", 3)));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const engine::Remind& remind = RemindOf(*plan);
  EXPECT_EQ(remind.deadline_kind, "appraisal");
  EXPECT_EQ(remind.working_days_left, 3);
  EXPECT_EQ(remind.reminder, engine::ReminderKind::kBefore);
  EXPECT_EQ(remind.due_at, "2024-02-23T10:00:00Z");
}

TEST(PlanTimer, DueAndOverdueAreToldApart) {
  auto due = PlanTimer(Timer("appraisal", Payload("appraisal", "due", 0)));
  ASSERT_TRUE(due.ok()) << due.status().ToString();
  EXPECT_EQ(RemindOf(*due).working_days_left, 0);
  EXPECT_EQ(RemindOf(*due).reminder, engine::ReminderKind::kDue);
  auto overdue = PlanTimer(Timer("appraisal", Payload("appraisal", "overdue", -1)));
  ASSERT_TRUE(overdue.ok()) << overdue.status().ToString();
  EXPECT_EQ(RemindOf(*overdue).working_days_left, 0);
  EXPECT_EQ(RemindOf(*overdue).reminder, engine::ReminderKind::kOverdue);
}

TEST(PlanTimer, PublicNoticeDueEndsTheNotice) {
  auto plan = PlanTimer(Timer("public_notice", Payload("public_notice", "due", 0)));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(std::holds_alternative<engine::NoticeEnded>(plan->command));
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
            engine::StatusCode::kInvalidArgument);  // no due_at
}

}  // namespace
}  // namespace tdkt::adapters::scheduler
