#include "adapters/report/report_source.hpp"

#include <soci/soci.h>

#include <boost/json.hpp>
#include <map>

#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_query.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/sql_error.hpp"
#include "engine/authorization.hpp"
#include "engine/codec/round_json.hpp"

namespace tdkt::adapters::report {

using engine::Result;
using engine::Status;

std::optional<ReportKind> ParseReportKind(std::string_view name) {
  if (name == "structure") return ReportKind::kStructure;
  if (name == "results") return ReportKind::kResults;
  return std::nullopt;
}

std::string_view ReportFileStem(ReportKind kind) {
  return kind == ReportKind::kStructure ? "co-cau-khen-thuong" : "ket-qua-khen-thuong";
}

std::string_view ReportTitle(ReportKind kind) {
  return kind == ReportKind::kStructure ? "Cơ cấu khen thưởng" : "Kết quả khen thưởng";
}

namespace {

struct Awarded {
  std::string number;
  std::optional<std::chrono::sys_days> on;
  bool by_commune = false;
};

// Who decided each dossier of the campaign's signed decisions and answered tờ trình.
Result<std::map<engine::DossierId, Awarded>> Decisions(soci::session& sql,
                                                       const std::string& campaign) {
  std::map<engine::DossierId, Awarded> decided;
  try {
    std::string c = campaign;
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT data FROM rounds WHERE campaign_id = :c AND status = 'signed'",
         soci::use(c));
    for (const std::string& data : rows) {
      boost::system::error_code ec;
      auto value = boost::json::parse(data, ec);
      if (ec) return Status::Unavailable("a stored decision is not JSON");
      auto round = engine::codec::ParseRound(value);
      if (!round.ok()) return Status::Unavailable("a stored decision: " + round.status().message());
      for (const engine::RoundLine& line : round->lines) {
        if (round->kind == engine::RoundKind::kDecision) {
          decided[line.dossier] = Awarded{round->number, round->signed_on, true};
        } else if (line.answer && line.answer->approved) {
          decided[line.dossier] =
              Awarded{line.answer->decision_number, line.answer->decided_on, false};
        }
      }
    }
  } catch (const soci::soci_error& e) {
    return db::StatusFromSqlError(e, "read the decisions of campaign " + campaign);
  }
  return decided;
}

}  // namespace

Result<engine::reports::Report> BuildReport(db::Database& db, const engine::RulePackRegistry& packs,
                                            ReportKind kind, const engine::CampaignId& campaign,
                                            const engine::Actor& actor) {
  if (Status s = engine::AuthorizeReadDossiers(actor); !s.ok()) return s;
  auto readable = engine::ReadableUnit(actor, engine::UnitId(""));
  if (!readable.ok()) return readable.status();
  auto sql = db.Acquire();
  auto loaded = db::DossierStore(db.backend()).LoadCampaign(*sql, campaign);
  if (!loaded.ok()) return loaded.status();
  auto units = db::DirectoryStore(db.backend()).ListUnits(*sql);
  if (!units.ok()) return units.status();
  std::map<std::string, std::string> unit_names;
  for (const auto& unit : *units) unit_names[unit.id] = unit.name;
  auto decided = Decisions(*sql, campaign.value());
  if (!decided.ok()) return decided.status();

  std::vector<engine::reports::DossierFact> facts;
  std::map<engine::AwardId, std::string> award_names;
  db::DossierFilter filter;
  filter.campaign = campaign.value();
  filter.unit = readable->value();
  filter.limit = 200;
  db::DossierQuery query(db.backend());
  while (true) {
    auto page = query.List(*sql, filter);
    if (!page.ok()) return page.status();
    for (const db::DossierRow& row : page->rows) {
      engine::reports::DossierFact fact;
      fact.dossier = row.snapshot;
      auto unit = unit_names.find(row.snapshot.unit.value());
      fact.unit_name = unit != unit_names.end() ? unit->second : row.snapshot.unit.value();
      auto pack = row.snapshot.rule_pack.empty() ? Result<const engine::RulePack*>(nullptr)
                                                 : packs.Find(row.snapshot.rule_pack);
      const engine::AwardRule* award =
          pack.ok() && *pack != nullptr ? (*pack)->FindAward(row.snapshot.award) : nullptr;
      if (award == nullptr) {
        // A draft has no pack yet: the pack in force names the award.
        for (const engine::RulePack& any : packs.packs()) {
          if (const auto* a = any.FindAward(row.snapshot.award)) award = a;
        }
      }
      fact.award_name = award != nullptr ? award->name : row.snapshot.award.value();
      award_names[row.snapshot.award] = fact.award_name;
      auto found = decided->find(row.snapshot.id);
      if (found != decided->end()) {
        fact.decision_number = found->second.number;
        fact.decided_on = found->second.on;
        fact.decided_by_commune = found->second.by_commune;
      } else if (!row.decision_number.empty()) {  // an approval made before decisions listed
        fact.decision_number = row.decision_number;
        fact.decided_by_commune = true;
      } else {
        fact.decision_number = row.snapshot.higher_decision_number;
      }
      facts.push_back(std::move(fact));
    }
    if (!page->cursor) break;
    filter.after = *page->cursor;
  }
  // The campaign's awards by name, as the pack in force names them.
  for (const engine::AwardId& id : loaded->allowed_awards) {
    if (award_names.contains(id)) continue;
    for (const engine::RulePack& pack : packs.packs()) {
      if (const auto* a = pack.FindAward(id)) award_names[id] = a->name;
    }
  }
  std::string unit_label;
  if (!readable->empty()) {
    auto name = unit_names.find(readable->value());
    unit_label = name != unit_names.end() ? name->second : readable->value();
  }
  return kind == ReportKind::kStructure
             ? engine::reports::StructureReport(*loaded, facts, award_names, unit_label)
             : engine::reports::ResultsReport(*loaded, facts, unit_label);
}

}  // namespace tdkt::adapters::report
