#include "adapters/http/api_support.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>

#include "adapters/db/database.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "engine/audit/record.hpp"
#include "engine/authorization.hpp"
#include "engine/codec/command_json.hpp"
#include "engine/codec/council_json.hpp"
#include "engine/codec/duplicate_keys.hpp"
#include "engine/transfer.hpp"
#include "workflows/decide.hpp"

namespace tdkt::adapters::http {

namespace json = boost::json;
using engine::Status;

HttpResponse JsonResponse(int status, const json::value& body) {
  return HttpResponse::Json(status, json::serialize(body));
}

json::value OrNull(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::value OrNull(const std::string& value) {
  return value.empty() ? json::value(nullptr) : json::value(value);
}

// A request body as a JSON object: 415 unless it is sent as application/json, 400 when it is not
// JSON (or nested too deep, or has a key twice in one object), 422 when it is JSON but not an
// object.
std::variant<json::value, HttpResponse> ParseBody(const HttpRequest& request, int max_depth) {
  std::string type = request.Header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (type != "application/json") {
    return HttpResponse::Problem(415, "unsupported_media_type",
                                 "send the request body as Content-Type: application/json");
  }
  json::parse_options options;
  options.max_depth = static_cast<std::size_t>(max_depth);
  boost::system::error_code ec;
  json::value value = json::parse(request.body, ec, {}, options);
  if (ec) {
    return HttpResponse::Problem(400, "malformed_request",
                                 "the request body is not JSON (or is nested deeper than " +
                                     std::to_string(max_depth) + " levels): " + ec.message());
  }
  if (auto twice = engine::codec::FindDuplicateKey(request.body)) {
    return HttpResponse::Problem(400, "malformed_request",
                                 *twice + ": the key appears twice in one object");
  }
  if (!value.is_object()) {
    return HttpResponse::Problem(422, "invalid_argument", "the request body must be a JSON object");
  }
  return value;
}

std::variant<Query, HttpResponse> ReadQuery(const HttpRequest& request,
                                            std::initializer_list<QueryParameter> known) {
  Query query;
  for (const auto& [key, value] : request.query) {
    const QueryParameter* parameter = nullptr;
    for (const QueryParameter& p : known) {
      if (key == p.name) parameter = &p;
    }
    if (parameter == nullptr) {
      std::string names;
      for (const QueryParameter& p : known)
        names += (names.empty() ? "" : ", ") + std::string(p.name);
      return HttpResponse::Problem(400, "malformed_request",
                                   key + ": unknown query parameter" +
                                       (names.empty() ? std::string(" (this route takes none)")
                                                      : " (expected " + names + ")"));
    }
    if (value.empty()) {
      return HttpResponse::Problem(400, "malformed_request",
                                   key + ": empty (leave the parameter out instead)");
    }
    if (parameter->id && !engine::IsValidId(value)) {
      return HttpResponse::Problem(400, "malformed_request",
                                   key +
                                       ": expected 1 to 64 letters, digits, '.', '_' or '-' "
                                       "(starting with a letter or digit)");
    }
    if (value.size() > 200) {
      return HttpResponse::Problem(400, "malformed_request", key + ": at most 200 characters");
    }
    query[key] = value;
  }
  return query;
}

std::optional<HttpResponse> CheckId(std::string_view field, std::string_view id) {
  if (engine::IsValidId(id)) return std::nullopt;
  return HttpResponse::Problem(422, "invalid_argument",
                               std::string(field) +
                                   ": expected 1 to 64 letters, digits, '.', '_' or '-' "
                                   "(starting with a letter or digit)");
}

HttpResponse Download(std::string content_type, std::string bytes, std::string_view fallback_name,
                      std::string_view name) {
  // RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" /
  // "`" / "|" / "~"; every other byte is %-encoded.
  static constexpr std::string_view kAttrChar = "!#$&+-.^_`|~";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : name) {
    if (std::isalnum(c) != 0 && c < 0x80) {
      encoded += static_cast<char>(c);
    } else if (kAttrChar.find(static_cast<char>(c)) != std::string_view::npos) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0x0F];
    }
  }
  HttpResponse response = HttpResponse::Text(200, std::move(content_type), std::move(bytes));
  response.headers.emplace_back(
      "Content-Disposition",
      "attachment; filename=\"" + std::string(fallback_name) + "\"; filename*=UTF-8''" + encoded);
  return response;
}

std::string RandomId(std::string_view prefix) {
  return std::string(prefix) + db::NewToken().substr(5, 12);
}

std::optional<std::string> DecodeBase64(std::string_view text) {
  std::string clean;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == ' ') continue;
    clean += c == '-' ? '+' : c == '_' ? '/' : c;
  }
  while (clean.size() % 4 != 0) clean += '=';
  std::string out(clean.size() / 4 * 3, '\0');
  int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                               reinterpret_cast<const unsigned char*>(clean.data()),
                               static_cast<int>(clean.size()));
  if (length < 0) return std::nullopt;
  std::size_t padding = 0;
  if (!clean.empty() && clean.back() == '=') ++padding;
  if (clean.size() > 1 && clean[clean.size() - 2] == '=') ++padding;
  out.resize(static_cast<std::size_t>(length) - padding);
  return out;
}

// The caller's user, or the 401 to answer.
std::variant<db::UserRecord, HttpResponse> Authenticate(const ApiServices& s,
                                                        const HttpRequest& request) {
  std::string header = request.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  auto unauthorized = [](std::string detail) {
    HttpResponse response = HttpResponse::Problem(401, "unauthorized", detail);
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"tdkt\"");
    return response;
  };
  if (header.size() <= kBearer.size() || header.compare(0, kBearer.size(), kBearer) != 0) {
    return unauthorized("send the access token as `Authorization: Bearer <token>`");
  }
  std::string token = header.substr(kBearer.size());
  auto sql = s.db.Acquire();
  auto user = db::DirectoryStore(s.db.backend()).FindByToken(*sql, token);
  if (!user.ok()) {
    if (user.status().code() == engine::StatusCode::kNotFound) {
      return unauthorized("the access token is unknown or revoked");
    }
    return HttpResponse::FromStatus(user.status());
  }
  // When the token was last used is a convenience for the admin's list: a failure to note it
  // (a busy database) must not refuse the request.
  (void)db::DirectoryStore(s.db.backend()).NoteTokenUse(*sql, *user, s.clock.Now());
  return *user;
}

Handler Authenticated(const ApiServices& s, ApiHandler f, bool takes_query) {
  return [&s, f, takes_query](const HttpRequest& request) {
    auto user = Authenticate(s, request);
    if (auto* problem = std::get_if<HttpResponse>(&user)) return std::move(*problem);
    if (!takes_query) {
      auto none = ReadQuery(request, {});
      if (auto* problem = std::get_if<HttpResponse>(&none)) return std::move(*problem);
    }
    return f(s, request, std::get<db::UserRecord>(user));
  };
}

json::object UserJson(const db::UserRecord& user) {
  json::object o;
  o["id"] = user.id;
  o["name"] = user.name;
  o["role"] = engine::RoleName(user.role);
  o["unit_id"] = OrNull(user.unit);
  return o;
}

engine::Result<engine::UnitSuccessions> LoadSuccessions(const ApiServices& s) {
  auto sql = s.db.Acquire();
  return db::DirectoryStore(s.db.backend()).LoadUnitSuccessions(*sql);
}

json::object DossierJson(const db::DossierRow& row,
                         const engine::calendar::WorkingCalendar& calendar,
                         const engine::RulePackRegistry& packs,
                         const engine::UnitSuccessions& successions, engine::Timestamp now,
                         const db::UserRecord* viewer) {
  const auto& d = row.snapshot;
  json::object o;
  o["id"] = d.id.value();
  o["campaign_id"] = d.campaign.value();
  o["unit_id"] = d.unit.value();
  o["nominee"] = engine::codec::NomineeToJson(d.nominee);
  o["award"] = d.award.value();
  o["state"] = engine::StateName(d.state);
  o["held_from"] = d.held_from ? json::value(engine::StateName(*d.held_from)) : nullptr;
  o["version"] = row.version;
  o["rule_pack"] = OrNull(d.rule_pack.value());
  o["supplement_requests"] = d.supplement_requests;
  o["achievement_summary"] = d.achievement_summary;
  json::array documents;
  for (auto kind : d.documents) documents.emplace_back(engine::DocumentKindName(kind));
  o["documents"] = std::move(documents);
  o["rejected_at"] = d.rejected_at ? json::value(engine::StateName(*d.rejected_at)) : nullptr;
  o["outcome_reason"] = d.outcome_reason;
  o["higher_decision_number"] = d.higher_decision_number;
  o["submission_number"] = OrNull(row.submission_number);
  o["decision_number"] = OrNull(row.decision_number);
  // The signed decision and submission that list it (DOMAIN.md, "Rounds"); approvals recorded
  // before decisions listed dossiers have a number but no decision id.
  o["decision_id"] = d.decision ? json::value(d.decision->value()) : nullptr;
  o["submission_id"] = d.submission ? json::value(d.submission->value()) : nullptr;
  o["register_number"] = d.register_number ? json::value(*d.register_number) : nullptr;
  o["prize_vnd"] = d.prize_vnd ? json::value(*d.prize_vnd) : nullptr;
  // After a reorganisation (DOMAIN.md, "Administrative units change"): the pack that decides its
  // authority, the unit that carries on its unit if that ended, and whether it waits for a
  // transfer to either.
  o["authority_pack"] = OrNull(engine::AuthorityPackOf(d).value());
  const auto carrying = engine::UnitCarryingOn(d.unit, calendar.LocalDate(now), successions);
  o["unit_successor"] = carrying ? json::value(carrying->value()) : nullptr;
  auto in_force = packs.InForce(calendar.LocalDate(now));
  o["needs_transfer"] = in_force.ok() && engine::AwaitsTransfer(d, **in_force, carrying);
  boost::system::error_code ec;
  json::value deadlines = json::parse(row.deadlines_json, ec);
  o["deadlines"] = !ec && deadlines.is_object() ? deadlines : json::object();
  // The kinds whose deadline falls in a year the calendar has no official notice for.
  json::array provisional;
  for (const auto& [kind, due] : o["deadlines"].as_object()) {
    if (!due.is_string()) continue;
    const auto at = engine::audit::ParseTimestamp(due.as_string());
    if (at.ok() && calendar.IsProvisionalDeadline(*at)) provisional.emplace_back(kind);
  }
  o["provisional_deadlines"] = std::move(provisional);
  o["next_deadline_at"] = OrNull(row.next_deadline_at);
  o["overdue"] = row.next_deadline_at.has_value() &&
                 *row.next_deadline_at < engine::audit::FormatTimestamp(now);
  if (viewer != nullptr) {
    json::array allowed;
    for (auto type : workflows::AllowedEvents(d, viewer->ToActor())) {
      // transfer is offered to a dossier that waits for one, not to every dossier in flight.
      if (type == engine::EventType::kTransfer && !o["needs_transfer"].as_bool()) continue;
      allowed.emplace_back(engine::EventName(type));
    }
    o["allowed_events"] = std::move(allowed);
  }
  return o;
}

json::object SessionJson(const db::CouncilSessionRecord& s) {
  json::object o;
  o["id"] = s.id;
  o["campaign_id"] = s.campaign_id;
  o["date"] = s.date;
  o["members"] = s.members;
  o["present"] = s.present;
  // Sessions recorded with counts only (before the council was named member by member) have
  // null place and chair and an empty roster.
  o["place"] = s.place.empty() ? json::value(nullptr) : json::value(s.place);
  o["chair"] = s.chair.empty() ? json::value(nullptr) : json::value(s.chair);
  o["roster"] = engine::codec::CouncilMembersToJson(s.roster);
  json::array agenda;
  for (const std::string& id : s.agenda) agenda.emplace_back(id);
  o["agenda"] = std::move(agenda);
  o["created_by"] = s.created_by;
  o["created_at"] = s.created_at;
  return o;
}

json::object DocumentJson(const db::DocumentRecord& d) {
  json::object o;
  o["id"] = d.id;
  o["dossier_id"] = d.dossier_id;
  o["kind"] = d.kind;
  o["file_name"] = d.file_name;
  o["media_type"] = d.media_type;
  o["size"] = d.size;
  o["sha256"] = d.sha256;
  o["uploaded_by"] = d.uploaded_by;
  o["uploaded_at"] = d.uploaded_at;
  return o;
}

// The audit record as docs/audit-format.md spells it, with its hash; the trail's dossier is
// named once, beside the records.
json::object RecordJson(const engine::audit::AuditRecord& r) {
  json::object o = engine::audit::RecordObjectWithHash(r);
  o.erase("dossier_id");
  return o;
}

// The dossier `id` as the caller may see it, or the problem to answer.
std::variant<db::DossierRow, HttpResponse> LoadReadable(const ApiServices& s,
                                                        const db::UserRecord& user,
                                                        const std::string& id) {
  const engine::Actor actor = user.ToActor();
  if (Status status = engine::AuthorizeReadDossiers(actor); !status.ok()) {
    return HttpResponse::FromStatus(status);
  }
  auto sql = s.db.Acquire();
  auto row = db::DossierStore(s.db.backend()).Load(*sql, engine::DossierId(id));
  if (!row.ok()) return HttpResponse::FromStatus(row.status());
  if (Status status = engine::AuthorizeRead(actor, engine::DossierId(id), row->snapshot.unit);
      !status.ok()) {
    return HttpResponse::FromStatus(status);
  }
  return std::move(*row);
}

}  // namespace tdkt::adapters::http
