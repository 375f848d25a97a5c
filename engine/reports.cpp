#include "engine/reports.hpp"

#include <algorithm>

namespace tdkt::engine::reports {
namespace {

std::string KindLabel(NomineeKind kind) {
  switch (kind) {
    case NomineeKind::kIndividual: return "Cá nhân";
    case NomineeKind::kCollective: return "Tập thể";
    case NomineeKind::kHousehold: return "Hộ gia đình";
  }
  return "";
}

double Share(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

struct Counts {
  std::int64_t proposed = 0;
  std::int64_t awarded = 0;
  std::int64_t individual = 0;
  std::int64_t collective = 0;
  std::int64_t household = 0;
  std::int64_t direct_worker = 0;  // awarded individuals and households who work and produce
  std::int64_t women = 0;          // awarded individuals who are women

  void Add(const DossierSnapshot& d) {
    if (CountsAsProposed(d)) ++proposed;
    if (!CountsAsAwarded(d)) return;
    ++awarded;
    switch (d.nominee.kind) {
      case NomineeKind::kIndividual: ++individual; break;
      case NomineeKind::kCollective: ++collective; break;
      case NomineeKind::kHousehold: ++household; break;
    }
    if (d.nominee.direct_worker && d.nominee.kind != NomineeKind::kCollective) ++direct_worker;
    if (d.nominee.kind == NomineeKind::kIndividual && d.nominee.female) ++women;
  }
};

std::string Subtitle(const Campaign& campaign, const std::string& unit) {
  std::string text = campaign.name;
  if (!campaign.plan_number.empty()) text += " (Kế hoạch số " + campaign.plan_number + ")";
  if (!unit.empty()) text += " — Đơn vị: " + unit;
  return text;
}

}  // namespace

bool CountsAsProposed(const DossierSnapshot& d) {
  switch (d.state) {
    case State::kDraft:
    case State::kUnitReview:
    case State::kWithdrawn:
    case State::kExpired: return false;
    case State::kRejected: return d.rejected_at != State::kUnitReview;
    default: return true;
  }
}

bool CountsAsAwarded(const DossierSnapshot& d) { return d.state == State::kApproved; }

Report StructureReport(const Campaign& campaign, const std::vector<DossierFact>& facts,
                       const std::map<AwardId, std::string>& award_names, const std::string& unit) {
  Report report;
  report.title = "SỐ LƯỢNG, CƠ CẤU KHEN THƯỞNG";
  report.subtitle = Subtitle(campaign, unit);

  // By award, in the campaign's order, against its quotas.
  Table by_award;
  by_award.name = "Hình thức";
  by_award.title = "Số lượng theo hình thức khen thưởng và đối tượng";
  by_award.columns = {{"Hình thức khen thưởng", CellKind::kText},
                      {"Đề nghị", CellKind::kCount},
                      {"Được khen thưởng", CellKind::kCount},
                      {"Cá nhân", CellKind::kCount},
                      {"Tập thể", CellKind::kCount},
                      {"Hộ gia đình", CellKind::kCount},
                      {"Chỉ tiêu", CellKind::kCount},
                      {"Còn lại theo chỉ tiêu", CellKind::kCount}};
  std::map<AwardId, Counts> per_award;
  std::map<std::string, Counts> per_unit;
  Counts all;
  for (const DossierFact& fact : facts) {
    per_award[fact.dossier.award].Add(fact.dossier);
    per_unit[fact.unit_name].Add(fact.dossier);
    all.Add(fact.dossier);
  }
  std::vector<AwardId> awards = campaign.allowed_awards;
  for (const auto& [award, counts] : per_award) {
    if (std::find(awards.begin(), awards.end(), award) == awards.end()) awards.push_back(award);
  }
  for (const AwardId& award : awards) {
    const Counts& c = per_award[award];
    auto name = award_names.find(award);
    std::vector<Cell> row = {name != award_names.end() ? name->second : award.value(),
                             c.proposed,
                             c.awarded,
                             c.individual,
                             c.collective,
                             c.household};
    auto quota = campaign.quotas.find(award);
    if (quota != campaign.quotas.end()) {
      row.emplace_back(static_cast<std::int64_t>(quota->second));
      row.emplace_back(std::max<std::int64_t>(0, quota->second - c.awarded));
    } else {
      row.emplace_back(std::monostate{});
      row.emplace_back(std::monostate{});
    }
    by_award.rows.push_back(std::move(row));
  }
  by_award.total = std::vector<Cell>{std::string("Tổng cộng"), all.proposed,    all.awarded,
                                     all.individual,           all.collective,  all.household,
                                     std::monostate{},         std::monostate{}};
  report.tables.push_back(std::move(by_award));

  // The shares the reference plan asks to favour (Kế hoạch, mục II): among those awarded.
  Table shares;
  shares.name = "Cơ cấu";
  shares.title = "Cơ cấu khen thưởng (trên tổng số được khen thưởng)";
  shares.columns = {{"Đối tượng", CellKind::kText},
                    {"Số lượng", CellKind::kCount},
                    {"Tỷ lệ", CellKind::kPercent}};
  shares.rows = {
      {std::string("Người trực tiếp lao động, sản xuất (cá nhân, hộ)"), all.direct_worker,
       Share(all.direct_worker, all.awarded)},
      {std::string("Hộ gia đình"), all.household, Share(all.household, all.awarded)},
      {std::string("Tập thể"), all.collective, Share(all.collective, all.awarded)},
      {std::string("Cá nhân"), all.individual, Share(all.individual, all.awarded)},
      {std::string("Trong đó nữ (trên số cá nhân)"), all.women, Share(all.women, all.individual)},
  };
  shares.total = std::vector<Cell>{std::string("Tổng số được khen thưởng"), all.awarded, 1.0};
  report.tables.push_back(std::move(shares));

  Table by_unit;
  by_unit.name = "Đơn vị";
  by_unit.title = "Theo đơn vị đề nghị";
  by_unit.columns = {{"Đơn vị", CellKind::kText},
                     {"Đề nghị", CellKind::kCount},
                     {"Được khen thưởng", CellKind::kCount},
                     {"Cá nhân", CellKind::kCount},
                     {"Tập thể", CellKind::kCount},
                     {"Hộ gia đình", CellKind::kCount},
                     {"Nữ", CellKind::kCount}};
  for (const auto& [name, c] : per_unit) {
    by_unit.rows.push_back(
        {name, c.proposed, c.awarded, c.individual, c.collective, c.household, c.women});
  }
  by_unit.total =
      std::vector<Cell>{std::string("Tổng cộng"), all.proposed,  all.awarded, all.individual,
                        all.collective,           all.household, all.women};
  report.tables.push_back(std::move(by_unit));
  return report;
}

Report ResultsReport(const Campaign& campaign, const std::vector<DossierFact>& facts,
                     const std::string& unit) {
  Report report;
  report.title = "KẾT QUẢ KHEN THƯỞNG";
  report.subtitle = Subtitle(campaign, unit);
  Table table;
  table.name = "Kết quả";
  table.title = "Danh sách tập thể, cá nhân, hộ gia đình được khen thưởng";
  table.columns = {{"STT", CellKind::kCount},
                   {"Họ tên / tên tập thể, hộ", CellKind::kText},
                   {"Đối tượng", CellKind::kText},
                   {"Đơn vị", CellKind::kText},
                   {"Hình thức khen thưởng", CellKind::kText},
                   {"Số quyết định", CellKind::kText},
                   {"Ngày quyết định", CellKind::kDate},
                   {"Cấp quyết định", CellKind::kText},
                   {"Số sổ vàng", CellKind::kCount},
                   {"Tiền thưởng (đồng)", CellKind::kMoney}};
  std::vector<const DossierFact*> awarded;
  for (const DossierFact& fact : facts) {
    if (CountsAsAwarded(fact.dossier)) awarded.push_back(&fact);
  }
  // In the order of the register of honours, then the higher level's decisions.
  std::sort(awarded.begin(), awarded.end(), [](const DossierFact* a, const DossierFact* b) {
    const auto ka = a->dossier.register_number.value_or(INT64_MAX);
    const auto kb = b->dossier.register_number.value_or(INT64_MAX);
    if (ka != kb) return ka < kb;
    return a->dossier.id < b->dossier.id;
  });
  std::int64_t total = 0;
  std::int64_t n = 0;
  for (const DossierFact* fact : awarded) {
    const DossierSnapshot& d = fact->dossier;
    std::vector<Cell> row = {++n,
                             d.nominee.name,
                             KindLabel(d.nominee.kind),
                             fact->unit_name,
                             fact->award_name,
                             fact->decision_number};
    row.emplace_back(fact->decided_on ? Cell(*fact->decided_on) : Cell(std::monostate{}));
    row.emplace_back(std::string(fact->decided_by_commune ? "Xã" : "Cấp trên"));
    row.emplace_back(d.register_number ? Cell(*d.register_number) : Cell(std::monostate{}));
    row.emplace_back(d.prize_vnd ? Cell(*d.prize_vnd) : Cell(std::monostate{}));
    total += d.prize_vnd.value_or(0);
    table.rows.push_back(std::move(row));
  }
  table.total = std::vector<Cell>{
      std::monostate{}, std::string("Tổng cộng: " + std::to_string(n) + " được khen thưởng"),
      std::monostate{}, std::monostate{},
      std::monostate{}, std::monostate{},
      std::monostate{}, std::monostate{},
      std::monostate{}, total};
  report.tables.push_back(std::move(table));
  return report;
}

}  // namespace tdkt::engine::reports
