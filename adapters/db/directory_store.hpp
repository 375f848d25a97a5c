#pragma once
// DirectoryStore: who and what the dossiers refer to — units, users and their bearer tokens,
// campaigns as a list, and the council's sessions.
//
// Tokens are random (32 bytes from OpenSSL's generator, base64url, prefixed "tdkt_") and only
// their SHA-256 is stored: a stolen database does not hand out sessions. A user has at most one
// token; issuing a new one replaces the old.
//
// Stateless apart from the backend; every call takes the caller's session. Database failures are
// Unavailable.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/db/database_url.hpp"
#include "engine/council.hpp"
#include "engine/domain.hpp"
#include "engine/ports/clock.hpp"
#include "engine/status.hpp"
#include "engine/unit_succession.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::db {

struct UnitRecord {
  std::string id;
  std::string name;
  std::string kind;  // village, school, health, agency, mass_organization, …
  std::optional<std::string> email;
  std::optional<std::string> webhook_url;
  std::optional<std::string> parent = std::nullopt;  // the unit above it, if any
  bool retired = false;                              // kept for its dossiers; takes no new draft
  // When it ended: the unit that carries it on, its last day, the act (engine/unit_succession).
  std::optional<engine::UnitSuccession> succession = std::nullopt;
};

struct UserRecord {
  std::string id;
  std::string name;
  engine::Role role = engine::Role::kUnitOfficer;
  std::optional<std::string> unit;  // unit-scoped roles only
  std::optional<std::string> email;
  bool active = true;
  bool has_token = false;
  std::optional<std::string> token_issued_at = std::nullopt;  // RFC 3339 UTC, when known
  std::optional<std::string> last_used_at = std::nullopt;     // the token's last use, to the minute

  engine::Actor ToActor() const;
};

// A session of the Hội đồng TĐKT: a council_vote names one. Sessions recorded before the council
// was named member by member (schema 8) have only the counts: no roster, place, chair or agenda.
struct CouncilSessionRecord {
  std::string id;
  std::string campaign_id;
  std::string date;  // YYYY-MM-DD
  int members = 0;   // the roster's size, when there is one
  int present = 0;   // the roster's members present, when there is one
  std::string created_by;
  std::string created_at;  // RFC 3339 UTC
  std::string place = {};
  std::string chair = {};                          // a present member's name
  std::vector<engine::CouncilMember> roster = {};  // empty: counts only
  std::vector<std::string> agenda = {};            // dossier ids; empty: no agenda
};

// The record of a session the core has checked (engine::CheckCouncilSession), its counts taken
// from its members.
CouncilSessionRecord RecordOf(const engine::CouncilSession& session, std::string created_by,
                              std::string created_at);

// A fresh bearer token: "tdkt_" and 43 base64url characters (256 random bits).
std::string NewToken();
// What is stored of a token: its SHA-256 in lower-case hex.
std::string TokenDigest(std::string_view token);

class DirectoryStore {
 public:
  explicit DirectoryStore(Backend backend) : backend_(backend) {}

  engine::Result<std::vector<UnitRecord>> ListUnits(soci::session& sql) const;
  // The successions recorded, by the id of the unit that ended.
  engine::Result<engine::UnitSuccessions> LoadUnitSuccessions(soci::session& sql) const;
  // Inserts or updates (name, kind, e-mail, webhook).
  engine::Status SaveUnit(soci::session& sql, const UnitRecord& unit) const;

  // A new campaign; Conflict when the id exists (never replaces one).
  engine::Status AddCampaign(soci::session& sql, const engine::Campaign& campaign,
                             engine::Timestamp now) const;
  // Every campaign, by id.
  engine::Result<std::vector<engine::Campaign>> ListCampaigns(soci::session& sql) const;

  // InvalidArgument when a unit-scoped role has no unit (or another role has one) or for the
  // timer's role (no person holds it), NotFound for an unknown unit, Conflict when the id exists.
  engine::Status AddUser(soci::session& sql, const UserRecord& user, engine::Timestamp now) const;
  engine::Result<UserRecord> LoadUser(soci::session& sql, std::string_view id) const;
  // Every user, by id.
  engine::Result<std::vector<UserRecord>> ListUsers(soci::session& sql) const;
  // Notes that `user`'s token was used at `now`, when its last use is unknown or over a minute
  // older (so that an API call costs a write at most once a minute per user). Unavailable on
  // failure.
  engine::Status NoteTokenUse(soci::session& sql, const UserRecord& user,
                              engine::Timestamp now) const;
  // The active user holding `token`; NotFound otherwise (also for a stored user that no person
  // can be: the timer's role, or a unit-scoped role without a unit).
  engine::Result<UserRecord> FindByToken(soci::session& sql, std::string_view token) const;
  // Gives the user a new token (replacing any earlier one) and returns it; NotFound for an
  // unknown user.
  // `now`, when given, is kept as the token's issue time.
  engine::Result<std::string> IssueToken(soci::session& sql, std::string_view user_id,
                                         std::optional<engine::Timestamp> now = {}) const;

  // InvalidArgument for impossible numbers (present > members, members < 1) or counts that are
  // not the roster's, NotFound for an unknown campaign, Conflict when the id exists.
  engine::Status AddCouncilSession(soci::session& sql, const CouncilSessionRecord& session) const;
  engine::Result<CouncilSessionRecord> LoadCouncilSession(soci::session& sql,
                                                          std::string_view id) const;
  // By date, then id; all campaigns when `campaign` is empty.
  engine::Result<std::vector<CouncilSessionRecord>> ListCouncilSessions(
      soci::session& sql, std::string_view campaign) const;

  // Whether the database holds no campaign, unit, user or dossier (the demo loads only there).
  engine::Result<bool> IsEmpty(soci::session& sql) const;

 private:
  Backend backend_;
};

}  // namespace tdkt::adapters::db
