#pragma once
// ApplyService: the one way an event changes a dossier. In one database transaction (shared with
// other callers' through the GroupCommitter) it checks the request id, loads the dossier, runs the
// pure Decide, and carries out the decision's effects: assigns document numbers, appends the
// hash-chained audit record, schedules and cancels deadline timers, enqueues notifications, and
// saves the projection with an optimistic version check. Either all of that is kept or none.
//
// Idempotency: a request id seen before returns the outcome it had then and writes nothing; the
// same request id with a different body is Conflict. Concurrency: two events racing on one dossier
// (in one process or several sharing a PostgreSQL): one wins, the other gets Conflict and may
// retry. Apply itself retries a few times on conflicts the database reports (a lost race is then
// decided again on the winner's result; a deadlock between writers is simply run again), so a
// caller sees Conflict only when that keeps failing. Refusals (wrong state, a guard,
// authorization) write nothing.
//
// Thread-safe: Apply and Create may be called from many threads at once. The referenced objects
// must outlive the service.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "adapters/db/database.hpp"
#include "adapters/db/dossier_query.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/effect_writer.hpp"
#include "adapters/db/group_commit.hpp"
#include "engine/calendar/working_calendar.hpp"
#include "engine/commands.hpp"
#include "engine/dossier.hpp"
#include "engine/drafting.hpp"
#include "engine/rule_pack.hpp"
#include "engine/status.hpp"

namespace tdkt::adapters::db {

struct ApplyRequest {
  engine::DossierId dossier;
  engine::Command command;
  engine::Actor actor;
  std::string request_id;
};

struct ApplyOutcome {
  // The dossier after the event, as stored (for a replayed request id: as stored now); its
  // version is the event's audit record's number.
  DossierRow row;
  std::string event;                 // "approve"
  std::int64_t seq = 0;              // the audit record's place in the whole log
  std::string hash;                  // the audit record's hash
  std::vector<std::string> numbers;  // document numbers assigned: "15/QĐ-UBND"
  bool replayed = false;             // the request id was seen before; nothing was written
};

// A new draft (dự thảo), as a unit officer creates it.
using NewDossier = engine::NewDraft;

// A file uploaded to a dossier.
struct NewDocument {
  engine::DocumentKind kind = engine::DocumentKind::kSubmissionLetter;
  std::string file_name;
  std::string media_type;
  std::string content;  // the bytes
};

struct AttachOutcome {
  DocumentRecord document;
  ApplyOutcome event;  // the dossier after the attachment and its audit record
};

// What deciding and writing one event needs besides the transaction.
struct ApplyStep {
  Backend backend;
  const engine::RulePackRegistry& packs;
  const engine::calendar::WorkingCalendar& calendar;
  const ApplySettings& settings;
};

// One event on a dossier row already loaded (and locked) in the caller's transaction: gathers
// the facts only the store knows, runs Decide, assigns numbers (a signed decision's or
// submission's number is taken from the command), appends the audit record, carries the effects
// and saves the projection. Writes no idempotency record (the caller does). The refusals are
// Decide's; Unavailable when the projection and the log disagree or the database fails.
engine::Result<ApplyOutcome> DecideAndWrite(soci::session& sql, const ApplyStep& step,
                                            const DossierRow& row, const engine::Command& command,
                                            const engine::Actor& actor,
                                            const std::string& request_id, engine::Timestamp now);

// Creates a draft in the caller's transaction (ApplyService::Create without its idempotency
// record; an import creates many drafts in one transaction): finds or registers its nominee
// (NomineeStore::ResolveForDraft: with `nominee_by_reference`, `dossier.nominee.id` must name a
// registered nominee; otherwise the inline fields are registered or found when that is
// unambiguous), gathers the facts, runs engine::DecideCreate, inserts the dossier with the
// registered nominee's id, appends its "create" audit record (which never carries the citizen
// identity number) and schedules the campaign's cut-off. Refusals as Create's; a refusal may
// leave a nominee registered in the transaction: the caller rolls back (GroupCommitter's
// savepoint does).
engine::Result<ApplyOutcome> CreateDraftIn(soci::session& sql, const ApplyStep& step,
                                           const NewDossier& dossier, const engine::Actor& actor,
                                           const std::string& request_id, engine::Timestamp now,
                                           bool nominee_by_reference = false);

class ApplyService {
 public:
  ApplyService(Database& db, GroupCommitter& committer, const engine::RulePackRegistry& packs,
               const engine::calendar::WorkingCalendar& calendar, ApplySettings settings = {});

  // Applies `request` at `now`. approve and escalate are refused (InvalidArgument): they are
  // recorded by signing a decision or submission (RoundService). Returns the outcome, or: the
  // refusal of Decide (Forbidden,
  // RejectedTransition, InvalidArgument), NotFound for an unknown dossier, Conflict for a lost
  // race, a reused request id with another body or a stale expected_version, Unavailable when
  // the database fails. A council_vote's session is looked up and given to the core, which
  // refuses a vote for an unrecorded session or one of another campaign, takes the members and
  // attendance a vote leaves out from it, and refuses counts that disagree with it.
  //
  // `expected_version` is optimistic locking for a client that decided on what it saw: the
  // dossier's version then. It is checked after the request id (a retry of an applied request
  // replays) and under the row lock.
  engine::Result<ApplyOutcome> Apply(const ApplyRequest& request, engine::Timestamp now,
                                     std::optional<std::int64_t> expected_version = std::nullopt);

  // Creates a draft and its first audit record ("create"), and schedules the campaign's
  // nomination cut-off for it. The core decides (engine::DecideCreate): Forbidden, InvalidArgument,
  // Conflict naming the nominee's other open or approved dossier in the campaign.
  // InvalidArgument naming the field for an unknown campaign or unit; Conflict when the id exists.
  // A request id seen before answers with the first outcome (replayed).
  // The nominee is resolved to a registered one as CreateDraftIn says.
  engine::Result<ApplyOutcome> Create(const NewDossier& dossier, const engine::Actor& actor,
                                      const std::string& request_id, engine::Timestamp now,
                                      bool id_chosen_by_client = true,
                                      bool nominee_by_reference = false);

  // Stores `document` for dossier `id` and appends its "attach_document" record to the dossier's
  // chain, in one transaction: the core decides (engine::DecideAttach: Forbidden,
  // RejectedTransition for a closed dossier, InvalidArgument); NotFound for an unknown dossier.
  engine::Result<AttachOutcome> Attach(const engine::DossierId& id, const NewDocument& document,
                                       const engine::Actor& actor, engine::Timestamp now);

  // Called after each event that was written (not for replays or refusals), on the applying
  // thread, after the commit: metrics, waking the scheduler for the timers just planned. Set it
  // before the service is shared between threads; it must be thread-safe and must not throw.
  void SetObserver(std::function<void(const ApplyOutcome&)> observer) {
    observer_ = std::move(observer);
  }

  // What deciding and writing an event needs besides the transaction (for CreateDraftIn and
  // DecideAndWrite in a caller's own transaction).
  ApplyStep Step() const { return ApplyStep{db_.backend(), packs_, calendar_, settings_}; }

 private:
  engine::Result<ApplyOutcome> Observed(engine::Result<ApplyOutcome> outcome) const {
    if (observer_ && outcome.ok() && !outcome->replayed) observer_(*outcome);
    return outcome;
  }

  std::function<void(const ApplyOutcome&)> observer_;
  Database& db_;
  GroupCommitter& committer_;
  const engine::RulePackRegistry& packs_;
  const engine::calendar::WorkingCalendar& calendar_;
  ApplySettings settings_;
};

// The outcome as JSON (the idempotency record, the HTTP answer) and back.
std::string OutcomeToJson(const ApplyOutcome& outcome);
engine::Result<ApplyOutcome> OutcomeFromJson(const std::string& json);

}  // namespace tdkt::adapters::db
