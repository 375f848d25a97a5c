#pragma once
// The signed checkpoints of the event log, for anyone, without a token (docs/audit-format.md,
// "Signed checkpoints"): a checkpoint proves nothing about a dossier's content, only fixes the
// log, so that whoever keeps one can later check the commune's record against it.
//
//   GET /audit/checkpoints         text/plain: the latest checkpoints (at most 400, about a year
//                                  of daily ones), newest first, separated by an empty line
//   GET /audit/checkpoints/latest  text/plain: the latest one; 404 before the first
//
// Handlers are safe on several server threads. `db` must outlive the router.

#include "adapters/db/database.hpp"
#include "adapters/http/http_types.hpp"

namespace tdkt::adapters::http {

void AddCheckpointRoutes(Router& router, db::Database& db);

}  // namespace tdkt::adapters::http
