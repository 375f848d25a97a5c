#pragma once
// The service's own endpoints: GET /healthz and GET /api/v1/version.

#include "adapters/db/database.hpp"
#include "adapters/http/http_types.hpp"

namespace tdkt::adapters::http {

// /healthz answers 200 {"status":"ok","database":"sqlite","schema_version":N,"version":"…"}
// when the database answers, 503 otherwise. `db` must outlive the router.
void AddHealthRoutes(Router& router, db::Database& db);

}  // namespace tdkt::adapters::http
