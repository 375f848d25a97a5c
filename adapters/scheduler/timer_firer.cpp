#include "adapters/scheduler/timer_firer.hpp"

#include <soci/soci.h>

#include <boost/json.hpp>

#include "adapters/db/effect_writer.hpp"
#include "adapters/db/sql_error.hpp"
#include "adapters/db/transaction.hpp"
#include "engine/audit/record.hpp"

namespace tdkt::adapters::scheduler {

using engine::Result;
using engine::Status;

namespace {

std::string StringField(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

Result<TimerPlan> PlanTimer(const TimerRow& timer) {
  TimerPlan plan;
  if (timer.kind == "cutoff") {
    plan.command = engine::Cutoff{};
    return plan;
  }
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(timer.payload, ec);
  if (ec || !parsed.is_object()) {
    return Status::InvalidArgument("timer " + timer.key + ": the payload is not a JSON object");
  }
  const auto& payload = parsed.get_object();
  std::string deadline_kind = StringField(payload, "deadline_kind");
  if (deadline_kind.empty()) deadline_kind = timer.kind;
  const std::string which = StringField(payload, "timer");
  if (which == "due" && deadline_kind == "public_notice") {
    plan.command = engine::NoticeEnded{};
    return plan;
  }
  engine::Remind remind{deadline_kind, 0, std::nullopt, StringField(payload, "due_at")};
  if (remind.due_at.empty()) {
    return Status::InvalidArgument("timer " + timer.key + ": no due_at in the payload");
  }
  if (which == "reminder") {
    const auto* before = payload.if_contains("working_days_before");
    if (before == nullptr || !before->is_int64() || before->get_int64() <= 0) {
      return Status::InvalidArgument("timer " + timer.key +
                                     ": a reminder needs a positive working_days_before");
    }
    remind.working_days_left = static_cast<int>(before->get_int64());
    remind.reminder = engine::ReminderKind::kBefore;
  } else if (which == "due") {
    remind.reminder = engine::ReminderKind::kDue;
  } else if (which == "overdue") {
    remind.reminder = engine::ReminderKind::kOverdue;
  } else {
    return Status::InvalidArgument("timer " + timer.key + ": unknown timer kind '" + which + "'");
  }
  plan.command = std::move(remind);
  return plan;
}

Result<TimerOutcome> TimerFirer::Fire(const TimerRow& timer, engine::Timestamp now) {
  auto outcome = Apply(timer, now);
  if (!outcome.ok()) return outcome;
  if (Status s = Finish(timer, *outcome, now); !s.ok()) return s;
  return outcome;
}

Result<TimerOutcome> TimerFirer::Apply(const TimerRow& timer, engine::Timestamp now) {
  auto plan = PlanTimer(timer);
  if (!plan.ok()) return TimerOutcome::kSkipped;
  // Apply retries a lost race itself; what it still answers Conflict is left to the lease.
  auto applied = apply_.Apply(
      {engine::DossierId(timer.dossier), plan->command,
       engine::Actor{engine::UserId("timer"), engine::Role::kTimer, {}}, "timer:" + timer.key},
      now);
  TimerOutcome outcome = TimerOutcome::kFired;
  if (!applied.ok()) {
    switch (applied.status().code()) {
      case engine::StatusCode::kConflict:
      case engine::StatusCode::kUnavailable: return applied.status();
      default: outcome = TimerOutcome::kSkipped;  // refused: nothing for this timer to do any more
    }
  }
  return outcome;
}

Status TimerFirer::Finish(const TimerRow& timer, TimerOutcome outcome, engine::Timestamp now) {
  return db::RunInTransaction(
      db_, [&](soci::session& sql) { return TimerStore::MarkDone(sql, timer.id, outcome, now); });
}

}  // namespace tdkt::adapters::scheduler
