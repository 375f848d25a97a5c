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

constexpr int kApplyAttempts = 5;

std::string StringField(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

Result<TimerPlan> PlanTimer(const TimerRow& timer) {
  TimerPlan plan;
  if (timer.kind == "cutoff") {
    plan.command = engine::Cutoff{};
    plan.due_at = timer.due_at;
    return plan;
  }
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(timer.payload, ec);
  if (ec || !parsed.is_object()) {
    return Status::InvalidArgument("timer " + timer.key + ": the payload is not a JSON object");
  }
  const auto& payload = parsed.get_object();
  plan.deadline_kind = StringField(payload, "deadline_kind");
  if (plan.deadline_kind.empty()) plan.deadline_kind = timer.kind;
  plan.due_at = StringField(payload, "due_at");
  const std::string which = StringField(payload, "timer");
  const std::string role = StringField(payload, "remind_role");
  const std::string unit = StringField(payload, "remind_unit");
  const std::string supervisor = StringField(payload, "supervisor_role");
  const std::string to = unit.empty() ? role : role + "@" + unit;
  if (which == "due" && plan.deadline_kind == "public_notice") {
    plan.command = engine::NoticeEnded{};
    return plan;
  }
  if (which != "reminder" && which != "due" && which != "overdue") {
    return Status::InvalidArgument("timer " + timer.key + ": unknown timer kind '" + which + "'");
  }
  if (role.empty()) {
    return Status::InvalidArgument("timer " + timer.key + ": no remind_role in the payload");
  }
  if (which == "reminder") {
    const auto* before = payload.if_contains("working_days_before");
    if (before == nullptr || !before->is_int64() || before->get_int64() <= 0) {
      return Status::InvalidArgument("timer " + timer.key +
                                     ": a reminder needs a positive working_days_before");
    }
    plan.working_days_left = static_cast<int>(before->get_int64());
  }
  plan.command = engine::Remind{plan.deadline_kind, plan.working_days_left};
  plan.notices.push_back({which, to});
  if (which == "overdue" && !supervisor.empty() && supervisor != role) {
    plan.notices.push_back({which, supervisor});
  }
  return plan;
}

Result<TimerOutcome> TimerFirer::Fire(const TimerRow& timer, engine::Timestamp now) {
  auto plan = PlanTimer(timer);
  if (!plan.ok()) {
    if (Status s = Finish(timer, nullptr, TimerOutcome::kSkipped, now); !s.ok()) return s;
    return TimerOutcome::kSkipped;
  }
  db::ApplyRequest request{engine::DossierId(timer.dossier), plan->command,
                           engine::Actor{engine::UserId("timer"), engine::Role::kTimer, {}},
                           "timer:" + timer.key};
  // A concurrent event on the same dossier (another timer, a user) makes Apply lose the race;
  // the dossier is free again at once, so try again before leaving it to the lease.
  auto applied = apply_.Apply(request, now);
  for (int attempt = 1; attempt < kApplyAttempts && !applied.ok() &&
                        applied.status().code() == engine::StatusCode::kConflict;
       ++attempt) {
    applied = apply_.Apply(request, now);
  }
  TimerOutcome outcome = TimerOutcome::kFired;
  if (!applied.ok()) {
    switch (applied.status().code()) {
      case engine::StatusCode::kConflict:
      case engine::StatusCode::kUnavailable: return applied.status();
      default: outcome = TimerOutcome::kSkipped;  // refused: nothing for this timer to do any more
    }
  }
  if (Status s = Finish(timer, outcome == TimerOutcome::kFired ? &*plan : nullptr, outcome, now);
      !s.ok()) {
    return s;
  }
  return outcome;
}

Status TimerFirer::Finish(const TimerRow& timer, const TimerPlan* plan, TimerOutcome outcome,
                          engine::Timestamp now) {
  return db::RunInTransaction(db_, [&](soci::session& sql) -> Status {
    if (plan != nullptr) {
      for (const auto& notice : plan->notices) {
        boost::json::object payload;
        payload["dossier"] = timer.dossier;
        payload["deadline_kind"] = plan->deadline_kind;
        payload["due_at"] = plan->due_at;
        payload["working_days_left"] = plan->working_days_left;
        payload["recipient"] = notice.recipient;
        if (Status s = db::QueueNotification(
                sql,
                {timer.key + ":" + notice.recipient, timer.dossier, notice.kind, notice.recipient,
                 boost::json::serialize(payload)},
                now);
            !s.ok()) {
          return s;
        }
      }
    }
    return TimerStore::MarkDone(sql, timer.id, outcome, now);
  });
}

}  // namespace tdkt::adapters::scheduler
