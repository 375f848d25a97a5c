#include "adapters/db/import_service.hpp"

#include <soci/soci.h>

#include <boost/json.hpp>
#include <optional>

#include "adapters/db/dossier_store.hpp"
#include "adapters/db/idempotency_store.hpp"
#include "adapters/db/transaction.hpp"
#include "engine/audit/sha256.hpp"

namespace tdkt::adapters::db {

using engine::Result;
using engine::Status;

namespace {

// The facts of one row that only the store knows: the nominee's open or approved dossier in the
// campaign. A nominee is known by their id; a row names no id, so only a nominee the register
// matches has one.
Result<engine::ImportRowFacts> RowFacts(soci::session& sql, const DossierStore& dossiers,
                                        const engine::CampaignId& campaign,
                                        const engine::ImportedRow& row) {
  engine::ImportRowFacts facts;
  engine::DossierSnapshot probe;
  probe.campaign = campaign;
  probe.nominee.kind = row.nominee.kind;
  probe.nominee.name = row.nominee.name;
  // Without a register the nominee has no identity yet, and NomineeOtherDossier finds nothing.
  auto other = dossiers.NomineeOtherDossier(sql, probe);
  if (!other.ok()) return other.status();
  facts.other_dossier = *other;
  return facts;
}

std::string OutcomeJson(const std::vector<std::pair<int, std::string>>& created) {
  boost::json::array items;
  for (const auto& [row, id] : created)
    items.push_back(boost::json::object{{"row", row}, {"id", id}});
  return boost::json::serialize(boost::json::object{{"dossiers", std::move(items)}});
}

}  // namespace

Result<ImportOutcome> ImportService::Import(const ImportRequest& request,
                                            const engine::Actor& actor,
                                            engine::Timestamp now) const {
  const ApplyStep step = apply_.Step();
  // The same bytes for the same campaign and unit are the same list, whoever sends them.
  const std::string request_id = "import:" + request.file_sha256.substr(0, 32);
  const std::string body =
      boost::json::serialize(boost::json::object{{"kind", "import"},
                                                 {"campaign", request.campaign.value()},
                                                 {"unit", request.unit.value()},
                                                 {"sha256", request.file_sha256}});
  std::optional<ImportOutcome> result;
  Status status = RunInTransaction(db_, [&](soci::session& sql) -> Status {
    result.reset();
    DossierStore dossiers(step.backend);
    IdempotencyStore idempotency;
    auto seen = idempotency.Lookup(
        sql, request_id + ":" + request.campaign.value() + ":" + request.unit.value(), body);
    if (!seen.ok()) return seen.status();
    if (seen->has_value()) {
      ImportOutcome replay;
      replay.replayed = true;
      boost::json::value stored;
      try {
        stored = boost::json::parse(**seen);
        for (const auto& item : stored.at("dossiers").as_array()) {
          auto row = dossiers.Load(sql, engine::DossierId(std::string(item.at("id").as_string())));
          if (!row.ok()) return row.status();
          replay.created.push_back({static_cast<int>(item.at("row").as_int64()), std::move(*row)});
        }
      } catch (const std::exception& e) {
        return Status::Unavailable(std::string("the stored outcome of an import is unreadable: ") +
                                   e.what());
      }
      result.emplace(std::move(replay));
      return Status::Ok();
    }
    auto campaign = dossiers.LoadCampaign(sql, request.campaign);
    if (!campaign.ok()) return campaign.status();
    auto unit = dossiers.UnitExists(sql, request.unit);
    if (!unit.ok()) return unit.status();
    if (!*unit) return Status::InvalidArgument("unit_id: no unit '" + request.unit.value() + "'");
    auto pack = step.packs.InForce(step.calendar.LocalDate(now));
    if (!pack.ok()) {
      return Status::Unavailable("no rule pack is in force today: " + pack.status().message());
    }
    const engine::ImportReading reading =
        engine::ReadNominationSheet(request.sheet, *campaign, **pack, step.calendar.LocalDate(now));
    engine::ImportFacts facts;
    auto retired = dossiers.UnitRetired(sql, request.unit);
    if (!retired.ok()) return retired.status();
    facts.unit_retired = *retired;
    for (const engine::ImportedRow& row : reading.rows) {
      auto row_facts = RowFacts(sql, dossiers, request.campaign, row);
      if (!row_facts.ok()) return row_facts.status();
      facts.rows.push_back(*row_facts);
    }
    auto plan = engine::DecideImport(reading, actor, request.unit, *campaign, facts);
    if (!plan.ok()) return plan.status();
    ImportOutcome outcome;
    if (!plan->problems.empty()) {
      outcome.problems = std::move(plan->problems);
      result.emplace(std::move(outcome));
      return Status::Ok();  // nothing written
    }
    std::vector<std::pair<int, std::string>> created;
    for (std::size_t i = 0; i < plan->drafts.size(); ++i) {
      engine::NewDraft draft = plan->drafts[i];
      const int row = reading.rows[i].row;
      // An id of the list and the row: the same row of the same list is the same dossier.
      draft.id = engine::DossierId(
          "hs-" + engine::audit::Sha256Hex(request.campaign.value() + "|" + request.unit.value() +
                                           "|" + request.file_sha256 + "|" + std::to_string(row))
                      .substr(0, 16));
      auto made = CreateDraftIn(sql, step, draft, actor,
                                request_id.substr(0, 7 + 16) + ":" + std::to_string(row), now);
      if (!made.ok()) {
        return Status(made.status().code(),
                      "row " + std::to_string(row) + ": " + made.status().message());
      }
      created.emplace_back(row, made->row.snapshot.id.value());
      outcome.created.push_back({row, std::move(made->row)});
    }
    if (Status s = idempotency.Record(
            sql, request_id + ":" + request.campaign.value() + ":" + request.unit.value(), body,
            OutcomeJson(created), now);
        !s.ok()) {
      return s;
    }
    result.emplace(std::move(outcome));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return std::move(*result);
}

}  // namespace tdkt::adapters::db
