// GET /metrics: the process's counters and gauges read from the database at each scrape.

#include <soci/soci.h>

#include "adapters/db/database.hpp"
#include "adapters/db/sql_error.hpp"
#include "adapters/http/api_routes.hpp"
#include "engine/audit/record.hpp"

namespace tdkt::adapters::http {

namespace {

// Gauges read at scrape time.
std::vector<Gauge> ReadGauges(db::Database& db, engine::Timestamp now) {
  std::string at = engine::audit::FormatTimestamp(now);
  Gauge due{"tdkt_timers_due", "Pending deadline timers whose time has come.", {}};
  Gauge pending{"tdkt_timers_pending", "Deadline timers not yet fired.", {}};
  Gauge outbox{"tdkt_outbox_messages", "Notifications in the outbox, by status.", {}};
  auto sql = db.Acquire();
  int count = 0;
  *sql << "SELECT COUNT(*) FROM timers WHERE status = 'pending' AND due_at <= :now",
      soci::into(count), soci::use(at);
  due.samples.emplace_back("", count);
  *sql << "SELECT COUNT(*) FROM timers WHERE status = 'pending'", soci::into(count);
  pending.samples.emplace_back("", count);
  for (const char* status : {"pending", "failed", "sent"}) {
    std::string key = status;
    *sql << "SELECT COUNT(*) FROM outbox WHERE status = :s", soci::into(count), soci::use(key);
    outbox.samples.emplace_back("status=\"" + key + "\"", count);
  }
  return {due, pending, outbox};
}

}  // namespace

void AddMetricsRoute(Router& router, Metrics& metrics, db::Database& db,
                     const engine::Clock& clock) {
  router.Add("GET", "/metrics", [&metrics, &db, &clock](const HttpRequest&) {
    std::vector<Gauge> gauges;
    try {
      gauges = ReadGauges(db, clock.Now());
    } catch (const soci::soci_error& e) {
      return HttpResponse::FromStatus(db::StatusFromSqlError(e, "read the metrics' gauges"));
    }
    return HttpResponse::Text(200, "text/plain; version=0.0.4; charset=utf-8",
                              metrics.Render(gauges));
  });
}

}  // namespace tdkt::adapters::http
