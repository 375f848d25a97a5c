#pragma once
// NomineeStore: the nominee register (the `nominees` table) — registering with the duplicate rule,
// reading, searching by name, the history of a nominee's dossiers and awards, and finding the
// registered nominee a new draft refers to.
//
// The rules are the core's (engine/nominees.hpp): who may register and read, what a registration
// must carry, when two are the same nominee, how names are keyed. This store gathers the
// candidates, asks the core and writes. The citizen identity number is personal data: it is
// stored here and nowhere else (not in a dossier, its audit records or notifications), and what
// this store returns carries it only for actors who may see it (engine::MaySeeCitizenId).
//
// Stateless apart from the backend; every call takes the session of the caller's transaction, so
// that a registration and the draft that refers to it commit together. Thread-safe with one
// session per thread. Failures of the database are Unavailable.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adapters/db/database_url.hpp"
#include "engine/domain.hpp"
#include "engine/nominees.hpp"
#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::db {

struct RegisterOutcome {
  engine::RegisteredNominee nominee;  // as stored, redacted for the actor
  // true: the nominee was registered already (nothing was written); `match` says on what.
  bool existing = false;
  engine::DuplicateMatch match = engine::DuplicateMatch::kNone;
};

struct NomineeSearch {
  std::string query;  // as typed; folded with engine::SearchKey. Empty: every nominee.
  std::optional<engine::UnitId> unit;  // only this unit's nominees
  std::int64_t page = 1;               // 1-based
  std::int64_t page_size = 20;         // 1 to 100
};

struct NomineeHit {
  engine::RegisteredNominee nominee;  // never with a citizen identity number
  int rank = 3;                       // engine::SearchRank
};

struct NomineePage {
  std::vector<NomineeHit> items;
  std::int64_t total = 0;  // matches on every page
};

// One dossier of a nominee, with what it led to.
struct HistoryEntry {
  std::string dossier_id;
  std::string campaign_id;
  std::string campaign_name;
  std::optional<std::string> nomination_cutoff;  // "2024-08-15": the campaign's year
  std::string unit_id;
  std::string award;
  std::string state;
  std::string decision_number;  // the Chairman's decision, when approved by the commune
  std::optional<std::string> decision_date;     // the day the decision was entered (sổ vàng)
  std::optional<std::int64_t> register_number;  // số sổ vàng
  std::string higher_decision_number;           // the higher level's decision, when escalated
  std::optional<std::int64_t> prize_vnd;
  std::string outcome_reason;
  std::string created_at;
};

class NomineeStore {
 public:
  explicit NomineeStore(Backend backend) : backend_(backend) {}

  // Registers `nominee` (an empty id: the store chooses "nm-…") for `actor` at `now`. The core
  // decides: Forbidden (engine::AuthorizeRegister), InvalidArgument naming the field
  // (engine::CheckRegistration; `complete` false only for a nominee carried over from an inline
  // draft, whose date of birth or kind of collective is then left unknown). A nominee who is
  // already registered (engine::MatchOf) answers with the registered one, `existing` true, and
  // writes nothing. InvalidArgument for an unknown unit; Conflict when the chosen id is taken by
  // another nominee.
  engine::Result<RegisterOutcome> Register(soci::session& sql, engine::RegisteredNominee nominee,
                                           const engine::Actor& actor, engine::Timestamp now,
                                           bool complete = true) const;

  // The nominee as stored, the citizen identity number included: for the store's callers, never
  // to be shown as is (use engine::RedactedFor). An id that migration 10 merged into another
  // (nominee_merges) answers with the nominee it was merged into. NotFound when there is none.
  engine::Result<engine::RegisteredNominee> Load(soci::session& sql,
                                                 const engine::NomineeId& id) const;

  // Ranked (engine::SearchRank: whole name, beginning, a word's beginning, anywhere; then by name
  // and id), paged. InvalidArgument for a page below 1 or a page size outside 1..100.
  engine::Result<NomineePage> Search(soci::session& sql, const NomineeSearch& search) const;

  // Every dossier of the nominee, oldest campaign first.
  engine::Result<std::vector<HistoryEntry>> History(soci::session& sql,
                                                    const engine::NomineeId& id) const;

  // The registered nominee a new draft of `unit` refers to (see docs/openapi.yaml, DossierInput):
  //  - `by_reference` (the client sent nominee_id): the nominee `nominee.id`; InvalidArgument
  //    "dossier.nominee_id: no nominee 'x'" when none is registered.
  //  - inline fields with an id: the nominee registered under that id (InvalidArgument when its
  //    kind differs), or a new one registered under it.
  //  - inline fields without an id: a collective or household by the duplicate rule (name and
  //    unit), registered when new; an individual is registered when no individual of the unit
  //    has the same name (NameKey), and otherwise InvalidArgument asking for nominee_id and
  //    naming the candidates: without a date of birth nothing tells two people of one name apart.
  // Registrations follow Register (authorization included).
  engine::Result<engine::RegisteredNominee> ResolveForDraft(
      soci::session& sql, const engine::Nominee& nominee, bool by_reference,
      const engine::UnitId& unit, const engine::Actor& actor, engine::Timestamp now) const;

 private:
  engine::Result<std::vector<engine::RegisteredNominee>> Candidates(
      soci::session& sql, const engine::RegisteredNominee& nominee) const;
  engine::Status Insert(soci::session& sql, const engine::RegisteredNominee& nominee,
                        const engine::Actor& actor, engine::Timestamp now) const;

  Backend backend_;
};

// Links the dossiers drafted before the register to registered nominees (migration 10's step;
// see migrations.cpp): one nominee per nominee id the dossiers carry, and identities whose every
// recorded field is the same (kind, name byte for byte, unit, woman, direct worker) merged into
// the oldest, unless two of them have dossiers in one campaign (then they are two people: Luật
// Thi đua, khen thưởng 2022, Điều 5 would otherwise have refused the second). Each merge is a row
// of nominee_merges and a line of `notes`. Runs inside the migration's transaction.
engine::Status LinkDossiersToNominees(soci::session& sql, Backend backend,
                                      std::vector<std::string>& notes);

}  // namespace tdkt::adapters::db
