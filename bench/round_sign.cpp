// round_sign: how long the Chairman's signing of one decision takes as its list grows (DOMAIN.md,
// "Rounds"; issue "One decision, one tờ trình, one session for many dossiers").
//
//   round_sign DATABASE_URL SOURCE_DIR [SIZES...]      (default sizes: 10 100 1000)
//
// For each size N it brings N dossiers to chairman_decision through Apply (four threads), drafts
// one decision and lists them all in one call (AddDossiers), then signs it: one transaction that
// approves every dossier through the lifecycle (its approve record, timers cancelled, notices
// queued, projection saved), takes one QĐ number and N sổ vàng numbers and writes the decision's
// records. It prints, per size, the time to list and to sign, and the signing time per dossier,
// so that its growth from 10 to 1,000 can be read off; then the time to make the signed
// decision's document (Quyết định with its attached list) as DOCX, and as PDF when LibreOffice is
// installed. Use an empty database (scripts/with-postgres
// gives a throwaway PostgreSQL in TDKT_TEST_PG_DSN; or sqlite:///tmp/round_sign.db).

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/db/apply_service.hpp"
#include "adapters/db/migrations.hpp"
#include "adapters/db/round_service.hpp"
#include "adapters/documents/round_documents.hpp"
#include "engine/audit/record.hpp"
#include "engine/documents.hpp"
#include "tests/tools/lifecycle_walk.hpp"

using namespace tdkt;
using namespace tdkt::engine;
using SteadyClock = std::chrono::steady_clock;

namespace {

int Fail(const std::string& message) {
  std::cerr << "round_sign: " << message << std::endl;
  return 1;
}

double Seconds(SteadyClock::time_point since) {
  return std::chrono::duration<double>(SteadyClock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Fail("usage: round_sign DATABASE_URL SOURCE_DIR [SIZES...]");
  const std::string source = argv[2];
  std::vector<int> sizes;
  for (int i = 3; i < argc; ++i) sizes.push_back(std::stoi(argv[i]));
  if (sizes.empty()) sizes = {10, 100, 1000};
  auto url = adapters::db::ParseDatabaseUrl(argv[1]);
  if (!url.ok()) return Fail(url.status().ToString());
  auto db = adapters::db::Database::Open(*url, 8);
  if (!db.ok()) return Fail(db.status().ToString());
  if (!adapters::db::Migrate(**db).ok()) return Fail("cannot migrate " + url->redacted);
  auto packs = adapters::config::LoadRulePackDirectory(source + "/config/rules");
  auto calendar = adapters::config::LoadWorkingCalendar(source + "/config/calendar");
  auto salaries = adapters::config::LoadBaseSalaryFile(source + "/config/base_salary.yaml");
  // Before the walk campaign's cut-off (31/7/2024).
  const Timestamp now = audit::ParseTimestamp("2024-07-22T01:00:00Z").value();
  if (Status s = tools::SetUpWalkCampaign(**db, "sign", "Đo thời gian ký", now); !s.ok()) {
    return Fail(s.ToString());
  }
  adapters::db::GroupCommitter committer(**db, {.writers = 4});
  adapters::db::ApplyService apply(**db, committer, packs, calendar);
  adapters::db::RoundService rounds(**db, committer, packs, salaries, calendar);
  auto steps = tools::WalkSteps(tools::kWalkSession);
  steps.pop_back();  // up to chairman_decision: the signing approves

  std::printf("%s, %u hardware threads\n", url->redacted.c_str(),
              std::thread::hardware_concurrency());
  std::printf("%8s %12s %12s %16s %10s %10s\n", "dossiers", "list (s)", "sign (s)",
              "sign/dossier (ms)", "docx (s)", "pdf (s)");
  for (int size : sizes) {
    const std::string prefix = "n" + std::to_string(size) + "-";
    std::vector<std::thread> workers;
    std::atomic<int> failures{0};
    for (int t = 0; t < 4; ++t) {
      workers.emplace_back([&, t] {
        for (int i = t; i < size; i += 4) {
          const std::string id = prefix + std::to_string(i);
          auto created =
              apply.Create(tools::WalkDraft("sign", id), tools::kOfficer, id + "-c", now);
          if (!created.ok()) {
            if (failures++ == 0) std::cerr << id << ": " << created.status().ToString() << "\n";
            continue;
          }
          for (std::size_t s = 0; s < steps.size(); ++s) {
            auto applied =
                tools::ApplyWalkStep(apply, rounds, id, steps[s], id + "-" + std::to_string(s),
                                     now + std::chrono::hours(static_cast<int>(s) + 1));
            if (!applied.ok()) {
              if (failures++ == 0) std::cerr << id << ": " << applied.status().ToString() << "\n";
              break;
            }
          }
        }
      });
    }
    for (auto& w : workers) w.join();
    if (failures > 0)
      return Fail(std::to_string(failures) + " dossiers did not reach the Chairman");
    const RoundId decision("qd-" + std::to_string(size));
    const Timestamp at = now + std::chrono::hours(24);
    if (!rounds
             .Draft(decision, RoundKind::kDecision, CampaignId("sign"), "Đo", tools::kSecretariat,
                    at)
             .ok()) {
      return Fail("cannot draft");
    }
    std::vector<DossierId> list;
    for (int i = 0; i < size; ++i) list.emplace_back(prefix + std::to_string(i));
    auto started = SteadyClock::now();
    auto listed = rounds.AddDossiers(decision, list, tools::kSecretariat, at);
    const double list_seconds = Seconds(started);
    if (!listed.ok()) return Fail("list: " + listed.status().ToString());
    started = SteadyClock::now();
    auto signed_round = rounds.Sign(decision, tools::kChairman, "sign-" + decision.value(), at);
    const double sign_seconds = Seconds(started);
    if (!signed_round.ok()) return Fail("sign: " + signed_round.status().ToString());
    if (static_cast<int>(signed_round->dossiers.size()) != size) return Fail("not every dossier");
    started = SteadyClock::now();
    // One commune throughout (no administration.yaml): the document as before the merger.
    auto facts = adapters::documents::LoadDocumentFacts(**db, signed_round->round, packs, nullptr,
                                                        calendar.LocalDate(at));
    if (!facts.ok()) return Fail("document facts: " + facts.status().ToString());
    const OfficialDocument document = RoundDocument(signed_round->round, *facts);
    auto docx = adapters::documents::Render(document, adapters::documents::DocumentFormat::kDocx);
    const double docx_seconds = Seconds(started);
    if (!docx.ok()) return Fail("docx: " + docx.status().ToString());
    started = SteadyClock::now();
    auto pdf = adapters::documents::Render(document, adapters::documents::DocumentFormat::kPdf);
    const double pdf_seconds = pdf.ok() ? Seconds(started) : -1;
    std::printf("%8d %12.3f %12.3f %16.3f %10.3f %10.3f\n", size, list_seconds, sign_seconds,
                1000.0 * sign_seconds / size, docx_seconds, pdf_seconds);
  }
  return 0;
}
