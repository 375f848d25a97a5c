#pragma once
// A migrated database with the engine's Apply path on it: the shipped rule packs and calendar,
// a GroupCommitter, an ApplyService and a RoundService (with config/base_salary.yaml); and the
// reference campaign with unit thon-1 for tests that walk dossiers. One fixture per test; not
// thread-safe.

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "adapters/config/calendar_loader.hpp"
#include "adapters/config/rule_pack_loader.hpp"
#include "adapters/db/apply_service.hpp"
#include "adapters/db/directory_store.hpp"
#include "adapters/db/dossier_store.hpp"
#include "adapters/db/group_commit.hpp"
#include "adapters/db/round_service.hpp"
#include "engine/audit/record.hpp"
#include "tests/adapters/support/store_fixture.hpp"
#include "tests/tools/lifecycle_walk.hpp"

namespace tdkt::testing {

class ApplyServiceTest : public MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    packs_ = adapters::config::LoadRulePackDirectory(TDKT_SOURCE_DIR "/config/rules");
    calendar_ = adapters::config::LoadWorkingCalendar(TDKT_SOURCE_DIR "/config/calendar");
    committer_ =
        std::make_unique<adapters::db::GroupCommitter>(*db_, adapters::db::GroupCommitSettings{});
    salaries_ = adapters::config::LoadBaseSalaryFile(TDKT_SOURCE_DIR "/config/base_salary.yaml");
    service_ = std::make_unique<adapters::db::ApplyService>(*db_, *committer_, packs_, calendar_);
    rounds_ = std::make_unique<adapters::db::RoundService>(*db_, *committer_, packs_, salaries_,
                                                           calendar_);
  }

  void TearDown() override {
    rounds_.reset();
    service_.reset();
    committer_.reset();
    MigratedDatabaseTest::TearDown();
  }

  // Saves campaign binh-luong-75 (Giấy khen and Chiến sĩ thi đua cơ sở, cut-off 31/7/2024) and
  // unit thon-1.
  void SaveReferenceCampaign(engine::Timestamp now) {
    engine::Campaign campaign;
    campaign.id = engine::CampaignId("binh-luong-75");
    campaign.name = "Thi đua chào mừng kỷ niệm 75 năm thành lập Đảng bộ huyện";
    campaign.plan_number = "25/KH-UBND";
    campaign.allowed_awards = {engine::AwardId("giay_khen_xa"),
                               engine::AwardId("chien_si_thi_dua_co_so")};
    campaign.nomination_cutoff = std::chrono::sys_days(std::chrono::year(2024) / 7 / 31);
    auto sql = db_->Acquire();
    adapters::db::DossierStore store(db_->backend());
    ASSERT_TRUE(store.SaveCampaign(*sql, campaign, now).ok());
    ASSERT_TRUE(adapters::db::DirectoryStore(db_->backend())
                    .SaveUnit(*sql, {"thon-1", "Thôn 1", "village", {}, {}})
                    .ok());
  }

  engine::RulePackRegistry packs_;
  engine::BaseSalaryTable salaries_;
  engine::calendar::WorkingCalendar calendar_;
  std::unique_ptr<adapters::db::GroupCommitter> committer_;
  std::unique_ptr<adapters::db::ApplyService> service_;
  std::unique_ptr<adapters::db::RoundService> rounds_;
};

namespace lifecycle_detail {
using namespace engine;
using adapters::db::ApplyOutcome;
using adapters::db::DirectoryStore;
using adapters::db::NewDossier;
using adapters::db::RoundService;
using std::chrono::hours;
inline Timestamp At(const char* text) { return audit::ParseTimestamp(text).value(); }
inline Actor Officer(const char* unit) { return tools::OfficerOf(unit); }
inline Actor Head(const char* unit) { return tools::HeadOf(unit); }
inline Actor Secretariat() { return tools::kSecretariat; }
inline Actor Chairman() { return tools::kChairman; }
using tools::kAllDocuments;
}  // namespace lifecycle_detail

namespace lifecycle_detail {
// ApplyServiceTest with the reference campaign, units thon-1 and truong-thcs, the council session
// hd-2024-08-05 (10 members, 9 present), and helpers that walk dossiers through Apply.
class LifecycleApplyTest : public ApplyServiceTest {
 protected:
  void SetUp() override {
    ApplyServiceTest::SetUp();
    if (HasFatalFailure()) return;
    SaveReferenceCampaign(now_);
    if (HasFatalFailure()) return;
    auto sql = db_->Acquire();
    ASSERT_TRUE(DirectoryStore(db_->backend())
                    .SaveUnit(*sql, {"truong-thcs", "Trường THCS", "school", {}, {}})
                    .ok());
    // The council session the votes name, as the secretariat records it.
    ASSERT_TRUE(DirectoryStore(db_->backend())
                    .AddCouncilSession(*sql, {"hd-2024-08-05", "binh-luong-75", "2024-08-05", 10, 9,
                                              "u-secretariat", "2024-08-05T01:00:00Z"})
                    .ok());
  }

  // Creates a dossier and brings it to council_review.
  void ToCouncil(const std::string& id) {
    NewDossier d{
        DossierId(id),
        CampaignId("binh-luong-75"),
        UnitId("thon-1"),
        Nominee{NomineeId("n-" + id), NomineeKind::kIndividual, "Lê Văn " + id, true, false},
        AwardId("giay_khen_xa"),
        "Hoàn thành xuất sắc nhiệm vụ"};
    ASSERT_TRUE(service_->Create(d, Officer("thon-1"), "create-" + id, now_).ok());
    for (auto [command, actor] : std::vector<std::pair<Command, Actor>>{
             {Submit{"Hoàn thành xuất sắc nhiệm vụ", kAllDocuments}, Officer("thon-1")},
             {UnitApprove{9, 1, 10}, Head("thon-1")},
             {Accept{}, Secretariat()},
             {AppraisePass{"đủ điều kiện"}, Secretariat()}}) {
      ASSERT_TRUE(Send(id, command, actor).ok()) << EventName(TypeOf(command));
    }
  }

  Result<ApplyOutcome> Send(const std::string& dossier, Command command, Actor actor) {
    now_ += hours(1);
    return service_->Apply({DossierId(dossier), std::move(command), std::move(actor),
                            "r-" + std::to_string(++requests_)},
                           now_);
  }

  // Creates a dossier and brings it to chairman_decision.
  void ToChairman(const std::string& id, const char* award, const char* unit = "thon-1") {
    NewDossier d{
        DossierId(id),
        CampaignId("binh-luong-75"),
        UnitId(unit),
        Nominee{NomineeId("n-" + id), NomineeKind::kIndividual, "Nguyễn Thị " + id, true, true},
        AwardId(award),
        "Hoàn thành xuất sắc nhiệm vụ"};
    auto created = service_->Create(d, Officer(unit), "create-" + id, now_);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    for (auto [command, actor] : std::vector<std::pair<Command, Actor>>{
             {Submit{"Hoàn thành xuất sắc nhiệm vụ", kAllDocuments}, Officer(unit)},
             {UnitApprove{9, 1, 10}, Head(unit)},
             {Accept{}, Secretariat()},
             {AppraisePass{"đủ điều kiện"}, Secretariat()},
             {CouncilVote{CouncilSessionId("hd-2024-08-05"), 10, 9, 8, 1}, Secretariat()}}) {
      auto outcome = Send(id, command, actor);
      ASSERT_TRUE(outcome.ok()) << EventName(TypeOf(command)) << ": "
                                << outcome.status().ToString();
    }
  }

  // The Chairman approving (kDecision) or escalating (kSubmission) one dossier: a round of one.
  Result<ApplyOutcome> Alone(const std::string& dossier, RoundKind kind,
                             RoundService* rounds = nullptr, std::string request_id = "") {
    now_ += hours(1);
    if (request_id.empty()) request_id = "r-" + std::to_string(++requests_);
    auto signed_round = (rounds != nullptr ? rounds : rounds_.get())
                            ->DecideAlone(kind, DossierId(dossier), "Tờ trình về " + dossier,
                                          Chairman(), request_id, now_);
    if (!signed_round.ok()) return signed_round.status();
    if (signed_round->dossiers.size() != 1) return Status::Unavailable("not a round of one");
    return signed_round->dossiers.front();
  }

  int Count(const std::string& query) {
    auto sql = db_->Acquire();
    int n = 0;
    *sql << query, soci::into(n);
    return n;
  }

  Timestamp now_ = At("2024-07-22T01:00:00Z");
  int requests_ = 0;
};
}  // namespace lifecycle_detail
using lifecycle_detail::LifecycleApplyTest;

}  // namespace tdkt::testing
