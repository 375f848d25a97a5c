#pragma once
// PlanDeadline: turns a stage's deadline rule into concrete timer instants — reminders before the
// due time, the due time itself and an overdue notice after it. Independent of the lifecycle's
// types: the lifecycle emits "schedule a deadline of N working days (or on a date)" and the
// adapter that carries effects out calls this to get the timers to store.
//
// The plan:
//  - due: the end of office hours (default 17:00 local) on the working_days-th working day after
//    the local date of the entering event (WorkingCalendar::DeadlineAfter), or, for a rule with a
//    fixed_date (a campaign's calendar date), the end of office hours on that date, whatever day
//    of the week it is.
//  - one reminder per entry of remind_before_working_days, at the start of office hours (default
//    08:00 local) on the working day that many working days before the due day. A reminder whose
//    instant is not after the entering event is left out (it could only fire late).
//  - the due timer at `due`.
//  - when overdue_notice: the overdue notice at the start of office hours on the first working day
//    after the due day.
// Timers are sorted by instant. A pure function: safe to call from any thread.

#include <chrono>
#include <optional>
#include <vector>

#include "engine/calendar/working_calendar.hpp"
#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace tdkt::engine::calendar {

struct DeadlineRule {
  int working_days = 0;
  std::optional<std::chrono::sys_days> fixed_date;  // when set, working_days is not used
  std::vector<int> remind_before_working_days = {3, 1};
  bool overdue_notice = true;
};

enum class TimerKind { kReminder, kDue, kOverdue };
inline constexpr TimerKind kAllTimerKinds[] = {TimerKind::kReminder, TimerKind::kDue,
                                               TimerKind::kOverdue};

struct PlannedTimer {
  Timestamp at;
  TimerKind kind = TimerKind::kDue;
  // Working days from this timer's day to the due day: N for a reminder, 0 for the due timer,
  // -1 for the overdue notice.
  int working_days_before = 0;

  friend bool operator==(const PlannedTimer&, const PlannedTimer&) = default;
};

struct DeadlinePlan {
  Timestamp due;
  std::vector<PlannedTimer> timers;
};

// The stable lower-case name of a timer kind ("reminder", "due", "overdue").
const char* TimerKindName(TimerKind kind);

// Fails with InvalidArgument when working_days is negative (without a fixed date) or a reminder
// offset is not positive.
Result<DeadlinePlan> PlanDeadline(const DeadlineRule& rule, Timestamp entered_at,
                                  const WorkingCalendar& calendar);

}  // namespace tdkt::engine::calendar
