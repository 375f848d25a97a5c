// Decisions (/api/v1/decisions) and submissions (/api/v1/submissions): DOMAIN.md, "Rounds". The
// handlers parse, call RoundService and map; the rules are engine/rounds.hpp's.
#include <boost/json.hpp>
#include <string>
#include <variant>

#include "adapters/db/round_service.hpp"
#include "adapters/http/api_routes.hpp"
#include "adapters/http/api_support.hpp"
#include "engine/authorization.hpp"
#include "engine/codec/json_reader.hpp"
#include "engine/codec/round_json.hpp"
#include "engine/rounds.hpp"

namespace tdkt::adapters::http {

namespace json = boost::json;
using engine::RoundKind;
using engine::Status;

namespace {

RoundKind KindOf(const HttpRequest& request) {
  return request.path.rfind("/api/v1/submissions", 0) == 0 ? RoundKind::kSubmission
                                                           : RoundKind::kDecision;
}

// The round as the caller may see it, with its stream's length; 404 for a round of the other
// kind (a decision is not found under /submissions).
std::variant<json::object, HttpResponse> RoundJsonFor(const db::RoundOutcome& outcome,
                                                      RoundKind kind, const db::UserRecord& user) {
  if (outcome.round.kind != kind) {
    return HttpResponse::FromStatus(Status::NotFound(
        "no " + std::string(engine::RoundKindName(kind)) + " " + outcome.round.id.value()));
  }
  auto visible = engine::VisibleTo(outcome.round, user.ToActor());
  if (!visible.ok()) return HttpResponse::FromStatus(visible.status());
  json::object o = engine::codec::RoundToJson(*visible);
  o["version"] = outcome.version;
  o["stream"] = db::RoundStream(outcome.round.kind, outcome.round.id);
  return o;
}

// For the answers that list no dossier (drafting, adding, removing, reading a round).
const engine::UnitSuccessions kListsNoDossier;

// `successions` is read before the write (signing, recording an answer), so that a committed
// change is never answered with an error.
HttpResponse Answer(const db::RoundOutcome& outcome, RoundKind kind, const db::UserRecord& user,
                    const ApiServices& s, const engine::UnitSuccessions& successions,
                    int status = 200) {
  auto body = RoundJsonFor(outcome, kind, user);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  json::object o = std::move(std::get<json::object>(body));
  if (!outcome.dossiers.empty() || outcome.replayed) {
    json::array dossiers;
    for (const db::ApplyOutcome& d : outcome.dossiers) {
      dossiers.emplace_back(
          DossierJson(d.row, s.calendar, s.packs, successions, s.clock.Now(), &user));
    }
    o["dossiers"] = std::move(dossiers);
    o["replayed"] = outcome.replayed;
  }
  return JsonResponse(status, o);
}

HttpResponse ListRounds(const ApiServices& s, const HttpRequest& request,
                        const db::UserRecord& user) {
  auto read = ReadQuery(request, {{"campaign_id", true}});
  if (auto* problem = std::get_if<HttpResponse>(&read)) return std::move(*problem);
  const Query& query = std::get<Query>(read);
  auto it = query.find("campaign_id");
  const RoundKind kind = KindOf(request);
  auto rounds = s.rounds.List(engine::CampaignId(it == query.end() ? "" : it->second), kind);
  if (!rounds.ok()) return HttpResponse::FromStatus(rounds.status());
  json::array items;
  for (const auto& outcome : *rounds) {
    auto body = RoundJsonFor(outcome, kind, user);
    if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
    items.emplace_back(std::move(std::get<json::object>(body)));
  }
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

HttpResponse GetRound(const ApiServices& s, const HttpRequest& request,
                      const db::UserRecord& user) {
  auto round = s.rounds.Get(engine::RoundId(request.path_params.at("id")));
  if (!round.ok()) return HttpResponse::FromStatus(round.status());
  return Answer(*round, KindOf(request), user, s, kListsNoDossier);
}

HttpResponse DraftRound(const ApiServices& s, const HttpRequest& request,
                        const db::UserRecord& user) {
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  const RoundKind kind = KindOf(request);
  engine::codec::JsonReader reader(std::get<json::value>(body),
                                   std::string(engine::RoundKindName(kind)));
  auto id = reader.OptionalString("id");
  std::string campaign = reader.Id("campaign_id");
  std::string title = reader.String("title");
  if (Status read = reader.Finish(); !read.ok()) return HttpResponse::FromStatus(read);
  const std::string round_id = id ? *id : RandomId(kind == RoundKind::kDecision ? "qd-" : "ttr-");
  auto drafted = s.rounds.Draft(engine::RoundId(round_id), kind, engine::CampaignId(campaign),
                                title, user.ToActor(), s.clock.Now());
  if (!drafted.ok()) return HttpResponse::FromStatus(drafted.status());
  return Answer(*drafted, kind, user, s, kListsNoDossier, 201);
}

HttpResponse AddToRound(const ApiServices& s, const HttpRequest& request,
                        const db::UserRecord& user) {
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  // One dossier ({"dossier_id"}) or several at once ({"dossier_ids": [...]}), not both.
  engine::codec::JsonReader reader(std::get<json::value>(body), "line");
  auto one = reader.OptionalString("dossier_id");
  auto several = reader.OptionalStrings("dossier_ids");
  if (Status read = reader.Finish(); !read.ok()) return HttpResponse::FromStatus(read);
  if (one.has_value() == several.has_value()) {
    return HttpResponse::FromStatus(
        Status::InvalidArgument("line: give dossier_id or dossier_ids (exactly one of them)"));
  }
  std::vector<engine::DossierId> dossiers;
  for (const std::string& id : several.value_or(std::vector<std::string>{one.value_or("")})) {
    if (auto bad = CheckId(several ? "line.dossier_ids[]" : "line.dossier_id", id)) return *bad;
    dossiers.emplace_back(id);
  }
  auto added = s.rounds.AddDossiers(engine::RoundId(request.path_params.at("id")), dossiers,
                                    user.ToActor(), s.clock.Now());
  if (!added.ok()) return HttpResponse::FromStatus(added.status());
  return Answer(*added, KindOf(request), user, s, kListsNoDossier);
}

HttpResponse RemoveFromRound(const ApiServices& s, const HttpRequest& request,
                             const db::UserRecord& user) {
  auto removed = s.rounds.RemoveDossier(engine::RoundId(request.path_params.at("id")),
                                        engine::DossierId(request.path_params.at("dossier_id")),
                                        user.ToActor(), s.clock.Now());
  if (!removed.ok()) return HttpResponse::FromStatus(removed.status());
  return Answer(*removed, KindOf(request), user, s, kListsNoDossier);
}

HttpResponse SignRound(const ApiServices& s, const HttpRequest& request,
                       const db::UserRecord& user) {
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  engine::codec::JsonReader reader(std::get<json::value>(body), "sign");
  std::string request_id = reader.String("request_id");
  if (Status read = reader.Finish(); !read.ok()) return HttpResponse::FromStatus(read);
  if (request_id.empty() || request_id.size() > 200) {
    return HttpResponse::FromStatus(Status::InvalidArgument(
        "sign.request_id: 1 to 200 characters (it makes a retry sign once)"));
  }
  auto id = engine::RoundId(request.path_params.at("id"));
  const RoundKind kind = KindOf(request);
  // A round of the other kind is not found here (and is not signed by a mistyped path).
  auto existing = s.rounds.Get(id);
  if (!existing.ok()) return HttpResponse::FromStatus(existing.status());
  if (existing->round.kind != kind) {
    return HttpResponse::FromStatus(
        Status::NotFound("no " + std::string(engine::RoundKindName(kind)) + " " + id.value()));
  }
  auto successions = LoadSuccessions(s);
  if (!successions.ok()) return HttpResponse::FromStatus(successions.status());
  auto signed_round = s.rounds.Sign(id, user.ToActor(), request_id, s.clock.Now());
  if (!signed_round.ok()) return HttpResponse::FromStatus(signed_round.status());
  return Answer(*signed_round, kind, user, s, *successions);
}

HttpResponse AnswerSubmission(const ApiServices& s, const HttpRequest& request,
                              const db::UserRecord& user) {
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  engine::codec::JsonReader reader(std::get<json::value>(body), "answer");
  std::string request_id = reader.String("request_id");
  std::string number = reader.String("decision_number");
  auto decided_on = reader.Date("decided_on");
  const json::array& listed = reader.Array("dossiers");
  if (Status read = reader.Finish(); !read.ok()) return HttpResponse::FromStatus(read);
  std::vector<engine::AnswerLine> lines;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    engine::codec::JsonReader line(listed[i], "answer.dossiers[" + std::to_string(i) + "]");
    engine::AnswerLine answer;
    answer.dossier = engine::DossierId(line.Id("dossier_id"));
    answer.approved = line.Bool("approved");
    answer.reason = line.OptionalString("reason").value_or("");
    if (Status read = line.Finish(); !read.ok()) return HttpResponse::FromStatus(read);
    lines.push_back(std::move(answer));
  }
  if (request_id.empty() || request_id.size() > 200) {
    return HttpResponse::FromStatus(Status::InvalidArgument(
        "answer.request_id: 1 to 200 characters (it makes a retry record once)"));
  }
  auto successions = LoadSuccessions(s);
  if (!successions.ok()) return HttpResponse::FromStatus(successions.status());
  auto answered =
      s.rounds.RecordAnswer(engine::RoundId(request.path_params.at("id")), number, decided_on,
                            lines, user.ToActor(), request_id, s.clock.Now());
  if (!answered.ok()) return HttpResponse::FromStatus(answered.status());
  return Answer(*answered, RoundKind::kSubmission, user, s, *successions);
}

// The dossiers a draft of the campaign may list now, each with its prize as of today.
HttpResponse Eligible(const ApiServices& s, const HttpRequest& request,
                      const db::UserRecord& user) {
  auto read = ReadQuery(request, {{"kind"}});
  if (auto* problem = std::get_if<HttpResponse>(&read)) return std::move(*problem);
  const Query& query = std::get<Query>(read);
  auto it = query.find("kind");
  if (it == query.end()) {
    return HttpResponse::Problem(400, "malformed_request",
                                 "kind: required (decision or submission)");
  }
  auto kind = engine::ParseRoundKind(it->second);
  if (!kind) {
    return HttpResponse::Problem(
        400, "malformed_request",
        "kind: expected decision or submission, got \"" + it->second + "\"");
  }
  if (Status allowed =
          engine::AuthorizeOperation(user.ToActor(), engine::Operation::kListRoundCandidates);
      !allowed.ok()) {
    return HttpResponse::FromStatus(allowed);
  }
  auto eligible =
      s.rounds.Eligible(engine::CampaignId(request.path_params.at("id")), *kind, s.clock.Now());
  if (!eligible.ok()) return HttpResponse::FromStatus(eligible.status());
  json::array items;
  for (const auto& entry : *eligible) {
    engine::Round probe;
    probe.lines.push_back(entry.line);
    json::object line = engine::codec::RoundToJson(probe).at("lines").as_array().at(0).as_object();
    items.emplace_back(std::move(line));
  }
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

}  // namespace

void AddRoundRoutes(Router& router, const ApiServices& s) {
  struct Route {
    const char* method;
    const char* pattern;
    ApiHandler handler;
    bool takes_query = false;
  };
  static constexpr Route kRoutes[] = {
      {"GET", "/api/v1/decisions", ListRounds, true},
      {"POST", "/api/v1/decisions", DraftRound},
      {"GET", "/api/v1/decisions/{id}", GetRound},
      {"POST", "/api/v1/decisions/{id}/dossiers", AddToRound},
      {"DELETE", "/api/v1/decisions/{id}/dossiers/{dossier_id}", RemoveFromRound},
      {"POST", "/api/v1/decisions/{id}/sign", SignRound},
      {"GET", "/api/v1/submissions", ListRounds, true},
      {"POST", "/api/v1/submissions", DraftRound},
      {"GET", "/api/v1/submissions/{id}", GetRound},
      {"POST", "/api/v1/submissions/{id}/dossiers", AddToRound},
      {"DELETE", "/api/v1/submissions/{id}/dossiers/{dossier_id}", RemoveFromRound},
      {"POST", "/api/v1/submissions/{id}/sign", SignRound},
      {"POST", "/api/v1/submissions/{id}/answers", AnswerSubmission},
      {"GET", "/api/v1/campaigns/{id}/eligible", Eligible, true},
  };
  for (const Route& route : kRoutes) {
    router.Add(route.method, route.pattern, Authenticated(s, route.handler, route.takes_query));
  }
}

}  // namespace tdkt::adapters::http
