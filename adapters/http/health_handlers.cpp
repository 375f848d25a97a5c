#include "adapters/http/health_handlers.hpp"

#include <boost/json.hpp>

#include "adapters/db/migrations.hpp"
#include "engine/version.hpp"

namespace tdkt::adapters::http {

void AddHealthRoutes(Router& router, db::Database& db) {
  router.Add("GET", "/healthz", [&db](const HttpRequest&) {
    auto version = db::SchemaVersion(db);
    if (!version.ok()) return HttpResponse::FromStatus(version.status());
    boost::json::object body;
    body["status"] = "ok";
    body["database"] = db::BackendName(db.backend());
    body["schema_version"] = *version;
    body["version"] = engine::kVersion;
    return HttpResponse::Json(200, boost::json::serialize(body));
  });
  router.Add("GET", "/api/v1/version", [](const HttpRequest&) {
    boost::json::object body;
    body["name"] = "tdkt";
    body["version"] = engine::kVersion;
    body["schema_version"] = db::LatestSchemaVersion();
    return HttpResponse::Json(200, boost::json::serialize(body));
  });
}

}  // namespace tdkt::adapters::http
