#include "adapters/db/import_service.hpp"

#include <soci/soci.h>

#include <boost/json.hpp>
#include <optional>

#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/idempotency_store.hpp"
#include "adapters/db/nominee_store.hpp"
#include "adapters/db/transaction.hpp"
#include "engine/audit/sha256.hpp"
#include "engine/authorization.hpp"
#include "engine/nominees.hpp"

namespace tdkt::adapters::db {

using engine::Result;
using engine::Status;

namespace {

// The village a household's «Thôn» names: a village of the commune (a unit of kind "village" that
// takes drafts), by its id, its name, or its name without the word "Thôn"; the names compared as
// the register compares names (engine::NameKey).
std::optional<engine::UnitId> FindVillage(const std::vector<UnitRecord>& villages,
                                          const std::string& text) {
  const std::string key = engine::NameKey(text);
  for (const UnitRecord& unit : villages) {
    const std::string name = engine::NameKey(unit.name);
    if (unit.id == text || name == key || name == engine::NameKey("Thôn " + text)) {
      return engine::UnitId(unit.id);
    }
  }
  return std::nullopt;
}

// The row's nominee as the register takes it: an individual or a collective of the importing unit,
// a household of its village.
engine::RegisteredNominee ToRegister(const engine::ImportedNominee& n, const engine::UnitId& unit,
                                     const std::optional<engine::UnitId>& village) {
  engine::RegisteredNominee r;
  r.kind = n.kind;
  r.name = n.name;
  r.unit = unit;
  r.direct_worker = n.direct_worker;
  switch (n.kind) {
    case engine::NomineeKind::kIndividual:
      if (n.female) r.gender = *n.female ? engine::Gender::kFemale : engine::Gender::kMale;
      r.date_of_birth = n.birth_date;
      r.position = n.position;
      if (!n.identity_number.empty()) r.citizen_id = n.identity_number;
      break;
    case engine::NomineeKind::kCollective:
      r.direct_worker = false;
      r.collective_kind = engine::ParseCollectiveKind(n.collective_kind);
      break;
    case engine::NomineeKind::kHousehold:
      if (village) r.unit = *village;
      break;
  }
  return r;
}

// The facts of one row only the store knows: the registered nominee it names (found by the
// register's duplicate rule, or registered now, in the import's transaction), and that nominee's
// open or approved dossier in the campaign. A refusal of the register for this row is a fact of
// the row (the core lists it with the others); Conflict and Unavailable end the transaction.
Result<engine::ImportRowFacts> RowFacts(soci::session& sql, Backend backend,
                                        const engine::CampaignId& campaign,
                                        const engine::UnitId& unit,
                                        const std::vector<UnitRecord>& villages,
                                        const engine::ImportedRow& row, const engine::Actor& actor,
                                        engine::Timestamp now) {
  engine::ImportRowFacts facts;
  std::optional<engine::UnitId> village;
  if (row.nominee.kind == engine::NomineeKind::kHousehold) {
    village = FindVillage(villages, row.nominee.village);
    facts.village_known = village.has_value();
    if (!village) return facts;
  }
  auto registered =
      NomineeStore(backend).Register(sql, ToRegister(row.nominee, unit, village), actor, now);
  if (!registered.ok()) {
    switch (registered.status().code()) {
      case engine::StatusCode::kForbidden:
        facts.registration_refused =
            "chỉ cán bộ của đơn vị «" + (village ? village->value() : unit.value()) +
            "» hoặc Thường trực Hội đồng TĐKT đăng ký đối tượng của đơn vị đó";
        return facts;
      case engine::StatusCode::kInvalidArgument:
        facts.registration_refused = registered.status().message();
        return facts;
      default: return registered.status();
    }
  }
  facts.nominee = registered->nominee.id;
  engine::DossierSnapshot probe;
  probe.campaign = campaign;
  probe.nominee = engine::DossierNomineeOf(registered->nominee);
  auto other = DossierStore(backend).NomineeOtherDossier(sql, probe);
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
    // Who may import is the core's rule (DecideImport says it again): asked first, so that nobody
    // else's list registers anyone, even in a transaction rolled back.
    if (Status allowed = engine::AuthorizeCreate(actor, request.unit); !allowed.ok()) {
      return allowed;
    }
    engine::ImportFacts facts;
    auto retired = dossiers.UnitRetired(sql, request.unit);
    if (!retired.ok()) return retired.status();
    facts.unit_retired = *retired;
    auto units = DirectoryStore(step.backend).ListUnits(sql);
    if (!units.ok()) return units.status();
    std::vector<UnitRecord> villages;
    for (const UnitRecord& u : *units) {
      if (u.kind == "village" && !u.retired) {
        villages.push_back(u);
        facts.villages.push_back(u.name);
      }
    }
    for (const engine::ImportedRow& row : reading.rows) {
      auto row_facts =
          RowFacts(sql, step.backend, request.campaign, request.unit, villages, row, actor, now);
      if (!row_facts.ok()) return row_facts.status();
      facts.rows.push_back(*row_facts);
    }
    auto plan = engine::DecideImport(reading, actor, request.unit, *campaign, facts);
    if (!plan.ok()) return plan.status();
    ImportOutcome outcome;
    if (!plan->problems.empty()) {
      outcome.problems = std::move(plan->problems);
      result.emplace(std::move(outcome));
      // Rolls back the nominees registered for the rows above: a refused list leaves nothing.
      return Status::InvalidArgument("the list was refused");
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
      // The audit log's request ids are unique: the same file may be a list of another unit or
      // campaign too.
      auto made = CreateDraftIn(sql, step, draft, actor,
                                request_id.substr(0, 7 + 16) + ":" + request.campaign.value() +
                                    ":" + request.unit.value() + ":" + std::to_string(row),
                                now, /*nominee_by_reference=*/true);
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
  if (result && !result->problems.empty()) return std::move(*result);
  if (!status.ok()) return status;
  return std::move(*result);
}

}  // namespace tdkt::adapters::db
