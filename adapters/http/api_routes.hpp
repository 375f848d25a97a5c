#pragma once
// The HTTP API v1 (docs/openapi.yaml): campaigns, units, rule packs, dossiers and their events,
// documents and audit trail, council sessions, a campaign summary, and /metrics.
//
// Every /api/v1 route but /version needs a bearer token (users.token_sha256); roles and unit
// scope follow DOMAIN.md: unit-scoped roles see and act on their own unit's dossiers only, the
// auditor and council members read, the admin manages configuration and does not read dossiers.
// Events go through ApplyService, whose refusals keep their reason (409/403/422 problem+json).
//
// The handlers are safe to run on several server threads at once. They never hold a database
// session while calling ApplyService (SQLite's pool has one connection).

#include "adapters/http/http_types.hpp"
#include "adapters/http/metrics.hpp"
#include "engine/administrative_units.hpp"
#include "engine/calendar/working_calendar.hpp"
#include "engine/ports/clock.hpp"
#include "engine/rule_pack.hpp"

namespace tdkt::adapters::db {
class ApplyService;
class Database;
class RoundService;
}  // namespace tdkt::adapters::db

namespace tdkt::adapters::http {

struct ApiServices {
  db::Database& db;
  db::ApplyService& apply;
  db::RoundService& rounds;
  const engine::RulePackRegistry& packs;
  const engine::calendar::WorkingCalendar& calendar;
  const engine::Clock& clock;
  Metrics& metrics;
  bool demo_clock = false;  // reported by GET /api/v1/clock
  int max_json_depth = 32;  // deeper request bodies are 400
  // The install's communes with their dates (config/administration.yaml), loaded once at start:
  // a document names the issuing body in force on its date. Null: one commune, the settings'.
  const engine::AdministrativeMap* administration = nullptr;
};

// The nominee register (adapters/http/nominee_routes.cpp): register, search, read, history.
// AddApiRoutes adds them.
void AddNomineeRoutes(Router& router, const ApiServices& services);

// Adds the routes; `services` and what it refers to must outlive the router.
void AddApiRoutes(Router& router, const ApiServices& services);

// Decisions and submissions (adapters/http/round_routes.cpp): list, draft, add and remove
// dossiers, sign, the higher level's answer. AddApiRoutes adds them.
void AddRoundRoutes(Router& router, const ApiServices& services);

// A campaign's reports as XLSX or CSV (adapters/http/report_routes.cpp). AddApiRoutes adds them.
void AddReportRoutes(Router& router, const ApiServices& services);

// With no token: the awardees of every signed decision (adapters/http/public_routes.cpp).
// AddApiRoutes adds them.
void AddPublicRoutes(Router& router, const ApiServices& services);

// The office's documents as downloads (adapters/http/document_routes.cpp): a decision's or
// submission's document and a council session's nomination list, as DOCX or PDF. AddApiRoutes
// adds them.
void AddDocumentRoutes(Router& router, const ApiServices& services);

// A unit's nomination list imported from XLSX or CSV, and its template (adapters/http/
// import_routes.cpp). AddApiRoutes adds them.
void AddImportRoutes(Router& router, const ApiServices& services);

// The admin's routes (adapters/http/admin_routes.cpp): units, users, tokens, the commune's
// settings; each change recorded in the administrative stream. AddApiRoutes adds them.
void AddAdminRoutes(Router& router, const ApiServices& services);

// GET /metrics: the counters of `metrics` and gauges read from the database (timers due and
// pending, outbox rows by status).
void AddMetricsRoute(Router& router, Metrics& metrics, db::Database& db,
                     const engine::Clock& clock);

}  // namespace tdkt::adapters::http
