// GET /public/awardees[?campaign_id=ID]: with no token, the awardees of every signed decision —
// name, unit, award, the decision's number and date, nothing more personal (engine::IsPublished;
// the reference plan, mục III.4, asks the commune to make its role models known). An HTML page
// the commune links from its portal or prints for its notice board; every value escaped.
#include <soci/soci.h>

#include <map>
#include <set>
#include <string>

#include "adapters/db/directory_store.hpp"
#include "adapters/db/round_service.hpp"
#include "adapters/db/sql_error.hpp"
#include "adapters/http/api_routes.hpp"
#include "adapters/http/api_support.hpp"
#include "engine/calendar/date_text.hpp"

namespace tdkt::adapters::http {
namespace {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string DayMonthYear(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd(day);
  char text[16];
  std::snprintf(text, sizeof text, "%02u/%02u/%04d", static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
  return text;
}

HttpResponse Awardees(const ApiServices& s, const HttpRequest& request) {
  auto read = ReadQuery(request, {{"campaign_id", true}});
  if (auto* problem = std::get_if<HttpResponse>(&read)) return std::move(*problem);
  const Query& query = std::get<Query>(read);
  auto campaign = query.find("campaign_id");
  auto rounds = s.rounds.List(engine::CampaignId(campaign == query.end() ? "" : campaign->second),
                              engine::RoundKind::kDecision);
  if (!rounds.ok()) return HttpResponse::FromStatus(rounds.status());
  std::map<std::string, std::string> units;
  std::set<std::string> approved;  // an award revoked since is not made known
  {
    auto sql = s.db.Acquire();
    auto listed = db::DirectoryStore(s.db.backend()).ListUnits(*sql);
    if (!listed.ok()) return HttpResponse::FromStatus(listed.status());
    for (const auto& unit : *listed) units[unit.id] = unit.name;
    try {
      soci::rowset<std::string> rows =
          (sql->prepare << "SELECT id FROM dossiers WHERE state = 'approved'");
      for (const std::string& id : rows) approved.insert(id);
    } catch (const soci::soci_error& e) {
      return HttpResponse::FromStatus(db::StatusFromSqlError(e, "read the approved dossiers"));
    }
  }
  std::string body =
      "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>Danh sách tập thể, cá nhân được khen thưởng</title>\n"
      "<link rel=\"stylesheet\" href=\"/public.css\">\n</head>\n<body>\n<main>\n"
      "<h1>Danh sách tập thể, cá nhân, hộ gia đình được khen thưởng</h1>\n";
  int decisions = 0;
  for (const auto& outcome : *rounds) {
    const engine::Round& round = outcome.round;
    std::string rows;
    int n = 0;
    for (const engine::RoundLine& line : round.lines) {
      // A dossier of a signed decision is approved, or its award was revoked since.
      const engine::State state = approved.contains(line.dossier.value()) ? engine::State::kApproved
                                                                          : engine::State::kRevoked;
      if (!engine::IsPublishedLine(round, state)) continue;
      auto unit = units.find(line.unit.value());
      rows += "<tr><td>" + std::to_string(++n) + "</td><td>" + Escape(line.nominee.name) +
              "</td><td>" + Escape(unit != units.end() ? unit->second : line.unit.value()) +
              "</td><td>" + Escape(line.award_name) + "</td></tr>\n";
    }
    if (n == 0) continue;
    ++decisions;
    body += "<section data-decision=\"" + Escape(round.number) + "\">\n<h2>Quyết định số " +
            Escape(round.number) + " ngày " +
            (round.signed_on ? DayMonthYear(*round.signed_on) : std::string()) + "</h2>\n<p>" +
            Escape(round.title) +
            "</p>\n<table>\n<thead><tr><th scope=\"col\">STT</th><th scope=\"col\">Họ tên / tên "
            "tập thể</th><th scope=\"col\">Đơn vị</th><th scope=\"col\">Hình thức khen "
            "thưởng</th></tr></thead>\n<tbody>\n" +
            rows + "</tbody>\n</table>\n</section>\n";
  }
  if (decisions == 0) body += "<p>Chưa có quyết định khen thưởng nào được ký.</p>\n";
  body += "</main>\n</body>\n</html>\n";
  return HttpResponse::Text(200, "text/html; charset=utf-8", std::move(body));
}

}  // namespace

void AddPublicRoutes(Router& router, const ApiServices& s) {
  router.Add("GET", "/public/awardees",
             [&s](const HttpRequest& request) { return Awardees(s, request); });
}

}  // namespace tdkt::adapters::http
