#include "engine/calendar/deadline_plan.hpp"

#include <algorithm>
#include <string>

namespace tdkt::engine::calendar {

const char* TimerKindName(TimerKind kind) {
  switch (kind) {
    case TimerKind::kReminder: return "reminder";
    case TimerKind::kDue: return "due";
    case TimerKind::kOverdue: return "overdue";
  }
  return "due";
}

Result<DeadlinePlan> PlanDeadline(const DeadlineRule& rule, Timestamp entered_at,
                                  const WorkingCalendar& calendar) {
  if (!rule.fixed_date && rule.working_days < 0) {
    return Status::InvalidArgument("a deadline needs working_days >= 0, got " +
                                   std::to_string(rule.working_days));
  }
  for (const int before : rule.remind_before_working_days) {
    if (before <= 0) {
      return Status::InvalidArgument("reminder offsets must be positive working days, got " +
                                     std::to_string(before));
    }
  }
  DeadlinePlan plan;
  const std::chrono::sys_days due_day =
      rule.fixed_date ? *rule.fixed_date
                      : calendar.AddWorkingDays(calendar.LocalDate(entered_at), rule.working_days);
  plan.due = calendar.EndOfWorkingDay(due_day);

  std::vector<int> offsets = rule.remind_before_working_days;
  std::sort(offsets.begin(), offsets.end());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  for (const int before : offsets) {
    const Timestamp at = calendar.StartOfWorkingDay(calendar.AddWorkingDays(due_day, -before));
    if (at > entered_at) plan.timers.push_back({at, TimerKind::kReminder, before});
  }
  plan.timers.push_back({plan.due, TimerKind::kDue, 0});
  if (rule.overdue_notice) {
    plan.timers.push_back(
        {calendar.StartOfWorkingDay(calendar.AddWorkingDays(due_day, 1)), TimerKind::kOverdue, -1});
  }
  std::stable_sort(plan.timers.begin(), plan.timers.end(),
                   [](const PlannedTimer& a, const PlannedTimer& b) { return a.at < b.at; });
  return plan;
}

}  // namespace tdkt::engine::calendar
