#pragma once
// AdminStore: the admin's changes to the directory — units, users, tokens, the commune's own
// settings, campaigns — each written together with its record in the administrative stream, in
// the caller's transaction, so that a change and its record commit or roll back together.
//
// The administrative stream is one hash chain in the event log (docs/audit-format.md) under the
// stream id "@admin", which no dossier can have (a dossier id starts with a letter or digit). Each
// record says who (the actor), when, and what changed: {"target", "before", "after"}, the object's
// fields before and after the change (null for one that did not exist). Tokens are never recorded,
// only that one was issued or revoked. The stream's length is kept in stream_heads, the way a
// dossier's is in dossiers.version, so that `audit verify` finds records cut from its end.
//
// Who may do these things is the core's rule (engine::AuthorizeOperation), checked by the caller;
// what the changes must be (a unit's parent, an account's role and unit, the commune's settings,
// one admin at least) is checked here through the core's functions. Stateless apart from the
// backend; safe from any thread, each with its own session. Database failures are Unavailable.

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/db/database_url.hpp"
#include "adapters/db/directory_store.hpp"
#include "engine/administration.hpp"
#include "engine/domain.hpp"
#include "engine/ports/clock.hpp"
#include "engine/status.hpp"

namespace soci {
class session;
}

namespace tdkt::adapters::db {

// The administrative stream's id in event_log.dossier_id.
inline constexpr std::string_view kAdminStream = "@admin";

// Whether `stream_id` (an event_log.dossier_id) is a dossier's chain rather than a stream of
// another kind ("@admin"): replay rebuilds only dossiers.
bool IsDossierStream(std::string_view stream_id);

// What a PATCH of a unit changes; an absent member is left as it is.
struct UnitChange {
  std::optional<std::string> name;
  std::optional<std::string> kind;
  std::optional<std::optional<std::string>> parent;  // a value, or null for none
  std::optional<bool> retired;
  // Records that the unit ended and who carries it on; retires it (engine/unit_succession).
  std::optional<engine::UnitSuccession> succession;
};

// What a PATCH of a user changes; an absent member is left as it is.
struct UserChange {
  std::optional<std::string> name;
  std::optional<engine::Role> role;
  std::optional<std::optional<std::string>> unit;
  std::optional<std::optional<std::string>> email;
  std::optional<bool> active;
};

class AdminStore {
 public:
  explicit AdminStore(Backend backend) : backend_(backend) {}

  // A new unit. InvalidArgument naming the field (empty name, a kind that is not an id, a parent
  // that does not exist), Conflict when the id exists.
  engine::Result<UnitRecord> AddUnit(soci::session& sql, const UnitRecord& unit,
                                     const engine::Actor& actor, engine::Timestamp now) const;
  // Renames, changes the kind or parent of, retires or reinstates the unit `id`, or records its
  // succession. NotFound for an unknown unit; InvalidArgument as for AddUnit, for a parent under
  // the unit itself, and as engine::CheckUnitSuccession and CheckRetiredChange say; Conflict for a
  // second succession.
  engine::Result<UnitRecord> ChangeUnit(soci::session& sql, const std::string& id,
                                        const UnitChange& change, const engine::Actor& actor,
                                        engine::Timestamp now) const;

  // A new user (as DirectoryStore::AddUser; a unit that is retired is InvalidArgument).
  engine::Result<UserRecord> AddUser(soci::session& sql, const UserRecord& user,
                                     const engine::Actor& actor, engine::Timestamp now) const;
  // Changes a user's name, role, unit, e-mail or whether they may log in. NotFound for an unknown
  // user; InvalidArgument for a role and unit that do not go together or an unknown or retired
  // unit; Conflict when it would leave no active admin.
  engine::Result<UserRecord> ChangeUser(soci::session& sql, const std::string& id,
                                        const UserChange& change, const engine::Actor& actor,
                                        engine::Timestamp now) const;

  // A new token for `user_id` (replacing any earlier one), returned once. NotFound for an unknown
  // user, InvalidArgument for a disabled one.
  engine::Result<std::string> IssueToken(soci::session& sql, const std::string& user_id,
                                         const engine::Actor& actor, engine::Timestamp now) const;
  // Revokes `user_id`'s token. NotFound for an unknown user or one without a token.
  engine::Status RevokeToken(soci::session& sql, const std::string& user_id,
                             const engine::Actor& actor, engine::Timestamp now) const;
  // The users holding a token, by id.
  engine::Result<std::vector<UserRecord>> ListTokens(soci::session& sql) const;

  // The commune's settings; NotFound before anyone set them.
  engine::Result<engine::CommuneSettings> LoadCommune(soci::session& sql) const;
  // Sets them (InvalidArgument naming the field, engine::CheckCommuneSettings).
  engine::Status SetCommune(soci::session& sql, const engine::CommuneSettings& settings,
                            const engine::Actor& actor, engine::Timestamp now) const;

  // A new campaign (DirectoryStore::AddCampaign) and its record.
  engine::Status AddCampaign(soci::session& sql, const engine::Campaign& campaign,
                             const engine::Actor& actor, engine::Timestamp now) const;

  // The first run: on a database with no admin, creates `admin` (role admin) and returns its
  // token. Conflict when an admin exists already.
  engine::Result<std::string> Init(soci::session& sql, const UserRecord& admin,
                                   const engine::Actor& actor, engine::Timestamp now) const;

 private:
  // Appends {"target", "before", "after"} to the administrative stream and moves its head.
  engine::Status Record(soci::session& sql, std::string_view type, const std::string& target,
                        boost::json::value before, boost::json::value after,
                        const engine::Actor& actor, engine::Timestamp now) const;
  engine::Result<std::optional<UnitRecord>> FindUnit(soci::session& sql,
                                                     const std::string& id) const;
  engine::Status CheckUnitForAccount(soci::session& sql, const std::optional<std::string>& unit,
                                     const char* field) const;

  Backend backend_;
};

// The JSON the stream records and the API answers.
boost::json::object UnitToJson(const UnitRecord& unit);
boost::json::object AccountToJson(const UserRecord& user);
boost::json::object CommuneToJson(const engine::CommuneSettings& settings);

}  // namespace tdkt::adapters::db
