// The nominee register over HTTP (docs/openapi.yaml, "Nominees"): register, search, read, and a
// nominee's history across campaigns. The rules are the core's (engine/nominees.hpp); the
// handlers parse, call NomineeStore and map. The citizen identity number leaves only towards the
// secretariat and the auditor (engine::RedactedFor), and never in a list.

#include <boost/json.hpp>
#include <charconv>
#include <string>
#include <variant>

#include "adapters/db/database.hpp"
#include "adapters/db/nominee_store.hpp"
#include "adapters/db/transaction.hpp"
#include "adapters/http/api_routes.hpp"
#include "adapters/http/api_support.hpp"
#include "engine/authorization.hpp"
#include "engine/codec/json_reader.hpp"

namespace tdkt::adapters::http {

namespace json = boost::json;
using engine::Status;

namespace {

json::object NomineeJson(const engine::RegisteredNominee& n) {
  json::object o;
  o["id"] = n.id.value();
  o["kind"] = engine::NomineeKindName(n.kind);
  o["name"] = n.name;
  o["unit_id"] = n.unit.value();
  o["direct_worker"] = n.direct_worker;
  o["gender"] = n.gender ? json::value(engine::GenderName(*n.gender)) : json::value(nullptr);
  o["date_of_birth"] = n.date_of_birth ? json::value(engine::codec::FormatDate(*n.date_of_birth))
                                       : json::value(nullptr);
  o["position"] = n.position;
  o["collective_kind"] = n.collective_kind
                             ? json::value(engine::CollectiveKindName(*n.collective_kind))
                             : json::value(nullptr);
  // Present only for the roles that may see it (engine::MaySeeCitizenId), null when none given.
  if (n.citizen_id) o["citizen_id"] = *n.citizen_id;
  return o;
}

// The body of POST /api/v1/nominees, or the refusal naming the field.
engine::Result<engine::RegisteredNominee> ReadRegistration(const json::value& body) {
  engine::codec::JsonReader r(body, "nominee");
  engine::RegisteredNominee n;
  n.id = engine::NomineeId(r.OptionalString("id").value_or(""));
  std::string kind = r.String("kind");
  n.name = r.String("name");
  n.unit = engine::UnitId(r.String("unit_id"));
  auto direct = r.OptionalBool("direct_worker");
  auto gender = r.OptionalString("gender");
  auto birth = r.OptionalDate("date_of_birth");
  n.position = r.OptionalString("position").value_or("");
  n.citizen_id = r.OptionalString("citizen_id");
  auto collective = r.OptionalString("collective_kind");
  if (Status read = r.Finish(); !read.ok()) return read;
  auto parsed_kind = engine::ParseNomineeKind(kind);
  if (!parsed_kind) {
    return Status::InvalidArgument("nominee.kind: expected individual, collective or household");
  }
  n.kind = *parsed_kind;
  if (!direct && n.kind != engine::NomineeKind::kCollective) {
    return Status::InvalidArgument("nominee.direct_worker: required for " + kind + "s");
  }
  n.direct_worker = direct.value_or(false);
  if (gender) {
    n.gender = engine::ParseGender(*gender);
    if (!n.gender) return Status::InvalidArgument("nominee.gender: expected male or female");
  }
  n.date_of_birth = birth;
  if (collective) {
    n.collective_kind = engine::ParseCollectiveKind(*collective);
    if (!n.collective_kind) {
      return Status::InvalidArgument(
          "nominee.collective_kind: expected village, school, team or association");
    }
  }
  if (!n.id.empty() && !engine::IsValidId(n.id.value())) {
    return Status::InvalidArgument(
        "nominee.id: 1 to 64 of [A-Za-z0-9._-], starting with a letter or digit");
  }
  return n;
}

HttpResponse RegisterNominee(const ApiServices& s, const HttpRequest& request,
                             const db::UserRecord& user) {
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  auto nominee = ReadRegistration(std::get<json::value>(body));
  if (!nominee.ok()) return HttpResponse::FromStatus(nominee.status());
  const engine::Actor actor = user.ToActor();
  std::optional<db::RegisterOutcome> outcome;
  // A concurrent registration of the same individual loses on the unique identity index
  // (Conflict) and is run again, which then finds the winner.
  Status status = db::RunInTransaction(s.db, [&](soci::session& sql) {
    auto registered =
        db::NomineeStore(s.db.backend()).Register(sql, *nominee, actor, s.clock.Now());
    if (!registered.ok()) return registered.status();
    outcome = std::move(*registered);
    return Status::Ok();
  });
  if (!status.ok()) return HttpResponse::FromStatus(status);
  json::object answer{
      {"nominee", NomineeJson(outcome->nominee)},
      {"existing", outcome->existing},
      {"matched_on", outcome->existing ? json::value(engine::DuplicateMatchName(outcome->match))
                                       : json::value(nullptr)}};
  HttpResponse response = JsonResponse(outcome->existing ? 200 : 201, answer);
  response.headers.emplace_back("Location", "/api/v1/nominees/" + outcome->nominee.id.value());
  return response;
}

std::optional<std::int64_t> PositiveNumber(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

HttpResponse SearchNominees(const ApiServices& s, const HttpRequest& request,
                            const db::UserRecord& user) {
  auto read = ReadQuery(request, {{"q"}, {"unit_id", true}, {"page"}, {"page_size"}});
  if (auto* problem = std::get_if<HttpResponse>(&read)) return std::move(*problem);
  const Query& query = std::get<Query>(read);
  const engine::Actor actor = user.ToActor();
  if (Status allowed = engine::AuthorizeReadDossiers(actor); !allowed.ok()) {
    return HttpResponse::FromStatus(allowed);
  }
  db::NomineeSearch search;
  if (auto q = query.find("q"); q != query.end()) search.query = q->second;
  for (const char* name : {"page", "page_size"}) {
    auto it = query.find(name);
    if (it == query.end()) continue;
    auto number = PositiveNumber(it->second);
    if (!number) {
      return HttpResponse::Problem(400, "malformed_request",
                                   std::string(name) + ": expected a whole number from 1");
    }
    (std::string_view(name) == "page" ? search.page : search.page_size) = *number;
  }
  auto unit_it = query.find("unit_id");
  auto readable = engine::ReadableUnit(
      actor, engine::UnitId(unit_it == query.end() ? std::string() : unit_it->second));
  if (!readable.ok()) return HttpResponse::FromStatus(readable.status());
  if (!readable->empty()) search.unit = *readable;
  if (search.page_size > 100) {
    return HttpResponse::Problem(400, "malformed_request", "page_size: at most 100");
  }
  auto sql = s.db.Acquire();
  auto page = db::NomineeStore(s.db.backend()).Search(*sql, search);
  if (!page.ok()) return HttpResponse::FromStatus(page.status());
  json::array items;
  for (const auto& hit : page->items) {
    json::object o = NomineeJson(hit.nominee);  // the store never lists a citizen id
    o["match_rank"] = hit.rank;
    items.emplace_back(std::move(o));
  }
  return JsonResponse(200, json::object{{"items", std::move(items)},
                                        {"page", search.page},
                                        {"page_size", search.page_size},
                                        {"total", page->total}});
}

// The nominee `id` as `user` may read it, or the refusal (another unit's is 404).
std::variant<engine::RegisteredNominee, HttpResponse> LoadReadableNominee(
    const ApiServices& s, soci::session& sql, const db::UserRecord& user, const std::string& id) {
  if (auto bad = CheckId("nominee id", id)) return *bad;
  auto nominee = db::NomineeStore(s.db.backend()).Load(sql, engine::NomineeId(id));
  if (!nominee.ok()) return HttpResponse::FromStatus(nominee.status());
  const engine::Actor actor = user.ToActor();
  if (Status allowed = engine::AuthorizeReadNominee(actor, *nominee); !allowed.ok()) {
    return HttpResponse::FromStatus(allowed);
  }
  return engine::RedactedFor(*nominee, actor);
}

HttpResponse GetNominee(const ApiServices& s, const HttpRequest& request,
                        const db::UserRecord& user) {
  auto sql = s.db.Acquire();
  auto nominee = LoadReadableNominee(s, *sql, user, request.path_params.at("id"));
  if (auto* problem = std::get_if<HttpResponse>(&nominee)) return std::move(*problem);
  return JsonResponse(200, NomineeJson(std::get<engine::RegisteredNominee>(nominee)));
}

// The award's name in the first pack that has it (history spans packs).
std::string AwardName(const ApiServices& s, const std::string& award) {
  for (const auto& pack : s.packs.packs()) {
    if (const engine::AwardRule* rule = pack.FindAward(engine::AwardId(award))) return rule->name;
  }
  return award;
}

HttpResponse GetHistory(const ApiServices& s, const HttpRequest& request,
                        const db::UserRecord& user) {
  auto sql = s.db.Acquire();
  auto nominee = LoadReadableNominee(s, *sql, user, request.path_params.at("id"));
  if (auto* problem = std::get_if<HttpResponse>(&nominee)) return std::move(*problem);
  const auto& n = std::get<engine::RegisteredNominee>(nominee);
  auto history = db::NomineeStore(s.db.backend()).History(*sql, n.id);
  if (!history.ok()) return HttpResponse::FromStatus(history.status());
  const engine::Actor actor = user.ToActor();
  json::array items;
  for (const auto& e : *history) {
    // A unit-scoped role reads its own unit's dossiers only (engine::AuthorizeRead).
    if (!engine::AuthorizeRead(actor, engine::DossierId(e.dossier_id), engine::UnitId(e.unit_id))
             .ok()) {
      continue;
    }
    items.emplace_back(
        json::object{{"dossier_id", e.dossier_id},
                     {"campaign_id", e.campaign_id},
                     {"campaign_name", e.campaign_name},
                     {"nomination_cutoff", OrNull(e.nomination_cutoff)},
                     {"unit_id", e.unit_id},
                     {"award", e.award},
                     {"award_name", AwardName(s, e.award)},
                     {"state", e.state},
                     {"decision_number", OrNull(e.decision_number)},
                     {"decision_date", OrNull(e.decision_date)},
                     {"register_number",
                      e.register_number ? json::value(*e.register_number) : json::value(nullptr)},
                     {"higher_decision_number", OrNull(e.higher_decision_number)},
                     {"prize_vnd", e.prize_vnd ? json::value(*e.prize_vnd) : json::value(nullptr)},
                     {"outcome_reason", OrNull(e.outcome_reason)},
                     {"created_at", e.created_at}});
  }
  return JsonResponse(200, json::object{{"nominee", NomineeJson(n)}, {"items", std::move(items)}});
}

}  // namespace

void AddNomineeRoutes(Router& router, const ApiServices& s) {
  router.Add("POST", "/api/v1/nominees", Authenticated(s, RegisterNominee, false));
  router.Add("GET", "/api/v1/nominees", Authenticated(s, SearchNominees, true));
  router.Add("GET", "/api/v1/nominees/{id}", Authenticated(s, GetNominee, false));
  router.Add("GET", "/api/v1/nominees/{id}/history", Authenticated(s, GetHistory, false));
}

}  // namespace tdkt::adapters::http
