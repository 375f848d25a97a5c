#include "adapters/db/admin_store.hpp"

#include <soci/soci.h>

#include <map>

#include "adapters/db/event_log_store.hpp"
#include "adapters/db/sql_error.hpp"
#include "engine/audit/record.hpp"
#include "engine/authorization.hpp"
#include "engine/calendar/date_text.hpp"
#include "engine/codec/campaign_json.hpp"
#include "engine/ids.hpp"

namespace tdkt::adapters::db {

namespace json = boost::json;
using engine::Result;
using engine::Status;

bool IsDossierStream(std::string_view stream_id) {
  return !stream_id.empty() && stream_id.front() != '@';
}

json::object UnitToJson(const UnitRecord& unit) {
  return json::object{
      {"id", unit.id},
      {"name", unit.name},
      {"kind", unit.kind},
      {"parent", unit.parent ? json::value(*unit.parent) : json::value(nullptr)},
      {"retired", unit.retired},
      {"succession",
       unit.succession ? json::value(json::object{{"successor", unit.succession->successor.value()},
                                                  {"last_day", engine::calendar::FormatIsoDate(
                                                                   unit.succession->last_day)},
                                                  {"basis", unit.succession->basis}})
                       : json::value(nullptr)}};
}

json::object AccountToJson(const UserRecord& user) {
  auto or_null = [](const std::optional<std::string>& v) {
    return v ? json::value(*v) : json::value(nullptr);
  };
  return json::object{{"id", user.id},
                      {"name", user.name},
                      {"role", engine::RoleName(user.role)},
                      {"unit", or_null(user.unit)},
                      {"email", or_null(user.email)},
                      {"active", user.active}};
}

json::object CommuneToJson(const engine::CommuneSettings& s) {
  return json::object{{"name", s.name},
                      {"province", s.province},
                      {"issuer_symbol", s.issuer_symbol},
                      {"chairman_name", s.chairman_name},
                      {"chairman_title", s.chairman_title}};
}

namespace {

json::value TokenState(const UserRecord& user) {
  return json::object{{"has_token", user.has_token}};
}

// A unit's name, and its kind when `check_kind` (units loaded before kinds were checked may have
// an empty one, which a rename keeps).
Status CheckUnitFields(const UnitRecord& unit, bool check_kind = true) {
  if (unit.name.empty() || unit.name.size() > 200) {
    return Status::InvalidArgument("unit.name: 1 to 200 bytes");
  }
  if (check_kind && !engine::IsValidId(unit.kind)) {
    return Status::InvalidArgument(
        "unit.kind: expected an id such as village, school, health or agency, got \"" + unit.kind +
        "\"");
  }
  return Status::Ok();
}

Result<std::map<std::string, std::optional<std::string>>> Parents(soci::session& sql,
                                                                  Backend backend) {
  auto units = DirectoryStore(backend).ListUnits(sql);
  if (!units.ok()) return units.status();
  std::map<std::string, std::optional<std::string>> parents;
  for (const auto& u : *units) parents[u.id] = u.parent;
  return parents;
}

}  // namespace

Status AdminStore::Record(soci::session& sql, std::string_view type, const std::string& target,
                          json::value before, json::value after, const engine::Actor& actor,
                          engine::Timestamp now) const {
  NewEvent event;
  event.dossier_id = std::string(kAdminStream);
  event.event_type = std::string(type);
  event.payload =
      json::object{{"target", target}, {"before", std::move(before)}, {"after", std::move(after)}};
  event.actor_id = actor.user.value();
  event.actor_role = std::string(engine::RoleName(actor.role));
  if (actor.unit) event.actor_unit = actor.unit->value();
  event.occurred_at = now;
  // Unique in the log; an administrative change is not retried by request id.
  event.request_id = "admin-" + NewToken().substr(5, 22);
  auto record = EventLogStore(backend_).Append(sql, event);
  if (!record.ok()) return record.status();
  try {
    std::string stream(kAdminStream);
    long long version = record->dossier_seq;
    sql << "INSERT INTO stream_heads (stream_id, version) VALUES (:s, :v) ON CONFLICT (stream_id)"
           " DO UPDATE SET version = excluded.version",
        soci::use(stream), soci::use(version);
    return Status::Ok();
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "move the head of the administrative stream");
  }
}

Result<std::optional<UnitRecord>> AdminStore::FindUnit(soci::session& sql,
                                                       const std::string& id) const {
  auto units = DirectoryStore(backend_).ListUnits(sql);
  if (!units.ok()) return units.status();
  for (auto& u : *units) {
    if (u.id == id) return std::optional<UnitRecord>(std::move(u));
  }
  return std::optional<UnitRecord>();
}

Result<UnitRecord> AdminStore::AddUnit(soci::session& sql, const UnitRecord& unit,
                                       const engine::Actor& actor, engine::Timestamp now) const {
  if (!engine::IsValidId(unit.id)) {
    return Status::InvalidArgument(
        "unit.id: 1 to 64 of [A-Za-z0-9._-], starting with a letter or "
        "digit");
  }
  if (Status s = CheckUnitFields(unit); !s.ok()) return s;
  auto parents = Parents(sql, backend_);
  if (!parents.ok()) return parents.status();
  if (parents->contains(unit.id)) return Status::Conflict("unit " + unit.id + " exists");
  if (Status s = engine::CheckUnitParent(unit.id, unit.parent, *parents); !s.ok()) return s;
  UnitRecord added = unit;
  added.retired = false;
  try {
    std::string parent = unit.parent.value_or("");
    soci::indicator parent_ind = unit.parent ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO units (id, name, kind, parent_id, retired) VALUES (:id, :name, :kind,"
           " :parent, 0)",
        soci::use(added.id), soci::use(added.name), soci::use(added.kind),
        soci::use(parent, parent_ind);
  } catch (const soci::soci_error& e) {
    Status s = StatusFromSqlError(e, "add unit " + unit.id);
    if (s.code() == engine::StatusCode::kConflict)
      return Status::Conflict("unit " + unit.id + " exists");
    return s;
  }
  if (Status s = Record(sql, "unit_add", added.id, nullptr, UnitToJson(added), actor, now);
      !s.ok()) {
    return s;
  }
  return added;
}

Result<UnitRecord> AdminStore::ChangeUnit(soci::session& sql, const std::string& id,
                                          const UnitChange& change, const engine::Actor& actor,
                                          engine::Timestamp now) const {
  auto parents = Parents(sql, backend_);
  if (!parents.ok()) return parents.status();
  auto found = FindUnit(sql, id);
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no unit " + id);
  const UnitRecord before = **found;
  UnitRecord after = before;
  if (change.name) after.name = *change.name;
  if (change.kind) after.kind = *change.kind;
  if (change.parent) after.parent = *change.parent;
  if (change.retired) after.retired = *change.retired;
  if (Status s = CheckUnitFields(after, change.kind.has_value()); !s.ok()) return s;
  if (change.parent) {
    if (Status s = engine::CheckUnitParent(id, after.parent, *parents); !s.ok()) return s;
  }
  if (change.succession || change.retired) {
    auto units = DirectoryStore(backend_).ListUnits(sql);
    if (!units.ok()) return units.status();
    std::map<std::string, engine::UnitStanding> standing;
    engine::UnitSuccessions recorded;
    for (const UnitRecord& unit : *units) {
      standing.emplace(unit.id, engine::UnitStanding{unit.retired});
      if (unit.succession) recorded.emplace(unit.id, *unit.succession);
    }
    if (change.succession) {
      if (Status s = engine::CheckUnitSuccession(id, *change.succession, standing, recorded);
          !s.ok()) {
        return s;
      }
    }
    const std::optional<engine::UnitSuccession> succession =
        change.succession ? change.succession : before.succession;
    if (change.retired) {
      if (Status s = engine::CheckRetiredChange(id, succession, *change.retired, recorded);
          !s.ok()) {
        return s;
      }
    }
    after.succession = succession;
    after.retired = engine::RetiredAfter(succession, after.retired);
  }
  try {
    std::string parent = after.parent.value_or("");
    soci::indicator parent_ind = after.parent ? soci::i_ok : soci::i_null;
    int retired = after.retired ? 1 : 0;
    std::string successor, last_day, basis;
    soci::indicator succession_ind = soci::i_null;
    if (after.succession) {
      successor = after.succession->successor.value();
      last_day = engine::calendar::FormatIsoDate(after.succession->last_day);
      basis = after.succession->basis;
      succession_ind = soci::i_ok;
    }
    soci::indicator last_day_ind = succession_ind, basis_ind = succession_ind;
    // A succession is written only over none: of two admins recording one at once, the second
    // finds the row changed (PostgreSQL re-reads it after the first commits) and is refused.
    const std::string guard = change.succession ? " AND successor_id IS NULL" : "";
    soci::statement update =
        (sql.prepare << "UPDATE units SET name = :name, kind = :kind, parent_id = :parent,"
                        " retired = :retired, successor_id = :successor, last_day = :last_day,"
                        " succession_basis = :basis WHERE id = :id" +
                            guard,
         soci::use(after.name), soci::use(after.kind), soci::use(parent, parent_ind),
         soci::use(retired), soci::use(successor, succession_ind),
         soci::use(last_day, last_day_ind), soci::use(basis, basis_ind), soci::use(after.id));
    update.execute(true);
    if (update.get_affected_rows() != 1) {
      return Status::Conflict("unit " + id +
                              " was succeeded meanwhile; a succession is recorded "
                              "once");
    }
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "change unit " + id);
  }
  if (Status s = Record(sql, "unit_change", id, UnitToJson(before), UnitToJson(after), actor, now);
      !s.ok()) {
    return s;
  }
  return after;
}

Status AdminStore::CheckUnitForAccount(soci::session& sql, const std::optional<std::string>& unit,
                                       const char* field) const {
  if (!unit) return Status::Ok();
  auto found = FindUnit(sql, *unit);
  if (!found.ok()) return found.status();
  if (!*found) return Status::InvalidArgument(std::string(field) + ": no unit '" + *unit + "'");
  if ((*found)->retired) {
    return Status::InvalidArgument(std::string(field) + ": unit '" + *unit + "' is retired");
  }
  return Status::Ok();
}

Result<UserRecord> AdminStore::AddUser(soci::session& sql, const UserRecord& user,
                                       const engine::Actor& actor, engine::Timestamp now) const {
  if (!engine::IsValidId(user.id)) {
    return Status::InvalidArgument(
        "user.id: 1 to 64 of [A-Za-z0-9._-], starting with a letter or "
        "digit");
  }
  if (user.name.empty() || user.name.size() > 200) {
    return Status::InvalidArgument("user.name: 1 to 200 bytes");
  }
  if (Status s = engine::CheckAccountRole(user.role, user.unit.has_value()); !s.ok()) {
    return Status::InvalidArgument("user.role: " + s.message());
  }
  if (Status s = CheckUnitForAccount(sql, user.unit, "user.unit"); !s.ok()) return s;
  UserRecord added = user;
  added.active = true;
  if (Status s = DirectoryStore(backend_).AddUser(sql, added, now); !s.ok()) return s;
  if (Status s = Record(sql, "user_add", added.id, nullptr, AccountToJson(added), actor, now);
      !s.ok()) {
    return s;
  }
  return added;
}

namespace {

Result<int> ActiveAdmins(soci::session& sql) {
  try {
    int count = 0;
    sql << "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1", soci::into(count);
    return count;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "count the admins");
  }
}

}  // namespace

Result<UserRecord> AdminStore::ChangeUser(soci::session& sql, const std::string& id,
                                          const UserChange& change, const engine::Actor& actor,
                                          engine::Timestamp now) const {
  DirectoryStore directory(backend_);
  auto loaded = directory.LoadUser(sql, id);
  if (!loaded.ok()) return loaded.status();
  const UserRecord before = *loaded;
  UserRecord after = before;
  if (change.name) after.name = *change.name;
  if (change.role) after.role = *change.role;
  if (change.unit) after.unit = *change.unit;
  if (change.email) after.email = *change.email;
  if (change.active) after.active = *change.active;
  if (after.name.empty() || after.name.size() > 200) {
    return Status::InvalidArgument("user.name: 1 to 200 bytes");
  }
  if (Status s = engine::CheckAccountRole(after.role, after.unit.has_value()); !s.ok()) {
    return Status::InvalidArgument((change.unit ? "user.unit: " : "user.role: ") + s.message());
  }
  if (change.unit) {
    if (Status s = CheckUnitForAccount(sql, after.unit, "user.unit"); !s.ok()) return s;
  }
  const bool was_admin = before.role == engine::Role::kAdmin && before.active;
  const bool is_admin = after.role == engine::Role::kAdmin && after.active;
  if (was_admin && !is_admin) {
    auto admins = ActiveAdmins(sql);
    if (!admins.ok()) return admins.status();
    if (Status s = engine::CheckKeepsAnAdmin(*admins - 1); !s.ok()) return s;
  }
  try {
    std::string role(engine::RoleName(after.role));
    std::string unit = after.unit.value_or(""), email = after.email.value_or("");
    soci::indicator unit_ind = after.unit ? soci::i_ok : soci::i_null;
    soci::indicator email_ind = after.email ? soci::i_ok : soci::i_null;
    int active = after.active ? 1 : 0;
    sql << "UPDATE users SET display_name = :name, role = :role, unit_id = :unit, email = :email,"
           " active = :active WHERE id = :id",
        soci::use(after.name), soci::use(role), soci::use(unit, unit_ind),
        soci::use(email, email_ind), soci::use(active), soci::use(after.id);
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "change user " + id);
  }
  if (Status s =
          Record(sql, "user_change", id, AccountToJson(before), AccountToJson(after), actor, now);
      !s.ok()) {
    return s;
  }
  return after;
}

Result<std::string> AdminStore::IssueToken(soci::session& sql, const std::string& user_id,
                                           const engine::Actor& actor,
                                           engine::Timestamp now) const {
  DirectoryStore directory(backend_);
  auto user = directory.LoadUser(sql, user_id);
  if (!user.ok()) return user.status();
  if (!user->active) {
    return Status::InvalidArgument("token.user_id: user " + user_id +
                                   " is disabled; enable them first");
  }
  auto token = directory.IssueToken(sql, user_id, now);
  if (!token.ok()) return token.status();
  json::object after{{"has_token", true}, {"issued_at", engine::audit::FormatTimestamp(now)}};
  if (Status s = Record(sql, "token_issue", user_id, TokenState(*user), after, actor, now);
      !s.ok()) {
    return s;
  }
  return token;
}

Status AdminStore::RevokeToken(soci::session& sql, const std::string& user_id,
                               const engine::Actor& actor, engine::Timestamp now) const {
  auto user = DirectoryStore(backend_).LoadUser(sql, user_id);
  if (!user.ok()) return user.status();
  if (!user->has_token) return Status::NotFound("user " + user_id + " holds no token");
  try {
    sql << "UPDATE users SET token_sha256 = NULL, token_issued_at = NULL, last_used_at = NULL"
           " WHERE id = :id",
        soci::use(user_id);
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "revoke the token of user " + user_id);
  }
  return Record(sql, "token_revoke", user_id, TokenState(*user), json::object{{"has_token", false}},
                actor, now);
}

Result<std::vector<UserRecord>> AdminStore::ListTokens(soci::session& sql) const {
  auto users = DirectoryStore(backend_).ListUsers(sql);
  if (!users.ok()) return users.status();
  std::vector<UserRecord> holders;
  for (auto& u : *users) {
    if (u.has_token) holders.push_back(std::move(u));
  }
  return holders;
}

Result<engine::CommuneSettings> AdminStore::LoadCommune(soci::session& sql) const {
  try {
    engine::CommuneSettings s;
    sql << "SELECT name, province, issuer_symbol, chairman_name, chairman_title FROM commune"
           " WHERE id = 1",
        soci::into(s.name), soci::into(s.province), soci::into(s.issuer_symbol),
        soci::into(s.chairman_name), soci::into(s.chairman_title);
    if (!sql.got_data()) return Status::NotFound("the commune's settings have not been set");
    return s;
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "read the commune's settings");
  }
}

Status AdminStore::SetCommune(soci::session& sql, const engine::CommuneSettings& settings,
                              const engine::Actor& actor, engine::Timestamp now) const {
  if (Status s = engine::CheckCommuneSettings(settings); !s.ok()) return s;
  auto before = LoadCommune(sql);
  if (!before.ok() && before.status().code() != engine::StatusCode::kNotFound) {
    return before.status();
  }
  try {
    std::string at = engine::audit::FormatTimestamp(now);
    sql << "INSERT INTO commune (id, name, province, issuer_symbol, chairman_name, chairman_title,"
           " updated_at) VALUES (1, :n, :p, :s, :cn, :ct, :at) ON CONFLICT (id) DO UPDATE SET"
           " name = excluded.name, province = excluded.province,"
           " issuer_symbol = excluded.issuer_symbol, chairman_name = excluded.chairman_name,"
           " chairman_title = excluded.chairman_title, updated_at = excluded.updated_at",
        soci::use(settings.name), soci::use(settings.province), soci::use(settings.issuer_symbol),
        soci::use(settings.chairman_name), soci::use(settings.chairman_title), soci::use(at);
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "save the commune's settings");
  }
  return Record(sql, "commune_set", "commune",
                before.ok() ? json::value(CommuneToJson(*before)) : json::value(nullptr),
                CommuneToJson(settings), actor, now);
}

Status AdminStore::AddCampaign(soci::session& sql, const engine::Campaign& campaign,
                               const engine::Actor& actor, engine::Timestamp now) const {
  if (Status s = DirectoryStore(backend_).AddCampaign(sql, campaign, now); !s.ok()) return s;
  return Record(sql, "campaign_add", campaign.id.value(), nullptr,
                engine::codec::CampaignToJson(campaign), actor, now);
}

Result<std::string> AdminStore::Init(soci::session& sql, const UserRecord& admin,
                                     const engine::Actor& actor, engine::Timestamp now) const {
  try {
    int any = 0;
    sql << "SELECT COUNT(*) FROM users WHERE role = 'admin'", soci::into(any);
    if (any > 0) {
      return Status::Conflict(
          "this database has an admin already; ask them for a token (tdkt init runs once)");
    }
  } catch (const soci::soci_error& e) {
    return StatusFromSqlError(e, "look for an admin");
  }
  UserRecord first = admin;
  first.role = engine::Role::kAdmin;
  first.unit.reset();
  auto added = AddUser(sql, first, actor, now);
  if (!added.ok()) return added.status();
  return IssueToken(sql, first.id, actor, now);
}

}  // namespace tdkt::adapters::db
