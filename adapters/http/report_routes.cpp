// GET /api/v1/campaigns/{id}/reports/{kind}?format=xlsx|csv|json: a campaign's structure report or
// its results (adapters/report), as a download (or as JSON for the dashboard); a unit's own roles
// get their unit's rows only.
#include <string>

#include "adapters/http/api_routes.hpp"
#include "adapters/http/api_support.hpp"
#include "adapters/report/report_source.hpp"
#include "adapters/report/report_writers.hpp"

namespace tdkt::adapters::http {
namespace {

HttpResponse GetReport(const ApiServices& s, const HttpRequest& request,
                       const db::UserRecord& user) {
  auto read = ReadQuery(request, {{"format"}});
  if (auto* problem = std::get_if<HttpResponse>(&read)) return std::move(*problem);
  const Query& query = std::get<Query>(read);
  auto format = query.find("format");
  if (format == query.end() ||
      (format->second != "xlsx" && format->second != "csv" && format->second != "json")) {
    return HttpResponse::Problem(400, "malformed_request", "format: required, xlsx, csv or json");
  }
  const std::string kind_name = request.path_params.at("kind");
  auto kind = report::ParseReportKind(kind_name);
  if (!kind) {
    return HttpResponse::Problem(404, "not_found",
                                 "no report '" + kind_name + "' (structure or results)");
  }
  const std::string campaign = request.path_params.at("id");
  auto built =
      report::BuildReport(s.db, s.packs, *kind, engine::CampaignId(campaign), user.ToActor());
  if (!built.ok()) return HttpResponse::FromStatus(built.status());
  const std::string stem = std::string(report::ReportFileStem(*kind)) + "-" + campaign;
  const std::string title = std::string(report::ReportTitle(*kind)) + " - " + campaign;
  if (format->second == "json") return HttpResponse::Json(200, report::ToJson(*built));
  if (format->second == "csv") {
    return Download("text/csv; charset=utf-8", report::ToCsv(*built), stem + ".csv",
                    title + ".csv");
  }
  auto xlsx = report::ToXlsx(*built);
  if (!xlsx.ok()) return HttpResponse::FromStatus(xlsx.status());
  return Download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  std::move(*xlsx), stem + ".xlsx", title + ".xlsx");
}

}  // namespace

void AddReportRoutes(Router& router, const ApiServices& s) {
  router.Add("GET", "/api/v1/campaigns/{id}/reports/{kind}", Authenticated(s, GetReport, true));
}

}  // namespace tdkt::adapters::http
