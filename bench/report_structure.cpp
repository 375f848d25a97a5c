// report_structure: how long a campaign's structure report (số lượng, cơ cấu khen thưởng) takes
// for a province-sized campaign, and how it grows with the number of dossiers.
//
//   report_structure DATABASE_URL SOURCE_DIR [SIZES...]      (default: 1000 10000 100000)
//
// For each size N it stores N dossiers of one campaign straight into the projection (the report
// reads the projection, not the log: states, awards, nominee kinds and units varied as a
// province's would be, a third of them approved with a prize and a số sổ vàng), then builds the
// structure report and the results report as a secretariat would ask for them, and writes each
// as XLSX. It prints, per size, the time to build and to write each. Use an empty database.

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/migrations.hpp"
#include "adapters/db/transaction.hpp"
#include "adapters/report/report_source.hpp"
#include "adapters/report/report_writers.hpp"
#include "engine/audit/record.hpp"

using namespace tdkt;
using namespace tdkt::engine;
using SteadyClock = std::chrono::steady_clock;

namespace {

int Fail(const std::string& message) {
  std::cerr << "report_structure: " << message << std::endl;
  return 1;
}

double Seconds(SteadyClock::time_point since) {
  return std::chrono::duration<double>(SteadyClock::now() - since).count();
}

constexpr int kUnits = 200;  // a province's communes' units, roughly
const char* kAwards[] = {"giay_khen_xa",           "lao_dong_tien_tien",         "gia_dinh_van_hoa",
                         "chien_si_thi_dua_co_so", "tap_the_lao_dong_tien_tien", "thon_van_hoa"};
const NomineeKind kKinds[] = {NomineeKind::kIndividual, NomineeKind::kIndividual,
                              NomineeKind::kHousehold,  NomineeKind::kIndividual,
                              NomineeKind::kCollective, NomineeKind::kCollective};
const State kStates[] = {State::kApproved,         State::kApproved, State::kAppraisal,
                         State::kChairmanDecision, State::kRejected, State::kCouncilReview};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Fail("usage: report_structure DATABASE_URL SOURCE_DIR [SIZES...]");
  const std::string source = argv[2];
  std::vector<int> sizes;
  for (int i = 3; i < argc; ++i) sizes.push_back(std::stoi(argv[i]));
  if (sizes.empty()) sizes = {1000, 10000, 100000};
  auto url = adapters::db::ParseDatabaseUrl(argv[1]);
  if (!url.ok()) return Fail(url.status().ToString());
  auto db = adapters::db::Database::Open(*url, 4);
  if (!db.ok()) return Fail(db.status().ToString());
  if (!adapters::db::Migrate(**db).ok()) return Fail("cannot migrate " + url->redacted);
  auto packs = adapters::config::LoadRulePackDirectory(source + "/config/rules");
  auto calendar = adapters::config::LoadWorkingCalendar(source + "/config/calendar");
  const Timestamp now = audit::ParseTimestamp("2025-08-20T01:00:00Z").value();
  const Actor secretariat{UserId("vptk"), Role::kSecretariat, std::nullopt};

  Status units = adapters::db::RunInTransaction(**db, [&](soci::session& sql) {
    adapters::db::DirectoryStore directory((*db)->backend());
    for (int u = 0; u < kUnits; ++u) {
      const std::string id = "u-" + std::to_string(u);
      if (Status s =
              directory.SaveUnit(sql, {id, "Đơn vị " + std::to_string(u), "village", {}, {}});
          !s.ok()) {
        return s;
      }
    }
    return Status::Ok();
  });
  if (!units.ok()) return Fail(units.ToString());

  std::printf("%s\n", url->redacted.c_str());
  std::printf("%9s %12s %12s %12s %12s\n", "dossiers", "structure", "xlsx", "results", "xlsx");
  for (int size : sizes) {
    Campaign campaign;
    campaign.id = CampaignId("tinh-" + std::to_string(size));
    campaign.name = "Phong trào cấp tỉnh";
    for (const char* award : kAwards) campaign.allowed_awards.emplace_back(award);
    campaign.nomination_cutoff = std::chrono::sys_days(std::chrono::year(2025) / 12 / 31);
    adapters::db::DossierStore store((*db)->backend());
    for (int from = 0; from < size; from += 5000) {
      Status stored = adapters::db::RunInTransaction(**db, [&](soci::session& sql) {
        if (from == 0) {
          if (Status s = store.SaveCampaign(sql, campaign, now); !s.ok()) return s;
        }
        for (int i = from; i < std::min(size, from + 5000); ++i) {
          adapters::db::DossierRow row;
          DossierSnapshot& d = row.snapshot;
          d.id = DossierId(campaign.id.value() + "-" + std::to_string(i));
          d.campaign = campaign.id;
          d.unit = UnitId("u-" + std::to_string(i % kUnits));
          d.award = AwardId(kAwards[i % 6]);
          d.nominee = Nominee{NomineeId(d.id.value()), kKinds[i % 6],
                              "Người được đề nghị " + std::to_string(i), i % 3 != 0, i % 2 == 0};
          d.rule_pack = RulePackId("thanh_hoa_2025");
          d.state = kStates[(i / 6) % 6];
          if (d.state == State::kRejected) d.rejected_at = State::kAppraisal;
          if (d.state == State::kApproved) {
            d.register_number = i + 1;
            d.prize_vnd = 710'000;
            row.decision_number = "01/QĐ-UBND";
          }
          row.version = 1;
          if (Status s = store.Insert(sql, row, now); !s.ok()) return s;
        }
        return Status::Ok();
      });
      if (!stored.ok()) return Fail(stored.ToString());
    }
    double times[4];
    int t = 0;
    for (auto kind :
         {adapters::report::ReportKind::kStructure, adapters::report::ReportKind::kResults}) {
      auto started = SteadyClock::now();
      auto report =
          adapters::report::BuildReport(**db, packs, calendar, kind, campaign.id, secretariat, now);
      times[t++] = Seconds(started);
      if (!report.ok()) return Fail(report.status().ToString());
      started = SteadyClock::now();
      auto xlsx = adapters::report::ToXlsx(*report);
      times[t++] = Seconds(started);
      if (!xlsx.ok()) return Fail(xlsx.status().ToString());
    }
    std::printf("%9d %11.3fs %11.3fs %11.3fs %11.3fs\n", size, times[0], times[1], times[2],
                times[3]);
  }
  return 0;
}
