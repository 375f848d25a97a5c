// The admin's routes of the HTTP API v1 (docs/openapi.yaml, tag "administration"): units, users,
// tokens and the commune's settings, and the administrative stream's records (admin, auditor). Only
// the admin may change them (engine::AuthorizeOperation); every change and its record in the
// administrative stream commit in one transaction (db::AdminStore). Bodies are read strictly
// (JsonReader: 422 naming the field).

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "adapters/db/admin_store.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/event_log_store.hpp"
#include "adapters/db/transaction.hpp"
#include "adapters/http/api_routes.hpp"
#include "adapters/http/api_support.hpp"
#include "engine/audit/chain_verifier.hpp"
#include "engine/audit/record.hpp"
#include "engine/authorization.hpp"
#include "engine/codec/json_reader.hpp"

namespace tdkt::adapters::http {

namespace json = boost::json;
using engine::Status;

namespace {

std::optional<HttpResponse> Refuse(const db::UserRecord& user, engine::Operation operation) {
  if (Status allowed = engine::AuthorizeOperation(user.ToActor(), operation); !allowed.ok()) {
    return HttpResponse::FromStatus(allowed);
  }
  return std::nullopt;
}

// A nullable field that may also be absent: nullopt when absent, a null or a value otherwise.
std::optional<std::optional<std::string>> PatchString(engine::codec::JsonReader& reader,
                                                      const json::value& body, const char* key) {
  const auto* object = body.if_object();
  if (object == nullptr || !object->contains(key)) return std::nullopt;
  return reader.NullableString(key);
}

std::optional<engine::Role> ReadRole(engine::codec::JsonReader& reader, const std::string& text,
                                     const char* key) {
  auto role = engine::ParseRole(text);
  if (!role || *role == engine::Role::kTimer) {
    reader.Fail(key,
                "expected unit_officer, unit_head, secretariat, council_member, chairman, auditor "
                "or admin, got \"" +
                    text + "\"");
    return std::nullopt;
  }
  return role;
}

json::object TokenJson(const db::UserRecord& user) {
  auto or_null = [](const std::optional<std::string>& v) {
    return v ? json::value(*v) : json::value(nullptr);
  };
  return json::object{{"user_id", user.id},
                      {"name", user.name},
                      {"role", engine::RoleName(user.role)},
                      {"unit", or_null(user.unit)},
                      {"active", user.active},
                      {"issued_at", or_null(user.token_issued_at)},
                      {"last_used_at", or_null(user.last_used_at)}};
}

// Runs `work` in a transaction; its Status as the problem to answer, or nullopt once committed.
std::optional<HttpResponse> InTransaction(const ApiServices& s,
                                          const std::function<Status(soci::session&)>& work) {
  Status status = db::RunInTransaction(s.db, work);
  if (!status.ok()) return HttpResponse::FromStatus(status);
  return std::nullopt;
}

// ---- units

HttpResponse CreateUnit(const ApiServices& s, const HttpRequest& request,
                        const db::UserRecord& user) {
  if (auto refused = Refuse(user, engine::Operation::kManageUnits)) return *refused;
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  engine::codec::JsonReader reader(std::get<json::value>(body), "unit");
  db::UnitRecord unit;
  unit.id = reader.Id("id");
  unit.name = reader.String("name");
  unit.kind = reader.String("kind");
  unit.parent = reader.NullableString("parent");
  if (Status read = reader.Finish(); !read.ok()) return HttpResponse::FromStatus(read);
  std::optional<db::UnitRecord> added;
  if (auto problem = InTransaction(s, [&](soci::session& sql) {
        auto result =
            db::AdminStore(s.db.backend()).AddUnit(sql, unit, user.ToActor(), s.clock.Now());
        if (!result.ok()) return result.status();
        added = std::move(*result);
        return Status::Ok();
      })) {
    return *problem;
  }
  HttpResponse response = JsonResponse(201, db::UnitToJson(*added));
  response.headers.emplace_back("Location", "/api/v1/units/" + added->id);
  return response;
}

HttpResponse ChangeUnit(const ApiServices& s, const HttpRequest& request,
                        const db::UserRecord& user) {
  if (auto refused = Refuse(user, engine::Operation::kManageUnits)) return *refused;
  const std::string id = request.path_params.at("id");
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  const json::value& value = std::get<json::value>(body);
  engine::codec::JsonReader reader(value, "unit");
  db::UnitChange change;
  change.name = reader.OptionalString("name");
  change.kind = reader.OptionalString("kind");
  change.parent = PatchString(reader, value, "parent");
  change.retired = reader.OptionalBool("retired");
  const std::optional<json::object> succession = reader.OptionalObject("succession");
  if (Status read = reader.Finish(); !read.ok()) return HttpResponse::FromStatus(read);
  if (succession) {
    const json::value fields(*succession);
    engine::codec::JsonReader inner(fields, "unit.succession");
    engine::UnitId successor(inner.Id("successor"));
    const auto last_day = inner.Date("last_day");
    std::string basis = inner.String("basis");
    if (Status read = inner.Finish(); !read.ok()) return HttpResponse::FromStatus(read);
    change.succession = engine::UnitSuccession{std::move(successor), last_day, std::move(basis)};
  }
  std::optional<db::UnitRecord> changed;
  if (auto problem = InTransaction(s, [&](soci::session& sql) {
        auto result = db::AdminStore(s.db.backend())
                          .ChangeUnit(sql, id, change, user.ToActor(), s.clock.Now());
        if (!result.ok()) return result.status();
        changed = std::move(*result);
        return Status::Ok();
      })) {
    return *problem;
  }
  return JsonResponse(200, db::UnitToJson(*changed));
}

// ---- users

HttpResponse ListUsers(const ApiServices& s, const HttpRequest&, const db::UserRecord& user) {
  if (auto refused = Refuse(user, engine::Operation::kManageUsers)) return *refused;
  auto sql = s.db.Acquire();
  auto users = db::DirectoryStore(s.db.backend()).ListUsers(*sql);
  if (!users.ok()) return HttpResponse::FromStatus(users.status());
  json::array items;
  for (const auto& u : *users) items.emplace_back(db::AccountToJson(u));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

HttpResponse CreateUser(const ApiServices& s, const HttpRequest& request,
                        const db::UserRecord& user) {
  if (auto refused = Refuse(user, engine::Operation::kManageUsers)) return *refused;
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  engine::codec::JsonReader reader(std::get<json::value>(body), "user");
  db::UserRecord account;
  account.id = reader.Id("id");
  account.name = reader.String("name");
  std::string role = reader.String("role");
  account.unit = reader.NullableString("unit");
  account.email = reader.NullableString("email");
  if (reader.ok()) {
    if (auto parsed = ReadRole(reader, role, "role")) account.role = *parsed;
  }
  if (Status read = reader.Finish(); !read.ok()) return HttpResponse::FromStatus(read);
  std::optional<db::UserRecord> added;
  if (auto problem = InTransaction(s, [&](soci::session& sql) {
        auto result =
            db::AdminStore(s.db.backend()).AddUser(sql, account, user.ToActor(), s.clock.Now());
        if (!result.ok()) return result.status();
        added = std::move(*result);
        return Status::Ok();
      })) {
    return *problem;
  }
  HttpResponse response = JsonResponse(201, db::AccountToJson(*added));
  response.headers.emplace_back("Location", "/api/v1/users/" + added->id);
  return response;
}

HttpResponse ChangeUser(const ApiServices& s, const HttpRequest& request,
                        const db::UserRecord& user) {
  if (auto refused = Refuse(user, engine::Operation::kManageUsers)) return *refused;
  const std::string id = request.path_params.at("id");
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  const json::value& value = std::get<json::value>(body);
  engine::codec::JsonReader reader(value, "user");
  db::UserChange change;
  change.name = reader.OptionalString("name");
  auto role = reader.OptionalString("role");
  change.unit = PatchString(reader, value, "unit");
  change.email = PatchString(reader, value, "email");
  change.active = reader.OptionalBool("active");
  if (role && reader.ok()) change.role = ReadRole(reader, *role, "role");
  if (Status read = reader.Finish(); !read.ok()) return HttpResponse::FromStatus(read);
  std::optional<db::UserRecord> changed;
  if (auto problem = InTransaction(s, [&](soci::session& sql) {
        auto result = db::AdminStore(s.db.backend())
                          .ChangeUser(sql, id, change, user.ToActor(), s.clock.Now());
        if (!result.ok()) return result.status();
        changed = std::move(*result);
        return Status::Ok();
      })) {
    return *problem;
  }
  return JsonResponse(200, db::AccountToJson(*changed));
}

// ---- tokens

HttpResponse ListTokens(const ApiServices& s, const HttpRequest&, const db::UserRecord& user) {
  if (auto refused = Refuse(user, engine::Operation::kManageTokens)) return *refused;
  auto sql = s.db.Acquire();
  auto holders = db::AdminStore(s.db.backend()).ListTokens(*sql);
  if (!holders.ok()) return HttpResponse::FromStatus(holders.status());
  json::array items;
  for (const auto& u : *holders) items.emplace_back(TokenJson(u));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

HttpResponse IssueToken(const ApiServices& s, const HttpRequest& request,
                        const db::UserRecord& user) {
  if (auto refused = Refuse(user, engine::Operation::kManageTokens)) return *refused;
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  engine::codec::JsonReader reader(std::get<json::value>(body), "token");
  std::string user_id = reader.Id("user_id");
  if (Status read = reader.Finish(); !read.ok()) return HttpResponse::FromStatus(read);
  std::string token;
  const auto now = s.clock.Now();
  Status issued = db::RunInTransaction(s.db, [&](soci::session& sql) {
    auto result = db::AdminStore(s.db.backend()).IssueToken(sql, user_id, user.ToActor(), now);
    if (!result.ok()) return result.status();
    token = std::move(*result);
    return Status::Ok();
  });
  if (issued.code() == engine::StatusCode::kNotFound) {
    return HttpResponse::Problem(422, "invalid_argument", "token.user_id: " + issued.message());
  }
  if (!issued.ok()) return HttpResponse::FromStatus(issued);
  return JsonResponse(201, json::object{{"user_id", user_id},
                                        {"token", token},
                                        {"issued_at", engine::audit::FormatTimestamp(now)}});
}

HttpResponse RevokeToken(const ApiServices& s, const HttpRequest& request,
                         const db::UserRecord& user) {
  if (auto refused = Refuse(user, engine::Operation::kManageTokens)) return *refused;
  const std::string id = request.path_params.at("id");
  if (auto problem = InTransaction(s, [&](soci::session& sql) {
        return db::AdminStore(s.db.backend()).RevokeToken(sql, id, user.ToActor(), s.clock.Now());
      })) {
    return *problem;
  }
  return JsonResponse(200, json::object{{"user_id", id}, {"revoked", true}});
}

// ---- the commune

HttpResponse GetCommune(const ApiServices& s, const HttpRequest&, const db::UserRecord&) {
  auto sql = s.db.Acquire();
  auto commune = db::AdminStore(s.db.backend()).LoadCommune(*sql);
  if (!commune.ok()) return HttpResponse::FromStatus(commune.status());
  return JsonResponse(200, db::CommuneToJson(*commune));
}

HttpResponse SetCommune(const ApiServices& s, const HttpRequest& request,
                        const db::UserRecord& user) {
  if (auto refused = Refuse(user, engine::Operation::kManageCommune)) return *refused;
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  engine::codec::JsonReader reader(std::get<json::value>(body), "commune");
  engine::CommuneSettings settings;
  settings.name = reader.String("name");
  settings.province = reader.String("province");
  settings.issuer_symbol = reader.String("issuer_symbol");
  settings.chairman_name = reader.String("chairman_name");
  settings.chairman_title = reader.String("chairman_title");
  if (Status read = reader.Finish(); !read.ok()) return HttpResponse::FromStatus(read);
  if (auto problem = InTransaction(s, [&](soci::session& sql) {
        return db::AdminStore(s.db.backend())
            .SetCommune(sql, settings, user.ToActor(), s.clock.Now());
      })) {
    return *problem;
  }
  return JsonResponse(200, db::CommuneToJson(settings));
}

// ---- the administrative stream

HttpResponse GetAdminLog(const ApiServices& s, const HttpRequest&, const db::UserRecord& user) {
  if (auto refused = Refuse(user, engine::Operation::kReadAdministrativeLog)) return *refused;
  const std::string stream(db::kAdminStream);
  auto sql = s.db.Acquire();
  db::EventLogStore log(s.db.backend());
  // The head and the records are read in two statements: a change committed in between would
  // look like a missing record, so read both again until they agree (a real gap stays).
  std::optional<std::int64_t> head;
  engine::Result<std::vector<engine::audit::AuditRecord>> records =
      std::vector<engine::audit::AuditRecord>{};
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto heads = log.ProjectedVersions(*sql, stream);
    if (!heads.ok()) return HttpResponse::FromStatus(heads.status());
    auto it = heads->find(stream);
    head = it == heads->end() ? std::nullopt : std::optional<std::int64_t>(it->second);
    records = log.ReadDossier(*sql, stream);
    if (!records.ok()) return HttpResponse::FromStatus(records.status());
    if (static_cast<std::int64_t>(records->size()) == head.value_or(0)) break;
  }
  bool verified = !engine::audit::VerifyChain(*records, head.value_or(0)).has_value();
  json::array items;
  for (const auto& record : *records) items.emplace_back(RecordJson(record));
  return JsonResponse(
      200, json::object{{"stream", stream}, {"verified", verified}, {"records", std::move(items)}});
}

}  // namespace

void AddAdminRoutes(Router& router, const ApiServices& s) {
  struct Route {
    const char* method;
    const char* pattern;
    ApiHandler handler;
  };
  static constexpr Route kRoutes[] = {
      {"POST", "/api/v1/units", CreateUnit},       {"PATCH", "/api/v1/units/{id}", ChangeUnit},
      {"GET", "/api/v1/users", ListUsers},         {"POST", "/api/v1/users", CreateUser},
      {"PATCH", "/api/v1/users/{id}", ChangeUser}, {"GET", "/api/v1/tokens", ListTokens},
      {"POST", "/api/v1/tokens", IssueToken},      {"DELETE", "/api/v1/tokens/{id}", RevokeToken},
      {"GET", "/api/v1/commune", GetCommune},      {"PUT", "/api/v1/commune", SetCommune},
      {"GET", "/api/v1/admin-log", GetAdminLog},
  };
  for (const Route& route : kRoutes) {
    router.Add(route.method, route.pattern, Authenticated(s, route.handler, false));
  }
}

}  // namespace tdkt::adapters::http
