#include "adapters/http/checkpoint_routes.hpp"

#include "adapters/db/checkpoint_outbox.hpp"

namespace tdkt::adapters::http {
namespace {

constexpr int kListed = 400;
constexpr const char* kText = "text/plain; charset=utf-8";

}  // namespace

void AddCheckpointRoutes(Router& router, db::Database& db) {
  router.Add("GET", "/audit/checkpoints", [&db](const HttpRequest&) {
    auto sql = db.Acquire();
    auto documents = db::RecentCheckpoints(*sql, kListed);
    if (!documents.ok()) return HttpResponse::FromStatus(documents.status());
    std::string body;
    for (const auto& document : *documents) {
      if (!body.empty()) body += "\n";
      body += document;
    }
    return HttpResponse::Text(200, kText, std::move(body));
  });
  router.Add("GET", "/audit/checkpoints/latest", [&db](const HttpRequest&) {
    auto sql = db.Acquire();
    auto documents = db::RecentCheckpoints(*sql, 1);
    if (!documents.ok()) return HttpResponse::FromStatus(documents.status());
    if (documents->empty()) {
      return HttpResponse::Problem(404, "not_found", "no audit checkpoint has been taken yet");
    }
    return HttpResponse::Text(200, kText, std::move(documents->front()));
  });
}

}  // namespace tdkt::adapters::http
