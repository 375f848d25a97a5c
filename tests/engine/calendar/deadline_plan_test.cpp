// Tests of PlanDeadline: due time, reminders and overdue notice on the official calendar.

#include "engine/calendar/deadline_plan.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "tests/engine/calendar/official_overrides.hpp"

namespace tdkt::engine::calendar {
namespace {

using std::chrono::sys_days;

sys_days Ymd(int y, unsigned m, unsigned d) {
  return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

DeadlineRule WorkingDays(int n) {
  DeadlineRule rule;
  rule.working_days = n;
  return rule;
}

Timestamp Local(int y, unsigned m, unsigned d, int hour, int minute = 0) {
  return Timestamp{Ymd(y, m, d)} + std::chrono::hours{hour} + std::chrono::minutes{minute} -
         std::chrono::hours{7};
}

TEST(DeadlinePlan, AppraisalAcceptedFridayBeforeTet2024) {
  // Giấy khen: 10 working days from accept (Friday 2/2/2024, 10:00).
  const WorkingCalendar cal = testing::OfficialCalendar();
  const auto plan = PlanDeadline(WorkingDays(10), Local(2024, 2, 2, 10), cal);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ(plan->due, Local(2024, 2, 23, 17));
  const std::vector<PlannedTimer> expected = {
      {Local(2024, 2, 20, 8), TimerKind::kReminder, 3},  // Tue 20/2: 21, 22, 23 remain
      {Local(2024, 2, 22, 8), TimerKind::kReminder, 1},
      {Local(2024, 2, 23, 17), TimerKind::kDue, 0},
      {Local(2024, 2, 26, 8), TimerKind::kOverdue, -1},  // Monday after the due Friday
  };
  EXPECT_EQ(plan->timers, expected);
}

TEST(DeadlinePlan, RemindersSkipTheTetBreak) {
  // Entered Monday 5/2/2024, 4 working days: 6/2, 7/2, then (after Tết 8–14/2) 15/2 and 16/2.
  // Three working days before Friday 16/2 is Tuesday 6/2; one is Thursday 15/2.
  const WorkingCalendar cal = testing::OfficialCalendar();
  const auto plan = PlanDeadline(WorkingDays(4), Local(2024, 2, 5, 9), cal);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->due, Local(2024, 2, 16, 17));
  ASSERT_EQ(plan->timers.size(), 4u);
  EXPECT_EQ(plan->timers[0].at, Local(2024, 2, 6, 8));   // 3 before: 7/2, 15/2, 16/2
  EXPECT_EQ(plan->timers[1].at, Local(2024, 2, 15, 8));  // 1 before
}

TEST(DeadlinePlan, RemindersAlreadyPastAreLeftOut) {
  const WorkingCalendar cal = testing::StatutoryCalendar();
  // Entered Monday 11/3/2024 09:00, 2 working days: due Wednesday 13/3; the 3-day reminder would
  // be Friday 8/3, before the event.
  const auto plan = PlanDeadline(WorkingDays(2), Local(2024, 3, 11, 9), cal);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->timers.size(), 3u);
  EXPECT_EQ(plan->timers[0], (PlannedTimer{Local(2024, 3, 12, 8), TimerKind::kReminder, 1}));
}

TEST(DeadlinePlan, FixedCampaignDateEndsAtOfficeHours) {
  // The nomination cut-off of the reference campaign: 31/7/2024 (Wednesday).
  const WorkingCalendar cal = testing::StatutoryCalendar();
  DeadlineRule rule;
  rule.fixed_date = Ymd(2024, 7, 31);
  rule.overdue_notice = true;
  const auto plan = PlanDeadline(rule, Local(2024, 6, 1, 9), cal);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->due, Local(2024, 7, 31, 17));
  EXPECT_EQ(plan->timers.front(), (PlannedTimer{Local(2024, 7, 26, 8), TimerKind::kReminder, 3}));
  EXPECT_EQ(plan->timers.back(), (PlannedTimer{Local(2024, 8, 1, 8), TimerKind::kOverdue, -1}));
}

TEST(DeadlinePlan, WithoutOverdueNoticeOrReminders) {
  const WorkingCalendar cal = testing::StatutoryCalendar();
  DeadlineRule rule = WorkingDays(5);
  rule.remind_before_working_days.clear();
  rule.overdue_notice = false;
  const auto plan = PlanDeadline(rule, Local(2024, 3, 11, 9), cal);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->timers.size(), 1u);
  EXPECT_EQ(plan->timers[0].kind, TimerKind::kDue);
  EXPECT_EQ(plan->timers[0].at, Local(2024, 3, 18, 17));
}

TEST(DeadlinePlan, RejectsNegativeDaysAndOffsets) {
  const WorkingCalendar cal = testing::StatutoryCalendar();
  EXPECT_FALSE(PlanDeadline(WorkingDays(-1), Local(2024, 3, 11, 9), cal).ok());
  DeadlineRule zero_offset = WorkingDays(5);
  zero_offset.remind_before_working_days = {0};
  EXPECT_FALSE(PlanDeadline(zero_offset, Local(2024, 3, 11, 9), cal).ok());
}

TEST(DeadlinePlan, TimerKindNames) {
  EXPECT_STREQ(TimerKindName(TimerKind::kReminder), "reminder");
  EXPECT_STREQ(TimerKindName(TimerKind::kDue), "due");
  EXPECT_STREQ(TimerKindName(TimerKind::kOverdue), "overdue");
}

}  // namespace
}  // namespace tdkt::engine::calendar
