#include "adapters/db/directory_store.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <soci/soci.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "adapters/db/dossier_store.hpp"
#include "adapters/db/sql_error.hpp"
#include "engine/audit/record.hpp"
#include "engine/audit/sha256.hpp"
#include "engine/authorization.hpp"
#include "engine/calendar/date_text.hpp"
#include "engine/codec/campaign_json.hpp"
#include "engine/codec/council_json.hpp"
#include "engine/codec/json_reader.hpp"

namespace tdkt::adapters::db {

using engine::Status;

namespace {

soci::indicator IndicatorOf(const std::optional<std::string>& value) {
  return value ? soci::i_ok : soci::i_null;
}

constexpr const char* kUserColumns =
    "SELECT id, display_name, role, unit_id, email, active, token_sha256, token_issued_at,"
    " last_used_at FROM users";

engine::Result<UserRecord> UserFromRow(const soci::row& row) {
  UserRecord user;
  user.id = row.get<std::string>(0);
  user.name = row.get<std::string>(1);
  std::string role = row.get<std::string>(2);
  auto parsed = engine::ParseRole(role);
  if (!parsed) return Status::Unavailable("user " + user.id + " has an unknown role " + role);
  user.role = *parsed;
  if (row.get_indicator(3) == soci::i_ok) user.unit = row.get<std::string>(3);
  if (row.get_indicator(4) == soci::i_ok) user.email = row.get<std::string>(4);
  user.active = row.get<int>(5) != 0;
  user.has_token = row.get_indicator(6) == soci::i_ok;
  if (row.get_indicator(7) == soci::i_ok) user.token_issued_at = row.get<std::string>(7);
  if (row.get_indicator(8) == soci::i_ok) user.last_used_at = row.get<std::string>(8);
  return user;
}

// A unit's succession as the units table stores it; Unavailable for a last_day that is no date.
engine::Result<engine::UnitSuccession> StoredSuccession(const std::string& unit,
                                                        const std::string& successor,
                                                        const std::string& last_day,
                                                        const std::string& basis) {
  auto day = engine::calendar::ParseDate(last_day);
  if (!day.ok()) {
    return Status::Unavailable("unit " + unit + ": stored last_day is not a date: " + last_day);
  }
  return engine::UnitSuccession{engine::UnitId(successor), *day, basis};
}

engine::Result<UserRecord> ReadUser(soci::session& sql, const std::string& where,
                                    const std::string& key, const std::string& what) {
  try {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(kUserColumns) + " WHERE " + where, soci::use(key));
    for (const auto& row : rows) return UserFromRow(row);
    return Status::NotFound("no " + what);
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "read " + what);
  }
}

}  // namespace

engine::Actor UserRecord::ToActor() const {
  engine::Actor actor;
  actor.user = engine::UserId(id);
  actor.role = role;
  if (unit) actor.unit = engine::UnitId(*unit);
  return actor;
}

std::string NewToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    throw std::runtime_error("OpenSSL's random generator failed");
  }
  unsigned char encoded[48] = {};
  int length = EVP_EncodeBlock(encoded, bytes, sizeof bytes);
  std::string token = "tdkt_";
  for (int i = 0; i < length; ++i) {
    char c = static_cast<char>(encoded[i]);
    if (c == '=') break;
    token += c == '+' ? '-' : c == '/' ? '_' : c;
  }
  return token;
}

std::string TokenDigest(std::string_view token) { return engine::audit::Sha256Hex(token); }

engine::Result<std::vector<UnitRecord>> DirectoryStore::ListUnits(soci::session& sql) const {
  try {
    soci::rowset<soci::row> rows =
        (sql.prepare
         << "SELECT id, name, kind, email, webhook_url, parent_id, retired, successor_id,"
            " last_day, succession_basis FROM units ORDER BY id");
    std::vector<UnitRecord> units;
    for (const auto& row : rows) {
      UnitRecord unit;
      unit.id = row.get<std::string>(0);
      unit.name = row.get<std::string>(1);
      unit.kind = row.get<std::string>(2);
      if (row.get_indicator(3) == soci::i_ok) unit.email = row.get<std::string>(3);
      if (row.get_indicator(4) == soci::i_ok) unit.webhook_url = row.get<std::string>(4);
      if (row.get_indicator(5) == soci::i_ok) unit.parent = row.get<std::string>(5);
      unit.retired = row.get<int>(6) != 0;
      if (row.get_indicator(7) == soci::i_ok) {
        auto succession = StoredSuccession(unit.id, row.get<std::string>(7),
                                           row.get<std::string>(8), row.get<std::string>(9));
        if (!succession.ok()) return succession.status();
        unit.succession = std::move(*succession);
      }
      units.push_back(std::move(unit));
    }
    return units;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "list units");
  }
}

engine::Result<engine::UnitSuccessions> DirectoryStore::LoadUnitSuccessions(
    soci::session& sql) const {
  try {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, successor_id, last_day, succession_basis FROM units"
                        " WHERE successor_id IS NOT NULL");
    engine::UnitSuccessions successions;
    for (const auto& row : rows) {
      const std::string id = row.get<std::string>(0);
      auto succession = StoredSuccession(id, row.get<std::string>(1), row.get<std::string>(2),
                                         row.get<std::string>(3));
      if (!succession.ok()) return succession.status();
      successions.emplace(id, std::move(*succession));
    }
    return successions;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "load the units' successions");
  }
}

Status DirectoryStore::SaveUnit(soci::session& sql, const UnitRecord& unit) const {
  if (unit.id.empty() || unit.name.empty()) {
    return Status::InvalidArgument("a unit needs an id and a name");
  }
  std::string email = unit.email.value_or(""), webhook = unit.webhook_url.value_or("");
  soci::indicator email_ind = IndicatorOf(unit.email), webhook_ind = IndicatorOf(unit.webhook_url);
  try {
    sql << "INSERT INTO units (id, name, kind, email, webhook_url) VALUES (:id, :name, :kind,"
           " :email, :webhook) ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
           " kind = excluded.kind, email = excluded.email, webhook_url = excluded.webhook_url",
        soci::use(unit.id), soci::use(unit.name), soci::use(unit.kind), soci::use(email, email_ind),
        soci::use(webhook, webhook_ind);
    return Status::Ok();
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "save unit " + unit.id);
  }
}

Status DirectoryStore::AddCampaign(soci::session& sql, const engine::Campaign& campaign,
                                   engine::Timestamp now) const {
  try {
    int count = 0;
    std::string id = campaign.id.value();
    sql << "SELECT COUNT(*) FROM campaigns WHERE id = :id", soci::into(count), soci::use(id);
    if (count > 0) return Status::Conflict("campaign " + id + " exists");
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "look for campaign " + campaign.id.value());
  }
  // Two creators racing past the check meet the primary key: the loser's INSERT is a conflict.
  Status saved = DossierStore(backend_).SaveCampaign(sql, campaign, now, /*replace=*/false);
  if (saved.code() == engine::StatusCode::kConflict) {
    return Status::Conflict("campaign " + campaign.id.value() + " exists");
  }
  return saved;
}

engine::Result<std::vector<engine::Campaign>> DirectoryStore::ListCampaigns(
    soci::session& sql) const {
  try {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, settings FROM campaigns ORDER BY id");
    std::vector<engine::Campaign> campaigns;
    for (const auto& row : rows) {
      std::string id = row.get<std::string>(0);
      boost::system::error_code ec;
      boost::json::value json = boost::json::parse(row.get<std::string>(1), ec);
      if (ec) return Status::Unavailable("campaign " + id + ": stored settings are not JSON");
      auto campaign = engine::codec::ParseCampaign(json);
      if (!campaign.ok()) {
        return Status::Unavailable("campaign " + id + ": " + campaign.status().message());
      }
      campaigns.push_back(std::move(*campaign));
    }
    return campaigns;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "list campaigns");
  }
}

Status DirectoryStore::AddUser(soci::session& sql, const UserRecord& user,
                               engine::Timestamp now) const {
  if (user.id.empty() || user.name.empty()) {
    return Status::InvalidArgument("a user needs an id and a name");
  }
  if (Status role = engine::CheckAccountRole(user.role, user.unit.has_value()); !role.ok()) {
    return role;
  }
  try {
    if (user.unit) {
      int count = 0;
      sql << "SELECT COUNT(*) FROM units WHERE id = :id", soci::into(count), soci::use(*user.unit);
      if (count == 0) return Status::NotFound("no unit " + *user.unit);
    }
    int exists = 0;
    sql << "SELECT COUNT(*) FROM users WHERE id = :id", soci::into(exists), soci::use(user.id);
    if (exists > 0) return Status::Conflict("user " + user.id + " exists");
    std::string role(engine::RoleName(user.role));
    std::string unit = user.unit.value_or(""), email = user.email.value_or("");
    soci::indicator unit_ind = IndicatorOf(user.unit), email_ind = IndicatorOf(user.email);
    std::string created = engine::audit::FormatTimestamp(now);
    int active = user.active ? 1 : 0;
    sql << "INSERT INTO users (id, display_name, role, unit_id, email, active, created_at)"
           " VALUES (:id, :name, :role, :unit, :email, :active, :created)",
        soci::use(user.id), soci::use(user.name), soci::use(role), soci::use(unit, unit_ind),
        soci::use(email, email_ind), soci::use(active), soci::use(created);
    return Status::Ok();
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "add user " + user.id);
  }
}

engine::Result<UserRecord> DirectoryStore::LoadUser(soci::session& sql, std::string_view id) const {
  return ReadUser(sql, "id = :id", std::string(id), "user " + std::string(id));
}

engine::Result<std::vector<UserRecord>> DirectoryStore::ListUsers(soci::session& sql) const {
  try {
    soci::rowset<soci::row> rows = (sql.prepare << std::string(kUserColumns) + " ORDER BY id");
    std::vector<UserRecord> users;
    for (const auto& row : rows) {
      auto user = UserFromRow(row);
      if (!user.ok()) return user.status();
      users.push_back(std::move(*user));
    }
    return users;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "list users");
  }
}

Status DirectoryStore::NoteTokenUse(soci::session& sql, const UserRecord& user,
                                    engine::Timestamp now) const {
  const std::string stale = engine::audit::FormatTimestamp(now - std::chrono::minutes(1));
  if (user.last_used_at && *user.last_used_at > stale) return Status::Ok();
  std::string at = engine::audit::FormatTimestamp(now);
  try {
    sql << "UPDATE users SET last_used_at = :at WHERE id = :id", soci::use(at), soci::use(user.id);
    return Status::Ok();
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "note the use of user " + user.id + "'s token");
  }
}

engine::Result<UserRecord> DirectoryStore::FindByToken(soci::session& sql,
                                                       std::string_view token) const {
  auto user = ReadUser(sql, "token_sha256 = :t", TokenDigest(token), "user with that token");
  if (!user.ok()) return user;
  if (!user->active) return Status::NotFound("the user of that token is disabled");
  if (!engine::CheckAccountRole(user->role, user->unit.has_value()).ok()) {
    return Status::NotFound("the user of that token has no role a person can hold");
  }
  return user;
}

engine::Result<std::string> DirectoryStore::IssueToken(soci::session& sql, std::string_view user_id,
                                                       std::optional<engine::Timestamp> now) const {
  std::string id(user_id);
  std::string token = NewToken();
  std::string digest = TokenDigest(token);
  std::string issued = now ? engine::audit::FormatTimestamp(*now) : "";
  soci::indicator issued_ind = now ? soci::i_ok : soci::i_null;
  try {
    soci::statement update =
        (sql.prepare << "UPDATE users SET token_sha256 = :t, token_issued_at = :at,"
                        " last_used_at = NULL WHERE id = :id",
         soci::use(digest), soci::use(issued, issued_ind), soci::use(id));
    update.execute(true);
    if (update.get_affected_rows() == 0) return Status::NotFound("no user " + id);
    return token;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "issue a token to user " + id);
  }
}

CouncilSessionRecord RecordOf(const engine::CouncilSession& session, std::string created_by,
                              std::string created_at) {
  CouncilSessionRecord record;
  record.id = session.id.value();
  record.campaign_id = session.campaign.value();
  record.date = engine::codec::FormatDate(session.held_on);
  record.members = session.MemberCount();
  record.present = session.PresentCount();
  record.created_by = std::move(created_by);
  record.created_at = std::move(created_at);
  record.place = session.place;
  record.chair = session.chair;
  record.roster = session.members;
  for (const engine::DossierId& id : session.agenda) record.agenda.push_back(id.value());
  return record;
}

Status DirectoryStore::AddCouncilSession(soci::session& sql,
                                         const CouncilSessionRecord& session) const {
  if (session.id.empty()) return Status::InvalidArgument("id: a council session needs an id");
  if (session.members < 1) return Status::InvalidArgument("members: expected at least 1");
  if (session.present < 0 || session.present > session.members) {
    return Status::InvalidArgument("present: expected 0 to members (" +
                                   std::to_string(session.members) + ")");
  }
  if (auto date = engine::audit::ParseTimestamp(session.date + "T00:00:00Z"); !date.ok()) {
    return Status::InvalidArgument("date: expected YYYY-MM-DD, got \"" + session.date + "\"");
  }
  if (!session.roster.empty()) {
    engine::CouncilSession listed;
    listed.members = session.roster;
    if (session.members != listed.MemberCount() || session.present != listed.PresentCount()) {
      return Status::InvalidArgument("members: " + std::to_string(session.members) + " members, " +
                                     std::to_string(session.present) +
                                     " present given, but the list names " +
                                     std::to_string(listed.MemberCount()) + ", " +
                                     std::to_string(listed.PresentCount()) + " present");
    }
  }
  // Sessions with counts only keep NULL beside them, as those recorded before schema 8.
  const bool named = !session.roster.empty();
  const std::string roster =
      named ? boost::json::serialize(engine::codec::CouncilMembersToJson(session.roster)) : "";
  boost::json::array agenda_ids;
  for (const std::string& id : session.agenda) agenda_ids.emplace_back(id);
  const std::string agenda = boost::json::serialize(agenda_ids);
  soci::indicator place_ind = named ? soci::i_ok : soci::i_null;
  soci::indicator chair_ind = place_ind;
  soci::indicator roster_ind = place_ind;
  try {
    int count = 0;
    sql << "SELECT COUNT(*) FROM campaigns WHERE id = :id", soci::into(count),
        soci::use(session.campaign_id);
    if (count == 0) return Status::NotFound("no campaign " + session.campaign_id);
    sql << "SELECT COUNT(*) FROM council_sessions WHERE id = :id", soci::into(count),
        soci::use(session.id);
    if (count > 0) return Status::Conflict("council session " + session.id + " exists");
    sql << "INSERT INTO council_sessions (id, campaign_id, held_on, members, present, created_by,"
           " created_at, place, chair, roster, agenda) VALUES (:id, :campaign, :held, :members,"
           " :present, :by, :at, :place, :chair, :roster, :agenda)",
        soci::use(session.id), soci::use(session.campaign_id), soci::use(session.date),
        soci::use(session.members), soci::use(session.present), soci::use(session.created_by),
        soci::use(session.created_at), soci::use(session.place, place_ind),
        soci::use(session.chair, chair_ind), soci::use(roster, roster_ind), soci::use(agenda);
    return Status::Ok();
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "record council session " + session.id);
  }
}

namespace {

// A stored JSON column the store wrote itself; Unavailable when it does not read back.
engine::Result<boost::json::value> StoredJson(const std::string& text, const std::string& what) {
  boost::json::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec) return Status::Unavailable(what + " is not JSON: " + ec.message());
  return value;
}

engine::Result<CouncilSessionRecord> SessionFromRow(const soci::row& row) {
  CouncilSessionRecord s;
  s.id = row.get<std::string>(0);
  s.campaign_id = row.get<std::string>(1);
  s.date = row.get<std::string>(2);
  s.members = row.get<int>(3);
  s.present = row.get<int>(4);
  s.created_by = row.get<std::string>(5);
  s.created_at = row.get<std::string>(6);
  if (row.get_indicator(7) == soci::i_ok) s.place = row.get<std::string>(7);
  if (row.get_indicator(8) == soci::i_ok) s.chair = row.get<std::string>(8);
  const std::string where = "council session " + s.id;
  if (row.get_indicator(9) == soci::i_ok) {
    auto json = StoredJson(row.get<std::string>(9), where + "'s members");
    if (!json.ok()) return json.status();
    auto roster = engine::codec::ParseCouncilMembers(*json, where + ".members");
    if (!roster.ok()) return Status::Unavailable(roster.status().message());
    s.roster = std::move(*roster);
  }
  auto agenda = StoredJson(row.get<std::string>(10), where + "'s agenda");
  if (!agenda.ok()) return agenda.status();
  if (!agenda->is_array()) return Status::Unavailable(where + "'s agenda is not a list");
  for (const auto& id : agenda->get_array()) {
    if (!id.is_string()) return Status::Unavailable(where + "'s agenda holds a non-string");
    s.agenda.emplace_back(id.get_string());
  }
  return s;
}

constexpr const char* kSessionColumns =
    "SELECT id, campaign_id, held_on, members, present, created_by, created_at, place, chair,"
    " roster, agenda FROM council_sessions";

}  // namespace

engine::Result<CouncilSessionRecord> DirectoryStore::LoadCouncilSession(soci::session& sql,
                                                                        std::string_view id) const {
  std::string key(id);
  try {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(kSessionColumns) + " WHERE id = :id", soci::use(key));
    for (const auto& row : rows) return SessionFromRow(row);
    return Status::NotFound("no council session " + key);
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "read council session " + key);
  }
}

engine::Result<std::vector<CouncilSessionRecord>> DirectoryStore::ListCouncilSessions(
    soci::session& sql, std::string_view campaign) const {
  std::string key(campaign);
  try {
    std::vector<CouncilSessionRecord> sessions;
    std::string query = std::string(kSessionColumns) +
                        (key.empty() ? " WHERE :c = ''" : " WHERE campaign_id = :c") +
                        " ORDER BY held_on, id";
    soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(key));
    for (const auto& row : rows) {
      auto session = SessionFromRow(row);
      if (!session.ok()) return session.status();
      sessions.push_back(std::move(*session));
    }
    return sessions;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "list council sessions");
  }
}

engine::Result<bool> DirectoryStore::IsEmpty(soci::session& sql) const {
  try {
    for (const char* table : {"campaigns", "units", "users", "dossiers"}) {
      int count = 0;
      sql << std::string("SELECT COUNT(*) FROM ") + table, soci::into(count);
      if (count > 0) return false;
    }
    return true;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "look for existing data");
  }
}

}  // namespace tdkt::adapters::db
