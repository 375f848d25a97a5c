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
  int due_count = 0;
  int pending_count = 0;
  *sql << "SELECT COALESCE(SUM(CASE WHEN due_at <= :now THEN 1 ELSE 0 END), 0), COUNT(*)"
          " FROM timers WHERE status = 'pending'",
      soci::into(due_count), soci::into(pending_count), soci::use(at);
  due.samples.emplace_back("", due_count);
  pending.samples.emplace_back("", pending_count);
  int outbox_pending = 0;
  int outbox_failed = 0;
  int outbox_sent = 0;
  *sql << "SELECT COUNT(CASE WHEN status = 'pending' THEN 1 END),"
          " COUNT(CASE WHEN status = 'failed' THEN 1 END),"
          " COUNT(CASE WHEN status = 'sent' THEN 1 END) FROM outbox",
      soci::into(outbox_pending), soci::into(outbox_failed), soci::into(outbox_sent);
  outbox.samples.emplace_back("status=\"pending\"", outbox_pending);
  outbox.samples.emplace_back("status=\"failed\"", outbox_failed);
  outbox.samples.emplace_back("status=\"sent\"", outbox_sent);
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
