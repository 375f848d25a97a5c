#pragma once
// EffectWriter: carries out, inside the caller's transaction, the effects of a decision other than
// the audit record — document numbers, deadline timers (through the working-day calendar's
// PlanDeadline) and notifications (the outbox) — and keeps the dossier row's deadline columns in
// step. Used by ApplyService; stateless, one per transaction.

#include <chrono>
#include <string>
#include <vector>

#include "adapters/db/database_url.hpp"
#include "adapters/db/dossier_store.hpp"
#include "engine/administrative_units.hpp"
#include "engine/calendar/working_calendar.hpp"
#include "engine/effects.hpp"
#include "engine/status.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::db {

// One notification for the outbox, queued in the caller's transaction (delivered later by
// adapters/notify). A row whose `dedupe_key` is already queued is left as it is.
struct QueuedNotification {
  std::string dedupe_key;
  std::string dossier;
  std::string kind;       // the template: "reminder", "dossier_entered_intake", …
  std::string recipient;  // "secretariat", "unit_officer@thon-1"
  std::string payload;    // JSON
};
engine::Status QueueNotification(soci::session& sql, const QueuedNotification& notification,
                                 engine::Timestamp now);
class WriteBatch;
void QueueNotification(WriteBatch& batch, const QueuedNotification& notification,
                       engine::Timestamp now);

struct ApplySettings {
  std::string commune_issuer = "UBND";    // decisions (QĐ) and submissions (TTr)
  std::string council_issuer = "HĐTĐKT";  // council minutes (BB)
  // The install's communes with their dates (config/administration.yaml); null: one commune
  // forever. A successor commune numbers its own documents from 01.
  const engine::AdministrativeMap* administration = nullptr;

  // NumberSeries::body for a document dated `day`.
  std::string BodyOn(std::chrono::sys_days day) const {
    return administration != nullptr ? administration->SeriesKeyOn(day) : std::string();
  }
};

class EffectWriter {
 public:
  EffectWriter(Backend backend, const engine::calendar::WorkingCalendar& calendar,
               const ApplySettings& settings)
      : backend_(backend), calendar_(calendar), settings_(settings) {}

  // Gives each AssignNumber effect the next number of its series for the local year of `now`
  // (one council session's minutes share one number), records it on `row` and returns the
  // numbers in effect order ("15/QĐ-UBND").
  engine::Result<std::vector<std::string>> AssignNumbers(soci::session& sql,
                                                         const std::vector<engine::Effect>& effects,
                                                         DossierRow& row,
                                                         engine::Timestamp now) const;

  // Cancels the timers of CancelDeadline, stores the planned timers of ScheduleDeadline and
  // enqueues Notify in the outbox; updates row.deadlines_json and row.next_deadline_at.
  engine::Status Carry(soci::session& sql, const std::vector<engine::Effect>& effects,
                       DossierRow& row, const std::string& request_id, engine::Timestamp now) const;
  // The same, its writes added to `batch` (flushed here only where a later write depends on an
  // earlier one; the caller flushes the rest).
  engine::Status Carry(WriteBatch& batch, const std::vector<engine::Effect>& effects,
                       DossierRow& row, const std::string& request_id, engine::Timestamp now) const;

  // The campaign's nomination cut-off for a new draft: a `cutoff` timer at local midnight after
  // the cut-off day.
  engine::Status ScheduleCutoff(soci::session& sql, DossierRow& row, std::chrono::sys_days cutoff,
                                engine::Timestamp now) const;
  void ScheduleCutoff(WriteBatch& batch, DossierRow& row, std::chrono::sys_days cutoff,
                      engine::Timestamp now) const;

 private:
  void InsertTimer(WriteBatch& batch, const std::string& key, const std::string& dossier,
                   const std::string& kind, engine::Timestamp due, const std::string& payload,
                   engine::Timestamp now) const;

  Backend backend_;
  const engine::calendar::WorkingCalendar& calendar_;
  const ApplySettings& settings_;
};

}  // namespace tdkt::adapters::db
