#include "adapters/http/api_routes.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <optional>
#include <string>
#include <variant>

#include "adapters/db/admin_store.hpp"
#include "adapters/db/apply_service.hpp"
#include "adapters/db/database.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_query.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/event_log_store.hpp"
#include "adapters/db/round_service.hpp"
#include "adapters/db/transaction.hpp"
#include "adapters/http/api_support.hpp"
#include "engine/audit/chain_verifier.hpp"
#include "engine/audit/record.hpp"
#include "engine/authorization.hpp"
#include "engine/calendar/date_text.hpp"
#include "engine/codec/campaign_json.hpp"
#include "engine/codec/command_json.hpp"
#include "engine/codec/council_json.hpp"
#include "engine/codec/json_reader.hpp"
#include "engine/transfer.hpp"
#include "workflows/decide.hpp"

namespace tdkt::adapters::http {

namespace json = boost::json;
using engine::Status;

namespace {

// ---- handlers -------------------------------------------------------------------------------

HttpResponse Me(const ApiServices&, const HttpRequest&, const db::UserRecord& user) {
  return JsonResponse(200, UserJson(user));
}

HttpResponse Clock(const ApiServices& s, const HttpRequest&, const db::UserRecord&) {
  return JsonResponse(200, json::object{{"now", engine::audit::FormatTimestamp(s.clock.Now())},
                                        {"demo", s.demo_clock}});
}

HttpResponse ListCampaigns(const ApiServices& s, const HttpRequest&, const db::UserRecord&) {
  auto sql = s.db.Acquire();
  auto campaigns = db::DirectoryStore(s.db.backend()).ListCampaigns(*sql);
  if (!campaigns.ok()) return HttpResponse::FromStatus(campaigns.status());
  json::array items;
  for (const auto& c : *campaigns) items.emplace_back(engine::codec::CampaignToJson(c));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

HttpResponse CreateCampaign(const ApiServices& s, const HttpRequest& request,
                            const db::UserRecord& user) {
  if (Status allowed =
          engine::AuthorizeOperation(user.ToActor(), engine::Operation::kCreateCampaign);
      !allowed.ok()) {
    return HttpResponse::FromStatus(allowed);
  }
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  auto campaign = engine::codec::ParseCampaign(std::get<json::value>(body));
  if (!campaign.ok()) return HttpResponse::FromStatus(campaign.status());
  if (auto bad = CheckId("campaign.id", campaign->id.value())) return *bad;
  // Recorded in the administrative stream, whoever creates it.
  if (Status added = db::RunInTransaction(s.db,
                                          [&](soci::session& sql) {
                                            return db::AdminStore(s.db.backend())
                                                .AddCampaign(sql, *campaign, user.ToActor(),
                                                             s.clock.Now());
                                          });
      !added.ok()) {
    return HttpResponse::FromStatus(added);
  }
  return JsonResponse(201, engine::codec::CampaignToJson(*campaign));
}

HttpResponse ListUnits(const ApiServices& s, const HttpRequest&, const db::UserRecord&) {
  auto sql = s.db.Acquire();
  auto units = db::DirectoryStore(s.db.backend()).ListUnits(*sql);
  if (!units.ok()) return HttpResponse::FromStatus(units.status());
  json::array items;
  for (const auto& u : *units) {
    items.emplace_back(db::UnitToJson(u));
  }
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

HttpResponse ListRulePacks(const ApiServices& s, const HttpRequest&, const db::UserRecord&) {
  json::array items;
  for (const auto& pack : s.packs.packs()) {
    json::array awards;
    for (const auto& award : pack.awards) {
      json::array kinds, documents;
      for (auto kind : award.nominee_kinds) kinds.emplace_back(engine::NomineeKindName(kind));
      for (auto kind : award.required_documents) {
        documents.emplace_back(engine::DocumentKindName(kind));
      }
      awards.emplace_back(json::object{{"id", award.id.value()},
                                       {"name", award.name},
                                       {"deciding_level", engine::LevelName(award.deciding_level)},
                                       {"nominee_kinds", std::move(kinds)},
                                       {"required_documents", std::move(documents)}});
    }
    items.emplace_back(
        json::object{{"id", pack.id.value()},
                     {"name", pack.name},
                     {"effective_from", engine::codec::FormatDate(pack.effective_from)},
                     {"awards", std::move(awards)}});
  }
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

HttpResponse CreateDossier(const ApiServices& s, const HttpRequest& request,
                           const db::UserRecord& user) {
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  engine::codec::JsonReader reader(std::get<json::value>(body), "dossier");
  db::NewDossier draft;
  auto id = reader.OptionalString("id");
  draft.id = engine::DossierId(id.value_or(RandomId("hs-")));
  draft.campaign = engine::CampaignId(reader.String("campaign_id"));
  draft.unit = engine::UnitId(reader.String("unit_id"));
  draft.award = engine::AwardId(reader.String("award"));
  draft.achievement_summary = reader.OptionalString("achievement_summary").value_or("");
  std::string request_id =
      reader.OptionalString("request_id").value_or("create:" + draft.id.value());
  // A draft refers to a registered nominee: by nominee_id, or by the inline fields, registered or
  // found when that is unambiguous (db::NomineeStore::ResolveForDraft).
  auto nominee_id = reader.OptionalString("nominee_id");
  auto nominee_json = reader.OptionalObject("nominee");
  if (Status read = reader.Finish(); !read.ok()) return HttpResponse::FromStatus(read);
  if (nominee_id.has_value() == nominee_json.has_value()) {
    return HttpResponse::Problem(
        422, "invalid_argument",
        "dossier.nominee_id: give either nominee_id (a registered nominee) or nominee, not " +
            std::string(nominee_id ? "both" : "neither"));
  }
  if (auto bad = CheckId("dossier.id", draft.id.value())) return *bad;
  if (request_id.empty() || request_id.size() > 200) {
    return HttpResponse::Problem(422, "invalid_argument",
                                 "dossier.request_id: 1 to 200 characters");
  }
  if (nominee_id) {
    if (auto bad = CheckId("dossier.nominee_id", *nominee_id)) return *bad;
    draft.nominee.id = engine::NomineeId(*nominee_id);
  } else {
    auto nominee = engine::codec::ParseNomineeInput(*nominee_json);
    if (!nominee.ok()) return HttpResponse::FromStatus(nominee.status());
    draft.nominee = std::move(*nominee);
  }
  // Read before the write: once it has committed, the answer must not fail.
  auto successions = LoadSuccessions(s);
  if (!successions.ok()) return HttpResponse::FromStatus(successions.status());
  auto created = s.apply.Create(draft, user.ToActor(), request_id, s.clock.Now(), id.has_value(),
                                nominee_id.has_value());
  if (!created.ok()) return HttpResponse::FromStatus(created.status());
  const std::string& stored_id = created->row.snapshot.id.value();
  HttpResponse response = JsonResponse(
      201, DossierJson(created->row, s.calendar, s.packs, *successions, s.clock.Now(), &user));
  response.headers.emplace_back("Location", "/api/v1/dossiers/" + stored_id);
  return response;
}

HttpResponse ListDossiers(const ApiServices& s, const HttpRequest& request,
                          const db::UserRecord& user) {
  auto read = ReadQuery(request, {{"state"},
                                  {"unit_id", true},
                                  {"campaign_id", true},
                                  {"award", true},
                                  {"overdue"},
                                  {"due_before"},
                                  {"needs_transfer"},
                                  {"limit"},
                                  {"cursor"}});
  if (auto* problem = std::get_if<HttpResponse>(&read)) return std::move(*problem);
  const Query& parameters = std::get<Query>(read);
  auto query = [&parameters](const char* key) {
    auto it = parameters.find(key);
    return it == parameters.end() ? std::string() : it->second;
  };
  db::DossierFilter filter;
  filter.state = query("state");
  filter.unit = query("unit_id");
  filter.campaign = query("campaign_id");
  filter.award = query("award");
  filter.after = query("cursor");
  filter.now = s.clock.Now();
  if (!filter.state.empty() && !engine::ParseState(filter.state)) {
    return HttpResponse::Problem(400, "malformed_request",
                                 "state: no such state \"" + filter.state + "\"");
  }
  if (std::string overdue = query("overdue"); !overdue.empty()) {
    if (overdue != "true" && overdue != "false") {
      return HttpResponse::Problem(400, "malformed_request", "overdue: expected true or false");
    }
    filter.overdue = overdue == "true";
  }
  bool needs_transfer = false;
  if (std::string transfer = query("needs_transfer"); !transfer.empty()) {
    if (transfer != "true" && transfer != "false") {
      return HttpResponse::Problem(400, "malformed_request",
                                   "needs_transfer: expected true or false");
    }
    needs_transfer = transfer == "true";
  }
  if (std::string due = query("due_before"); !due.empty()) {
    // A UTC time, or a local date: deadlines before the start of that day in Vietnam (as the
    // CLI's `timers list --due-before` reads it).
    auto before =
        engine::calendar::ParseInstantOrLocalDate(due, s.calendar.settings().utc_offset_minutes);
    if (!before.ok()) {
      return HttpResponse::Problem(400, "malformed_request",
                                   "due_before: " + before.status().message());
    }
    filter.due_before = engine::audit::FormatTimestamp(*before);
  }
  if (std::string limit = query("limit"); !limit.empty()) {
    int value = 0;
    auto [end, ec] = std::from_chars(limit.data(), limit.data() + limit.size(), value);
    if (ec != std::errc() || end != limit.data() + limit.size() || value < 1 || value > 200) {
      return HttpResponse::Problem(400, "malformed_request", "limit: expected 1 to 200");
    }
    filter.limit = value;
  }
  auto readable = engine::ReadableUnit(user.ToActor(), engine::UnitId(filter.unit));
  if (!readable.ok()) return HttpResponse::FromStatus(readable.status());
  filter.unit = readable->value();
  // Waiting for a transfer (judged after every parameter and the unit scope): in flight and still
  // decided by the pack that the one in force takes over, or of a unit that ended
  // (engine::AwaitsTransfer). Without a pack in force, none waits.
  const engine::RulePack* in_force = nullptr;
  if (needs_transfer) {
    auto pack = s.packs.InForce(s.calendar.LocalDate(filter.now));
    if (!pack.ok()) {
      return JsonResponse(200, json::object{{"items", json::array()}, {"next_cursor", nullptr}});
    }
    in_force = *pack;
    filter.awaiting_transfer = true;
    if (in_force->takes_over) filter.awaiting_transfer_from = in_force->takes_over->from.value();
    filter.today = engine::calendar::FormatIsoDate(s.calendar.LocalDate(filter.now));
  }
  auto successions = LoadSuccessions(s);
  if (!successions.ok()) return HttpResponse::FromStatus(successions.status());
  auto sql = s.db.Acquire();
  auto page = db::DossierQuery(s.db.backend()).List(*sql, filter);
  if (!page.ok()) return HttpResponse::FromStatus(page.status());
  json::array items;
  const auto today = s.calendar.LocalDate(filter.now);
  for (const auto& row : page->rows) {
    if (in_force != nullptr &&
        !engine::AwaitsTransfer(row.snapshot, *in_force,
                                engine::UnitCarryingOn(row.snapshot.unit, today, *successions))) {
      continue;
    }
    items.emplace_back(DossierJson(row, s.calendar, s.packs, *successions, filter.now, nullptr));
  }
  return JsonResponse(
      200, json::object{{"items", std::move(items)}, {"next_cursor", OrNull(page->cursor)}});
}

HttpResponse GetDossier(const ApiServices& s, const HttpRequest& request,
                        const db::UserRecord& user) {
  auto row = LoadReadable(s, user, request.path_params.at("id"));
  if (auto* problem = std::get_if<HttpResponse>(&row)) return std::move(*problem);
  auto successions = LoadSuccessions(s);
  if (!successions.ok()) return HttpResponse::FromStatus(successions.status());
  return JsonResponse(200, DossierJson(std::get<db::DossierRow>(row), s.calendar, s.packs,
                                       *successions, s.clock.Now(), &user));
}

HttpResponse PostEvent(const ApiServices& s, const HttpRequest& request,
                       const db::UserRecord& user) {
  const std::string id = request.path_params.at("id");
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  engine::codec::JsonReader reader(std::get<json::value>(body), "event");
  std::string type = reader.String("type");
  std::string request_id = reader.String("request_id");
  auto expected_version = reader.OptionalInt("expected_version");
  json::object payload = reader.Object("payload");
  // Refusals are counted by event type (a name the client sent that is no event is "unknown",
  // so that clients cannot grow the metrics without bound).
  const std::string label = engine::ParseEventType(type) ? type : std::string("unknown");
  auto refuse = [&](const Status& status) {
    s.metrics.CountRefusal(label, engine::StatusCodeName(status.code()));
    return HttpResponse::FromStatus(status);
  };
  if (Status read = reader.Finish(); !read.ok()) return refuse(read);
  if (request_id.size() > 200) {
    return refuse(Status::InvalidArgument(
        "event.request_id: at most 200 characters (it makes a retry apply once)"));
  }
  if (expected_version && *expected_version < 0) {
    return refuse(Status::InvalidArgument("event.expected_version: expected 0 or more"));
  }
  auto command = engine::codec::ParseTypedCommand(type, payload);
  if (!command.ok()) return refuse(command.status());
  // The Chairman approving or escalating one dossier signs a decision or submission of one
  // (DOMAIN.md, "Rounds"): it takes the number, and for a decision the sổ vàng entry and prize.
  // Read before the write: once it has committed, the answer must not fail.
  auto successions = LoadSuccessions(s);
  if (!successions.ok()) return refuse(successions.status());
  const auto* approve = std::get_if<engine::Approve>(&*command);
  const auto* escalate = std::get_if<engine::Escalate>(&*command);
  if (approve != nullptr || escalate != nullptr) {
    if ((approve && approve->decision) || (escalate && escalate->submission)) {
      return refuse(Status::InvalidArgument(
          approve ? "payload.decision: given by signing a decision, not by a client"
                  : "payload.submission: given by signing a submission, not by a client"));
    }
    auto signed_round = s.rounds.DecideAlone(
        approve ? engine::RoundKind::kDecision : engine::RoundKind::kSubmission,
        engine::DossierId(id), approve ? "Khen thưởng hồ sơ " + id : escalate->reason,
        user.ToActor(), request_id, s.clock.Now(), expected_version);
    if (!signed_round.ok()) return refuse(signed_round.status());
    if (signed_round->dossiers.empty()) {
      return refuse(Status::Unavailable("the signed round of dossier " + id + " lists nothing"));
    }
    const db::ApplyOutcome& outcome = signed_round->dossiers.front();
    json::array numbers;
    for (const auto& n : outcome.numbers) numbers.emplace_back(n);
    json::object event{{"type", outcome.event},
                       {"version", outcome.row.version},
                       {"seq", outcome.seq},
                       {"hash", outcome.hash},
                       {"numbers", std::move(numbers)}};
    return JsonResponse(
        200, json::object{{"dossier", DossierJson(outcome.row, s.calendar, s.packs, *successions,
                                                  s.clock.Now(), &user)},
                          {"event", std::move(event)},
                          {"replayed", signed_round->replayed}});
  }
  // Apply answers for an unknown dossier (404) and for a role or unit that may not send this
  // event (403, the core's authorization rule).
  auto outcome =
      s.apply.Apply({engine::DossierId(id), std::move(*command), user.ToActor(), request_id},
                    s.clock.Now(), expected_version);
  if (!outcome.ok()) return refuse(outcome.status());
  json::array numbers;
  for (const auto& n : outcome->numbers) numbers.emplace_back(n);
  json::object event{{"type", outcome->event},
                     {"version", outcome->row.version},
                     {"seq", outcome->seq},
                     {"hash", outcome->hash},
                     {"numbers", std::move(numbers)}};
  return JsonResponse(
      200, json::object{{"dossier", DossierJson(outcome->row, s.calendar, s.packs, *successions,
                                                s.clock.Now(), &user)},
                        {"event", std::move(event)},
                        {"replayed", outcome->replayed}});
}

HttpResponse ListDocuments(const ApiServices& s, const HttpRequest& request,
                           const db::UserRecord& user) {
  const std::string id = request.path_params.at("id");
  auto row = LoadReadable(s, user, id);
  if (auto* problem = std::get_if<HttpResponse>(&row)) return std::move(*problem);
  auto sql = s.db.Acquire();
  auto documents = db::DossierQuery(s.db.backend()).ListDocuments(*sql, id);
  if (!documents.ok()) return HttpResponse::FromStatus(documents.status());
  json::array items;
  for (const auto& d : *documents) items.emplace_back(DocumentJson(d));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

HttpResponse PostDocument(const ApiServices& s, const HttpRequest& request,
                          const db::UserRecord& user) {
  const std::string id = request.path_params.at("id");
  // Attach answers for an unknown dossier or another unit's (404) and for who may not attach
  // (403): the core's rules, on the dossier it loads once.
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  engine::codec::JsonReader reader(std::get<json::value>(body), "document");
  db::NewDocument document;
  std::string kind = reader.String("kind");
  document.file_name = reader.String("file_name");
  // The contract's default for a file whose type the client does not know.
  document.media_type = reader.OptionalString("media_type").value_or("application/octet-stream");
  std::string content_base64 = reader.String("content_base64");
  if (Status read = reader.Finish(); !read.ok()) return HttpResponse::FromStatus(read);
  auto parsed_kind = engine::ParseDocumentKind(kind);
  if (!parsed_kind) {
    return HttpResponse::Problem(422, "invalid_argument",
                                 "document.kind: expected submission_letter, achievement_report, "
                                 "review_minutes or initiative_certificate, got \"" +
                                     kind + "\"");
  }
  document.kind = *parsed_kind;
  auto content = DecodeBase64(content_base64);
  if (!content) {
    return HttpResponse::Problem(422, "invalid_argument", "document.content_base64: not base64");
  }
  if (content->empty()) {
    return HttpResponse::Problem(422, "invalid_argument",
                                 "document.content_base64: the file is empty");
  }
  document.content = std::move(*content);
  auto attached = s.apply.Attach(engine::DossierId(id), document, user.ToActor(), s.clock.Now());
  if (!attached.ok()) return HttpResponse::FromStatus(attached.status());
  return JsonResponse(201, DocumentJson(attached->document));
}

HttpResponse ListSessions(const ApiServices& s, const HttpRequest& request, const db::UserRecord&) {
  auto read = ReadQuery(request, {{"campaign_id", true}});
  if (auto* problem = std::get_if<HttpResponse>(&read)) return std::move(*problem);
  const Query& query = std::get<Query>(read);
  auto it = query.find("campaign_id");
  auto sql = s.db.Acquire();
  auto sessions = db::DirectoryStore(s.db.backend())
                      .ListCouncilSessions(*sql, it == query.end() ? "" : it->second);
  if (!sessions.ok()) return HttpResponse::FromStatus(sessions.status());
  json::array items;
  for (const auto& session : *sessions) items.emplace_back(SessionJson(session));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

HttpResponse PostSession(const ApiServices& s, const HttpRequest& request,
                         const db::UserRecord& user) {
  if (Status allowed =
          engine::AuthorizeOperation(user.ToActor(), engine::Operation::kRecordCouncilSession);
      !allowed.ok()) {
    return HttpResponse::FromStatus(allowed);
  }
  auto body = ParseBody(request, s.max_json_depth);
  if (auto* problem = std::get_if<HttpResponse>(&body)) return std::move(*problem);
  auto parsed = engine::codec::ParseCouncilSession(std::get<json::value>(body));
  if (!parsed.ok()) return HttpResponse::FromStatus(parsed.status());
  engine::CouncilSession& council = *parsed;
  if (council.id.empty()) {
    council.id = engine::CouncilSessionId("hd-" + engine::codec::FormatDate(council.held_on) +
                                          RandomId("-"));
  }
  if (auto bad = CheckId("council_session.id", council.id.value())) return *bad;
  if (Status checked = engine::CheckCouncilSession(council); !checked.ok()) {
    return HttpResponse::FromStatus(checked);
  }
  const db::CouncilSessionRecord session =
      db::RecordOf(council, user.id, engine::audit::FormatTimestamp(s.clock.Now()));
  auto sql = s.db.Acquire();
  engine::AgendaFacts found;
  for (const engine::DossierId& dossier : council.agenda) {
    auto row = db::DossierStore(s.db.backend()).Load(*sql, dossier);
    if (row.ok()) {
      found.emplace(dossier, row->snapshot.campaign);
    } else if (row.status().code() != engine::StatusCode::kNotFound) {
      return HttpResponse::FromStatus(row.status());
    }
  }
  if (Status agenda = engine::CheckAgenda(council, found); !agenda.ok()) {
    return HttpResponse::FromStatus(agenda);
  }
  Status added = db::DirectoryStore(s.db.backend()).AddCouncilSession(*sql, session);
  if (added.code() == engine::StatusCode::kNotFound) {
    return HttpResponse::Problem(422, "invalid_argument",
                                 "council_session.campaign_id: " + added.message());
  }
  if (!added.ok()) return HttpResponse::FromStatus(added);
  return JsonResponse(201, SessionJson(session));
}

HttpResponse GetAudit(const ApiServices& s, const HttpRequest& request,
                      const db::UserRecord& user) {
  const std::string id = request.path_params.at("id");
  auto row = LoadReadable(s, user, id);
  if (auto* problem = std::get_if<HttpResponse>(&row)) return std::move(*problem);
  // The projection's version and the log are written in one transaction but read here in two
  // statements: an event appended in between (a timer's reminder) would look like a missing
  // record. Read both again until they agree (a real gap stays and is reported).
  auto sql = s.db.Acquire();
  db::EventLogStore log(s.db.backend());
  std::int64_t version = std::get<db::DossierRow>(row).version;
  auto records = log.ReadDossier(*sql, id);
  for (int attempt = 0;
       records.ok() && static_cast<std::int64_t>(records->size()) != version && attempt < 3;
       ++attempt) {
    auto reread = db::DossierStore(s.db.backend()).Load(*sql, engine::DossierId(id));
    if (!reread.ok()) return HttpResponse::FromStatus(reread.status());
    version = reread->version;
    records = log.ReadDossier(*sql, id);
  }
  if (!records.ok()) return HttpResponse::FromStatus(records.status());
  bool verified = !engine::audit::VerifyChain(*records, version).has_value();
  json::array items;
  for (const auto& record : *records) items.emplace_back(RecordJson(record));
  return JsonResponse(
      200, json::object{{"dossier_id", id}, {"verified", verified}, {"records", std::move(items)}});
}

HttpResponse GetSummary(const ApiServices& s, const HttpRequest& request,
                        const db::UserRecord& user) {
  auto readable = engine::ReadableUnit(user.ToActor(), engine::UnitId());
  if (!readable.ok()) return HttpResponse::FromStatus(readable.status());
  auto read = ReadQuery(request, {{"campaign_id", true}});
  if (auto* problem = std::get_if<HttpResponse>(&read)) return std::move(*problem);
  const Query& query = std::get<Query>(read);
  auto it = query.find("campaign_id");
  if (it == query.end()) {
    return HttpResponse::Problem(400, "malformed_request", "campaign_id: required");
  }
  const std::string unit = readable->value();
  auto now = s.clock.Now();
  auto sql = s.db.Acquire();
  if (auto campaign =
          db::DossierStore(s.db.backend()).LoadCampaign(*sql, engine::CampaignId(it->second));
      !campaign.ok()) {
    return HttpResponse::FromStatus(campaign.status());
  }
  auto summary = db::DossierQuery(s.db.backend()).Summarise(*sql, it->second, unit, now);
  if (!summary.ok()) return HttpResponse::FromStatus(summary.status());
  auto counts = [](const std::map<std::string, std::int64_t>& m) {
    json::object o;
    for (const auto& [key, count] : m) o[key] = count;
    return o;
  };
  return JsonResponse(200, json::object{{"campaign_id", it->second},
                                        {"total", summary->total},
                                        {"overdue", summary->overdue},
                                        {"by_state", counts(summary->by_state)},
                                        {"by_award", counts(summary->by_award)},
                                        {"by_unit", counts(summary->by_unit)}});
}

}  // namespace

void AddApiRoutes(Router& router, const ApiServices& s) {
  struct Route {
    const char* method;
    const char* pattern;
    ApiHandler handler;
    bool takes_query = false;  // reads its query itself (ReadQuery); the others take none
  };
  static constexpr Route kRoutes[] = {
      {"GET", "/api/v1/me", Me},
      {"GET", "/api/v1/clock", Clock},
      {"GET", "/api/v1/campaigns", ListCampaigns},
      {"POST", "/api/v1/campaigns", CreateCampaign},
      {"GET", "/api/v1/units", ListUnits},
      {"GET", "/api/v1/rule-packs", ListRulePacks},
      {"GET", "/api/v1/dossiers", ListDossiers, true},
      {"POST", "/api/v1/dossiers", CreateDossier},
      {"GET", "/api/v1/dossiers/{id}", GetDossier},
      {"POST", "/api/v1/dossiers/{id}/events", PostEvent},
      {"GET", "/api/v1/dossiers/{id}/documents", ListDocuments},
      {"POST", "/api/v1/dossiers/{id}/documents", PostDocument},
      {"GET", "/api/v1/dossiers/{id}/audit", GetAudit},
      {"GET", "/api/v1/council-sessions", ListSessions, true},
      {"POST", "/api/v1/council-sessions", PostSession},
      {"GET", "/api/v1/summary", GetSummary, true},
  };
  for (const Route& route : kRoutes) {
    router.Add(route.method, route.pattern, Authenticated(s, route.handler, route.takes_query));
  }
  AddAdminRoutes(router, s);
  AddRoundRoutes(router, s);
  AddReportRoutes(router, s);
  AddPublicRoutes(router, s);
  AddDocumentRoutes(router, s);
  AddImportRoutes(router, s);
  AddNomineeRoutes(router, s);
}

}  // namespace tdkt::adapters::http
