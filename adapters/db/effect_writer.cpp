#include "adapters/db/effect_writer.hpp"

#include <soci/soci.h>

#include <boost/json.hpp>

#include "adapters/db/number_sequences.hpp"
#include "adapters/db/sql_error.hpp"
#include "adapters/db/write_batch.hpp"
#include "engine/audit/record.hpp"
#include "engine/calendar/deadline_plan.hpp"

namespace tdkt::adapters::db {

using engine::Result;
using engine::Status;

namespace {

int LocalYear(const engine::calendar::WorkingCalendar& calendar, engine::Timestamp now) {
  return static_cast<int>(std::chrono::year_month_day(calendar.LocalDate(now)).year());
}

boost::json::object ParseObject(const std::string& text) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec || !value.is_object()) return {};
  return value.get_object();
}

// The earliest due time among the dossier's open deadlines (RFC 3339 UTC sorts as text).
std::optional<std::string> Earliest(const boost::json::object& deadlines) {
  std::optional<std::string> earliest;
  for (const auto& entry : deadlines) {
    if (!entry.value().is_string()) continue;
    std::string due(entry.value().get_string());
    if (!earliest || due < *earliest) earliest = due;
  }
  return earliest;
}

}  // namespace

Result<std::vector<std::string>> EffectWriter::AssignNumbers(
    soci::session& sql, const std::vector<engine::Effect>& effects, DossierRow& row,
    engine::Timestamp now) const {
  std::vector<std::string> numbers;
  NumberSequences sequences;
  const int year = LocalYear(calendar_, now);
  for (const auto& effect : effects) {
    const auto* assign = std::get_if<engine::AssignNumber>(&effect);
    if (assign == nullptr) continue;
    NumberSeries series;
    series.year = year;
    series.body = settings_.BodyOn(calendar_.LocalDate(now));
    switch (assign->series) {
      case engine::NumberSeries::kDecision:
        series.issuer = settings_.commune_issuer;
        series.series = "QĐ";
        break;
      case engine::NumberSeries::kSubmission:
        series.issuer = settings_.commune_issuer;
        series.series = "TTr";
        break;
      case engine::NumberSeries::kCouncilMinutes:
        series.issuer = settings_.council_issuer;
        series.series = "BB";
        break;
    }
    std::string symbol = series.series + "-" + series.issuer;
    std::string number;
    try {
      if (assign->scope) {
        std::string scope = *assign->scope;
        soci::indicator ind = soci::i_null;
        sql << "SELECT number FROM scoped_numbers WHERE series = :s AND scope = :c",
            soci::into(number, ind), soci::use(symbol), soci::use(scope);
        if (!sql.got_data() || ind != soci::i_ok) number.clear();
      }
      if (number.empty()) {
        auto next = sequences.Next(sql, series);
        if (!next.ok()) return next.status();
        number = next->text;
        if (assign->scope) {
          std::string scope = *assign->scope;
          sql << "INSERT INTO scoped_numbers (series, scope, number) VALUES (:s, :c, :n)",
              soci::use(symbol), soci::use(scope), soci::use(number);
        }
      }
    } catch (const soci::soci_error& e) {
      return StatusFromSqlError(e, "assign a " + symbol + " number");
    }
    if (assign->series == engine::NumberSeries::kDecision) row.decision_number = number;
    if (assign->series == engine::NumberSeries::kSubmission) row.submission_number = number;
    numbers.push_back(number);
  }
  return numbers;
}

void EffectWriter::InsertTimer(WriteBatch& batch, const std::string& key,
                               const std::string& dossier, const std::string& kind,
                               engine::Timestamp due, const std::string& payload,
                               engine::Timestamp now) const {
  batch.Add(
      "INSERT INTO timers (timer_key, dossier_id, kind, due_at, payload, status, created_at)"
      " VALUES (?, ?, ?, ?, ?, 'pending', ?)",
      {key, dossier, kind, engine::audit::FormatTimestamp(due), payload,
       engine::audit::FormatTimestamp(now)},
      "schedule the " + kind + " timer of dossier " + dossier);
}

Status QueueNotification(soci::session& sql, const QueuedNotification& n, engine::Timestamp now) {
  WriteBatch batch(sql, BackendOf(sql));
  QueueNotification(batch, n, now);
  return batch.Flush();
}

void QueueNotification(WriteBatch& batch, const QueuedNotification& n, engine::Timestamp now) {
  std::string at = engine::audit::FormatTimestamp(now);
  batch.Add(
      "INSERT INTO outbox (dedupe_key, dossier_id, kind, channel, recipient, payload, status,"
      " next_attempt_at, created_at) VALUES (?, ?, ?, 'log', ?, ?, 'pending', ?, ?)"
      " ON CONFLICT (dedupe_key) DO NOTHING",
      {n.dedupe_key, n.dossier, n.kind, n.recipient, n.payload, at, at},
      "queue notification " + n.kind + " of dossier " + n.dossier);
}

Status EffectWriter::Carry(soci::session& sql, const std::vector<engine::Effect>& effects,
                           DossierRow& row, const std::string& request_id,
                           engine::Timestamp now) const {
  WriteBatch batch(sql, backend_);
  if (Status s = Carry(batch, effects, row, request_id, now); !s.ok()) return s;
  return batch.Flush();
}

Status EffectWriter::Carry(WriteBatch& batch, const std::vector<engine::Effect>& effects,
                           DossierRow& row, const std::string& request_id,
                           engine::Timestamp now) const {
  const std::string dossier = row.snapshot.id.value();
  boost::json::object deadlines = ParseObject(row.deadlines_json);
  int notification = 0;
  // The statements of one flush see the same snapshot: a cancel must not travel with timers this
  // event planned before it, which it would then miss.
  bool planned = false;
  for (const auto& effect : effects) {
    if (const auto* cancel = std::get_if<engine::CancelDeadline>(&effect)) {
      std::string kind(engine::DeadlineKindName(cancel->kind));
      if (planned) {
        if (Status s = batch.Flush(); !s.ok()) return s;
        planned = false;
      }
      batch.Add(
          "UPDATE timers SET status = 'cancelled' WHERE dossier_id = ? AND kind = ?"
          " AND status = 'pending'",
          {dossier, kind}, "cancel the " + kind + " timers of dossier " + dossier);
      deadlines.erase(kind);
    } else if (const auto* schedule = std::get_if<engine::ScheduleDeadline>(&effect)) {
      engine::calendar::DeadlineRule rule;
      rule.working_days = schedule->working_days.value_or(0);
      rule.fixed_date = schedule->fixed;
      rule.remind_before_working_days = schedule->remind_before_working_days;
      auto plan = engine::calendar::PlanDeadline(rule, schedule->from, calendar_);
      if (!plan.ok()) return plan.status();
      std::string kind(engine::DeadlineKindName(schedule->kind));
      std::string due = engine::audit::FormatTimestamp(plan->due);
      for (const auto& timer : plan->timers) {
        boost::json::object payload;
        payload["deadline_kind"] = kind;
        payload["timer"] = engine::calendar::TimerKindName(timer.kind);
        payload["working_days_before"] = timer.working_days_before;
        payload["due_at"] = due;
        std::string key = dossier + ":" + std::to_string(row.version) + ":" + kind + ":" +
                          engine::calendar::TimerKindName(timer.kind) + ":" +
                          std::to_string(timer.working_days_before);
        InsertTimer(batch, key, dossier, kind, timer.at, boost::json::serialize(payload), now);
        planned = true;
      }
      deadlines[kind] = due;
    } else if (const auto* notify = std::get_if<engine::Notify>(&effect)) {
      std::string key = request_id + ":" + std::to_string(notification++);
      std::string role(engine::RoleName(notify->role));
      std::string recipient = notify->unit ? role + "@" + notify->unit->value() : role;
      boost::json::object payload;
      payload["template"] = notify->template_id;
      payload["dossier"] = dossier;
      payload["role"] = role;
      payload["unit"] = notify->unit ? boost::json::value(notify->unit->value()) : nullptr;
      payload["state"] = engine::StateName(row.snapshot.state);
      payload["recipient"] = recipient;
      if (notify->reminder) {
        payload["deadline_kind"] = notify->reminder->deadline_kind;
        payload["due_at"] = notify->reminder->due_at;
        payload["working_days_left"] = notify->reminder->working_days_left;
      }
      QueueNotification(
          batch, {key, dossier, notify->template_id, recipient, boost::json::serialize(payload)},
          now);
    }
  }
  // The nomination cut-off concerns drafts and dossiers in unit review only.
  const auto state = row.snapshot.state;
  if (deadlines.contains("cutoff") && state != engine::State::kDraft &&
      state != engine::State::kUnitReview) {
    // Only Create plans a cut-off timer: none of this event's is among those cancelled here.
    batch.Add(
        "UPDATE timers SET status = 'cancelled' WHERE dossier_id = ? AND kind = 'cutoff'"
        " AND status = 'pending'",
        {dossier}, "cancel the cut-off timer of dossier " + dossier);
    deadlines.erase("cutoff");
  }
  row.deadlines_json = boost::json::serialize(deadlines);
  row.next_deadline_at = Earliest(deadlines);
  return Status::Ok();
}

Status EffectWriter::ScheduleCutoff(soci::session& sql, DossierRow& row,
                                    std::chrono::sys_days cutoff, engine::Timestamp now) const {
  WriteBatch batch(sql, backend_);
  ScheduleCutoff(batch, row, cutoff, now);
  return batch.Flush();
}

void EffectWriter::ScheduleCutoff(WriteBatch& batch, DossierRow& row, std::chrono::sys_days cutoff,
                                  engine::Timestamp now) const {
  // Local midnight at the end of the cut-off day.
  engine::Timestamp due = std::chrono::sys_seconds(cutoff + std::chrono::days(1)) -
                          std::chrono::minutes(calendar_.settings().utc_offset_minutes);
  std::string dossier = row.snapshot.id.value();
  boost::json::object payload;
  payload["deadline_kind"] = "cutoff";
  payload["timer"] = "due";
  payload["due_at"] = engine::audit::FormatTimestamp(due);
  InsertTimer(batch, dossier + ":cutoff", dossier, "cutoff", due, boost::json::serialize(payload),
              now);
  boost::json::object deadlines = ParseObject(row.deadlines_json);
  deadlines["cutoff"] = engine::audit::FormatTimestamp(due);
  row.deadlines_json = boost::json::serialize(deadlines);
  row.next_deadline_at = Earliest(deadlines);
}

}  // namespace tdkt::adapters::db
