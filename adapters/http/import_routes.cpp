// A unit's nomination list as a file (issue "Import of a unit's list"):
//   POST /api/v1/campaigns/{id}/imports?unit_id=U   the file as the body, its Content-Type saying
//        XLSX or CSV; 201 with the drafts created, 200 for the same list again (replayed), 422 with
//        every problem by row and column (nothing created), 413 past http.max_body_bytes
//   GET  /api/v1/campaigns/{id}/imports/template?format=xlsx|csv   the template to fill in
#include <string>

#include "adapters/db/apply_service.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/import_service.hpp"
#include "adapters/http/api_routes.hpp"
#include "adapters/http/api_support.hpp"
#include "adapters/importing/table_readers.hpp"
#include "adapters/importing/template_writer.hpp"
#include "engine/audit/sha256.hpp"
#include "engine/authorization.hpp"

namespace tdkt::adapters::http {
namespace {

namespace json = boost::json;

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The media type without parameters, in lower case.
std::string MediaType(const HttpRequest& request) {
  std::string type = request.Header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return type;
}

// 422 listing `problems` as `errors`: each {row, column, header, message}.
HttpResponse ProblemList(std::string_view code, const std::string& detail,
                         const std::vector<engine::ImportProblem>& problems) {
  HttpResponse response = HttpResponse::Problem(422, code, detail);
  json::value body = json::parse(response.body);
  json::array errors;
  for (const auto& p : problems) {
    errors.push_back(json::object{{"row", p.row},
                                  {"column", p.column},
                                  {"header", p.header},
                                  {"message", ValidUtf8(p.message)}});
  }
  body.as_object()["errors"] = std::move(errors);
  response.body = json::serialize(body);
  return response;
}

HttpResponse PostImport(const ApiServices& s, const HttpRequest& request,
                        const db::UserRecord& user) {
  auto read = ReadQuery(request, {{"unit_id", true}});
  if (auto* problem = std::get_if<HttpResponse>(&read)) return std::move(*problem);
  const Query& query = std::get<Query>(read);
  const engine::Actor actor = user.ToActor();
  // A unit's officer imports for their unit; the secretariat names the unit.
  engine::UnitId unit;
  if (auto it = query.find("unit_id"); it != query.end()) {
    unit = engine::UnitId(it->second);
  } else if (actor.unit) {
    unit = *actor.unit;
  } else {
    return HttpResponse::Problem(400, "malformed_request",
                                 "unit_id: required (the unit whose list this is)");
  }
  if (engine::Status allowed = engine::AuthorizeCreate(actor, unit); !allowed.ok()) {
    return HttpResponse::FromStatus(allowed);
  }
  const std::string type = MediaType(request);
  importing::TableFormat format;
  if (type == kXlsxType) {
    format = importing::TableFormat::kXlsx;
  } else if (type == "text/csv") {
    format = importing::TableFormat::kCsv;
  } else {
    return HttpResponse::Problem(415, "unsupported_media_type",
                                 std::string("Content-Type: expected ") + kXlsxType +
                                     " (XLSX) or text/csv, got \"" +
                                     request.Header("content-type") + "\"");
  }
  if (request.body.empty()) {
    return ProblemList("invalid_file", "Tệp trống.", {{0, "", "", "tệp trống: không có dữ liệu"}});
  }
  auto sheet = importing::ReadTable(request.body, format);
  if (!sheet.ok()) {
    return ProblemList("invalid_file", "Không đọc được tệp: " + sheet.status().message(),
                       {{0, "", "", sheet.status().message()}});
  }
  db::ImportRequest import{engine::CampaignId(request.path_params.at("id")), unit,
                           std::move(*sheet), engine::audit::Sha256Hex(request.body)};
  // Read before the write: once it has committed, the answer must not fail.
  auto successions = LoadSuccessions(s);
  if (!successions.ok()) return HttpResponse::FromStatus(successions.status());
  auto outcome = db::ImportService(s.db, s.apply).Import(import, actor, s.clock.Now());
  if (!outcome.ok()) return HttpResponse::FromStatus(outcome.status());
  if (!outcome->problems.empty()) {
    return ProblemList("import_rejected",
                       "Danh sách có " + std::to_string(outcome->problems.size()) +
                           " lỗi; không nhập dòng nào. Sửa tệp theo từng lỗi rồi gửi lại.",
                       outcome->problems);
  }
  json::array dossiers;
  for (const auto& created : outcome->created) {
    dossiers.push_back(json::object{
        {"row", created.row},
        {"dossier",
         DossierJson(created.dossier, s.calendar, s.packs, *successions, s.clock.Now(), nullptr)}});
  }
  return JsonResponse(outcome->replayed ? 200 : 201,
                      json::object{{"campaign_id", import.campaign.value()},
                                   {"unit_id", unit.value()},
                                   {"sha256", import.file_sha256},
                                   {"replayed", outcome->replayed},
                                   {"created", static_cast<std::int64_t>(dossiers.size())},
                                   {"dossiers", std::move(dossiers)}});
}

HttpResponse GetTemplate(const ApiServices& s, const HttpRequest& request, const db::UserRecord&) {
  auto read = ReadQuery(request, {{"format"}});
  if (auto* problem = std::get_if<HttpResponse>(&read)) return std::move(*problem);
  const Query& query = std::get<Query>(read);
  auto format = query.find("format");
  if (format == query.end() || (format->second != "xlsx" && format->second != "csv")) {
    return HttpResponse::Problem(400, "malformed_request", "format: required, xlsx or csv");
  }
  const std::string id = request.path_params.at("id");
  engine::Result<engine::Campaign> campaign = engine::Status::Unavailable("not loaded");
  {
    auto sql = s.db.Acquire();
    campaign = db::DossierStore(s.db.backend()).LoadCampaign(*sql, engine::CampaignId(id));
  }
  if (!campaign.ok()) return HttpResponse::FromStatus(campaign.status());
  const std::string stem = "mau-danh-sach-" + id;
  const std::string title = "Mẫu danh sách đề nghị khen thưởng - " + id;
  if (format->second == "csv") {
    return Download("text/csv; charset=utf-8", importing::TemplateCsv(), stem + ".csv",
                    title + ".csv");
  }
  auto pack = s.packs.InForce(s.calendar.LocalDate(s.clock.Now()));
  if (!pack.ok())
    return HttpResponse::FromStatus(engine::Status::Unavailable(pack.status().message()));
  auto xlsx = importing::TemplateXlsx(*campaign, **pack);
  if (!xlsx.ok()) return HttpResponse::FromStatus(xlsx.status());
  return Download(kXlsxType, std::move(*xlsx), stem + ".xlsx", title + ".xlsx");
}

}  // namespace

void AddImportRoutes(Router& router, const ApiServices& s) {
  router.Add("POST", "/api/v1/campaigns/{id}/imports", Authenticated(s, PostImport, true));
  router.Add("GET", "/api/v1/campaigns/{id}/imports/template", Authenticated(s, GetTemplate, true));
}

}  // namespace tdkt::adapters::http
